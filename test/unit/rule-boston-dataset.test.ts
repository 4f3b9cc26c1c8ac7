import * as assert from 'node:assert/strict';
import { assertFixesWork, findingsOf, flagged } from './python-testkit';

describe('rule boston-dataset', () => {
  it('reports the import and every use under any alias or module path', () => {
    assert.deepEqual(flagged('from sklearn.datasets import load_boston\nX, y = load_boston(return_X_y=True)\n', 'boston-dataset'), ['load_boston', 'load_boston']);
    assert.deepEqual(flagged('from sklearn.datasets import load_boston as lb\ndata = lb()\n', 'boston-dataset'), ['load_boston', 'lb']);
    assert.deepEqual(flagged('import sklearn.datasets as skd\nd = skd.load_boston()\n', 'boston-dataset'), ['skd.load_boston']);
    assert.deepEqual(flagged('import sklearn\nd = sklearn.datasets.load_boston()\n', 'boston-dataset'), ['sklearn.datasets.load_boston']);
    assert.deepEqual(flagged('from sklearn import datasets as ds\nd = ds.load_boston()\n', 'boston-dataset'), ['ds.load_boston']);
    assert.deepEqual(flagged('from sklearn.datasets import *\nd = load_boston()\n', 'boston-dataset'), ['load_boston']);
    assert.deepEqual(flagged('def f():\n    from sklearn.datasets import (load_iris,\n        load_boston)\n', 'boston-dataset'), ['load_boston']);
  });
  it('reports fetch_openml requests for the Boston data', () => {
    assert.deepEqual(flagged('from sklearn.datasets import fetch_openml\nb = fetch_openml("boston")\n', 'boston-dataset'), ['"boston"']);
    assert.deepEqual(flagged('from sklearn.datasets import fetch_openml\nb = fetch_openml(name="Boston", version=1)\n', 'boston-dataset'), ['name="Boston"']);
    assert.deepEqual(flagged('import sklearn.datasets as d\nb = d.fetch_openml(data_id=531)\n', 'boston-dataset'), ['data_id=531']);
    assert.deepEqual(flagged('from sklearn.datasets import fetch_openml\nb = fetch_openml(name="house_prices")\nc = fetch_openml(data_id=42165)\n', 'boston-dataset'), []);
  });
  it('ignores strings, comments, docstrings, other libraries and unrelated names', () => {
    for (const src of [
      'import sklearn\ns = "from sklearn.datasets import load_boston"\n',
      'import sklearn\n# load_boston()\n',
      'import sklearn\ndef f():\n    """Uses load_boston."""\n',
      'import sklearn\nx = f"{load_boston}"\n',
      'from mylib import load_boston\nload_boston()\n',
      'def load_boston():\n    return 1\nload_boston()\n',
      'from sklearn.datasets import fetch_california_housing\nfetch_california_housing()\n',
    ]) {
      assert.deepEqual(flagged(src, 'boston-dataset'), [], src);
    }
  });
  it('marks findings deprecated and offers an unsafe fix that says the dataset changes', () => {
    const [f] = findingsOf('from sklearn.datasets import load_boston\n', 'boston-dataset');
    assert.equal(f.deprecated, true);
    assert.equal(f.severity, 'error', 'load_boston fails on current scikit-learn: an error');
    assert.match(f.message, /1\.2/);
    assert.equal(f.fixes[0].safe, false);
    assert.match(f.fixes[0].title, /California Housing.*different dataset/);
  });
  it('fixes to fetch_california_housing and the result parses with no finding left', function () {
    this.timeout(20000);
    const applied = assertFixesWork(
      [
        'from sklearn.datasets import load_boston\nX, y = load_boston(return_X_y=True)\n',
        'from sklearn.datasets import load_boston as lb\ndata = lb()\n',
        'import sklearn.datasets as skd\nd = skd.load_boston()\n',
        'from sklearn import datasets\nd = datasets.load_boston()\nprint(d.feature_names)\n',
        'from sklearn.datasets import (load_iris,\n    load_boston)\nb = load_boston()\n',
      ],
      'boston-dataset',
    );
    assert.ok(applied.some((a) => a.fixed === 'from sklearn.datasets import fetch_california_housing\nX, y = fetch_california_housing(return_X_y=True)\n'));
    assert.ok(applied.some((a) => a.fixed === 'from sklearn.datasets import fetch_california_housing as lb\ndata = lb()\n'));
    for (const a of applied) assert.deepEqual(findingsOf(a.fixed, 'boston-dataset'), [], a.fixed);
  });
});
