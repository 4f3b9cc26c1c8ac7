// A single-pass Python tokenizer: enough of Python's lexical grammar to never mistake a string,
// comment or f-string for code, plus the statement structure rules need (logical lines, their
// indentation and leading keyword). It reads characters with charCodeAt into typed arrays and
// never throws: unterminated strings end at the end of their line (or of the file for triple
// quotes), unbalanced brackets are recovered at the next line that starts a definition.
import { Ch, CLASS, Cls, isDigit, isIdentPart, NAME_PART } from './chars';
import { nextLineEnd, numberMark, Prefix, scanFString, scanNumber, scanPlainString, setTextHasCR, stringPrefix } from './literals';
import { Key, Py2Mark, Tok } from './tokens';


const KEYWORDS = new Map<string, Key>([
  ['import', Key.Import],
  ['from', Key.From],
  ['for', Key.For],
  ['while', Key.While],
  ['if', Key.If],
  ['elif', Key.Elif],
  ['else', Key.Else],
  ['try', Key.Try],
  ['except', Key.Except],
  ['finally', Key.Finally],
  ['with', Key.With],
  ['def', Key.Def],
  ['class', Key.Class],
  ['async', Key.Async],
  ['print', Key.Print],
  ['exec', Key.Exec],
  ['assert', Key.Assert],
  ['return', Key.Return],
  ['del', Key.Del],
  ['raise', Key.Raise],
]);
/** Words grouped by first letter, so a statement's first name is matched without allocating a string. */
const KEYWORDS_BY_FIRST: [string, Key][][] = [];
for (const [word, key] of KEYWORDS) (KEYWORDS_BY_FIRST[word.charCodeAt(0)] ??= []).push([word, key]);

/** The keyword `text[s, e)` spells, or Key.None. */
function keywordAt(text: string, s: number, e: number): Key {
  const candidates = KEYWORDS_BY_FIRST[text.charCodeAt(s)];
  if (candidates === undefined) return Key.None;
  const length = e - s;
  for (const [word, key] of candidates) {
    if (word.length !== length) continue;
    let k = 1;
    while (k < length && text.charCodeAt(s + k) === word.charCodeAt(k)) k++;
    if (k === length) return key;
  }
  return Key.None;
}

function opensBlock(key: Key): boolean {
  return key >= Key.For && key <= Key.Async;
}

/** Token, statement, comment and Python 2 mark tables of one scanned text (or of several cells of one notebook). */
export class Scan {
  text = '';
  // tokens
  count = 0;
  kind = new Uint8Array(1024);
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  /** Bracket depth the token sits at (an opening bracket and its closing one share it). */
  depth = new Uint16Array(1024);
  // statements (logical lines; `;` and the colon of a one-line compound statement also split them)
  statements = 0;
  stFirst = new Int32Array(256);
  /** Exclusive end: the statement's tokens are [stFirst, stEnd), the last one its Newline, Semi or header Colon. */
  stEnd = new Int32Array(256);
  /** Indentation column; a statement after a header's colon on the same line counts one deeper. */
  stIndent = new Int32Array(256);
  stKey = new Uint8Array(256);
  /** 1 when the statement is a compound statement header ending in `:`. */
  stHeader = new Uint8Array(256);
  // comments as [start, end) offset pairs
  comments = 0;
  commentSpans = new Int32Array(64);
  // Python 2 marks as [Py2Mark, token index] pairs
  marks = 0;
  markData = new Int32Array(16);
  /** Indexes of the Name tokens, in order: rules looking for names visit these instead of every token. */
  nameCount = 0;
  names = new Int32Array(256);

  private hasCR = false;

  reset(text: string): void {
    this.text = text;
    this.hasCR = text.includes('\r');
    this.count = 0;
    this.statements = 0;
    this.comments = 0;
    this.marks = 0;
    this.nameCount = 0;
    this.closingWork = 0;
    this.closers = undefined;
  }

  tokenText(i: number): string {
    return this.text.slice(this.start[i], this.end[i]);
  }

