// Rule messages and quick fix titles in the display language zh-cn (run "locale-zh-cn"): the core's
// English templates reach the editor through l10n/bundle.l10n.zh-cn.json. The expected Chinese is
// written here, not read from the bundle, so a bundle VS Code does not load, or a template the editor
// does not translate, fails. Code (names, calls) stays as written, quoted as everywhere in the editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri } from './helpers';
import { codeActions, waitForRule } from './diagnosticsSupport';
import { MAIN_STEPS, NEXT_STEPS, roadmap } from './roadmapHelpers';

async function open(path: string): Promise<vscode.Uri> {
  const uri = fixtureUri(path);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  return uri;
}

describe('rule messages and the roadmap in zh-cn', () => {
  before(async () => {
    assert.equal(vscode.env.language, 'zh-cn', 'this file runs in the locale-zh-cn run only');
    await activateExtension();
  });

  after(closeAllEditors);

  it('shows a rule message in Chinese, with the code in it as written', async () => {
    const uri = await open('pitfalls/boston.py');
    const [d] = await waitForRule(uri, 'boston-dataset');
    assert.match(d.message, /^'load_boston' 已在 scikit-learn 1\.2 中移除（1\.0 中弃用）：波士顿房价数据包含一个种族主义假设/);
    assert.ok(d.message.includes("请使用 'fetch_california_housing()'"), d.message);
    const titles = (await codeActions(uri, d.range, vscode.CodeActionKind.QuickFix.value)).map((a) => a.title);
    assert.ok(titles.includes("改用加州房价数据集（'fetch_california_housing'；会改变行为：这是另一个数据集，特征和目标都不同）"), titles.join(' | '));
  });

  it('translates a sentence inside a message and a fix title with an argument', async () => {
    const uri = await open('pitfalls/legacy.py');
    const found = await waitForRule(uri, 'python2');
    const print = found.find((d) => d.message.startsWith("把 'print' 当作语句是 Python 2 的语法"));
    assert.ok(print, found.map((d) => d.message).join('\n'));
    assert.ok(print.message.endsWith("请调用它：'print(…)'（Python 2 已于 2020-01-01 结束生命周期）。"), print.message);
    const titles = (await codeActions(uri, print.range, vscode.CodeActionKind.QuickFix.value)).map((a) => a.title);
    assert.ok(titles.includes("转换为 'print()' 调用"), titles.join(' | '));
  });

  it('shows the built-in roadmap in Chinese, with the same steps and ids', async () => {
    const r = await roadmap();
    assert.equal(r.title, 'Python for AI 学习路线图');
    assert.equal(r.nextTitle, '接下来学什么');
    assert.deepEqual(r.tree.map((t) => t.id), [...MAIN_STEPS.map((id) => `step:${id}`), 'branch:next', ...NEXT_STEPS.map((id) => `step:${id}`)]);
    const row = (id: string) => r.tree.find((t) => t.id === id)!;
    assert.match(row('step:install-python').label, /安装 Python 3\.11 或更高版本/);
    assert.match(row('step:sklearn-california').label, /在加州房价数据上训练第一个 scikit-learn 模型/);
    assert.match(row('branch:next').label, /接下来学什么/);
    assert.equal(r.steps.find((s) => s.id === 'python-basics')!.subtasks.length, 5);
  });
});
