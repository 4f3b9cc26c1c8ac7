// Suppression comments: `# pyai: ignore[rule]`, `# pyai: ignore[rule-a, rule-b]` and plain
// `# pyai: ignore` on a line; `# pyai: ignore-file[rule]` (or `ignore-file` for all) anywhere.
import { scanText, type Scan } from '../python/scanner';
import { Tok } from '../python/tokens';
import { lineStarts } from './edits';
import type { RuleId, TextEdit } from './types';

/** `'all'` or the rule ids a comment names. */
export type RuleSet = ReadonlySet<string> | 'all';

export interface Suppressions {
  file: RuleSet | undefined;
  /** 0-based line → rules ignored on it. */
  lines: Map<number, RuleSet>;
}

const DIRECTIVE = /pyai:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?/g;

/** The directives in one comment's text, e.g. `# note  # pyai: ignore[python2]`. */
export function parseDirectives(comment: string): { fileLevel: boolean; rules: RuleSet }[] {
  const out: { fileLevel: boolean; rules: RuleSet }[] = [];
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(comment); m; m = DIRECTIVE.exec(comment)) {
    const list = m[2]
      ?.split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    out.push({ fileLevel: m[1] === 'ignore-file', rules: list && list.length > 0 ? new Set(list) : 'all' });
  }
  return out;
}

function merge(a: RuleSet | undefined, b: RuleSet): RuleSet {
  if (a === 'all' || b === 'all') return 'all';
  return a ? new Set([...a, ...b]) : b;
}

/** Suppressions written in a scanned program's comments; `lineOf` maps an offset to its line. */
export function readSuppressions(scan: Scan, lineOf: (offset: number) => number): Suppressions {
  const result: Suppressions = { file: undefined, lines: new Map() };
  if (!scan.text.includes('pyai:')) return result;
  for (let c = 0; c < scan.comments; c++) {
    const start = scan.commentSpans[c * 2];
    const comment = scan.text.slice(start, scan.commentSpans[c * 2 + 1]);
    if (!comment.includes('pyai:')) continue;
    for (const d of parseDirectives(comment)) {
      if (d.fileLevel) result.file = merge(result.file, d.rules);
      else {
        const line = lineOf(start);
        result.lines.set(line, merge(result.lines.get(line), d.rules));
      }
    }
  }
  return result;
}

function covers(set: RuleSet | undefined, rule: string): boolean {
  return set !== undefined && (set === 'all' || set.has(rule));
}

/** Whether `rule` is ignored for the whole file or on any of `lines`. */
export function isSuppressed(s: Suppressions, rule: RuleId, lines: readonly number[]): boolean {
  if (covers(s.file, rule)) return true;
  for (const l of lines) if (covers(s.lines.get(l), rule)) return true;
  return false;
}

/** The comment that ignores `rule` on a line. */
export function ignoreCommentFor(rule: RuleId): string {
  return `# pyai: ignore[${rule}]`;
}

/**
 * The line where a comment about `line` can go: `line` itself, or — when `line` ends inside a
 * multi-line string or with a `\` continuation, where a comment would change the code — the
 * first later line where the statement can take one.
 */
export function commentLine(scan: Scan, starts: readonly number[], line: number): number {
  const text = scan.text;
  for (let l = line; l < starts.length; l++) {
    let end = l + 1 < starts.length ? starts[l + 1] : text.length;
    while (end > starts[l] && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
    if (!insideString(scan, end) && !endsWithContinuation(scan, text, starts[l], end)) return l;
  }
  return line;
}

function insideString(scan: Scan, offset: number): boolean {
  // binary search for the last token starting before `offset`
  let lo = 0;
  let hi = scan.count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (scan.start[mid] < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && scan.kind[found] === Tok.String && scan.end[found] > offset;
}

function endsWithContinuation(scan: Scan, text: string, lineStart: number, lineEnd: number): boolean {
  let k = lineEnd - 1;
  while (k >= lineStart && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  if (k < lineStart || text.charCodeAt(k) !== 92) return false;
  // a `\` at the end of a comment is just text (comments are in order: binary search)
  let lo = 0;
  let hi = scan.comments - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (scan.commentSpans[mid * 2 + 1] <= k) lo = mid + 1;
    else if (scan.commentSpans[mid * 2] > k) hi = mid - 1;
    else return false;
  }
  return true;
}

/**
 * The edit behind "Ignore <rule> on this line": extends a `# pyai: ignore[…]` comment already on
 * the line, or appends one (after any other comment). Returns undefined when the line already
 * ignores the rule. The line is moved down when a comment there would land inside a string.
 */
export function ignoreLineEdit(source: string, line: number, rule: RuleId): TextEdit | undefined {
  const scan = scanText(source);
  const starts = lineStarts(source);
  if (line < 0 || line >= starts.length) return undefined;
  const target = commentLine(scan, starts, line);
  const lineStart = starts[target];
  let lineEnd = target + 1 < starts.length ? starts[target + 1] : source.length;
  while (lineEnd > lineStart && (source.charCodeAt(lineEnd - 1) === 10 || source.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
  for (let c = 0; c < scan.comments; c++) {
    const cs = scan.commentSpans[c * 2];
    const ce = scan.commentSpans[c * 2 + 1];
    if (cs < lineStart || cs >= lineEnd) continue;
    const comment = source.slice(cs, ce);
    DIRECTIVE.lastIndex = 0;
    for (let m = DIRECTIVE.exec(comment); m; m = DIRECTIVE.exec(comment)) {
      if (m[1] !== 'ignore') continue;
      if (m[2] === undefined) return undefined; // plain `# pyai: ignore` covers every rule
      const rules = m[2].split(',').map((r) => r.trim());
      if (rules.includes(rule)) return undefined;
      const close = cs + m.index + m[0].length - 1; // the `]`
      const text = rules.filter(Boolean).length > 0 ? `, ${rule}` : rule;
      const position = { line: target, character: close - lineStart };
      return { range: { start: position, end: position }, newText: text };
    }
  }
  let contentEnd = lineEnd;
  while (contentEnd > lineStart && (source.charCodeAt(contentEnd - 1) === 32 || source.charCodeAt(contentEnd - 1) === 9)) contentEnd--;
  const start = { line: target, character: contentEnd - lineStart };
  const end = { line: target, character: lineEnd - lineStart };
  const prefix = contentEnd > lineStart ? '  ' : '';
  return { range: { start, end }, newText: `${prefix}${ignoreCommentFor(rule)}` };
}
