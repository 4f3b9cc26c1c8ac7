// Pitfall diagnostics in the real VS Code: each rule on its fixture (code, link, range, severity, tags),
// typing a pitfall in and out, settings (severity, off, exclude), closing a document.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri, sleep, waitFor } from './helpers';
import { assertCodeLink, openNewFile, ours, setSetting, underlined, waitForNoRule, waitForRule } from './diagnosticsSupport';

interface Expectation {
  file: string;
  rule: string;
  line: number;
  /** The underlined text: the offending token, not the whole line. */
  text: RegExp;
  severity: vscode.DiagnosticSeverity;
  deprecated?: boolean;
}

const { Error: E, Warning: W, Information: I } = vscode.DiagnosticSeverity;

const EXPECTED: Expectation[] = [
  { file: 'pitfalls/legacy.py', rule: 'python2', line: 1, text: /^print/, severity: E },
  { file: 'pitfalls/boston.py', rule: 'boston-dataset', line: 1, text: /^load_boston$/, severity: E, deprecated: true },
  { file: 'pitfalls/boston.py', rule: 'boston-dataset', line: 3, text: /load_boston/, severity: E, deprecated: true },
  { file: 'pitfalls/deprecated_numpy.py', rule: 'deprecated-api', line: 2, text: /^(np\.)?float$/, severity: E, deprecated: true },
  { file: 'pitfalls/frameworks.py', rule: 'too-many-frameworks', line: 1, text: /tensorflow/, severity: W },
  { file: 'pitfalls/cuda.py', rule: 'hardcoded-cuda', line: 3, text: /cuda/, severity: W },
  { file: 'pitfalls/loss_loop.py', rule: 'loss-accumulation', line: 13, text: /loss/, severity: W },
  { file: 'pitfalls/unchecked.py', rule: 'unchecked-data', line: 4, text: /fit|df/, severity: I },
  { file: 'pitfalls/requirements.txt', rule: 'too-many-frameworks', line: 2, text: /tensorflow/, severity: W },
  { file: 'pitfalls/pyproject.toml', rule: 'python-version', line: 3, text: /^<3\.10$/, severity: W },
];

