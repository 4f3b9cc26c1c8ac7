// The editor reads the same configuration as the pyai-lint CLI: [tool.pyai-lint] in pyproject.toml
// and pyai-lint.toml, with pythonForAI.configurationPreference deciding which of it and the settings wins.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, waitFor } from './helpers';
import { ours, setSetting, waitForNoRule, waitForRule } from './diagnosticsSupport';

const OLD_CODE = 'import numpy as np\nx = np.float(1)\nprint "hello"\n';

async function write(relative: string, text: string): Promise<vscode.Uri> {
  const uri = fixtureUri(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

describe('pyai-lint configuration in the editor', function () {
  this.timeout(90_000);
  before(async () => {
    await activateExtension();
  });
  afterEach(async () => {
    await closeAllEditors();
    await setSetting('rules', undefined);
    await setSetting('configurationPreference', undefined);
  });

  it('a rule ignored in [tool.pyai-lint] gives no diagnostic; editing the file brings it back', async () => {
    const config = await write('configured/pyproject.toml', '[project]\nname = "configured"\n\n[tool.pyai-lint]\nignore = ["python2"]\n');
    const code = await write('configured/old.py', OLD_CODE);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(code));
    await waitForRule(code, 'deprecated-api', 30_000);
    assert.deepStrictEqual(ours(code, 'python2'), [], 'python2 is ignored by the project configuration');

    await write('configured/pyproject.toml', '[project]\nname = "configured"\n\n[tool.pyai-lint]\nignore = []\n');
    await waitForRule(code, 'python2', 30_000);
    await write('configured/pyproject.toml', '[project]\nname = "configured"\n\n[tool.pyai-lint]\nignore = ["python2"]\n');
    await waitForNoRule(code, 'python2', 30_000);
    assert.ok(config);
  });

  it('pythonForAI.configurationPreference: a setting wins with editorFirst, the file with filesystemFirst, settings alone with editorOnly', async () => {
    await write('preference/pyai-lint.toml', 'ignore = ["python2"]\n\n[severity]\ndeprecated-api = "info"\n');
    const code = await write('preference/old.py', OLD_CODE);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(code));
    const deprecated = await waitForRule(code, 'deprecated-api', 30_000);
    assert.strictEqual(deprecated[0].severity, vscode.DiagnosticSeverity.Information, 'severity from pyai-lint.toml');
    assert.deepStrictEqual(ours(code, 'python2'), []);

    await setSetting('rules', { python2: 'warning' });
    const python2 = await waitForRule(code, 'python2', 30_000);
    assert.strictEqual(python2[0].severity, vscode.DiagnosticSeverity.Warning, 'editorFirst (default): the setting wins');

    await setSetting('configurationPreference', 'filesystemFirst');
    await waitForNoRule(code, 'python2', 30_000);

    await setSetting('rules', undefined);
    await setSetting('configurationPreference', 'editorOnly');
    await waitForRule(code, 'python2', 30_000);
    await waitFor(() => {
      const d = ours(code, 'deprecated-api')[0];
      return (d !== undefined && d.severity !== vscode.DiagnosticSeverity.Information) || undefined;
    }, 30_000, 'deprecated-api at its own severity');
  });

  it('a configuration error is a diagnostic in the file, at its line, and goes when fixed', async () => {
    const config = await write('broken-config/pyai-lint.toml', '# checks for CI\nselect = ["python2", "no-such-rule"]\n');
    // As a user does after creating it: open the file (the file watcher alone can lag under load).
    const document = await vscode.workspace.openTextDocument(config);
    const editor = await vscode.window.showTextDocument(document);
    const problems = await waitFor(() => {
      const list = vscode.languages.getDiagnostics(config).filter((d) => d.code === 'configuration');
      return list.length ? list : undefined;
    }, 30_000, 'a configuration diagnostic in pyai-lint.toml');
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].range.start.line, 1);
    assert.strictEqual(problems[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(problems[0].message, /unknown rule 'no-such-rule'/);
    assert.strictEqual(problems[0].source, 'Python for AI');

    // As typed in the editor, before saving.
    await editor.edit((b) => b.replace(new vscode.Range(1, 0, 1, 100), 'select = ["python2"]'));
    await waitFor(() => vscode.languages.getDiagnostics(config).every((d) => d.code !== 'configuration') || undefined, 30_000, 'the configuration diagnostic to go');
    await document.save();
  });
});
