import * as assert from 'node:assert/strict';
import { analyzeNotebook } from '../../src/core/analysis/notebook';
import { analyzePython } from '../../src/core/analysis/python';

// Input no one writes by hand but an editor may still hold (generated code, a minified blob, a
// paste gone wrong, half-typed nesting): the analysis must return, quickly, and never throw —
// in particular no recursion deep enough to overflow the stack.

/** CPU milliseconds (the machine may be busy with other work: wall time would be noise). */
function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const HEADER = 'import torch, numpy as np, pandas as pd\nfrom sklearn.datasets import load_boston\n';
const N = 20_000;

const INPUTS: Record<string, string> = {
  'nested f-strings': 'f"{'.repeat(3000),
  'nested f-strings, single quotes, closed': "f'{".repeat(3000) + "x" + "}'".repeat(3000) + '\n',
  'nested triple-quoted f-strings': 'f"""{'.repeat(3000),
  'nested format specs': 'f"{x:{'.repeat(3000) + '\n',
  'nested raw and t-strings': 'rf"{t\'{'.repeat(3000),
  'f-strings nested then closed': 'x = ' + 'f"{'.repeat(200) + '1' + '}"'.repeat(200) + '\nprint "y"\n',
  'unclosed parentheses': HEADER + 'x = ' + '('.repeat(N) + '\n',
  'unclosed calls': HEADER + 'f('.repeat(N),
  'closed parentheses': HEADER + 'x = ' + '('.repeat(N) + '1' + ')'.repeat(N) + '\n',
  'nested brackets of every kind': HEADER + '[{('.repeat(N / 3) + ')}]'.repeat(N / 3) + '\n',
  'unbalanced closers': HEADER + ')]}'.repeat(N) + '\n',
  'nested calls with cuda': HEADER + 'x.cuda('.repeat(N) + ')'.repeat(N) + '\n',
  'long operator line': HEADER + 'x = 1' + ' + 1'.repeat(N) + '\n',
  'operators without operands': HEADER + '+-*/%@<>=!&|^~:.,;'.repeat(N / 4) + '\n',
  'long attribute chain': HEADER + 'x = np' + '.a'.repeat(N) + '\n',
  'long subscript chain': HEADER + 'x = df' + '["a"]'.repeat(N) + '\n',
  'many strings': HEADER + '"a" '.repeat(N) + '\n',
  'unterminated strings': HEADER + '"abc\n'.repeat(N),
  'unterminated triple-quoted string': HEADER + '"""' + 'x\n'.repeat(N),
  'many backslashes': HEADER + '\\'.repeat(N) + '\n',
  'line continuations': HEADER + 'x = 1 \\\n'.repeat(N) + '\n',
  'deep indentation': HEADER + Array.from({ length: 2000 }, (_, k) => ' '.repeat(k) + 'for x in y:\n').join('') + ' '.repeat(2000) + 'total += loss\n',
  'deep with-blocks': HEADER + Array.from({ length: 2000 }, (_, k) => ' '.repeat(k) + 'with torch.no_grad():\n').join(''),
  'deep decorators': HEADER + '@torch.no_grad()\n'.repeat(N) + 'def f(): pass\n',
  'one very long line': HEADER + 'x = ' + 'abc'.repeat(1_000_000) + '\n',
  'nested lambdas': HEADER + 'f = ' + 'lambda: ('.repeat(N / 4) + '1' + ')'.repeat(N / 4) + '\n',
  'many imports on one line': 'import ' + Array.from({ length: N }, (_, k) => `m${k}`).join(', ') + '\n',
  'long dotted import': 'import ' + Array.from({ length: N }, (_, k) => `m${k}`).join('.') + '\n',
  'from-import of many names': 'from sklearn.datasets import ' + Array.from({ length: N }, (_, k) => `n${k}`).join(', ') + '\n',
  'only newlines': '\n'.repeat(N * 10),
  'carriage returns': HEADER + 'x.cuda()\r'.repeat(N),
  'NUL and lone surrogates': HEADER + '\0\ud800\udfff'.repeat(N) + '\n',
  // softmax-before-cross-entropy and test-data-leakage follow values across statements and calls
  'nested loss calls': HEADER + 'criterion = torch.nn.CrossEntropyLoss()\nx = ' + 'criterion(torch.nn.functional.softmax('.repeat(N / 4) + 'x' + '), y)'.repeat(N / 4) + '\n',
  'a long chain of reassignments into a loss': HEADER + 'x = torch.softmax(z, 1)\n' + 'x = x.view(-1)\n'.repeat(N) + 'loss = torch.nn.CrossEntropyLoss()(x, y)\n'.repeat(N / 4),
  'many fits on test rows in one statement': HEADER + 'from sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\nX_train, X_test, y_train, y_test = train_test_split(X, y)\nsc = StandardScaler()\nf(' + 'sc.fit_transform(X_test), '.repeat(N / 2) + ')\n',
  'nested fits inside a split': HEADER + 'from sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\na = train_test_split(' + 'StandardScaler().fit_transform('.repeat(N / 4) + 'X' + ')'.repeat(N / 4) + ', y)\n',
  'a long chain of fits before a split': HEADER + 'from sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\nsc = StandardScaler()\n' + 'X = sc.fit_transform(X)\n'.repeat(N / 2) + 'a, b, c, d = train_test_split(X, y)\n'.repeat(N / 4),
  'a long chain of derived test names': HEADER + 'from sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\na, b, c, d = train_test_split(X, y)\nv0 = b\n' + Array.from({ length: N / 2 }, (_, k) => `v${k + 1} = v${k}[0]\n`).join('') + `StandardScaler().fit(v${N / 2})\n`,
  'models and classes that refer to each other': HEADER + Array.from({ length: 2000 }, (_, k) => `class M${k}(M${k + 1}):\n    def forward(self, x):\n        return M${(k + 7) % 2000}()(x)\n`).join('') + 'loss = torch.nn.CrossEntropyLoss()(M0()(x), y)\n',
  'many Keras layers added': HEADER + 'import tensorflow as tf\nmodel = tf.keras.Sequential()\n' + 'model.add(tf.keras.layers.Dense(10, activation="softmax"))\n'.repeat(N / 2) + 'model.compile(loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))\n'.repeat(N / 8),
};

