// A folder with Python code and no git (run "git-init", its own workspace so the new repository does not
// change other suites): `missing-git-repo` shows on the main manifest, its quick fix runs
// "Initialize Git repository", the repository appears, the finding goes, the .gitignore is completed.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, workspaceRoot } from './helpers';
import { codeActions, waitForNoRule, waitForRule } from './diagnosticsSupport';

describe('pitfalls: initialize a git repository', () => {
  before(async () => {
    await activateExtension();
  });

  it('reports missing-git-repo on the folder\'s main manifest', async () => {
    const [d] = await waitForRule(fixtureUri('requirements.txt'), 'missing-git-repo', 30_000);
    assert.strictEqual(d.range.start.line, 0);
    assert.match(d.message, /git/);
  });

  it('the quick fix initializes the repository, completes the .gitignore, and the finding goes away', async () => {
    const manifest = fixtureUri('requirements.txt');
    const [d] = await waitForRule(manifest, 'missing-git-repo');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(manifest));
    const init = (await codeActions(manifest, d.range)).find((a) => a.title === 'Initialize Git repository');
    assert.ok(init?.command, 'no Initialize Git repository action');
    // The options answer the ".gitignore?" question a user would see.
    const ok = await vscode.commands.executeCommand<boolean>(init.command.command, ...(init.command.arguments ?? []), { gitignore: true });
    assert.strictEqual(ok, true);
    const root = workspaceRoot().fsPath;
    assert.ok(fs.existsSync(path.join(root, '.git', 'HEAD')), 'no .git/HEAD after init');
    await waitForNoRule(manifest, 'missing-git-repo', 30_000);

    const lines = fs.readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n');
    assert.strictEqual(lines[0], '*.log', 'the existing .gitignore was overwritten');
    for (const pattern of ['__pycache__/', '.venv/', '.ipynb_checkpoints/', '*.pt', '*.h5', '*.onnx', 'data/', 'models/']) {
      assert.strictEqual(lines.filter((l) => l === pattern).length, 1, `${pattern} should appear once`);
    }
  });
});
