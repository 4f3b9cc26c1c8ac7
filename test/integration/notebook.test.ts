// Notebooks opened as notebooks (the built-in .ipynb serializer): the cells are one program, each
// finding shows on its own cell, fixes and "ignore on this line" edit the cell.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, waitFor } from './helpers';
import { codeActions, ours, setSetting, waitForNoRule, waitForRule } from './diagnosticsSupport';

describe('pitfalls in notebooks', () => {
  let notebook: vscode.NotebookDocument;

  before(async () => {
    await activateExtension();
    notebook = await vscode.workspace.openNotebookDocument(fixtureUri('pitfalls/frameworks.ipynb'));
    await vscode.window.showNotebookDocument(notebook);
  });

  after(async () => {
    await closeAllEditors();
  });

  it('opens with the Jupyter serializer, cells as in the file', () => {
    assert.strictEqual(notebook.notebookType, 'jupyter-notebook');
    assert.deepStrictEqual(notebook.getCells().map((c) => c.kind), [
      vscode.NotebookCellKind.Code, vscode.NotebookCellKind.Markup, vscode.NotebookCellKind.Code, vscode.NotebookCellKind.Code,
    ]);
  });

  it('reports the second framework on the cell that imports it (cross-cell check)', async () => {
    const tfCell = notebook.cellAt(2).document;
    const [d] = await waitForRule(tfCell.uri, 'too-many-frameworks');
    assert.strictEqual(tfCell.getText(d.range), 'tensorflow');
    assert.strictEqual(d.range.start.line, 0);
    assert.match(d.message, /PyTorch|torch/);
    // The torch cell alone is fine, and markdown that mentions an import is not code.
    assert.deepStrictEqual(ours(notebook.cellAt(0).document.uri).map((x) => x.code), []);
    assert.deepStrictEqual(ours(notebook.cellAt(1).document.uri).map((x) => x.code), []);
  });

  it('reports Python 2 code on its own cell', async () => {
    const cell = notebook.cellAt(3).document;
    const [d] = await waitForRule(cell.uri, 'python2');
    assert.strictEqual(d.range.start.line, 0);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
  });

  it('applies a fix to the cell and the diagnostic goes', async () => {
    const cell = notebook.cellAt(3).document;
    const [d] = await waitForRule(cell.uri, 'python2');
    const fix = (await codeActions(cell.uri, d.range, vscode.CodeActionKind.QuickFix.value)).find((a) => a.isPreferred);
    assert.ok(fix?.edit, 'no preferred fix in the cell');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(cell.getText(), 'print("legacy")');
    await waitForNoRule(cell.uri, 'python2');
  });

  it('"Ignore <rule> on this line" edits the cell', async () => {
    const cell = notebook.cellAt(2).document;
    const [d] = await waitForRule(cell.uri, 'too-many-frameworks');
    const ignore = (await codeActions(cell.uri, d.range)).find((a) => a.title === 'Ignore too-many-frameworks on this line');
    assert.ok(ignore?.edit);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.strictEqual(cell.lineAt(0).text, 'import tensorflow as tf  # pyai: ignore[too-many-frameworks]');
    await waitForNoRule(cell.uri, 'too-many-frameworks');
  });

  it('follows edits that add a cell: a pitfall in a new cell is reported on it', async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.set(notebook.uri, [vscode.NotebookEdit.insertCells(notebook.cellCount, [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'import numpy as np\nv = np.float(1)', 'python')])]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const added = notebook.cellAt(notebook.cellCount - 1).document;
    await waitFor(() => added.getText().startsWith('import numpy'), 5000, 'the new cell');
    const [d] = await waitForRule(added.uri, 'deprecated-api');
    assert.strictEqual(d.range.start.line, 1);
    assert.ok(d.tags?.includes(vscode.DiagnosticTag.Deprecated));
  });

  it('pythonForAI.fixAllOnSave applies the safe fixes to the cells when the notebook is saved', async () => {
    const added = notebook.cellAt(notebook.cellCount - 1).document;
    await waitForRule(added.uri, 'deprecated-api');
    // In the browser (code-server) files.autoSave defaults to afterDelay: an auto save of the edited notebook
    // (which fix-on-save leaves alone, as it should) can race the explicit save below, so it is off here.
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    await setSetting('fixAllOnSave', true);
    try {
      assert.ok(await notebook.save());
      assert.strictEqual(added.getText(), 'import numpy as np\nv = float(1)');
      await waitForNoRule(added.uri, 'deprecated-api');
      assert.strictEqual(notebook.isDirty, false);
    } finally {
      await setSetting('fixAllOnSave', undefined);
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('clears the cells\' diagnostics when the notebook closes', async () => {
    const uris = notebook.getCells().map((c) => c.document.uri);
    await closeAllEditors();
    await waitFor(() => uris.every((u) => ours(u).length === 0), 15_000, 'no diagnostics on closed cells');
  });
});
