// Which names hold pandas objects, statement by statement, without type inference: a name is a
// DataFrame/Series from its assignment `df = pd.read_csv(…)` (or `df2 = df.dropna()`, `s = df["x"]`)
// until it is assigned something else. A list named `df` is never taken for a DataFrame.
import type { Program } from '../../python/program';
import { Key, Tok } from '../../python/tokens';

/** pandas functions whose result is a DataFrame or Series. */
const PANDAS_CONSTRUCTORS = new Set([
  'pandas.DataFrame',
  'pandas.Series',
  'pandas.concat',
  'pandas.merge',
  'pandas.get_dummies',
  'pandas.pivot_table',
  'pandas.crosstab',
  'pandas.json_normalize',
  'pandas.melt',
  'pandas.DataFrame.from_dict',
  'pandas.DataFrame.from_records',
]);

/** Methods of a DataFrame/Series that return a DataFrame/Series. */
const PANDAS_METHODS = new Set([
  'copy', 'drop', 'dropna', 'fillna', 'head', 'tail', 'sort_values', 'sort_index', 'reset_index', 'set_index',
  'rename', 'query', 'sample', 'astype', 'merge', 'join', 'assign', 'filter', 'select_dtypes', 'drop_duplicates',
  'replace', 'transpose', 'pivot', 'pivot_table', 'melt', 'groupby', 'agg', 'aggregate', 'sum', 'mean', 'median',
  'count', 'min', 'max', 'std', 'apply', 'describe', 'corr', 'isna', 'notna', 'isnull', 'notnull', 'nlargest',
  'nsmallest', 'value_counts', 'to_frame', 'explode', 'abs', 'round', 'clip', 'diff', 'shift', 'cumsum',
  'interpolate', 'reindex', 'append', 'where', 'mask', 'map', 'applymap', 'stack', 'unstack', 'infer_objects',
]);
const PANDAS_ATTRIBUTES = new Set(['loc', 'iloc', 'T']);

export function isPandasConstructor(qualified: string): boolean {
  return PANDAS_CONSTRUCTORS.has(qualified) || qualified.startsWith('pandas.read_');
}

/**
 * Whether tokens [a, z] form an expression that yields a pandas object: a pandas constructor or
 * reader call, or a live pandas name, followed only by indexing and pandas-returning methods.
 */
export function isPandasExpression(program: Program, live: ReadonlySet<string>, a: number, z: number): boolean {
  const { scan } = program;
  if (a > z || scan.kind[a] !== Tok.Name || !program.isReference(a)) return false;
  let pos: number;
  if (live.has(scan.tokenText(a))) pos = a + 1;
  else {
    const end = program.chainEnd(a);
    const q = program.qualifiedChain(a);
    if (q === undefined || !isPandasConstructor(q) || scan.kind[end] !== Tok.LPar) return false;
    // the chain may resolve only partly (`pd.read_csv` resolves fully; `pd.DataFrame(...)` too)
    const close = scan.closing(end);
    if (close < 0) return false;
    pos = close + 1;
  }
  while (pos <= z) {
    const k = scan.kind[pos];
    if (k === Tok.Dot && scan.kind[pos + 1] === Tok.Name) {
      const m = scan.tokenText(pos + 1);
      if (PANDAS_ATTRIBUTES.has(m)) {
        pos += 2;
        continue;
      }
      if (PANDAS_METHODS.has(m) && scan.kind[pos + 2] === Tok.LPar) {
        const close = scan.closing(pos + 2);
        if (close < 0) return false;
        pos = close + 1;
        continue;
      }
      return false;
    }
    if (k === Tok.LSqb) {
      const close = scan.closing(pos);
      if (close < 0) return false;
      pos = close + 1;
      continue;
    }
    return false;
  }
  return true;
}