  /** Whether token `i` is the name `word` (compares characters, allocates nothing). */
  isName(i: number, word: string): boolean {
    if (i < 0 || i >= this.count || this.kind[i] !== Tok.Name) return false;
    const s = this.start[i];
    if (this.end[i] - s !== word.length) return false;
    for (let k = 0; k < word.length; k++) if (this.text.charCodeAt(s + k) !== word.charCodeAt(k)) return false;
    return true;
  }

  /** Token index of the bracket closing the one at `open`, or -1 when it is never closed. */
  closing(open: number): number {
    if (this.closers) return open >= 0 && open < this.count ? this.closers[open] : -1;
    const d = this.depth[open];
    for (let j = open + 1; j < this.count; j++) {
      const k = this.kind[j];
      if (this.depth[j] === d && (k === Tok.RPar || k === Tok.RSqb || k === Tok.RBrace)) return j;
      if (k === Tok.Newline) return -1; // logical lines end only outside brackets: this one was never closed
      // Thousands of nested brackets on one line would make these walks quadratic: past a budget
      // proportional to the text, answer from a table built in one pass instead.
      if (++this.closingWork > 4 * this.count + 4096) {
        this.closers = this.matchBrackets();
        return this.closers[open];
      }
    }
    return -1;
  }

  private closingWork = 0;
  private closers: Int32Array | undefined;

  /** `closing(t)` for every token: the first closer at its depth before the logical line ends. */
  private matchBrackets(): Int32Array {
    const closers = new Int32Array(this.count).fill(-1);
    const pending: number[][] = [];
    const used: number[] = [];
    for (let j = 0; j < this.count; j++) {
      const k = this.kind[j];
      const d = this.depth[j];
      if (k === Tok.RPar || k === Tok.RSqb || k === Tok.RBrace) {
        const list = pending[d];
        if (list) {
          for (const t of list) closers[t] = j;
          list.length = 0;
        }
      } else if (k === Tok.Newline) {
        for (const u of used) pending[u].length = 0;
        used.length = 0;
      }
      let list = pending[d];
      if (!list) pending[d] = list = [];
      if (list.length === 0) used.push(d);
      list.push(j); // a token waits for a closer after it, itself included
    }
    return closers;
  }

