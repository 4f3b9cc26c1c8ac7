// Shared helpers for integration tests running in the extension host with the real `vscode` API.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'python-for-ai.python-for-ai';

/** The temp copy of the fixture workspace the launcher opened. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The integration suite needs a workspace folder.');
  return folder.uri;
}

export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

export async function activateExtension(): Promise<{ activationMs: number }> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded in this VS Code.`);
  return (await ext.activate()) as { activationMs: number };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `fn` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs: number, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    }
    await sleep(50);
  }
}

/** True when the launcher can take screenshots of the workbench (the code-server launcher can). */
export function canScreenshot(): boolean {
  return Boolean(process.env.PYAI_SCREENSHOT_DIR);
}

/**
 * Asks the launcher for a PNG of the whole workbench, written to test-output/screenshots/<run>/<name>.png,
 * and waits until it exists. Returns the path. The request is a file the launcher polls for.
 */
export async function screenshot(name: string, timeoutMs = 20_000): Promise<string> {
  const dir = process.env.PYAI_SCREENSHOT_DIR;
  if (!dir) throw new Error('This launcher cannot take screenshots (PYAI_SCREENSHOT_DIR is not set).');
  const png = path.join(dir, `${name}.png`);
  fs.rmSync(png, { force: true });
  fs.writeFileSync(path.join(dir, `${name}.request`), '');
  await waitFor(() => fs.existsSync(png) && fs.statSync(png).size > 0, timeoutMs, `screenshot ${name}`);
  return png;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

let keyRequests = 0;

/**
 * Presses keys (Playwright names: "Enter", "Escape", "Space") through the browser's keyboard, as a person does,
 * so keybindings apply (Enter accepts a visible suggestion). The launcher polls for the request file. Without
 * that launcher (@vscode/test-electron), Enter is emulated: accept a visible suggestion, else a new line.
 */
export async function pressKeys(keys: string[], timeoutMs = 10_000): Promise<void> {
  const dir = process.env.PYAI_SCREENSHOT_DIR;
  if (!dir) {
    for (const key of keys) {
      if (key !== 'Enter') throw new Error(`This launcher cannot press ${key}.`);
      const before = vscode.window.activeTextEditor?.document.version;
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      if (vscode.window.activeTextEditor?.document.version === before) await vscode.commands.executeCommand('type', { text: '\n' });
    }
    return;
  }
  const id = `keys-${process.pid}-${++keyRequests}`;
  const done = path.join(dir, `${id}.keysdone`);
  fs.writeFileSync(path.join(dir, `${id}.keys`), JSON.stringify(keys));
  await waitFor(() => fs.existsSync(done), timeoutMs, `key presses ${keys.join(' ')}`);
  fs.rmSync(done, { force: true });
}

/** Types `text` one character at a time with the `type` command, pausing like a person so quick suggestions open. */
export async function typeLikeAPerson(text: string, pauseMs = 40): Promise<void> {
  for (const ch of text) {
    await vscode.commands.executeCommand('type', { text: ch });
    await sleep(pauseMs);
  }
}

export interface DomElement {
  text: string;
  attrs: Record<string, string>;
}

/**
 * Reads the workbench's DOM (elements matching `selector`), after clicking the first one containing `click`
 * when given, as a person clicks it. `allFrames` also reads webviews (no click there). Only the code-server
 * launcher can; callers skip otherwise.
 */
export async function domQuery(selector: string, click?: string, timeoutMs = 15_000, allFrames = false): Promise<DomElement[]> {
  const dir = process.env.PYAI_SCREENSHOT_DIR;
  if (!dir) throw new Error('This launcher cannot read the workbench (PYAI_SCREENSHOT_DIR is not set).');
  const id = `dom-${process.pid}-${++keyRequests}`;
  const answer = path.join(dir, `${id}.domresult`);
  fs.writeFileSync(path.join(dir, `${id}.dom`), JSON.stringify({ selector, click, frames: allFrames }));
  await waitFor(() => fs.existsSync(answer), timeoutMs, `DOM ${selector}`);
  const result = JSON.parse(fs.readFileSync(answer, 'utf8')) as DomElement[] | { error: string };
  fs.rmSync(answer, { force: true });
  if (!Array.isArray(result)) throw new Error(`DOM ${selector}: ${result.error}`);
  return result;
}
