// deprecated-api on methods of known objects: `df.append(row)` where `df` holds a pandas DataFrame,
// `model.predict_classes(x)` where `model = Sequential()` came from Keras, and the removed keyword
// arguments of such methods (`df.fillna(method="ffill")`). A receiver counts only when the file
// shows where it comes from (or the entry says the method name is the library's alone), so a
// list's `.append` is never reported.
import type { Program } from '../../python/program';
import { BindingKind } from '../../python/structure';
import { Tok } from '../../python/tokens';
import { msg } from '../../l10n/text';
import { loadCatalogue, replaceTitle, receiverModules, type DeprecatedApi } from './deprecatedCatalogue';
import { pandasReceiver, walkPandasNames } from './pandasFlow';
import type { OffsetFix } from './rule';

/** What the method checks need from the rule: its reporting (versions, severities) and its keyword check. */
export interface MethodReporter {
  report(start: number, end: number, e: DeprecatedApi, fixes: OffsetFix[]): void;
  checkKwargs(entries: DeprecatedApi[], open: number): void;
}

const isPandas = (e: DeprecatedApi) => {
  const modules = receiverModules(e);
  return modules !== 'any' && modules.includes('pandas');
};

/** Entries for method `name` that apply to receivers of one kind (pandas objects, or other libraries'). */
function entriesFor(name: string, pandas: boolean): { methods: DeprecatedApi[]; kwargs: DeprecatedApi[] } {
  const c = loadCatalogue();
  return {
    methods: (c.methods.get(name) ?? []).filter((e) => isPandas(e) === pandas),
    kwargs: (c.methodKwargs.get(name) ?? []).filter((e) => isPandas(e) === pandas),
  };
}

function renameFix(program: Program, m: number, e: DeprecatedApi): OffsetFix[] {
  if (typeof e.fix !== 'object' || !e.fix.rename) return [];
  const { scan } = program;
  return [{ title: replaceTitle(`.${e.fix.rename}(`, e.safe), safe: e.safe, edits: [{ start: scan.start[m], end: scan.end[m], newText: e.fix.rename }] }];
}

/** Methods called on names known to hold a pandas DataFrame or Series. */
export function checkPandasMethods(program: Program, reporter: MethodReporter): void {
  const { scan } = program;
  walkPandasNames(program, (s, live) => {
    if (live.size === 0) return;
    const end = scan.stEnd[s];
    for (let t = scan.stFirst[s] + 1; t < end; t++) {
      if (scan.kind[t] !== Tok.Dot || scan.kind[t + 1] !== Tok.Name) continue;
      const m = t + 1;
      const name = scan.tokenText(m);
      const c = loadCatalogue();
      if (!c.methods.has(name) && !c.methodKwargs.has(name)) continue;
      const { methods, kwargs } = entriesFor(name, true);
      for (const e of methods) {
        if (scan.kind[m + 1] !== (e.name === 'ix' ? Tok.LSqb : Tok.LPar)) continue;
        const receiver = pandasReceiver(program, live, t);
        if (receiver < 0) continue;
        let fixes = renameFix(program, m, e);
        if (fixes.length === 0 && typeof e.fix === 'object' && e.fix.concat) {
          const fix = concatFix(program, receiver, t, m + 1);
          if (fix) fixes = [fix];
        }
        reporter.report(scan.start[m], scan.end[m], e, fixes);
        break;
      }
      if (kwargs.length > 0 && scan.kind[m + 1] === Tok.LPar && pandasReceiver(program, live, t) >= 0) reporter.checkKwargs(kwargs, m + 1);
    }
  });
}

/** Method names of non-pandas entries, with the (first character, length) of each to rule tokens out cheaply. */
interface OtherMethods {
  names: Set<string>;
  shapes: Set<number>;
}
let otherMethods: { catalogue: object; methods: OtherMethods } | undefined;

