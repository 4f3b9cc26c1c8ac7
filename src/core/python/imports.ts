// Import statements read from the token table: which local names refer to which modules/objects.
import type { Scan } from './scanner';
import { Key, Tok } from './tokens';

export interface ImportBinding {
  /** Name the statement binds (`np`, `lb`, `a` for `import a.b.c`); `*` for a star import. */
  local: string;
  /** Dotted path the local name refers to (`numpy`, `sklearn.datasets.load_boston`). */
  qualified: string;
  /** Module path as written (`sklearn.datasets`; for `import a.b.c` the whole `a.b.c`). */
  module: string;
  /** The imported name of a `from` import (`load_boston`), undefined for `import x`. */
  name: string | undefined;
  statement: number;
  /** Tokens of the module path: [moduleFirst, moduleEnd). */
  moduleFirst: number;
  moduleEnd: number;
  /** Token of the imported name in a `from` import, else -1. */
  nameToken: number;
  /** Token of the `as` alias, else -1. */
  aliasToken: number;
  /** `from . import x` and friends: never resolved to installed packages. */
  relative: boolean;
}

/** Reads every import statement (also inside functions and one-line compound statements). */
export function readImports(scan: Scan): ImportBinding[] {
  const out: ImportBinding[] = [];
  for (let s = 0; s < scan.statements; s++) {
    const key = scan.stKey[s];
    if (key === Key.Import) readImport(scan, s, out);
    else if (key === Key.From) readFromImport(scan, s, out);
  }
  return out;
}

/** Reads `NAME(.NAME)*` from token `t`; returns [dotted, endToken] or undefined. */
function dotted(scan: Scan, t: number, end: number): [string, number] | undefined {
  if (t >= end || scan.kind[t] !== Tok.Name) return undefined;
  let name = scan.tokenText(t);
  t++;
  while (t + 1 < end && scan.kind[t] === Tok.Dot && scan.kind[t + 1] === Tok.Name) {
    name += '.' + scan.tokenText(t + 1);
    t += 2;
  }
  return [name, t];
}

function readImport(scan: Scan, s: number, out: ImportBinding[]): void {
  const end = scan.stEnd[s];
  let t = scan.stFirst[s] + 1;
  while (t < end) {
    const d = dotted(scan, t, end);
    if (!d) return;
    const [module, after] = d;
    let aliasToken = -1;
    let next = after;
    if (scan.isName(next, 'as') && scan.kind[next + 1] === Tok.Name) {
      aliasToken = next + 1;
      next += 2;
    }
    const top = module.split('.', 1)[0];
    out.push({
      local: aliasToken >= 0 ? scan.tokenText(aliasToken) : top,
      qualified: aliasToken >= 0 ? module : top,
      module,
      name: undefined,
      statement: s,
      moduleFirst: t,
      moduleEnd: after,
      nameToken: -1,
      aliasToken,
      relative: false,
    });
    if (scan.kind[next] !== Tok.Comma) return;
    t = next + 1;
  }
}

function readFromImport(scan: Scan, s: number, out: ImportBinding[]): void {
  const end = scan.stEnd[s];
  let t = scan.stFirst[s] + 1;
  let relative = false;
  while (t < end && scan.kind[t] === Tok.Dot) {
    relative = true;
    t++;
  }
  const moduleFirst = t;
  let module = '';
  const d = dotted(scan, t, end);
  if (d && !scan.isName(t, 'import')) {
    module = d[0];
    t = d[1];
  }
  const moduleEnd = t;
  if (!scan.isName(t, 'import')) return;
  t++;
  if (scan.kind[t] === Tok.LPar) t++;
  while (t < end) {
    const k = scan.kind[t];
    if (k === Tok.Operator && scan.text.charCodeAt(scan.start[t]) === 42 /* * */) {
      out.push({ local: '*', qualified: module, module, name: '*', statement: s, moduleFirst, moduleEnd, nameToken: t, aliasToken: -1, relative });
      return;
    }
    if (k !== Tok.Name) return;
    const name = scan.tokenText(t);
    let aliasToken = -1;
    let next = t + 1;
    if (scan.isName(next, 'as') && scan.kind[next + 1] === Tok.Name) {
      aliasToken = next + 1;
      next += 2;
    }
    out.push({
      local: aliasToken >= 0 ? scan.tokenText(aliasToken) : name,
      qualified: module ? `${module}.${name}` : name,
      module,
      name,
      statement: s,
      moduleFirst,
      moduleEnd,
      nameToken: t,
      aliasToken,
      relative,
    });
    if (scan.kind[next] !== Tok.Comma) return;
    t = next + 1;
  }
}
