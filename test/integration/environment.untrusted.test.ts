// Restricted Mode: nothing runs the interpreter or pip; the roadmap still works from file contents.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './helpers';
import { environmentReport, roadmap, step } from './roadmapHelpers';

describe('environment and roadmap in Restricted Mode', () => {
  before(async () => {
    await activateExtension();
  });

  it('does not run the interpreter and says why', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const report = await environmentReport();
    assert.match(report.interpreter?.error ?? '', /^Not checked in Restricted Mode/);
    assert.match(report.packages.error ?? '', /^Not checked in Restricted Mode/);
    assert.equal(await vscode.commands.executeCommand('pythonForAI.installCoreLibraries'), false);
  });

  it('still detects steps from file contents', async () => {
    const r = await waitFor(async () => {
      const x = await roadmap();
      return step(x, 'numpy-pandas').state === 'detected' ? x : undefined;
    }, 20_000, 'numpy-pandas detected');
    assert.equal(step(r, 'install-python').state, 'open');
    assert.match(step(r, 'install-python').notes[0], /Restricted Mode/);
  });
});
