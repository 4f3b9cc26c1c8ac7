// The rule link of a diagnostic opens the rendered page: VS Code opens `diagnostic.code.target` the way
// `vscode.open` does (the Problems panel's and the hover's link), and what the user gets is the
// Markdown preview, not the page's source in an editable editor.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, waitFor } from './helpers';
import { openNewFile, waitForRule } from './diagnosticsSupport';

const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);

describe('rule page from the diagnostic link', () => {
  before(async () => {
    await activateExtension();
  });
  after(async () => {
    await closeAllEditors();
  });

  it('opens the rule page rendered in the Markdown preview, with no editor on its source', async () => {
    const document = await openNewFile(fixtureUri('pitfalls/scratch_rule_link.py'), 'print "link"\n');
    await vscode.window.showTextDocument(document);
    const [d] = await waitForRule(document.uri, 'python2');
    const target = (d.code as { target: vscode.Uri }).target;
    await vscode.commands.executeCommand('vscode.open', target);
    await waitFor(() => tabs().some((t) => t.input instanceof vscode.TabInputWebview && /python2/.test(t.label)), 10_000, 'the rendered page of python2');
    await waitFor(() => !tabs().some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === target.toString()), 5_000, 'no editor on the page source');
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === target.toString()), 'the markdown source is not shown for editing');
  });
});
