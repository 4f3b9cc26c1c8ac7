import * as assert from 'node:assert/strict';
import { Program } from '../../src/core/python/program';
import { scanRegions, scanText } from '../../src/core/python/scanner';
import { BindingKind, BlockKind, type Structure } from '../../src/core/python/structure';

function structureOf(src: string): { program: Program; st: Structure } {
  const program = new Program(scanText(src));
  return { program, st: program.structure() };
}

/** Index of the first statement whose text starts with `prefix` (after indentation). */
function stmt(program: Program, prefix: string): number {
  const { scan } = program;
  for (let s = 0; s < scan.statements; s++) if (program.text.startsWith(prefix, scan.start[scan.stFirst[s]])) return s;
  throw new Error(`no statement ${prefix}`);
}

function text(program: Program, from: number, to: number): string {
  return from >= to ? '' : program.text.slice(program.scan.start[from], program.scan.end[to - 1]);
}

const TRAIN = `import torch
class Net(nn.Module):
    def __init__(self, n=3):
        super().__init__()
        self.fc = nn.Linear(n, 2)
    def forward(self, x):
        return self.fc(x)

def train(model, loader, optimizer, *, epochs=2, **kw):
    for epoch in range(epochs):
        for x, y in loader:
            loss = crit(model(x), y)
            loss.backward()
            def inner():
                z = 1
        async for q in aiter():
            pass
    while True: break

model = Net()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
train(model, loader, opt, epochs=3)
train(Net(), optimizer=opt, loader=dl)
`;