/** Last token of statement `s` before its terminator. */
export function statementLast(program: Program, s: number): number {
  const { scan } = program;
  const last = scan.stEnd[s] - 1;
  const k = scan.kind[last];
  return k === Tok.Newline || k === Tok.Semi ? last - 1 : last;
}

/** Names a statement (re)binds: `a = …`, `a, b = …`, `for a in …`, `with … as a`. */
export function boundNames(program: Program, s: number): number[] {
  const { scan } = program;
  const first = scan.stFirst[s];
  const end = scan.stEnd[s];
  const out: number[] = [];
  const key = scan.stKey[s];
  if (key === Key.For) {
    for (let t = first + 1; t < end && !scan.isName(t, 'in'); t++) if (scan.kind[t] === Tok.Name) out.push(t);
    return out;
  }
  if (key === Key.With) {
    for (let t = first + 1; t < end; t++) if (scan.isName(t, 'as') && scan.kind[t + 1] === Tok.Name) out.push(t + 1);
    return out;
  }
  // assignment targets: names at depth of the statement before the last top-level `=`
  let eq = -1;
  const d = scan.depth[first];
  for (let t = first; t < end; t++) if (scan.kind[t] === Tok.Equal && scan.depth[t] === d) eq = t;
  if (eq < 0) return out;
  for (let t = first; t < eq; t++) {
    if (scan.kind[t] === Tok.Name && scan.kind[t - 1] !== Tok.Dot && scan.kind[t + 1] !== Tok.Dot && scan.kind[t + 1] !== Tok.LSqb && scan.kind[t + 1] !== Tok.LPar) out.push(t);
  }
  return out;
}

/** The index of the last top-level `=` of an assignment statement, or -1. */
export function assignmentEqual(program: Program, s: number): number {
  const { scan } = program;
  const first = scan.stFirst[s];
  const end = scan.stEnd[s];
  const d = scan.depth[first];
  let eq = -1;
  for (let t = first; t < end; t++) if (scan.kind[t] === Tok.Equal && scan.depth[t] === d) eq = t;
  return eq;
}

/**
 * Walks the program's statements in order, keeping the set of names bound to pandas objects,
 * and calls `visit(statement, live)` for each statement before applying its own bindings.
 */
export function walkPandasNames(program: Program, visit: (statement: number, live: ReadonlySet<string>) => void): void {
  const { scan } = program;
  const live = new Set<string>();
  for (let s = 0; s < scan.statements; s++) {
    if (program.isImportStatement(s)) continue;
    visit(s, live);
    const names = boundNames(program, s);
    if (names.length === 0) continue;
    const eq = assignmentEqual(program, s);
    const single = names.length === 1 && eq === names[0] + 1 && names[0] === scan.stFirst[s];
    const pandas = single && isPandasExpression(program, live, eq + 1, statementLast(program, s));
    for (const t of names) {
      const name = scan.tokenText(t);
      if (pandas) live.add(name);
      else live.delete(name);
    }
  }
}

/**
 * The receiver of a method at `dot` (the `.` before the method name) when it is a live pandas
 * name, a subscript of one (`df["a"]`, `df.loc[…]`): returns its first token, else -1.
 */
export function pandasReceiver(program: Program, live: ReadonlySet<string>, dot: number): number {
  const { scan } = program;
  let r = dot - 1;
  while (r >= 0 && scan.kind[r] === Tok.RSqb) {
    // walk back over `[...]` to the subscripted expression
    const d = scan.depth[r];
    let open = r - 1;
    while (open >= 0 && !(scan.kind[open] === Tok.LSqb && scan.depth[open] === d)) open--;
    if (open < 0) return -1;
    r = open - 1;
    if (scan.kind[r] === Tok.Name && (scan.isName(r, 'loc') || scan.isName(r, 'iloc')) && scan.kind[r - 1] === Tok.Dot) r -= 2;
  }
  if (r < 0 || scan.kind[r] !== Tok.Name || !program.isReference(r)) return -1;
  return live.has(scan.tokenText(r)) ? r : -1;
}
