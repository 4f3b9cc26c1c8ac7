import * as assert from 'node:assert/strict';
import { assertFixesWork, findingsOf, flagged } from './python-testkit';

const HEAD = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\ncriterion = nn.CrossEntropyLoss()\n';

function loop(body: string, before = 'total = 0\nlosses = []\n'): string {
  return `${HEAD}${before}for x, y in loader:\n${body
    .split('\n')
    .map((l) => '    ' + l)
    .join('\n')}\n`;
}

describe('rule loss-accumulation', () => {
  it('reports += , = acc + and .append of a loss tensor that outlives the loop', () => {
    assert.deepEqual(flagged(loop('loss = criterion(model(x), y)\nloss.backward()\ntotal += loss'), 'loss-accumulation'), ['total += loss']);
    assert.deepEqual(flagged(loop('loss = criterion(model(x), y)\ntotal = total + loss'), 'loss-accumulation'), ['total = total + loss']);
    assert.deepEqual(flagged(loop('loss = F.cross_entropy(model(x), y)\nlosses.append(loss)'), 'loss-accumulation'), ['losses.append(loss)']);
    assert.deepEqual(flagged(loop('out = model(x)\nl = compute(out)\nl.backward()\ntotal += l * x.size(0)'), 'loss-accumulation'), ['total += l']);
    assert.deepEqual(flagged(loop('loss = self.loss_fn(model(x), y)\ntotal += loss'), 'loss-accumulation'), ['total += loss']);
    assert.deepEqual(flagged(loop('total += criterion(model(x), y)'), 'loss-accumulation'), ['total += criterion(model(x), y)']);
    assert.deepEqual(flagged(loop('total = total + F.mse_loss(model(x), y)'), 'loss-accumulation'), ['total = total + F.mse_loss(model(x), y)']);
    assert.deepEqual(flagged(loop('total += criterion(model(x), y).item()'), 'loss-accumulation'), []);
  });
  it('reports in while loops, nested loops and one-line loops', () => {
    const src = HEAD + 'total = 0\nwhile True:\n    for x in b:\n        loss = criterion(x)\n        total += loss\n';
    assert.deepEqual(flagged(src, 'loss-accumulation'), ['total += loss']);
    assert.deepEqual(flagged(HEAD + 'total = 0\nfor x in b: loss = criterion(x); total += loss\n', 'loss-accumulation'), ['total += loss']);
  });
  it('accepts .item(), .detach(), float() and .data', () => {
    for (const body of [
      'loss = criterion(x)\ntotal += loss.item()',
      'loss = criterion(x)\ntotal += loss.detach()',
      'loss = criterion(x)\ntotal += float(loss)',
      'loss = criterion(x)\ntotal += loss.data',
      'loss = criterion(x)\nlosses.append(loss.item())',
      'loss = criterion(x).item()\ntotal += loss',
    ]) {
      assert.deepEqual(flagged(loop(body), 'loss-accumulation'), [], body);
    }
  });
  it('ignores accumulators created in the loop, non-loss values, no_grad blocks and files without torch', () => {
    assert.deepEqual(flagged(loop('loss = criterion(x)\nstep = 0\nstep += loss', ''), 'loss-accumulation'), []);
    assert.deepEqual(flagged(loop('acc = model(x)\ntotal += acc'), 'loss-accumulation'), []);
    assert.deepEqual(flagged(HEAD + 'total = 0\nwith torch.no_grad():\n    for x in b:\n        loss = criterion(x)\n        total += loss\n', 'loss-accumulation'), []);
    assert.deepEqual(flagged(HEAD + 'total = 0\n@torch.no_grad()\ndef evaluate():\n    for x in b:\n        loss = criterion(x)\n        total += loss\n', 'loss-accumulation'), []);
    assert.deepEqual(flagged('total = 0\nfor x in b:\n    loss = criterion(x)\n    total += loss\n', 'loss-accumulation'), []);
    assert.deepEqual(flagged(loop('loss = criterion(x)\n# total += loss\ns = "total += loss"'), 'loss-accumulation'), []);
  });
  it('mentions .item() and .detach() and fixes with .item() (unsafe: the type changes)', function () {
    this.timeout(20000);
    const src = loop('loss = criterion(model(x), y)\nloss.backward()\ntotal += loss\nlosses.append(loss)');
    const [f] = findingsOf(src, 'loss-accumulation');
    assert.match(f.message, /\.item\(\)/);
    assert.match(f.message, /\.detach\(\)/);
    const applied = assertFixesWork([src, loop('l = criterion(x)\ntotal = total + l * 2'), loop('total += criterion(model(x), y)')], 'loss-accumulation', 4);
    assert.ok(applied.some((a) => a.fixed.includes('    total += criterion(model(x), y).item()\n')));
    assert.ok(applied.every((a) => !a.safe));
    assert.ok(applied.some((a) => a.fixed.includes('    total += loss.item()\n')));
    assert.ok(applied.some((a) => a.fixed.includes('    losses.append(loss.item())')));
  });
});
