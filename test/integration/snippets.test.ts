// Snippets in the real editor: completion offers each snippet for its prefix in a .py file and in a notebook
// cell, inserting gives the text our resolver predicts (which the unit tests prove is valid, current Python),
// and "Python for AI: Insert Snippet…" inserts by prefix and through its quick pick.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as path from 'node:path';
import { DEFAULT_VARIABLES, type SnippetEntry, loadSnippetCatalogue, resolveSnippet } from '../../src/core/snippets';
import { activateExtension, closeAllEditors, fixtureUri, sleep, waitFor } from './helpers';

const COMMAND = 'pythonForAI.insertSnippet';
const catalogue = loadSnippetCatalogue();
const byPrefix = (prefix: string): SnippetEntry => catalogue.find((s) => s.prefix === prefix) ?? assert.fail(`no snippet ${prefix}`);

let fileCounter = 0;

/** A new, empty .py file in the temp workspace, shown in an editor. */
async function freshPythonEditor(): Promise<vscode.TextEditor> {
  const uri = fixtureUri(`snippets/scratch-${++fileCounter}.py`);
  await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  const doc = await vscode.workspace.openTextDocument(uri);
  assert.equal(doc.languageId, 'python');
  return vscode.window.showTextDocument(doc);
}

/** The variables VS Code fills from the editor's file (the snippets use `$TM_FILENAME`). */
function fileVariables(editor: vscode.TextEditor): Record<string, string> {
  const base = path.posix.basename(editor.document.uri.path);
  return { ...DEFAULT_VARIABLES, TM_FILENAME: base, TM_FILENAME_BASE: base.replace(/\.[^.]*$/, '') };
}

/** What the editor's indentation turns a snippet's leading tab into. */
function indentUnit(editor: vscode.TextEditor): string {
  const { insertSpaces, tabSize } = editor.options;
  return insertSpaces === false ? '\t' : ' '.repeat(typeof tabSize === 'number' ? tabSize : 4);
}

async function setText(editor: vscode.TextEditor, text: string): Promise<void> {
  await vscode.commands.executeCommand('leaveSnippet');
  const doc = editor.document;
  const ok = await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text));
  assert.ok(ok, 'edit failed');
  const end = doc.positionAt(text.length);
  editor.selection = new vscode.Selection(end, end);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** The completion items VS Code offers at the end of `editor`'s text. */
async function completionsAtEnd(editor: vscode.TextEditor): Promise<vscode.CompletionItem[]> {
  const doc = editor.document;
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(doc.getText().length));
  return list.items;
}

function snippetItem(items: vscode.CompletionItem[], prefix: string): vscode.CompletionItem | undefined {
  return items.find((i) => labelOf(i) === prefix && i.kind === vscode.CompletionItemKind.Snippet);
}

/** Types `prefix` on an empty line, asks for completions and accepts the snippet item the way the suggest widget does. */
async function completeAndAccept(editor: vscode.TextEditor, prefix: string): Promise<void> {
  await setText(editor, prefix);
  const item = await waitFor(async () => snippetItem(await completionsAtEnd(editor), prefix), 10_000, `completion item ${prefix}`);
  const insertText = item.insertText;
  assert.ok(insertText instanceof vscode.SnippetString, `${prefix}: insertText is not a SnippetString`);
  assert.equal(insertText.value, byPrefix(prefix).body, `${prefix}: the completion inserts another body than snippets/*.json`);
  const typed = new vscode.Range(new vscode.Position(0, 0), editor.document.positionAt(prefix.length));
  assert.ok(await editor.insertSnippet(insertText, typed), `${prefix}: insertSnippet failed`);
}

