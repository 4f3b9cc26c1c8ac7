// Snippet bodies by prefix, read from the extension's snippets/*.json (the snippet files VS Code
// itself contributes), so a roadmap step can insert the same snippets a user can type.
import * as vscode from 'vscode';

export interface SnippetEntry {
  prefix: string;
  name: string;
  description?: string;
  body: string;
}

export class SnippetLibrary {
  private entries?: Promise<Map<string, SnippetEntry>>;

  constructor(private readonly extensionUri: vscode.Uri, private readonly output: vscode.LogOutputChannel) {}

  all(): Promise<Map<string, SnippetEntry>> {
    this.entries ??= this.readAll();
    return this.entries;
  }

  async get(prefix: string): Promise<SnippetEntry | undefined> {
    return (await this.all()).get(prefix);
  }

  private async readAll(): Promise<Map<string, SnippetEntry>> {
    const map = new Map<string, SnippetEntry>();
    const dir = vscode.Uri.joinPath(this.extensionUri, 'snippets');
    let files: [string, vscode.FileType][];
    try {
      files = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      return map;
    }
    for (const [name, type] of files) {
      if (type !== vscode.FileType.File || !name.endsWith('.json')) continue;
      try {
        const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name)))) as Record<string, unknown>;
        for (const [title, value] of Object.entries(json)) {
          const v = value as { prefix?: unknown; body?: unknown; description?: unknown };
          const prefixes = Array.isArray(v.prefix) ? v.prefix : [v.prefix];
          const body = Array.isArray(v.body) ? v.body.join('\n') : typeof v.body === 'string' ? v.body : undefined;
          if (body === undefined) continue;
          for (const p of prefixes) {
            if (typeof p === 'string' && !map.has(p)) map.set(p, { prefix: p, name: title, description: typeof v.description === 'string' ? v.description : undefined, body });
          }
        }
      } catch (e) {
        this.output.warn(`Roadmap: could not read snippets/${name}: ${String(e)}`);
      }
    }
    return map;
  }
}