function others(): OtherMethods {
  const c = loadCatalogue();
  if (otherMethods?.catalogue === c) return otherMethods.methods;
  const names = new Set<string>();
  for (const [name, list] of [...c.methods, ...c.methodKwargs]) if (list.some((e) => !isPandas(e))) names.add(name);
  otherMethods = { catalogue: c, methods: { names, shapes: new Set([...names].map((n) => n.charCodeAt(0) * 64 + Math.min(n.length, 63))) } };
  return otherMethods.methods;
}

/**
 * Methods of other libraries' objects: `.name(` where the receiver is a plain name whose latest
 * assignment is a call into one of the entry's receiver modules (`model = Sequential()` with
 * `Sequential` from keras, `model = tf.keras.models.load_model(p)`), or any receiver for `any`.
 */
export function checkOtherMethods(program: Program, reporter: MethodReporter): void {
  const { names, shapes } = others();
  if (names.size === 0) return;
  const { scan, text } = program;
  for (let k = 0; k < scan.nameCount; k++) {
    const m = scan.names[k];
    if (scan.kind[m - 1] !== Tok.Dot || scan.kind[m + 1] !== Tok.LPar) continue;
    const start = scan.start[m];
    if (!shapes.has(text.charCodeAt(start) * 64 + Math.min(scan.end[m] - start, 63))) continue;
    const name = scan.tokenText(m);
    if (!names.has(name)) continue;
    const { methods, kwargs } = entriesFor(name, false);
    const known = (e: DeprecatedApi) => {
      const modules = receiverModules(e);
      return modules === 'any' ? program.importsModule(e.api.split('.', 1)[0]) : receiverFrom(program, m - 2, modules);
    };
    const method = methods.find(known);
    if (method) reporter.report(scan.start[m], scan.end[m], method, renameFix(program, m, method));
    const keywords = kwargs.filter(known);
    if (keywords.length > 0) reporter.checkKwargs(keywords, m + 1);
  }
}

/** Whether token `r` (before a method's dot) is a name whose latest assignment is a call into `modules`. */
function receiverFrom(program: Program, r: number, modules: readonly string[]): boolean {
  const { scan } = program;
  if (r < 0 || scan.kind[r] !== Tok.Name || !program.isReference(r)) return false;
  if (!modules.some((m) => program.importsModule(m.split('.', 1)[0]))) return false;
  const origin = program.structure().origin(scan.tokenText(r), scan.statementOf(r));
  if (!origin || origin.kind !== BindingKind.Assign || origin.size !== 1 || origin.subscript || origin.from >= origin.to) return false;
  const first = origin.from;
  if (scan.kind[first] !== Tok.Name || scan.kind[program.chainEnd(first)] !== Tok.LPar) return false;
  const q = program.qualifiedChain(first);
  return q !== undefined && modules.some((m) => q === m || q.startsWith(`${m}.`));
}

/** `df.append(x, ignore_index=True)` → `pd.concat([df, x], ignore_index=True)`. */
function concatFix(program: Program, receiver: number, dot: number, open: number): OffsetFix | undefined {
  const { scan, text } = program;
  const pd = program.moduleAlias('pandas');
  const close = scan.closing(open);
  if (pd === undefined || close < 0 || receiver !== dot - 1 || close === open + 1) return undefined;
  const d = scan.depth[open] + 1;
  let argEnd = open + 1;
  while (argEnd + 1 < close && !(scan.kind[argEnd + 1] === Tok.Comma && scan.depth[argEnd + 1] === d)) argEnd++;
  if (scan.kind[open + 1] === Tok.Name && scan.kind[open + 2] === Tok.Equal) return undefined; // first argument is a keyword
  const dict = scan.kind[open + 1] === Tok.LBrace;
  const receiverText = text.slice(scan.start[receiver], scan.end[receiver]);
  return {
    title: msg('Replace with `{0}.concat([{1}, …])` (may change behaviour: check the index and the columns)', pd, receiverText),
    safe: false,
    edits: [
      { start: scan.start[receiver], end: scan.end[open], newText: `${pd}.concat([${receiverText}, ${dict ? `${pd}.DataFrame([` : ''}` },
      { start: scan.end[argEnd], end: scan.end[argEnd], newText: dict ? '])]' : ']' },
    ],
  };
}
