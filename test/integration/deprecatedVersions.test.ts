// deprecated-api in the real VS Code follows the versions a project pins: the requirements file
// next to the code decides, and editing and saving it re-checks the code. (scikit-learn is not
// installed in the test interpreter, so the manifest is what counts.)
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, waitFor } from './helpers';
import { openNewFile, ours } from './diagnosticsSupport';

// Line 3 is reported whatever the pins say (NumPy is not pinned here): it shows the file was checked.
const CODE = 'from sklearn.cross_validation import train_test_split\nimport numpy as np\nX_train, X_test = train_test_split([1, 2, 3, 4])\nvalue = np.float(1)\n';
const sklearnLines = (uri: vscode.Uri) => ours(uri, 'deprecated-api').filter((d) => d.range.start.line !== 3);

describe('deprecated-api and pinned versions', () => {
  const folder = fixtureUri('pinned-project');
  before(async () => {
    await activateExtension();
  });
  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  it('reports nothing deprecated after the pinned version, and re-checks when the pin is edited and saved', async () => {
    const requirements = await openNewFile(vscode.Uri.joinPath(folder, 'requirements.txt'), 'scikit-learn==0.17.1\n');
    const code = await openNewFile(vscode.Uri.joinPath(folder, 'split.py'), CODE);
    await vscode.window.showTextDocument(code);
    await waitFor(() => ours(code.uri, 'deprecated-api').some((d) => d.range.start.line === 3), 15_000, 'np.float reported');
    assert.deepStrictEqual(sklearnLines(code.uri).map((d) => d.message), [], 'cross_validation was deprecated in 0.18');

    const editor = await vscode.window.showTextDocument(requirements);
    await editor.edit((b) => b.replace(new vscode.Range(0, 0, 1, 0), 'scikit-learn==0.19.2\n'));
    await vscode.commands.executeCommand('workbench.action.files.save');
    await vscode.window.showTextDocument(code);
    const found = await waitFor(() => (sklearnLines(code.uri).length === 2 ? sklearnLines(code.uri) : undefined), 15_000, 'the sklearn import and use reported');
    assert.deepStrictEqual(found.map((d) => d.range.start.line), [0, 2], 'the import and the use');
    assert.ok(found.every((d) => d.severity === vscode.DiagnosticSeverity.Information), 'still present in 0.19: one step below the default');
    assert.match(found[0].message, /scikit-learn==0\.19\.2 \(requirements\.txt\) still has it/);

    const again = await vscode.window.showTextDocument(requirements);
    await again.edit((b) => b.replace(new vscode.Range(0, 0, 1, 0), 'scikit-learn==0.17.1\n'));
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor(() => sklearnLines(code.uri).length === 0, 15_000, 'the sklearn findings gone');
    assert.ok(ours(code.uri, 'deprecated-api').some((d) => d.range.start.line === 3));
  });
});
