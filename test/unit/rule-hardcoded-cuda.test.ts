import * as assert from 'node:assert/strict';
import { sharedFixEdits } from '../../src/core/analysis/edits';
import { analyzeNotebook, applyCellEdits } from '../../src/core/analysis/notebook';
import { assertFixesWork, findingsOf, flagged, pythonParseErrors } from './python-testkit';

const T = 'import torch\n';

describe('rule hardcoded-cuda', () => {
  it('reports .cuda(), .to("cuda"), device="cuda", torch.device("cuda") and device = "cuda"', () => {
    const src = T + 'm = Net().cuda()\nx = x.to("cuda")\ny = y.to(\'cuda:0\', non_blocking=True)\nz = torch.zeros(3, device="cuda")\nd = torch.device("cuda")\ndevice = "cuda"\n';
    assert.deepEqual(flagged(src, 'hardcoded-cuda'), ['cuda()', '"cuda"', "'cuda:0'", '"cuda"', '"cuda"', '"cuda"']);
  });
  it('stays silent when the file checks for a GPU anywhere', () => {
    for (const guard of ['if torch.cuda.is_available(): pass', 'n = torch.cuda.device_count()', 'ok = torch.backends.mps.is_available()', 'os.environ["CUDA_VISIBLE_DEVICES"] = "0"']) {
      assert.deepEqual(flagged(T + 'm = Net().cuda()\n' + guard + '\n', 'hardcoded-cuda'), [], guard);
    }
  });
  it('stays silent when the GPU use is conditional on a flag (use_cuda, train_on_gpu, args.cuda)', () => {
    for (const src of [
      T + 'def forward_back(rnn, inp, train_on_gpu):\n    if train_on_gpu:\n        inp = inp.cuda()\n    return rnn(inp)\n',
      T + 'if args.cuda:\n    model.cuda()\n',
      T + 'x = x.cuda() if use_cuda else x\n',
      T + 'if epoch > 1:\n    pass\nelif USE_GPU: model = model.to("cuda")\n',
    ]) {
      assert.deepEqual(flagged(src, 'hardcoded-cuda'), [], src);
    }
    // A condition about something else is no check.
    assert.deepEqual(flagged(T + 'if epoch % 10 == 0:\n    model.cuda()\n', 'hardcoded-cuda'), ['cuda()']);
    assert.deepEqual(flagged(T + 'if ready: m = Net().cuda()\n', 'hardcoded-cuda'), ['cuda()']);
  });
  it('ignores strings, comments, cpu devices, other libraries and files without torch', () => {
    for (const src of [
      T + 's = "x.cuda()"  # .to("cuda")\n',
      T + 'x = x.to("cpu")\nd = torch.device("mps")\n',
      T + 'x = torch.cuda.FloatTensor\n',
      'import cupy\nx = a.cuda()\n',
      'x = a.cuda()\n',
      T + 'label = "cuda"\n',
    ]) {
      assert.deepEqual(flagged(src, 'hardcoded-cuda'), [], src);
    }
  });
  it('fixes with a device chosen by availability; the result parses and has no finding left', function () {
    this.timeout(20000);
    const applied = assertFixesWork(
      [T + 'm = Net().cuda()\n', T + 'x = x.to("cuda")\n', T + "d = torch.device('cuda:0')\n", T + 'z = torch.zeros(3, device="cuda")\n', T + 'device = "cuda"\n', 'import torch as th\nx = x.to("cuda", non_blocking=True)\n'],
      'hardcoded-cuda',
      6,
    );
    const CHOOSE = 'device = torch.device("cuda" if torch.cuda.is_available() else "cpu")\n';
    // A GPU chosen by index keeps its index: the device chosen once is the default GPU.
    assert.ok(applied.some((a) => a.fixed === T + 'd = torch.device(\'cuda:0\' if torch.cuda.is_available() else \'cpu\')\n'));
    assert.ok(applied.some((a) => a.fixed === T + CHOOSE + 'm = Net().to(device)\n'));
    assert.ok(applied.some((a) => a.fixed === T + CHOOSE + 'z = torch.zeros(3, device=device)\n'));
    // A top-level `device = "cuda"` becomes the definition.
    assert.ok(applied.some((a) => a.fixed === T + CHOOSE));
    assert.ok(applied.some((a) => a.fixed === 'import torch as th\ndevice = th.device("cuda" if th.cuda.is_available() else "cpu")\nx = x.to(device, non_blocking=True)\n'));
  });
  it('defines the device once after the import block and uses it at every place', function () {
    this.timeout(20000);
    const src = 'import os\nimport torch  # the framework\nimport torch.nn as nn\n\nmodel = nn.Linear(2, 2).cuda()\nx = torch.zeros(2, device="cuda")\ny = x.to("cuda")\nd = torch.device("cuda")\nckpt = torch.load("m.pt", map_location="cuda")\n';
    const [a] = assertFixesWork([src], 'hardcoded-cuda', 1);
    assert.equal(
      a.fixed,
      'import os\nimport torch  # the framework\nimport torch.nn as nn\ndevice = torch.device("cuda" if torch.cuda.is_available() else "cpu")\n\nmodel = nn.Linear(2, 2).to(device)\nx = torch.zeros(2, device=device)\ny = x.to(device)\nd = device\nckpt = torch.load("m.pt", map_location=device)\n',
    );
    assert.deepEqual(findingsOf(a.fixed, 'hardcoded-cuda'), []);
  });
  it('rewrites a top-level device = torch.device("cuda") in place and uses its name', function () {
    this.timeout(20000);
    const src = 'import torch\nDEVICE = torch.device("cuda")\nm = Net().cuda()\n';
    const [a] = assertFixesWork([src], 'hardcoded-cuda', 1);
    assert.equal(a.fixed, 'import torch\nDEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")\nm = Net().to(DEVICE)\n');
  });
  it('picks a name the file does not use yet, keeps CRLF line ends, and falls back to inline checks with no top-level import', function () {
    this.timeout(20000);
    const taken = 'import torch\ndef run(device):\n    return device\nm = Net().cuda()\n';
    assert.equal(assertFixesWork([taken], 'hardcoded-cuda', 1)[0].fixed, 'import torch\ntorch_device = torch.device("cuda" if torch.cuda.is_available() else "cpu")\ndef run(device):\n    return device\nm = Net().to(torch_device)\n');
    const crlf = 'import torch\r\nm = Net().cuda()\r\n';
    assert.equal(assertFixesWork([crlf], 'hardcoded-cuda', 1)[0].fixed, 'import torch\r\ndevice = torch.device("cuda" if torch.cuda.is_available() else "cpu")\r\nm = Net().to(device)\r\n');
    const nested = 'def main():\n    import torch\n    m = Net().cuda()\n';
    assert.equal(assertFixesWork([nested], 'hardcoded-cuda', 1)[0].fixed, 'def main():\n    import torch\n    m = Net().to("cuda" if torch.cuda.is_available() else "cpu")\n');
    const sameLine = 'import torch; m = Net().cuda()\n';
    assert.equal(assertFixesWork([sameLine], 'hardcoded-cuda', 1)[0].fixed, 'import torch; m = Net().to("cuda" if torch.cuda.is_available() else "cpu")\n');
  });
  it('offers no fix when torch is not imported as a module or .cuda() gets a variable', () => {
    assert.deepEqual(findingsOf('from torch import nn\nm = nn.Linear(1, 1).cuda()\n', 'hardcoded-cuda')[0].fixes, []);
    assert.deepEqual(findingsOf(T + 'm = net.cuda(rank)\n', 'hardcoded-cuda')[0].fixes, []);
  });
  it('fixes every place at once, so the check a fix adds does not hide the others', function () {
    this.timeout(20000);
    const src = T + 'm = Net().cuda()\nx = x.cuda(1)\ny = y.to("cuda")\n';
    const findings = findingsOf(src, 'hardcoded-cuda');
    assert.equal(findings.length, 3);
    // The first finding carries the edits; the others refer to the same fix by key (linear output).
    assert.equal(findings[0].fixes[0].edits.length, 4, 'the definition and three places');
    for (const f of findings.slice(1)) {
      assert.deepEqual(f.fixes[0].edits, []);
      assert.equal(f.fixes[0].shared, findings[0].fixes[0].shared);
      assert.equal(f.fixes[0].title, findings[0].fixes[0].title);
      assert.equal(sharedFixEdits(findings, f.fixes[0]), findings[0].fixes[0].edits);
    }
    assert.match(findings[0].fixes[0].title, /all 3 places/);
    const [a] = assertFixesWork([src], 'hardcoded-cuda', 1).slice(0, 1);
    assert.equal(a.fixed, T + 'device = torch.device("cuda" if torch.cuda.is_available() else "cpu")\nm = Net().to(device)\nx = x.to("cuda:1" if torch.cuda.is_available() else "cpu")\ny = y.to(device)\n');
  });
  it('in a notebook, defines the device in the cell that imports torch and uses it in later cells', () => {
    const cells = [
      { kind: 'code' as const, source: 'import torch\nimport numpy as np' },
      { kind: 'markdown' as const, source: 'Train on the GPU' },
      { kind: 'code' as const, source: 'model = Net().cuda()\nx = torch.ones(2, device="cuda")\n' },
    ];
    const findings = analyzeNotebook(cells).filter((f) => f.rule === 'hardcoded-cuda');
    assert.equal(findings.length, 2);
    const edits = sharedFixEdits(findings, findings[1].fixes[0]);
    const fixed = applyCellEdits(cells, edits);
    assert.deepEqual(fixed.map((c) => c.source), [
      'import torch\nimport numpy as np\ndevice = torch.device("cuda" if torch.cuda.is_available() else "cpu")',
      'Train on the GPU',
      'model = Net().to(device)\nx = torch.ones(2, device=device)\n',
    ]);
    assert.deepEqual(pythonParseErrors([fixed[0].source + '\n' + fixed[2].source]), [null]);
    assert.deepEqual(analyzeNotebook(fixed).filter((f) => f.rule === 'hardcoded-cuda'), []);
  });
});
