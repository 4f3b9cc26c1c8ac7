import * as assert from 'node:assert/strict';
import { findingsOf, flagged } from './python-testkit';

describe('rule too-many-frameworks', () => {
  it('reports the import of the second family and names all families', () => {
    const src = 'import torch\nimport torchvision\nimport tensorflow as tf\nfrom jax import numpy as jnp\n';
    assert.deepEqual(flagged(src, 'too-many-frameworks'), ['tensorflow', 'jax']);
    const [f] = findingsOf(src, 'too-many-frameworks');
    assert.match(f.message, /3 deep-learning frameworks \(PyTorch, TensorFlow, JAX\)/);
    assert.deepEqual(f.fixes, []);
  });
  it('counts a family once (torch + torchvision + lightning, tensorflow + keras)', () => {
    assert.deepEqual(flagged('import torch\nimport torchvision\nimport lightning\n', 'too-many-frameworks'), []);
    assert.deepEqual(flagged('import tensorflow as tf\nfrom tensorflow import keras\nimport keras\n', 'too-many-frameworks'), []);
  });
  it('honours the threshold', () => {
    const src = 'import torch\nimport tensorflow\n';
    assert.equal(flagged(src, 'too-many-frameworks').length, 1);
    assert.equal(flagged(src, 'too-many-frameworks', { frameworkThreshold: 3 }).length, 0);
    assert.equal(flagged(src + 'import jax\n', 'too-many-frameworks', { frameworkThreshold: 3 }).length, 2);
  });
  it('ignores frameworks named in strings, comments and non-framework libraries', () => {
    assert.deepEqual(flagged('import torch\n# import tensorflow\ns = "import jax"\nimport numpy, pandas, sklearn\n', 'too-many-frameworks'), []);
  });
  it('marks the framework the file uses least, says which one it is mostly about, and never suggests deleting it', () => {
    const src = 'import torch\nimport tensorflow as tf\n\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nx = tf.constant([1.0])\nprint(torch.__version__)\n';
    assert.deepEqual(flagged(src, 'too-many-frameworks'), ['torch']);
    const [f] = findingsOf(src, 'too-many-frameworks');
    assert.match(f.message, /mostly about TensorFlow \(its names are used 3 times\); PyTorch, imported here, is used once/);
    assert.match(f.message, /Keep to TensorFlow in this file, or move the PyTorch code to a module of its own/);
    assert.doesNotMatch(f.message, /\b(delete|remove)\b/i);
  });
  it('on a tie keeps the family imported first, and counts from-imported names as uses', () => {
    assert.deepEqual(flagged('import tensorflow as tf\nimport torch\n', 'too-many-frameworks'), ['torch']);
    const src = 'import tensorflow as tf\nfrom torch import nn, optim\n\nnet = nn.Linear(2, 2)\nopt = optim.SGD(net.parameters(), lr=0.1)\n';
    assert.deepEqual(flagged(src, 'too-many-frameworks'), ['tensorflow']);
  });
});
