// Output formats for people and older tools, as Ruff names them: `full` (each finding with the source
// lines around it), `grouped` (findings under their file), `pylint` (`path:line: [rule] message`).
import { eligibleFix } from './check';
import { messageWithCell } from './ciFormats';
import { findingLines, summaryLines, type ReportedFinding, type RunReport } from './report';

/** The text a finding's lines refer to: the file's (or, for a notebook finding, its cell's) source. */
export type SourceLookup = (file: string, cell?: number) => string | undefined;

/** Source lines shown before and after a finding's line in `full`. */
const CONTEXT = 2;

/** The source lines around a finding, numbered, its range underlined; `width`: the line numbers' width. */
function snippet(f: ReportedFinding, source: string | undefined): { lines: string[]; width: number } {
  if (source === undefined) return { lines: [], width: 0 };
  const lines = source.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const line = f.range.start.line;
  if (line >= lines.length) return { lines: [], width: 0 };
  const first = Math.max(0, line - CONTEXT);
  const last = Math.min(lines.length - 1, line + CONTEXT);
  const width = String(last + 1).length;
  const gutter = (n?: number) => `${n === undefined ? ''.padStart(width) : String(n).padStart(width)} |`;
  const out = [gutter()];
  for (let i = first; i <= last; i++) {
    out.push(`${gutter(i + 1)}${lines[i] === '' ? '' : ' ' + lines[i]}`);
    if (i === line) {
      const start = f.range.start.character;
      const end = f.range.end.line === line ? f.range.end.character : lines[i].length;
      out.push(`${gutter()} ${' '.repeat(start)}${'^'.repeat(Math.max(1, end - start))} ${f.rule}`);
    }
  }
  out.push(gutter());
  return { lines: out, width };
}

/** `full`: the text format's line for each finding, the source around it underlined, and the fix it offers. */
export function toFull(report: RunReport, source: SourceLookup, summary = true): string {
  const heads = findingLines(report.findings, report.policy);
  const blocks = report.findings.map((f, i) => {
    const shown = snippet(f, source(f.file, f.cell));
    const lines = [heads[i], ...shown.lines];
    const fix = f.fixes.find((x) => x.edits.length > 0);
    if (fix) lines.push(`${' '.repeat(shown.width + 1)}= help: ${fix.title}${fix.safe || eligibleFix(f, report.policy) ? '' : ' (unsafe: needs --unsafe-fixes)'}`);
    return lines.join('\n') + '\n';
  });
  return [...blocks, ...(summary ? [summaryLines(report).join('\n') + '\n'] : [])].join('\n');
}

/** `grouped`: each file's name, then its findings as `line:col rule message`, aligned. */
export function toGrouped(report: RunReport, summary = true): string {
  const byFile = new Map<string, ReportedFinding[]>();
  for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const out: string[] = [];
  for (const [file, findings] of byFile) {
    const where = findings.map((f) => ({ row: `${f.cell !== undefined ? `cell ${f.cell + 1}:` : ''}${f.range.start.line + 1}`, col: String(f.range.start.character + 1) }));
    const rowWidth = Math.max(...where.map((w) => w.row.length));
    const colWidth = Math.max(...where.map((w) => w.col.length));
    out.push(`${file}:`);
    findings.forEach((f, i) => {
      const fixable = eligibleFix(f, { apply: true, unsafe: report.policy.unsafe }) !== undefined;
      out.push(`  ${where[i].row.padStart(rowWidth)}:${where[i].col.padEnd(colWidth)} ${f.rule}${fixable ? ' [*]' : ''} ${f.message}`);
    });
    out.push('');
  }
  return [...out, ...(summary ? summaryLines(report) : [])].join('\n') + '\n';
}

/** `pylint`: `path:line: [rule] message`, on the file's own lines (a notebook finding names its cell in the message). */
export function toPylint(report: RunReport): string {
  return report.findings
    .map((f) => {
      const line = (f.fileRange ?? f.range).start.line + 1;
      return `${f.file}:${line}: [${f.rule}] ${messageWithCell(f)}\n`;
    })
    .join('');
}
