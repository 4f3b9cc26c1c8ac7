// Runs the Python rules over a scanned program and turns their offset findings into public
// Findings: severity from options, suppression comments honoured, ranges per line (and cell).
import { Program } from '../python/program';
import { skimFinds, type SkimQuery } from '../python/skim';
import type { Scan } from '../python/scanner';
import { severityOf } from './catalogue';
import { msg, render } from '../l10n/text';
import { lineStarts } from './edits';
import { fixTitle } from './fixTitle';
import { bostonDatasetRule } from './rules/bostonDataset';
import { deprecatedApiRule } from './rules/deprecatedApi';
import { evalModeMissingRule } from './rules/evalModeMissing';
import { hardcodedCudaRule } from './rules/hardcodedCuda';
import { lossAccumulationRule } from './rules/lossAccumulation';
import { missingZeroGradRule } from './rules/missingZeroGrad';
import { python2Rule } from './rules/python2';
import type { OffsetEdit, OffsetFinding, OffsetFix, PythonRule } from './rules/rule';
import { softmaxBeforeCrossEntropyRule } from './rules/softmaxBeforeCrossEntropy';
import { testDataLeakageRule } from './rules/testDataLeakage';
import { tooManyFrameworksRule } from './rules/tooManyFrameworks';
import { trainModeNotRestoredRule } from './rules/trainModeNotRestored';
import { uncheckedDataRule } from './rules/uncheckedData';
import { commentLine, isSuppressed, readSuppressions } from './suppressions';
import type { AnalysisOptions, Finding, Fix, Position, TextEdit } from './types';

export const PYTHON_RULES: readonly PythonRule[] = [
  python2Rule,
  bostonDatasetRule,
  tooManyFrameworksRule,
  deprecatedApiRule,
  lossAccumulationRule,
  hardcodedCudaRule,
  uncheckedDataRule,
  missingZeroGradRule,
  testDataLeakageRule,
  softmaxBeforeCrossEntropyRule,
  evalModeMissingRule,
  trainModeNotRestoredRule,
];

/** The skim's query for each set of enabled rules (by their ids); null when one of them has no gate. */
const skimQueries = new Map<string, SkimQuery | null>();

function skimQueryFor(options: AnalysisOptions): SkimQuery | null {
  const enabled = PYTHON_RULES.filter((rule) => severityOf(rule.id, options) !== undefined);
  const key = enabled.map((rule) => rule.id).join();
  let query = skimQueries.get(key);
  if (query === undefined) {
    const gates = enabled.map((rule) => rule.gate);
    query = gates.every((gate) => gate !== undefined)
      ? { modules: new Set(gates.flatMap((gate) => [...(gate.modules ?? [])])), python2Syntax: gates.some((gate) => gate.python2Syntax === true) }
      : null;
    skimQueries.set(key, query);
  }
  return query;
}

/**
 * Whether a full scan of the text (or of its cell regions) can find anything under these options.
 * Every rule declares what a program needs before it can report (an import, possible Python 2
 * code); the skim looks for just that, at a fraction of a full scan's cost.
 */
export function worthScanning(text: string, options: AnalysisOptions, regions?: ReadonlyArray<readonly [number, number]>): boolean {
  const query = skimQueryFor(options);
  if (query === null) return true;
  if (query.modules.size === 0 && !query.python2Syntax) return false;
  return skimFinds(text, query, regions);
}

/** Maps offsets of a (possibly multi-cell) program text to lines, and to positions within cells. */
export class Locator {
  private starts: number[] | undefined;
  private cellLine: number[] | undefined;

  /** `cells[k]` is [regionStart, notebook cell index] of the k-th code cell, in order; empty for a file. */
  constructor(
    private readonly text: string,
    private readonly cells: ReadonlyArray<readonly [number, number]> = [],
  ) {}

  lineStartsOf(): number[] {
    this.starts ??= lineStarts(this.text);
    return this.starts;
  }

  lineOf(offset: number): number {
    const starts = this.lineStartsOf();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The cell region an offset falls in (index into `cells`), or -1 for a plain file. */
  private regionOf(offset: number): number {
    let lo = 0;
    let hi = this.cells.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.cells[mid][0] <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  locate(offset: number): { position: Position; cell: number | undefined } {
    const line = this.lineOf(offset);
    const character = offset - this.lineStartsOf()[line];
    const region = this.regionOf(offset);
    if (region < 0) return { position: { line, character }, cell: undefined };
    this.cellLine ??= this.cells.map(([start]) => this.lineOf(start));
    return { position: { line: line - this.cellLine[region], character }, cell: this.cells[region][1] };
  }
}

export function analyzeScan(scan: Scan, options: AnalysisOptions, locator: Locator, notebook: boolean): Finding[] {
  const program = new Program(scan);
  const raw: OffsetFinding[] = [];
  const where = (offset: number) => {
    const { position, cell } = locator.locate(offset);
    return cell === undefined ? msg('line {0}', position.line + 1) : msg('line {0} of cell {1}', position.line + 1, cell + 1);
  };
  const context = { program, options, notebook, report: (f: OffsetFinding) => raw.push(f), where };
  for (const rule of PYTHON_RULES) {
    if (severityOf(rule.id, options) !== undefined) rule.run(context);
  }
  if (raw.length === 0) return [];
  const suppressions = readSuppressions(scan, (o) => locator.lineOf(o));
  const starts = locator.lineStartsOf();
  const findings: Finding[] = [];
  raw.sort((a, b) => a.start - b.start || a.end - b.end);
  // Shared fixes: the first finding (after suppressions) gets the edits, the others the key.
  const sharedKeys = new Map<OffsetFix, string>();
  const toEdit = (e: OffsetEdit): TextEdit => {
    const s = locator.locate(e.start);
    const edit: TextEdit = { range: { start: s.position, end: locator.locate(e.end).position }, newText: e.newText };
    if (s.cell !== undefined) edit.cell = s.cell;
    return edit;
  };
  for (const f of raw) {
    const line = locator.lineOf(f.start);
    if ((suppressions.file || suppressions.lines.size > 0) && isSuppressed(suppressions, f.rule, [line, commentLine(scan, starts, line)])) continue;
    const start = locator.locate(f.start);
    const end = locator.locate(f.end);
    const finding: Finding = {
      rule: f.rule,
      severity: f.severity ?? severityOf(f.rule, options, f.fails === true)!,
      message: render(f.message),
      l10n: f.message,
      range: { start: start.position, end: end.position },
      fixes: f.fixes.map((fix): Fix => {
        const { title, l10n } = fixTitle(fix.title, fix.safe);
        if (!fix.shared) return { title, l10n, safe: fix.safe, edits: fix.edits.map(toEdit) };
        const key = sharedKeys.get(fix);
        if (key !== undefined) return { title, l10n, safe: fix.safe, edits: [], shared: key };
        sharedKeys.set(fix, `${f.rule}:${sharedKeys.size + 1}`);
        return { title, l10n, safe: fix.safe, edits: fix.edits.map(toEdit), shared: sharedKeys.get(fix) };
      }),
    };
    if (start.cell !== undefined) finding.cell = start.cell;
    if (f.deprecated) finding.deprecated = true;
    findings.push(finding);
  }
  return findings;
}
