import * as assert from 'node:assert/strict';
import { applyEdits, sharedFixEdits } from '../../src/core/analysis/edits';
import { analyzeNotebook } from '../../src/core/analysis/notebook';
import { analyzePython } from '../../src/core/analysis/python';
import type { Finding } from '../../src/core/analysis/types';

// A file with thousands of flagged places (generated code, a pasted log) must not make the output
// or the time grow with the square of their number: a fix for every place is carried once.
const N = 20_000;

/** CPU milliseconds (the machine may be busy with other work: wall time would be noise). */
function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function totalEdits(findings: readonly Finding[]): number {
  return findings.reduce((n, f) => n + f.fixes.reduce((m, x) => m + x.edits.length, 0), 0);
}

const CASES: Array<{ rule: string; header: string; site: string }> = [
  { rule: 'hardcoded-cuda', header: 'import torch\n', site: 'x.cuda()\n' },
  { rule: 'hardcoded-cuda', header: 'import torch\n', site: 'y = y.to("cuda")\n' },
  { rule: 'boston-dataset', header: 'from sklearn.datasets import load_boston\n', site: 'load_boston()\n' },
  { rule: 'boston-dataset', header: 'import sklearn.datasets as d\n', site: 'd.load_boston()\n' },
  { rule: 'deprecated-api', header: 'import numpy as np\n', site: 'np.float(1)\n' },
  { rule: 'deprecated-api', header: 'import numpy as np\n', site: 'from sklearn.cross_validation import train_test_split\n' },
  { rule: 'loss-accumulation', header: 'import torch\ntotal = 0\nfor x, y in data:\n    loss = criterion(model(x), y)\n    loss.backward()\n', site: '    total += loss\n' },
  { rule: 'python2', header: '', site: 'print "x"\n' },
];

describe(`analysis of ${N} flagged places`, () => {
  for (const c of CASES) {
    it(`${c.rule}: ${JSON.stringify(c.site)} × ${N} in under 2 s of CPU, with a linear number of edits`, function () {
      this.timeout(60_000);
      const source = c.header + c.site.repeat(N);
      let findings: Finding[] = [];
      const ms = cpuMs(() => {
        findings = analyzePython(source).filter((f) => f.rule === c.rule);
      });
      assert.ok(findings.length >= N, `${findings.length} findings`);
      assert.ok(totalEdits(findings) <= 3 * N, `${totalEdits(findings)} edits for ${findings.length} findings`);
      assert.ok(ms < 2000, `${ms.toFixed(0)} ms of CPU`);
    });
  }

  it('a shared fix rewrites every place and clears the rule (the first finding carries it)', function () {
    this.timeout(60_000);
    const source = 'import torch\n' + 'x.cuda()\n'.repeat(2000);
    const findings = analyzePython(source).filter((f) => f.rule === 'hardcoded-cuda');
    const last = findings[findings.length - 1];
    const fixed = applyEdits(source, sharedFixEdits(findings, last.fixes[0]));
    assert.equal(analyzePython(fixed).filter((f) => f.rule === 'hardcoded-cuda').length, 0);
    assert.equal(fixed.split('.to(device)').length - 1, 2000);
    assert.equal(fixed.split('device = torch.device("cuda" if torch.cuda.is_available() else "cpu")').length - 1, 1, 'the device is defined once');
  });

  it('a suppressed first place hands the shared fix to the next finding', () => {
    const findings = analyzePython('import torch\nx.cuda()  # pyai: ignore[hardcoded-cuda]\ny.cuda()\nz.cuda()\n');
    assert.equal(findings.length, 2);
    assert.equal(findings[0].fixes[0].edits.length, 4, 'the device definition and three places');
    assert.deepEqual(findings[1].fixes[0].edits, []);
  });

  it('notebooks: one shared fix across cells, linear in the number of places', function () {
    this.timeout(60_000);
    const cells = [{ kind: 'code' as const, source: 'import torch\n' }, ...Array.from({ length: 2000 }, () => ({ kind: 'code' as const, source: 'x.cuda()\ny.cuda()\n' }))];
    let findings: Finding[] = [];
    const ms = cpuMs(() => {
      findings = analyzeNotebook(cells);
    });
    assert.equal(findings.length, 4000);
    assert.equal(totalEdits(findings), 4001, 'one edit per place and the device definition');
    assert.ok(ms < 2000, `${ms.toFixed(0)} ms of CPU`);
    assert.equal(new Set(sharedFixEdits(findings, findings[3999].fixes[0]).map((e) => e.cell)).size, 2001);
  });
});
