// The environment service in the real VS Code, without the Python extension: the interpreter from
// PATH, its packages, a broken python.defaultInterpreterPath, and the Check Environment report.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, waitFor } from './helpers';
import { environmentReport, roadmap, step, writeWorkspaceSettings } from './roadmapHelpers';

describe('environment', () => {
  before(async () => {
    await activateExtension();
  });

  after(async () => {
    writeWorkspaceSettings({ 'python.defaultInterpreterPath': undefined });
    await closeAllEditors();
  });

  it('finds python3 on PATH without the Python extension, with its version and packages', async () => {
    assert.equal(vscode.extensions.getExtension('ms-python.python'), undefined, 'this test expects no Python extension');
    const report = await environmentReport();
    assert.equal(report.pythonExtension, false);
    assert.equal(report.interpreter?.source, 'path');
    assert.equal(report.interpreter?.error, undefined);
    assert.match(report.interpreter?.version ?? '', /^3\.\d+\.\d+/);
    assert.equal(report.packages.error, undefined);
    assert.ok(Object.keys(report.packages.packages).length > 0, 'no packages listed (pip itself is one)');
    assert.equal(report.git, 'none');
    assert.match(report.markdown, /## Core packages/);
    for (const name of ['numpy', 'pandas', 'matplotlib', 'scikit-learn', 'torch']) {
      assert.ok(name in report.present || report.missing.includes(name), name);
      assert.ok(report.markdown.includes(`| ${name} |`), `report lists ${name}`);
    }
  });

  it('the environment step is detected from the interpreter version', async () => {
    const r = await waitFor(async () => {
      const x = await roadmap();
      return step(x, 'install-python').state === 'detected' ? x : undefined;
    }, 15_000, 'install-python detected');
    assert.match(step(r, 'install-python').detected[0], /^Python 3\.\d+\.\d+ \(python3\)$/);
  });

  it('reports a broken python.defaultInterpreterPath clearly, in the report and on the environment step', async () => {
    writeWorkspaceSettings({ 'python.defaultInterpreterPath': '/nonexistent/bin/python3' });
    const report = await waitFor(async () => {
      const x = await environmentReport();
      return x.interpreter?.source === 'setting' ? x : undefined;
    }, 15_000, 'the setting to be read');
    assert.equal(report.interpreter?.path, '/nonexistent/bin/python3');
    assert.equal(report.interpreter?.error, 'The interpreter /nonexistent/bin/python3 (from the python.defaultInterpreterPath setting) does not exist.');
    assert.match(report.packages.error ?? '', /does not exist/);
    assert.match(report.markdown, /\*\*Problem:\*\* The interpreter \/nonexistent\/bin\/python3/);
    const r = await roadmap();
    const env = step(r, 'install-python');
    assert.equal(env.state, 'open');
    assert.match(env.notes[0], /^Interpreter problem: The interpreter \/nonexistent\/bin\/python3 .* does not exist\.$/);

    assert.equal(await vscode.commands.executeCommand('pythonForAI.installCoreLibraries'), false, 'no install with a broken interpreter');
  });

  it('an interpreter that exits with an error is reported, not thrown', async () => {
    writeWorkspaceSettings({ 'python.defaultInterpreterPath': '/bin/false' });
    const report = await waitFor(async () => {
      const x = await environmentReport();
      return x.interpreter?.path === '/bin/false' ? x : undefined;
    }, 15_000, 'the setting to be read');
    assert.match(report.interpreter?.error ?? '', /^The interpreter \/bin\/false \(from the python\.defaultInterpreterPath setting\) does not work: \/bin\/false exited with code 1/);
    writeWorkspaceSettings({ 'python.defaultInterpreterPath': undefined });
    await waitFor(async () => (await environmentReport()).interpreter?.source === 'path', 15_000, 'back to PATH');
  });

  it('opens the report as a markdown preview', async () => {
    await vscode.commands.executeCommand('pythonForAI.checkEnvironment');
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => /environment-report/.test(t.label)), 10_000, 'report preview tab');
    await closeAllEditors();
  });
});
