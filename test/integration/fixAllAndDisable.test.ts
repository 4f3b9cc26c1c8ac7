// "Fix all safe problems in this file" (quick fix and command), "Disable <rule>" confirming with Undo
// (answered with the notification's primary action, Ctrl+Shift+A), and Show Disabled Rules turning a
// rule back on from its quick pick (Space toggles, Enter accepts).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, sleep, waitFor } from './helpers';
import { codeActions, openNewFile, ours, setSetting, waitForNoRule, waitForRule } from './diagnosticsSupport';

let counter = 0;
async function scratch(text: string): Promise<vscode.TextDocument> {
  const document = await openNewFile(fixtureUri(`pitfalls/scratch_ux_${++counter}.py`), text);
  await vscode.window.showTextDocument(document);
  return document;
}

function workspaceRules(): Record<string, string> | undefined {
  return vscode.workspace.getConfiguration('pythonForAI').inspect<Record<string, string>>('rules')?.workspaceValue;
}

describe('fix all in this file, disable with undo, disabled rules', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await closeAllEditors();
    await setSetting('rules', undefined);
  });

  it('offers "Fix all safe problems in this file", which applies every safe fix and no unsafe one', async () => {
    const document = await scratch('import numpy as np\nfrom sklearn.datasets import load_boston\n\nx = np.float(3)\nprint "x", x\nX, y = load_boston(return_X_y=True)\n');
    const [d] = await waitForRule(document.uri, 'python2');
    const all = (await codeActions(document.uri, d.range, vscode.CodeActionKind.QuickFix.value)).find((a) => a.title === 'Fix all safe problems in this file');
    assert.ok(all?.command, 'the quick fix is offered');
    await vscode.commands.executeCommand(all.command.command, ...(all.command.arguments ?? []));
    await waitFor(() => document.getText().includes('print("x", x)'), 5_000, 'the fixes applied');
    assert.strictEqual(document.getText(), 'import numpy as np\nfrom sklearn.datasets import load_boston\n\nx = float(3)\nprint("x", x)\nX, y = load_boston(return_X_y=True)\n');
    await waitForNoRule(document.uri, 'python2');
    assert.ok(ours(document.uri, 'boston-dataset').length > 0, 'the unsafe boston fix is left for the user to choose');
  });

  it('runs from the command palette on the active editor', async () => {
    const document = await scratch('import torch\nm = Net().cuda()\nprint "done"\n');
    await waitForRule(document.uri, 'hardcoded-cuda');
    await vscode.commands.executeCommand('pythonForAI.fixAllInFile');
    await waitFor(() => document.getText().includes('print("done")'), 5_000, 'the fixes applied');
    assert.strictEqual(document.getText(), 'import torch\ndevice = torch.device("cuda" if torch.cuda.is_available() else "cpu")\nm = Net().to(device)\nprint("done")\n');
  });

  it('"Disable <rule>" confirms, and Undo in the notification turns the rule back on', async () => {
    const document = await scratch('print "undo"\n');
    const [d] = await waitForRule(document.uri, 'python2');
    const disable = (await codeActions(document.uri, d.range)).find((a) => a.title === 'Disable python2');
    assert.ok(disable?.command);
    await vscode.commands.executeCommand(disable.command.command, ...(disable.command.arguments ?? []));
    assert.strictEqual(workspaceRules()?.python2, 'off');
    await waitForNoRule(document.uri, 'python2');
    // The notification's first button is Undo: Ctrl+Shift+A (notification.acceptPrimaryAction) presses it.
    await waitFor(async () => {
      await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      return workspaceRules()?.python2 === undefined;
    }, 10_000, 'Undo to restore the setting');
    await waitForRule(document.uri, 'python2');
  });

  it('Show Disabled Rules lists the rules that are off and turns the picked one back on', async () => {
    await setSetting('rules', { python2: 'off', 'unchecked-data': 'info' });
    const document = await scratch('print "back"\n');
    await sleep(500);
    assert.deepStrictEqual(ours(document.uri, 'python2'), []);
    const enabled = vscode.commands.executeCommand<string[]>('pythonForAI.showDisabledRules');
    await sleep(1000);
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext'); // Down to the first (only) rule
    await vscode.commands.executeCommand('workbench.action.quickPickManyToggle'); // Space ticks it
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.deepStrictEqual(await enabled, ['python2']);
    assert.deepStrictEqual(workspaceRules(), { 'unchecked-data': 'info' }, 'only the picked rule is removed');
    await waitForRule(document.uri, 'python2');
  });
});
