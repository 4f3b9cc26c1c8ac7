import * as assert from 'node:assert/strict';
import { analyzeNotebook } from '../../src/core/analysis/notebook';
import { assertFixesWork, findingsOf, flagged } from './python-testkit';

const RULE = 'softmax-before-cross-entropy';
const TORCH = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n';
const KERAS = 'import tensorflow as tf\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n';

/** A module whose forward body is `body` (indented by the caller's newlines). */
function net(forward: string, init = 'self.fc = nn.Linear(784, 10)'): string {
  const indent = (text: string, n: number) => text.split('\n').map((l) => ' '.repeat(n) + l).join('\n');
  return `class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n${indent(init, 8)}\n\n    def forward(self, x):\n${indent(forward, 8)}\n\n`;
}

const TRAIN = `model = Net()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
for x, y in loader:
    optimizer.zero_grad()
    outputs = model(x)
    loss = criterion(outputs, y)
    loss.backward()
    optimizer.step()
`;

function torchHits(body: string): string[] {
  return flagged(TORCH + body, RULE);
}

describe('rule softmax-before-cross-entropy', () => {
  describe('PyTorch: fires', () => {
    it('a model whose forward returns F.softmax, trained with CrossEntropyLoss', () => {
      assert.deepEqual(torchHits(net('x = self.fc(x)\nreturn F.softmax(x, dim=1)') + TRAIN), ['criterion']);
      const [f] = findingsOf(TORCH + net('x = self.fc(x)\nreturn F.softmax(x, dim=1)') + TRAIN, RULE);
      assert.match(f.message, /`criterion` is a CrossEntropyLoss, which applies log-softmax itself and expects raw logits, but `outputs` already went through softmax \(line 11\)/);
      assert.match(f.message, /Return the logits from `forward`/);
      assert.equal(f.severity, 'warning');
      assert.deepEqual(f.fixes, []);
    });

    it('every spelling of softmax in forward: nn.Softmax attribute, torch.softmax, .softmax(), nn.Softmax()(x), exp(log_softmax)', () => {
      const forwards: [string, string?][] = [
        ['x = self.fc(x)\nx = self.softmax(x)\nreturn x', 'self.fc = nn.Linear(784, 10)\nself.softmax = nn.Softmax(dim=1)'],
        ['return torch.softmax(self.fc(x), 1)'],
        ['return self.fc(x).softmax(dim=-1)'],
        ['out = self.fc(x)\nreturn nn.Softmax(dim=1)(out)'],
        ['return torch.exp(F.log_softmax(self.fc(x), dim=1))'],
        ['x = self.fc(x)\nreturn F.softmax(x, dim=1).view(-1, 10)'],
        ['logits = self.head(x)\nreturn logits', 'self.head = nn.Sequential(nn.Linear(784, 10), nn.Softmax(dim=1))'],
      ];
      for (const [forward, init] of forwards) assert.deepEqual(torchHits(net(forward, init) + TRAIN), ['criterion'], forward);
    });

    it('a model moved to a device (`.to(device)`, `.cuda()`, `.train()` return the model)', () => {
      assert.deepEqual(torchHits(net('return F.softmax(self.fc(x), dim=1)') + TRAIN.replace('model = Net()', 'model = Net().to(device)')), ['criterion']);
      assert.deepEqual(torchHits('net = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1)).cuda()\nnet.train()\nl = F.cross_entropy(net(x), y)\n'), ['F.cross_entropy']);
      assert.deepEqual(torchHits(net('return F.softmax(self.fc(x), dim=1)') + 'model = Net().to(device)\nl = F.cross_entropy(model.state_dict()(x), y)\n'), []);
    });

    it('nn.Sequential ending in nn.Softmax, with F.cross_entropy and with a loss object', () => {
      const seq = 'net = nn.Sequential(nn.Flatten(), nn.Linear(784, 10), nn.Softmax(dim=1))\n';
      assert.deepEqual(torchHits(`${seq}loss = nn.CrossEntropyLoss()\nfor X, y in train_iter:\n    l = loss(net(X), y)\n`), ['loss']);
      assert.deepEqual(torchHits(`${seq}for X, y in train_iter:\n    l = F.cross_entropy(net(X), y)\n`), ['F.cross_entropy']);
      assert.deepEqual(torchHits(`${seq}crit = nn.CrossEntropyLoss()\nl = crit.forward(net(X), y)\n`), ['crit']);
      assert.deepEqual(torchHits(`${seq}l = nn.CrossEntropyLoss()(net.forward(X), y)\n`), ['nn.CrossEntropyLoss()']);
    });

    it('softmax applied in the training loop, and reshaped before the loss', () => {
      assert.deepEqual(torchHits('crit = nn.CrossEntropyLoss()\nfor x, y in loader:\n    out = model(x)\n    probs = torch.softmax(out, dim=1)\n    loss = crit(probs.view(-1, 10), y)\n'), ['crit']);
    });

    it('softmax into NLLLoss / F.nll_loss, sigmoid into BCEWithLogitsLoss', () => {
      assert.deepEqual(torchHits('criterion = nn.NLLLoss()\nloss = criterion(F.softmax(model(x), dim=1), y)\n'), ['criterion']);
      assert.deepEqual(torchHits(net('return F.softmax(self.fc(x), dim=1)') + 'model = Net()\nloss = F.nll_loss(model(x), y)\n'), ['F.nll_loss']);
      assert.match(findingsOf(`${TORCH}criterion = nn.NLLLoss()\nloss = criterion(F.softmax(model(x), dim=1), y)\n`, RULE)[0].message, /expects log-probabilities/);
      const bce = net('return torch.sigmoid(self.fc(x))') + 'model = Net()\ncriterion = nn.BCEWithLogitsLoss()\nloss = criterion(model(x), y)\n';
      assert.deepEqual(torchHits(bce), ['criterion']);
      assert.match(findingsOf(TORCH + bce, RULE)[0].message, /BCEWithLogitsLoss, which applies sigmoid itself/);
      assert.deepEqual(torchHits('p = model(x).sigmoid()\nloss = F.binary_cross_entropy_with_logits(p, y)\n'), ['F.binary_cross_entropy_with_logits']);
    });

    it('reports each loss call, training and validation alike', () => {
      const src = `${net('return F.softmax(self.fc(x), dim=1)')}${TRAIN}with torch.no_grad():\n    for x, y in val_loader:\n        val_loss = criterion(model(x), y)\n`;
      assert.equal(findingsOf(TORCH + src, RULE).length, 2);
    });

    it('follows the model and the loss into a training function through its same-file call sites', () => {
      const train = 'def train(model, loader, loss_fn, opt):\n    for x, y in loader:\n        opt.zero_grad()\n        loss = loss_fn(model(x), y)\n        loss.backward()\n        opt.step()\n\n';
      const src = `${net('return F.softmax(self.fc(x), dim=1)')}${train}net = Net()\ntrain(net, loader, nn.CrossEntropyLoss(), opt)\n`;
      assert.deepEqual(torchHits(src), ['loss_fn']);
      // keyword arguments bind too
      const kw = `${net('return F.softmax(self.fc(x), dim=1)')}${train}train(model=Net(), loader=dl, loss_fn=nn.CrossEntropyLoss(), opt=o)\n`;
      assert.deepEqual(torchHits(kw), ['loss_fn']);
    });

    it('uses the module-level criterion when no call site binds the parameter', () => {
      const src = `${net('return F.softmax(self.fc(x), dim=1)')}model = Net()\ncriterion = nn.CrossEntropyLoss()\n\ndef train_epoch(criterion):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n`;
      assert.deepEqual(torchHits(src), ['criterion']);
    });

    it('a torchvision model whose head is replaced by a Sequential ending in Softmax', () => {
      const src = 'import torchvision\nnet = torchvision.models.resnet18(weights=None)\nnet.fc = nn.Sequential(nn.Linear(512, 10), nn.Softmax(dim=1))\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(net(x), y)\n';
      assert.deepEqual(torchHits(src), ['criterion']);
    });

    it('tuple outputs, unpacking, inherited forward, attributes of self', () => {
      const tuple = net('a = self.fc(x)\nreturn F.softmax(a, dim=1), F.softmax(a * 2, dim=1)') + 'model = Net()\ncrit = nn.CrossEntropyLoss()\np1, p2 = model(x)\nloss = crit(p1, y) + crit(p2, y)\n';
      assert.deepEqual(torchHits(tuple), ['crit', 'crit']);
      const inherited = `${net('return F.softmax(self.fc(x), dim=1)')}class Bigger(Net):\n    pass\n\nm = Bigger()\nloss = F.cross_entropy(m(x), y)\n`;
      assert.deepEqual(torchHits(inherited), ['F.cross_entropy']);
      const trainer = `${net('return F.softmax(self.fc(x), dim=1)')}class Trainer:\n    def __init__(self):\n        self.model = Net()\n        self.criterion = nn.CrossEntropyLoss()\n\n    def step(self, x, y):\n        return self.criterion(self.model(x), y)\n`;
      assert.deepEqual(torchHits(trainer), ['self.criterion']);
    });

    it('TensorFlow ops that expect logits, given softmax output (keyword and positional)', () => {
      const head = 'import tensorflow as tf\n';
      assert.deepEqual(flagged(`${head}pred = tf.nn.softmax(tf.matmul(x, W) + b)\ncost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=pred))\n`, RULE), ['tf.nn.softmax_cross_entropy_with_logits']);
      assert.deepEqual(flagged(`${head}y_pred = tf.nn.softmax(z)\nloss = tf.losses.softmax_cross_entropy(y, y_pred)\n`, RULE), ['tf.losses.softmax_cross_entropy']);
      assert.match(findingsOf(`${head}p = tf.nn.softmax(z)\nl = tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=p)\n`, RULE)[0].message, /Do not call this op with the output of softmax/);
    });
  });

  describe('PyTorch: stays silent', () => {
    it('softmax used only for predictions, even when the name is reused', () => {
      const loop = 'crit = nn.CrossEntropyLoss()\nfor x, y in loader:\n    out = model(x)\n    loss = crit(out, y)\n    out = F.softmax(out, dim=1)\n    pred = torch.softmax(out, 1).argmax(1)\n';
      assert.deepEqual(torchHits(loop), []);
      const predict = `${net('return self.fc(x)')}model = Net()\ncrit = nn.CrossEntropyLoss()\nlogits = model(x)\nprobs = F.softmax(logits, dim=1)\nloss = crit(logits, y)\n`;
      assert.deepEqual(torchHits(predict), []);
    });

    it('log_softmax + NLLLoss, LogSoftmax + CrossEntropyLoss, an attribute merely named softmax', () => {
      assert.deepEqual(torchHits(net('return F.log_softmax(self.fc(x), dim=1)') + 'model = Net()\nloss = F.nll_loss(model(x), y)\n'), []);
      assert.deepEqual(torchHits('net = nn.Sequential(nn.Linear(4, 3), nn.LogSoftmax(dim=1))\ncriterion = nn.NLLLoss()\nloss = criterion(net(x), y)\n'), []);
      assert.deepEqual(torchHits('net = nn.Sequential(nn.Linear(4, 3), nn.LogSoftmax(dim=1))\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(net(x), y)\n'), []);
      assert.deepEqual(torchHits(net('x = self.softmax(self.fc(x))\nreturn x', 'self.fc = nn.Linear(784, 10)\nself.softmax = nn.LogSoftmax(dim=1)') + TRAIN), []);
    });

    it('Sigmoid + BCELoss, softmax + NLLLoss(log(p)) by hand', () => {
      assert.deepEqual(torchHits('net = nn.Sequential(nn.Linear(4, 1), nn.Sigmoid())\ncriterion = nn.BCELoss()\nloss = criterion(net(x), y)\n'), []);
      assert.deepEqual(torchHits('p = F.softmax(model(x), dim=1)\nloss = F.nll_loss(torch.log(p), y)\n'), []);
    });

    it('softmax inside attention that forward does not return', () => {
      const attention = 'scores = q @ k.transpose(-2, -1)\nattn = scores.softmax(-1)\nout = attn @ v\nreturn self.fc(out)';
      assert.deepEqual(torchHits(net(attention) + TRAIN), []);
    });

    it('softmax only on the evaluation branch of forward', () => {
      assert.deepEqual(torchHits(net('x = self.fc(x)\nif not self.training:\n    return x.softmax(1)\nreturn x') + TRAIN), []);
      assert.deepEqual(torchHits(net('x = self.fc(x)\nreturn F.softmax(x, 1) if not self.training else x') + TRAIN), []);
    });

    it('comments and strings, a model from another file, files without torch or tensorflow', () => {
      assert.deepEqual(torchHits(net('x = self.fc(x)\n# x = F.softmax(x, dim=1)\ns = "F.softmax(x)"\nreturn x') + TRAIN), []);
      assert.deepEqual(torchHits(`from model import Net\n${TRAIN}`), []);
      assert.deepEqual(flagged('import numpy as np\ndef softmax(x):\n    return np.exp(x) / np.exp(x).sum()\nloss = cross_entropy(softmax(z), y)\n', RULE), []);
    });

    it('a training function called with a probability model and with a logits model', () => {
      const train = 'def fit(model, crit):\n    return crit(model(x), y)\n\n';
      const src = `${net('return F.softmax(self.fc(x), dim=1)')}${train}fit(Net(), nn.CrossEntropyLoss())\nfit(nn.Linear(4, 3), nn.CrossEntropyLoss())\n`;
      assert.deepEqual(torchHits(src), []);
    });
  });

  describe('Keras: fires on from_logits=True with a softmax/sigmoid output', () => {
    it('Sequential ending in Dense(…, activation="softmax") compiled with from_logits=True, with a safe fix', () => {
      const src = `${KERAS}model = keras.Sequential([\n    layers.Flatten(input_shape=(28, 28)),\n    layers.Dense(128, activation="relu"),\n    layers.Dense(10, activation="softmax"),\n])\nmodel.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])\n`;
      assert.deepEqual(flagged(src, RULE), ['from_logits=True']);
      const [f] = findingsOf(src, RULE);
      assert.match(f.message, /`from_logits=True` tells the loss its input is logits, but the model's last layer applies `softmax` \(line 7\)/);
      const applied = assertFixesWork([src], RULE, 1);
      assert.ok(applied[0].safe);
      assert.ok(applied[0].fixed.includes('SparseCategoricalCrossentropy(from_logits=False)'));
    });

    it('a loss object in a variable, model.add(…), positional and function activations, Activation and Softmax layers', () => {
      const loss = 'loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)\n';
      const variants = [
        'model = tf.keras.Sequential()\nmodel.add(layers.Dense(64, "relu"))\nmodel.add(layers.Dense(10, "softmax"))\n',
        'model = tf.keras.models.Sequential([layers.Dense(10, activation=tf.nn.softmax)])\n',
        'model = tf.keras.Sequential([layers.Dense(10), layers.Activation("softmax")])\n',
        'model = tf.keras.Sequential([layers.Dense(10), layers.Softmax()])\n',
        'model = tf.keras.Sequential([layers.Dense(10, activation=keras.activations.softmax)])\n',
        'inputs = keras.Input(shape=(784,))\nh = layers.Dense(64, activation="relu")(inputs)\noutputs = layers.Dense(10, activation="softmax")(h)\nmodel = keras.Model(inputs=inputs, outputs=outputs)\n',
      ];
      for (const v of variants) assert.deepEqual(flagged(`${KERAS}${v}${loss}model.compile(optimizer="adam", loss=loss_fn)\n`, RULE), ['from_logits=True'], v);
    });

    it('sigmoid output with BinaryCrossentropy(from_logits=True); softmax with the categorical losses only', () => {
      const sig = 'model = keras.Sequential([layers.Dense(1, activation="sigmoid")])\n';
      assert.deepEqual(flagged(`${KERAS}${sig}model.compile(loss=keras.losses.BinaryCrossentropy(from_logits=True))\n`, RULE), ['from_logits=True']);
      assert.deepEqual(flagged(`${KERAS}${sig}model.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))\n`, RULE), []);
    });

    it('a custom GradientTape loop, also through a same-file function that receives the model', () => {
      const model = 'model = keras.Sequential([layers.Dense(10, activation="softmax")])\nloss_object = keras.losses.SparseCategoricalCrossentropy(from_logits=True)\n';
      const step = 'def train_step(net, images, labels):\n    with tf.GradientTape() as tape:\n        predictions = net(images, training=True)\n        loss = loss_object(labels, predictions)\n    return loss\n\ntrain_step(model, x, y)\n';
      assert.deepEqual(flagged(`${KERAS}${model}${step}`, RULE), ['from_logits=True']);
      const fn = `${KERAS}model = keras.Sequential([layers.Dense(10, activation="softmax")])\nloss = keras.losses.sparse_categorical_crossentropy(y, model(x), from_logits=True)\n`;
      assert.deepEqual(flagged(fn, RULE), ['from_logits=True']);
    });
  });

  describe('Keras: stays silent', () => {
    it('softmax with from_logits=False, the default, or a string loss', () => {
      const model = 'model = keras.Sequential([layers.Dense(10, activation="softmax")])\n';
      for (const loss of ['keras.losses.SparseCategoricalCrossentropy(from_logits=False)', 'keras.losses.SparseCategoricalCrossentropy()', '"sparse_categorical_crossentropy"']) {
        assert.deepEqual(flagged(`${KERAS}${model}model.compile(optimizer="adam", loss=${loss})\n`, RULE), [], loss);
      }
    });

    it('a linear last layer with from_logits=True, and a probability model built after training for prediction', () => {
      const src = `${KERAS}model = keras.Sequential([layers.Flatten(), layers.Dense(128, activation="relu"), layers.Dense(10)])\nloss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)\nmodel.compile(optimizer="adam", loss=loss_fn, metrics=["accuracy"])\nmodel.fit(x_train, y_train, epochs=5)\nprobability_model = keras.Sequential([model, layers.Softmax()])\nprobability_model(x_test[:5])\n`;
      assert.deepEqual(flagged(src, RULE), []);
    });

    it('a model re-bound to a linear one before compile', () => {
      const src = `${KERAS}model = keras.Sequential([layers.Dense(10, activation="softmax")])\nmodel = keras.Sequential([layers.Dense(10)])\nmodel.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))\n`;
      assert.deepEqual(flagged(src, RULE), []);
    });
  });

  describe('notebooks', () => {
    it('a class redefined in a later cell: the latest definition before the use counts', () => {
      const fixed = [
        { kind: 'code' as const, source: TORCH + net('return F.softmax(self.fc(x), dim=1)') },
        { kind: 'code' as const, source: net('return self.fc(x)') },
        { kind: 'code' as const, source: TRAIN },
      ];
      assert.deepEqual(analyzeNotebook(fixed).filter((f) => f.rule === RULE), []);
      const broken = [fixed[1], fixed[0], fixed[2]].map((c, k) => (k === 0 ? { ...c, source: TORCH + c.source } : c));
      const found = analyzeNotebook(broken).filter((f) => f.rule === RULE);
      assert.equal(found.length, 1);
      assert.equal(found[0].cell, 2);
      assert.equal(found[0].range.start.line, 6);
      assert.match(found[0].message, /line 10 of cell 2/);
    });

    it('Keras: the fix edits the cell that holds from_logits=True', () => {
      const cells = [
        { kind: 'code' as const, source: `${KERAS}model = keras.Sequential([layers.Dense(10, activation="softmax")])` },
        { kind: 'code' as const, source: 'model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))' },
      ];
      const [f] = analyzeNotebook(cells).filter((x) => x.rule === RULE);
      assert.equal(f.cell, 1);
      assert.equal(f.fixes[0].edits[0].cell, 1);
      assert.equal(f.fixes[0].edits[0].newText, 'False');
    });
  });
});
