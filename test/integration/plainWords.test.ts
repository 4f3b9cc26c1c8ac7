// Diagnostic messages and quick fix titles are plain text in VS Code: no raw backticks.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri } from './helpers';
import { codeActions, openNewFile, ours, waitForRule } from './diagnosticsSupport';

describe('plain words in messages and fix titles', () => {
  before(async () => {
    await activateExtension();
  });
  after(async () => {
    await closeAllEditors();
  });

  it('shows inline code quoted, never in backticks', async () => {
    const document = await openNewFile(fixtureUri('pitfalls/scratch_plain.py'), 'import numpy as np\nimport torch\nx = np.float(1)\nm = Net().cuda()\nprint "x"\n');
    await vscode.window.showTextDocument(document);
    await waitForRule(document.uri, 'python2');
    await waitForRule(document.uri, 'hardcoded-cuda');
    const diagnostics = ours(document.uri);
    assert.ok(diagnostics.length >= 3);
    for (const d of diagnostics) {
      assert.doesNotMatch(d.message, /`[^`\n]+`/, d.message);
      for (const a of await codeActions(document.uri, d.range, vscode.CodeActionKind.QuickFix.value)) assert.doesNotMatch(a.title, /`[^`\n]+`/, a.title);
    }
    assert.ok(diagnostics.some((d) => /'np\.float'|'\.cuda\(\)'|'torch\.cuda\.is_available\(\)'/.test(d.message)), 'code is quoted');
  });
});
