import * as assert from 'node:assert/strict';
import { analyzeScan, Locator, worthScanning } from '../../src/core/analysis/engine';
import { analyzeNotebook } from '../../src/core/analysis/notebook';
import { RULE_IDS, type AnalysisOptions, type RuleId } from '../../src/core/analysis/types';
import { scanText } from '../../src/core/python/scanner';
import { random } from './python-testkit';

// The engine skips the full scan of a file when the skim finds nothing any enabled rule needs.
// That is only right if the skim never misses: whenever the full analysis reports something, the
// skim must have said "worth scanning". These tests hold the two readers together.

/** Findings of the full analysis, without asking the skim. */
function fullFindings(text: string, options: AnalysisOptions) {
  return analyzeScan(scanText(text), options, new Locator(text), false);
}

function only(rule: RuleId): AnalysisOptions {
  // the rule itself gets a severity, so that rules that are off by default are checked too
  return { severities: { ...Object.fromEntries(RULE_IDS.filter((r) => r !== rule).map((r) => [r, 'off'])), [rule]: 'warning' } };
}

const OPTION_SETS: [string, AnalysisOptions][] = [['all rules', {}], ...RULE_IDS.map((r): [string, AnalysisOptions] => [`only ${r}`, only(r)])];

function assertSound(text: string): number {
  let reported = 0;
  for (const [name, options] of OPTION_SETS) {
    const findings = fullFindings(text, options);
    reported += findings.length;
    if (findings.length > 0) assert.ok(worthScanning(text, options), `${name}: the skim skipped a file with ${findings.map((f) => f.rule).join(', ')} in ${JSON.stringify(text)}`);
  }
  return reported;
}


// Python 2 code without a single import: only the skim's own reading can find it.
const PYTHON2_SEED = `def f(a, b):
    """Docstring with \`ticks\` and print x."""
    if a <> b: print >>sys.stderr, "x", 0777, 10L
    try:
        s = ur"z" + \`a\` + f"{a!r:>{w}} {{y}}" + rb'q'
    except ValueError, e:
        exec "code" in ns
    except (TypeError, KeyError) as e:
        print
        raise KeyError, "k", tb
    for i in xrange(3): raw_input()
    g = lambda (x, y), z: x
def h(self, (w, h), d=(1, 2)):
    raise IOError, (2, "missing")
    return (a,
            b)
`;

const ML_SEED = `import numpy as np, pandas as pd
from sklearn.datasets import load_boston
import torch, tensorflow as tf
df = pd.read_csv("a.csv")
x = np.float(1); t = torch.zeros(1).cuda()
model.fit(df, y)
`;

// Python 3 code that mentions every trigger in strings and comments; each seed adds one real one,
// so a mutation can create, hide or break exactly that one.
const PYTHON3_BASE = `"""Doc: print x, \`t\`, a <> b, 10L, 0777, ur"x", exec "c", except E, e:"""
import os  # print x
def f(a, b=(1,
            2)):
    try:
        print(a, f"{a!r:>{b}} {{print x}}", '\\'')
    except (ValueError, TypeError) as e:
        raise OSError(e, "raise E, m") from e
    g = lambda a, b=(1, 2): (a, (b, a))
    return [x for x in range(0o7)]
`;
const ONE_TRIGGER = ['print "x"', 'print', 'exec code', 'try:\n    pass\nexcept E, e:\n    pass', 'x = `a`', 'y = a <> b', 'z = 10L', 'w = 0777', 's = ur"a"', 'xrange(3)', 'raw_input()', 'raise E, "m"', 'raise E, m, tb', 'def g(a, (b, c)): pass', 'k = lambda (x, y): x', 'k = lambda a, (b, c): a'];
// The training-loop rules: a loop without zero_grad (missing-zero-grad), a Dropout model evaluated in
// training mode (eval-mode-missing), eval() in a training loop never undone (train-mode-not-restored).
const TRAINING_SEED = `import torch.nn as nn
from torch import optim
import torch
net = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.1))
clf = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
opt = optim.SGD(net.parameters(), lr=0.1)
for x, y in loader:
    nn.functional.mse_loss(net(x), y).backward()
    opt.step()
    clf.eval()
with torch.no_grad():
    net(X_test)
`;
// The value-following rules: softmax before a logits loss (PyTorch and Keras), preprocessing fitted on test rows.
const LEARNING_SEED = `from tensorflow import keras
import torch.nn.functional as F
from sklearn.preprocessing import StandardScaler as SS
from imblearn.over_sampling import SMOTE
class Net:
    def forward(self, x):
        return F.softmax(x, 1)
loss = F.cross_entropy(Net()(x), y)
m = keras.Sequential([keras.layers.Dense(3, activation="softmax")])
m.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))
X_test = SS().fit_transform(X_test)
Xr, yr = SMOTE().fit_resample(X_test, y_test)
`;
const SEEDS = [PYTHON2_SEED, ML_SEED, TRAINING_SEED, LEARNING_SEED, PYTHON2_SEED.replace(/\n/g, '\r\n'), ...ONE_TRIGGER.map((line) => `${PYTHON3_BASE}${line}\n${PYTHON3_BASE}`)];

