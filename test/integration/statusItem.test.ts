// The language status item: its state (problems in the active file, interpreter and version, minimum
// Python) shown in the actions quick pick, and an action picked with the keyboard (Fix All) runs.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, sleep, waitFor } from './helpers';
import { openNewFile, waitForRule } from './diagnosticsSupport';

interface StatusState { text: string; detail: string; severity: string; picked?: string }

describe('language status item', () => {
  before(async () => {
    await activateExtension();
  });
  after(async () => {
    await closeAllEditors();
  });

  it('states the problems, the interpreter and the minimum Python, and runs Fix All from its actions', async () => {
    const document = await openNewFile(fixtureUri('pitfalls/scratch_status.py'), 'print "status"\n');
    await vscode.window.showTextDocument(document);
    await waitForRule(document.uri, 'python2');
    const shown = vscode.commands.executeCommand<StatusState>('pythonForAI.showStatusActions');
    await sleep(1000);
    for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext'); // Down ×3: Fix All
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const state = await shown;
    assert.strictEqual(state.picked, 'fixAll');
    assert.match(state.text, /Python for AI: 1 problem$/);
    assert.match(state.detail, /minimum Python 3\.11$/);
    assert.match(state.detail, /^Python (3\.\d+\.\d+ \(.+\)|: .+)/, 'names the interpreter and its version, or why there is none');
    await waitFor(() => document.getText() === 'print("status")\n', 5_000, 'Fix All applied');
  });
});
