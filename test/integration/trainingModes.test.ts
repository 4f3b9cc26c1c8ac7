// missing-zero-grad, eval-mode-missing and train-mode-not-restored in the real VS Code: each diagnostic
// appears on the call it is about, its quick fix applied through the code action provider leaves a file
// that parses, and the finding goes — in .py files and in notebook cells. train-mode-not-restored is off
// until the person turns it on in pythonForAI.rules.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri } from './helpers';
import { applyQuickFix as applyFix, assertParses, openNewFile, ours, setSetting, underlined, waitForNoRule, waitForRule } from './diagnosticsSupport';

const MODEL = `import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.dropout = nn.Dropout(0.2)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        return self.fc2(self.dropout(F.relu(self.fc1(x))))


model = Net()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
`;

const NO_ZERO_GRAD = `${MODEL}for x, y in train_loader:
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
`;

const NO_EVAL = `${MODEL}correct = 0
with torch.no_grad():
    for x, y in test_loader:
        correct += (model(x).argmax(1) == y).sum().item()
`;

const NOT_RESTORED = `${MODEL}model.train()
for epoch in range(3):
    for x, y in train_loader:
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        for x, y in val_loader:
            model(x)
`;

let counter = 0;
async function scratch(text: string, name: string): Promise<vscode.TextDocument> {
  const document = await openNewFile(fixtureUri(`pitfalls/scratch_modes_${name}_${++counter}.py`), text);
  await vscode.window.showTextDocument(document);
  return document;
}

