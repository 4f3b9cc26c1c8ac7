import * as assert from 'node:assert/strict';
import { plainText } from '../../src/core/analysis/plainText';
import { analyzePython } from '../../src/core/analysis/python';

describe('plain text for the editor', () => {
  it('turns `code` spans into quoted code and keeps other text', () => {
    assert.equal(plainText('`np.float` was removed; use `float`.'), "'np.float' was removed; use 'float'.");
    assert.equal(plainText('no code here'), 'no code here');
    assert.equal(plainText('Python 2 wrote repr as `x` or a lone ` mark'), "Python 2 wrote repr as 'x' or a lone ` mark");
  });
  it('leaves no code-span backticks in the messages and fix titles of an old tutorial', () => {
    const src = 'import numpy as np\nimport torch\nfrom sklearn.datasets import load_boston\nx = np.float(1)\nm = Net().cuda()\nprint "x"\n';
    for (const f of analyzePython(src)) {
      assert.doesNotMatch(plainText(f.message), /`[^`\n]+`/, f.message);
      for (const fix of f.fixes) assert.doesNotMatch(plainText(fix.title), /`[^`\n]+`/, fix.title);
    }
  });
});