// The training-loop rules (missing-zero-grad, eval-mode-missing, train-mode-not-restored) on shapes that
// would make a careless walk quadratic: many loops, calls, switches, helpers and classes.
const TRAINING_INPUTS: Record<string, string> = {
  'one loop with many backward and step calls': HEADER + 'for x in y:\n' + '    loss.backward()\n    optimizer.step()\n'.repeat(N / 8),
  'deeply nested training loops': HEADER + Array.from({ length: 1000 }, (_, k) => ' '.repeat(k) + 'for x in y:\n').join('') + ' '.repeat(1000) + 'loss.backward(); optimizer.step()\n',
  'deeply nested defs with loops': HEADER + Array.from({ length: 500 }, (_, k) => ' '.repeat(2 * k) + 'def f(model, optimizer):\n' + ' '.repeat(2 * k + 1) + 'for x in y: loss.backward(); optimizer.step()\n').join(''),
  'a long chain of helpers that clear': HEADER + 'def h0():\n    optimizer.zero_grad()\n' + Array.from({ length: N / 8 }, (_, k) => `def h${k + 1}():\n    h${k}()\n`).join('') + 'for x in y:\n    h2500()\n    loss.backward()\n    optimizer.step()\n',
  'many optimizer bindings and steps': HEADER + 'optimizer = torch.optim.SGD(p)\n'.repeat(N / 8) + 'for x in y:\n' + '    loss.backward(); optimizer.step()\n'.repeat(N / 8),
  'many forward calls under no_grad': HEADER + 'model = torch.nn.Sequential(torch.nn.Dropout())\nwith torch.no_grad():\n' + '    model(x)\n'.repeat(N / 8),
  'many evaluation blocks and mode switches': HEADER + 'model = torch.nn.Sequential(torch.nn.Dropout())\n' + 'model.train()\nwith torch.no_grad():\n    model(x)\nmodel.eval()\n'.repeat(N / 16),
  'many evaluate helpers and their calls': HEADER + 'model = torch.nn.Sequential(torch.nn.BatchNorm1d(2))\n' + Array.from({ length: N / 16 }, (_, k) => `def evaluate${k}(net):\n    with torch.no_grad():\n        net(x)\nevaluate${k}(model)\n`).join(''),
  'a long chain of classes holding each other': HEADER + 'import torch.nn as nn\nclass C0(nn.Module):\n    def __init__(self):\n        self.d = nn.Dropout()\n' + Array.from({ length: N / 10 }, (_, k) => `class C${k + 1}(nn.Module):\n    def __init__(self):\n        self.c = C${k}()\n`).join('') + `m = C${N / 10}()\nwith torch.no_grad():\n    m(x)\n`,
  'eval switches in a long training loop': HEADER + 'for epoch in range(3):\n' + '    loss.backward()\n    model.eval()\n'.repeat(N / 8),
  'long receiver chains and subscripts': HEADER + 'for x in y:\n    loss.backward()\n    ' + 'a[0].'.repeat(N / 2) + 'optimizer.step()\n',
};

describe('analysis of pathological input', () => {
  for (const [name, source] of Object.entries(INPUTS)) {
    it(`${name}: never throws, under 2 s of CPU`, function () {
      this.timeout(60_000);
      let error: unknown;
      const ms = cpuMs(() => {
        try {
          analyzePython(source);
        } catch (e) {
          error = e;
        }
      });
      assert.equal(error, undefined, String(error));
      assert.ok(ms < 2000, `${ms.toFixed(0)} ms of CPU`);
    });
  }

  it('the same inputs as notebook cells, all in one notebook, never throw (under 5 s of CPU)', function () {
    this.timeout(120_000);
    // One text for all cells: a `\r` in the last cell was once searched for again from every string.
    const cells = Object.values(INPUTS).map((source) => ({ kind: 'code' as const, source }));
    let ok = false;
    const ms = cpuMs(() => {
      ok = Array.isArray(analyzeNotebook(cells));
    });
    assert.ok(ok);
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms of CPU`);
  });

  it('f-strings nested as deep as real code are still read as f-strings', () => {
    // the `print "y"` after a 5-deep f-string is found, so the f-string ended where Python ends it
    const findings = analyzePython('x = f"{f\'{f"{f\'{f"{1}"}\'}"}\'}"\nprint "y"\n');
    assert.deepEqual(findings.map((f) => [f.rule, f.range.start.line]), [['python2', 1]]);
  });

  for (const [name, source] of Object.entries(TRAINING_INPUTS)) {
    it(`${name}: never throws, under 2 s of CPU, with every training-loop rule on`, function () {
      this.timeout(60_000);
      let error: unknown;
      const ms = cpuMs(() => {
        try {
          analyzePython(source, { severities: { 'train-mode-not-restored': 'info' } });
        } catch (e) {
          error = e;
        }
      });
      assert.equal(error, undefined, String(error));
      assert.ok(ms < 2000, `${ms.toFixed(0)} ms of CPU`);
    });
  }
});
