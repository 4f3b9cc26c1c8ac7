import * as assert from 'node:assert/strict';
import { sharedFixEdits } from '../../src/core/analysis/edits';
import { assertFixesWork, findingsOf, flagged } from './python-testkit';

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
    assert.ok(applied.some((a) => a.fixed === T + 'd = torch.device(\'cuda:0\' if torch.cuda.is_available() else \'cpu\')\n'));
    assert.ok(applied.some((a) => a.fixed === T + 'm = Net().to("cuda" if torch.cuda.is_available() else "cpu")\n'));
    assert.ok(applied.some((a) => a.fixed.includes('th.cuda.is_available()')));
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
    assert.equal(findings[0].fixes[0].edits.length, 3);
    for (const f of findings.slice(1)) {
      assert.deepEqual(f.fixes[0].edits, []);
      assert.equal(f.fixes[0].shared, findings[0].fixes[0].shared);
      assert.equal(f.fixes[0].title, findings[0].fixes[0].title);
      assert.equal(sharedFixEdits(findings, f.fixes[0]), findings[0].fixes[0].edits);
    }
    assert.match(findings[0].fixes[0].title, /all 3 places/);
    const [a] = assertFixesWork([src], 'hardcoded-cuda', 1).slice(0, 1);
    assert.equal(a.fixed, T + 'm = Net().to("cuda" if torch.cuda.is_available() else "cpu")\nx = x.to("cuda:1" if torch.cuda.is_available() else "cpu")\ny = y.to("cuda" if torch.cuda.is_available() else "cpu")\n');
  });
});
