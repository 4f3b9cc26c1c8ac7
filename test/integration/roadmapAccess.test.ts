// The roadmap for a person at the keyboard or with a screen reader, and for a learner's first look:
// Space on a focused step toggles its checkbox, every row and checkbox has a label a screen reader
// says, clicking a step's label opens its walkthrough page, the tooltip says what completes the step,
// and the view shows "3 of 7" with no count badge. Driven through the real workbench (keys, clicks).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, canScreenshot, closeAllEditors, domQuery, pressKeys, waitFor } from './helpers';
import { MAIN_STEPS, roadmap, step } from './roadmapHelpers';

const WALKTHROUGH = `${EXTENSION_ID}#pythonForAI.getStarted`;

describe('roadmap: first look, keyboard and screen readers', () => {
  before(async () => {
    await activateExtension();
    await vscode.commands.executeCommand('pythonForAI.resetProgress', { confirmed: true });
  });

  after(async () => {
    // Leave the keyboard where later tests expect it: in the editor area, not in the roadmap tree.
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('pythonForAI.resetProgress', { confirmed: true });
    await closeAllEditors();
  });

  it('showed the roadmap once on the first run in this workspace with Python files', async () => {
    const r = await waitFor(async () => {
      const x = await roadmap();
      return x.firstLook ? x : undefined;
    }, 20_000, 'the first look decided');
    assert.equal(r.firstLook, 'shown');
  });

  it('says in each step\'s tooltip what completes it, from the roadmap data', async () => {
    const r = await roadmap();
    for (const id of MAIN_STEPS) {
      const row = r.tree.find((t) => t.id === `step:${id}`)!;
      assert.match(row.tooltip, /Completes when/, id);
    }
    const california = r.tree.find((t) => t.id === 'step:sklearn-california')!;
    assert.match(california.tooltip, /Completes when: a script or notebook of yours loads fetch\\_california\\_housing, fits a model and measures it/);
  });

  it('labels every row and checkbox for screen readers, and a step\'s label opens its walkthrough page', async () => {
    const r = await roadmap();
    for (const row of r.tree.filter((t) => t.id.startsWith('step:'))) {
      assert.ok(row.accessibilityLabel.startsWith(row.label), `${row.id}: ${row.accessibilityLabel}`);
      assert.match(row.accessibilityLabel, /, (done|not done|marked not done)/, row.id);
      assert.match(row.checkboxLabel, new RegExp(`^${row.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (done|not done)$`), row.id);
      assert.deepEqual(row.command, { command: 'pythonForAI.openRoadmapItem', arguments: [row.id.slice('step:'.length)] });
    }
    if (!canScreenshot()) return; // clicking and reading the page needs the code-server launcher
    await closeAllEditors();
    await vscode.commands.executeCommand('pythonForAI.showRoadmap');
    // What a screen reader reads on the checkbox is the label we gave it.
    const boxes = await waitFor(async () => {
      const found = await domQuery('.custom-view-tree-node-item-checkbox');
      return found.length >= MAIN_STEPS.length ? found : undefined;
    }, 15_000, 'the roadmap checkboxes');
    assert.ok(boxes.some((b) => /^A first scikit-learn model on California Housing: (done|not done)$/.test(b.attrs['aria-label'] ?? '')), JSON.stringify(boxes.map((b) => b.attrs['aria-label'])));
    // The view shows progress above its steps (its header, with the description, is hidden while the view is
    // alone in its container), and its activity bar icon carries no count badge.
    const message = await domQuery('.tree-explorer-viewlet-tree-view .message');
    const shownMessage = message.filter((m) => !/\bhide\b/.test(m.attrs.class ?? ''));
    assert.ok(shownMessage.some((t) => /^\d+ of 7 steps done$/.test(t.text.trim())), JSON.stringify(message));
    const ours = await domQuery('.activitybar .action-item:has(.action-label[aria-label^="Python for AI"])');
    assert.equal(ours.length, 1, 'the Python for AI activity bar item');
    assert.doesNotMatch(ours[0].text, /\d/, 'a count badge on the activity bar');
    // Click the step's label, as a person does.
    await domQuery('.monaco-list-row .label-name', 'A first scikit-learn model on California Housing');
    let seen: string[] = [];
    await waitFor(async () => {
      seen = (await domQuery('.getting-started-step.expanded')).map((s) => s.attrs['data-step-id']);
      return seen.includes(`${WALKTHROUGH}#sklearn-california`);
    }, 15_000, 'the walkthrough page with the California Housing step open').catch((e: Error) => {
      throw new Error(`${e.message}; open: ${JSON.stringify(seen)}`);
    });
    // Opening the page ticked nothing.
    assert.equal(step(await roadmap(), 'sklearn-california').state, 'open');
    await closeAllEditors();
  });

  it('Space toggles the focused step\'s checkbox, as a person presses it', async function () {
    if (!canScreenshot()) this.skip(); // real key presses need the code-server launcher
    await vscode.commands.executeCommand('pythonForAI.showRoadmap');
    await vscode.commands.executeCommand('pythonForAI.roadmap.focus');
    const before = step(await roadmap(), MAIN_STEPS[0]).done;
    // Home focuses the first step; Space toggles it; Space again toggles it back.
    await pressKeys(['Home', 'Space']);
    let r = await waitFor(async () => {
      const x = await roadmap();
      return step(x, MAIN_STEPS[0]).done !== before ? x : undefined;
    }, 10_000, 'Space toggled the first step');
    assert.equal(step(r, MAIN_STEPS[0]).state, before ? 'notDone' : 'done');
    assert.equal(r.tree.find((t) => t.id === `step:${MAIN_STEPS[0]}`)!.checked, !before);
    // Space did not also expand or collapse the row, or move on: the next press toggles the same step back.
    await pressKeys(['Space']);
    r = await waitFor(async () => {
      const x = await roadmap();
      return step(x, MAIN_STEPS[0]).state === (before ? 'done' : 'notDone') ? x : undefined;
    }, 10_000, 'Space toggled the first step back');
    // Only the focused row changed: not the next one, nor the one selected by the click in the test above.
    for (const other of ['python-basics', 'sklearn-california']) assert.ok(!(other in r.progress.entries), `${other} was touched`);
    // Space on a focused sub-task toggles it too.
    // Each toggle refreshes the tree; an expand that lands while VS Code is still re-rendering it is lost
    // ("Data tree node not found" in the workbench log, seen on loaded CI runs). A person presses again: so does
    // the test, focusing the first step with Home each time.
    const firstSubtask = step(r, MAIN_STEPS[0]).subtasks[0].id;
    const subtasksShown = async () => (await domQuery('.monaco-list-row[aria-level="2"]')).length > 0;
    for (let attempt = 0; attempt < 4 && !(await subtasksShown()); attempt++) {
      await pressKeys(['Home', 'ArrowRight']);
      await waitFor(subtasksShown, 3_000, 'the sub-tasks shown').catch(() => undefined);
    }
    assert.ok(await subtasksShown(), 'ArrowRight did not show the first step\'s sub-tasks');
    await pressKeys(['ArrowDown', 'Space']);
    r = await waitFor(async () => {
      const x = await roadmap();
      return x.progress.entries[firstSubtask] ? x : undefined;
    }, 10_000, 'Space toggled the first sub-task');
    assert.equal(r.progress.entries[firstSubtask].done, true);
  });
});
