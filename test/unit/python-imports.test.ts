import * as assert from 'node:assert/strict';
import { Program } from '../../src/core/python/program';
import { scanText } from '../../src/core/python/scanner';
import { Tok } from '../../src/core/python/tokens';

function bindings(source: string): Record<string, string> {
  return Object.fromEntries(new Program(scanText(source)).bindings);
}
/** Resolved dotted path of the first chain starting with `name` after the imports. */
function resolve(source: string, name: string): string | undefined {
  const program = new Program(scanText(source));
  const { scan } = program;
  for (let t = 0; t < scan.count; t++) {
    if (scan.kind[t] === Tok.Name && scan.isName(t, name) && program.isReference(t) && !program.isImportStatement(scan.statementOf(t))) return program.qualifiedChain(t);
  }
  return undefined;
}

describe('python import resolution', () => {
  it('binds plain, aliased and dotted imports', () => {
    assert.deepEqual(bindings('import numpy as np\nimport sklearn.datasets as skd\nimport a.b.c\nimport os, sys as system\n'), {
      np: 'numpy',
      skd: 'sklearn.datasets',
      a: 'a',
      os: 'os',
      system: 'sys',
    });
  });
  it('binds from-imports with aliases, parentheses over several lines, and inside functions', () => {
    const src = 'from sklearn import datasets as ds\nfrom x import (a,\n    b as c,\n)\ndef f():\n    from torch import nn\n';
    assert.deepEqual(bindings(src), { ds: 'sklearn.datasets', a: 'x.a', c: 'x.b', nn: 'torch.nn' });
  });
  it('binds imports in one-line compound statements and after semicolons', () => {
    assert.deepEqual(bindings('try: import torch\nexcept ImportError: torch = None\nimport os; import numpy as np\n'), { torch: 'torch', os: 'os', np: 'numpy' });
  });
  it('ignores relative imports and imports inside strings or comments', () => {
    const program = new Program(scanText('from . import utils\nfrom ..pkg import x\n"import torch"\n# import jax\n'));
    assert.deepEqual([...program.topModules], []);
  });
  it('resolves attribute chains through aliases', () => {
    assert.equal(resolve('import numpy as np\nnp.random.seed(0)\n', 'np'), 'numpy.random.seed');
    assert.equal(resolve('import sklearn.datasets as skd\nskd.load_boston()\n', 'skd'), 'sklearn.datasets.load_boston');
    assert.equal(resolve('import tensorflow as tf\ntf.compat.v1.Session()\n', 'tf'), 'tensorflow.compat.v1.Session');
    assert.equal(resolve('import sklearn.datasets\nsklearn.datasets.load_boston()\n', 'sklearn'), 'sklearn.datasets.load_boston');
    assert.equal(resolve('x = 1\nx.y\n', 'x'), undefined);
  });
});
