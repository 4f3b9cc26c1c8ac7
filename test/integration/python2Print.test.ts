// A bare `print` on its own line is valid Python 3 (it names the function and does nothing): typed in the
// editor it must not be reported as Python 2, while `print "x"` on the next line is, on that line only.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, pressKeys, sleep, typeLikeAPerson, waitFor } from './helpers';
import { openNewFile, ours, waitForRule } from './diagnosticsSupport';

describe('python2: a bare print line', () => {
  before(async () => {
    await activateExtension();
  });
  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(fixtureUri('pitfalls/scratch_bare_print.py'), { useTrash: false }).then(undefined, () => undefined);
  });

  it('is not reported when typed; a Python 2 print statement below it is, on its own line', async () => {
    const document = await openNewFile(fixtureUri('pitfalls/scratch_bare_print.py'), '');
    await vscode.window.showTextDocument(document);
    await typeLikeAPerson('print', 20);
    await pressKeys(['Enter']);
    await sleep(1500); // longer than the analysis delay: a finding would be there by now
    assert.deepStrictEqual(ours(document.uri, 'python2').map((d) => d.message), [], 'a bare print line was reported');
    await typeLikeAPerson('print "hello"', 20);
    const [d] = await waitForRule(document.uri, 'python2');
    assert.strictEqual(d.range.start.line, 1, `reported on line ${d.range.start.line + 1}: ${document.getText()}`);
    assert.strictEqual(ours(document.uri, 'python2').length, 1);
    await waitFor(() => document.lineAt(0).text === 'print', 2000, 'line 1 to be exactly what was typed');
  });
});
