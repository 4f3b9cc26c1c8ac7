import * as assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/analysis/edits';
import { analyzeNotebook } from '../../src/core/analysis/notebook';
import { assertFixesWork, findingsOf, flagged, pythonParseErrors } from './python-testkit';

const EVAL = 'eval-mode-missing';
const RESTORE = 'train-mode-not-restored';
const ON = { severities: { [RESTORE]: 'info' } } as const;

const NET = `import torch
import torch.nn as nn
import torch.nn.functional as F
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.drop = nn.Dropout(0.2)
        self.fc2 = nn.Linear(128, 10)
    def forward(self, x):
        return self.fc2(self.drop(F.relu(self.fc1(x))))
model = Net()
optimizer = torch.optim.Adam(model.parameters())
`;
/** Indents every non-empty line by four spaces. */
function ind(code: string): string {
  return code.replace(/^(?=.)/gm, '    ');
}
const TRAIN_LOOP = 'for x, y in train_loader:\n    optimizer.zero_grad()\n    F.cross_entropy(model(x), y).backward()\n    optimizer.step()\n';

describe('rule eval-mode-missing', () => {
  describe('fires', () => {
    it('on a no_grad evaluation of a Dropout model with no eval()', () => {
      const src = NET + TRAIN_LOOP + 'correct = 0\nwith torch.no_grad():\n    for x, y in test_loader:\n        out = model(x)\n        correct += (out.argmax(1) == y).sum().item()\n';
      assert.deepEqual(flagged(src, EVAL), ['model(x)']);
      const [f] = findingsOf(src, EVAL);
      assert.equal(f.severity, 'warning');
      assert.match(f.message, /`model` has Dropout\/BatchNorm/);
      assert.match(f.message, /`torch\.no_grad\(\)` only turns off gradient tracking/);
    });

    it('on a loop over validation data without no_grad, and on inference_mode and model.forward(x)', () => {
      assert.deepEqual(flagged(NET + TRAIN_LOOP + 'for x, y in val_loader:\n    loss = F.cross_entropy(model(x), y)\n', EVAL), ['model(x)']);
      assert.deepEqual(flagged(NET + 'with torch.inference_mode():\n    preds = model.forward(X_test)\n', EVAL), ['model.forward(X_test)']);
    });

    it('in an evaluate helper that receives the model, when a call site passes a Dropout model', () => {
      const src = NET + 'def evaluate(net, loader):\n    total = 0\n    with torch.no_grad():\n        for x, y in loader:\n            total += (net(x).argmax(1) == y).sum()\n    return total\nfor epoch in range(3):\n    model.train()\n' + ind(TRAIN_LOOP) + '    evaluate(model, test_loader)\n';
      assert.deepEqual(flagged(src, EVAL), ['net(x)']);
    });

    it('for BatchNorm, RNN dropout, nn.Sequential with Dropout, a torchvision model and a replaced head', () => {
      const bn = 'import torch\nimport torch.nn as nn\nclass C(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.bn = nn.BatchNorm2d(8)\nnet = C().to(device)\nwith torch.no_grad():\n    net(x)\n';
      assert.deepEqual(flagged(bn, EVAL), ['net(x)']);
      const rnn = 'import torch\nfrom torch import nn\nclass R(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.lstm = nn.LSTM(10, 20, num_layers=2, dropout=0.3)\nrnn = R()\nwith torch.no_grad():\n    rnn(x)\n';
      assert.deepEqual(flagged(rnn, EVAL), ['rnn(x)']);
      const seq = 'import torch\nimport torch.nn as nn\nclf = nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.5), nn.Linear(8, 2))\nwith torch.no_grad():\n    p = clf(X_val)\n';
      assert.deepEqual(flagged(seq, EVAL), ['clf(X_val)']);
      const tv = 'import torch\nfrom torchvision import models\nresnet = models.resnet18(weights=None)\nwith torch.no_grad():\n    for x, _ in test_loader:\n        resnet(x)\n';
      assert.deepEqual(flagged(tv, EVAL), ['resnet(x)']);
      const head = 'import torch\nimport torch.nn as nn\nfrom model_zoo import backbone\nnet = backbone()\nnet.fc = nn.Sequential(nn.Linear(512, 10), nn.Dropout(0.2))\nwith torch.no_grad():\n    net(x)\n';
      assert.deepEqual(flagged(head, EVAL), ['net(x)']);
      const composed = 'import torch\nimport torch.nn as nn\nclass Block(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.d = nn.Dropout()\nclass Big(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.b = Block()\nbig = Big()\nwith torch.no_grad():\n    big(x)\n';
      assert.deepEqual(flagged(composed, EVAL), ['big(x)']);
    });

    it('when an imported model is switched with train() in the file, and when the last switch before the evaluation is train()', () => {
      const imported = 'import torch\nfrom mymodels import Net\nmodel = Net()\nmodel.train()\nfor x in train_loader:\n    model(x).sum().backward()\nwith torch.no_grad():\n    for x in test_loader:\n        model(x)\n';
      assert.deepEqual(flagged(imported, EVAL), ['model(x)']);
      // layers not all visible: an imported backbone inside a same-file class, a Sequential of a list
      const hidden = 'import torch\nfrom torch import nn\nfrom torchvision import models\nclass Wrap(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.base = models.resnet18()\nlayers = [nn.Linear(2, 5), nn.Dropout(0.5)]\na = nn.Sequential(*layers)\nc = Wrap()\nwith torch.no_grad():\n    a(x)\n    c(x)\nfor epoch in range(3):\n    a.train()\n    c.train()\n';
      assert.deepEqual(flagged(hidden, EVAL), ['a(x)', 'c(x)']);
      const retrained = NET + 'model.eval()\nmodel.train()\n' + TRAIN_LOOP + 'with torch.no_grad():\n    model(X_test)\n';
      assert.deepEqual(flagged(retrained, EVAL), ['model(X_test)']);
    });

    it('once per evaluation block', () => {
      const src = NET + 'with torch.no_grad():\n    a = model(x1)\n    b = model(x2)\nwith torch.no_grad():\n    c = model(x3)\n';
      assert.deepEqual(flagged(src, EVAL), ['model(x1)', 'model(x3)']);
    });

    it('in a notebook with the class redefined in a later cell (latest definition counts)', () => {
      const cells = [
        { kind: 'code' as const, source: 'import torch\nimport torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(2, 2)\n' },
        { kind: 'code' as const, source: 'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(2, 2)\n        self.drop = nn.Dropout(0.1)\n' },
        { kind: 'code' as const, source: 'model = Net()' },
        { kind: 'code' as const, source: 'with torch.no_grad():\n    out = model(x_test)' },
      ];
      const found = analyzeNotebook(cells).filter((f) => f.rule === EVAL);
      assert.deepEqual(found.map((f) => [f.cell, f.range.start.line]), [[3, 1]]);
      const first = analyzeNotebook([cells[0], cells[2], cells[1], cells[3]]).filter((f) => f.rule === EVAL);
      assert.deepEqual(first, [], 'the model was built from the first class, which has no dropout');
      const trainedLater = analyzeNotebook([cells[0], cells[2], cells[3], cells[1], { kind: 'code' as const, source: 'model = Net()\nmodel.train()' }]).filter((f) => f.rule === EVAL);
      assert.deepEqual(trainedLater, [], 'a later Dropout class and a later train() do not change the first model');
    });
  });

  describe('stays silent', () => {
    const silent: [string, string][] = [
      ['model.eval() before the no_grad block', NET + 'model.eval()\nwith torch.no_grad():\n    model(X_test)\n'],
      ['model.eval() inside the no_grad block', NET + 'with torch.no_grad():\n    model.eval()\n    model(X_test)\n'],
      ['model.train(False) and train(mode=False)', NET + 'model.train(False)\nwith torch.no_grad():\n    model(X_test)\nmodel.train(mode=False)\nwith torch.no_grad():\n    model(X_test)\n'],
      ['a test() helper that starts with model.eval()', NET + 'def test(model, loader):\n    model.eval()\n    with torch.no_grad():\n        for x, y in loader:\n            model(x)\ntest(model, test_loader)\n'],
      ['a helper that calls eval() on its argument', NET + 'def set_eval(m):\n    m.eval()\nset_eval(model)\nwith torch.no_grad():\n    model(X_test)\n'],
      ['eval() earlier in the epoch loop', NET + 'for epoch in range(3):\n    model.train()\n' + ind(TRAIN_LOOP) + '    model.eval()\n    with torch.no_grad():\n        for x, y in val_loader:\n            model(x)\n'],
      ['eval in one branch, train in the other', NET + 'for phase in ["train", "val"]:\n    if phase == "val":\n        model.eval()\n    else:\n        model.train()\n    with torch.no_grad():\n        for x, y in loaders[phase]:\n            model(x)\n'],
      ['a model without Dropout or BatchNorm (Dropout only imported)', 'import torch\nimport torch.nn as nn\nfrom torch.nn import Dropout\nmodel = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1))\nwith torch.no_grad():\n    model(X_test)\n'],
      ['hand-made dropout masks', 'import torch\nimport torch.nn as nn\nclass M(nn.Module):\n    def forward(self, x):\n        mask = (torch.rand_like(x) > 0.5).float()\n        return x * mask\nm = M()\nwith torch.no_grad():\n    m(X_test)\n'],
      ['an imported model never switched with train()', 'import torch\nfrom mymodels import Net\nmodel = Net()\nwith torch.no_grad():\n    model(X_test)\n'],
      ['Lightning validation_step', 'import torch\nimport torch.nn as nn\nimport lightning as L\nclass M(L.LightningModule):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(2, 2), nn.Dropout())\n    def validation_step(self, batch, idx):\n        x, y = batch\n        with torch.no_grad():\n            return self.net(x)\n'],
      ['Lightning freeze()', NET + 'model.freeze()\nwith torch.no_grad():\n    model(X_test)\n'],
      ['a Keras model', 'import tensorflow as tf\nimport torch\nmodel = tf.keras.Sequential([tf.keras.layers.Dropout(0.2)])\nfor x in test_ds:\n    model(x, training=False)\n'],
      ['sampling a GAN generator for logging during training', 'import torch\nimport torch.nn as nn\nnetG = nn.Sequential(nn.ConvTranspose2d(100, 3, 4), nn.BatchNorm2d(3))\nfor epoch in range(5):\n    for i, data in enumerate(loader):\n        netG.zero_grad()\n        crit(netD(netG(z)), ones).backward()\n        optG.step()\n        if i % 500 == 0:\n            with torch.no_grad():\n                fake = netG(fixed_noise).detach().cpu()\n'],
      ['a no_grad block that calls backward (not an evaluation)', NET + 'with torch.no_grad():\n    y = model(x)\n    y.sum().backward()\n'],
      ['a training loop over data named valid (training on it)', NET + 'for x, y in valid_loader:\n    F.cross_entropy(model(x), y).backward()\n'],
      ['an evaluate helper never called with a sensitive model', NET + 'def evaluate(net, loader):\n    with torch.no_grad():\n        return [net(x) for x in loader]\nsmall = nn.Linear(2, 2)\nevaluate(small, test_loader)\n'],
      ['a helper whose callers switch to eval first', NET + 'def evaluate(net, loader):\n    with torch.no_grad():\n        return [net(x) for x, _ in loader]\nmodel.eval()\nevaluate(model, test_loader)\n'],
      ['a loss passed next to the model to a helper that trains the model', NET + 'def fit(net, crit):\n    net.train()\ndef test(net, crit, x, y):\n    net.eval()\n    with torch.no_grad():\n        return crit(net(x), y)\ncriterion = nn.CrossEntropyLoss()\nfit(model, criterion)\ntest(model, criterion, x, y)\n'],
      ['commented-out and string forward calls', NET + '# with torch.no_grad():\n#     model(X_test)\ns = "with torch.no_grad(): model(x)"\n'],
      ['files without torch', 'model = Net()\nwith no_grad():\n    model(x)\n'],
      // course notebooks call train() on every model, Dropout or not: the visible layers decide
      ['a same-file model of plain parameters that the file switches with train()', 'import torch\nfrom torch import nn\nclass LinearRegression(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.w = nn.Parameter(torch.randn(1))\n    def forward(self, x):\n        return self.w * x\nmodel_0 = LinearRegression()\nwith torch.inference_mode():\n    preds = model_0(X_test)\nfor epoch in range(100):\n    model_0.train()\n    loss_fn(model_0(X_train), y_train).backward()\n'],
      ['an nn.Sequential of Linear layers that the file switches with train()', 'import torch\nfrom torch import nn\nmodel_0 = nn.Sequential(nn.Linear(2, 5), nn.Linear(5, 1)).to(device)\nwith torch.inference_mode():\n    preds = model_0(X_test)\nfor epoch in range(100):\n    model_0.train()\n    loss_fn(model_0(X_train), y_train).backward()\n'],
    ];
    for (const [name, src] of silent) it(name, () => assert.deepEqual(flagged(src, EVAL), []));
  });

  describe('fix', () => {
    it('inserts model.eval() before the evaluation block (and train() back in a training loop); the fixed code parses and is clean', function () {
      this.timeout(30000);
      const sources = [
        NET + 'with torch.no_grad():\n    for x, y in test_loader:\n        out = model(x)\n',
        NET + 'for epoch in range(3):\n' + ind(TRAIN_LOOP) + '    with torch.no_grad():\n        for x, y in val_loader:\n            model(x)\n',
        NET + 'def evaluate(net, loader):\n    """Accuracy."""\n    for x, y in loader:\n        net(x)\nevaluate(model, test_loader)\n',
        NET + 'for x, y in val_loader: model(x)\n',
      ];
      const applied = assertFixesWork(sources, EVAL, 4);
      assert.ok(applied.every((a) => a.safe));
      assert.ok(applied[0].fixed.includes('model.eval()\nwith torch.no_grad():\n'));
      assert.ok(applied[1].fixed.includes('    model.eval()\n    with torch.no_grad():\n'), applied[1].fixed);
      assert.ok(applied[1].fixed.includes('for epoch in range(3):\n    model.train()\n    for x, y in train_loader:'), applied[1].fixed);
      assert.match(applied[1].title, /model\.train\(\)/);
      assert.ok(applied[2].fixed.includes('    """Accuracy."""\n    net.eval()\n    for x, y in loader:'), applied[2].fixed);
      assert.ok(applied[3].fixed.includes('model.eval()\nfor x, y in val_loader: model(x)'), applied[3].fixed);
      assert.equal(flagged(applied[1].fixed, RESTORE, ON).length, 0, 'the fix leaves no train-mode-not-restored finding');
    });
  });
});

