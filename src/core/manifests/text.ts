// Offsets ↔ 0-based line/UTF-16 positions for manifest parsers, which work on string offsets.
import type { Position, Range } from '../analysis/types';

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}

/** A span of the manifest text, as string offsets. */
export interface Span {
  start: number;
  end: number;
}

/** A distribution declared by a manifest; the span covers its name. */
export interface DeclaredPackage extends Span {
  name: string;
}

/** A declared Python constraint; the span covers the value as written, `specifier` is its PEP 440 form. */
export interface DeclaredPython extends Span {
  /** Where it was declared, for messages: `requires-python`, `conda python=`, `.python-version`… */
  label: string;
  /** Alternatives (OR); the declaration rules out a version when every alternative does. */
  specifiers: string[];
  /** The text that replaces the span to require the minimum instead; `{min}` stands for it. */
  fixTemplate?: string;
}

export interface ManifestModel {
  packages: DeclaredPackage[];
  pythons: DeclaredPython[];
  /** `-r`/`-c` files named by a requirements file (noted, not followed). */
  includes: string[];
}

export function emptyModel(): ManifestModel {
  return { packages: [], pythons: [], includes: [] };
}

/** Offsets of each line's start and end (without the newline), for line-oriented formats. */
export function* lines(text: string): Generator<{ start: number; end: number; text: string }> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const lineEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
    yield { start, end: lineEnd, text: text.slice(start, lineEnd) };
    if (end === text.length) return;
    start = end + 1;
  }
}