describe('pitfall diagnostics', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await closeAllEditors();
  });

  for (const e of EXPECTED) {
    it(`${e.rule} in ${e.file} line ${e.line + 1}`, async () => {
      const document = await vscode.workspace.openTextDocument(fixtureUri(e.file));
      await vscode.window.showTextDocument(document);
      const found = await waitForRule(document.uri, e.rule);
      const onLine = found.filter((d) => d.range.start.line === e.line);
      assert.strictEqual(onLine.length, 1, `expected one ${e.rule} on line ${e.line + 1}, got lines ${found.map((d) => d.range.start.line + 1)}`);
      const d = onLine[0];
      assertCodeLink(d, e.rule);
      assert.match(underlined(document, d), e.text);
      assert.strictEqual(d.severity, e.severity);
      assert.strictEqual(d.tags?.includes(vscode.DiagnosticTag.Deprecated) ?? false, e.deprecated ?? false, 'Deprecated tag');
      assert.ok(d.message.length > 20, 'a message that explains');
    });
  }

  it('reports nothing for pitfalls mentioned in strings and comments', async () => {
    const legacy = await vscode.workspace.openTextDocument(fixtureUri('pitfalls/legacy.py'));
    const clean = await vscode.workspace.openTextDocument(fixtureUri('pitfalls/clean.py'));
    await vscode.window.showTextDocument(clean, { preview: false });
    await vscode.window.showTextDocument(legacy, { preview: false });
    await waitForRule(legacy.uri, 'python2');
    await sleep(300);
    assert.deepStrictEqual(ours(clean.uri).map((d) => d.code), []);
  });

  it('shows a pitfall typed into a document and removes it when deleted', async () => {
    const document = await openNewFile(fixtureUri('pitfalls/typing.py'), 'values = [1, 2]\n');
    await vscode.window.showTextDocument(document);
    await sleep(300);
    assert.strictEqual(ours(document.uri).length, 0);
    const insert = new vscode.WorkspaceEdit();
    insert.insert(document.uri, new vscode.Position(1, 0), 'print "typed"\n');
    assert.ok(await vscode.workspace.applyEdit(insert));
    const [d] = await waitForRule(document.uri, 'python2');
    assert.strictEqual(d.range.start.line, 1);
    const remove = new vscode.WorkspaceEdit();
    remove.delete(document.uri, new vscode.Range(1, 0, 2, 0));
    assert.ok(await vscode.workspace.applyEdit(remove));
    await waitForNoRule(document.uri, 'python2');
  });

  it('waits for the debounce while typing, and never shows a stale result', async () => {
    const document = await openNewFile(fixtureUri('pitfalls/debounce.py'), 'x = 1\n');
    await vscode.window.showTextDocument(document);
    await setSetting('debounceMs', 600);
    try {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(1, 0), 'print "a"\n');
      await vscode.workspace.applyEdit(edit);
      await sleep(250);
      assert.strictEqual(ours(document.uri, 'python2').length, 0, 'checked before the debounce ran out');
      // A second edit inside the debounce window removes the pitfall: the first result must never show.
      const undo = new vscode.WorkspaceEdit();
      undo.delete(document.uri, new vscode.Range(1, 0, 2, 0));
      await vscode.workspace.applyEdit(undo);
      await sleep(1000);
      assert.strictEqual(ours(document.uri, 'python2').length, 0, 'a stale result was shown');
    } finally {
      await setSetting('debounceMs', undefined);
    }
  });

  it('follows pythonForAI.rules: another severity, then off', async () => {
    const uri = fixtureUri('pitfalls/legacy.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitForRule(uri, 'python2');
    try {
      await setSetting('rules', { python2: 'warning' });
      await waitFor(() => ours(uri, 'python2')[0]?.severity === vscode.DiagnosticSeverity.Warning, 10_000, 'python2 as a warning');
      await setSetting('rules', { python2: 'off' });
      await waitForNoRule(uri, 'python2');
    } finally {
      await setSetting('rules', undefined);
    }
    await waitForRule(uri, 'python2');
  });

  it('leaves files matching pythonForAI.exclude alone', async () => {
    const uri = fixtureUri('pitfalls/legacy.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitForRule(uri, 'python2');
    try {
      await setSetting('exclude', ['**/pitfalls/legacy.py']);
      await waitForNoRule(uri, 'python2');
    } finally {
      await setSetting('exclude', undefined);
    }
    await waitForRule(uri, 'python2');
  });

  it('skips a document over the 5 MB limit without blocking the others', async () => {
    const big = 'print "too big to check"\n' + '# padding line to make a generated-looking file\n'.repeat(120_000);
    const document = await openNewFile(fixtureUri('pitfalls/huge_generated.py'), big);
    await vscode.window.showTextDocument(document);
    const small = await openNewFile(fixtureUri('pitfalls/after_huge.py'), 'print "small"\n');
    await waitForRule(small.uri, 'python2');
    await sleep(300);
    assert.ok(document.getText().length > 5 * 1024 * 1024);
    assert.deepStrictEqual(ours(document.uri), []);
  });

  it('clears a document\'s diagnostics when its last tab closes, and shows them again when it reopens', async () => {
    const document = await openNewFile(fixtureUri('pitfalls/closing.py'), 'print "bye"\n');
    await vscode.window.showTextDocument(document);
    await waitForRule(document.uri, 'python2');
    await closeAllEditors();
    await waitForNoRule(document.uri, 'python2', 30_000);
    // A settings change re-checks open documents, not ones whose tab is gone.
    await setSetting('debounceMs', 100);
    await setSetting('debounceMs', undefined);
    await sleep(500);
    assert.deepStrictEqual(ours(document.uri), []);
    await vscode.window.showTextDocument(document);
    await waitForRule(document.uri, 'python2');
  });
});
