// The hardcoded-cuda fix in the real VS Code, in a notebook: the device is chosen once in the cell that
// imports torch and used in the later cells; every cell still parses and the findings go.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, waitFor } from './helpers';
import { codeActions, ours, waitForNoRule } from './diagnosticsSupport';

describe('hardcoded-cuda fix in a notebook', () => {
  before(async () => {
    await activateExtension();
  });
  after(async () => {
    await closeAllEditors();
  });

  it('defines device once in the import cell and uses it in the other cells', async () => {
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'import torch\nimport numpy as np', 'python'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, 'Train on the GPU', 'markdown'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'model = Net().cuda()\nx = torch.ones(2, device="cuda")', 'python'),
    ]);
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    await vscode.window.showNotebookDocument(notebook);
    const cell = notebook.cellAt(2).document;
    const found = await waitFor(() => (ours(cell.uri, 'hardcoded-cuda').length === 2 ? ours(cell.uri, 'hardcoded-cuda') : undefined), 20_000, 'two hardcoded-cuda diagnostics');
    const fix = (await codeActions(cell.uri, found[1].range, vscode.CodeActionKind.QuickFix.value)).find((a) => /device once/.test(a.title));
    assert.ok(fix?.edit, 'the second finding offers the fix for every place');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(notebook.cellAt(0).document.getText(), 'import torch\nimport numpy as np\ndevice = torch.device("cuda" if torch.cuda.is_available() else "cpu")');
    assert.strictEqual(cell.getText(), 'model = Net().to(device)\nx = torch.ones(2, device=device)');
    const program = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code).map((c) => c.document.getText()).join('\n');
    execFileSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: program, timeout: 10_000 });
    await waitForNoRule(cell.uri, 'hardcoded-cuda');
  });
});