describe('snippets', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('leaveSnippet');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();
  });

  it('the contributed snippet files are the catalogue the extension bundles', () => {
    const ext = vscode.extensions.all.find((e) => e.id.toLowerCase() === 'python-for-ai.python-for-ai');
    const contributed = (ext?.packageJSON as { contributes: { snippets: { language: string }[] } }).contributes.snippets;
    assert.equal(contributed.length, 15);
    assert.ok(contributed.every((s) => s.language === 'python'));
    assert.ok(catalogue.length >= 80);
  });

  it('completion offers every snippet for its prefix in a .py file', async function () {
    this.timeout(180_000);
    const editor = await freshPythonEditor();
    const missing: string[] = [];
    for (const snippet of catalogue) {
      await setText(editor, snippet.prefix);
      const items = await completionsAtEnd(editor);
      if (!snippetItem(items, snippet.prefix)) missing.push(snippet.prefix);
    }
    assert.deepEqual(missing, []);
  });

  it('accepting the completion of ;pd+read+csv and ;torch+train+loop inserts the expected text', async () => {
    const editor = await freshPythonEditor();
    for (const prefix of [';pd+read+csv', ';torch+train+loop']) {
      await completeAndAccept(editor, prefix);
      assert.equal(editor.document.getText(), resolveSnippet(byPrefix(prefix).body, { indentUnit: indentUnit(editor) }));
    }
    assert.match(editor.document.getText(), /^import torch\n/);
    assert.match(editor.document.getText(), /running_loss \+= loss\.item\(\)/);
  });

  it('every snippet inserts exactly the text the resolver predicts (defaults, choices, mirrors, transforms)', async function () {
    this.timeout(180_000);
    const editor = await freshPythonEditor();
    const unit = indentUnit(editor);
    const variables = fileVariables(editor);
    const mismatches: string[] = [];
    for (const snippet of catalogue) {
      await setText(editor, '');
      assert.ok(await editor.insertSnippet(new vscode.SnippetString(snippet.body)), snippet.prefix);
      const expected = resolveSnippet(snippet.body, { indentUnit: unit, variables });
      const actual = editor.document.getText();
      if (actual !== expected) mismatches.push(`${snippet.prefix}:\n--- editor\n${actual}\n--- resolver\n${expected}`);
    }
    assert.deepEqual(mismatches, []);
  });

  it('inserts snippets indented inside a block, the way the editor does', async () => {
    const editor = await freshPythonEditor();
    await setText(editor, 'def main():\n    ');
    assert.ok(await editor.insertSnippet(new vscode.SnippetString(byPrefix(';pd+read+csv').body)));
    const expected = 'def main():\n' + resolveSnippet(byPrefix(';pd+read+csv').body).split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');
    // VS Code indents every following line like the first; empty lines keep the indentation too.
    assert.equal(editor.document.getText().replace(/^ +$/gm, ''), expected);
  });

  describe('in a notebook code cell', () => {
    async function openNotebookCell(): Promise<{ notebook: vscode.NotebookDocument; editor: vscode.TextEditor }> {
      const notebook = await vscode.workspace.openNotebookDocument(fixtureUri('snippets/cells.ipynb'));
      await vscode.window.showNotebookDocument(notebook, { selections: [new vscode.NotebookRange(1, 2)] });
      const cell = notebook.cellAt(1);
      assert.equal(cell.kind, vscode.NotebookCellKind.Code);
      assert.equal(cell.document.languageId, 'python');
      const editor = await vscode.window.showTextDocument(cell.document);
      await setText(editor, ''); // the notebook document outlives the editor, so a previous test's text may remain
      return { notebook, editor };
    }

    afterEach(async () => {
      await vscode.commands.executeCommand('leaveSnippet');
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await closeAllEditors();
    });

    it('completion offers the snippet and accepting it inserts the expected text', async () => {
      const { notebook, editor } = await openNotebookCell();
      assert.equal(editor.document.uri.scheme, 'vscode-notebook-cell');
      await completeAndAccept(editor, ';pd+read+csv');
      assert.equal(notebook.cellAt(1).document.getText(), resolveSnippet(byPrefix(';pd+read+csv').body, { indentUnit: indentUnit(editor) }));
    });

    it('"Insert Snippet" leaves a Markdown cell alone', async () => {
      const notebook = await vscode.workspace.openNotebookDocument(fixtureUri('snippets/cells.ipynb'));
      await vscode.window.showNotebookDocument(notebook, { selections: [new vscode.NotebookRange(0, 1)] });
      const markdown = notebook.cellAt(0);
      assert.equal(markdown.kind, vscode.NotebookCellKind.Markup);
      const before = markdown.document.getText();
      // Selected (rendered) or in edit mode, a Markdown cell never receives Python code.
      await vscode.commands.executeCommand('notebook.cell.edit');
      await sleep(300);
      assert.notEqual(vscode.window.activeTextEditor?.document.languageId, 'python');
      assert.equal(await vscode.commands.executeCommand<boolean>(COMMAND, ';np+array'), false);
      assert.equal(markdown.document.getText(), before);
    });

    it('"Insert Snippet" with a prefix inserts into the cell', async () => {
      const { notebook, editor } = await openNotebookCell();
      const inserted = await vscode.commands.executeCommand<boolean>(COMMAND, ';torch+evaluate');
      assert.equal(inserted, true);
      assert.equal(notebook.cellAt(1).document.getText(), resolveSnippet(byPrefix(';torch+evaluate').body, { indentUnit: indentUnit(editor) }));
    });
  });

  describe('the "Insert Snippet…" command', () => {
    it('inserts the snippet for a prefix at the cursor', async () => {
      const editor = await freshPythonEditor();
      await setText(editor, '# start\n');
      const inserted = await vscode.commands.executeCommand<boolean>(COMMAND, ';pd+read+csv');
      assert.equal(inserted, true);
      assert.equal(editor.document.getText(), '# start\n' + resolveSnippet(byPrefix(';pd+read+csv').body, { indentUnit: indentUnit(editor) }));
    });

    it('accepts { prefix } as the roadmap passes it', async () => {
      const editor = await freshPythonEditor();
      assert.equal(await vscode.commands.executeCommand<boolean>(COMMAND, { prefix: ';sk+split' }), true);
      assert.match(editor.document.getText(), /train_test_split\(/);
    });

    it('leaves the document alone for an unknown prefix', async () => {
      const editor = await freshPythonEditor();
      await setText(editor, 'x = 1\n');
      assert.equal(await vscode.commands.executeCommand<boolean>(COMMAND, 'np-no-such-snippet'), false);
      assert.equal(editor.document.getText(), 'x = 1\n');
    });

    it('does nothing, with a message, when no editor is open', async () => {
      await closeAllEditors();
      await waitFor(() => !vscode.window.activeTextEditor && !vscode.window.activeNotebookEditor, 5_000, 'no active editor');
      assert.equal(await vscode.commands.executeCommand<boolean>(COMMAND, ';pd+read+csv'), false);
      assert.equal(vscode.window.activeTextEditor, undefined);
    });

    it('shows a quick pick grouped by library and inserts the accepted item', async () => {
      const editor = await freshPythonEditor();
      const result = vscode.commands.executeCommand<boolean>(COMMAND);
      let settled = false;
      void result.then(() => (settled = true), () => (settled = true));
      await sleep(500);
      // The first item under the first separator ("NumPy") is the first NumPy snippet.
      await waitFor(async () => {
        if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        await sleep(100);
        return settled;
      }, 10_000, 'the quick pick to accept an item');
      assert.equal(await result, true);
      const first = catalogue[0];
      assert.equal(first.library, 'numpy');
      assert.equal(editor.document.getText(), resolveSnippet(first.body, { indentUnit: indentUnit(editor) }));
    });
  });
});
