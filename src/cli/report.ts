// Output formats of `pyai-lint`: Ruff-like text, a JSON array, SARIF 2.1.0 for code scanning.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { allRules } from '../core/analysis/catalogue';
import type { Finding, Fix, Range, Severity } from '../core/analysis/types';
import { eligibleFix, type FixPolicy } from './check';

/** A finding with the file it belongs to (as printed). */
export interface ReportedFinding extends Finding {
  file: string;
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

function oneBased(range: Range): Pick<JsonFinding, 'line' | 'column' | 'endLine' | 'endColumn'> {
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

export interface RunSummary {
  fixed: number;
  policy: FixPolicy;
}

/** `path:line:col: rule [*] message` per finding, then a summary line, as Ruff prints them. */
export function toText(findings: ReportedFinding[], summary: RunSummary): string {
  const lines: string[] = [];
  let fixable = 0;
  for (const f of findings) {
    const where = f.cell !== undefined ? `${f.file}:cell ${f.cell + 1}:` : `${f.file}:`;
    const canFix = eligibleFix(f, { apply: true, unsafe: summary.policy.unsafe }) !== undefined;
    if (canFix) fixable++;
    lines.push(`${where}${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.rule}${canFix ? ' [*]' : ''} ${f.message}`);
  }
  const n = findings.length;
  const problems = `${n} problem${n === 1 ? '' : 's'}`;
  if (summary.policy.apply && summary.fixed > 0) {
    lines.push(`Found ${n + summary.fixed} problems (${summary.fixed} fixed, ${n} remaining).`);
  } else if (n === 0) {
    lines.push('All checks passed!');
  } else {
    lines.push(`Found ${problems}.`);
  }
  if (!summary.policy.apply && fixable > 0) lines.push(`[*] ${fixable} fixable with the \`--fix\` option${summary.policy.unsafe ? ' (including unsafe fixes)' : ''}.`);
  else if (!summary.policy.unsafe) {
    const unsafeOnly = findings.filter((f) => f.fixes.some((x) => !x.safe && x.edits.length > 0) && !f.fixes.some((x) => x.safe && x.edits.length > 0)).length;
    if (unsafeOnly > 0) lines.push(`${unsafeOnly} more fixable with \`--fix --unsafe-fixes\` (these fixes change behaviour).`);
  }
  return lines.join('\n') + '\n';
}

function artifact(file: string): Sarif.ArtifactLocation {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: encodeURI(file.split(path.sep).join('/')), uriBaseId: '%SRCROOT%' };
}

const SARIF_LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 with every rule's metadata; file URIs are relative to `%SRCROOT%` (the working folder). */
export function toSarif(findings: ReportedFinding[], version: string, cwdUri: string): Sarif.Log {
  const rules = allRules();
  const index = new Map(rules.map((r, i) => [r.id as string, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pyai-lint',
            version,
            informationUri: 'https://github.com/python-for-ai/python-for-ai-vscode',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.title,
              shortDescription: { text: r.title },
              fullDescription: { text: r.summary },
              helpUri: r.url,
              help: { text: `${r.summary} See ${r.url}` },
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri } },
        results: findings.map((f) => {
          const region = oneBased(f.range);
          return {
            ruleId: f.rule,
            ruleIndex: index.get(f.rule),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifact(f.file),
                  region: { startLine: region.line, startColumn: region.column, endLine: region.endLine, endColumn: region.endColumn },
                },
              },
            ],
            // Notebook regions count lines within the cell; the cell index says which.
            ...(f.cell !== undefined ? { properties: { cell: f.cell } } : {}),
          };
        }),
      },
    ],
  };
}
