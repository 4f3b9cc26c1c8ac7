// Quick fixes for pitfall diagnostics (the engine's fixes, ignore on this line, show documentation,
// disable the rule, initialize git), `source.fixAll.pythonForAI`, and `pythonForAI.fixAllOnSave`.
import * as vscode from 'vscode';
import { isRuleId } from '../core/analysis/catalogue';
import { manifestKind, type ManifestKind } from '../core/analysis/manifests';
import { sharedFixEdits } from '../core/analysis/edits';
import { ignoreLineEdit } from '../core/analysis/suppressions';
import { isInterpreterFinding } from '../core/workspace/interpreter';
import type { Finding, RuleId, TextEdit } from '../core/analysis/types';
import { DISABLE_RULE_COMMAND } from './diagnostics';
import { PYTHON_EXTENSION_ID } from './environment';
import { SOURCE, analyzeCells, analyzeText, baseName, displayText, kindOf, notebookCells, notebookOfCell, toRange, type Entry } from './pitfalls/analyze';
import type { PitfallDiagnostics } from './pitfalls/controller';
import { restrictedMessage } from './pitfalls/git';
import { PROJECT_DOCUMENT_SCHEME, folderOfProjectDocument } from './pitfalls/projectDocument';
import { pitfallDiagnostics } from './pitfalls/shared';
import type { Services } from './services';

/** Manifest formats where a `#` comment can end a line, so `# pyai: ignore[rule]` silences a finding there. */
const COMMENTED_MANIFESTS = new Set<ManifestKind | undefined>(['requirements', 'pyproject', 'setup.cfg', 'setup.py', 'Pipfile', 'conda']);

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('pythonForAI');
export const FIX_ALL_IN_FILE_COMMAND = 'pythonForAI.fixAllInFile';
const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }, { scheme: 'vscode-vfs' }, { scheme: PROJECT_DOCUMENT_SCHEME }];

export function registerCodeActions(services: Services): void {
  const diagnostics = pitfallDiagnostics(services);
  services.context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(SELECTOR, new PitfallQuickFixes(diagnostics), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new PitfallFixAll(diagnostics), {
      providedCodeActionKinds: [FIX_ALL_KIND],
    }),
    vscode.commands.registerCommand(FIX_ALL_IN_FILE_COMMAND, (uri?: unknown) => fixAllInFile(diagnostics, uri)),
    vscode.workspace.onWillSaveTextDocument((event) => {
      // Saves after a delay (auto save while typing) are left alone: edits appearing mid-typing surprise.
      if (event.reason === vscode.TextDocumentSaveReason.AfterDelay) return;
      if (!diagnostics.settingsFor(event.document.uri).fixAllOnSave) return;
      const edits = safeFixEdits(diagnostics, event.document);
      if (edits.length) event.waitUntil(Promise.resolve(edits));
    }),
    vscode.workspace.onWillSaveNotebookDocument((event) => {
      if (event.reason === vscode.TextDocumentSaveReason.AfterDelay) return;
      if (!diagnostics.settingsFor(event.notebook.uri).fixAllOnSave) return;
      const edit = notebookSafeFixEdit(diagnostics, event.notebook);
      if (edit) event.waitUntil(Promise.resolve(edit));
    }),
  );
}

function ruleOf(diagnostic: vscode.Diagnostic): RuleId | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return typeof code === 'string' && isRuleId(code) ? code : undefined;
}

/** The document's entries, brought up to date first (a pending debounced check runs now) when older than its text. */
function currentEntries(diagnostics: PitfallDiagnostics, document: vscode.TextDocument): Entry[] {
  if (kindOf(document) && diagnostics.versionOf(document.uri) !== document.version) diagnostics.flush(document);
  return diagnostics.entriesFor(document.uri);
}

