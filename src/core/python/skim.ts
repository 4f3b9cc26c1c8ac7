// A skim of Python source: the same lexical reading as the scanner (the same character tables
// and the same string, f-string, number and comment readers) without building a token table.
// Before paying for a full scan, the engine asks it whether a file imports a module some rule
// needs, or has code that could be Python 2. Most files have neither, and for them the skim is
// the whole analysis.
//
// It may answer yes where the full scan then finds nothing, never the other way round; a test
// (test/unit/python-skim.test.ts) holds the two readers together.
import { Ch, CLASS, Cls, isDigit, NAME_PART } from './chars';
import { scanText, WARM_UP } from './scanner';
import { numberMark, nextLineEnd, Prefix, scanFString, scanNumber, scanPlainString, setTextHasCR, stringPrefix } from './literals';

/** What the engine looks for before it scans a text in full. */
export interface SkimQuery {
  /** Top-level module names: is one of them imported? */
  modules: ReadonlySet<string>;
  /**
   * Could some code be Python 2 only: a backtick, `<>`, a long or legacy octal number, a `ur`
   * string, `print`/`exec` not directly called, `except` or `raise` with a comma, a parenthesised
   * parameter of a `def` or `lambda`, `xrange`/`raw_input`, a `python2` shebang?
   */
  python2Syntax: boolean;
}

/**
 * Whether `text` (or only the given regions, each on its own, as notebook cells are scanned) has
 * what `query` asks for. Stops at the first sign of it, so code that imports numpy on its first
 * line costs almost nothing here.
 */
export function skimFinds(text: string, query: SkimQuery, regions?: ReadonlyArray<readonly [number, number]>): boolean {
  if (query.python2Syntax && python2Shebang(text) !== undefined) return true;
  setTextHasCR(text.includes('\r'));
  if (regions === undefined) return skimRegion(text, 0, text.length, query);
  for (const [from, to] of regions) if (skimRegion(text, from, to, query)) return true;
  return false;
}

/** The `python2` a `#!` first line names, with its offset in the text, or undefined. */
export function python2Shebang(text: string): { command: string; start: number; lineEnd: number } | undefined {
  if (!text.startsWith('#!')) return undefined;
  let end = 0;
  while (end < text.length && text.charCodeAt(end) !== Ch.LF && text.charCodeAt(end) !== Ch.CR) end++;
  const m = /python2(?:\.\d+)?\b/.exec(text.slice(0, end));
  return m ? { command: m[0], start: m.index, lineEnd: end } : undefined;
}

/** The character after the blanks at `i` on the same line (0 at the end of the region). */
function nextOnLine(text: string, i: number, to: number): number {
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c !== Ch.Space && c !== Ch.Tab) return c;
    i++;
  }
  return 0;
}

/** The character before the blanks ending at `i` (0 at the start of the region). */
function previousOnLine(text: string, i: number, from: number): number {
  while (--i >= from) {
    const c = text.charCodeAt(i);
    if (c !== Ch.Space && c !== Ch.Tab && c !== Ch.FF) return c;
  }
  return 0;
}

/**
 * Whether a name at `i` can be the first token of a statement: what comes before it on its line
 * is blank, or a `;` or a `:` (`if x: print y`). `print` and `exec` only matter there; as a
 * value (`f(print)`, `out = print`) they are Python 3.
 */
function mayStartStatement(text: string, i: number, from: number): boolean {
  const c = previousOnLine(text, i, from);
  return c === 0 || c === Ch.LF || c === Ch.CR || c === Ch.Semi || c === Ch.Colon;
}

/**
 * Whether a `(` at `i` may start a parameter: what comes before it is a `(` or a `,`, or it begins
 * its line (the parameter before may end with a comment or a line continuation).
 */
function parameterMayStart(text: string, i: number, from: number): boolean {
  const c = previousOnLine(text, i, from);
  return c === Ch.LPar || c === Ch.Comma || c === 0 || c === Ch.LF || c === Ch.CR;
}

