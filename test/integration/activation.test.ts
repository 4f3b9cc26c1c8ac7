// Foundation: the extension loads in a real VS Code, activates on Python files, and contributes what
// package.json declares.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, canScreenshot, closeAllEditors, fixtureUri, screenshot, waitFor } from './helpers';

describe('activation', () => {
  const ext = () => vscode.extensions.getExtension(EXTENSION_ID)!;
  const manifest = () => ext().packageJSON as {
    contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]> };
  };

  before(() => {
    console.log(`[integration] VS Code ${vscode.version}, ${vscode.env.appName}, host ${vscode.env.appHost}`);
  });

  it('is loaded and runs in the real VS Code 1.100.x', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), 'extension not loaded');
    assert.match(vscode.version, /^1\.100\./);
  });

  it('activates when a Python file is opened', async () => {
    const doc = await vscode.workspace.openTextDocument(fixtureUri('hello.py'));
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'python');
    await waitFor(() => ext().isActive, 15_000, 'activation');
    const api = ext().exports as { activationMs: number };
    assert.strictEqual(typeof api.activationMs, 'number');
    console.log(`[bench] activation ${api.activationMs.toFixed(1)} ms (activate() body)`);
  });

  it('registers every command declared in package.json', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest().contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, []);
  });

  it('contributes every declared view, and each can be shown', async () => {
    const views = Object.values(manifest().contributes.views).flat();
    assert.ok(views.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const view of views) {
      assert.ok(registered.has(`${view.id}.focus`), `no focus command for view ${view.id}`);
      await vscode.commands.executeCommand(`${view.id}.focus`);
    }
  });

  it('writes a screenshot of the workbench with the extension active', async function () {
    if (!canScreenshot()) this.skip(); // only the @vscode/test-electron launcher lacks a browser to photograph
    await vscode.commands.executeCommand('pythonForAI.roadmap.focus');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixtureUri('hello.py')));
    const png = await screenshot('workbench-activated');
    const header = fs.readFileSync(png).subarray(0, 8);
    assert.deepStrictEqual([...header], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'not a PNG');
    assert.ok(fs.statSync(png).size > 10_000, 'screenshot suspiciously small');
    await closeAllEditors();
  });
});
