// The roadmap the user or a teacher points `pythonForAI.roadmap.file` at, merged with the built-in
// one. A broken file is reported once (with line and column) and the built-in roadmap stays.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { builtInRoadmap, formatRoadmapError, mergeRoadmaps, parseRoadmap, type MergeMode, type Roadmap, type RoadmapError } from '../../core/roadmap';

export interface LoadedRoadmap {
  roadmap: Roadmap;
  /** The user file, when one is configured; starters with a `template` resolve next to it. */
  userFile?: vscode.Uri;
  /** Ids of the steps that come from the user file. */
  userStepIds: Set<string>;
  /** Problems of the user file, formatted `file:line:column: message`. */
  errors: string[];
}

export function roadmapFileSetting(): { file: string; mode: MergeMode; folder?: vscode.WorkspaceFolder } {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const config = vscode.workspace.getConfiguration('pythonForAI', folder?.uri);
  const mode = config.get<string>('roadmap.mode') === 'replace' ? 'replace' : 'extend';
  return { file: (config.get<string>('roadmap.file') ?? '').trim(), mode, folder };
}

export class UserRoadmapLoader {
  /** Error texts already shown in a notification, so a broken file is announced once, not on every refresh. */
  private readonly announced = new Set<string>();

  constructor(private readonly output: vscode.LogOutputChannel) {}

  async load(): Promise<LoadedRoadmap> {
    const { file, mode, folder } = roadmapFileSetting();
    if (!file) return { roadmap: builtInRoadmap(), userStepIds: new Set(), errors: [] };
    let uri: vscode.Uri;
    if (path.isAbsolute(file)) uri = vscode.Uri.file(file);
    else if (folder) uri = vscode.Uri.joinPath(folder.uri, ...file.split(/[/\\]/));
    else return this.fail(undefined, file, [{ message: 'A relative roadmap file needs an open folder.' }]);

    let text: string;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > 1024 * 1024) return this.fail(uri, file, [{ message: 'The roadmap file is larger than 1 MB.' }]);
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (e) {
      const message = e instanceof vscode.FileSystemError || (e as { code?: string }).code === 'FileNotFound' ? 'The file does not exist.' : e instanceof TypeError ? 'The file is not UTF-8 text.' : `The file could not be read: ${String(e)}`;
      return this.fail(uri, file, [{ message }]);
    }
    const parsed = parseRoadmap(text);
    if (!parsed.roadmap) return this.fail(uri, file, parsed.errors);
    this.output.info(`Roadmap: ${mode === 'replace' ? 'using' : 'extending the built-in roadmap with'} ${file} (${parsed.roadmap.steps.length + parsed.roadmap.next.steps.length} steps).`);
    const userStepIds = new Set([...parsed.roadmap.steps, ...parsed.roadmap.next.steps].map((s) => s.id));
    return { roadmap: mergeRoadmaps(builtInRoadmap(), parsed.roadmap, mode), userFile: uri, userStepIds, errors: [] };
  }

  private fail(uri: vscode.Uri | undefined, file: string, errors: RoadmapError[]): LoadedRoadmap {
    const lines = errors.map((e) => formatRoadmapError(file, e));
    for (const line of lines) this.output.error(`Roadmap: ${line}`);
    const key = lines.join('\n');
    if (!this.announced.has(key)) {
      this.announced.add(key);
      const first = errors[0];
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''}, see the output)` : '';
      const actions = uri && first.line !== undefined ? ['Open File', 'Show Output'] : ['Show Output'];
      void vscode.window.showErrorMessage(`Python for AI: the roadmap file ${lines[0].replace(/\.$/, '')}${more}. Showing the built-in roadmap.`, ...actions).then((choice) => {
        if (choice === 'Show Output') this.output.show(true);
        else if (choice === 'Open File' && uri) {
          const pos = new vscode.Position((first.line ?? 1) - 1, (first.column ?? 1) - 1);
          void vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos) });
        }
      });
    }
    return { roadmap: builtInRoadmap(), userFile: undefined, userStepIds: new Set(), errors: lines };
  }
}
