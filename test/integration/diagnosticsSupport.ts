// Helpers shared by the pitfall integration tests (diagnostics, code actions, notebooks, scan, git).
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { waitFor } from './helpers';

export const SOURCE = 'Python for AI';

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

/** This extension's diagnostics on `uri`, optionally of one rule. */
export function ours(uri: vscode.Uri, rule?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && (!rule || ruleOf(d) === rule));
}

export async function waitForRule(uri: vscode.Uri, rule: string, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const found = ours(uri, rule);
    return found.length ? found : undefined;
  }, timeoutMs, `a ${rule} diagnostic on ${uri.path}`);
}

export async function waitForNoRule(uri: vscode.Uri, rule: string, timeoutMs = 15_000): Promise<void> {
  await waitFor(() => ours(uri, rule).length === 0, timeoutMs, `no ${rule} diagnostic on ${uri.path}`);
}

/** The text a diagnostic underlines. */
export function underlined(document: vscode.TextDocument, d: vscode.Diagnostic): string {
  return document.getText(d.range);
}

/** Asserts the code link of a diagnostic points at the rule page shipped in the extension. */
export function assertCodeLink(d: vscode.Diagnostic, rule: string): void {
  assert.strictEqual(d.source, SOURCE);
  assert.ok(typeof d.code === 'object', 'code should carry a target');
  const code = d.code as { value: string; target: vscode.Uri };
  assert.strictEqual(code.value, rule);
  assert.ok(code.target.path.endsWith(`/media/rules/${rule}.md`), `target ${code.target.toString()}`);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('pythonForAI').update(key, value, vscode.ConfigurationTarget.Workspace);
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

/** Applies the quick fix whose title matches `title` at `range` (it must be there and carry an edit). */
export async function applyQuickFix(uri: vscode.Uri, range: vscode.Range, title: RegExp): Promise<vscode.CodeAction> {
  const actions = await codeActions(uri, range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => title.test(a.title));
  assert.ok(fix?.edit, `no fix matching ${title} among ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  return fix;
}

/** Writes a new file into the test workspace and opens it. */
export async function openNewFile(uri: vscode.Uri, text: string): Promise<vscode.TextDocument> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.workspace.openTextDocument(uri);
}

/** Fails unless CPython parses `text` (the fixed file is still a program). */
export function assertParses(text: string): void {
  try {
    execFileSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: text, stdio: ['pipe', 'ignore', 'pipe'], timeout: 10_000 });
  } catch (e) {
    assert.fail(`the fixed text does not parse: ${String((e as { stderr?: Buffer }).stderr ?? e)}\n${text}`);
  }
}
