// A read-only "project checks" page per workspace folder, where findings about the folder as a
// whole (`missing-git-repo`) are shown. Put on line 1 of requirements.txt or the first .py file, such a
// finding underlined code it is not about; here it underlines the sentence that states it, the
// Problems panel lists it under the folder, and its quick fix (git init) works on this page.
import * as vscode from 'vscode';

export const PROJECT_DOCUMENT_SCHEME = 'pythonforai-project';
const PAGE_NAME = 'Python for AI project checks.md';

/** What a folder's page says about git; `undefined` when the folder has no Python code to keep. */
export type GitState = 'missing' | 'present' | undefined;

interface Page {
  folder: vscode.Uri;
  git: GitState;
}

/** The page of `folder` (one per workspace folder). */
export function projectDocumentUri(folder: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: PROJECT_DOCUMENT_SCHEME, path: `${folder.path.replace(/\/+$/, '')}/${PAGE_NAME}`, query: folder.toString() });
}

/** The workspace folder a page belongs to. */
export function folderOfProjectDocument(uri: vscode.Uri): vscode.Uri | undefined {
  if (uri.scheme !== PROJECT_DOCUMENT_SCHEME || !uri.query) return undefined;
  try {
    return vscode.Uri.parse(uri.query, true);
  } catch {
    return undefined;
  }
}

const gitMissingLine = () => vscode.l10n.t('This folder has Python code but is not in a git repository.');

function render(page: Page): string {
  const where = page.folder.scheme === 'file' ? page.folder.fsPath : page.folder.toString();
  const lines = [
    vscode.l10n.t('# Python for AI: project checks'),
    '',
    vscode.l10n.t('Folder: {0}', where),
    '',
    vscode.l10n.t('Checks about the folder as a whole, not about a line of code. This page updates by itself.'),
    '',
    vscode.l10n.t('## Version control'),
    '',
  ];
  if (page.git === 'missing') {
    lines.push(
      gitMissingLine(),
      '',
      vscode.l10n.t('Without git there is no history to go back to when an experiment breaks, and no record of the code behind a result.'),
      vscode.l10n.t('Put the cursor on the underlined line and use the quick fix (Ctrl+. or Cmd+.) "Initialize Git repository", or run the command "Python for AI: Initialize Git Repository". Then list data, checkpoints and virtual environments in .gitignore.'),
    );
  } else if (page.git === 'present') lines.push(vscode.l10n.t('The folder is in a git repository.'));
  else lines.push(vscode.l10n.t('Nothing to check: the folder has no Python code, or the check is turned off.'));
  return lines.join('\n') + '\n';
}

/** The range of the sentence a `missing-git-repo` finding underlines on the page. */
export function gitMissingRange(): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const text = gitMissingLine();
  const line = render({ folder: vscode.Uri.file('/'), git: 'missing' }).split('\n').indexOf(text);
  return { start: { line, character: 0 }, end: { line, character: text.length } };
}

export class ProjectDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly pages = new Map<string, Page>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PROJECT_DOCUMENT_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    const folder = folderOfProjectDocument(uri);
    if (!folder) return `${vscode.l10n.t('# Python for AI: project checks')}\n\n${vscode.l10n.t('This page belongs to a folder that is no longer open.')}\n`;
    return render(this.pages.get(folder.toString()) ?? { folder, git: undefined });
  }

  /** Records what the last project check found for `folder`; an open page updates. */
  setGit(folder: vscode.Uri, git: GitState): void {
    const key = folder.toString();
    if (this.pages.get(key)?.git === git) return;
    this.pages.set(key, { folder, git });
    this.changed.fire(projectDocumentUri(folder));
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