const PIECES = ['"', "'", '"""', "'''", '(', ')', '[', ']', '{', '}', '\\', '\n', '\r\n', '#', ':', ':=', ',', ';', '=', 'f"', 'rb"', 'ur"', '`', '<>', '<', ' ', '\t', '\f', '.', '0', '7', 'L', 'x', 'é', '\u00a0', '\ufeff', '\u2028', '\ud800',
  'import ', 'from ', 'print ', 'print(', 'exec ', 'except ', 'raise ', 'def ', 'lambda ', '(a, b)', 'f(', 'xrange', 'raw_input', 'as ', 'torch', 'numpy', 'pandas', 'sklearn', 'imblearn', 'tensorflow', 'jax', 'keras', 'if x: ', 'lambda: ', '0x1F', '.5', '#!python2\n'];

describe('python skim (the full scan is skipped only where it would find nothing)', () => {
  it('reports "worth scanning" for every mutated source the full analysis finds something in', function () {
    this.timeout(120000);
    const next = random(7);
    let reported = 0;
    let skipped = 0;
    for (const seed of SEEDS) {
      let text = seed;
      for (let round = 0; round < 600; round++) {
        if (round % 60 === 0) text = seed;
        const at = Math.floor(next() * (text.length + 1));
        if (next() < 0.6) text = text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
        else text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 4));
        reported += assertSound(text);
        if (!worthScanning(text, {})) skipped++;
      }
    }
    // The mutations must both keep findings and sometimes remove every one (else nothing was tested).
    assert.ok(reported > 5000, `findings: ${reported}`);
    assert.ok(skipped > 500, `skipped: ${skipped}`);
  });

  it('sees Python 2 syntax however it is written', () => {
    const sources = [
      'print "x"',
      'print\\\n  x',
      'if a: print x',
      'x = 1; print x',
      'exec code',
      'exec "code" in ns',
      'except E, e: pass',
      'try:\n  pass\nexcept (A,\n        B), e:\n  pass',
      'try:\n  pass\nexcept E """\n""", e:\n  pass',
      'try:\n  pass\nexcept E \\\n, e:\n  pass',
      'foo(\ndef g(): pass\nexcept E), e:\n  pass',
      'x = `a`',
      'if a <> b: pass',
      'x = 10L',
      'x = 0x1FL',
      'x = 0777',
      'x = 0_7',
      'x = ur"a"',
      'x = UR"a"',
      'for i in xrange(3): pass',
      'raw_input()',
      '#!/usr/bin/python2.7\nx = 1',
      'raise E, "m"',
      'if x: raise E, m, tb',
      'raise E \\\n, m',
      'raise E("a"\n), m',
      'foo(\ndef g(): pass\nraise E), m',
      'def f(a, (b, c)): pass',
      'def f(a,\n      (b, c)): pass',
      'def f(a,  # note\n      (b, c)): pass',
      'def f(a, \\\n  (b, c)): pass',
      'def f((a, b)): pass',
      'x = (\ndef f(a, (b, c)): pass',
      'async def f(self, (b, c)): pass',
      'k = lambda (x, y): x',
      'k = lambda \\\n (x, y): x',
      'f(lambda\n  (x, y): x)',
      'k = lambda a, (b, c): a',
      'k = lambda a=f(lambda x, (y, z): 0): a',
      'k = lambda a=lambda (y): 0: a',
    ];
    for (const source of sources) {
      assert.ok(fullFindings(source, only('python2')).length > 0, `the full scan reports ${JSON.stringify(source)}`);
      assertSound(source);
    }
    // A bare `print` is the function's name, valid Python 3: nothing to report, but skimming it is sound.
    for (const source of ['print', 'print  # bare', 'def f():\n\tprint\n']) {
      assert.equal(fullFindings(source, only('python2')).length, 0, source);
      assertSound(source);
    }
    // Characters Python does not take in names end them for the scanner; the skim must agree.
    for (const source of ['print\u00a0x', 'f(x)\n\u00a0print x', '\ufeffprint x', 'éprint x', 'printé x', 'x = é0777', 'except\u2028E, e: pass']) assertSound(source);
  });

  it('skips Python 3 code that only mentions those things in strings, comments and calls', () => {
    const source = `"""Module docstring: print x, \`ticks\`, a <> b, 10L, 0777, except E, e: exec "code"."""
import os, sys
from collections import OrderedDict  # print x
def f(a, b):
    '''except ValueError, e:'''
    try:
        print(a, b, sep=", ")
        exec(compile("1", "f", "eval"))
    except (ValueError, TypeError) as e:
        raise RuntimeError(f"{a!r}: {e}, {b:>{10}}") from e
    except KeyError as e:
        raise KeyError(
            "a, b", (1, 2)) from e
    key = lambda kv, d=(0, 0): (kv[1], d)
    g = h((a, b), (c, d))
    except OSError:
        pass
    x = [i for i in range(0o777, 10)] + [0, 0.5, 1e-3, 0x1F, 00]
    return a if a != b else {k: v for k, v in os.environ.items()}
`;
    assert.equal(fullFindings(source, {}).length, 0);
    assert.equal(worthScanning(source, {}), false);
  });

  it('skips print, exec, xrange and raw_input used as values or attributes (Python 3)', () => {
    for (const source of ['overload(print)\n', 'local_print = print\n', 'f(exec, code)\n', 'x = self.raw_input(prompt)\n', 'obj . xrange(3)\n']) {
      assert.equal(fullFindings(source, {}).length, 0, source);
      assert.equal(worthScanning(source, {}), false, source);
    }
    for (const source of ['if x: print y\n', 'x = 1; exec code\n', 'def f():\n\tprint x\n', 'x = (1 +\n     xrange(2))\n']) {
      assert.ok(fullFindings(source, only('python2')).length > 0, source);
      assert.equal(worthScanning(source, only('python2')), true, source);
    }
  });

  it('scans a file as soon as it imports a module a rule needs, and only for rules that are on', () => {
    assert.equal(worthScanning('import numpy as np\n', {}), true);
    assert.equal(worthScanning('from sklearn import datasets\n', {}), true);
    assert.equal(worthScanning('import os, torch.nn as nn\n', {}), true);
    assert.equal(worthScanning('from os import (path,\n  torch)\n', {}), true);
    assert.equal(worthScanning('import numpy as np\n', only('python2')), false);
    assert.equal(worthScanning('import torch\n', only('hardcoded-cuda')), true);
    assert.equal(worthScanning('import numpy\n', only('hardcoded-cuda')), false);
    assert.equal(worthScanning('x = "import numpy"  # import torch\n', {}), false);
    const everyRuleOff = { severities: Object.fromEntries(RULE_IDS.map((r) => [r, 'off'])) } as AnalysisOptions;
    assert.equal(worthScanning('print "x"\nimport torch\n', everyRuleOff), false);
  });

  it('reads notebook cells each on its own, as the scanner does', () => {
    const cells = [
      { kind: 'code' as const, source: 's = """unterminated' },
      { kind: 'markdown' as const, source: 'print x' },
      { kind: 'code' as const, source: 'print "x"' },
    ];
    assert.equal(analyzeNotebook(cells, only('python2')).length, 1);
    assert.equal(analyzeNotebook([cells[0], cells[1]], only('python2')).length, 0);
  });
});
