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

export const RESTRICTED_MESSAGE =
  'Initialize Git Repository is not available in Restricted Mode: it runs git. Trust this workspace (Manage Workspace Trust) to use it.';

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
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to put under git' });
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
    void vscode.window.showWarningMessage(RESTRICTED_MESSAGE);
    return false;
  }
  const folder = await targetFolder(arg);
  if (!folder) {
    void vscode.window.showInformationMessage('Open a folder first: Initialize Git Repository puts a workspace folder under git.');
    return false;
  }
  if (folder.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage(`Initialize Git Repository needs a folder on disk; ${folder.name} is on ${folder.uri.scheme}:.`);
    return false;
  }
  const api = await gitApi();
  if (isUnderGit(folder.uri, api)) {
    void vscode.window.showInformationMessage(`${folder.name} is already in a git repository.`);
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
      void vscode.window.showErrorMessage(`Could not initialize a git repository in ${folder.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else {
    const answer = await vscode.window.showWarningMessage(
      `Run "git init" in ${folder.uri.fsPath}?`,
      { modal: true, detail: 'The built-in Git extension is not available, so Python for AI runs git itself.' },
      'Initialize',
    );
    if (answer !== 'Initialize') return false;
    const result = await runProcess('git', ['init'], { cwd: folder.uri.fsPath, timeoutMs: 15_000 });
    ok = result.ok;
    if (!ok) void vscode.window.showErrorMessage(`Could not initialize a git repository: ${result.error ?? 'git init failed.'}`);
  }
  if (!ok) return false;
  output.info(`Initialized a git repository in ${folder.uri.fsPath}.`);
  onDone();
  if (options?.gitignore === true) await writeGitignore(folder.uri, true);
  else if (options?.gitignore === undefined) void offerGitignore(folder.uri);
  return true;
}

const GITIGNORE_HELP = 'virtualenvs, __pycache__, .ipynb_checkpoints, data/ and model files (*.pt, *.h5, *.onnx, …)';

/** Asks before writing; never overwrites: an existing .gitignore only gains the missing lines, after asking. */
async function offerGitignore(folder: vscode.Uri): Promise<void> {
  const existing = await readText(vscode.Uri.joinPath(folder, '.gitignore'));
  if (existing === undefined) {
    const choice = await vscode.window.showInformationMessage(`Git repository created. Add a Python .gitignore (${GITIGNORE_HELP})?`, 'Create .gitignore', 'No');
    if (choice === 'Create .gitignore') await writeGitignore(folder, false);
    return;
  }
  const missing = missingGitignoreLines(existing);
  if (missing.length === 0) return;
  const choice = await vscode.window.showInformationMessage(
    `Git repository created. Your .gitignore lacks ${missing.length} pattern(s) Python ML projects usually ignore (${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ', …' : ''}). Append them?`,
    'Append',
    'Leave it',
  );
  if (choice === 'Append') await writeGitignore(folder, true);
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
    void vscode.window.showErrorMessage(`Could not write ${uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