describe('python structure', () => {
  it('finds blocks, their bodies and the innermost loop and scope of each statement', () => {
    const { program, st } = structureOf(TRAIN);
    const epoch = stmt(program, 'for epoch');
    const batch = stmt(program, 'for x, y');
    const loss = stmt(program, 'loss =');
    const inner = stmt(program, 'def inner');
    const z = stmt(program, 'z = 1');
    const train = stmt(program, 'def train');
    assert.equal(st.kindOf[epoch], BlockKind.Loop);
    assert.equal(st.kindOf[train], BlockKind.Function);
    assert.equal(st.kindOf[stmt(program, 'class Net')], BlockKind.Class);
    assert.equal(st.kindOf[stmt(program, 'async for')], BlockKind.Loop);
    assert.equal(st.kindOf[stmt(program, 'while True')], BlockKind.Loop);
    assert.equal(st.loop[loss], batch);
    assert.equal(st.loop[batch], epoch);
    assert.equal(st.loop[epoch], -1);
    assert.equal(st.loop[z], -1, 'a nested def starts a new scope: its statements are in no loop of the outer one');
    assert.equal(st.scope[z], inner);
    assert.equal(st.scope[loss], train);
    assert.equal(st.parent[loss], batch);
    assert.equal(st.bodyEnd[batch], stmt(program, 'async for'));
    assert.equal(st.bodyEnd[train], stmt(program, 'model = Net()'));
    assert.ok(st.inside(loss, epoch) && !st.inside(epoch, loss));
    assert.equal(st.loop[stmt(program, 'break')], stmt(program, 'while True'), 'one-line body');
    assert.equal(st.functionOf(loss)?.name, 'train');
    assert.equal(st.classOf(stmt(program, 'return self.fc'))?.name, 'Net');
    assert.equal(st.classOf(loss), undefined);
  });

  it('reads parameters with positions, stars, keyword-only and defaults, and class methods and bases', () => {
    const { program, st } = structureOf(TRAIN);
    const train = st.functionsNamed('train')[0];
    assert.deepEqual(
      train.params.map((p) => [p.name, p.position, p.star, text(program, p.defaultFrom, p.defaultTo)]),
      [
        ['model', 0, 0, ''],
        ['loader', 1, 0, ''],
        ['optimizer', 2, 0, ''],
        ['epochs', -1, 0, '2'],
        ['kw', -1, 2, ''],
      ],
    );
    const net = st.classes[0];
    assert.equal(text(program, net.basesFrom, net.basesTo), 'nn.Module');
    assert.deepEqual([...net.methods.keys()], ['__init__', 'forward']);
    assert.equal(st.functionsNamed('forward')[0].classHeader, net.header);
    assert.equal(train.classHeader, -1);
  });

  it('reads assignments: tuple, chained, annotated, attribute, subscript, augmented, for, with and walrus targets', () => {
    const src = 'a, (b, c) = f()\nd = e = g(1, k=2)\nh: int = 5\nself.fc = nn.Linear(1, 2)\ndf["x"] = 1\nn += 1\nfor i, (x, y) in enumerate(dl): pass\nwith open(p) as fh, torch.no_grad(): pass\nif (m := re.match(r, s)): pass\nf = lambda q=1: q\ni: int\n';
    const { program, st } = structureOf(src);
    const got = st.allAssignments().map((b) => [b.kind, b.name, b.index, b.size, b.subscript, text(program, b.from, b.to)]);
    assert.deepEqual(got, [
      [BindingKind.Assign, 'a', 0, 2, false, 'f()'],
      [BindingKind.Assign, 'b', -1, 1, false, 'f()'],
      [BindingKind.Assign, 'c', -1, 1, false, 'f()'],
      [BindingKind.Assign, 'd', -1, 1, false, 'g(1, k=2)'],
      [BindingKind.Assign, 'e', -1, 1, false, 'g(1, k=2)'],
      [BindingKind.Assign, 'h', -1, 1, false, '5'],
      [BindingKind.Assign, 'self.fc', -1, 1, false, 'nn.Linear(1, 2)'],
      [BindingKind.Assign, 'df', -1, 1, true, '1'],
      [BindingKind.AugAssign, 'n', -1, 1, false, '1'],
      [BindingKind.For, 'i', 0, 2, false, 'enumerate(dl)'],
      [BindingKind.For, 'x', -1, 1, false, 'enumerate(dl)'],
      [BindingKind.For, 'y', -1, 1, false, 'enumerate(dl)'],
      [BindingKind.With, 'fh', -1, 1, false, 'open(p)'],
      [BindingKind.Walrus, 'm', -1, 1, false, 're.match(r, s)'],
      [BindingKind.Assign, 'f', -1, 1, false, 'lambda q=1: q'],
    ]);
  });

  it('finds the latest binding of a name before a use, through function scopes', () => {
    const src = 'model = A()\ndef train(model):\n    model(x)\ndef test():\n    model(x)\n    net(x)\nclass K:\n    model = 3\n    def f(self):\n        return model\nmodel = B()\nmodel(x)\nnet = C()\n';
    const { program, st } = structureOf(src);
    const kindAt = (name: string, prefix: string, nth = 0): string | undefined => {
      let s = stmt(program, prefix);
      while (nth-- > 0) {
        s++;
        while (!program.text.startsWith(prefix, program.scan.start[program.scan.stFirst[s]])) s++;
      }
      const b = st.bindingBefore(name, s);
      return b && `${b.kind}:${b.kind === BindingKind.Param ? 'param' : text(program, b.from, b.to)}`;
    };
    assert.equal(kindAt('model', 'model(x)', 0), `${BindingKind.Param}:param`);
    assert.equal(kindAt('model', 'model(x)', 1), `${BindingKind.Assign}:A()`, 'a function sees the module binding before it');
    assert.equal(kindAt('model', 'model(x)', 2), `${BindingKind.Assign}:B()`);
    assert.equal(kindAt('model', 'return model'), `${BindingKind.Assign}:A()`, 'class bodies are not visible from methods');
    assert.equal(kindAt('net', 'net(x)'), `${BindingKind.Assign}:C()`, 'a function may use a module name bound after it');
    assert.equal(st.bindingBefore('nothing', 3), undefined);
    const alias = structureOf('x = Net()\ny = x\nz = y\nz(1)\n');
    const o = alias.st.origin('z', 3)!;
    assert.equal(text(alias.program, o.from, o.to), 'Net()');
  });

  it('finds the class a name refers to in notebook order (a class redefined in a later cell)', () => {
    const cells = ['import torch\nclass Net(nn.Module):\n    pass\n', 'class Net(nn.Module):\n    def forward(self, x):\n        return x\n', 'model = Net()\n'];
    let text = '';
    const regions: [number, number][] = [];
    for (const c of cells) {
      regions.push([text.length, text.length + c.length]);
      text += c;
    }
    const program = new Program(scanRegions(text, regions));
    const st = program.structure();
    const def = st.definitionBefore('Net', stmt(program, 'model ='));
    assert.ok(def && 'methods' in def && def.methods.has('forward'));
  });

  it('lists calls to same-file functions and maps arguments to parameters', () => {
    const { program, st } = structureOf(TRAIN + 'class T:\n    def step(self, a, b=1):\n        pass\n    def run(self):\n        self.step(5, b=2)\nobj.train(1)\n');
    const calls = st.callsTo('train');
    assert.equal(calls.length, 2, 'obj.train(…) is not a call of the module function');
    const train = st.functionsNamed('train')[0];
    const byName = (c: (typeof calls)[number], name: string): string => {
      const a = st.argumentFor(c, train, train.params.find((p) => p.name === name)!);
      return a ? text(program, a.from, a.to) : '-';
    };
    assert.deepEqual(['model', 'loader', 'optimizer', 'epochs', 'kw'].map((n) => byName(calls[0], n)), ['model', 'loader', 'opt', '3', '-']);
    assert.deepEqual(['model', 'loader', 'optimizer'].map((n) => byName(calls[1], n)), ['Net()', 'dl', 'opt']);
    const [self] = st.callsTo('step');
    const step = st.functionsNamed('step')[0];
    assert.ok(self.onSelf);
    assert.equal(text(program, st.argumentFor(self, step, step.params[1])!.from, st.argumentFor(self, step, step.params[1])!.to), '5');
    assert.equal(text(program, st.argumentFor(self, step, step.params[2])!.from, st.argumentFor(self, step, step.params[2])!.to), '2');
    assert.equal(st.callsTo('nope').length, 0);
  });

  it('is built once per program, and never throws on broken code', () => {
    const { program, st } = structureOf(TRAIN);
    assert.equal(program.structure(), st);
    for (const src of ['def (:\n', 'for in :\n', 'class :\n  x =\n', 'a, = \n', 'with as:\n', '(x := \n', 'def f(*, **):\n', ')))\n', 'x = [\n', '\tfor\n  def\n', 'f(*a, b)\n', 'lambda: (yield)\n']) {
      const s = structureOf(src).st;
      s.callsTo('f');
      s.bindingBefore('x', 0);
    }
  });

  it('stays linear on many nested blocks and many bindings', () => {
    const deep = Array.from({ length: 2000 }, (_, k) => ' '.repeat(k) + 'for i in x:\n').join('') + ' '.repeat(2000) + 'pass\n';
    const many = 'def f(a):\n    pass\n' + 'x = f(x)\n'.repeat(30000);
    for (const src of [deep, many]) {
      const t0 = process.hrtime.bigint();
      const { st, program } = structureOf(src);
      st.callsTo('f');
      for (let s = 0; s < program.scan.statements; s++) st.bindingBefore('x', s);
      assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 3000);
    }
  });
});