describe('missing-zero-grad, eval-mode-missing and train-mode-not-restored', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await closeAllEditors();
  });

  after(async () => {
    await setSetting('rules', undefined);
  });

  it('missing-zero-grad: reports optimizer.step() and the fix inserts optimizer.zero_grad() before the backward pass', async () => {
    const document = await scratch(NO_ZERO_GRAD, 'zero');
    const [d] = await waitForRule(document.uri, 'missing-zero-grad');
    assert.strictEqual(underlined(document, d), 'optimizer.step()');
    assert.strictEqual(d.range.start.line, 21);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /Gradients are never cleared in this loop/);
    const fix = await applyFix(document.uri, d.range, /optimizer\.zero_grad\(\)/);
    assert.strictEqual(Boolean(fix.isPreferred), true, 'a safe fix is the preferred one');
    assert.strictEqual(document.getText(), NO_ZERO_GRAD.replace('    loss.backward()\n', '    optimizer.zero_grad()\n    loss.backward()\n'));
    assertParses(document.getText());
    await waitForNoRule(document.uri, 'missing-zero-grad');
  });

  it('eval-mode-missing: reports the forward call under no_grad and the fix inserts model.eval() before the block', async () => {
    const document = await scratch(NO_EVAL, 'eval');
    const [d] = await waitForRule(document.uri, 'eval-mode-missing');
    assert.strictEqual(underlined(document, d), 'model(x)');
    assert.strictEqual(d.range.start.line, 21);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /'torch\.no_grad\(\)' only turns off gradient tracking/);
    await applyFix(document.uri, d.range, /model\.eval\(\)/);
    assert.strictEqual(document.getText(), NO_EVAL.replace('with torch.no_grad():', 'model.eval()\nwith torch.no_grad():'));
    assertParses(document.getText());
    await waitForNoRule(document.uri, 'eval-mode-missing');
  });

  it('train-mode-not-restored: silent by default, reported once turned on, and the fix puts model.train() back in the loop', async () => {
    const document = await scratch(NOT_RESTORED, 'restore');
    // the file is analysed (the other rule families see it) but this rule is off
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepStrictEqual(ours(document.uri, 'train-mode-not-restored'), []);
    await setSetting('rules', { 'train-mode-not-restored': 'info' });
    const [d] = await waitForRule(document.uri, 'train-mode-not-restored');
    assert.strictEqual(underlined(document, d), 'model.eval()');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Information);
    await applyFix(document.uri, d.range, /model\.train\(\)/);
    assert.ok(document.getText().includes('for epoch in range(3):\n    model.train()\n    for x, y in train_loader:'), document.getText());
    assertParses(document.getText());
    await waitForNoRule(document.uri, 'train-mode-not-restored');
    await setSetting('rules', undefined);
  });

  describe('in a notebook', () => {
    /** Writes a notebook of these code cells (a markdown cell between each) and opens it. */
    async function openNotebook(cells: string[]): Promise<vscode.NotebookDocument> {
      const cell = (source: string, type = 'code') => ({ cell_type: type, metadata: {}, source: source.split(/(?<=\n)/), ...(type === 'code' ? { execution_count: null, outputs: [] } : {}) });
      const json = {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { language_info: { name: 'python' } },
        cells: cells.flatMap((source, k) => (k === 0 ? [cell(source)] : [cell(`## Step ${k}`, 'markdown'), cell(source)])),
      };
      const uri = fixtureUri(`pitfalls/scratch_modes_${++counter}.ipynb`);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(json, null, 1)));
      const notebook = await vscode.workspace.openNotebookDocument(uri);
      await vscode.window.showNotebookDocument(notebook);
      return notebook;
    }

    after(async () => {
      await setSetting('rules', undefined);
    });

    it('missing-zero-grad on the training cell, fixed in that cell', async () => {
      const notebook = await openNotebook([MODEL.trimEnd(), 'for epoch in range(2):\n    for x, y in train_loader:\n        F.cross_entropy(model(x), y).backward()\n        optimizer.step()']);
      const cell = notebook.cellAt(2).document;
      const [d] = await waitForRule(cell.uri, 'missing-zero-grad');
      assert.strictEqual(underlined(cell, d), 'optimizer.step()');
      assert.strictEqual(d.range.start.line, 3);
      await applyFix(cell.uri, d.range, /optimizer\.zero_grad\(\)/);
      assert.strictEqual(cell.getText(), 'for epoch in range(2):\n    for x, y in train_loader:\n        optimizer.zero_grad()\n        F.cross_entropy(model(x), y).backward()\n        optimizer.step()');
      await waitForNoRule(cell.uri, 'missing-zero-grad');
    });

    it('eval-mode-missing on the test cell (model defined in the first cell), fixed in that cell', async () => {
      const notebook = await openNotebook([MODEL.trimEnd(), 'with torch.no_grad():\n    preds = [model(x).argmax(1) for x, _ in test_loader]']);
      const cell = notebook.cellAt(2).document;
      const [d] = await waitForRule(cell.uri, 'eval-mode-missing');
      assert.strictEqual(underlined(cell, d), 'model(x)');
      assert.deepStrictEqual(ours(notebook.cellAt(0).document.uri, 'eval-mode-missing'), []);
      await applyFix(cell.uri, d.range, /model\.eval\(\)/);
      assert.strictEqual(cell.getText(), 'model.eval()\nwith torch.no_grad():\n    preds = [model(x).argmax(1) for x, _ in test_loader]');
      await waitForNoRule(cell.uri, 'eval-mode-missing');
    });

    it('train-mode-not-restored on the training cell once turned on, fixed in that cell', async () => {
      await setSetting('rules', { 'train-mode-not-restored': 'info' });
      const notebook = await openNotebook([MODEL.trimEnd(), 'for epoch in range(2):\n    for x, y in train_loader:\n        optimizer.zero_grad()\n        F.cross_entropy(model(x), y).backward()\n        optimizer.step()\n    model.eval()']);
      const cell = notebook.cellAt(2).document;
      const [d] = await waitForRule(cell.uri, 'train-mode-not-restored');
      assert.strictEqual(underlined(cell, d), 'model.eval()');
      await applyFix(cell.uri, d.range, /model\.train\(\)/);
      assert.ok(cell.getText().startsWith('for epoch in range(2):\n    model.train()\n    for x, y in train_loader:'), cell.getText());
      await waitForNoRule(cell.uri, 'train-mode-not-restored');
      await setSetting('rules', undefined);
    });
  });
});
