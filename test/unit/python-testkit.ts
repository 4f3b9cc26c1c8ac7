// Helpers for the Python analysis tests: run rules, apply fixes, and ask the real Python 3 whether
// fixed sources still parse (one python3 process for a whole batch).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { applyEdits, sharedFixEdits } from '../../src/core/analysis/edits';
import { analyzePython } from '../../src/core/analysis/python';
import type { AnalysisOptions, Finding, RuleId } from '../../src/core/analysis/types';

const PARSE_SCRIPT = `
import ast, json, sys
out = []
for src in json.load(sys.stdin):
    try:
        ast.parse(src)
        out.append(None)
    except SyntaxError as e:
        out.append(f"{e.msg} (line {e.lineno})")
print(json.dumps(out))
`;

/** For each source, null when Python 3 parses it, else the SyntaxError message. */
export function pythonParseErrors(sources: readonly string[]): (string | null)[] {
  const r = spawnSync('python3', ['-c', PARSE_SCRIPT], { input: JSON.stringify(sources), encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr || r.error}`);
  return JSON.parse(r.stdout) as (string | null)[];
}

export function findingsOf(source: string, rule: RuleId, options?: AnalysisOptions): Finding[] {
  return analyzePython(source, options).filter((f) => f.rule === rule);
}

/** The text a finding's range covers (single- or multi-line). */
export function rangeText(source: string, f: Finding): string {
  const lines = source.split(/\r\n|\r|\n/);
  const { start, end } = f.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join('\n');
}

/** Texts covered by the findings of `rule` in `source`. */
export function flagged(source: string, rule: RuleId, options?: AnalysisOptions): string[] {
  return findingsOf(source, rule, options).map((f) => rangeText(source, f));
}

export interface AppliedFix {
  source: string;
  fixed: string;
  title: string;
  safe: boolean;
  line: number;
}

/** Applies, one at a time, every fix of every `rule` finding in each source. */
export function applyEachFix(sources: readonly string[], rule: RuleId): AppliedFix[] {
  const out: AppliedFix[] = [];
  for (const source of sources) {
    const findings = findingsOf(source, rule);
    for (const f of findings) {
      for (const fix of f.fixes) out.push({ source, fixed: applyEdits(source, sharedFixEdits(findings, fix)), title: fix.title, safe: fix.safe, line: f.range.start.line });
    }
  }
  return out;
}

/**
 * Every fix of `rule` in `sources`: the fixed text must parse with python3 and must no longer
 * have a finding of `rule` on the fixed line. Returns the applied fixes for further checks.
 */
export function assertFixesWork(sources: readonly string[], rule: RuleId, minimumFixes = 1): AppliedFix[] {
  const applied = applyEachFix(sources, rule);
  assert.ok(applied.length >= minimumFixes, `expected at least ${minimumFixes} fixes of ${rule}, got ${applied.length}`);
  const errors = pythonParseErrors(applied.map((a) => a.fixed));
  applied.forEach((a, k) => {
    assert.equal(errors[k], null, `fix "${a.title}" broke the code:\n--- before\n${a.source}\n--- after\n${a.fixed}\n--- ${errors[k]}`);
    const remaining = findingsOf(a.fixed, rule).filter((f) => f.range.start.line === a.line);
    assert.deepEqual(remaining.map((f) => rangeText(a.fixed, f)), [], `fix "${a.title}" left a ${rule} finding:\n${a.fixed}`);
  });
  return applied;
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
