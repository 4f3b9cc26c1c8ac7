import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { parseFlatList } from '../../src/core/analysis/rules/catalogueYaml';
import { analyzeNotebook } from '../../src/core/analysis/notebook';
import { deprecatedApis } from '../../src/core/analysis/rules/deprecatedApi';
import { assertFixesWork, findingsOf, flagged, rangeText } from './python-testkit';

const NP = 'import numpy as np\n';
const PD = 'import pandas as pd\n';

describe('rule deprecated-api', () => {
  describe('catalogue data', () => {
    it('has the required fields and a source link on every entry', () => {
      assert.ok(deprecatedApis().length > 60);
      for (const e of deprecatedApis()) {
        assert.ok(['attribute', 'module', 'method', 'kwarg'].includes(e.kind), e.api);
        assert.ok(e.replacement, e.api);
        assert.match(e.source, /^https:\/\//, e.api);
        assert.ok(e.deprecatedIn || e.removedIn, e.api);
        if (e.kind === 'method' || e.kind === 'kwarg') assert.ok(e.name, e.api);
        if (e.fix === 'none') assert.equal(e.safe, false, `${e.api}: no fix cannot be safe`);
      }
    });
    it('is read by the fast reader exactly as the YAML parser reads it', function () {
      // The general YAML parser takes seconds for the ~1,000-entry catalogue on a loaded machine.
      this.timeout(90000);
      const text = fs.readFileSync(path.join(__dirname, '../../../src/core/rules/deprecated-apis.yaml'), 'utf8');
      assert.deepEqual(parseFlatList(text), parse(text));
      assert.deepEqual(deprecatedApis(), parse(text));
    });
    it('falls back to the YAML parser for anything outside the flat subset', () => {
      for (const text of ['- a: &x 1\n', "- a: 'single'\n", '- a:\n    b: 1\n', 'a: 1\n', '- a: x # comment\n', '- a: |\n    block\n']) {
        assert.equal(parseFlatList(text), undefined, text);
      }
      assert.deepEqual(parseFlatList('- a: 1\n  b: "x, y"\n  c: [p, q]\n  d: { e: "f" }\n  g: true\n'), [{ a: 1, b: 'x, y', c: ['p', 'q'], d: { e: 'f' }, g: true }]);
    });
    it('does not list np.bool or np.long, which NumPy 2.0 brought back', () => {
      assert.ok(!deprecatedApis().some((e) => e.api === 'numpy.bool' || e.api === 'numpy.long'));
    });
  });

  describe('NumPy', () => {
    it('reports removed aliases and NumPy 2.0 removals under any alias', () => {
      assert.deepEqual(flagged(NP + 'x = np.float(1) + np.int(2)\ny = np.object\n', 'deprecated-api'), ['np.float', 'np.int', 'np.object']);
      assert.deepEqual(flagged('import numpy\nx = numpy.NaN + numpy.Inf\n', 'deprecated-api'), ['numpy.NaN', 'numpy.Inf']);
      assert.deepEqual(flagged('import numpy as xp\na = xp.float_(1); b = xp.product([1]); c = xp.in1d(a, b)\n', 'deprecated-api'), ['xp.float_', 'xp.product', 'xp.in1d']);
      assert.deepEqual(flagged('from numpy import NaN\n', 'deprecated-api'), ['NaN']);
    });
    it('leaves valid NumPy and look-alikes alone', () => {
      for (const src of [
        NP + 'x = np.bool_(1) + np.bool(1) + np.long(2) + np.float64(1) + np.nan + np.inf\n',
        NP + 's = "np.float is gone"  # np.float\n',
        NP + 'x = f"{np.float}"\n',
        'import mylib as np\nx = np.float\n',
        NP + 'x = obj.np.float\n',
        'x = float(1)\n',
      ]) {
        assert.deepEqual(flagged(src, 'deprecated-api'), [], src);
      }
    });
    it('explains versions, tags the range deprecated', () => {
      const [f] = findingsOf(NP + 'x = np.float(1)\n', 'deprecated-api');
      assert.match(f.message, /deprecated in NumPy 1\.20 and removed in NumPy 1\.24/);
      assert.equal(f.deprecated, true);
      assert.deepEqual(f.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 12 } });
    });
    it('fixes aliases and renamed constants', function () {
      this.timeout(20000);
      const applied = assertFixesWork(
        [NP + 'x = np.float(1)\n', NP + 'x = np.NaN\n', NP + 'y = 2 - np.NINF\n', NP + 'z = np.float_(3)\n', NP + 'w = np.product([1, 2])\n', NP + 'v = np.unicode\n', NP + 'm = np.mat([[1]])\n'],
        'deprecated-api',
        7,
      );
      assert.ok(applied.some((a) => a.fixed === NP + 'x = float(1)\n'));
      assert.ok(applied.some((a) => a.fixed === NP + 'x = np.nan\n'));
      assert.ok(applied.some((a) => a.fixed === NP + 'y = 2 - (-np.inf)\n'));
    });
    it('offers no np.float → float fix when the file shadows float', () => {
      const [f] = findingsOf(NP + 'float = 3\nx = np.float(1)\n', 'deprecated-api');
      assert.deepEqual(f.fixes, []);
    });
  });

  describe('pandas', () => {
    it('reports .append, .iteritems and .ix only on names bound to pandas objects', () => {
      const src = PD + 'df = pd.read_csv("a.csv")\ndf2 = df.append(other)\nfor k, v in df.iteritems():\n    pass\nx = df.ix[0]\ns = pd.Series([1])\ns.append(s)\n';
      assert.deepEqual(flagged(src, 'deprecated-api'), ['append', 'iteritems', 'ix', 'append']);
    });
    it('follows derived pandas names and indexing', () => {
      const src = PD + 'df = pd.DataFrame({"a": [1]}).dropna()\nsub = df[df.a > 0].copy()\nsub.append(df)\ndf["a"].iteritems()\n';
      assert.deepEqual(flagged(src, 'deprecated-api'), ['append', 'iteritems']);
    });
    it('never reports a list named like a DataFrame, or a name rebound to a list', () => {
      for (const src of [
        PD + 'df = []\ndf.append(1)\n',
        PD + 'df = pd.read_csv("a")\ndf = []\ndf.append(1)\n',
        PD + 'rows = []\nfor df in frames:\n    df.append(1)\n',
        PD + 'df = pd.read_csv("a")\nn = len(df)\nitems = df.columns.tolist()\nitems.append("x")\n',
        'df = load()\ndf.append(1)\n',
        PD + 'x = "df.append(1)"\n',
      ]) {
        assert.deepEqual(flagged(src, 'deprecated-api'), [], src);
      }
    });
    it('reports pd.np and fixes it to the numpy alias', function () {
      this.timeout(20000);
      assert.deepEqual(flagged(PD + NP + 'x = pd.np.array([1])\n', 'deprecated-api'), ['pd.np']);
      assert.deepEqual(findingsOf(PD + 'x = pd.np.array([1])\n', 'deprecated-api')[0].fixes, [], 'no fix without numpy imported');
      const applied = assertFixesWork([PD + NP + 'x = pd.np.array([1])\n'], 'deprecated-api');
      assert.equal(applied[0].fixed, PD + NP + 'x = np.array([1])\n');
    });
    it('fixes .append to pd.concat (unsafe) and .iteritems to .items (safe)', function () {
      this.timeout(20000);
      const applied = assertFixesWork(
        [
          PD + 'df = pd.read_csv("a")\ndf = df.append(other, ignore_index=True)\n',
          PD + 'df = pd.read_csv("a")\ndf = df.append({"a": 1}, ignore_index=True)\n',
          PD + 'df = pd.read_csv("a")\nfor k, v in df.iteritems():\n    pass\n',
        ],
        'deprecated-api',
        3,
      );
      const concat = applied.find((a) => a.fixed.includes('pd.concat([df, other], ignore_index=True)'));
      assert.ok(concat && !concat.safe);
      assert.ok(applied.some((a) => a.fixed.includes('pd.concat([df, pd.DataFrame([{"a": 1}])], ignore_index=True)')));
      assert.ok(applied.some((a) => a.safe && a.fixed.includes('df.items()')));
    });
    it('reports removed read_csv keyword arguments', () => {
      assert.deepEqual(flagged(PD + 'df = pd.read_csv("a", error_bad_lines=False)\n', 'deprecated-api'), ['error_bad_lines']);
    });
  });

  describe('scikit-learn', () => {
    it('reports removed modules in every import form', () => {
      assert.deepEqual(flagged('from sklearn.cross_validation import train_test_split\n', 'deprecated-api'), ['sklearn.cross_validation']);
      assert.deepEqual(flagged('from sklearn.grid_search import GridSearchCV\n', 'deprecated-api'), ['sklearn.grid_search']);
      assert.deepEqual(flagged('import sklearn.learning_curve as lc\n', 'deprecated-api'), ['sklearn.learning_curve']);
      assert.deepEqual(flagged('from sklearn import cross_validation\n', 'deprecated-api'), ['cross_validation']);
      assert.deepEqual(flagged('from sklearn.externals import joblib\n', 'deprecated-api'), ['joblib']);
      assert.deepEqual(flagged('import sklearn\nx = sklearn.cross_validation.train_test_split\n', 'deprecated-api'), ['sklearn.cross_validation']);
      assert.deepEqual(flagged('from sklearn.model_selection import train_test_split\nimport joblib\n', 'deprecated-api'), []);
      assert.deepEqual(flagged('from sklearn.externals import joblib\njoblib.dump(m, "m.pkl")\n', 'deprecated-api'), ['joblib', 'joblib'], 'the import and the use');
    });
    it('rewrites the imports; safe only for functions whose signature did not change', function () {
      this.timeout(20000);
      const applied = assertFixesWork(
        [
          'from sklearn.cross_validation import train_test_split\n',
          'from sklearn.cross_validation import KFold\n',
          'from sklearn.externals import joblib\n',
          'from sklearn.externals import joblib as jl\n',
          'import sklearn.grid_search as gs\n',
          'import sklearn\nx = sklearn.cross_validation.train_test_split\n',
        ],
        'deprecated-api',
        6,
      );
      const get = (src: string) => applied.find((a) => a.source === src)!;
      assert.deepEqual([get('from sklearn.cross_validation import train_test_split\n').fixed, get('from sklearn.cross_validation import train_test_split\n').safe], ['from sklearn.model_selection import train_test_split\n', true]);
      assert.equal(get('from sklearn.cross_validation import KFold\n').safe, false);
      assert.equal(get('from sklearn.externals import joblib\n').fixed, 'import joblib\n');
      assert.equal(get('from sklearn.externals import joblib as jl\n').fixed, 'import joblib as jl\n');
    });
    it('reports renamed keyword arguments and fixes sparse → sparse_output', function () {
      this.timeout(20000);
      const src = 'from sklearn.preprocessing import OneHotEncoder\nenc = OneHotEncoder(sparse=False)\n';
      assert.deepEqual(flagged(src, 'deprecated-api'), ['sparse']);
      const [a] = assertFixesWork([src], 'deprecated-api');
      assert.equal(a.fixed, 'from sklearn.preprocessing import OneHotEncoder\nenc = OneHotEncoder(sparse_output=False)\n');
    });
  });

  describe('TensorFlow and PyTorch', () => {
    it('reports TF1 names but not tf.compat.v1', () => {
      const src = 'import tensorflow as tf\ns = tf.Session()\nx = tf.placeholder(tf.float32)\no = tf.train.AdamOptimizer(0.1)\nok = tf.compat.v1.Session()\nfrom tensorflow.contrib import slim\n';
      assert.deepEqual(flagged(src, 'deprecated-api'), ['tf.Session', 'tf.placeholder', 'tf.train.AdamOptimizer', 'tensorflow.contrib']);
    });
    it('fixes TF1 names to tf.compat.v1 (unsafe)', function () {
      this.timeout(20000);
      const applied = assertFixesWork(['import tensorflow as tf\ns = tf.Session()\n', 'import tensorflow as tf\no = tf.train.AdamOptimizer(0.1)\n', 'import tensorflow as tf\ntf.set_random_seed(1)\n'], 'deprecated-api', 3);
      assert.ok(applied.some((a) => a.fixed.includes('tf.compat.v1.Session()') && !a.safe));
      assert.ok(applied.some((a) => a.fixed.includes('tf.compat.v1.train.AdamOptimizer(0.1)')));
      assert.ok(applied.some((a) => a.fixed.includes('tf.random.set_seed(1)')));
    });
    it('reports torch.autograd.Variable', () => {
      assert.deepEqual(flagged('from torch.autograd import Variable\nx = Variable(t)\n', 'deprecated-api'), ['Variable', 'Variable']);
      assert.deepEqual(flagged('import torch\nx = torch.autograd.Variable(t)\n', 'deprecated-api'), ['torch.autograd.Variable']);
    });
  });

  it('skips files that import none of the catalogued libraries', () => {
    assert.deepEqual(flagged('x = np.float(1)\ndf.append(1)\n', 'deprecated-api'), []);
  });
});

