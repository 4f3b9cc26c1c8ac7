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
    const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
    await closeAllEditors();
    await waitFor(() => labels().length === 0, 5_000, 'no editors open');
    const id = await vscode.commands.executeCommand('pythonForAI.openWalkthrough');
    assert.equal(id, `${EXTENSION_ID}#pythonForAI.getStarted`);
    // The tab API's label of the single walkthrough editor is stale in code-server 4.100 ("Welcome" or
    // the start-up "Setup VS Code Web") while the tab renders "Walkthrough: Python for AI" (see the
    // screenshot). With no editor open before, a walkthrough tab is the one the command opened.
    const tab = await waitFor(() => labels().find((l) => /^(Welcome|Walkthrough: .+)$/.test(l)), 10_000, 'walkthrough tab').catch((e: Error) => {
      throw new Error(`${e.message}; open tabs: ${JSON.stringify(labels())}`);
    });
    console.log(`[walkthrough] tab "${tab}"`);
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
