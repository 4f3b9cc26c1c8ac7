// Restricted Mode (run "untrusted"): the static checks still report, and nothing this extension does
// starts a program. child_process is wrapped in the extension host to count every call, with the
// caller's stack telling whether it came from this extension.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, closeAllEditors, fixtureUri, sleep, waitFor, workspaceRoot } from './helpers';
import { codeActions, setSetting, waitForRule } from './diagnosticsSupport';

const SPAWNING = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

interface Calls {
  total: number;
  ours: string[];
}

/** Wraps child_process's functions (the module object every caller shares) with counters. */
function countChildProcesses(extensionPath: string): { calls: Calls; restore: () => void } {
  const childProcess = createRequire(__filename)('node:child_process') as Record<string, (...args: unknown[]) => unknown>;
  const calls: Calls = { total: 0, ours: [] };
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  const ourBundle = path.join(extensionPath, 'dist');
  for (const name of SPAWNING) {
    const original = childProcess[name];
    originals.set(name, original);
    childProcess[name] = function (this: unknown, ...args: unknown[]) {
      calls.total++;
      const stack = new Error().stack ?? '';
      if (stack.includes(ourBundle)) calls.ours.push(`${name}(${String(args[0])})`);
      return original.apply(this, args);
    };
  }
  return {
    calls,
    restore: () => {
      for (const [name, original] of originals) childProcess[name] = original;
    },
  };
}

describe('pitfalls in Restricted Mode', () => {
  let counter: ReturnType<typeof countChildProcesses>;

  before(async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'this run must open the workspace in Restricted Mode');
    counter = countChildProcesses(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath);
    await activateExtension();
  });

  after(async () => {
    counter.restore();
    await closeAllEditors();
  });

  it('still shows static diagnostics', async () => {
    for (const [file, rule] of [['pitfalls/legacy.py', 'python2'], ['pitfalls/boston.py', 'boston-dataset'], ['pitfalls/requirements.txt', 'too-many-frameworks']]) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixtureUri(file)), { preview: false });
      await waitForRule(fixtureUri(file), rule);
    }
  });

  it('still reports missing-git-repo (from the files on disk), with no runnable git fix', async () => {
    const [uri, list] = await waitFor(
      () => vscode.languages.getDiagnostics().find(([, l]) => l.some((d) => typeof d.code === 'object' && d.code.value === 'missing-git-repo')),
      30_000,
      'missing-git-repo anywhere',
    );
    const d = list.find((x) => typeof x.code === 'object' && x.code.value === 'missing-git-repo')!;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const actions = await codeActions(uri, d.range);
    assert.ok(actions.some((a) => a.title === 'Show documentation for missing-git-repo'), 'the provider answered');
    // The action is marked disabled with the reason (the light bulb menu greys it out and shows why);
    // VS Code leaves disabled actions out of executeCodeActionProvider, so none runnable may be listed.
    const init = actions.find((a) => a.title === 'Initialize Git repository');
    assert.ok(!init || init.disabled, 'Initialize Git repository must not be runnable in Restricted Mode');
  });

  it('starts no child process: interpreter checks, git init, scan and settings changes included', async () => {
    const ok = await vscode.commands.executeCommand<boolean>('pythonForAI.initGitRepository', workspaceRoot(), { gitignore: true });
    assert.strictEqual(ok, false);
    assert.ok(!fs.existsSync(path.join(workspaceRoot().fsPath, '.git')), 'a repository was created in Restricted Mode');
    await vscode.commands.executeCommand('pythonForAI.scanWorkspace');
    await setSetting('minimumPythonVersion', '3.12'); // re-runs the project checks, which ask for the interpreter
    await sleep(1500);
    await setSetting('minimumPythonVersion', undefined);
    await sleep(1500);
    console.log(`[restricted] child_process calls in the extension host: ${counter.calls.total} in total, ${counter.calls.ours.length} from Python for AI`);
    assert.deepStrictEqual(counter.calls.ours, []);
  });
});
