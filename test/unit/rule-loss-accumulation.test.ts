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
  it('recognises accumulators made by tuple assignment, reversed sums and moving averages', () => {
    assert.deepEqual(flagged(loop('loss = criterion(model(x), y)\nloss.backward()\ntotal_loss += loss', 'total_loss, correct = 0, 0\n'), 'loss-accumulation'), ['total_loss += loss']);
    assert.deepEqual(flagged(loop('loss = criterion(model(x), y)\nb.append(loss)', 'a, b, c = [], [], []\n'), 'loss-accumulation'), ['b.append(loss)']);
    assert.deepEqual(flagged(loop('loss = criterion(model(x), y)\nrunning = loss + running', 'running = 0.0\n'), 'loss-accumulation'), ['running = loss']);
    assert.deepEqual(flagged(loop('loss = criterion(model(x), y)\nsmooth = 0.98 * smooth + 0.02 * loss', 'smooth = 0\n'), 'loss-accumulation'), ['smooth = 0.98 * smooth + 0.02 * loss']);
    assert.deepEqual(flagged(loop('losses.append(criterion(model(x), y))'), 'loss-accumulation'), ['losses.append(criterion(model(x), y))']);
    assert.deepEqual(flagged(loop('loss = criterion(model(x), y)\nlosses.append(loss * x.size(0))'), 'loss-accumulation'), ['losses.append(loss * x.size(0))']);
  });
  it('reports inside a train_step function that takes the loss function as a parameter', () => {
    const course = `${HEAD}def train_step(model, dataloader, loss_fn, optimizer, device):
    model.train()
    train_loss, train_acc = 0, 0
    for batch, (X, y) in enumerate(dataloader):
        y_pred = model(X.to(device))
        loss = loss_fn(y_pred, y.to(device))
        train_loss += loss
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    train_loss = train_loss / len(dataloader)
    return train_loss, train_acc
`;
    // the sum is returned, but each iteration is a step of its own: a running total, not a loss
    assert.deepEqual(flagged(course, 'loss-accumulation'), ['train_loss += loss']);
    // a parameter with any name, filled with a loss module by the file's own call
    const evaluate = `${HEAD}def evaluate(model, loader, crit):
    total = 0
    for x, y in loader:
        total += crit(model(x), y)
    print(total / len(loader))
evaluate(net, test_loader, criterion)
evaluate(net, test_loader, nn.MSELoss())
`;
    assert.deepEqual(flagged(evaluate, 'loss-accumulation'), ['total += crit(model(x), y)']);
    assert.deepEqual(flagged(evaluate.replace(/criterion\)\nevaluate\(net, test_loader, nn\.MSELoss\(\)\)/, 'accuracy)'), 'loss-accumulation'), []);
    // accelerate and AMP backpropagate the loss through another call
    assert.deepEqual(flagged(loop('loss = model(x).loss\naccelerator.backward(loss)\ntotal += loss'), 'loss-accumulation'), ['total += loss']);
    assert.deepEqual(flagged(loop('loss = model(x).loss\nscaler.scale(loss).backward()\ntotal += loss'), 'loss-accumulation'), ['total += loss']);
  });
  it('leaves a composite loss alone: summed within a step, then backpropagated or returned', () => {
    for (const src of [
      // style loss summed over layers, reset every step, backpropagated through another name
      `${HEAD}for step in range(300):\n    content = F.mse_loss(feats[2], target)\n    style = 0\n    for f, g in zip(feats, grams):\n        style += F.mse_loss(gram(f), g)\n    style *= style_weight\n    total = content + style\n    total.backward()\n`,
      // a loss computed afresh in the iteration, with a prior term added
      `${HEAD}for x, y in loader:\n    loss = F.cross_entropy(model(x), y)\n    prior_loss = model.kl_loss()\n    loss = loss + beta * prior_loss\n    loss.backward()\n`,
      `${HEAD}loss = None\nfor x, y in loader:\n    loss = criterion(model(x), y)\n    loss += 0.1 * criterion(aux(x), y)\n    loss.backward()\n`,
      // functions that sum terms and return the loss
      `${HEAD}def elbo(recon, x, mus, logvars):\n    loss = F.binary_cross_entropy(recon, x, reduction="sum")\n    for mu, logvar in zip(mus, logvars):\n        kl_loss = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())\n        loss = loss + kl_loss\n    return loss\n`,
      `${HEAD}def style_loss(outs, targets):\n    total = 0\n    for o, t in zip(outs, targets):\n        total += F.mse_loss(o, t)\n    return total * 1e3\n`,
      // a loss module's forward summing over the items of one batch
      `${HEAD}class Loss(nn.Module):\n    def forward(self, outputs, labels):\n        loss = 0.0\n        for batch in range(labels.size(0)):\n            loss += self.criterion(outputs[batch], labels[batch])\n        return loss / labels.size(0)\n`,
      // a loss summed over time steps, then backpropagated (the seq2seq tutorial)
      `${HEAD}def train(inp, target, decoder):\n    loss = 0\n    for di in range(n):\n        out, hidden = decoder(inp, hidden)\n        loss += criterion(out, target[di])\n    loss.backward()\n    return loss.item() / n\n`,
      // gradient accumulation: the sum is what is backpropagated
      `${HEAD}acc = 0\nfor i, (x, y) in enumerate(loader):\n    acc += criterion(model(x), y)\n    if (i + 1) % 4 == 0:\n        acc.backward()\n        opt.step()\n        acc = 0\n`,
      // losses kept in a list, then stacked into the loss
      `${HEAD}losses = []\nfor t in range(T):\n    losses.append(criterion(out[t], y[t]))\nloss = torch.stack(losses).mean()\nloss.backward()\n`,
    ]) {
      assert.deepEqual(flagged(src, 'loss-accumulation'), [], src);
    }
  });
  it('stays silent on the near misses: lists of other values, shadowed names, resets, evaluation without a graph', () => {
    for (const body of [
      'out = model(x)\npreds.append(out)',
      'loss = criterion(model(x), y)\nloss.backward()\nloss = loss.item()\ntotal += loss\nlosses.append(loss)',
      'loss = criterion(model(x), y)\ntotal = 0\ntotal += loss',
      'loss = criterion(model(x), y)\nwith autocast():\n    total = 0\ntotal += loss',
      'batch = []\nloss = criterion(model(x), y)\nbatch.append(loss)',
      'total += compute(loss)',
      'total += loss_count',
    ]) {
      assert.deepEqual(flagged(loop(body), 'loss-accumulation'), [], body);
    }
    // a function of the file that returns a number
    assert.deepEqual(flagged(`${HEAD}def compute_loss(out, y):\n    return F.cross_entropy(out, y).item()\ntotal = 0\nfor x, y in loader:\n    total += compute_loss(model(x), y)\n`, 'loss-accumulation'), []);
    // the loss computed under inference_mode carries no graph, even when appended outside it
    assert.deepEqual(flagged(`${HEAD}history = []\nfor epoch in range(10):\n    with torch.inference_mode():\n        test_loss = criterion(model(xt), yt)\n    history.append(test_loss)\n`, 'loss-accumulation'), []);
    // a reset under an if still lets the graph span the iterations in between
    assert.deepEqual(flagged(loop('loss = criterion(model(x), y)\nloss.backward()\nrunning += loss\nif i % 100 == 99:\n    running = 0', 'running = 0\n'), 'loss-accumulation'), ['running += loss']);
  });
  it('mentions .item() and .detach() and fixes with .item() (unsafe: the type changes)', function () {
    this.timeout(20000);
    const src = loop('loss = criterion(model(x), y)\nloss.backward()\ntotal += loss\nlosses.append(loss)');
    const [f] = findingsOf(src, 'loss-accumulation');
    assert.match(f.message, /\.item\(\)/);
    assert.match(f.message, /\.detach\(\)/);
    const applied = assertFixesWork([src, loop('l = criterion(x)\ntotal = total + l * 2'), loop('total += criterion(model(x), y)')], 'loss-accumulation', 4);
    assert.ok(applied.some((a) => a.fixed.includes('    total += criterion(model(x), y).item()\n')));
    assert.ok(applied.every((a) => !a.safe && /becomes a Python float/.test(a.title)), 'the title says what changes');
    assert.ok(applied.some((a) => a.fixed.includes('    total += loss.item()\n')));
    assert.ok(applied.some((a) => a.fixed.includes('    losses.append(loss.item())')));
  });
});
