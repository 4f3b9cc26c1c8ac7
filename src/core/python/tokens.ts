// Token and statement kinds produced by the scanner (src/core/python/scanner.ts).
// Stored as small integers in typed arrays so a file is scanned without allocating per token.

export const enum Tok {
  Name = 1,
  Number,
  String,
  /** End of a logical line (a newline outside brackets, or end of file). */
  Newline,
  LPar,
  RPar,
  LSqb,
  RSqb,
  LBrace,
  RBrace,
  Dot,
  Comma,
  Colon,
  Semi,
  /** `=` */
  Equal,
  /** `+=` */
  PlusEqual,
  /** Any other augmented assignment (`-=`, `*=`, …). */
  AugAssign,
  /** Comparison and other operators we never look inside (`==`, `<=`, `**`, …). */
  Operator,
  Plus,
  /** `<>`, Python 2's inequality. */
  LessGreater,
  /** `` ` ``, Python 2's repr. */
  Backtick,
  /** `>>` */
  RightShift,
  At,
  Arrow,
  /** A character Python does not accept here (`$`, `?`, a stray `\`). */
  Error,
}

/** The keyword a statement starts with, when it matters to a rule. */
export const enum Key {
  None = 0,
  Import,
  From,
  For,
  While,
  If,
  Elif,
  Else,
  Try,
  Except,
  Finally,
  With,
  Def,
  Class,
  Async,
  Print,
  Exec,
  Assert,
  Return,
  Del,
  Raise,
}

/** Python 2 leftovers the scanner notices while it reads (the python2 rule turns them into findings). */
export const enum Py2Mark {
  Backtick = 1,
  LessGreater,
  LongNumber,
  OctalNumber,
  UrString,
}
