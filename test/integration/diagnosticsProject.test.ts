// Project findings with no natural place (the selected interpreter's version, missing git) show on the
// workspace folder's main manifest or first Python file, and follow the settings.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './helpers';
import { ruleOf, setSetting } from './diagnosticsSupport';

function find(rule: string, message?: RegExp): [vscode.Uri, vscode.Diagnostic] | undefined {
  for (const [uri, list] of vscode.languages.getDiagnostics()) {
    const d = list.find((x) => ruleOf(x) === rule && (!message || message.test(x.message)));
    if (d) return [uri, d];
  }
  return undefined;
}

describe('pitfall project findings', () => {
  before(async () => {
    await activateExtension();
  });

  it('reports missing-git-repo once, on a Python file or manifest of the folder', async () => {
    const [uri] = await waitFor(() => find('missing-git-repo'), 30_000, 'missing-git-repo');
    assert.match(uri.path, /\.(py|ipynb|txt|toml|cfg|yml|yaml)$|Pipfile$/);
    const all = vscode.languages.getDiagnostics().flatMap(([, l]) => l).filter((d) => ruleOf(d) === 'missing-git-repo');
    assert.strictEqual(all.length, 1);
  });

  it('reports the selected interpreter when it is older than pythonForAI.minimumPythonVersion', async function () {
    this.timeout(90_000);
    // The Python extension is not installed here: the environment service runs python3 from PATH (3.11+).
    assert.strictEqual(find('python-version', /interpreter/), undefined, 'python3 here is 3.11+: nothing to report at the default minimum');
    try {
      await setSetting('minimumPythonVersion', '3.99');
      const [uri, d] = await waitFor(() => find('python-version', /interpreter/), 60_000, 'python-version for the interpreter');
      assert.match(d.message, /3\.99/);
      assert.strictEqual(d.range.start.line, 0);
      assert.ok(uri.scheme === 'file');
    } finally {
      await setSetting('minimumPythonVersion', undefined);
    }
    await waitFor(() => !find('python-version', /interpreter/), 30_000, 'the interpreter finding to go');
  });
});
