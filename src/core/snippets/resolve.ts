// Turns a snippet body into the text VS Code inserts before the user types anything: placeholders become
// their defaults, choices their first option, mirrors (`$1` after `${1:df}`) copy the default, `$0` and
// tab stops without a default become empty, variables take the given values. Tests parse this text as
// Python, lint it, and compare it with what the real editor inserts.
import { type FormatItem, type SnippetNode, type Transform, parseSnippet } from './syntax';

export interface ResolveOptions {
  /** Values for `$TM_FILENAME` and friends; a variable not listed here is "unknown" (VS Code inserts its name). */
  variables?: Record<string, string>;
  /** What a leading tab becomes (VS Code uses the editor's indentation); four spaces by default. */
  indentUnit?: string;
  /** Text typed into tab stops (by index), replacing their defaults everywhere they appear. */
  values?: Record<number, string>;
}

/** Variables VS Code knows, with the values of an untitled-free, selection-free editor on `main.py`. */
export const DEFAULT_VARIABLES: Readonly<Record<string, string>> = {
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  TM_FILENAME: 'main.py',
  TM_FILENAME_BASE: 'main',
  TM_DIRECTORY: '/workspace',
  TM_FILEPATH: '/workspace/main.py',
  RELATIVE_FILEPATH: 'main.py',
  CLIPBOARD: '',
  WORKSPACE_NAME: 'workspace',
  WORKSPACE_FOLDER: '/workspace',
  CURSOR_INDEX: '0',
  CURSOR_NUMBER: '1',
  CURRENT_YEAR: '2025',
  CURRENT_YEAR_SHORT: '25',
  CURRENT_MONTH: '01',
  CURRENT_MONTH_NAME: 'January',
  CURRENT_MONTH_NAME_SHORT: 'Jan',
  CURRENT_DATE: '01',
  CURRENT_DAY_NAME: 'Monday',
  CURRENT_DAY_NAME_SHORT: 'Mon',
  CURRENT_HOUR: '12',
  CURRENT_MINUTE: '00',
  CURRENT_SECOND: '00',
  CURRENT_SECONDS_UNIX: '1735732800',
  CURRENT_TIMEZONE_OFFSET: '+00:00',
  RANDOM: '123456',
  RANDOM_HEX: 'abcdef',
  UUID: '00000000-0000-4000-8000-000000000000',
  BLOCK_COMMENT_START: '"""',
  BLOCK_COMMENT_END: '"""',
  LINE_COMMENT: '#',
};

/** The body as an editor shows it right after insertion, before any tab stop is edited. */
export function resolveSnippet(body: string, options: ResolveOptions = {}): string {
  const { nodes } = parseSnippet(body);
  const variables = options.variables ?? DEFAULT_VARIABLES;
  const values = tabstopValues(nodes, variables, options.values ?? {});
  const text = render(nodes, values, variables, options.values ?? {});
  const unit = options.indentUnit ?? '    ';
  return text.replace(/^\t+/gm, (tabs) => unit.repeat(tabs.length));
}

type Values = Map<number, string>;

/**
 * The text each tab stop index shows: the first placeholder or choice with that index defines it (VS Code's
 * rule), resolving nested tab stops inside it first.
 */
function tabstopValues(nodes: SnippetNode[], variables: Record<string, string>, typed: Record<number, string>): Values {
  const definitions = new Map<number, SnippetNode & { kind: 'tabstop' }>();
  const collect = (list: SnippetNode[]) => {
    for (const node of list) {
      if (node.kind === 'tabstop' && (node.children || node.choices) && !definitions.has(node.index)) definitions.set(node.index, node);
      if (node.kind !== 'text' && node.children) collect(node.children);
    }
  };
  collect(nodes);
  const values: Values = new Map(Object.entries(typed).map(([i, v]) => [Number(i), v]));
  const resolving = new Set<number>();
  const valueOf = (index: number): string => {
    const known = values.get(index);
    if (known !== undefined) return known;
    const def = definitions.get(index);
    if (!def || resolving.has(index)) return '';
    resolving.add(index);
    const value = def.choices ? (def.choices[0] ?? '') : renderWith(def.children ?? [], valueOf, variables, typed);
    resolving.delete(index);
    values.set(index, value);
    return value;
  };
  for (const index of definitions.keys()) valueOf(index);
  return values;
}

function render(nodes: SnippetNode[], values: Values, variables: Record<string, string>, typed: Record<number, string>): string {
  return renderWith(nodes, (i) => values.get(i) ?? '', variables, typed);
}

function renderWith(nodes: SnippetNode[], valueOf: (index: number) => string, variables: Record<string, string>, typed: Record<number, string>): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      out += node.value;
    } else if (node.kind === 'tabstop') {
      const value =
        node.index in typed ? typed[node.index]
        : node.children ? renderWith(node.children, valueOf, variables, typed)
        : node.choices ? (node.choices[0] ?? '')
        : valueOf(node.index);
      out += node.transform ? applyTransform(value, node.transform) : value;
    } else {
      const known = Object.prototype.hasOwnProperty.call(variables, node.name);
      const value = known ? variables[node.name] : undefined;
      if (value) out += node.transform ? applyTransform(value, node.transform) : value;
      else if (node.children) out += renderWith(node.children, valueOf, variables, typed);
      else if (!known) out += node.name; // VS Code turns an unknown variable into a placeholder showing its name
    }
  }
  return out;
}

export function applyTransform(value: string, transform: Transform): string {
  let regex: RegExp;
  try {
    regex = new RegExp(transform.regex, transform.flags);
  } catch {
    return value;
  }
  return value.replace(regex, (...args: unknown[]) => {
    // args: match, p1…pn, offset, input[, named groups]
    const end = typeof args[args.length - 1] === 'object' ? -3 : -2;
    return formatMatch(transform.format, args.slice(0, end) as (string | undefined)[]);
  });
}

function formatMatch(format: FormatItem[], groups: (string | undefined)[]): string {
  let out = '';
  for (const item of format) {
    if (item.kind === 'text') {
      out += item.value;
      continue;
    }
    const captured = groups[item.group] ?? '';
    if (item.modifier) out += modify(captured, item.modifier);
    else if (item.ifText !== undefined && item.elseText !== undefined) out += captured ? item.ifText : item.elseText;
    else if (item.ifText !== undefined) out += captured ? item.ifText : '';
    else if (item.elseText !== undefined) out += captured || item.elseText;
    else out += captured;
  }
  return out;
}

function modify(text: string, modifier: NonNullable<Extract<FormatItem, { kind: 'group' }>['modifier']>): string {
  const words = () => text.split(/[\s_-]+/).filter(Boolean);
  switch (modifier) {
    case 'upcase':
      return text.toUpperCase();
    case 'downcase':
      return text.toLowerCase();
    case 'capitalize':
      return text.charAt(0).toUpperCase() + text.slice(1);
    case 'pascalcase':
      return words().map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
    case 'camelcase':
      return words().map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  }
}
