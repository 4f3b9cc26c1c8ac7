import * as assert from 'node:assert/strict';
import { analyzeNotebook } from '../../src/core/analysis/notebook';
import { assertFixesWork, findingsOf, flagged } from './python-testkit';

const RULE = 'missing-zero-grad';
const HEAD = 'import torch\nimport torch.nn as nn\nfrom torch import optim\nmodel = nn.Linear(2, 1)\noptimizer = optim.SGD(model.parameters(), lr=0.1)\ncriterion = nn.MSELoss()\n';


describe('rule missing-zero-grad', () => {
  describe('fires', () => {
    it('on a loop with backward and step but no clearing, zero_grad once before the loop', () => {
      const src = HEAD + 'optimizer.zero_grad()\nfor x, y in loader:\n    loss = criterion(model(x), y)\n    loss.backward()\n    optimizer.step()\n';
      assert.deepEqual(flagged(src, RULE), ['optimizer.step()']);
      const [f] = findingsOf(src, RULE);
      assert.equal(f.severity, 'warning');
      assert.match(f.message, /never cleared/);
      assert.match(f.message, /`optimizer\.zero_grad\(\)`/);
      assert.equal(f.range.start.line, f.range.end.line);
    });

    it('when zero_grad runs once per epoch, outside the batch loop', () => {
      const src = HEAD + 'for epoch in range(10):\n    optimizer.zero_grad()\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        loss.backward(); optimizer.step()\n';
      assert.deepEqual(flagged(src, RULE), ['optimizer.step()']);
    });

    it('on a full-batch loop written on one line, and on while / async for loops', () => {
      assert.deepEqual(flagged(HEAD + 'for i in range(2000): err = criterion(model(x), y); err.backward(); optimizer.step()\n', RULE), ['optimizer.step()']);
      assert.deepEqual(flagged(HEAD + 'step = 0\nwhile step < 100:\n    criterion(model(x), y).backward()\n    optimizer.step()\n    step += 1\n', RULE), ['optimizer.step()']);
      assert.deepEqual(flagged(HEAD + 'async def main():\n    async for x, y in stream():\n        (criterion(model(x), y) / 4).backward()\n        optimizer.step()\n', RULE), ['optimizer.step()']);
    });

    it('when the step is outside the batch loop but in the epoch loop (full-batch accumulation never reset)', () => {
      const src = HEAD + 'for epoch in range(3):\n    for x, y in loader:\n        criterion(model(x), y).backward()\n    optimizer.step()\n';
      assert.deepEqual(flagged(src, RULE), ['optimizer.step()']);
    });

    it('on optimizers passed as parameters, attributes, other names bound to torch.optim, and scaler.step(opt)', () => {
      const train = 'def train(model, loader, opt_g, loss_fn):\n    for x, y in loader:\n        loss = loss_fn(model(x), y)\n        loss.backward()\n        opt_g.step()\n';
      assert.deepEqual(flagged(HEAD + train, RULE), ['opt_g.step()']);
      const cls = 'class Trainer:\n    def __init__(self, model):\n        self.optimizer = torch.optim.Adam(model.parameters())\n    def fit(self, loader):\n        for x, y in loader:\n            self.loss(x, y).backward()\n            self.optimizer.step()\n';
      assert.deepEqual(flagged(HEAD + cls, RULE), ['self.optimizer.step()']);
      const d2l = 'trainer = torch.optim.SGD(net.parameters(), lr=0.03)\nfor epoch in range(3):\n    for X, y in data_iter:\n        l = loss(net(X), y)\n        l.backward()\n        trainer.step()\n';
      assert.deepEqual(flagged(HEAD + d2l, RULE), ['trainer.step()']);
      const amp = 'scaler = torch.cuda.amp.GradScaler()\nfor x, y in loader:\n    with torch.autocast("cuda"):\n        loss = criterion(model(x), y)\n    scaler.scale(loss).backward()\n    scaler.step(optimizer)\n    scaler.update()\n';
      assert.deepEqual(flagged(HEAD + amp, RULE), ['scaler.step(optimizer)']);
      const accelerate = 'for batch in loader:\n    loss = model(**batch).loss\n    accelerator.backward(loss)\n    optimizer.step()\n    lr_scheduler.step()\n';
      assert.deepEqual(flagged(HEAD + accelerate, RULE), ['optimizer.step()']);
      const manual = 'import lightning as L\nclass M(L.LightningModule):\n    def training_step(self, batch, idx):\n        opt = self.optimizers()\n        for x in batch:\n            self.manual_backward(self.loss(x))\n            opt.step()\n';
      assert.deepEqual(flagged(HEAD + manual, RULE), ['opt.step()']);
    });

    it('recognises optimizers by name when they are not bound in the file, and nothing else', () => {
      const loop = (name: string): string => `import torch\nfor x, y in loader:\n    loss.backward()\n    ${name}.step()\n`;
      for (const name of ['optimizer', 'opt', 'optim', 'optG', 'opt_d', 'd_optim', 'g_optimizer', 'optimizerD', 'optimiser', 'self.opt', 'model.optimizer', 'optimizers[0]']) {
        assert.equal(flagged(loop(name), RULE).length, 1, name);
      }
      for (const name of ['options', 'adopt', 'optimal', 'stepper', 'lr_scheduler', 'scheduler', 'sched', 'env', 'self.env', 'trainer', 'model']) {
        assert.deepEqual(flagged(loop(name), RULE), [], name);
      }
    });

    it('once per unmatched step call, and through import aliases (import torch.optim as optim)', () => {
      const src = 'import torch.optim as optim\nsgd = optim.SGD(params, lr=1)\nfor x in data:\n    f(x).backward()\n    sgd.step()\n    sgd.step()\n';
      assert.deepEqual(flagged(src, RULE), ['sgd.step()', 'sgd.step()']);
    });

    it('when the only zero_grad is commented out or in a string', () => {
      const src = HEAD + 'for x, y in loader:\n    # optimizer.zero_grad()\n    s = "optimizer.zero_grad()"\n    criterion(model(x), y).backward()\n    optimizer.step()\n';
      assert.deepEqual(flagged(src, RULE), ['optimizer.step()']);
    });

    it('in a notebook, in the cell of the loop', () => {
      const nb = analyzeNotebook([
        { kind: 'code', source: HEAD },
        { kind: 'markdown', source: '# train' },
        { kind: 'code', source: 'for x, y in loader:\n    criterion(model(x), y).backward()\n    optimizer.step()\n' },
      ]).filter((f) => f.rule === RULE);
      assert.deepEqual(nb.map((f) => [f.cell, f.range.start.line]), [[2, 2]]);
    });
  });

  describe('stays silent', () => {
    const silent: [string, string][] = [
      ['zero_grad at the top of the loop', 'for x, y in loader:\n    optimizer.zero_grad()\n    criterion(model(x), y).backward()\n    optimizer.step()\n'],
      ['zero_grad after step', 'for x, y in loader:\n    criterion(model(x), y).backward()\n    optimizer.step()\n    optimizer.zero_grad()\n'],
      ['zero_grad(set_to_none=True)', 'for x, y in loader:\n    optimizer.zero_grad(set_to_none=True)\n    criterion(model(x), y).backward()\n    optimizer.step()\n'],
      ['gradient accumulation', 'for i, (x, y) in enumerate(loader):\n    loss = criterion(model(x), y) / 4\n    loss.backward()\n    if (i + 1) % 4 == 0:\n        optimizer.step()\n        optimizer.zero_grad()\n'],
      ['model.zero_grad()', 'for x, y in loader:\n    model.zero_grad()\n    criterion(model(x), y).backward()\n    optimizer.step()\n'],
      [
        'a GAN loop with two optimizers and netD/netG.zero_grad()',
        'optD = optim.Adam(netD.parameters())\noptG = optim.Adam(netG.parameters())\nfor epoch in range(5):\n    for i, data in enumerate(loader):\n        netD.zero_grad()\n        errD_real = criterion(netD(data), ones)\n        errD_real.backward()\n        errD_fake = criterion(netD(netG(z).detach()), zeros)\n        errD_fake.backward()\n        optD.step()\n        netG.zero_grad()\n        criterion(netD(netG(z)), ones).backward()\n        optG.step()\n',
      ],
      ['manual SGD without an optimizer', 'for x, y in loader:\n    loss = ((w * x - y) ** 2).mean()\n    loss.backward()\n    with torch.no_grad():\n        w -= lr * w.grad\n        w.grad.zero_()\n'],
      ['p.grad = None in a nested loop', 'for x, y in loader:\n    for p in model.parameters():\n        p.grad = None\n    criterion(model(x), y).backward()\n    optimizer.step()\n'],
      ['p.grad.data.zero_()', 'for x, y in loader:\n    criterion(model(x), y).backward()\n    optimizer.step()\n    for p in params:\n        p.grad.data.zero_()\n'],
      ['a loop with step but no backward (a scheduler demo)', 'for epoch in range(100):\n    optimizer.step()\n    scheduler.step()\n'],
      ['a loop with backward but no step', 'for x in xs:\n    y = x ** 2\n    y.backward()\n'],
      ['an LBFGS closure', 'opt = optim.LBFGS(model.parameters())\nfor i in range(20):\n    def closure():\n        opt.zero_grad()\n        loss = criterion(model(x), y)\n        loss.backward()\n        return loss\n    opt.step(closure)\n'],
      ['an LBFGS closure as a lambda', 'for i in range(20):\n    optimizer.step(lambda: criterion(model(x), y).backward())\n'],
      ['a train-step helper doing backward and step', 'def train_step(x, y):\n    optimizer.zero_grad()\n    loss = criterion(model(x), y)\n    loss.backward()\n    optimizer.step()\n    return loss\nfor x, y in loader:\n    loss = train_step(x, y)\n'],
      ['a helper that clears, called in the loop', 'def reset(m):\n    for p in m.parameters():\n        p.grad = None\ndef clear_all():\n    reset(model)\nfor x, y in loader:\n    clear_all()\n    criterion(model(x), y).backward()\n    optimizer.step()\n'],
      ['a method that clears, called on self', 'class T:\n    def clear(self):\n        self.optimizer.zero_grad()\n    def fit(self):\n        for x, y in loader:\n            self.clear()\n            criterion(model(x), y).backward()\n            self.optimizer.step()\n'],
      ['Lightning automatic optimization', 'import lightning as L\nclass M(L.LightningModule):\n    def training_step(self, batch, idx):\n        x, y = batch\n        return criterion(self(x), y)\n'],
      ['env.step and scheduler.step in an RL loop', 'for t in range(100):\n    obs, r, done, info = env.step(action)\n    loss.backward()\n    lr_scheduler.step()\n    self.env.step(a)\n'],
      ['distributed autograd (each context keeps its own gradients)', 'import torch.distributed.autograd as dist_autograd\nfor x, y in loader:\n    with dist_autograd.context() as cid:\n        dist_autograd.backward(cid, [criterion(model(x), y)])\n        opt.step(cid)\n'],
      ['a step on something that is not an optimizer', 'world = make_world()\nfor t in range(100):\n    loss.backward()\n    world.step()\n'],
      ['a clearing only in a nested def, with backward also there (closure)', 'for i in range(3):\n    def closure():\n        optimizer.zero_grad()\n        criterion(model(x), y).backward()\n        return 1\n    optimizer.step(closure)\n'],
    ];
    for (const [name, body] of silent) {
      it(name, () => assert.deepEqual(flagged(HEAD + body, RULE), []));
    }
    it('in files that do not import torch', () => {
      assert.deepEqual(flagged('for x, y in loader:\n    loss.backward()\n    optimizer.step()\n', RULE), []);
    });
    it('when suppressed', () => {
      assert.deepEqual(flagged(HEAD + 'for x, y in loader:\n    loss.backward()\n    optimizer.step()  # pyai: ignore[missing-zero-grad]\n', RULE), []);
    });
  });

  describe('fix', () => {
    it('inserts optimizer.zero_grad() before the backward statement, at its indentation, and the finding goes', function () {
      this.timeout(30000);
      const sources = [
        HEAD + 'for x, y in loader:\n    loss = criterion(model(x), y)\n    loss.backward()\n    optimizer.step()\n',
        HEAD + 'for i in range(2000): err = criterion(model(x), y); err.backward(); optimizer.step()\n',
        HEAD + 'for x, y in loader:\n\tif x is not None:\n\t\tcriterion(model(x), y).backward()\n\toptimizer.step()\n',
        HEAD + 'def train(model, loader, optim_d):\n    for x, y in loader:\n        for k in range(2):\n            criterion(model(x), y).backward()\n        optim_d.step()\n',
        HEAD + 'scaler = torch.cuda.amp.GradScaler()\nfor x, y in loader:\n    scaler.scale(criterion(model(x), y)).backward()\n    scaler.step(optimizer)\n',
        HEAD + 'for x, y in loader:\r\n    criterion(model(x), y).backward()\r\n    optimizer.step()\r\n',
      ];
      const applied = assertFixesWork(sources, RULE, sources.length);
      assert.ok(applied.every((a) => a.safe));
      assert.equal(applied[0].fixed, HEAD + 'for x, y in loader:\n    loss = criterion(model(x), y)\n    optimizer.zero_grad()\n    loss.backward()\n    optimizer.step()\n');
      assert.equal(applied[1].fixed, HEAD + 'for i in range(2000): err = criterion(model(x), y); optimizer.zero_grad(); err.backward(); optimizer.step()\n');
      assert.ok(applied[2].fixed.includes('\t\toptimizer.zero_grad()\n\t\tcriterion'), applied[2].fixed);
      assert.ok(applied[3].fixed.includes('    for x, y in loader:\n        optim_d.zero_grad()\n        for k in range(2):'), 'before the inner loop, so the deliberate sum of two backward passes stays');
      assert.ok(applied[4].fixed.includes('    optimizer.zero_grad()\n    scaler.scale('));
      assert.ok(applied[5].fixed.includes('\r\n    optimizer.zero_grad()\r\n    criterion'));
    });

    it('moves a zero_grad that sits just before the loop or in the enclosing epoch loop into the loop', function () {
      this.timeout(30000);
      const sources = [
        HEAD + 'optimizer.zero_grad(set_to_none=True)\nfor x, y in loader:\n    criterion(model(x), y).backward()\n    optimizer.step()\n',
        HEAD + 'for epoch in range(3):\n    optimizer.zero_grad()\n    print(epoch)\n    for x, y in loader:\n        criterion(model(x), y).backward()\n        optimizer.step()\n',
      ];
      const applied = assertFixesWork(sources, RULE, 2);
      assert.equal(applied[0].title, 'Move `optimizer.zero_grad(set_to_none=True)` into the loop, before the backward pass');
      assert.equal(applied[0].fixed, HEAD + 'for x, y in loader:\n    optimizer.zero_grad(set_to_none=True)\n    criterion(model(x), y).backward()\n    optimizer.step()\n');
      assert.equal(applied[1].fixed, HEAD + 'for epoch in range(3):\n    print(epoch)\n    for x, y in loader:\n        optimizer.zero_grad()\n        criterion(model(x), y).backward()\n        optimizer.step()\n');
    });

    it('offers no fix when the optimizer cannot be written as a name (optimizers[0])', () => {
      const [f] = findingsOf(HEAD + 'optimizers = [optimizer]\nfor x, y in loader:\n    criterion(model(x), y).backward()\n    optimizers[0].step()\n', RULE);
      assert.deepEqual(f.fixes, []);
      assert.match(f.message, /optimizers\[0\]/);
    });

    it('fixes a notebook cell', () => {
      const cells = [
        { kind: 'code' as const, source: HEAD },
        { kind: 'code' as const, source: 'for x, y in loader:\n    criterion(model(x), y).backward()\n    optimizer.step()' },
      ];
      const [f] = analyzeNotebook(cells).filter((x) => x.rule === RULE);
      assert.equal(f.fixes[0].edits[0].cell, 1);
      assert.deepEqual(f.fixes[0].edits[0].range.start, { line: 1, character: 0 });
      assert.equal(f.fixes[0].edits[0].newText, '    optimizer.zero_grad()\n');
    });
  });
});
