// The extension in VS Code with the display language zh-cn (run "locale-zh-cn" in runs.json: code-server
// --locale zh-cn, with the test language pack test/fixtures/language-pack-zh-cn installed so VS Code resolves
// the locale; see test/tools/language-packs.mjs). The contributed strings are read where a person sees them
// (the workbench's DOM, through the launcher) and compared with Chinese written here, not with
// package.nls.zh-cn.json, so a bundle VS Code does not load fails.
// Runtime messages (vscode.l10n.t, l10n/bundle.l10n.zh-cn.json) get their own describe block below.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, canScreenshot, closeAllEditors, domQuery, fixtureUri, screenshot, sleep, waitFor } from './helpers';
import { codeActions, openNewFile, ours, waitForRule } from './diagnosticsSupport';
import { environmentReport, roadmap } from './roadmapHelpers';

/** Waits until an element matching `selector` shows `text`; the error lists what the workbench showed instead. */
async function shown(selector: string, text: string, timeoutMs = 20_000, allFrames = false): Promise<string> {
  let seen: string[] = [];
  return waitFor(async () => {
    const found = await domQuery(selector, undefined, 15_000, allFrames).catch(() => []);
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
      // The step's page (media.markdown, a %key% naming media/walkthrough/zh-cn/…) renders in a webview.
      await shown('p', '机器学习库紧跟较新的 Python 版本', 20_000, true);
      await screenshot('walkthrough-zh-cn');
      await closeAllEditors();
    });
  });

  describe('runtime messages (l10n/bundle.l10n.zh-cn.json)', () => {
    // The editor's own sentences, read back through the commands a person runs (and one notification from the
    // workbench): a bundle VS Code does not load leaves them English and these fail.
    const scratch = fixtureUri('pitfalls/scratch_zhcn_runtime.py');
    /** The four sentences a step's tooltip states its state with. */
    const STEP_STATES = /(由你标记为已完成。|已在你的工作区中检测到。|由你标记为未完成（在你重新勾选之前，检测到的证据会被忽略）。|尚未完成。)/;

    after(async () => {
      await closeAllEditors();
      await vscode.workspace.fs.delete(scratch).then(undefined, () => undefined);
    });

    it('the status item counts the problems and names the minimum Python in Chinese', async () => {
      const document = await openNewFile(scratch, 'print "hello"\n');
      await vscode.window.showTextDocument(document);
      await waitForRule(document.uri, 'python2');
      const pending = vscode.commands.executeCommand<{ text: string; detail: string; picked?: string }>('pythonForAI.showStatusActions');
      await sleep(1000);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      const state = await pending;
      assert.equal(state.picked, undefined);
      assert.equal(state.text, '$(warning) Python for AI：1 个问题');
      assert.match(state.detail, / · 最低 Python 版本 3\.\d+$/);
    });

    it('titles the quick fixes the editor adds to a finding in Chinese', async () => {
      const [diagnostic] = await waitForRule(scratch, 'python2');
      const titles = (await codeActions(scratch, diagnostic.range, vscode.CodeActionKind.QuickFix.value)).map((a) => a.title);
      for (const expected of ['显示 python2 的文档', '禁用 python2', '在此行忽略 python2', '修复此文件中所有可安全修复的问题']) {
        assert.ok(titles.includes(expected), `${expected} among ${titles.join(' | ')}`);
      }
      assert.ok(!titles.some((t) => /^(Show documentation for|Disable|Ignore|Fix all) /.test(t)), titles.join(' | '));
    });

    it('states each roadmap step in its tooltip in Chinese', async () => {
      const steps = (await roadmap()).tree.filter((row) => row.id.startsWith('step:'));
      assert.ok(steps.length > 0, 'the roadmap has steps');
      for (const row of steps) {
        assert.match(row.tooltip, STEP_STATES, `${row.id}: ${row.tooltip}`);
        assert.doesNotMatch(row.tooltip, /Not done yet|Detected in your workspace|Marked (not )?done by you/, row.id);
        // What completes the step: the label and the evidence's explain (roadmap.zh-cn.yaml), both in Chinese.
        assert.match(row.tooltip, /完成条件：[^\n]*[\u4e00-\u9fff]/, `${row.id}: ${row.tooltip}`);
        assert.doesNotMatch(row.tooltip, /Completes when|of yours|the interpreter selected/, row.id);
      }
    });

    it('writes the Check Environment report in Chinese', async () => {
      const report = await environmentReport();
      assert.match(report.markdown, /^# Python for AI：环境检查\n/);
      assert.match(report.markdown, /\n## 解释器\n/);
      assert.doesNotMatch(report.markdown, /## Interpreter|## Core packages/);
    });

    it('shows a notification in Chinese', async () => {
      // No rule is off in the test workspace: Show Disabled Rules says so in a notification.
      assert.deepEqual(await vscode.commands.executeCommand('pythonForAI.showDisabledRules'), []);
      const message = await shown('.notifications-toasts .notification-list-item-message', '没有禁用任何规则');
      assert.match(message, /^Python for AI：没有禁用任何规则。/);
      await vscode.commands.executeCommand('notifications.clearAll');
    });
  });
});