/** A fix's edits as a workspace edit: notebook edits that name a cell go to that cell's document. */
function workspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const notebook = document.uri.scheme === 'vscode-notebook-cell' ? notebookOfCell(document) : undefined;
  for (const e of edits) {
    const target = e.cell !== undefined && notebook && e.cell < notebook.cellCount ? notebook.cellAt(e.cell).document.uri : document.uri;
    edit.replace(target, toRange(e.range), e.newText);
  }
  return edit;
}

class PitfallQuickFixes implements vscode.CodeActionProvider {
  constructor(private readonly diagnostics: PitfallDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return [];
    const ours = context.diagnostics.filter((d) => ruleOf(d));
    if (ours.length === 0) return [];
    const entries = currentEntries(this.diagnostics, document);
    const kind = kindOf(document);
    const canComment = kind === 'python' || kind === 'python+manifest' || kind === 'notebook-cell'
      || (kind === 'manifest' && COMMENTED_MANIFESTS.has(manifestKind(baseName(document.uri))));
    const fixes: vscode.CodeAction[] = [];
    const extras: vscode.CodeAction[] = [];
    const rulesDone = new Set<RuleId>();
    const sharedDone = new Set<string>();
    for (const diagnostic of ours) {
      const rule = ruleOf(diagnostic)!;
      const entry = entries.find((e) => e.finding.rule === rule && e.diagnostic.range.isEqual(diagnostic.range))
        ?? entries.find((e) => e.finding.rule === rule && e.diagnostic.range.intersection(range));
      if (entry) fixes.push(...this.engineFixes(document, entry.finding, diagnostic, sharedDone));
      if (rule === 'missing-git-repo') fixes.push(initGitAction(document, diagnostic));
      // About the project, not this line: a line comment would silence nothing, so none is offered.
      const aboutInterpreter = entry !== undefined && isInterpreterFinding(entry.finding);
      if (aboutInterpreter) fixes.push(...interpreterActions(diagnostic));
      if (canComment && rule !== 'missing-git-repo' && !aboutInterpreter) {
        const ignore = this.ignoreAction(document, rule, diagnostic);
        if (ignore) extras.push(ignore);
      }
      if (rulesDone.has(rule)) continue;
      rulesDone.add(rule);
      const docs = new vscode.CodeAction(vscode.l10n.t('Show documentation for {0}', rule), vscode.CodeActionKind.QuickFix);
      docs.command = { command: 'pythonForAI.showRuleDocumentation', title: docs.title, arguments: [rule] };
      const disable = new vscode.CodeAction(vscode.l10n.t('Disable {0}', rule), vscode.CodeActionKind.QuickFix);
      disable.command = { command: DISABLE_RULE_COMMAND, title: disable.title, arguments: [rule, document.uri] };
      extras.push(docs, disable);
    }
    // Like ESLint's "Fix all auto-fixable problems": the safe fixes of the whole file (or notebook) at once.
    if (entries.some((e) => e.finding.fixes.some((f) => f.safe))) {
      const all = new vscode.CodeAction(vscode.l10n.t('Fix all safe problems in this file'), vscode.CodeActionKind.QuickFix);
      all.command = { command: FIX_ALL_IN_FILE_COMMAND, title: all.title, arguments: [document.uri] };
      fixes.push(all);
    }
    return [...fixes, ...extras];
  }

  private engineFixes(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic, sharedDone: Set<string>): vscode.CodeAction[] {
    const preferred = finding.fixes.find((f) => f.safe);
    const actions: vscode.CodeAction[] = [];
    for (const fix of finding.fixes) {
      // A shared fix (every place at once) is offered once, with the edits its first finding carries.
      if (fix.shared !== undefined && sharedDone.has(fix.shared)) continue;
      const edits = fix.edits.length > 0 || fix.shared === undefined ? fix.edits : sharedFixEdits(this.findingsAround(document), fix);
      if (edits.length === 0) continue;
      if (fix.shared !== undefined) sharedDone.add(fix.shared);
      const action = new vscode.CodeAction(displayText(fix.title, fix.l10n), vscode.CodeActionKind.QuickFix);
      action.edit = workspaceEdit(document, edits);
      action.diagnostics = [diagnostic];
      action.isPreferred = fix === preferred;
      actions.push(action);
    }
    return actions;
  }

