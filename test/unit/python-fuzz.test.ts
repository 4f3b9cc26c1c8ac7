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
`;


const PIECES = ['"', "'", '"""', '(', ')', '[', ']', '{', '}', '\\', '\n', '#', ':', ',', '=', 'f"', '`', '<>', ' ', '\t', '.', 'import ', 'print ', '\r', '\0', 'é', '\ud800'];

describe('python analysis under random edits', () => {
  it('never throws, and every fix applies, for 1500 mutated sources', function () {
    this.timeout(60000);
    const next = random(42);
    let text = SEED_SOURCE;
    let findings = 0;
    for (let round = 0; round < 1500; round++) {
      if (round % 100 === 0) text = SEED_SOURCE;
      const at = Math.floor(next() * (text.length + 1));
      if (next() < 0.5) text = text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
      else text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 5));
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
