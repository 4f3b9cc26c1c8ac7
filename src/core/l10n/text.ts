// Sentences the editor shows in the user's language. The core never imports `vscode`, so it says
// each sentence as an English template with numbered placeholders (`{0}`, `{1}`, as vscode.l10n.t
// takes them) and its arguments. The core renders the English (CLI, JSON, tests); the editor renders
// the same template through its translation bundle (l10n/bundle.l10n.*.json, keyed by the template).
// Templates are literal strings at the `msg` call, so a unit test finds them all in the source and
// checks every bundle has them. Arguments that are code (names, versions, paths) are strings and are
// never translated; an argument that is itself a sentence is a nested `Msg` and is translated too.

export interface Msg {
  readonly template: string;
  readonly args: readonly MsgArg[];
}
export type MsgArg = string | number | Msg;

/** A translatable sentence: `template` must be a string literal (the bundles are checked against the source). */
export function msg(template: string, ...args: MsgArg[]): Msg {
  return { template, args };
}

/** How a template is turned into text: vscode.l10n.t in the editor, `english` everywhere else. */
export type Translate = (template: string, args: Array<string | number>) => string;

const PLACEHOLDER = /\{([^}]+)\}/g;

/** Fills `{0}`, `{1}` … as vscode.l10n.t does: a placeholder without an argument stays as written. */
export function format(template: string, args: ReadonlyArray<string | number>): string {
  if (args.length === 0) return template;
  return template.replace(PLACEHOLDER, (whole, key: string) => {
    const value = args[Number(key)];
    return value === undefined ? whole : String(value);
  });
}

export const english: Translate = format;

/** The text of a message, nested sentences first; English unless `translate` is given. */
export function render(m: Msg, translate: Translate = english): string {
  const args = m.args;
  if (args.length === 0) return translate(m.template, []);
  const flat: Array<string | number> = new Array(args.length);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    flat[i] = typeof a === 'object' ? render(a, translate) : a;
  }
  return translate(m.template, flat);
}

/** Every template a message uses, its own first, then its nested sentences'. */
export function templatesOf(m: Msg): string[] {
  const out = [m.template];
  for (const a of m.args) if (typeof a === 'object') out.push(...templatesOf(a));
  return out;
}

/** The placeholders a template uses (`{0}`, `{1}`), sorted, for comparing a translation with its template. */
export function placeholdersOf(template: string): string[] {
  return Array.from(template.matchAll(PLACEHOLDER), (m) => m[0]).sort();
}

/** A finding's `message` (English) and `l10n` (the template) from one message. */
export function said(m: Msg): { message: string; l10n: Msg } {
  return { message: render(m), l10n: m };
}
