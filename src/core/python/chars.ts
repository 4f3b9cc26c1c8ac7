// Character classes of Python source, shared by the scanner and its literal readers.

export const enum Ch {
  Tab = 9,
  LF = 10,
  FF = 12,
  CR = 13,
  Space = 32,
  Bang = 33,
  DQuote = 34,
  Hash = 35,
  Percent = 37,
  Amp = 38,
  SQuote = 39,
  LPar = 40,
  RPar = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  Semi = 59,
  Less = 60,
  Equal = 61,
  Greater = 62,
  At = 64,
  LSqb = 91,
  Backslash = 92,
  RSqb = 93,
  Caret = 94,
  Underscore = 95,
  Backtick = 96,
  LBrace = 123,
  Pipe = 124,
  RBrace = 125,
  Tilde = 126,
}

/** 1 for characters that may continue an identifier (ASCII part; everything ≥ 128 counts too). */
export const IDENT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  IDENT[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 ? 1 : 0;
}
export function isIdentPart(c: number): boolean {
  return c < 128 ? IDENT[c] === 1 : c !== 0xa0 && c !== 0xfeff && c !== 0x2028 && c !== 0x2029;
}
export function isIdentStart(c: number): boolean {
  return isIdentPart(c) && !(c >= Ch.Zero && c <= Ch.Nine);
}
/** String prefix letters: r, b, u, f, t in either case. */
export function isPrefixLetter(c: number): boolean {
  c |= 0x20;
  return c === 114 || c === 98 || c === 117 || c === 102 || c === 116;
}
export function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

/** Character classes the scanner and the skim dispatch on: one table lookup per character, for all of UTF-16. */
export const enum Cls {
  Other = 0,
  Blank,
  Newline,
  Hash,
  NameStart,
  Quote,
  Digit,
  Dot,
  Backslash,
  Open,
  Close,
  Comma,
  Colon,
  Backtick,
  Less,
}
export const CLASS = new Uint8Array(65536);
/** 1 where a character continues a name (`isIdentPart`). */
export const NAME_PART = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) {
  NAME_PART[c] = isIdentPart(c) ? 1 : 0;
  CLASS[c] = isIdentStart(c) ? Cls.NameStart : isDigit(c) ? Cls.Digit : Cls.Other;
}
CLASS[Ch.Space] = CLASS[Ch.Tab] = CLASS[Ch.FF] = Cls.Blank;
CLASS[Ch.LF] = CLASS[Ch.CR] = Cls.Newline;
CLASS[Ch.Hash] = Cls.Hash;
CLASS[Ch.DQuote] = CLASS[Ch.SQuote] = Cls.Quote;
CLASS[Ch.Dot] = Cls.Dot;
CLASS[Ch.Backslash] = Cls.Backslash;
CLASS[Ch.LPar] = CLASS[Ch.LSqb] = CLASS[Ch.LBrace] = Cls.Open;
CLASS[Ch.RPar] = CLASS[Ch.RSqb] = CLASS[Ch.RBrace] = Cls.Close;
CLASS[Ch.Comma] = Cls.Comma;
CLASS[Ch.Colon] = Cls.Colon;
CLASS[Ch.Backtick] = Cls.Backtick;
CLASS[Ch.Less] = Cls.Less;
