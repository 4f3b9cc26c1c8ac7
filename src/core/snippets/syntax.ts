// Parser for VS Code's snippet syntax (the TextMate subset VS Code documents): tab stops `$1`, placeholders
// `${1:default}` (nested), choices `${1|a,b|}`, variables `$NAME` / `${NAME:default}`, transforms
// `${1/regex/format/flags}` and escapes `\$ \} \\`. Like VS Code it is lenient: text that does not form a
// construct stays literal. Unlike VS Code it also reports those spots as problems, so a typo in a snippet
// file fails validation instead of shipping a stray `$`.

export type FormatItem =
  | { kind: 'text'; value: string }
  | { kind: 'group'; group: number; modifier?: 'upcase' | 'downcase' | 'capitalize' | 'camelcase' | 'pascalcase'; ifText?: string; elseText?: string };

export interface Transform {
  regex: string;
  flags: string;
  format: FormatItem[];
}

export type SnippetNode =
  | { kind: 'text'; value: string }
  /** `$1`, `${1}`, `${1:children}`, `${1|a,b|}`, `${1/re/fmt/}`; `children` only for placeholders. */
  | { kind: 'tabstop'; index: number; children?: SnippetNode[]; choices?: string[]; transform?: Transform }
  | { kind: 'variable'; name: string; children?: SnippetNode[]; transform?: Transform };

export interface ParsedSnippet {
  nodes: SnippetNode[];
  /** Places where the text looks like a construct but is not one (it is kept literally, as VS Code does). */
  problems: string[];
}

const DIGITS = /[0-9]+/y;
const VARIABLE = /[_a-zA-Z][_a-zA-Z0-9]*/y;
const MODIFIERS = ['upcase', 'downcase', 'capitalize', 'camelcase', 'pascalcase'] as const;

class Parser {
  pos = 0;
  readonly problems: string[] = [];
  constructor(readonly src: string) {}

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  private eat(ch: string): boolean {
    if (this.src.startsWith(ch, this.pos)) {
      this.pos += ch.length;
      return true;
    }
    return false;
  }

  private where(at: number): string {
    const before = this.src.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    return `line ${line}, column ${column}`;
  }

