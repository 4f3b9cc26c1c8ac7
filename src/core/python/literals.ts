// Readers for Python literals: numbers, strings and f-strings. Each takes the offset where the
// literal starts and returns the offset after it; none of them throws on unterminated input.
import { Ch, IDENT, isDigit, isIdentPart, isPrefixLetter } from './chars';
import { Py2Mark } from './tokens';

/** Number literal end: digits, letters (hex, suffixes), `_`, `.`, and a sign right after a decimal exponent. */
export function scanNumber(text: string, i: number, to: number): number {
  const hex = text.charCodeAt(i) === Ch.Zero && (text.charCodeAt(i + 1) | 0x20) === 120;
  let e = i + 1;
  while (e < to) {
    const c = text.charCodeAt(e);
    if (c < 128 && (IDENT[c] === 1 || c === Ch.Dot)) {
      e++;
      if (!hex && (c | 0x20) === 101) {
        const s = text.charCodeAt(e);
        if ((s === Ch.Plus || s === Ch.Minus) && isDigit(text.charCodeAt(e + 1))) e++;
      }
      continue;
    }
    break;
  }
  return e;
}

/** What a string prefix allows; `stringPrefix` returns a combination, or -1. */
export const enum Prefix {
  Plain = 0,
  Raw = 1,
  /** f or t: replacement fields are code. */
  Format = 2,
  Unicode = 4,
  /** Python 2's `ur`. */
  UnicodeRaw = Raw | Unicode,
}

/**
 * When the name `text[s, e)` is a string prefix (at most two of r, b, u, f, t) and a quote follows
 * it before `to`, the kind of string it opens (a `Prefix` combination); otherwise -1.
 */
export function stringPrefix(text: string, s: number, e: number, to: number): number {
  const q = e < to ? text.charCodeAt(e) : 0;
  if ((q !== Ch.DQuote && q !== Ch.SQuote) || e - s > 2 || !isPrefixLetter(text.charCodeAt(s)) || (e - s === 2 && !isPrefixLetter(text.charCodeAt(s + 1)))) return -1;
  let flags: number = Prefix.Plain;
  for (let k = s; k < e; k++) {
    const p = text.charCodeAt(k) | 0x20;
    if (p === 114) flags |= Prefix.Raw;
    else if (p === 102 || p === 116) flags |= Prefix.Format;
    else if (p === 117) flags |= Prefix.Unicode;
  }
  return flags;
}

/** The Python 2 mark a number literal `text[s, e)` earns (`10L`, `0777`), or 0. */
export function numberMark(text: string, s: number, e: number): Py2Mark | 0 {
  if ((text.charCodeAt(e - 1) | 0x20) === 108) return Py2Mark.LongNumber;
  if (text.charCodeAt(s) === Ch.Zero && e - s > 1 && isLegacyOctal(text, s, e)) return Py2Mark.OctalNumber;
  return 0;
}

/** `0777` (Python 2 octal): a leading zero followed only by digits, not all zeros. */
export function isLegacyOctal(text: string, s: number, e: number): boolean {
  let nonZero = false;
  for (let k = s + 1; k < e; k++) {
    const c = text.charCodeAt(k);
    if ((c | 0x20) === 108 && k === e - 1) break; // `0777L`
    if (c === Ch.Underscore) continue;
    if (!isDigit(c)) return false;
    if (c !== Ch.Zero) nonZero = true;
  }
  return nonZero;
}

/** Number of backslashes right before `at` (not looking before `floor`): odd means `at` is escaped. */
function backslashesBefore(text: string, at: number, floor: number): number {
  let n = 0;
  while (at - n - 1 >= floor && text.charCodeAt(at - n - 1) === Ch.Backslash) n++;
  return n;
}

/** Whether the text being scanned has any `\r` (so old-Mac line ends need looking for). */
let textHasCR = false;

/**
 * The last `indexOf` answers for `\n` and `\r`: strings on one long line (or a `\r` far away)
 * would otherwise make every string rescan the same stretch of text, quadratic in the line.
 */
let cacheText = '';
let lfFrom = -1;
let lfAt = -1;
let crFrom = -1;
let crAt = -1;

/** Called by the scanner before it reads a text. */
export function setTextHasCR(value: boolean): void {
  textHasCR = value;
  cacheText = '';
}

/** `text.indexOf(c, from)` answered from the cached search when it started earlier and found nothing before `from`. */
function nextIndexOf(text: string, c: '\n' | '\r', from: number): number {
  if (text !== cacheText) {
    cacheText = text;
    lfFrom = crFrom = -1;
  }
  if (c === '\n') {
    if (lfFrom < 0 || from < lfFrom || (lfAt >= 0 && lfAt < from)) {
      lfFrom = from;
      lfAt = text.indexOf(c, from);
    }
    return lfAt;
  }
  if (crFrom < 0 || from < crFrom || (crAt >= 0 && crAt < from)) {
    crFrom = from;
    crAt = text.indexOf(c, from);
  }
  return crAt;
}

/** Offset of the next line end in [from, to), or `to`. */
export function nextLineEnd(text: string, from: number, to: number): number {
  let n = nextIndexOf(text, '\n', from);
  if (n < 0 || n > to) n = to;
  if (textHasCR) {
    const r = nextIndexOf(text, '\r', from);
    if (r >= 0 && r < n) n = r;
  }
  return n;
}

