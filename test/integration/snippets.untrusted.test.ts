// Restricted Mode: snippets only insert text, so completion and "Insert Snippet…" work in an untrusted workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { findSnippet, resolveSnippet } from '../../src/core/snippets';
import { activateExtension, closeAllEditors, fixtureUri, waitFor } from './helpers';

describe('snippets in Restricted Mode', () => {
  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this run must open an untrusted workspace');
    await activateExtension();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();
  });

  it('offers completions and inserts by prefix', async () => {
    const uri = fixtureUri('snippets/untrusted.py');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(';np+rng'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const end = editor.document.positionAt(editor.document.getText().length);
    await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, end);
      return list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === ';np+rng' && i.kind === vscode.CompletionItemKind.Snippet);
    }, 10_000, 'the ;np+rng completion');

    await editor.edit((b) => b.delete(new vscode.Range(new vscode.Position(0, 0), end)));
    assert.equal(await vscode.commands.executeCommand<boolean>('pythonForAI.insertSnippet', ';np+rng'), true);
    const unit = editor.options.insertSpaces === false ? '\t' : ' '.repeat(Number(editor.options.tabSize) || 4);
    assert.equal(editor.document.getText(), resolveSnippet(findSnippet(';np+rng')!.body, { indentUnit: unit }));
  });
});
