// Runs the pure engine on what VS Code holds (text documents, notebooks, files on disk) and turns its
// findings into diagnostics. Everything here is synchronous and never throws for bad input.
import * as vscode from 'vscode';
import { ruleMeta } from '../../core/analysis/catalogue';
import { plainText } from '../../core/analysis/plainText';
import { render, type Msg } from '../../core/l10n/text';
import { isManifest, isYamlFileName } from '../../core/analysis/manifests';
import { isCondaEnvironment } from '../../core/manifests/conda';
import { parseNotebook } from '../../core/analysis/notebook';
import { analyzeCells as analyzeCellsJob, analyzeText as analyzeTextJob, type JobResult } from '../../core/analysis/documentJob';
import type { AnalysisOptions, Finding, NotebookCell, Severity } from '../../core/analysis/types';

export const SOURCE = 'Python for AI';
/** Larger documents are skipped: a generated or data file, not code a learner writes. */
export const MAX_TEXT_LENGTH = 5 * 1024 * 1024;
export const CELL_SCHEME = 'vscode-notebook-cell';
/** Schemes whose documents are the user's own text; `git:`, `output:`, diff sides and the like are not checked. */
const CHECKED_SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote', CELL_SCHEME]);

export type DocumentKind = 'python' | 'manifest' | 'python+manifest' | 'notebook-cell';

/** A diagnostic and the finding it came from (fixes, rule), as the code actions need them. */
export interface Entry {
  finding: Finding;
  diagnostic: vscode.Diagnostic;
}

export function baseName(uri: vscode.Uri): string {
  const path = uri.path;
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isPythonFileName(name: string): boolean {
  return /\.pyw?$/i.test(name);
}

/** What the pitfall checks make of a document, or `undefined` when they leave it alone. */
export function kindOf(document: vscode.TextDocument): DocumentKind | undefined {
  const scheme = document.uri.scheme;
  if (!CHECKED_SCHEMES.has(scheme)) return undefined;
  if (scheme === CELL_SCHEME) return document.languageId === 'python' ? 'notebook-cell' : undefined;
  const name = baseName(document.uri);
  // A conda environment under any name (`gpu_env.yml`) is one by its content.
  const manifest = scheme !== 'untitled' && (isManifest(name) || (isYamlFileName(name) && isCondaEnvironment(document.getText())));
  const python = document.languageId === 'python' || isPythonFileName(name);
  if (python && manifest) return 'python+manifest'; // setup.py: code, and python_requires
  if (python) return 'python';
  return manifest ? 'manifest' : undefined;
}

const SEVERITIES: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toRange(range: Finding['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** The rule page shipped inside the extension: opens offline from the diagnostic's code link. */
export function ruleDocUri(extensionUri: vscode.Uri, rule: Finding['rule']): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, ...ruleMeta(rule).docsPath.split('/'));
}

const translate = (template: string, args: Array<string | number>): string => vscode.l10n.t(template, ...args);

/**
 * A message or fix title of the core as the editor shows it: in the display language (the core's
 * template through the l10n bundle; English needs no lookup) and as plain text.
 */
export function displayText(english: string, l10n: Msg | undefined): string {
  return plainText(l10n !== undefined && vscode.l10n.bundle !== undefined ? render(l10n, translate) : english);
}

export function toEntry(finding: Finding, extensionUri: vscode.Uri, range = toRange(finding.range)): Entry {
  const diagnostic = new vscode.Diagnostic(range, displayText(finding.message, finding.l10n), SEVERITIES[finding.severity]);
  diagnostic.source = SOURCE;
  diagnostic.code = { value: finding.rule, target: ruleDocUri(extensionUri, finding.rule) };
  if (finding.deprecated) diagnostic.tags = [vscode.DiagnosticTag.Deprecated];
  return { finding, diagnostic };
}

export interface TextAnalysis {
  findings: Finding[];
  /** Why the file could not be checked (malformed TOML/YAML, not a notebook): one line for the output channel. */
  problem?: string;
}

/** A result of the engine (in the host or the analysis worker) with its problem in the user's words. */
export function described(result: JobResult): TextAnalysis {
  const p = result.problem;
  if (!p) return { findings: result.findings };
  return {
    findings: result.findings,
    problem: 'failed' in p ? checkFailed(p.failed) : vscode.l10n.t('{0} (line {1}, column {2})', p.error.message, p.error.line, p.error.column),
  };
}

// The same functions run in the analysis worker (core/analysis/documentJob), so both paths agree.
/** Findings of a Python file or manifest text; `name` is the file's base name. */
export function analyzeText(kind: Exclude<DocumentKind, 'notebook-cell'>, name: string, text: string, options: AnalysisOptions): TextAnalysis {
  return described(analyzeTextJob(kind, name, text, options));
}

/** The engine's view of an open notebook: every cell, code cells in another language as raw. */
export function notebookCells(notebook: vscode.NotebookDocument): NotebookCell[] {
  return notebook.getCells().map((cell) => ({
    kind: cell.kind === vscode.NotebookCellKind.Markup ? 'markdown' : cell.document.languageId === 'python' ? 'code' : 'raw',
    source: cell.document.getText(),
  }));
}

export function analyzeCells(cells: NotebookCell[], options: AnalysisOptions): TextAnalysis {
  return described(analyzeCellsJob(cells, options));
}

/** Findings of an `.ipynb` file's JSON text (a notebook not open as a notebook). */
export function analyzeNotebookText(text: string, options: AnalysisOptions): TextAnalysis & { cells?: NotebookCell[] } {
  try {
    const parsed = parseNotebook(text);
    if ('error' in parsed) return { findings: [], problem: parsed.error };
    return { ...analyzeCells(parsed.cells, options), cells: parsed.cells };
  } catch (e) {
    return { findings: [], problem: checkFailed(e) };
  }
}

function checkFailed(e: unknown): string {
  return vscode.l10n.t('the check failed: {0}', e instanceof Error ? e.message : String(e));
}

/** The notebook an open cell document belongs to. */
export function notebookOfCell(cellDocument: vscode.TextDocument): vscode.NotebookDocument | undefined {
  const key = cellDocument.uri.toString();
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document.uri.toString() === key));
}
