// Quick fixes in the real VS Code: every engine fix through `vscode.executeCodeActionProvider` +
// `workspace.applyEdit` gives the expected text (which still parses) and the diagnostic goes; ignore
// on this line; disable the rule; show documentation; `source.fixAll.pythonForAI`; fix-all on save.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, sleep, waitFor } from './helpers';
import { assertParses, codeActions, openNewFile, ours, setSetting, waitForNoRule, waitForRule } from './diagnosticsSupport';

interface FixCase {
  rule: string;
  before: string;
  title: RegExp;
  after: string;
  preferred: boolean;
}

const FIXES: FixCase[] = [
  { rule: 'python2', before: 'print "hello"\n', title: /print\(\)/, after: 'print("hello")\n', preferred: true },
  { rule: 'deprecated-api', before: 'import numpy as np\n\nx = np.float(3)\n', title: /float/, after: 'import numpy as np\n\nx = float(3)\n', preferred: true },
  {
    rule: 'boston-dataset',
    before: 'from sklearn.datasets import load_boston\n\nX, y = load_boston(return_X_y=True)\n',
    title: /California.*different dataset/,
    after: 'from sklearn.datasets import fetch_california_housing\n\nX, y = fetch_california_housing(return_X_y=True)\n',
    preferred: false, // changes behaviour: never the preferred fix
  },
  {
    rule: 'hardcoded-cuda',
    before: 'import torch\nmodel = torch.nn.Linear(2, 2)\nmodel = model.cuda()\n',
    title: /device once/,
    after: 'import torch\ndevice = torch.device("cuda" if torch.cuda.is_available() else "cpu")\nmodel = torch.nn.Linear(2, 2)\nmodel = model.to(device)\n',
    preferred: true,
  },
  {
    rule: 'loss-accumulation',
    before: 'import torch\ntotal = 0\nfor x, y in data:\n    loss = criterion(model(x), y)\n    loss.backward()\n    total += loss\n',
    title: /item\(\)/,
    after: 'import torch\ntotal = 0\nfor x, y in data:\n    loss = criterion(model(x), y)\n    loss.backward()\n    total += loss.item()\n',
    preferred: false,
  },
];

let counter = 0;
async function scratch(text: string, name = 'fix'): Promise<vscode.TextDocument> {
  const document = await openNewFile(fixtureUri(`pitfalls/scratch_${name}_${++counter}.py`), text);
  await vscode.window.showTextDocument(document);
  return document;
}