describe('rule deprecated-api: uses of names imported from deprecated paths', () => {
  const rule = 'deprecated-api';
  it('reports every use of an imported deprecated name: calls, attribute chains, aliases, nested functions', () => {
    const src = [
      'import torch',
      'from torch.autograd import Variable',
      'x = Variable(torch.ones(2), requires_grad=True)',
      'def train(model, loader):',
      '    for im, label in loader:',
      '        im = Variable(im.cuda())',
      '        out = model(im)',
      '    return Variable(out.data).data',
      'class Trainer(object):',
      '    def step(self, batch):',
      '        return Variable(batch)',
      '',
    ].join('\n');
    const found = findingsOf(src, rule);
    assert.deepEqual(found.map((f) => f.range.start.line), [1, 2, 5, 7, 10]);
    assert.ok(found.every((f) => f.deprecated === true));
    assert.match(found[1].message, /`Variable` is `torch\.autograd\.Variable`, which is deprecated since PyTorch 0\.4/);
    assert.deepEqual(flagged('from torch.autograd import Variable as V\ny = V(t) + V(u)\n', rule), ['Variable', 'V', 'V']);
  });
  it('follows names imported inside a function, and only within it', () => {
    const src = 'def f(t):\n    from torch.autograd import Variable\n    return Variable(t)\n\ndef g(t):\n    return Variable(t)\n';
    assert.deepEqual(findingsOf(src, rule).map((f) => f.range.start.line), [1, 2]);
  });
  it('reports the uses of every import form of a deprecated module', () => {
    assert.deepEqual(flagged('from sklearn.cross_validation import train_test_split, KFold\na, b = train_test_split(X, y)\nkf = KFold(5)\n', rule), ['sklearn.cross_validation', 'train_test_split', 'KFold']);
    assert.deepEqual(flagged('import sklearn.cross_validation as cv\ncv.KFold(3)\n', rule), ['sklearn.cross_validation', 'cv']);
    assert.deepEqual(flagged('from sklearn import cross_validation\ncross_validation.train_test_split(X)\n', rule), ['cross_validation', 'cross_validation']);
    const [, use] = findingsOf('from sklearn.cross_validation import train_test_split\na = train_test_split(X)\n', rule);
    assert.match(use.message, /`train_test_split` comes from `sklearn\.cross_validation`, which was deprecated in scikit-learn 0\.18 and removed in scikit-learn 0\.20/);
    // `import sklearn.cross_validation` binds `sklearn`: its uses are attribute chains, reported once each.
    assert.deepEqual(flagged('import sklearn.cross_validation\nsklearn.cross_validation.KFold(3)\nsklearn.svm.SVC()\n', rule), ['sklearn.cross_validation', 'sklearn.cross_validation']);
  });
  it('reports uses of imported NumPy names (from numpy import float_)', () => {
    assert.deepEqual(flagged('from numpy import float_, zeros\nx = zeros(3, dtype=float_)\ny = float_(2)\n', rule), ['float_', 'float_', 'float_']);
  });
  it('finds uses in later notebook cells', () => {
    const cells = [
      { kind: 'code' as const, source: 'from torch.autograd import Variable\nimport torch' },
      { kind: 'markdown' as const, source: 'Wrap the tensor' },
      { kind: 'code' as const, source: 'x = Variable(torch.ones(1))' },
    ];
    const found = analyzeNotebook(cells, {}).filter((f) => f.rule === rule);
    assert.deepEqual(found.map((f) => [f.cell, f.range.start.line, f.range.start.character]), [[0, 0, 27], [2, 0, 4]]);
  });
  it('stays silent on near-misses', () => {
    for (const src of [
      // shadowed by a parameter, a local assignment, a def, a loop or comprehension variable
      'from torch.autograd import Variable\ndef f(Variable):\n    return Variable(1)\n',
      'from torch.autograd import Variable\ndef f(x):\n    Variable = make()\n    return Variable(x)\n',
      'from torch.autograd import Variable\ndef f(*, Variable=None):\n    return Variable\n',
      'from torch.autograd import Variable\nVariable = object\nx = Variable()\n',
      'from torch.autograd import Variable\ndef Variable(x):\n    return x\ny = Variable(2)\n',
      'from torch.autograd import Variable\nys = [Variable for Variable in xs]\nf = lambda Variable: Variable + 1\n',
      // another module's Variable, attributes and keywords of that name, strings and comments
      'import torch\nfrom mylib import Variable\nx = Variable(1)\n',
      'import torch\nx = obj.Variable(1)\ny = f(Variable=2)\nz = "Variable(x)"  # Variable(x)\n',
      'import tensorflow as tf\nv = tf.Variable(0)\n',
      // which import is in effect is not ours to say
      'try:\n    from sklearn.model_selection import train_test_split\nexcept ImportError:\n    from sklearn.cross_validation import train_test_split\na = train_test_split(X)\n',
    ]) {
      const lines = src.split('\n');
      const outsideImports = findingsOf(src, rule).filter((f) => !/^\s*(from|import) /.test(lines[f.range.start.line]));
      assert.deepEqual(outsideImports.map((f) => rangeText(src, f)), [], src);
    }
  });
  it('shares one fix between the import and its uses; applying it removes every finding', function () {
    this.timeout(20000);
    const src = 'from numpy import float_\nx = float_(1)\ndef f(v):\n    return float_(v) + x\n';
    const found = findingsOf(src, rule);
    assert.equal(found.length, 3);
    assert.ok(found.every((f) => f.fixes.length === 1 && f.fixes[0].shared !== undefined && f.fixes[0].shared === found[0].fixes[0].shared));
    assert.equal(found[0].fixes[0].edits.length, 3);
    assert.deepEqual(found.slice(1).map((f) => f.fixes[0].edits.length), [0, 0]);
    const applied = assertFixesWork([src, 'from numpy import float_ as F\ny = F(2)\n', 'from sklearn.cross_validation import train_test_split\na, b = train_test_split(X)\n', 'from sklearn.externals import joblib\njoblib.dump(m, "m.pkl")\n', 'import tensorflow\nfrom tensorflow import Session\ns = Session()\n'], rule, 5);
    const fixed = (s: string) => applied.find((a) => a.source === s)!.fixed;
    assert.equal(fixed(src), 'from numpy import float64\nx = float64(1)\ndef f(v):\n    return float64(v) + x\n');
    assert.equal(fixed('from numpy import float_ as F\ny = F(2)\n'), 'from numpy import float64 as F\ny = F(2)\n');
    assert.equal(fixed('import tensorflow\nfrom tensorflow import Session\ns = Session()\n'), 'import tensorflow\nfrom tensorflow.compat.v1 import Session\ns = Session()\n');
    for (const a of applied) assert.deepEqual(findingsOf(a.fixed, rule), [], a.fixed);
  });
  it('handles an old Keras script: np_utils imported from keras.utils, used twice, fixed once', function () {
    this.timeout(20000);
    const src = 'from keras.utils import np_utils\nY_train = np_utils.to_categorical(y_train, 10)\nY_test = np_utils.to_categorical(y_test, 10)\n';
    assert.deepEqual(flagged(src, rule), ['np_utils', 'np_utils', 'np_utils']);
    const [a] = assertFixesWork([src], rule);
    assert.match(a.fixed, /^from keras import utils as np_utils\n/, 'the uses keep their name');
    assert.deepEqual(findingsOf(a.fixed, rule), []);
  });
});
