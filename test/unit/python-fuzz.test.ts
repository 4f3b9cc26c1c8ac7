import * as assert from 'node:assert/strict';
import { analyzeNotebook } from '../../src/core/analysis/notebook';
import { analyzePython } from '../../src/core/analysis/python';
import { applyEdits } from '../../src/core/analysis/edits';
import { ignoreLineEdit } from '../../src/core/analysis/suppressions';
import { random } from './python-testkit';

// Half-typed code is what an editor sends on every keystroke: random cuts and insertions into
// a file that exercises every rule must never make the analysis throw, and fixes must apply.
const SEED_SOURCE = `#!/usr/bin/env python2
import numpy as np, pandas as pd, torch, tensorflow as tf
from sklearn.datasets import load_boston, fetch_openml
from sklearn.cross_validation import train_test_split
df = pd.read_csv("a.csv")
df = df.append({"a": 1}, ignore_index=True)
x = np.float(df.ix[0]) + np.NaN; s = f"{x!r:>{w}} {{y}}" + ur"z" + \`x\`
criterion = torch.nn.MSELoss(); total = 0
for a, b in loader:
    loss = criterion(model(a.cuda()), b.to("cuda"))
    loss.backward(); total += loss
    print >>f, "x", 0777, 10L
try:
    sess = tf.Session()
except ValueError, e:
    exec "code" in ns
model.fit(df.drop("y", axis=1), df["y"])  # pyai: ignore[python2]
b = fetch_openml(name="boston")
from sklearn.preprocessing import StandardScaler
X_tr, X_te, y_tr, y_te = train_test_split(X, y)
sc = StandardScaler(); X_tr = sc.fit_transform(X_tr); X_te = sc.fit_transform(X_te)
class Net(torch.nn.Module):
    def forward(self, x):
        return torch.softmax(x, 1)
ce = torch.nn.CrossEntropyLoss(); l = ce(Net()(a), b)
m = tf.keras.Sequential([tf.keras.layers.Dense(2, activation="softmax")])
m.compile(loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
`;


const PIECES = ['"', "'", '"""', '(', ')', '[', ']', '{', '}', '\\', '\n', '#', ':', ',', '=', 'f"', '`', '<>', ' ', '\t', '.', 'import ', 'print ', '\r', '\0', 'é', '\ud800'];

/** 1500 random cuts and insertions of PIECES into `seed` (back to the seed every 100), as [round, text]. */
function* mutations(seed: string, randomSeed: number): Generator<[number, string]> {
  const next = random(randomSeed);
  let text = seed;
  for (let round = 0; round < 1500; round++) {
    if (round % 100 === 0) text = seed;
    const at = Math.floor(next() * (text.length + 1));
    if (next() < 0.5) text = text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
    else text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 5));
    yield [round, text];
  }
}

describe('python analysis under random edits', () => {
  it('never throws, and every fix applies, for 1500 mutated sources', function () {
    this.timeout(60000);
    let findings = 0;
    for (const [round, text] of mutations(SEED_SOURCE, 42)) {
      const next = random(round);
      const result = analyzePython(text);
      findings += result.length;
      for (const f of result) {
        assert.ok(f.range.start.line <= f.range.end.line);
        for (const fix of f.fixes) assert.equal(typeof applyEdits(text, fix.edits), 'string');
      }
      if (round % 50 === 0) {
        assert.doesNotThrow(() => ignoreLineEdit(text, Math.floor(next() * 20), 'python2'));
        assert.doesNotThrow(() => analyzeNotebook(text.split('\n\n').map((source) => ({ kind: 'code', source }))));
      }
    }
    assert.ok(findings > 1500, `findings: ${findings}`);
  });
});

// A PyTorch script with the shapes the training-loop rules follow (loops in functions, a model class,
// an optimizer passed as an argument, eval helpers): every cut and insertion must still be analysed.
const TRAINING_SOURCE = `import torch
import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.drop = nn.Dropout(0.5)
        self.fc = nn.Linear(4, 2)
    def forward(self, x):
        return self.fc(self.drop(x))
def train(model, loader, optimizer, scaler):
    model.train()
    optimizer.zero_grad()
    for epoch in range(3):
        for i, (x, y) in enumerate(loader):
            loss = nn.functional.cross_entropy(model(x), y)
            scaler.scale(loss).backward(); scaler.step(optimizer)
        with torch.no_grad():
            for x, y in val_loader:
                out = model(x)
def evaluate(model, loader):
    with torch.no_grad():
        return [model(x) for x, _ in loader]
model = Net()
opt = torch.optim.Adam(model.parameters())
train(model, train_loader, opt, scaler)
for i in range(10): l = model(x).sum(); l.backward(); opt.step(lambda: 0)
`;

describe('training-loop rules under random edits', () => {
  it('never throw, and every fix applies, for 1500 mutated training scripts', function () {
    this.timeout(60000);
    let findings = 0;
    for (const [round, text] of mutations(TRAINING_SOURCE, 11)) {
      const result = analyzePython(text);
      findings += result.filter((f) => f.rule === 'missing-zero-grad').length;
      for (const f of result) for (const fix of f.fixes) assert.equal(typeof applyEdits(text, fix.edits), 'string');
      if (round % 50 === 0) assert.doesNotThrow(() => analyzeNotebook(text.split('\n\n').map((source) => ({ kind: 'code', source }))));
    }
    assert.ok(findings > 300, `missing-zero-grad findings: ${findings}`);
  });
});