  /** The findings a shared fix may live on: the document's, or every cell's of its notebook. */
  private findingsAround(document: vscode.TextDocument): Finding[] {
    const notebook = document.uri.scheme === 'vscode-notebook-cell' ? notebookOfCell(document) : undefined;
    const documents = notebook ? notebook.getCells().map((c) => c.document) : [document];
    return documents.flatMap((d) => this.diagnostics.entriesFor(d.uri).map((e) => e.finding));
  }

  private ignoreAction(document: vscode.TextDocument, rule: RuleId, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    const edit = ignoreLineEdit(document.getText(), diagnostic.range.start.line, rule);
    if (!edit) return undefined;
    const action = new vscode.CodeAction(vscode.l10n.t('Ignore {0} on this line', rule), vscode.CodeActionKind.QuickFix);
    action.edit = workspaceEdit(document, [{ range: edit.range, newText: edit.newText }]);
    action.diagnostics = [diagnostic];
    return action;
  }
}

function initGitAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(vscode.l10n.t('Initialize Git repository'), vscode.CodeActionKind.QuickFix);
  const folder = folderOfProjectDocument(document.uri) ?? vscode.workspace.getWorkspaceFolder(document.uri)?.uri;
  action.command = { command: 'pythonForAI.initGitRepository', title: action.title, arguments: [folder ?? document.uri] };
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  if (!vscode.workspace.isTrusted) action.disabled = { reason: restrictedMessage() };
  return action;
}

/** Edits grouped by target: a notebook cell's index, or `undefined` for the document itself. */
type EditsByTarget = Map<number | undefined, vscode.TextEdit[]>;

function conflicts(a: vscode.Range, b: vscode.Range): boolean {
  if (a.isEmpty && b.isEmpty) return a.start.isEqual(b.start);
  return a.start.isBefore(b.end) && b.start.isBefore(a.end);
}

/**
 * The first safe fix of every finding, whole fixes only: a fix is taken with all its edits or not at
 * all, and not when one of its edits overlaps an edit already taken (an identical edit is shared).
 */
function pickSafeFixes(findings: readonly Finding[], isTarget: (target: number | undefined) => boolean): EditsByTarget {
  const picked: EditsByTarget = new Map();
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.safe);
    if (!fix || fix.edits.length === 0) continue;
    const edits = fix.edits.map((e) => ({ target: e.cell ?? finding.cell, edit: new vscode.TextEdit(toRange(e.range), e.newText) }));
    if (!edits.every((e) => isTarget(e.target))) continue;
    const fresh: typeof edits = [];
    let clash = false;
    for (const e of edits) {
      const taken = picked.get(e.target) ?? [];
      if (taken.some((t) => t.range.isEqual(e.edit.range) && t.newText === e.edit.newText)) continue;
      if (taken.some((t) => conflicts(t.range, e.edit.range)) || fresh.some((f) => f.target === e.target && conflicts(f.edit.range, e.edit.range))) {
        clash = true;
        break;
      }
      fresh.push(e);
    }
    if (clash) continue;
    for (const e of fresh) picked.set(e.target, [...(picked.get(e.target) ?? []), e.edit]);
  }
  return picked;
}

/** The safe fixes of a document (or of one notebook cell), as edits to that document only. */
function safeFixEdits(diagnostics: PitfallDiagnostics, document: vscode.TextDocument): vscode.TextEdit[] {
  const kind = kindOf(document);
  if (!kind || diagnostics.isExcluded(document.uri)) return [];
  const options = diagnostics.optionsFor(document.uri);
  if (kind === 'notebook-cell') {
    const notebook = notebookOfCell(document);
    const ownCell = notebook?.getCells().find((c) => c.document === document)?.index;
    if (!notebook || ownCell === undefined) return [];
    const findings = analyzeCells(notebookCells(notebook), options).findings.filter((f) => f.cell === ownCell);
    return pickSafeFixes(findings, (target) => target === ownCell).get(ownCell) ?? [];
  }
  const findings = analyzeText(kind, baseName(document.uri), document.getText(), options).findings;
  return pickSafeFixes(findings, (target) => target === undefined).get(undefined) ?? [];
}

