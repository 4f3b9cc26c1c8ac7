// Collects the roadmap's evidence from the workspace: which files match the detectors, whether the
// folder is a git repository, and the interpreter with its packages (from EnvironmentService).
// Cheap by design: a bounded file search, small files only, results cached by modification time.
import * as vscode from 'vscode';
import { findGitRoot } from '../../core/analysis/project';
import { fileEvidence, isKaggleFile, starterFingerprints, type DetectorId, type Evidence, type FileEvidence } from '../../core/roadmap';
import type { EnvironmentService } from '../environment';

const MAX_FILES = 200;
const MAX_READS = 60;
const MAX_BYTES = 512 * 1024;
const DEBOUNCE_MS = 600;

interface CachedFile {
  mtime: number;
  size: number;
  found: FileEvidence;
}

export class EvidenceCollector implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (debounced) when something the evidence depends on changed; call `collect()` again. */
  readonly onDidChange = this.changed.event;
  private readonly cache = new Map<string, CachedFile>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer?: NodeJS.Timeout;
  private starters = new Set<string>();

  constructor(private readonly environment: EnvironmentService, private readonly output: vscode.LogOutputChannel) {
    const files = vscode.workspace.createFileSystemWatcher('**/*.{py,ipynb,csv}');
    const git = vscode.workspace.createFileSystemWatcher('**/.git/{HEAD,index}');
    const gitFolder = vscode.workspace.createFileSystemWatcher('**/.git');
    const onFile = (uri: vscode.Uri) => {
      this.cache.delete(uri.toString());
      this.schedule();
    };
    this.disposables.push(
      files, git, gitFolder,
      files.onDidCreate(onFile), files.onDidChange(onFile), files.onDidDelete(onFile),
      git.onDidCreate(() => this.schedule()), gitFolder.onDidCreate(() => this.schedule()), gitFolder.onDidDelete(() => this.schedule()),
      environment.onDidChange(() => this.schedule()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()),
    );
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire();
    }, DEBOUNCE_MS);
  }

  /** The roadmap's starter templates: a file that is one of them unchanged is not evidence. */
  setStarterTemplates(templates: readonly string[]): void {
    const next = starterFingerprints(templates);
    if (next.size === this.starters.size && [...next].every((f) => this.starters.has(f))) return;
    this.starters = next;
    this.cache.clear();
  }

  async collect(): Promise<Evidence> {
    const [{ files, unchangedStarters, pitfalls }, interpreter, packages] = await Promise.all([this.scanFiles(), this.environment.getInterpreter(), this.environment.getInstalledPackages()]);
    const folder = vscode.workspace.workspaceFolders?.[0];
    const git = folder?.uri.scheme === 'file' ? findGitRoot(folder.uri.fsPath) !== undefined : undefined;
    return {
      files,
      unchangedStarters,
      pitfalls,
      interpreter: interpreter ? { path: interpreter.path, version: interpreter.version, error: interpreter.error } : undefined,
      packages: packages.error ? undefined : packages.packages,
      git,
    };
  }

  private excludeGlob(): string {
    const patterns = vscode.workspace.getConfiguration('pythonForAI').get<string[]>('exclude') ?? [];
    const all = [...patterns, '**/node_modules/**', '**/.git/**'].filter((p) => !p.includes('{') && !p.includes(','));
    return `{${all.join(',')}}`;
  }

  private async scanFiles(): Promise<Pick<Evidence, 'files' | 'unchangedStarters' | 'pitfalls'>> {
    const result: Required<Pick<Evidence, 'files' | 'unchangedStarters' | 'pitfalls'>> = { files: {}, unchangedStarters: {}, pitfalls: {} };
    if (!vscode.workspace.workspaceFolders?.length) return result;
    const relative = (uri: vscode.Uri) => vscode.workspace.asRelativePath(uri, false);
    const add = (id: DetectorId, uri: vscode.Uri) => (result.files[id] ??= []).push(relative(uri));
    const exclude = this.excludeGlob();
    try {
      // A submission CSV is the output of the step's work (Kaggle's sample_submission.csv is set aside by name).
      for (const uri of await vscode.workspace.findFiles('**/*submission*.csv', exclude, 10)) {
        if (isKaggleFile(uri.path)) add('kaggle-submission', uri);
      }
      const sources = await vscode.workspace.findFiles('**/*.{py,ipynb}', exclude, MAX_FILES);
      sources.sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path));
      let reads = 0;
      for (const uri of sources) {
        const key = uri.toString();
        let stat: vscode.FileStat;
        try {
          stat = await vscode.workspace.fs.stat(uri);
        } catch {
          continue;
        }
        let cached = this.cache.get(key);
        if (!cached || cached.mtime !== stat.mtime || cached.size !== stat.size) {
          if (stat.size > MAX_BYTES || reads >= MAX_READS) continue;
          reads++;
          cached = { mtime: stat.mtime, size: stat.size, found: await this.detect(uri) };
          this.cache.set(key, cached);
        }
        const { detectors, unchangedStarter, pitfalls } = cached.found;
        for (const id of detectors) {
          if (unchangedStarter) (result.unchangedStarters[id] ??= []).push(relative(uri));
          else add(id, uri);
        }
        if (detectors.length && pitfalls.length) result.pitfalls[relative(uri)] = pitfalls;
      }
    } catch (e) {
      this.output.warn(vscode.l10n.t('Roadmap: the workspace scan failed: {0}', String(e)));
    }
    return result;
  }

  private async detect(uri: vscode.Uri): Promise<FileEvidence> {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (!bytes.includes(0)) return fileEvidence(uri.path, new TextDecoder('utf-8').decode(bytes), this.starters);
    } catch {
      // unreadable: no evidence
    }
    return { detectors: [], unchangedStarter: false, pitfalls: [] };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
