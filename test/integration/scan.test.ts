// "Scan Workspace for Pitfalls": files never opened get diagnostics (notebooks on the right line of their
// JSON), `pythonForAI.exclude`, `files.exclude`, .gitignore and the CLI's default excludes are honoured,
// results stay after an editor closes.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, sleep } from './helpers';
import { ours, setSetting } from './diagnosticsSupport';

interface ScanSummary {
  files: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
}

describe('pitfall workspace scan', () => {
  let summary: ScanSummary;

  before(async () => {
    await activateExtension();
    await setSetting('exclude', ['**/scan/excluded/**']);
    await vscode.workspace.getConfiguration('files').update('exclude', { '**/scan/hidden': true }, vscode.ConfigurationTarget.Workspace);
    await sleep(300);
    summary = await vscode.commands.executeCommand<ScanSummary>('pythonForAI.scanWorkspace');
  });

  after(async () => {
    await setSetting('exclude', undefined);
    await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  it('returns a summary of findings and files', () => {
    assert.ok(summary, 'the command returned nothing');
    assert.strictEqual(summary.cancelled, false);
    assert.ok(summary.files >= 10, `only ${summary.files} files checked`);
    assert.ok(summary.filesWithFindings >= 8, `only ${summary.filesWithFindings} files with findings`);
    assert.ok(summary.findings >= summary.filesWithFindings);
  });

  it('reports files that were never opened', () => {
    const uri = fixtureUri('pitfalls/scan/old_print.py');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file should not be open');
    const found = ours(uri, 'python2');
    assert.strictEqual(found.length, 1);
    assert.strictEqual(found[0].range.start.line, 1);
  });

  it('reports a closed notebook\'s findings on the matching line of its JSON, naming the cell', async () => {
    const uri = fixtureUri('pitfalls/scan/notebook.ipynb');
    const [d] = ours(uri, 'python2');
    assert.ok(d, `no python2 diagnostic on the notebook file: ${JSON.stringify(ours(uri).map((x) => x.message))}`);
    assert.match(d.message, /^Cell 2: /);
    const json = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).split('\n');
    assert.match(json[d.range.start.line], /print \\"nb\\", y/);
    assert.strictEqual(json[d.range.start.line].slice(d.range.start.character, d.range.start.character + 5), 'print');
  });

  it('skips files matching pythonForAI.exclude and files.exclude', () => {
    assert.deepStrictEqual(ours(fixtureUri('pitfalls/scan/excluded/ignored.py')), []);
    assert.deepStrictEqual(ours(fixtureUri('pitfalls/scan/hidden/hidden.py')), []);
  });

  it('skips a file its folder\'s .gitignore ignores and a file in build/ (the CLI\'s default excludes), as pyai-lint does', () => {
    // Both hold a Python 2 print that the scan reports anywhere else (old_print.py above).
    assert.deepStrictEqual(ours(fixtureUri('pitfalls/scan/generated_old.py')), []);
    assert.deepStrictEqual(ours(fixtureUri('pitfalls/scan/build/built.py')), []);
  });

  it('keeps a scanned file\'s diagnostics after its editor closes', async () => {
    const uri = fixtureUri('pitfalls/scan/old_print.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await closeAllEditors();
    await sleep(800);
    assert.strictEqual(ours(uri, 'python2').length, 1);
  });
});
