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
});
