// Output formats of `pyai-lint` for people: Ruff-like text with its summary, per-rule statistics,
// the fixes applied; and the JSON array / JSON lines that scripts read. The formats
// for CI services (SARIF, GitHub, GitLab, JUnit) are in ciFormats.ts.
import { allRules } from '../core/analysis/catalogue';
import type { Fix, Range, Severity } from '../core/analysis/types';
import { eligibleFix, type AppliedFix, type CheckedFinding, type FixPolicy } from './check';

/** A finding with the file it belongs to (as printed). */
export interface ReportedFinding extends CheckedFinding {
  file: string;
}

/** A path that could not be read or checked: reported, and the run goes on. */
export interface FileError {
  file: string;
  message: string;
  line?: number;
  column?: number;
}

/** Everything a run found, for any output format. */
export interface RunReport {
  findings: ReportedFinding[];
  fileErrors: FileError[];
  /** Fixes applied (or, with `--diff`, that would be), per file as printed. */
  applied: Map<string, AppliedFix[]>;
  policy: FixPolicy;
}

export interface JsonEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface JsonFinding {
  file: string;
  rule: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  cell?: number;
  /** `shared`: a fix for several findings, whose edits only the first of them lists (see types.ts). */
  fix?: { title: string; safe: boolean; edits: JsonEdit[]; shared?: string };
}

export function oneBased(range: Range): Pick<JsonFinding, 'line' | 'column' | 'endLine' | 'endColumn'> {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

function jsonFix(fix: Fix): JsonFinding['fix'] {
  return { title: fix.title, safe: fix.safe, edits: fix.edits.map((e) => ({ ...oneBased(e.range), newText: e.newText })), ...(fix.shared !== undefined ? { shared: fix.shared } : {}) };
}

export function toJson(findings: ReportedFinding[]): JsonFinding[] {
  return findings.map((f) => ({
    file: f.file,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    ...oneBased(f.range),
    ...(f.cell !== undefined ? { cell: f.cell } : {}),
    ...(f.fixes.length > 0 ? { fix: jsonFix(f.fixes[0]) } : {}),
  }));
}

/** One JSON object per line (what log collectors and `jq -c` pipelines read). */
export function toJsonLines(findings: ReportedFinding[]): string {
  return toJson(findings).map((f) => JSON.stringify(f) + '\n').join('');
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function canFix(f: ReportedFinding, policy: FixPolicy): boolean {
  return eligibleFix(f, { apply: true, unsafe: policy.unsafe }) !== undefined;
}

/** `path:line:col: rule [*] message` per finding (notebooks: `path:cell N:line:col`), as Ruff prints them. */
export function findingLines(findings: ReportedFinding[], policy: FixPolicy): string[] {
  return findings.map((f) => {
    const where = f.cell !== undefined ? `${f.file}:cell ${f.cell + 1}:` : `${f.file}:`;
    return `${where}${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.rule}${canFix(f, policy) ? ' [*]' : ''} ${f.message}`;
  });
}

function fixedCount(report: RunReport): number {
  let n = 0;
  for (const list of report.applied.values()) n += list.length;
  return n;
}

/** The closing lines: how many problems, how many fixed or fixable, and the files that could not be checked. */
export function summaryLines(report: RunReport): string[] {
  const { findings, policy } = report;
  const lines: string[] = [];
  const n = findings.length;
  const fixed = policy.apply && policy.write !== false ? fixedCount(report) : 0;
  const unreadable = report.fileErrors.length;
  if (fixed > 0) lines.push(`Found ${plural(n + fixed, 'problem')} (${fixed} fixed, ${n} remaining).`);
  else if (n > 0) lines.push(`Found ${plural(n, 'problem')}.`);
  else if (unreadable === 0) lines.push('All checks passed!');
  else lines.push('No problems found in the files that could be checked.');
  if (unreadable > 0) lines.push(`${plural(unreadable, 'file')} could not be checked (see the messages above).`);
  const fixable = findings.filter((f) => canFix(f, policy)).length;
  if (!policy.apply && fixable > 0) lines.push(`[*] ${fixable} fixable with the \`--fix\` option${policy.unsafe ? ' (including unsafe fixes)' : ''}.`);
  else if (!policy.unsafe) {
    const unsafeOnly = findings.filter((f) => f.fixes.some((x) => !x.safe && x.edits.length > 0) && !f.fixes.some((x) => x.safe && x.edits.length > 0)).length;
    if (unsafeOnly > 0) lines.push(`${unsafeOnly} more fixable with \`--fix --unsafe-fixes\` (these fixes change behaviour).`);
  }
  return lines;
}

export function toText(report: RunReport): string {
  return [...findingLines(report.findings, report.policy), ...summaryLines(report)].join('\n') + '\n';
}

/** `--show-fixes`: the fixes applied per file, or with no `--fix` the fix each finding offers. */
export function fixesLines(report: RunReport): string[] {
  const lines: string[] = [];
  if (report.policy.apply) {
    const total = fixedCount(report);
    if (total === 0) return ['No fixes applied.'];
    lines.push(`${report.policy.write === false ? 'Would fix' : 'Fixed'} ${plural(total, 'problem')}:`);
    for (const [file, list] of [...report.applied].sort(([a], [b]) => (a < b ? -1 : 1))) {
      lines.push(`- ${file}:`);
      const counts = new Map<string, number>();
      for (const fix of list) counts.set(`${fix.rule} (${fix.title})`, (counts.get(`${fix.rule} (${fix.title})`) ?? 0) + 1);
      for (const [what, count] of counts) lines.push(`    ${count} × ${what}`);
    }
    return lines;
  }
  const offered = report.findings.filter((f) => f.fixes.some((x) => x.edits.length > 0));
  if (offered.length === 0) return ['No fixes available.'];
  lines.push('Fixes available:');
  for (const f of offered) {
    const fix = f.fixes.find((x) => x.edits.length > 0)!;
    const where = f.cell !== undefined ? `${f.file}:cell ${f.cell + 1}:` : `${f.file}:`;
    lines.push(`- ${where}${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.rule}: ${fix.title}${fix.safe ? '' : ' (unsafe: needs --unsafe-fixes)'}`);
  }
  return lines;
}

export interface RuleCount {
  rule: string;
  title: string;
  count: number;
  fixable: number;
}

/** `--statistics`: findings per rule, most frequent first. */
export function statistics(report: RunReport): RuleCount[] {
  const titles = new Map(allRules().map((r) => [r.id as string, r.title]));
  const byRule = new Map<string, RuleCount>();
  for (const f of report.findings) {
    const entry = byRule.get(f.rule) ?? { rule: f.rule, title: titles.get(f.rule) ?? f.rule, count: 0, fixable: 0 };
    entry.count++;
    if (canFix(f, report.policy)) entry.fixable++;
    byRule.set(f.rule, entry);
  }
  return [...byRule.values()].sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1));
}

export function statisticsText(report: RunReport): string {
  const rows = statistics(report);
  const width = Math.max(1, ...rows.map((r) => String(r.count).length));
  const ruleWidth = Math.max(0, ...rows.map((r) => r.rule.length));
  const lines = rows.map((r) => `${String(r.count).padStart(width)}\t${r.rule.padEnd(ruleWidth)}\t${r.fixable === r.count ? '[*] ' : r.fixable > 0 ? '[-] ' : ''}${r.title}`);
  return [...lines, ...summaryLines(report)].join('\n') + '\n';
}