/** The safe fixes of a whole notebook (fixes may edit several cells), as one workspace edit. */
function notebookSafeFixEdit(diagnostics: PitfallDiagnostics, notebook: vscode.NotebookDocument): vscode.WorkspaceEdit | undefined {
  if (diagnostics.isExcluded(notebook.uri)) return undefined;
  const findings = analyzeCells(notebookCells(notebook), diagnostics.optionsFor(notebook.uri)).findings;
  const picked = pickSafeFixes(findings, (target) => target !== undefined && target < notebook.cellCount);
  if (picked.size === 0) return undefined;
  const edit = new vscode.WorkspaceEdit();
  for (const [cell, edits] of picked) edit.set(notebook.cellAt(cell!).document.uri, edits);
  return edit;
}

class PitfallFixAll implements vscode.CodeActionProvider {
  constructor(private readonly diagnostics: PitfallDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!context.only?.contains(FIX_ALL_KIND)) return [];
    const edits = safeFixEdits(this.diagnostics, document);
    if (edits.length === 0) return [];
    const action = new vscode.CodeAction(vscode.l10n.t('Fix all safe Python for AI problems'), FIX_ALL_KIND);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.set(document.uri, edits);
    return [action];
  }
}

/**
 * "Fix all safe problems in this file": the safe fixes of a document, or of the whole notebook a cell
 * belongs to, applied as one edit (one undo). Resolves to the number of edits applied.
 */
async function fixAllInFile(diagnostics: PitfallDiagnostics, arg?: unknown): Promise<number> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri ?? vscode.window.activeNotebookEditor?.notebook.uri;
  const key = uri?.toString();
  const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === key || n.getCells().some((c) => c.document.uri.toString() === key));
  const document = notebook ? undefined : vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  let edit: vscode.WorkspaceEdit | undefined;
  if (notebook) edit = notebookSafeFixEdit(diagnostics, notebook);
  else if (document) {
    const edits = safeFixEdits(diagnostics, document);
    if (edits.length) {
      edit = new vscode.WorkspaceEdit();
      edit.set(document.uri, edits);
    }
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Python file or notebook to fix its problems.'));
    return 0;
  }
  const count = edit ? edit.entries().reduce((n, [, edits]) => n + edits.length, 0) : 0;
  if (!edit || count === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Python for AI: no safe fixes in this file. Fixes that change behaviour are offered one by one (Ctrl+.).'));
    return 0;
  }
  await vscode.workspace.applyEdit(edit);
  return count;
}

/** The fixes for "the selected interpreter is too old": select another one, or change the minimum. */
function interpreterActions(diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
  const select = new vscode.CodeAction(vscode.l10n.t('Select another Python interpreter'), vscode.CodeActionKind.QuickFix);
  select.diagnostics = [diagnostic];
  select.isPreferred = true;
  select.command = vscode.extensions.getExtension(PYTHON_EXTENSION_ID)
    ? { command: 'python.setInterpreter', title: select.title }
    : { command: 'workbench.action.openSettings', title: select.title, arguments: ['python.defaultInterpreterPath'] };
  const minimum = new vscode.CodeAction(vscode.l10n.t('Change the minimum Python version ({0})', 'pythonForAI.minimumPythonVersion'), vscode.CodeActionKind.QuickFix);
  minimum.diagnostics = [diagnostic];
  minimum.command = { command: 'workbench.action.openSettings', title: minimum.title, arguments: ['pythonForAI.minimumPythonVersion'] };
  return [select, minimum];
}
