// Project findings: missing git shows once, on the folder's project checks page (not on code); the selected interpreter's version shows
// only where the folder declares its Python (never on unrelated code), offers its fixes and no ignore comment,
// and follows the settings without a manual command.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, sleep, waitFor } from './helpers';
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

  it('reports missing-git-repo once, on the folder\'s project checks page, not on code', async () => {
    const [uri, d] = await waitFor(() => find('missing-git-repo'), 30_000, 'missing-git-repo');
    assert.strictEqual(uri.scheme, 'pythonforai-project', `underlines a file it is not about: ${uri.toString()}`);
    assert.match(uri.path, /\/Python for AI project checks\.md$/);
    const all = vscode.languages.getDiagnostics().flatMap(([, l]) => l).filter((d) => ruleOf(d) === 'missing-git-repo');
    assert.strictEqual(all.length, 1);
    // The page opens (as from the Problems panel) and the finding underlines the sentence that states it.
    const page = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.strictEqual(page.document.getText(d.range), 'This folder has Python code but is not in a git repository.');
    assert.match(page.document.getText(), /Initialize Git Repository/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('puts the interpreter finding where the folder declares its Python, with its fixes, and nowhere else', async function () {
    this.timeout(120_000);
    // The Python extension is not installed here: the environment service runs python3 from PATH (3.11+).
    assert.strictEqual(find('python-version', /interpreter/), undefined, 'python3 here is 3.11+: nothing to report at the default minimum');
    const pyproject = fixtureUri('pyproject.toml');
    try {
      await setSetting('minimumPythonVersion', '3.99');
      // The folder declares no Python: the finding is about no line of any file, so no file shows it.
      await sleep(4000);
      assert.strictEqual(find('python-version', /interpreter/), undefined, 'the interpreter finding sits on unrelated code');
      // Declared in pyproject.toml: the finding sits on the requires-python value and refreshes by itself.
      const text = '[project]\nname = "demo"\nversion = "0.1.0"\nrequires-python = ">=3.10"\n';
      fs.writeFileSync(pyproject.fsPath, text);
      const [uri, d] = await waitFor(() => find('python-version', /interpreter/), 60_000, 'python-version for the interpreter');
      assert.match(d.message, /3\.99/);
      assert.strictEqual(uri.toString(), pyproject.toString());
      assert.deepStrictEqual([d.range.start.line, d.range.start.character, d.range.end.character], [3, 19, 25]);
      const doc = await vscode.workspace.openTextDocument(pyproject);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Select another Python interpreter'), titles.join(' | '));
      assert.ok(titles.includes('Change the minimum Python version (pythonForAI.minimumPythonVersion)'), titles.join(' | '));
    } finally {
      await setSetting('minimumPythonVersion', undefined);
      fs.rmSync(pyproject.fsPath, { force: true });
    }
    await waitFor(() => !find('python-version', /interpreter/), 30_000, 'the interpreter finding to go');
  });

  it('offers no ignore comment for missing-git-repo, which a comment cannot silence, and offers git init', async () => {
    const [uri, d] = await waitFor(() => find('missing-git-repo'), 30_000, 'missing-git-repo');
    await vscode.workspace.openTextDocument(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Initialize Git repository'), titles.join(' | '));
    assert.ok(!titles.some((t) => /ignore/i.test(t) && /missing-git-repo/.test(t)), `an ignore action that silences nothing: ${titles.join(' | ')}`);
  });
});
