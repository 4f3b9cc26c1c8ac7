// The Get Started walkthrough: opens from the command palette command, and its steps complete from
// the same context keys the roadmap sets.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, canScreenshot, closeAllEditors, screenshot, waitFor } from './helpers';
import { roadmap } from './roadmapHelpers';

interface WalkthroughStep {
  id: string;
  completionEvents: string[];
}

describe('walkthrough', () => {
  before(async () => {
    await activateExtension();
  });

  after(async () => {
    await vscode.commands.executeCommand('pythonForAI.resetProgress', { confirmed: true });
    await closeAllEditors();
  });

  it('opens from the command', async () => {
    await closeAllEditors();
    const id = await vscode.commands.executeCommand('pythonForAI.openWalkthrough');
    assert.equal(id, `${EXTENSION_ID}#pythonForAI.getStarted`);
    const tab = await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /^Walkthrough: Python for AI/.test(t.label)), 10_000, 'walkthrough tab');
    console.log(`[walkthrough] tab "${tab.label}"`);
    if (canScreenshot()) assert.ok(fs.statSync(await screenshot('walkthrough')).size > 10_000);
  });

  it('every step completes from a context key the roadmap sets, and marking steps done sets them', async () => {
    const steps = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.walkthroughs[0].steps as WalkthroughStep[]);
    for (const id of ['python-basics', 'kaggle-getting-started']) {
      await vscode.commands.executeCommand('pythonForAI.markStepDone', id);
    }
    const r = await roadmap();
    for (const s of steps) {
      const key = `pythonForAI.step.${s.id}.done`;
      assert.ok(s.completionEvents.includes(`onContext:${key}`), s.id);
      assert.ok(key in r.contextKeys, `roadmap sets ${key}`);
    }
    assert.equal(r.contextKeys['pythonForAI.step.python-basics.done'], true);
    assert.equal(r.contextKeys['pythonForAI.step.kaggle-getting-started.done'], true);
    // The environment step also completes when Check Environment runs.
    assert.ok(steps[0].completionEvents.includes('onCommand:pythonForAI.checkEnvironment'));
    if (canScreenshot()) {
      await vscode.commands.executeCommand('pythonForAI.openWalkthrough');
      assert.ok(fs.statSync(await screenshot('walkthrough-progress')).size > 10_000);
    }
  });
});
