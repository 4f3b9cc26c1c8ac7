// The roadmap's evidence detectors read Python through the engine's scanner (src/core/python), so a
// name in a comment or a string literal never counts as using it, exactly as for the pitfall rules.
// This adapter turns the scanner's typed arrays into the few token kinds the detectors match on.
import { scanText } from '../python/scanner';
import { Tok } from '../python/tokens';

export type TokenKind = 'name' | 'string' | 'number' | 'op' | 'comment';

export interface Token {
  kind: TokenKind;
  /** For strings: the literal's content without prefix and quotes (escapes left as written); for comments, the text after `#`. */
  value: string;
  /** An f-string: its `{…}` fields are code. */
  formatted?: true;
}

/** Tokens and comments in source order; logical-line ends are left out. Never throws. */
export function tokenize(source: string): Token[] {
  const scan = scanText(source);
  const tokens: Token[] = [];
  let comment = 0;
  const flushCommentsBefore = (offset: number) => {
    while (comment < scan.comments && scan.commentSpans[comment * 2] < offset) {
      tokens.push({ kind: 'comment', value: source.slice(scan.commentSpans[comment * 2] + 1, scan.commentSpans[comment * 2 + 1]) });
      comment++;
    }
  };
  for (let i = 0; i < scan.count; i++) {
    const kind = scan.kind[i];
    if (kind === Tok.Newline) continue;
    flushCommentsBefore(scan.start[i]);
    const text = scan.tokenText(i);
    if (kind === Tok.Name) tokens.push({ kind: 'name', value: text });
    else if (kind === Tok.String) tokens.push(/^[a-eg-z]*f/i.test(text) ? { kind: 'string', value: stringContent(text), formatted: true } : { kind: 'string', value: stringContent(text) });
    else if (kind === Tok.Number) tokens.push({ kind: 'number', value: text });
    else tokens.push({ kind: 'op', value: text });
  }
  flushCommentsBefore(Infinity);
  return tokens;
}

/** `rb'''x'''` → `x`; an unterminated literal keeps everything after its opening quotes. */
function stringContent(literal: string): string {
  let q = 0;
  while (q < literal.length && literal[q] !== '"' && literal[q] !== "'") q++;
  const quote = literal[q];
  const delim = literal.startsWith(quote.repeat(3), q) ? quote.repeat(3) : quote;
  const body = literal.slice(q + delim.length);
  return body.length >= delim.length && body.endsWith(delim) && !endsEscaped(body, delim.length) ? body.slice(0, -delim.length) : body;
}

/** Whether the closing quote at the end of `body` is escaped (an odd run of backslashes before it). */
function endsEscaped(body: string, delimLength: number): boolean {
  let k = body.length - delimLength - 1;
  let slashes = 0;
  while (k >= 0 && body[k] === '\\') {
    slashes++;
    k--;
  }
  return slashes % 2 === 1;
}

/** The code in an f-string's `{…}` fields (`{{` is a literal brace), each field on its own line. */
export function formattedFields(content: string): string {
  const fields: string[] = [];
  for (let i = 0; i < content.length; i++) {
    if (content[i] !== '{') continue;
    if (content[i + 1] === '{') {
      i++;
      continue;
    }
    let depth = 1;
    let k = i + 1;
    for (; k < content.length && depth > 0; k++) {
      if (content[k] === '{') depth++;
      else if (content[k] === '}') depth--;
    }
    fields.push(content.slice(i + 1, depth === 0 ? k - 1 : k));
    i = k - 1;
  }
  return fields.join('\n');
}
