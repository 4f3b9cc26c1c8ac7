// Applying text edits (fixes) to a document's text.
import type { Finding, Fix, Position, TextEdit } from './types';

/** Offsets of the start of each line (after `\n`, `\r\n` or `\r`), as VS Code counts lines. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Offset of a position, clamped to the text (a character past the line end stops at the line end). */
export function offsetAt(text: string, starts: readonly number[], position: Position): number {
  if (position.line < 0) return 0;
  if (position.line >= starts.length) return text.length;
  const lineStart = starts[position.line];
  let lineEnd = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
  while (lineEnd > lineStart && (text.charCodeAt(lineEnd - 1) === 10 || text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
  return Math.min(lineStart + Math.max(0, position.character), lineEnd);
}

/**
 * Applies `edits` to `text` (all positions refer to the original text). Edits should not
 * overlap; an exact duplicate (two findings carrying the same rename) is applied once, and an edit
 * overlapping one already accepted is dropped, so fixes from several findings can be combined.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const starts = lineStarts(text);
  const resolved = edits
    .map((e, order) => ({ start: offsetAt(text, starts, e.range.start), end: offsetAt(text, starts, e.range.end), newText: e.newText, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  const accepted: typeof resolved = [];
  for (const e of resolved) {
    const last = accepted[accepted.length - 1];
    if (last) {
      if (last.start === e.start && last.end === e.end && last.newText === e.newText) continue;
      // Two insertions at one point both apply; anything else that overlaps is dropped.
      if (e.start < last.end) continue;
    }
    accepted.push(e);
  }
  const parts: string[] = [];
  let at = 0;
  for (const e of accepted) {
    parts.push(text.slice(at, e.start), e.newText);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** The edits of `fix`: its own, or for a shared fix's reference the edits its first finding carries. */
export function sharedFixEdits(findings: readonly Finding[], fix: Fix): TextEdit[] {
  if (fix.edits.length > 0 || fix.shared === undefined) return fix.edits;
  for (const f of findings) {
    for (const x of f.fixes) if (x.shared === fix.shared && x.edits.length > 0) return x.edits;
  }
  return [];
}