describe('rule train-mode-not-restored', () => {
  const loop = (body: string): string => NET + 'for epoch in range(3):\n' + ind(body);

  it('is off by default', () => {
    assert.deepEqual(flagged(loop('model.train()\n' + TRAIN_LOOP + 'model.eval()\n').replace('    model.train()\n', ''), RESTORE), []);
  });

  it('reports model.eval() inside a training loop that never calls model.train(), as info', () => {
    const src = loop(TRAIN_LOOP + 'model.eval()\nwith torch.no_grad():\n    for x, y in val_loader:\n        model(x)\n');
    assert.deepEqual(flagged(src, RESTORE, ON), ['model.eval()']);
    const [f] = findingsOf(src, RESTORE, ON);
    assert.equal(f.severity, 'info');
    assert.match(f.message, /trains in evaluation mode/);
    assert.deepEqual(flagged(NET + 'for i, (x, y) in enumerate(train_loader):\n    F.cross_entropy(model(x), y).backward()\n    if i % 100 == 0:\n        model.train(False)\n        validate()\n', RESTORE, ON), ['model.train(False)']);
  });

  it('stays silent when the loop calls train() (anywhere, or through a same-file helper), or does not train', () => {
    for (const body of [
      'model.train()\n' + TRAIN_LOOP + 'model.eval()\n',
      TRAIN_LOOP + 'model.eval()\nvalidate()\nmodel.train()\n',
      'train_one_epoch(model, train_loader)\nmodel.eval()\n',
      'fit(model)\n' + TRAIN_LOOP + 'model.eval()\n',
    ]) {
      const src = 'def fit(m):\n    m.train()\n' + loop(body);
      assert.deepEqual(flagged(src, RESTORE, ON), [], body);
    }
    assert.deepEqual(flagged(NET + 'model.eval()\nfor x in test_loader:\n    model(x)\n', RESTORE, ON), []);
  });

  it('fixes with model.train() before the training part, and the finding goes', function () {
    this.timeout(30000);
    const sources = [loop(TRAIN_LOOP + 'model.eval()\nwith torch.no_grad():\n    for x, y in val_loader:\n        model(x)\n'), loop('model.eval()\nwith torch.no_grad():\n    model(X_val)\n' + TRAIN_LOOP)];
    const applied = sources.flatMap((source) =>
      findingsOf(source, RESTORE, ON).flatMap((f) => f.fixes.map((fix) => ({ source, fix }))),
    );
    assert.equal(applied.length, 2);
    const fixed = applied.map((a) => applyEdits(a.source, a.fix.edits));
    assert.ok(fixed[0].includes('for epoch in range(3):\n    model.train()\n    for x, y in train_loader:'), fixed[0]);
    assert.ok(fixed[1].includes('        model(X_val)\n    model.train()\n    for x, y in train_loader:'), fixed[1]);
    for (const f of fixed) assert.deepEqual(flagged(f, RESTORE, ON), []);
    assert.deepEqual(pythonParseErrors(fixed), [null, null]);
    assert.ok(applied.every((a) => a.fix.safe));
  });
});