  /** Nodes until the end, or (inside a placeholder) until an unescaped `}` which is left for the caller. */
  parseNodes(insidePlaceholder: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && '$}\\'.includes(this.src[this.pos + 1] ?? '')) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (ch === '}' && insidePlaceholder) {
        break;
      } else if (ch === '$') {
        const start = this.pos;
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          this.pos = start + 1;
          text += '$';
          this.problems.push(`"$" at ${this.where(start)} does not start a tab stop, placeholder or variable (write \\$ for a literal dollar)`);
        }
      } else {
        text += ch;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  private parseDollar(): SnippetNode | undefined {
    const start = this.pos;
    this.pos++; // $
    const digits = this.match(DIGITS);
    if (digits !== undefined) return { kind: 'tabstop', index: Number(digits) };
    const name = this.match(VARIABLE);
    if (name !== undefined) return { kind: 'variable', name };
    if (!this.eat('{')) return undefined;
    const node = this.parseBraced();
    if (!node) this.pos = start;
    return node;
  }

  /** After `${`. */
  private parseBraced(): SnippetNode | undefined {
    const digits = this.match(DIGITS);
    if (digits !== undefined) {
      const index = Number(digits);
      if (this.eat('}')) return { kind: 'tabstop', index };
      if (this.eat(':')) {
        const children = this.parseNodes(true);
        return this.eat('}') ? { kind: 'tabstop', index, children } : undefined;
      }
      if (this.eat('|')) {
        const choices = this.parseChoices();
        return choices ? { kind: 'tabstop', index, choices } : undefined;
      }
      if (this.eat('/')) {
        const transform = this.parseTransform();
        return transform ? { kind: 'tabstop', index, transform } : undefined;
      }
      return undefined;
    }
    const name = this.match(VARIABLE);
    if (name === undefined) return undefined;
    if (this.eat('}')) return { kind: 'variable', name };
    if (this.eat(':')) {
      const children = this.parseNodes(true);
      return this.eat('}') ? { kind: 'variable', name, children } : undefined;
    }
    if (this.eat('/')) {
      const transform = this.parseTransform();
      return transform ? { kind: 'variable', name, transform } : undefined;
    }
    return undefined;
  }

  /** After `${1|`: options separated by `,`, closed by `|}`; `\,` `\|` `\\` `\$` `\}` escape. */
  private parseChoices(): string[] | undefined {
    const choices: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && ',|\\$}'.includes(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (ch === ',') {
        choices.push(current);
        current = '';
        this.pos++;
      } else if (ch === '|') {
        choices.push(current);
        this.pos++;
        return this.eat('}') ? choices : undefined;
      } else {
        current += ch;
        this.pos++;
      }
    }
    return undefined;
  }

  /**
   * Text up to an unescaped `/`; `\/` becomes `/`, other escapes are kept for the regex engine. In the
   * format part (`inFormat`), a `/` inside `${1:/upcase}` belongs to the group, not the end.
   */
  private until(inFormat: boolean): string | undefined {
    let out = '';
    let depth = 0;
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && this.pos + 1 < this.src.length) {
        const next = this.src[this.pos + 1];
        out += next === '/' || (inFormat && '$\\'.includes(next)) ? next : ch + next;
        this.pos += 2;
      } else if (inFormat && ch === '$' && this.src[this.pos + 1] === '{') {
        depth++;
        out += '${';
        this.pos += 2;
      } else if (inFormat && ch === '}' && depth > 0) {
        depth--;
        out += ch;
        this.pos++;
      } else if (ch === '/' && depth === 0) {
        this.pos++;
        return out;
      } else {
        out += ch;
        this.pos++;
      }
    }
    return undefined;
  }

  /** After `${1/`: `regex/format/flags}`. */
  private parseTransform(): Transform | undefined {
    const regex = this.until(false);
    if (regex === undefined) return undefined;
    const formatStart = this.pos;
    const rawFormat = this.until(true);
    if (rawFormat === undefined) return undefined;
    const flags = this.match(/[a-z]*/y) ?? '';
    if (!this.eat('}')) return undefined;
    try {
      new RegExp(regex, flags);
    } catch (e) {
      this.problems.push(`invalid regular expression /${regex}/${flags} at ${this.where(formatStart)}: ${(e as Error).message}`);
    }
    return { regex, flags, format: parseFormat(this.src.slice(formatStart, this.pos - flags.length - 2)) };
  }
}

/** The format part of a transform: `$1`, `${1}`, `${1:/upcase}`, `${1:+if}`, `${1:-else}`, `${1:?if:else}`, `${1:else}`. */
function parseFormat(raw: string): FormatItem[] {
  const items: FormatItem[] = [];
  let text = '';
  let i = 0;
  const flush = () => {
    if (text) items.push({ kind: 'text', value: text });
    text = '';
  };
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === '\\' && i + 1 < raw.length) {
      const next = raw[i + 1];
      text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i += 2;
      continue;
    }
    if (ch === '$') {
      const simple = /^\$(\d+)/.exec(raw.slice(i)) ?? /^\$\{(\d+)\}/.exec(raw.slice(i));
      if (simple) {
        flush();
        items.push({ kind: 'group', group: Number(simple[1]) });
        i += simple[0].length;
        continue;
      }
      const complex = /^\$\{(\d+):(\/(\w+)|\+([^}]*)|-([^}]*)|\?([^:}]*):([^}]*)|([^}]*))\}/.exec(raw.slice(i));
      if (complex) {
        flush();
        const group = Number(complex[1]);
        const modifier = MODIFIERS.find((m) => m === complex[3]);
        if (complex[3] !== undefined) items.push({ kind: 'group', group, modifier });
        else if (complex[4] !== undefined) items.push({ kind: 'group', group, ifText: complex[4] });
        else if (complex[5] !== undefined) items.push({ kind: 'group', group, elseText: complex[5] });
        else if (complex[6] !== undefined) items.push({ kind: 'group', group, ifText: complex[6], elseText: complex[7] });
        else items.push({ kind: 'group', group, elseText: complex[8] });
        i += complex[0].length;
        continue;
      }
    }
    text += ch;
    i++;
  }
  flush();
  return items;
}

export function parseSnippet(body: string): ParsedSnippet {
  const parser = new Parser(body);
  const nodes = parser.parseNodes(false);
  return { nodes, problems: parser.problems };
}
