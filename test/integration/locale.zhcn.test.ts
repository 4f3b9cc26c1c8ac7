// The extension in VS Code with the display language zh-cn (run "locale-zh-cn" in runs.json: code-server
// --locale zh-cn, with the test language pack test/fixtures/language-pack-zh-cn installed so VS Code resolves
// the locale; see test/tools/language-packs.mjs). The contributed strings are read where a person sees them
// (the workbench's DOM, through the launcher) and compared with Chinese written here, not with
// package.nls.zh-cn.json, so a bundle VS Code does not load fails.
// Runtime messages (vscode.l10n.t, l10n/bundle.l10n.zh-cn.json) get their own describe block below.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, canScreenshot, closeAllEditors, domQuery, fixtureUri, screenshot, waitFor } from './helpers';
import { ours, waitForRule } from './diagnosticsSupport';

/** Waits until an element matching `selector` shows `text`; the error lists what the workbench showed instead. */
async function shown(selector: string, text: string, timeoutMs = 20_000): Promise<string> {
  let seen: string[] = [];
  return waitFor(async () => {
    const found = await domQuery(selector).catch(() => []);
    seen = found.map((e) => e.text || e.attrs['aria-label'] || '');
    return seen.find((t) => t.includes(text));
  }, timeoutMs, `"${text}" in ${selector}`).catch((e: Error) => {
    throw new Error(`${e.message}; shown: ${JSON.stringify(seen.slice(0, 15))}`);
  });
}

describe('display language zh-cn', () => {
  before(async function () {
    if (!canScreenshot()) this.skip(); // reading the workbench needs the code-server launcher
    await activateExtension();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeAllEditors();
  });

  it('runs with vscode.env.language zh-cn', () => {
    assert.equal(vscode.env.language, 'zh-cn');
  });

  it('activates and reports a pitfall in a Python file', async () => {
    const uri = fixtureUri('pitfalls/boston.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)!.isActive);
    const found = await waitForRule(uri, 'boston-dataset');
    assert.equal(found[0].range.start.line, 1);
    assert.equal(ours(uri).filter((d) => !d.message.trim()).length, 0, 'a diagnostic with an empty message');
  });

  describe('manifest strings (package.nls.zh-cn.json)', () => {
    it('shows the roadmap view under its Chinese name', async () => {
      await vscode.commands.executeCommand('pythonForAI.roadmap.focus');
      await shown('.part.sidebar .pane-header .title, .part.sidebar .composite.title .title-label', '路线图');
    });

    it('lists the commands in the command palette with Chinese titles, found by Chinese or English words', async () => {
      // VS Code keeps the English title as the command's alias, so both searches find the Chinese row.
      await vscode.commands.executeCommand('workbench.action.quickOpen', '>Python for AI: Scan Workspace');
      const row = await shown('.quick-input-widget .monaco-list-row', '扫描工作区中的常见陷阱');
      assert.match(row, /^Python for AI: /, 'the category stays the product name');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await vscode.commands.executeCommand('workbench.action.quickOpen', '>显示路线图');
      await shown('.quick-input-widget .monaco-list-row', 'Python for AI: 显示路线图');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    });

    it('describes the settings in Chinese in the Settings editor', async () => {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'pythonForAI.debounceMs');
      await shown('.settings-editor .setting-item-description', '最后一次按键后等待多少毫秒');
      await closeAllEditors();
    });

    it('shows the walkthrough and its steps in Chinese', async () => {
      await vscode.commands.executeCommand('pythonForAI.openWalkthrough', 'install-python');
      await shown('.gettingStartedContainer h2, .gettingStartedContainer .category-title', 'Python for AI 入门');
      await shown('.gettingStartedContainer .step-title', '安装 Python 3.11 或更高版本');
      await screenshot('walkthrough-zh-cn');
      await closeAllEditors();
    });
  });

  describe('runtime messages (l10n/bundle.l10n.zh-cn.json)', () => {
    // Assertions on vscode.l10n.t messages (diagnostics, notifications, quick fixes, tree) go here.
  });
});
