// softmax-before-cross-entropy and test-data-leakage in the real VS Code: each diagnostic appears where the
// bug is, its fix (where there is one) applied through the code action provider leaves a file that parses,
// and the finding goes — in .py files and in notebook cells.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri } from './helpers';
import { applyQuickFix as applyFix, assertParses, codeActions, openNewFile, ours, underlined, waitForNoRule, waitForRule } from './diagnosticsSupport';

const TORCH = `import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(784, 10)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)


model = Net()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
for x, y in loader:
    optimizer.zero_grad()
    loss = criterion(model(x), y)
    loss.backward()
    optimizer.step()
`;

const KERAS = `from tensorflow import keras

model = keras.Sequential([
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
`;

const LEAK = `from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
scaler = StandardScaler()
X_train = scaler.fit_transform(X_train)
X_test = scaler.fit_transform(X_test)
`;

const BEFORE_SPLIT = `from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler

X = MinMaxScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X, y)
`;

let counter = 0;
async function scratch(text: string, name: string): Promise<vscode.TextDocument> {
  const document = await openNewFile(fixtureUri(`pitfalls/scratch_learning_${name}_${++counter}.py`), text);
  await vscode.window.showTextDocument(document);
  return document;
}

describe('softmax-before-cross-entropy and test-data-leakage', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await closeAllEditors();
  });

  it('PyTorch: reports the loss fed a softmax output, and the finding goes once forward returns the logits', async () => {
    const document = await scratch(TORCH, 'torch');
    const [d] = await waitForRule(document.uri, 'softmax-before-cross-entropy');
    assert.strictEqual(underlined(document, d), 'criterion');
    assert.strictEqual(d.range.start.line, 19);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /already went through softmax \(line 12\)/);
    // No automatic edit (removing the softmax changes what forward returns): the person edits forward.
    const quickFixes = (await codeActions(document.uri, d.range, vscode.CodeActionKind.QuickFix.value)).filter((a) => a.edit && !/Ignore/.test(a.title));
    assert.deepStrictEqual(quickFixes.map((a) => a.title), []);
    const line = document.lineAt(11);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, line.range, '        return self.fc(x)');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForNoRule(document.uri, 'softmax-before-cross-entropy');
  });

  it('Keras: reports from_logits=True on a softmax output and the safe fix sets it to False', async () => {
    const document = await scratch(KERAS, 'keras');
    const [d] = await waitForRule(document.uri, 'softmax-before-cross-entropy');
    assert.strictEqual(underlined(document, d), 'from_logits=True');
    assert.match(d.message, /last layer applies 'softmax' \(line 5\)/);
    const fix = await applyFix(document.uri, d.range, /from_logits=False/);
    assert.strictEqual(Boolean(fix.isPreferred), true, 'a safe fix is the preferred one');
    assert.strictEqual(document.getText(), KERAS.replace('from_logits=True', 'from_logits=False'));
    assertParses(document.getText());
    await waitForNoRule(document.uri, 'softmax-before-cross-entropy');
  });

  it('test-data-leakage: a scaler refitted on the test split is fixed to transform it', async () => {
    const document = await scratch(LEAK, 'leak');
    const [d] = await waitForRule(document.uri, 'test-data-leakage');
    assert.strictEqual(underlined(document, d), 'scaler.fit_transform');
    assert.strictEqual(d.range.start.line, 6);
    assert.match(d.message, /fitted on the test set \('X_test'\)/);
    await applyFix(document.uri, d.range, /scaler\.transform\(X_test\)/);
    assert.strictEqual(document.lineAt(6).text, 'X_test = scaler.transform(X_test)');
    assertParses(document.getText());
    await waitForNoRule(document.uri, 'test-data-leakage');
  });

  it('test-data-leakage: a fit on all rows before the split is reported at the fit, and goes when the split comes first', async () => {
    const document = await scratch(BEFORE_SPLIT, 'split');
    const [d] = await waitForRule(document.uri, 'test-data-leakage');
    assert.strictEqual(underlined(document, d), 'MinMaxScaler().fit_transform');
    assert.match(d.message, /split into train\/test at line 5/);
    // Moving the split changes the program, so the person rewrites it: split first, fit on the training rows.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(3, 0, 5, 0), 'X_train, X_test, y_train, y_test = train_test_split(X, y)\nscaler = MinMaxScaler().fit(X_train)\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForNoRule(document.uri, 'test-data-leakage');
  });

  it('source.fixAll.pythonForAI applies both safe fixes', async () => {
    const text = `${KERAS}\n${LEAK.replace('from sklearn', 'import numpy as np\nfrom sklearn')}`;
    const document = await scratch(text, 'fixall');
    await waitForRule(document.uri, 'softmax-before-cross-entropy');
    await waitForRule(document.uri, 'test-data-leakage');
    const all = new vscode.Range(0, 0, document.lineCount, 0);
    const fixAll = (await codeActions(document.uri, all, 'source.fixAll.pythonForAI')).find((a) => a.kind?.value === 'source.fixAll.pythonForAI');
    assert.ok(fixAll?.edit);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.ok(document.getText().includes('from_logits=False'));
    assert.ok(document.getText().includes('X_test = scaler.transform(X_test)'));
    assertParses(document.getText());
    await waitForNoRule(document.uri, 'softmax-before-cross-entropy');
    await waitForNoRule(document.uri, 'test-data-leakage');
  });

  describe('in a notebook', () => {
    let uri: vscode.Uri;
    let notebook: vscode.NotebookDocument;

    // the outer afterEach closes every editor: open the notebook again for each test
    beforeEach(async () => {
      notebook = await vscode.workspace.openNotebookDocument(uri);
      await vscode.window.showNotebookDocument(notebook);
    });

    before(async () => {
      const cell = (source: string, type = 'code') => ({ cell_type: type, metadata: {}, source: source.split(/(?<=\n)/), ...(type === 'code' ? { execution_count: null, outputs: [] } : {}) });
      const json = {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { language_info: { name: 'python' } },
        cells: [
          cell('from tensorflow import keras\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler'),
          cell('## Model', 'markdown'),
          cell('model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])'),
          cell('model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))'),
          cell('X_train, X_test, y_train, y_test = train_test_split(X, y)\nsc = StandardScaler()\nX_train = sc.fit_transform(X_train)'),
          cell('X_test = sc.fit_transform(X_test)'),
        ],
      };
      uri = fixtureUri(`pitfalls/scratch_learning_${++counter}.ipynb`);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(json, null, 1)));
    });

    it('reports from_logits=True on the compile cell and the fix edits that cell', async () => {
      const cell = notebook.cellAt(3).document;
      const [d] = await waitForRule(cell.uri, 'softmax-before-cross-entropy');
      assert.strictEqual(underlined(cell, d), 'from_logits=True');
      assert.match(d.message, /line 1 of cell 3/);
      assert.deepStrictEqual(ours(notebook.cellAt(2).document.uri).map((x) => x.code), []);
      await applyFix(cell.uri, d.range, /from_logits=False/);
      assert.match(cell.getText(), /from_logits=False/);
      await waitForNoRule(cell.uri, 'softmax-before-cross-entropy');
    });

    it('reports the scaler refitted on test rows in a later cell and the fix edits that cell', async () => {
      const cell = notebook.cellAt(5).document;
      const [d] = await waitForRule(cell.uri, 'test-data-leakage');
      assert.strictEqual(underlined(cell, d), 'sc.fit_transform');
      await applyFix(cell.uri, d.range, /sc\.transform\(X_test\)/);
      assert.strictEqual(cell.getText(), 'X_test = sc.transform(X_test)');
      await waitForNoRule(cell.uri, 'test-data-leakage');
    });
  });
});
