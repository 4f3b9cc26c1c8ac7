// Git for the pitfall checks: which folders the built-in git extension knows as repositories, and
// "Initialize Git repository" (the git extension's API when present, else `git init` after asking).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findGitRoot } from '../../core/analysis/project';
import { appendGitignoreLines, missingGitignoreLines, newGitignore } from '../../core/workspace/gitignore';
import { runProcess } from '../process';

/** The part of the `vscode.git` extension's API (version 1) used here. */
export interface GitApi {
  state: 'uninitialized' | 'initialized';
  onDidChangeState: vscode.Event<unknown>;
  repositories: { rootUri: vscode.Uri }[];
  onDidOpenRepository: vscode.Event<unknown>;
  onDidCloseRepository: vscode.Event<unknown>;
  init(root: vscode.Uri): Promise<unknown>;
}

interface GitExtensionExports {
  enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** Why Initialize Git Repository does nothing in Restricted Mode (read at call time, in the user's language). */
export function restrictedMessage(): string {
  return vscode.l10n.t('Initialize Git Repository is not available in Restricted Mode: it runs git. Trust this workspace (Manage Workspace Trust) to use it.');
}

/**
 * The git extension's API, or undefined when it is absent, disabled (`git.enabled: false`) or the
 * workspace is untrusted (the git extension does not run in Restricted Mode, and we never start it there).
 */
export async function gitApi(): Promise<GitApi | undefined> {
  if (!vscode.workspace.isTrusted) return undefined;
  const extension = vscode.extensions.getExtension<GitExtensionExports>('vscode.git');
  if (!extension) return undefined;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    return exports?.enabled ? exports.getAPI(1) : undefined;
  } catch {
    return undefined;
  }
}

/** Waits (bounded) for the git extension to finish its first look at the workspace. */
export async function initializedGitApi(timeoutMs = 5000): Promise<GitApi | undefined> {
  const api = await gitApi();
  if (!api || api.state === 'initialized') return api;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      resolve();
    }, timeoutMs);
    const subscription = api.onDidChangeState(() => {
      if (api.state !== 'initialized') return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
  return api;
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Whether `folder` is inside a git working tree: the git extension's repositories first, then `.git` on disk. */
export function isUnderGit(folder: vscode.Uri, api: GitApi | undefined): boolean {
  if (api?.repositories.some((r) => isInside(folder.fsPath, r.rootUri.fsPath))) return true;
  return findGitRoot(folder.fsPath) !== undefined;
}

/** Resolves the command's argument (a folder Uri or path, a file in a folder, or nothing) to a workspace folder. */
async function targetFolder(arg: unknown): Promise<vscode.WorkspaceFolder | undefined> {
  const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' && arg ? vscode.Uri.file(arg) : undefined;
  if (uri) return vscode.workspace.getWorkspaceFolder(uri);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Folder to put under git') });
}

export interface InitOptions {
  /** `true`: write or complete the .gitignore without asking; `false`: leave it; unset: offer it. */
  gitignore?: boolean;
}

/**
 * `pythonForAI.initGitRepository`: returns whether a repository now exists. Never in Restricted Mode.
 * `onDone` re-runs the project checks so the finding goes away.
 */
export async function initGitRepository(arg: unknown, options: InitOptions | undefined, output: vscode.LogOutputChannel, onDone: () => void): Promise<boolean> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(restrictedMessage());
    return false;
  }
  const folder = await targetFolder(arg);
  if (!folder) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: Initialize Git Repository puts a workspace folder under git.'));
    return false;
  }
  if (folder.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Initialize Git Repository needs a folder on disk; {0} is on {1}:.', folder.name, folder.uri.scheme));
    return false;
  }
  const api = await gitApi();
  if (isUnderGit(folder.uri, api)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already in a git repository.', folder.name));
    onDone();
    return true;
  }
  let ok: boolean;
  if (api) {
    try {
      await api.init(folder.uri);
      ok = true;
    } catch (e) {
      ok = false;
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not initialize a git repository in {0}: {1}', folder.name, e instanceof Error ? e.message : String(e)));
    }
  } else {
    const initialize = vscode.l10n.t('Initialize');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Run "git init" in {0}?', folder.uri.fsPath),
      { modal: true, detail: vscode.l10n.t('The built-in Git extension is not available, so Python for AI runs git itself.') },
      initialize,
    );
    if (answer !== initialize) return false;
    const result = await runProcess('git', ['init'], { cwd: folder.uri.fsPath, timeoutMs: 15_000 });
    ok = result.ok;
    if (!ok) void vscode.window.showErrorMessage(vscode.l10n.t('Could not initialize a git repository: {0}', result.error ?? vscode.l10n.t('git init failed.')));
  }
  if (!ok) return false;
  output.info(vscode.l10n.t('Initialized a git repository in {0}.', folder.uri.fsPath));
  onDone();
  if (options?.gitignore === true) await writeGitignore(folder.uri, true);
  else if (options?.gitignore === undefined) void offerGitignore(folder.uri);
  return true;
}

/** Asks before writing; never overwrites: an existing .gitignore only gains the missing lines, after asking. */
async function offerGitignore(folder: vscode.Uri): Promise<void> {
  const existing = await readText(vscode.Uri.joinPath(folder, '.gitignore'));
  if (existing === undefined) {
    const create = vscode.l10n.t('Create .gitignore');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Git repository created. Add a Python .gitignore (virtualenvs, __pycache__, .ipynb_checkpoints, data/ and model files (*.pt, *.h5, *.onnx, …))?'),
      create,
      vscode.l10n.t('No'),
    );
    if (choice === create) await writeGitignore(folder, false);
    return;
  }
  const missing = missingGitignoreLines(existing);
  if (missing.length === 0) return;
  const append = vscode.l10n.t('Append');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Git repository created. Your .gitignore lacks {0} pattern(s) Python ML projects usually ignore ({1}). Append them?', missing.length, `${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ', …' : ''}`),
    append,
    vscode.l10n.t('Leave it'),
  );
  if (choice === append) await writeGitignore(folder, true);
}

/** Creates the .gitignore, or (when `appendToExisting`) appends the missing patterns to an existing one. */
export async function writeGitignore(folder: vscode.Uri, appendToExisting: boolean): Promise<void> {
  const uri = vscode.Uri.joinPath(folder, '.gitignore');
  const existing = await readText(uri);
  let text: string;
  if (existing === undefined) text = newGitignore();
  else if (appendToExisting) text = appendGitignoreLines(existing, missingGitignoreLines(existing));
  else return;
  if (text === existing) return;
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not write {0}: {1}', uri.fsPath, e instanceof Error ? e.message : String(e)));
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
