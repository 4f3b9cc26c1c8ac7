// Project checks for each workspace folder: git (`missing-git-repo`), frameworks declared across
// manifests, every manifest's own findings, and the selected interpreter's version. Run on activation,
// on file-system changes, on settings and interpreter changes. The interpreter's findings go on the line
// where the folder declares its Python, or nowhere.
import * as vscode from 'vscode';
import { MANIFEST_GLOB, isManifest } from '../../core/analysis/manifests';
import { checkProject, declaredPythonLocation, findGitRoot } from '../../core/analysis/project';
import type { Finding } from '../../core/analysis/types';
import { interpreterFindings } from '../../core/workspace/interpreter';
import type { PitfallDiagnostics } from './controller';
import { initializedGitApi, isUnderGit, type GitApi } from './git';
import { CoalescingRunner } from '../../core/util/coalescingRunner';
import { workspaceFileFilter } from './workspaceFiles';
import { ProjectDocuments, gitMissingRange, projectDocumentUri, type GitState } from './projectDocument';

const MAX_MANIFESTS = 200;
/** Folders whose YAML is never a project's environment file (and can hold thousands of files). */
const YAML_SKIPPED = '**/{node_modules,.git,.venv,venv,site-packages,.github}/**';

/** What the environment service offers (src/editor/environment.ts). */
export interface InterpreterSource {
  getInterpreter(): Promise<{ path: string; version?: string; error?: string } | undefined>;
  onDidChange: vscode.Event<void>;
}

export class ProjectChecks implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly runner = new CoalescingRunner(
    () => this.runOnce(),
    (e) => this.output.error(vscode.l10n.t('Project checks failed: {0}', e instanceof Error ? e.stack ?? e.message : String(e))),
    () => {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    },
  );
  private readonly disposables: vscode.Disposable[] = [];
  /** Where folder-wide findings (`missing-git-repo`) are shown instead of on unrelated code. */
  readonly pages = new ProjectDocuments();
  private gitSubscribed = false;
  /** Resolves after the first complete run (tests and the scan wait on it). */
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly diagnostics: PitfallDiagnostics,
    private readonly environment: InterpreterSource | undefined,
    private readonly output: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(MANIFEST_GLOB);
    const sources = vscode.workspace.createFileSystemWatcher('**/*.{py,ipynb}', false, true, false);
    const git = vscode.workspace.createFileSystemWatcher('**/.git', false, true, false);
    const changed = () => this.schedule();
    this.disposables.push(
      this.pages, watcher, sources, git,
      watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed),
      sources.onDidCreate(changed), sources.onDidDelete(changed),
      git.onDidCreate(changed), git.onDidDelete(changed),
      vscode.workspace.onDidChangeWorkspaceFolders(changed),
      vscode.workspace.onDidGrantWorkspaceTrust(changed),
    );
    if (environment) this.disposables.push(environment.onDidChange(changed));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  /** Runs the checks after a short quiet period (file events come in bursts). */
  schedule(delayMs = 300): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delayMs);
  }

  /** Runs the checks now; a run requested while one is going starts again when it ends. */
  run(): Promise<void> {
    return this.runner.run();
  }

  /** Resolves when no run is pending or going. */
  async idle(): Promise<void> {
    while (this.timer || this.runner.running) {
      if (this.runner.running) await this.runner.running;
      else await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  private async runOnce(): Promise<void> {
    const started = performance.now();
    const api = await initializedGitApi();
    this.subscribeToGit(api);
    const byFile = new Map<string, { uri: vscode.Uri; findings: Finding[] }>();
    const add = (uri: vscode.Uri, finding: Finding) => {
      const key = uri.toString();
      const entry = byFile.get(key) ?? { uri, findings: [] };
      entry.findings.push(finding);
      byFile.set(key, entry);
    };
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const options = this.diagnostics.folderOptions(folder.uri);
      await this.checkManifests(folder);
      if (folder.uri.scheme !== 'file') continue; // the git and project walks need files on disk
      let findings: ReturnType<typeof checkProject> = [];
      try {
        findings = checkProject(folder.uri.fsPath, options);
      } catch (e) {
        this.output.warn(vscode.l10n.t('Could not check the project in {0}: {1}', folder.uri.fsPath, e instanceof Error ? e.message : String(e)));
      }
      let git: GitState;
      for (const finding of findings) {
        if (finding.rule === 'missing-git-repo') {
          git = isUnderGit(folder.uri, api) ? 'present' : 'missing';
          if (git === 'missing') add(projectDocumentUri(folder.uri), { ...withoutFile(finding), range: gitMissingRange() });
          continue;
        }
        const uri = vscode.Uri.file(finding.file);
        if (this.diagnostics.isExcluded(uri)) continue;
        add(uri, withoutFile(finding));
      }
      this.pages.setGit(folder.uri, git ?? (findGitRoot(folder.uri.fsPath) ? 'present' : undefined));
      const interpreter = await this.interpreterFindings(folder);
      if (interpreter) for (const f of interpreter.findings) add(interpreter.host, f);
    }
    this.diagnostics.setProjectFindings(byFile);
    this.output.debug(`Project checks took ${(performance.now() - started).toFixed(0)} ms.`);
  }

  private subscribeToGit(api: GitApi | undefined): void {
    if (!api || this.gitSubscribed) return;
    this.gitSubscribed = true;
    const changed = () => this.schedule(100);
    this.disposables.push(api.onDidOpenRepository(changed), api.onDidCloseRepository(changed), api.onDidChangeState(changed));
  }

  /** Every manifest's own findings, read from disk, kept in Problems while its editor is closed. */
  private async checkManifests(folder: vscode.WorkspaceFolder): Promise<void> {
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, MANIFEST_GLOB), undefined, MAX_MANIFESTS);
    // Conda environments under other names (gpu_env.yml): checkFileOnDisk keeps only YAML that is one.
    const yaml = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{yml,yaml}'), YAML_SKIPPED, MAX_MANIFESTS);
    const checked = workspaceFileFilter(this.diagnostics);
    for (const uri of [...uris.filter((u) => isManifest(u.path)), ...yaml.filter((u) => !isManifest(u.path))]) {
      if (checked(uri)) await this.diagnostics.checkFileOnDisk(uri, true);
    }
  }

  /**
   * `python2` / `python-version` for the selected interpreter, on the line where the folder declares its Python
   * (`requires-python`, `.python-version`…): that is what it is about. A folder that declares none gets no
   * finding in a file (it would underline unrelated code); the status item and Check Environment show it.
   */
  private async interpreterFindings(folder: vscode.WorkspaceFolder): Promise<{ host: vscode.Uri; findings: Finding[] } | undefined> {
    if (!this.environment) return undefined;
    let interpreter: Awaited<ReturnType<InterpreterSource['getInterpreter']>>;
    try {
      interpreter = await this.environment.getInterpreter();
    } catch {
      return undefined;
    }
    if (!interpreter?.version || interpreter.error) return undefined; // the environment service explains errors itself
    const declared = declaredPythonLocation(folder.uri.fsPath);
    if (!declared) return undefined;
    const host = vscode.Uri.file(declared.file);
    if (this.diagnostics.isExcluded(host)) return undefined;
    const findings = interpreterFindings(interpreter, this.diagnostics.folderOptions(folder.uri), declared.range);
    return findings.length ? { host, findings } : undefined;
  }
}

function withoutFile(finding: ReturnType<typeof checkProject>[number]): Finding {
  const { file: _file, command: _command, ...plain } = finding;
  return plain;
}
