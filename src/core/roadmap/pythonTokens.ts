// A small Python tokenizer for the roadmap's evidence detectors: just enough to tell code from
// comments and string literals, so `# fetch_california_housing` or "read_csv" in a string never
// counts as using it. Never throws; unterminated strings run to the end of the text.

export type TokenKind = 'name' | 'string' | 'number' | 'op' | 'comment';

export interface Token {
  kind: TokenKind;
  /** For strings: the literal's content without prefix and quotes (escapes left as written). */
  value: string;
}

const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}_]/u;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const ch = source[i];
    if (ch === '#') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      tokens.push({ kind: 'comment', value: source.slice(i + 1, stop) });
      i = stop;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '\f' || ch === '\\') {
      i++;
      continue;
    }
    // String, possibly with a prefix (r, b, f, u, rb, fr, …).
    const prefix = /^[rRbBuUfF]{0,2}(['"])/.exec(source.slice(i, i + 3));
    if (prefix && (prefix[0].length === 1 || NAME_START.test(ch))) {
      const raw = /[rR]/.test(prefix[0]);
      const start = i + prefix[0].length - 1;
      const quote = source[start];
      const triple = source.startsWith(quote.repeat(3), start);
      const delim = triple ? quote.repeat(3) : quote;
      let j = start + delim.length;
      while (j < n) {
        const c = source[j];
        if (c === '\\' && !raw) {
          j += 2;
          continue;
        }
        if (c === '\\' && raw) {
          j += 2; // a raw string still cannot end on an escaped quote
          continue;
        }
        if (!triple && c === '\n') break;
        if (source.startsWith(delim, j)) break;
        j++;
      }
      const contentEnd = Math.min(j, n);
      tokens.push({ kind: 'string', value: source.slice(start + delim.length, contentEnd) });
      i = source.startsWith(delim, j) ? j + delim.length : contentEnd;
      continue;
    }
    if (NAME_START.test(ch)) {
      let j = i + 1;
      while (j < n && NAME_PART.test(source[j])) j++;
      tokens.push({ kind: 'name', value: source.slice(i, j) });
      i = j;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[0-9a-zA-Z_.]/.test(source[j])) j++;
      tokens.push({ kind: 'number', value: source.slice(i, j) });
      i = j;
      continue;
    }
    tokens.push({ kind: 'op', value: ch });
    i++;
  }
  return tokens;
}