  /** Index of the statement containing token `t` (binary search). */
  statementOf(t: number): number {
    let lo = 0;
    let hi = this.statements - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.stFirst[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private pushToken(kind: Tok, start: number, end: number, depth: number): number {
    if (this.count === this.kind.length) {
      const size = this.count * 2;
      this.kind = grow8(this.kind, size);
      this.start = grow32(this.start, size);
      this.end = grow32(this.end, size);
      const d = new Uint16Array(size);
      d.set(this.depth);
      this.depth = d;
    }
    const i = this.count++;
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.depth[i] = depth > 65535 ? 65535 : depth;
    return i;
  }

  private pushStatement(first: number, indent: number, key: Key): number {
    if (this.statements === this.stFirst.length) {
      const size = this.statements * 2;
      this.stFirst = grow32(this.stFirst, size);
      this.stEnd = grow32(this.stEnd, size);
      this.stIndent = grow32(this.stIndent, size);
      this.stKey = grow8(this.stKey, size);
      this.stHeader = grow8(this.stHeader, size);
    }
    const s = this.statements++;
    this.stFirst[s] = first;
    this.stEnd[s] = first;
    this.stIndent[s] = indent;
    this.stKey[s] = key;
    this.stHeader[s] = 0;
    return s;
  }

  private pushComment(start: number, end: number): void {
    if (this.comments * 2 === this.commentSpans.length) this.commentSpans = grow32(this.commentSpans, this.commentSpans.length * 2);
    this.commentSpans[this.comments * 2] = start;
    this.commentSpans[this.comments * 2 + 1] = end;
    this.comments++;
  }

  private pushMark(mark: Py2Mark, token: number): void {
    if (this.marks * 2 === this.markData.length) this.markData = grow32(this.markData, this.markData.length * 2);
    this.markData[this.marks * 2] = mark;
    this.markData[this.marks * 2 + 1] = token;
    this.marks++;
  }

  /**
   * Scans `text[from, to)` and appends its tokens and statements. Brackets and strings never
   * continue past `to`, so each notebook cell is scanned on its own yet lands in one table.
   */
  // Scan state, on the instance rather than in closures so V8 keeps the hot loop fast.
  private depthNow = 0;
  private lineStart = 0;
  /** Statement being built, or -1. */
  private open = -1;
  /** Indentation for a statement that starts after `;` or a header colon on the current line. */
  private lineIndent = -1;
  private awaitingHeaderColon = false;
  private statementTokens = 0;

  /** Where the last indentation read (by readIndentation) started and ended, and its column. */
  private indentLine = -1;
  private indentEnd = -1;
  private indentColumn = 0;

  /** Skips the blanks starting line `lineStart`, noting their column as indentAt would count it. */
  private readIndentation(text: string, i: number, to: number): number {
    this.indentLine = i;
    let col = 0;
    // the first character may be a form feed; after it only spaces and tabs, as in the general whitespace loop
    if (text.charCodeAt(i) === Ch.FF) {
      col = 1;
      i++;
    }
    while (i < to) {
      const w = text.charCodeAt(i);
      if (w === Ch.Space) col++;
      else if (w === Ch.Tab) col = (col & ~7) + 8;
      else break;
      i++;
    }
    this.indentEnd = i;
    this.indentColumn = col;
    return i;
  }

  private beginToken(kind: Tok, s: number, e: number): number {
    const t = this.pushToken(kind, s, e, this.depthNow);
    if (this.open >= 0) {
      if (this.statementTokens === 1 && kind === Tok.Name && this.stKey[this.open] === Key.Async) {
        const key = keywordAt(this.text, s, e);
        if (key === Key.For || key === Key.With || key === Key.Def) this.stKey[this.open] = key;
      }
      this.statementTokens++;
      return t;
    }
    let key = Key.None;
    if (kind === Tok.Name && e - s <= 6 && e - s >= 2) key = keywordAt(this.text, s, e);
    const indent =
      this.lineIndent >= 0 ? this.lineIndent : s === this.lineStart ? 0 : s === this.indentEnd && this.indentLine === this.lineStart ? this.indentColumn : indentAt(this.text, this.lineStart, s);
    if (this.lineIndent < 0) this.lineIndent = indent;
    this.open = this.pushStatement(t, indent, key);
    this.awaitingHeaderColon = opensBlock(key);
    this.statementTokens = 1;
    return t;
  }

  private closeStatement(endToken: number): void {
    if (this.open >= 0) {
      this.stEnd[this.open] = endToken;
      this.open = -1;
    }
  }

  /**
   * Scans `text[from, to)` and appends its tokens and statements. Brackets and strings never
   * continue past `to`, so each notebook cell is scanned on its own yet lands in one table.
   */
  scan(from: number, to: number): void {
    const text = this.text;
    setTextHasCR(this.hasCR);
    let i = from;
    this.depthNow = 0;
    this.lineStart = from;
    this.indentLine = -1;
    this.open = -1;
    this.lineIndent = -1;
    this.awaitingHeaderColon = false;
    this.statementTokens = 0;

    while (i < to) {
      const c = text.charCodeAt(i);
      // Whitespace
      if (c === Ch.Space || c === Ch.Tab || c === Ch.FF) {
        if (i === this.lineStart) {
          // A line's indentation: its column is worked out here, while the characters are read anyway.
          i = this.readIndentation(text, i, to);
          continue;
        }
        i++;
        while (i < to) {
          const w = text.charCodeAt(i);
          if (w !== Ch.Space && w !== Ch.Tab) break;
          i++;
        }
        continue;
      }
      if (c === Ch.LF || c === Ch.CR) {
        const nl = c === Ch.CR && text.charCodeAt(i + 1) === Ch.LF ? 2 : 1;
        if (this.depthNow > 0 && this.open >= 0 && startsDefinition(text, i + nl, to, this.stIndent[this.open])) this.depthNow = 0;
        if (this.depthNow === 0 && this.open >= 0) {
          const t = this.pushToken(Tok.Newline, i, i + nl, 0);
          this.closeStatement(t + 1);
        }
        i += nl;
        this.lineStart = i;
        if (this.depthNow === 0) this.lineIndent = -1;
        continue;
      }
      if (c === Ch.Hash) {
        const e = nextLineEnd(text, i + 1, to);
        this.pushComment(i, e);
        i = e;
        continue;
      }
      // Names, keywords and prefixed strings
      if (CLASS[c] === Cls.NameStart) {
        let e = i + 1;
        while (e < to && NAME_PART[text.charCodeAt(e)] === 1) e++;
        const prefix = stringPrefix(text, i, e, to);
        if (prefix >= 0) {
          const stop = prefix & Prefix.Format ? scanFString(text, e, to, (prefix & Prefix.Raw) !== 0) : scanPlainString(text, e, to);
          const t = this.beginToken(Tok.String, i, stop);
          if ((prefix & Prefix.UnicodeRaw) === Prefix.UnicodeRaw) this.pushMark(Py2Mark.UrString, t);
          i = stop;
          continue;
        }
        const t = this.beginToken(Tok.Name, i, e);
        if (this.nameCount === this.names.length) this.names = grow32(this.names, this.nameCount * 2);
        this.names[this.nameCount++] = t;
        i = e;
        continue;
      }
      if (c === Ch.DQuote || c === Ch.SQuote) {
        const stop = scanPlainString(text, i, to);
        this.beginToken(Tok.String, i, stop);
        i = stop;
        continue;
      }
      // Numbers (also `.5`)
      if ((c >= Ch.Zero && c <= Ch.Nine) || (c === Ch.Dot && isDigit(text.charCodeAt(i + 1)))) {
        const e = scanNumber(text, i, to);
        const t = this.beginToken(Tok.Number, i, e);
        const mark = numberMark(text, i, e);
        if (mark !== 0) this.pushMark(mark, t);
        i = e;
        continue;
      }
      // Explicit line continuation
      if (c === Ch.Backslash) {
        const n1 = text.charCodeAt(i + 1);
        if (n1 === Ch.LF || n1 === Ch.CR) {
          i += n1 === Ch.CR && text.charCodeAt(i + 2) === Ch.LF ? 3 : 2;
          this.lineStart = i;
          continue;
        }
        this.beginToken(Tok.Error, i, i + 1);
        i++;
        continue;
      }
      i = this.scanOperator(c, i, to);
    }
    if (this.open >= 0) {
      const t = this.pushToken(Tok.Newline, to, to, 0);
      this.closeStatement(t + 1);
    }
  }

  /** Reads one operator or delimiter at `i` (never a name, number, string or newline); returns the offset after it. */
  private scanOperator(c: number, i: number, to: number): number {
    const text = this.text;
    const c1 = i + 1 < to ? text.charCodeAt(i + 1) : 0;
    switch (c) {
      case Ch.LPar:
      case Ch.LSqb:
      case Ch.LBrace:
        this.beginToken(c === Ch.LPar ? Tok.LPar : c === Ch.LSqb ? Tok.LSqb : Tok.LBrace, i, i + 1);
        this.depthNow++;
        return i + 1;
      case Ch.RPar:
      case Ch.RSqb:
      case Ch.RBrace:
        if (this.depthNow > 0) this.depthNow--;
        this.beginToken(c === Ch.RPar ? Tok.RPar : c === Ch.RSqb ? Tok.RSqb : Tok.RBrace, i, i + 1);
        return i + 1;
      case Ch.Dot:
        this.beginToken(Tok.Dot, i, i + 1);
        return i + 1;
      case Ch.Comma:
        this.beginToken(Tok.Comma, i, i + 1);
        return i + 1;
      case Ch.Colon: {
        if (c1 === Ch.Equal) {
          this.beginToken(Tok.Operator, i, i + 2);
          return i + 2;
        }
        const t = this.beginToken(Tok.Colon, i, i + 1);
        if (this.depthNow === 0 && this.awaitingHeaderColon && this.open >= 0) {
          // `for x in y: body` — the header ends here; what follows on the line is its body, one level deeper.
          this.stHeader[this.open] = 1;
          const indent = this.stIndent[this.open];
          this.closeStatement(t + 1);
          this.awaitingHeaderColon = false;
          this.lineIndent = indent + 1;
        }
        return i + 1;
      }
      case Ch.Semi: {
        const t = this.beginToken(Tok.Semi, i, i + 1);
        if (this.depthNow === 0) this.closeStatement(t + 1);
        return i + 1;
      }
      case Ch.Equal:
        if (c1 === Ch.Equal) {
          this.beginToken(Tok.Operator, i, i + 2);
          return i + 2;
        }
        this.beginToken(Tok.Equal, i, i + 1);
        return i + 1;
      case Ch.Plus:
        if (c1 === Ch.Equal) {
          this.beginToken(Tok.PlusEqual, i, i + 2);
          return i + 2;
        }
        this.beginToken(Tok.Plus, i, i + 1);
        return i + 1;
      case Ch.Backtick: {
        const t = this.beginToken(Tok.Backtick, i, i + 1);
        this.pushMark(Py2Mark.Backtick, t);
        return i + 1;
      }
      case Ch.At:
        if (c1 === Ch.Equal) {
          this.beginToken(Tok.AugAssign, i, i + 2);
          return i + 2;
        }
        this.beginToken(Tok.At, i, i + 1);
        return i + 1;
      case Ch.Less:
        if (c1 === Ch.Greater) {
          const t = this.beginToken(Tok.LessGreater, i, i + 2);
          this.pushMark(Py2Mark.LessGreater, t);
          return i + 2;
        }
        if (c1 === Ch.Less) {
          const aug = text.charCodeAt(i + 2) === Ch.Equal;
          this.beginToken(aug ? Tok.AugAssign : Tok.Operator, i, i + (aug ? 3 : 2));
          return i + (aug ? 3 : 2);
        }
        this.beginToken(Tok.Operator, i, i + (c1 === Ch.Equal ? 2 : 1));
        return i + (c1 === Ch.Equal ? 2 : 1);
      case Ch.Greater:
        if (c1 === Ch.Greater) {
          const aug = text.charCodeAt(i + 2) === Ch.Equal;
          this.beginToken(aug ? Tok.AugAssign : Tok.RightShift, i, i + (aug ? 3 : 2));
          return i + (aug ? 3 : 2);
        }
        this.beginToken(Tok.Operator, i, i + (c1 === Ch.Equal ? 2 : 1));
        return i + (c1 === Ch.Equal ? 2 : 1);
      case Ch.Minus:
      case Ch.Star:
      case Ch.Slash:
      case Ch.Percent:
      case Ch.Amp:
      case Ch.Pipe:
      case Ch.Caret: {
        if (c === Ch.Minus && c1 === Ch.Greater) {
          this.beginToken(Tok.Arrow, i, i + 2);
          return i + 2;
        }
        let e = i + 1;
        if ((c === Ch.Star || c === Ch.Slash) && c1 === c) e++;
        if (text.charCodeAt(e) === Ch.Equal) {
          this.beginToken(Tok.AugAssign, i, e + 1);
          return e + 1;
        }
        this.beginToken(Tok.Operator, i, e);
        return e;
      }
      case Ch.Tilde:
        this.beginToken(Tok.Operator, i, i + 1);
        return i + 1;
      case Ch.Bang:
        if (c1 === Ch.Equal) {
          this.beginToken(Tok.Operator, i, i + 2);
          return i + 2;
        }
        this.beginToken(Tok.Error, i, i + 1);
        return i + 1;
      default: {
        // Anything else (`$`, `?`, NUL, stray non-identifier characters) is an error token.
        const e = c >= 0xd800 && c <= 0xdbff ? i + 2 : i + 1;
        this.beginToken(Tok.Error, i, e);
        return e;
      }
    }
  }
}

function grow32(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
function grow8(a: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(size);
  b.set(a);
  return b;
}

/** Column of `tokenStart` on its line, tabs to the next multiple of 8 as Python counts them. */
function indentAt(text: string, lineStart: number, tokenStart: number): number {
  let col = 0;
  for (let k = lineStart; k < tokenStart; k++) {
    const c = text.charCodeAt(k);
    if (c === Ch.Tab) col = (col & ~7) + 8;
    else if (c === Ch.Space || c === Ch.FF) col++;
    else return tokenStart - lineStart; // a continuation line: any column past the start will do
  }
  return col;
}

const RECOVERY_WORDS = ['def', 'class', 'import', 'from', 'return', 'try', 'while', 'with'];
/**
 * Recovery from an unclosed bracket: the next line starts a definition or import at (or left of)
 * the indentation of the statement the bracket belongs to, so the bracket was never closed.
 */
function startsDefinition(text: string, i: number, to: number, statementIndent: number): boolean {
  let col = 0;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === Ch.Space) col++;
    else if (c === Ch.Tab) col = (col & ~7) + 8;
    else break;
    i++;
  }
  if (col > statementIndent || i >= to) return false;
  const first = text.charCodeAt(i);
  // d(ef) c(lass) i(mport) f(rom) r(eturn) t(ry) w(hile/ith)
  if (first !== 100 && first !== 99 && first !== 105 && first !== 102 && first !== 114 && first !== 116 && first !== 119) return false;
  let e = i + 1;
  while (e < to && isIdentPart(text.charCodeAt(e))) e++;
  if (e - i > 6 || (e < to && text.charCodeAt(e) !== Ch.Space)) return false;
  return RECOVERY_WORDS.includes(text.slice(i, e));
}


const shared = new Scan();

/**
 * Runs every branch of the scanner once when the module loads, so V8 optimizes it with complete
 * type feedback instead of deoptimizing and recompiling it each time a rare branch first runs.
 */
export const WARM_UP = [
  '#!/usr/bin/env python\r\n# comment\n',
  'import a.b as c, d\nfrom .x import (y as z, w)\nfrom m import *\n',
  '@dec(1)\nasync def f(a: int = 0, *b, **k) -> "T":\n\tif a <> b: print >>f, `a`, 10L, 0777, 0x1FL, 1.5e-3j, .5, 1_000\n',
  'x = [1,\n  2]; y = {"k": (3)}; z += 1; z -= 1; z *= 2; z //= 2; z **= 2; z @= m; z >>= 1; z <<= 1; z %= 3; z &= 1; z |= 1; z ^= 1\n',
  'for i in r: pass\nwhile x != y and x == y or x <= y or x >= y or x < y or x > y or ~x or x << 1 or x >> 1: break\n',
  's = r"\\d" + b\'x\' + u"y" + ur"z" + rb"q" + BR"Q" + Rb\'\'\'t\'\'\' + """doc\nstring""" + \'unterminated\n',
  't = f"{a!r:>{w}} {{lit}} {b[\'k\']}" + f\'{"n"}\' + rf"{x}\\{{" + f"""{\nx\n}""" + f"{x:{"y"}}" + t"{z}"\n',
  'v = a if b else c; w = lambda q: q; u := 1; $ ? \\ \\\n  continued\n',
  '(unclosed\ndef g(): return\nclass K: exec "code" in ns\ntry: x\nexcept E, e: pass\nwith a as b: del c; assert d\n',
  'print(xrange(2), raw_input()); exec(code); print (1); from m import x; import n\ntry: pass\nexcept (A, B) as e: f(a[1:2], lambda: 0)\n',
  'def h(a, (b, c)=(1, 2), *d): raise E, "m", tb\nk = lambda (x, y), z: x; raise E("m") from e\n',
  'g = f"\\{x}\\n{rb\'y\'}{a[(1)]}{d[\'k\']!s}" + rf"\\{z}\\}}" + f"{ {1: 2}[1] }" + f"{f\'{x}\'}" + "line\\\ncontinued"\n',
  'd = """esc\\"""q""" + \'\'\'t\\\'\'\'\'\'\' + "a\\"b" + \'c\\\'d\' + f"{x!r}" + f"{y:>{w}.{p}}"\n',
  'é = 1; 𝒳 = 2\x00\n',
].join('');
for (let k = 0; k < 3; k++) {
  shared.reset(WARM_UP);
  shared.scan(0, WARM_UP.length);
}
// The text is read as given, not copied flat first: on Node 20 the copy (`(' ' + text).slice(1)`)
// is a sliced string, which the loop read ~25% slower, and an edited rope read no slower than a copy.
/** Scans one text into a shared table (valid until the next call). */
export function scanText(text: string): Scan {
  shared.reset(text);
  shared.scan(0, text.length);
  return shared;
}
/** Scans several regions of one text (notebook cells) into the shared table, each on its own. */
export function scanRegions(text: string, regions: ReadonlyArray<readonly [number, number]>): Scan {
  shared.reset(text);
  for (const [from, to] of regions) shared.scan(from, to);
  return shared;
}
