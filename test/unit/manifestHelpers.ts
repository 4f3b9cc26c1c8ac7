// Small helpers for manifest tests: the text under a range, and a finding's first fix applied.
import type { Finding, Range } from '../../src/core/analysis/types';

function offsetOf(text: string, line: number, character: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset + character;
}

export function rangeText(text: string, range: Range): string {
  return text.slice(offsetOf(text, range.start.line, range.start.character), offsetOf(text, range.end.line, range.end.character));
}

/** Applies the edits of `finding.fixes[0]` (back to front, so earlier offsets stay valid). */
export function applyManifestFix(text: string, finding: Finding): string {
  const edits = [...finding.fixes[0].edits].sort(
    (a, b) => offsetOf(text, b.range.start.line, b.range.start.character) - offsetOf(text, a.range.start.line, a.range.start.character),
  );
  let out = text;
  for (const e of edits) {
    out = out.slice(0, offsetOf(out, e.range.start.line, e.range.start.character)) + e.newText + out.slice(offsetOf(out, e.range.end.line, e.range.end.character));
  }
  return out;
}