function skimRegion(text: string, from: number, to: number, query: SkimQuery): boolean {
  const { modules, python2Syntax } = query;
  let i = from;
  // Bracket depth as the scanner counts it, less its error recovery: never below the scanner's.
  let depth = 0;
  let inImport = false;
  /** Depth of the `except` or `raise` whose clause is being read (a comma at it is Python 2), or -1. */
  let exceptDepth = -1;
  /** Depth of the `def` whose parameters are being read, or -1. */
  let defDepth = -1;
  /** Depth of the outermost `lambda` whose parameters are being read (a nested one may sit deeper), or -1. */
  let lambdaDepth = -1;
  // Each sign of Python 2 answers at once when the query asks for it, and is ignored otherwise
  // (tested last, so that the warm-up, which asks for none, still runs every call).
  while (i < to) {
    const c = text.charCodeAt(i);
    switch (CLASS[c]) {
      case Cls.Blank:
        i++;
        while (i < to && text.charCodeAt(i) === Ch.Space) i++;
        continue;
      case Cls.Newline:
        if (depth === 0) {
          inImport = false;
          exceptDepth = -1;
          defDepth = -1;
          lambdaDepth = -1;
        }
        break;
      case Cls.Hash:
        i = nextLineEnd(text, i + 1, to);
        continue;
      case Cls.NameStart: {
        let e = i + 1;
        while (e < to && NAME_PART[text.charCodeAt(e)] === 1) e++;
        const prefix = stringPrefix(text, i, e, to);
        if (prefix >= 0) {
          if ((prefix & Prefix.UnicodeRaw) === Prefix.UnicodeRaw && python2Syntax) return true;
          i = prefix & Prefix.Format ? scanFString(text, e, to, (prefix & Prefix.Raw) !== 0) : scanPlainString(text, e, to);
          continue;
        }
        if (inImport && modules.has(text.slice(i, e))) return true;
        switch (e - i) {
          case 3: // def
            if (c === 100 && sameWord(text, i, 'def')) defDepth = depth;
            break;
          case 4: // exec, from
            if (c === 101 && sameWord(text, i, 'exec')) {
              if (nextOnLine(text, e, to) !== Ch.LPar && mayStartStatement(text, i, from) && python2Syntax) return true;
            } else if (c === 102 && sameWord(text, i, 'from')) inImport = true;
            break;
          case 5: // print, raise
            if (c === 112 && sameWord(text, i, 'print') && nextOnLine(text, e, to) !== Ch.LPar && mayStartStatement(text, i, from) && python2Syntax) return true;
            // `raise E, "message"`: a comma at the depth of `raise`, as for `except`
            else if (c === 114 && sameWord(text, i, 'raise')) exceptDepth = depth;
            break;
          case 6: // import, except, lambda, xrange
            if (c === 105 && sameWord(text, i, 'import')) inImport = true;
            else if (c === 101 && sameWord(text, i, 'except')) exceptDepth = depth;
            else if (c === 108 && sameWord(text, i, 'lambda')) {
              // `lambda (x, y): …`; a parameter on the next line is taken for one too
              const next = nextOnLine(text, e, to);
              if ((next === Ch.LPar || next === 0 || CLASS[next] === Cls.Newline || next === Ch.Backslash || next === Ch.Hash) && python2Syntax) return true;
              if (lambdaDepth < 0 || depth < lambdaDepth) lambdaDepth = depth;
            }
            else if (c === 120 && sameWord(text, i, 'xrange') && previousOnLine(text, i, from) !== Ch.Dot && python2Syntax) return true;
            break;
          case 9: // raw_input
            if (c === 114 && sameWord(text, i, 'raw_input') && previousOnLine(text, i, from) !== Ch.Dot && python2Syntax) return true;
            break;
        }
        i = e;
        continue;
      }
      case Cls.Quote:
        i = scanPlainString(text, i, to);
        continue;
      case Cls.Dot:
      case Cls.Digit: {
        if (c === Ch.Dot && !isDigit(text.charCodeAt(i + 1))) break; // `.5` is a number, `a.b` is not
        const e = scanNumber(text, i, to);
        if (numberMark(text, i, e) !== 0 && python2Syntax) return true;
        i = e;
        continue;
      }
      case Cls.Backslash: {
        const n1 = text.charCodeAt(i + 1);
        i += n1 === Ch.LF ? 2 : n1 === Ch.CR ? (text.charCodeAt(i + 2) === Ch.LF ? 3 : 2) : 1;
        continue;
      }
      case Cls.Open:
        // a parameter in parentheses: `def f(a, (b, c)):`, `lambda x, (y, z): …` (Python 3 has none)
        if (c === Ch.LPar && ((defDepth >= 0 && depth === defDepth + 1) || (lambdaDepth >= 0 && depth >= lambdaDepth)) && parameterMayStart(text, i, from) && python2Syntax) return true;
        depth++;
        break;
      case Cls.Close:
        // closing below the `except`: the scanner's depth may differ from ours from here on
        if (depth === exceptDepth && python2Syntax) return true;
        if (depth > 0) depth--;
        break;
      case Cls.Comma:
        if (depth === exceptDepth && python2Syntax) return true;
        break;
      case Cls.Colon:
        if (text.charCodeAt(i + 1) === Ch.Equal) i++;
        else {
          if (depth === exceptDepth) exceptDepth = -1;
          if (depth === defDepth) defDepth = -1;
          if (depth === lambdaDepth) lambdaDepth = -1;
        }
        break;
      case Cls.Backtick:
        if (python2Syntax) return true;
        break;
      case Cls.Less:
        if (text.charCodeAt(i + 1) === Ch.Greater && python2Syntax) return true;
        break;
    }
    i++;
  }
  return false;
}

// Same reason as the scanner's warm-up: every branch runs once before V8 optimizes the loop.
// The query asks for no Python 2 and a module never imported, so the whole text is read.
const WARM_UP_QUERY: SkimQuery = { modules: new Set(['\u0000']), python2Syntax: false };
for (let k = 0; k < 3; k++) skimFinds(WARM_UP, WARM_UP_QUERY);

/**
 * Reads ~10 KB of code (about 7 ms), enough for V8 to start optimizing the skim and the scanner
 * on a background thread; see `warmUpForManyFiles`.
 */
export function warmUpReaders(): void {
  const text = WARM_UP.repeat(8);
  skimFinds(text, WARM_UP_QUERY);
  scanText(text);
}

function sameWord(text: string, i: number, word: string): boolean {
  for (let k = 1; k < word.length; k++) if (text.charCodeAt(i + k) !== word.charCodeAt(k)) return false;
  return true;
}
