// Runs on the sample project (test/sample-project) that `npm start` opens: checks that each classic
// mistake in it is reported, and photographs the real workbench for the README
// (test-output/screenshots/screenshots/readme-*.png; `npm run screenshots` copies them to media/screenshots/).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, canScreenshot, closeAllEditors, fixtureUri, screenshot, sleep, waitFor } from './helpers';

function pyaiDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Python for AI');
}

function ruleOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** The sample folder's project checks page (where folder-wide findings such as missing-git-repo are shown). */
const PROJECT_PAGE = '(project checks)';

async function openAt(relativePath: string, rule: string): Promise<vscode.TextEditor> {
  const uri = relativePath === PROJECT_PAGE
    ? await waitFor(() => vscode.languages.getDiagnostics().map(([u]) => u).find((u) => u.scheme === 'pythonforai-project'), 20_000, 'the project checks page')
    : fixtureUri(relativePath);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const diagnostic = await waitFor(() => pyaiDiagnostics(uri).find((d) => ruleOf(d) === rule), 20_000, `${rule} in ${relativePath}`);
  editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
  editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenter);
  return editor;
}

async function shoot(name: string): Promise<void> {
  // Toasts (such as "works without the Python extension") would hide part of the picture.
  await vscode.commands.executeCommand('notifications.clearAll');
  if (canScreenshot()) await screenshot(name);
}

describe('sample project (README screenshots)', function () {
  this.timeout(120_000);

  before(async () => {
    await activateExtension();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('hideSuggestWidget');
    await vscode.commands.executeCommand('editor.action.hideHover');
    await closeAllEditors();
  });

  const cases: [string, string, string][] = [
    ['housing.py', 'boston-dataset', 'readme-boston-dataset'],
    ['housing.py', 'deprecated-api', 'readme-deprecated-api'],
    ['mnist.py', 'loss-accumulation', 'readme-loss-accumulation'],
    ['mnist.py', 'hardcoded-cuda', 'readme-hardcoded-cuda'],
    ['mnist.py', 'too-many-frameworks', 'readme-too-many-frameworks'],
    ['legacy.py', 'python2', 'readme-python2'],
    ['scores.py', 'unchecked-data', 'readme-unchecked-data'],
    ['requirements.txt', 'too-many-frameworks', 'readme-manifest-frameworks'],
    ['.python-version', 'python-version', 'readme-python-version'],
    [PROJECT_PAGE, 'missing-git-repo', 'readme-missing-git-repo'],
  ];
  for (const [file, rule, shot] of cases) {
    it(`reports ${rule} in ${file} and offers quick fixes`, async () => {
      const editor = await openAt(file, rule);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(editor.selection.active, editor.selection.active));
      const ours = actions.filter((a) => a.diagnostics?.some((d) => ruleOf(d) === rule) || a.title.includes(rule));
      assert.ok(ours.length > 0, `no code action for ${rule}`);
      await vscode.commands.executeCommand('editor.action.quickFix');
      await sleep(800);
      await shoot(`${shot}-fix`);
      await vscode.commands.executeCommand('hideCodeActionWidget');
      await vscode.commands.executeCommand('editor.action.showHover');
      await sleep(800);
      await shoot(shot);
    });
  }

  it('shows findings in notebook cells', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(fixtureUri('explore.ipynb'));
    await vscode.window.showNotebookDocument(notebook);
    const nanCell = notebook.cellAt(2).document.uri;
    await waitFor(() => pyaiDiagnostics(nanCell).some((d) => ruleOf(d) === 'deprecated-api'), 20_000, 'np.NaN in cell 3');
    const markdown = notebook.cellAt(0).document.uri;
    assert.deepStrictEqual(pyaiDiagnostics(markdown), [], 'a markdown cell must never get findings');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await sleep(800);
    await shoot('readme-notebook');
  });

  it('shows the roadmap view', async () => {
    await vscode.commands.executeCommand('pythonForAI.roadmap.focus');
    // Wide enough for the step titles and the progress ("0 of 7") next to the view's title.
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.increaseViewSize');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixtureUri('housing.py')));
    await sleep(1500);
    await shoot('readme-roadmap');
  });

  it('opens the walkthrough', async () => {
    await vscode.commands.executeCommand('pythonForAI.openWalkthrough');
    await sleep(2500);
    await shoot('readme-walkthrough');
  });

  it('shows the roadmap and the walkthrough side by side, in step', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('pythonForAI.roadmap.focus');
    await vscode.commands.executeCommand('pythonForAI.openWalkthrough');
    await sleep(2500);
    await shoot('readme-first-hour');
  });

  it('shows the language status item\'s state and actions', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixtureUri('mnist.py')));
    await waitFor(() => pyaiDiagnostics(fixtureUri('mnist.py')).length > 0, 20_000, 'findings in mnist.py');
    const shown = vscode.commands.executeCommand<{ detail: string }>('pythonForAI.showStatusActions');
    await sleep(1500);
    await shoot('readme-status-item');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.match((await shown).detail, /minimum Python/);
  });

  it('shows the environment report', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('pythonForAI.checkEnvironment');
    await sleep(3000);
    await shoot('readme-environment');
  });
});