describe('pitfall quick fixes', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await closeAllEditors();
  });

  for (const c of FIXES) {
    it(`fixes ${c.rule}`, async () => {
      const document = await scratch(c.before, c.rule);
      const [d] = await waitForRule(document.uri, c.rule);
      const actions = await codeActions(document.uri, d.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => c.title.test(a.title));
      assert.ok(fix, `no fix matching ${c.title} among ${actions.map((a) => a.title).join(' | ')}`);
      assert.strictEqual(fix.kind?.value, 'quickfix');
      assert.strictEqual(Boolean(fix.isPreferred), c.preferred, 'isPreferred');
      assert.ok(fix.edit, 'the fix carries an edit');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.strictEqual(document.getText(), c.after);
      assertParses(document.getText());
      await waitForNoRule(document.uri, c.rule);
    });
  }

  it('offers the all-places hardcoded-cuda fix on every finding, not only the first (it is carried once)', async () => {
    const document = await scratch('import torch\na = a.cuda()\nb = b.cuda()\nc = c.to("cuda")\n', 'cuda-all');
    const found = await waitFor(() => (ours(document.uri, 'hardcoded-cuda').length === 3 ? ours(document.uri, 'hardcoded-cuda') : undefined), 20_000, 'three hardcoded-cuda diagnostics');
    const last = found.reduce((a, b) => (b.range.start.line > a.range.start.line ? b : a));
    const fix = (await codeActions(document.uri, last.range, vscode.CodeActionKind.QuickFix.value)).find((a) => /all 3 places/.test(a.title));
    assert.ok(fix?.edit, 'the last finding offers the all-places fix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    // As the message advises: the device is chosen once, below the imports, and used at each place.
    assert.strictEqual(document.getText(), 'import torch\ndevice = torch.device("cuda" if torch.cuda.is_available() else "cpu")\na = a.to(device)\nb = b.to(device)\nc = c.to(device)\n');
    assertParses(document.getText());
    await waitForNoRule(document.uri, 'hardcoded-cuda');
  });

  it('fixes python-version in pyproject.toml (unsafe: it changes which Pythons the project allows)', async () => {
    const uri = fixtureUri('pitfalls/scratch-pyproject/pyproject.toml');
    const document = await openNewFile(uri, '[project]\nname = "demo"\nrequires-python = ">=3.7,<3.10"\n');
    await vscode.window.showTextDocument(document);
    const [d] = await waitForRule(uri, 'python-version');
    const fix = (await codeActions(uri, d.range, vscode.CodeActionKind.QuickFix.value)).find((a) => /Require Python 3\.11/.test(a.title));
    assert.ok(fix?.edit);
    assert.strictEqual(Boolean(fix.isPreferred), false);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.lineAt(2).text, /^requires-python = ">=3\.11"$/);
    await waitForNoRule(uri, 'python-version');
  });

  it('offers ignore, documentation and disable for every rule, after the fixes', async () => {
    const document = await scratch('print "hello"\n');
    const [d] = await waitForRule(document.uri, 'python2');
    const titles = (await codeActions(document.uri, d.range)).map((a) => a.title);
    const expected = ['Ignore python2 on this line', 'Show documentation for python2', 'Disable python2'];
    for (const t of expected) assert.ok(titles.includes(t), `missing "${t}" in ${titles.join(' | ')}`);
    assert.ok(titles.indexOf("Convert to a 'print()' call") < titles.indexOf('Ignore python2 on this line'), 'fixes come first');
  });

  it('"Ignore <rule> on this line" adds the suppression comment and the diagnostic goes', async () => {
    const document = await scratch('total = 1\nprint "total", total\n');
    const [d] = await waitForRule(document.uri, 'python2');
    const ignore = (await codeActions(document.uri, d.range)).find((a) => a.title === 'Ignore python2 on this line');
    assert.ok(ignore?.edit);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.strictEqual(document.lineAt(1).text, 'print "total", total  # pyai: ignore[python2]');
    await waitForNoRule(document.uri, 'python2');
  });

  it('"Ignore <rule> on this line" works in a manifest too', async () => {
    const uri = fixtureUri('pitfalls/scratch-req/requirements.txt');
    const document = await openNewFile(uri, 'torch==2.3.1\ntensorflow==2.16.1\n');
    await vscode.window.showTextDocument(document);
    const [d] = await waitForRule(uri, 'too-many-frameworks');
    const ignore = (await codeActions(uri, d.range)).find((a) => a.title === 'Ignore too-many-frameworks on this line');
    assert.ok(ignore?.edit, 'no ignore action in requirements.txt');
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.match(document.lineAt(d.range.start.line).text, /# pyai: ignore\[too-many-frameworks\]$/);
    await waitForNoRule(uri, 'too-many-frameworks');
  });

  it('"Disable <rule>" turns the rule off in the workspace settings', async () => {
    const document = await scratch('print "off"\n');
    const [d] = await waitForRule(document.uri, 'python2');
    const disable = (await codeActions(document.uri, d.range)).find((a) => a.title === 'Disable python2');
    assert.ok(disable?.command);
    try {
      await vscode.commands.executeCommand(disable.command.command, ...(disable.command.arguments ?? []));
      const rules = vscode.workspace.getConfiguration('pythonForAI').inspect<Record<string, string>>('rules');
      assert.strictEqual(rules?.workspaceValue?.python2, 'off');
      await waitForNoRule(document.uri, 'python2');
    } finally {
      await setSetting('rules', undefined);
    }
    await waitForRule(document.uri, 'python2');
  });

  it('"Show documentation for <rule>" opens the shipped page in the markdown preview', async () => {
    const document = await scratch('print "docs"\n');
    const [d] = await waitForRule(document.uri, 'python2');
    const docs = (await codeActions(document.uri, d.range)).find((a) => a.title === 'Show documentation for python2');
    assert.ok(docs?.command);
    assert.deepStrictEqual(docs.command.arguments, ['python2']);
    const opened = await vscode.commands.executeCommand<boolean>(docs.command.command, ...(docs.command.arguments ?? []));
    assert.strictEqual(opened, true);
    await waitFor(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && /python2/.test(t.label)),
      10_000,
      'a markdown preview tab for python2.md',
    );
  });

  it('"Show Rule Documentation" from the palette asks for the rule in a quick pick', async () => {
    const shown = vscode.commands.executeCommand<boolean>('pythonForAI.showRuleDocumentation');
    await sleep(1000);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // the first rule
    assert.strictEqual(await shown, true);
    await waitFor(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && /boston-dataset/.test(t.label)),
      10_000,
      'a markdown preview tab for boston-dataset.md',
    );
  });

  it('honours context.only: no quick fixes when only source actions are asked for', async () => {
    const document = await scratch('print "only"\n');
    const [d] = await waitForRule(document.uri, 'python2');
    const actions = await codeActions(document.uri, d.range, vscode.CodeActionKind.Refactor.value);
    assert.deepStrictEqual(actions.filter((a) => a.kind?.value === 'quickfix').map((a) => a.title), []);
  });

  it('source.fixAll.pythonForAI applies the safe fixes only', async () => {
    const text = 'import numpy as np\nfrom sklearn.datasets import load_boston\n\nx = np.float(3)\nprint "x", x\nX, y = load_boston(return_X_y=True)\n';
    const document = await scratch(text);
    await waitForRule(document.uri, 'python2');
    const all = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await codeActions(document.uri, all, 'source.fixAll.pythonForAI');
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.pythonForAI');
    assert.ok(fixAll?.edit, `no fix-all action among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.strictEqual(
      document.getText(),
      'import numpy as np\nfrom sklearn.datasets import load_boston\n\nx = float(3)\nprint("x", x)\nX, y = load_boston(return_X_y=True)\n',
    );
    assertParses(document.getText());
    await waitForNoRule(document.uri, 'python2');
    await waitForNoRule(document.uri, 'deprecated-api');
    assert.ok(ours(document.uri, 'boston-dataset').length > 0, 'the unsafe boston fix must not be applied');
  });

  it('pythonForAI.fixAllOnSave applies safe fixes when the file is saved', async () => {
    const document = await scratch('import numpy as np\n\nx = 1\n');
    await setSetting('fixAllOnSave', true);
    try {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(3, 0), 'y = np.int(2)\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(await document.save());
      assert.strictEqual(document.getText(), 'import numpy as np\n\nx = 1\ny = int(2)\n');
      assert.strictEqual(document.isDirty, false);
    } finally {
      await setSetting('fixAllOnSave', undefined);
    }
  });

  it('offers "Initialize Git repository" on missing-git-repo', async () => {
    const host = await waitFor(
      () => vscode.languages.getDiagnostics().find(([, list]) => list.some((d) => d.code && typeof d.code === 'object' && d.code.value === 'missing-git-repo')),
      20_000,
      'a missing-git-repo diagnostic anywhere',
    );
    const [uri, list] = host;
    const d = list.find((x) => typeof x.code === 'object' && x.code.value === 'missing-git-repo')!;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const init = (await codeActions(uri, d.range)).find((a) => a.title === 'Initialize Git repository');
    assert.ok(init?.command);
    assert.strictEqual(init.command.command, 'pythonForAI.initGitRepository');
    assert.strictEqual(init.disabled, undefined);
  });
});
