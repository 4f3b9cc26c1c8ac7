// A step's tooltip names the rules whose findings are there now, not every rule linked to the step.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, waitFor } from './helpers';
import { openNewFile, waitForRule } from './diagnosticsSupport';
import { roadmap } from './roadmapHelpers';

describe('roadmap tooltip', () => {
  before(async () => {
    await activateExtension();
  });
  after(async () => {
    await closeAllEditors();
  });

  it('lists only the rules actually found for the step', async () => {
    const document = await openNewFile(fixtureUri('pitfalls/scratch_tooltip.py'), 'import torch\nmodel = Net().cuda()\n');
    await vscode.window.showTextDocument(document);
    await waitForRule(document.uri, 'hardcoded-cuda');
    const snapshot = await waitFor(async () => {
      const s = await roadmap();
      return s.steps.find((x) => x.id === 'pytorch-mnist' && x.pitfalls > 0) ? s : undefined;
    }, 10_000, 'pytorch-mnist with pitfalls');
    const found = new Set(vscode.languages.getDiagnostics().flatMap(([, ds]) => ds.filter((d) => d.source === 'Python for AI').map((d) => String((d.code as { value: string }).value))));
    const row = snapshot.tree.find((r) => r.id === 'step:pytorch-mnist');
    assert.ok(row, 'the pytorch-mnist row');
    const listed = /pitfall findings? \(([^)]*)\)/.exec(row.tooltip)?.[1]?.split(', ') ?? [];
    assert.ok(listed.includes('hardcoded-cuda'), `tooltip: ${row.tooltip}`);
    for (const rule of listed) assert.ok(found.has(rule), `${rule} is listed but has no finding (tooltip: ${row.tooltip})`);
    assert.ok(!listed.includes('loss-accumulation') || found.has('loss-accumulation'));
  });
});
