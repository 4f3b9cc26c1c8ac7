// "Python for AI: Insert Snippet…": a quick pick of every snippet grouped by library, inserting the chosen
// one at the cursor as a real snippet (tab stops, choices). Called with a prefix (`';pd+read+csv'` or
// `{ prefix }`), it inserts that snippet directly: the roadmap's "insert snippet" action and the tests do.
// Completion needs nothing here: VS Code reads the same files through `contributes.snippets`.
import * as vscode from 'vscode';
import { type SnippetEntry, loadSnippetCatalogue } from '../core/snippets';
import type { Services } from './services';

const COMMAND = 'pythonForAI.insertSnippet';

interface SnippetPickItem extends vscode.QuickPickItem {
  snippet?: SnippetEntry;
}

export function registerSnippetCommands(services: Services): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(COMMAND, (arg?: unknown) => insertSnippet(services, arg)));
}

/** Resolves to true when a snippet was inserted. */
async function insertSnippet(services: Services, arg: unknown): Promise<boolean> {
  const catalogue = loadSnippetCatalogue();
  const requested = prefixOf(arg);
  let snippet: SnippetEntry | undefined;
  if (requested !== undefined) {
    snippet = catalogue.find((s) => s.prefix === requested);
    if (!snippet) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Python for AI: there is no snippet with the prefix "{0}".', requested));
      return false;
    }
  }
  const editor = await targetEditor();
  if (!editor) return false;
  snippet ??= await pickSnippet(catalogue);
  if (!snippet) return false;
  const inserted = await editor.insertSnippet(new vscode.SnippetString(snippet.body));
  if (!inserted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Python for AI: could not insert "{0}" here (is the file read-only?).', snippet.prefix));
    return false;
  }
  services.output.info(vscode.l10n.t('Inserted snippet {0} into {1}', snippet.prefix, editor.document.uri.toString(true)));
  return true;
}

function prefixOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && typeof (arg as { prefix?: unknown }).prefix === 'string') return (arg as { prefix: string }).prefix;
  return undefined;
}

/**
 * The editor to insert into: the active text editor (a notebook cell's editor when a cell is being edited),
 * or the selected code cell of the active notebook, opened for editing. Says why when there is none.
 */
async function targetEditor(): Promise<vscode.TextEditor | undefined> {
  const active = vscode.window.activeTextEditor;
  if (active?.document.uri.scheme === 'vscode-notebook-cell' && active.document.languageId === 'markdown') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Python for AI: this is a Markdown cell; select a code cell to insert a snippet into.'));
    return undefined;
  }
  if (active) return active;
  const notebook = vscode.window.activeNotebookEditor;
  if (notebook) {
    const index = notebook.selection.start;
    const cell = index < notebook.notebook.cellCount ? notebook.notebook.cellAt(index) : undefined;
    if (cell?.kind === vscode.NotebookCellKind.Code) {
      return vscode.window.showTextDocument(cell.document, { viewColumn: notebook.viewColumn, preserveFocus: false });
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('Python for AI: select a code cell (not a Markdown cell) to insert a snippet into.'));
    return undefined;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Python for AI: open a Python file or a notebook cell and place the cursor where the snippet should go, then run "Insert Snippet…" again.'));
  return undefined;
}

async function pickSnippet(catalogue: SnippetEntry[]): Promise<SnippetEntry | undefined> {
  const items: SnippetPickItem[] = [];
  let library: string | undefined;
  for (const snippet of catalogue) {
    if (snippet.library !== library) {
      library = snippet.library;
      items.push({ label: snippet.libraryTitle, kind: vscode.QuickPickItemKind.Separator });
    }
    items.push({ label: snippet.name, description: snippet.prefix, detail: snippet.description, snippet });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Python for AI: Insert Snippet'),
    placeHolder: vscode.l10n.t('Type to filter by name, prefix (np-, pd-, sk-, torch-, …) or description'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.snippet;
}
