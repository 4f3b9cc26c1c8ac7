// The roadmap view in the real VS Code: the steps from the YAML, progress that persists in
// globalState, evidence from the workspace, a user roadmap file, starter files and snippets.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, canScreenshot, closeAllEditors, screenshot, waitFor, workspaceRoot } from './helpers';
import { MAIN_STEPS, NEXT_STEPS, roadmap, step } from './roadmapHelpers';

describe('roadmap view', () => {
  before(async () => {
    await activateExtension();
    await vscode.commands.executeCommand('pythonForAI.resetProgress', { confirmed: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('pythonForAI.resetProgress', { confirmed: true });
    await vscode.workspace.getConfiguration('pythonForAI').update('roadmap.file', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  it('shows the seven steps and the "What comes next" branch from the YAML', async () => {
    const s = (await vscode.commands.executeCommand('pythonForAI.showRoadmap')) as Awaited<ReturnType<typeof roadmap>>;
    assert.ok(s, 'showRoadmap returns the model');
    const r = await roadmap();
    assert.deepEqual(r.steps.filter((x) => x.branch === 'main').map((x) => x.id), MAIN_STEPS);
    assert.deepEqual(r.steps.filter((x) => x.branch === 'next').map((x) => x.id), NEXT_STEPS);
    assert.equal(r.nextTitle, 'What comes next');
    assert.equal(r.total, 7);
    assert.equal(step(r, 'numpy-pandas').subtasks.length, 4);
  });

  it('detects a script that reads a CSV and plots, and ignores California Housing in comments and strings', async () => {
    const r = await waitFor(async () => {
      const x = await roadmap();
      return step(x, 'numpy-pandas').state === 'detected' ? x : undefined;
    }, 20_000, 'numpy-pandas detected');
    assert.ok(step(r, 'numpy-pandas').detected.some((d) => d.includes('roadmap/explore_weather.py')), step(r, 'numpy-pandas').detected.join('; '));
    assert.ok(!(r.evidence.files['sklearn-california'] ?? []).some((f) => f.includes('near_miss_california')), 'near miss counted');
    assert.equal(r.contextKeys['pythonForAI.step.numpy-pandas.done'], true);
    assert.equal(r.evidence.git, false);
  });

  it('marking a step done is stored in globalState and read back; reset clears it', async () => {
    await vscode.commands.executeCommand('pythonForAI.markStepDone', 'pytorch-mnist');
    await vscode.commands.executeCommand('pythonForAI.markStepDone', 'pytorch-mnist/2');
    // refreshRoadmap re-reads the stored value from globalState (migration included), as a reload does.
    let r = await roadmap();
    assert.equal(step(r, 'pytorch-mnist').state, 'done');
    assert.equal(r.progress.version, 1);
    assert.equal(r.progress.entries['pytorch-mnist'].done, true);
    assert.ok(step(r, 'pytorch-mnist').subtasks.find((t) => t.id === 'pytorch-mnist/2')!.done);
    assert.equal(r.contextKeys['pythonForAI.hasProgress'], true);
    assert.equal(r.contextKeys['pythonForAI.step.pytorch-mnist.done'], true);
    const doneBefore = r.doneCount;
    assert.ok(doneBefore >= 2, `doneCount ${doneBefore}`);

    assert.equal(await vscode.commands.executeCommand('pythonForAI.resetProgress', { confirmed: true }), true);
    r = await roadmap();
    assert.deepEqual(r.progress.entries, {});
    assert.equal(step(r, 'pytorch-mnist').state, 'open');
    assert.equal(r.doneCount, doneBefore - 1);
    assert.equal(r.contextKeys['pythonForAI.hasProgress'], false);
  });

  it('a detected step the user unchecks stays unchecked', async () => {
    await vscode.commands.executeCommand('pythonForAI.markStepNotDone', 'numpy-pandas');
    let r = await roadmap();
    assert.equal(step(r, 'numpy-pandas').state, 'notDone');
    assert.equal(step(r, 'numpy-pandas').done, false);
    assert.ok(step(r, 'numpy-pandas').detected.length > 0, 'evidence still known');
    assert.equal(r.contextKeys['pythonForAI.step.numpy-pandas.done'], false);
    await vscode.commands.executeCommand('pythonForAI.resetProgress', { confirmed: true });
    r = await roadmap();
    assert.equal(step(r, 'numpy-pandas').state, 'detected');
  });

  it('a malformed user roadmap gives an error with line and column, and the built-in roadmap still shows', async () => {
    await vscode.workspace.getConfiguration('pythonForAI').update('roadmap.file', 'roadmap/broken-roadmap.yaml', vscode.ConfigurationTarget.Workspace);
    const r = await waitFor(async () => {
      const x = await roadmap();
      return x.userRoadmapErrors.length ? x : undefined;
    }, 10_000, 'roadmap error');
    assert.match(r.userRoadmapErrors[0], /^roadmap\/broken-roadmap\.yaml:6:15: Unknown file detector "no-such-detector"/);
    assert.deepEqual(r.steps.filter((x) => x.branch === 'main').map((x) => x.id), MAIN_STEPS);
  });

  it('a valid user roadmap extends the built-in one', async () => {
    await vscode.workspace.getConfiguration('pythonForAI').update('roadmap.file', 'roadmap/course-roadmap.yaml', vscode.ConfigurationTarget.Workspace);
    const r = await waitFor(async () => {
      const x = await roadmap();
      return x.steps.some((s) => s.id === 'course-week-1') ? x : undefined;
    }, 10_000, 'course step');
    assert.deepEqual(r.userRoadmapErrors, []);
    assert.deepEqual(r.steps.filter((x) => x.branch === 'main').map((x) => x.id), [...MAIN_STEPS, 'course-week-1']);
    assert.equal(r.total, 8);

    const created = (await vscode.commands.executeCommand('pythonForAI.createStarterFile', 'course-week-1')) as vscode.Uri;
    assert.equal(fs.readFileSync(created.fsPath, 'utf8'), 'print("week 1")\n');
    await vscode.workspace.getConfiguration('pythonForAI').update('roadmap.file', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(async () => !(await roadmap()).steps.some((s) => s.id === 'course-week-1'), 10_000, 'built-in roadmap back');
  });

  it('creates a starter file and never overwrites an existing one', async () => {
    const first = (await vscode.commands.executeCommand('pythonForAI.createStarterFile', 'sklearn-california')) as vscode.Uri;
    assert.match(first.path, /\/california_housing\.py$/);
    const starter = fs.readFileSync(first.fsPath, 'utf8');
    const template = fs.readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'media', 'starters', 'california_housing.py'), 'utf8');
    assert.equal(starter, template);
    fs.writeFileSync(first.fsPath, '# my own work\n');
    const second = (await vscode.commands.executeCommand('pythonForAI.createStarterFile', 'sklearn-california')) as vscode.Uri;
    assert.match(second.path, /\/california_housing_2\.py$/);
    assert.equal(fs.readFileSync(first.fsPath, 'utf8'), '# my own work\n', 'existing file overwritten');
    assert.equal(fs.readFileSync(second.fsPath, 'utf8'), starter);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), second.toString());
    // The starter as created is not the learner's work: the step stays open and says why.
    const created = await waitFor(async () => {
      const x = await roadmap();
      return (x.evidence.unchangedStarters?.['sklearn-california'] ?? []).some((f) => f.endsWith('california_housing_2.py')) ? x : undefined;
    }, 20_000, 'the starter seen as unchanged');
    assert.equal(step(created, 'sklearn-california').state, 'open');
    assert.ok(step(created, 'sklearn-california').notes.some((n) => n.includes('california_housing_2.py is the starter file as created')), step(created, 'sklearn-california').notes.join('; '));
    // The learner changes the model, typing as a person does, and saves: now it is their work.
    const editor = vscode.window.activeTextEditor!;
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('model = LinearRegression()'));
    const end = editor.document.lineAt(line).text.length;
    editor.selection = new vscode.Selection(line, end, line, end);
    // Enter, then the new line (VS Code indents it as the function body).
    await vscode.commands.executeCommand('type', { text: '\n' });
    await vscode.commands.executeCommand('type', { text: 'model.fit(x_train.iloc[:1000], y_train.iloc[:1000])  # a smaller sample first' });
    await editor.document.save();
    const r = await waitFor(async () => {
      const x = await roadmap();
      return step(x, 'sklearn-california').state === 'detected' ? x : undefined;
    }, 20_000, 'sklearn-california detected from the changed starter');
    assert.ok(step(r, 'sklearn-california').detected[0].includes('california_housing_2.py'), step(r, 'sklearn-california').detected[0]);
    await closeAllEditors();
    fs.rmSync(first.fsPath);
    fs.rmSync(second.fsPath);
  });

  it('inserts a snippet of a step into the editor', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
    await vscode.window.showTextDocument(doc);
    const inserted = await vscode.commands.executeCommand('pythonForAI.insertStepSnippet', 'pytorch-mnist', ';torch+mnist');
    assert.equal(inserted, true);
    await waitFor(() => doc.getText().includes('MNIST'), 5_000, 'snippet text');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('renders steps with checkboxes, a distinct detected state, and contextValues the menus match', async () => {
    const r = await roadmap();
    assert.deepEqual(r.tree.map((t) => t.id), [...MAIN_STEPS.map((id) => `step:${id}`), 'branch:next', ...NEXT_STEPS.map((id) => `step:${id}`)]);
    const row = (id: string) => r.tree.find((t) => t.id === `step:${id}`)!;
    assert.equal(row('numpy-pandas').checked, true);
    assert.match(row('numpy-pandas').description, /^detected: reads a CSV file, summarises it and plots it/);
    assert.equal(row('pytorch-mnist').checked, false);
    assert.equal(r.tree.find((t) => t.id === 'branch:next')!.children, 4);

    const menus = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus['view/item/context'] as { command: string; when: string; group: string }[]);
    const inlineFor = (contextValue: string) =>
      menus
        .filter((m) => m.group.startsWith('inline'))
        .filter((m) => {
          const re = /viewItem =~ \/(.+)\/$/.exec(m.when);
          return re !== null && new RegExp(re[1]).test(contextValue);
        })
        .map((m) => m.command)
        // Pitfalls depend on which fixture files the diagnostics have seen; the pitfalls test covers them.
        .filter((c) => c !== 'pythonForAI.showStepPitfalls');
    assert.deepEqual(inlineFor(row('numpy-pandas').contextValue), ['pythonForAI.openStepDocs', 'pythonForAI.createStarterFile', 'pythonForAI.insertStepSnippet']);
    assert.deepEqual(inlineFor(row('install-python').contextValue), ['pythonForAI.openStepDocs', 'pythonForAI.checkEnvironment', 'pythonForAI.installCoreLibraries']);
    const context = (contextValue: string) => menus.filter((m) => /^1_progress/.test(m.group) && new RegExp(/viewItem =~ \/(.+)\/$/.exec(m.when)![1]).test(contextValue)).map((m) => m.command);
    assert.deepEqual(context(row('numpy-pandas').contextValue), ['pythonForAI.markStepNotDone']);
    assert.deepEqual(context(row('pytorch-mnist').contextValue), ['pythonForAI.markStepDone']);
  });

  it('links a step to the pitfalls of its rules and lists them', async () => {
    const boston = vscode.Uri.joinPath(workspaceRoot(), 'roadmap', 'boston_pitfall.py');
    fs.writeFileSync(boston.fsPath, 'from sklearn.datasets import load_boston\n\ndata = load_boston()\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(boston));
    await waitFor(() => vscode.languages.getDiagnostics(boston).some((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'boston-dataset'), 20_000, 'a boston-dataset diagnostic');
    const r = await waitFor(async () => {
      const x = await roadmap();
      return step(x, 'sklearn-california').pitfalls > 0 ? x : undefined;
    }, 10_000, 'pitfalls on the California step');
    assert.match(r.tree.find((t) => t.id === 'step:sklearn-california')!.contextValue, /\.hasPitfalls\b/);
    assert.match(r.tree.find((t) => t.id === 'step:sklearn-california')!.description, /⚠ \d+ pitfalls?/);
    // The command shows a quick pick of the locations; close it and read what it listed.
    const listed = vscode.commands.executeCommand('pythonForAI.showStepPitfalls', 'sklearn-california') as Thenable<{ uri: vscode.Uri; rule: string }[]>;
    await new Promise((res) => setTimeout(res, 500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const found = await listed;
    assert.ok(found.some((f) => f.rule === 'boston-dataset' && f.uri.toString() === boston.toString()), JSON.stringify(found.map((f) => f.rule)));
    await closeAllEditors();
    fs.rmSync(boston.fsPath);
  });

  it('refreshes by itself when a file changes (watcher, debounced), without a refresh command', async () => {
    const before = (await vscode.commands.executeCommand('pythonForAI.showRoadmap')) as Awaited<ReturnType<typeof roadmap>>;
    assert.equal(step(before, 'pytorch-mnist').state, 'open');
    const file = vscode.Uri.joinPath(workspaceRoot(), 'roadmap', 'digits.py');
    fs.writeFileSync(file.fsPath, [
      'import torch',
      'from torchvision import datasets',
      '',
      'train = datasets.MNIST("data", train=True, download=True)',
      'for x, y in torch.utils.data.DataLoader(train, batch_size=64):',
      '    optimizer.zero_grad()',
      '    loss = torch.nn.functional.cross_entropy(model(x), y)',
      '    loss.backward()',
      '    optimizer.step()',
      '',
    ].join('\n'));
    // showRoadmap only reads the current model: the change must arrive through the file watcher.
    const after = await waitFor(async () => {
      const x = (await vscode.commands.executeCommand('pythonForAI.showRoadmap')) as Awaited<ReturnType<typeof roadmap>>;
      return step(x, 'pytorch-mnist').state === 'detected' ? x : undefined;
    }, 20_000, 'pytorch-mnist detected after the file was written');
    assert.deepEqual(after.evidence.files['torch-mnist'], ['roadmap/digits.py']);
    fs.rmSync(file.fsPath);
    await waitFor(async () => {
      const x = (await vscode.commands.executeCommand('pythonForAI.showRoadmap')) as Awaited<ReturnType<typeof roadmap>>;
      return step(x, 'pytorch-mnist').state === 'open';
    }, 20_000, 'pytorch-mnist open again after the file was deleted');
  });

  it('shows the view with progress (screenshot)', async function () {
    if (!canScreenshot()) this.skip();
    await vscode.commands.executeCommand('pythonForAI.markStepDone', 'install-python');
    await vscode.commands.executeCommand('pythonForAI.showRoadmap');
    await roadmap();
    const png = await screenshot('roadmap-view');
    assert.ok(fs.statSync(png).size > 10_000);
  });
});