/**
 * End offset of a non-f string whose opening quote is at `q`. Uses indexOf (vectorized in V8)
 * to jump between quotes, then checks that the quote found is not escaped.
 */
export function scanPlainString(text: string, q: number, to: number): number {
  const quote = text.charCodeAt(q);
  if (text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote && q + 2 < to) {
    const closer = quote === Ch.DQuote ? '"""' : "'''";
    let i = q + 3;
    for (;;) {
      const j = text.indexOf(closer, i);
      if (j < 0 || j + 3 > to) return to;
      if ((backslashesBefore(text, j, q + 3) & 1) === 0) return j + 3;
      i = j + 1;
    }
  }
  const closer = quote === Ch.DQuote ? '"' : "'";
  let i = q + 1;
  let lineEnd = nextLineEnd(text, i, to);
  for (;;) {
    let j = text.indexOf(closer, i);
    if (j < 0 || j > to) j = to;
    while (lineEnd < j) {
      // a line end inside the string: a `\` before it continues the string, else it is unterminated
      if ((backslashesBefore(text, lineEnd, q + 1) & 1) === 0) return lineEnd;
      const next = lineEnd + (text.charCodeAt(lineEnd) === Ch.CR && text.charCodeAt(lineEnd + 1) === Ch.LF ? 2 : 1);
      lineEnd = nextLineEnd(text, next, to);
    }
    if (j >= to) return to;
    if ((backslashesBefore(text, j, q + 1) & 1) === 0) return j + 1;
    i = j + 1;
  }
}

/**
 * End offset of an f-string (or t-string) whose opening quote is at `q`. Replacement fields are
 * read as code, so nested strings — with the same quote, as Python 3.12 allows — and nested
 * format specs do not end it; `{{` and `}}` are literal braces.
 */
export function scanFString(text: string, q: number, to: number, raw: boolean, nesting = 0): number {
  const quote = text.charCodeAt(q);
  const triple = text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote && q + 2 < to;
  let i = q + (triple ? 3 : 1);
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === Ch.Backslash) {
      const n = text.charCodeAt(i + 1);
      i += raw && (n === Ch.LBrace || n === Ch.RBrace) ? 1 : 2;
      continue;
    }
    if (c === quote) {
      if (!triple) return i + 1;
      if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) return i + 3;
      i++;
      continue;
    }
    if ((c === Ch.LF || c === Ch.CR) && !triple) return i;
    if (c === Ch.LBrace) {
      if (text.charCodeAt(i + 1) === Ch.LBrace) {
        i += 2;
        continue;
      }
      i = scanReplacementField(text, i + 1, to, triple, nesting);
      continue;
    }
    i++;
  }
  return to;
}

/**
 * How deep f-strings and format specs are followed. CPython stops far earlier (a few levels before
 * 3.12, and its parser's own limit after); deeper input is read as plain text so that no input —
 * `f"{` repeated thousands of times — can overflow the stack.
 */
export const MAX_FSTRING_NESTING = 50;

/** Offset after the `}` closing a replacement field whose expression starts at `i`. */
function scanReplacementField(text: string, i: number, to: number, triple: boolean, nesting: number): number {
  let depth = 0;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === Ch.DQuote || c === Ch.SQuote) {
      // a nested string, possibly prefixed (`f'{x:{w}}'`, `rb"…"`)
      let p = i;
      let raw = false;
      let fmt = false;
      while (p > 0 && i - p < 2 && isPrefixLetter(text.charCodeAt(p - 1))) p--;
      if (p === 0 || !isIdentPart(text.charCodeAt(p - 1))) {
        for (let k = p; k < i; k++) {
          const l = text.charCodeAt(k) | 0x20;
          if (l === 114) raw = true;
          else if (l === 102 || l === 116) fmt = true;
        }
      }
      i = fmt && nesting < MAX_FSTRING_NESTING ? scanFString(text, i, to, raw, nesting + 1) : scanPlainString(text, i, to);
      continue;
    }
    if ((c === Ch.LF || c === Ch.CR) && !triple && depth === 0) return i;
    if (c === Ch.LPar || c === Ch.LSqb || c === Ch.LBrace) depth++;
    else if (c === Ch.RPar || c === Ch.RSqb) {
      if (depth > 0) depth--;
    } else if (c === Ch.RBrace) {
      if (depth === 0) return i + 1;
      depth--;
    } else if (c === Ch.Colon && depth === 0) {
      return scanFormatSpec(text, i + 1, to, triple, nesting);
    }
    i++;
  }
  return to;
}

/** Offset after the `}` ending a format spec (which may hold nested `{…}` fields). */
function scanFormatSpec(text: string, i: number, to: number, triple: boolean, nesting: number): number {
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === Ch.LBrace && nesting < MAX_FSTRING_NESTING) {
      i = scanReplacementField(text, i + 1, to, triple, nesting + 1);
      continue;
    }
    if (c === Ch.RBrace) return i + 1;
    if (c === Ch.DQuote || c === Ch.SQuote) return i; // the enclosing string's end: let it close
    if ((c === Ch.LF || c === Ch.CR) && !triple) return i;
    if (c === Ch.Backslash) i++;
    i++;
  }
  return to;
}
