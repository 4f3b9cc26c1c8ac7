// A 5 MB Python file in the real editor: typing in it gives diagnostics that appear and update, from
// the analysis worker (checked through the extension's API), and the extension host's longest stall
// while typing is printed next to the same typing in a plain-text file ("[bench]" lines; figures
// only, no timing assertion on a shared machine). The file is generated here, never committed.
import * as assert from 'node:assert';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { WorkerStats } from '../../src/core/worker/analysisWorker';
import { largePython } from '../bench/largePython';
import { activateExtension, closeAllEditors, fixtureUri, sleep, typeLikeAPerson, waitFor } from './helpers';
import { ours, waitForNoRule, waitForRule } from './diagnosticsSupport';

const SIZE = 5_000_000;

async function workerStats(): Promise<WorkerStats> {
  const api = (await activateExtension()) as unknown as { analysisWorkerStats(): WorkerStats };
  return api.analysisWorkerStats();
}

async function openAt(uri: vscode.Uri, text: string, line: number): Promise<vscode.TextEditor> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  editor.selection = new vscode.Selection(line, 0, line, 0);
  return editor;
}

/** Types `lines` like a person (a pause after each, longer than the debounce) and returns the event loop's longest delay in ms. */
async function longestStallWhileTyping(lines: string[]): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  for (const line of lines) {
    await typeLikeAPerson(line, 50);
    await sleep(600);
  }
  histogram.disable();
  return histogram.max / 1e6;
}

/** Closes the active editor without saving its typing (a dirty document would stay open in the background). */
async function revertAndClose(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('large files: analysed off the extension host thread [bench]', () => {
  const folder = fixtureUri('pitfalls/large');
  const python = fixtureUri('pitfalls/large/generated_training.py');

  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
  });

  it('shows and updates diagnostics in a 5 MB Python file typed into, from the worker', async function () {
    this.timeout(300_000);
    const text = largePython(SIZE);
    const before = await workerStats();
    const middle = Math.floor(text.split('\n').length / 2);
    const editor = await openAt(python, text, middle);
    const document = editor.document;
    assert.ok(document.getText().length > 4_900_000, 'the file is about 5 MB');

    // A pitfall typed into the middle of the file appears on the typed line...
    await typeLikeAPerson('x = np.NaN\n');
    const [nan] = await waitForRule(python, 'deprecated-api', 120_000);
    assert.strictEqual(nan.range.start.line, middle);
    assert.match(document.lineAt(middle).text, /np\.NaN/);

    // ...updates when more is typed (a second finding further down)...
    await typeLikeAPerson('from sklearn.datasets import load_boston\n');
    const [boston] = await waitForRule(python, 'boston-dataset', 120_000);
    assert.strictEqual(boston.range.start.line, middle + 1);
    assert.strictEqual(ours(python, 'deprecated-api').length, 1, 'the first finding stays');

    // ...and goes when the line is deleted.
    editor.selection = new vscode.Selection(middle, 0, middle, 0);
    await vscode.commands.executeCommand('editor.action.deleteLines');
    await waitForNoRule(python, 'deprecated-api', 120_000);
    assert.strictEqual((await waitForRule(python, 'boston-dataset', 120_000))[0].range.start.line, middle, 'the remaining finding moved up with its line');

    const after = await workerStats();
    assert.ok(after.inWorker > before.inWorker, `the worker analysed the file (${JSON.stringify(after)})`);
    assert.ok(after.editsForwarded > before.editsForwarded, 'typing was forwarded to the worker as edits');
    assert.strictEqual(after.inHost, before.inHost, 'nothing fell back to the host');
    console.log(`[bench] large file worker: ${JSON.stringify(after)}`);
    await revertAndClose();
  });

  it('prints the host\'s longest stall while typing in the 5 MB Python file and in a plain-text file', async function () {
    this.timeout(300_000);
    const text = largePython(SIZE);
    const lines = ['a = 1\n', 'b = a + 2\n', 'c = [a, b]\n', 'print(c)\n'];
    const middle = Math.floor(text.split('\n').length / 2);
    // Plain text first, Python second, then again: the lower of two runs counts (load only ever adds delay).
    const figures = { plain: Infinity, python: Infinity };
    for (let round = 0; round < 2; round++) {
      await openAt(fixtureUri(`pitfalls/large/stall_${round}.txt`), text, middle);
      await sleep(2000);
      figures.plain = Math.min(figures.plain, await longestStallWhileTyping(lines));
      await revertAndClose();
      const before = await workerStats();
      await openAt(fixtureUri(`pitfalls/large/stall_${round}.py`), text, middle);
      await sleep(2000);
      // The first analysis (the whole text crosses to the worker once, as on opening) is not typing.
      await waitFor(async () => (await workerStats()).inWorker > before.inWorker, 120_000, 'the first analysis of the opened file');
      figures.python = Math.min(figures.python, await longestStallWhileTyping(lines));
      const after = await workerStats();
      assert.ok(after.editsForwarded > before.editsForwarded, 'the typing was forwarded to the worker');
      await revertAndClose();
    }
    console.log(`[bench] longest extension host stall while typing (${(SIZE / 1e6).toFixed(0)} MB file, 4 lines): plain text ${figures.plain.toFixed(1)} ms, Python (worker) ${figures.python.toFixed(1)} ms, difference ${(figures.python - figures.plain).toFixed(1)} ms`);
  });
});
