// unchecked-data: a table read from disk (pd.read_csv and friends) that reaches a model's fit —
// directly, through names derived from it (`X = df.drop(...)`, `y = df["y"].values`), or converted
// on the way (`np.asarray(pd.read_csv(...))`) — with no inspection or cleaning on the way.
import type { Program } from '../../python/program';
import { msg } from '../../l10n/text';
import { Key, Tok } from '../../python/tokens';
import { assignmentEqual, boundNames, statementLast } from './pandasFlow';
import { importsAny, type PythonRule, type RuleContext } from './rule';

/** Calls and attributes that inspect or clean a table (also at the end of `df["age"].…`). */
const INSPECTIONS = new Set([
  'isna', 'isnull', 'notna', 'notnull', 'dropna', 'fillna', 'info', 'describe', 'head', 'tail', 'duplicated',
  'drop_duplicates', 'value_counts', 'shape', 'dtypes', 'nunique', 'interpolate', 'sample', 'columns',
  'profile_report', 'validate', 'isin', 'unique', 'hist', 'boxplot', 'corr', 'ffill', 'bfill',
]);
const FIT_METHODS = new Set(['fit', 'fit_transform', 'fit_predict']);
/** Functions that fit an estimator on the data they are given. */
const FITTING_FUNCTIONS = new Set(['cross_val_score', 'cross_validate', 'cross_val_predict']);
const DISPLAYS = new Set(['print', 'display', 'len']);
/** Calls a table read can be wrapped in and stay the same data: conversions to arrays and tables. */
const CONVERTING_MODULES = ['numpy.', 'pandas.', 'torch.', 'tensorflow.'];
const CONVERTING_BUILTINS = new Set(['list', 'tuple']);

function isImputer(qualified: string): boolean {
  return qualified.startsWith('sklearn.impute.') || qualified === 'sklearn.preprocessing.Imputer';
}

interface Family {
  root: string;
  inspected: boolean;
  reported: boolean;
  /**
   * The first `train_test_split` the table went through unchecked. Splitting does not use the
   * values, so the finding waits there: inspecting or imputing before the first fit still counts.
   */
  pending?: { start: number; end: number; arg: string; sink: string };
}

class UncheckedDataCheck {
  private readonly families = new Map<string, Family>();
  private readonly everyFamily: Family[] = [];
  /** Names bound to an imputer, or to a pipeline or column transformer holding one. */
  private readonly imputing = new Set<string>();

  constructor(
    private readonly context: RuleContext,
    private readonly program: Program,
  ) {}

  private familyAt(t: number): Family | undefined {
    const { scan } = this.program;
    if (scan.kind[t] !== Tok.Name || !this.program.isReference(t)) return undefined;
    return this.families.get(scan.tokenText(t));
  }

  run(): void {
    const { scan } = this.program;
    for (let s = 0; s < scan.statements; s++) {
      if (this.program.isImportStatement(s)) continue;
      this.noteInspections(s);
      this.checkSinks(s);
      this.bind(s);
    }
    for (const fam of this.everyFamily) {
      if (fam.pending && !fam.inspected && !fam.reported) this.emit(fam, fam.pending);
    }
  }

  private noteInspections(s: number): void {
    const { scan } = this.program;
    const f = scan.stFirst[s];
    const last = statementLast(this.program, s);
    const assert = scan.stKey[s] === Key.Assert;
    if (f === last) {
      // a bare `df` on its own line shows the table in a notebook
      const fam = this.familyAt(f);
      if (fam) fam.inspected = true;
      return;
    }
    for (let t = f; t <= last; t++) {
      const fam = this.familyAt(t);
      if (!fam) continue;
      if (assert || this.chainInspects(t + 1, last)) fam.inspected = true;
      else if (scan.kind[t - 1] === Tok.LPar && scan.kind[t - 2] === Tok.Name && (DISPLAYS.has(scan.tokenText(t - 2)) || scan.isName(t - 2, 'validate'))) fam.inspected = true;
    }
  }

  /**
   * Whether the chain of subscripts, attributes and calls starting at token `k` (just after a
   * table's name) reaches an inspection: `.info()`, `["age"].fillna(…)`, `.loc[m, "x"].isna()`.
   */
  private chainInspects(k: number, last: number): boolean {
    const { scan } = this.program;
    while (k <= last) {
      const kind = scan.kind[k];
      if (kind === Tok.LSqb || kind === Tok.LPar) {
        const close = scan.closing(k);
        if (close < 0) return false;
        k = close + 1;
      } else if (kind === Tok.Dot && scan.kind[k + 1] === Tok.Name) {
        if (INSPECTIONS.has(scan.tokenText(k + 1))) return true;
        k += 2;
      } else return false;
    }
    return false;
  }

  private checkSinks(s: number): void {
    const { scan } = this.program;
    const f = scan.stFirst[s];
    const end = scan.stEnd[s];
    for (let t = f; t < end; t++) {
      if (scan.kind[t] !== Tok.Name || scan.kind[t + 1] !== Tok.LPar) continue;
      const name = scan.tokenText(t);
      const isFit = scan.kind[t - 1] === Tok.Dot && FIT_METHODS.has(name);
      const isFunction = !isFit && (FITTING_FUNCTIONS.has(name) || name === 'train_test_split') && (scan.kind[t - 1] !== Tok.Dot || this.program.qualifiedChain(this.chainStart(t))?.startsWith('sklearn.') === true);
      if (!isFit && !isFunction) continue;
      const close = scan.closing(t + 1);
      const stop = close >= 0 ? close : end - 1;
      // An imputer (or a pipeline holding one) fitted on the table cleans it.
      const cleaning = isFit ? this.receiverImputes(t - 2) : this.mentionsImputing(t + 2, stop);
      const split = name === 'train_test_split';
      for (let k = t + 2; k < stop; k++) {
        const fam = this.familyAt(k);
        if (!fam || fam.reported) continue;
        if (cleaning) fam.inspected = true;
        if (fam.inspected) continue;
        const at = { start: scan.start[t], end: scan.end[stop], arg: scan.tokenText(k), sink: name };
        if (split) fam.pending ??= at;
        else this.emit(fam, fam.pending ?? at);
      }
    }
  }

  private emit(fam: Family, at: { start: number; end: number; arg: string; sink: string }): void {
    fam.reported = true;
    const via = at.arg === fam.root ? `\`${at.arg}\`` : msg('`{0}` (from `{1}`)', at.arg, fam.root);
    this.context.report({
      rule: 'unchecked-data',
      message: msg('{0} is read from a file and reaches `{1}(…)` without being looked at or cleaned: missing values, duplicates and wrong types go straight into the model. Inspect it first (`{2}.info()`, `{2}.isna().sum()`, `{2}.describe()`) and clean what you find (`dropna`, `fillna`, `drop_duplicates`, or a `SimpleImputer`).', via, at.sink, fam.root),
      start: at.start,
      end: at.end,
      fixes: [],
    });
  }

  private chainStart(t: number): number {
    const { scan } = this.program;
    let k = t;
    while (k >= 2 && scan.kind[k - 1] === Tok.Dot && scan.kind[k - 2] === Tok.Name) k -= 2;
    return k;
  }

  /** Whether the receiver ending at token `r` (`imputer`, `SimpleImputer(…)`, `make_pipeline(…)`) imputes. */
  private receiverImputes(r: number): boolean {
    const { scan } = this.program;
    if (scan.kind[r] === Tok.Name) return this.imputing.has(scan.tokenText(r)) && this.program.isReference(r);
    if (scan.kind[r] !== Tok.RPar) return false;
    const d = scan.depth[r];
    let open = r - 1;
    while (open >= 0 && !(scan.kind[open] === Tok.LPar && scan.depth[open] === d)) open--;
    return open > 0 && this.mentionsImputing(this.chainStart(open - 1), r);
  }

  /** Whether tokens [a, z) name an imputer class or a name bound to something imputing. */
  private mentionsImputing(a: number, z: number): boolean {
    const { scan } = this.program;
    for (let k = a; k < z; k++) {
      if (scan.kind[k] !== Tok.Name || !this.program.isReference(k)) continue;
      if (this.imputing.has(scan.tokenText(k))) return true;
      const q = this.program.qualifiedChain(k);
      if (q !== undefined && isImputer(q)) return true;
    }
    return false;
  }

  private bind(s: number): void {
    const { scan } = this.program;
    const names = boundNames(this.program, s);
    if (names.length === 0) return;
    const eq = assignmentEqual(this.program, s);
    const last = statementLast(this.program, s);
    let family: Family | undefined;
    let imputing = false;
    if (eq >= 0 && scan.stKey[s] !== Key.For && scan.stKey[s] !== Key.With) {
      const a = eq + 1;
      const cleaned = this.mentionsInspection(a, last);
      imputing = this.mentionsImputing(a, last + 1);
      if (this.readsTable(a, last)) {
        if (!cleaned && names.length === 1) {
          family = { root: scan.tokenText(names[0]), inspected: false, reported: false };
          this.everyFamily.push(family);
        }
      } else {
        for (let k = a; k <= last && !family; k++) family = this.familyAt(k);
        if (family && cleaned) family.inspected = true;
      }
    }
    for (const t of names) {
      const name = scan.tokenText(t);
      if (family) this.families.set(name, family);
      else this.families.delete(name);
      if (imputing) this.imputing.add(name);
      else this.imputing.delete(name);
    }
  }

  /**
   * Whether tokens [a, z] read a table: a `pd.read_*(…)` call, at the top or inside conversions
   * (`np.asarray(…)`, `pd.DataFrame(…)`, `list(…)`, brackets), never inside a function of the
   * user's, which may clean it.
   */
  private readsTable(a: number, z: number): boolean {
    const { scan } = this.program;
    for (let k = a; k <= z; k++) {
      if (scan.kind[k] !== Tok.Name || !this.program.isReference(k)) continue;
      const q = this.program.qualifiedChain(k);
      if (q === undefined || !q.startsWith('pandas.read_') || scan.kind[this.program.chainEnd(k)] !== Tok.LPar) continue;
      if (this.onlyConversionsAround(a, k)) return true;
    }
    return false;
  }

  /** Whether every call enclosing token `k` from `a` on is a conversion (numpy, pandas, torch, `list`). */
  private onlyConversionsAround(a: number, k: number): boolean {
    const { scan } = this.program;
    let depth = scan.depth[k];
    for (let j = k - 1; j >= a && depth > scan.depth[a]; j--) {
      if (scan.depth[j] >= depth || (scan.kind[j] !== Tok.LPar && scan.kind[j] !== Tok.LSqb && scan.kind[j] !== Tok.LBrace)) continue;
      depth = scan.depth[j];
      if (scan.kind[j] !== Tok.LPar || scan.kind[j - 1] !== Tok.Name || j - 1 < a) continue; // brackets, or plain parentheses
      const callee = this.chainStart(j - 1);
      const q = this.program.qualifiedChain(callee);
      const converting = q !== undefined ? CONVERTING_MODULES.some((m) => q.startsWith(m)) : callee === j - 1 && CONVERTING_BUILTINS.has(scan.tokenText(callee));
      if (!converting) return false;
    }
    return true;
  }

  private mentionsInspection(a: number, z: number): boolean {
    const { scan } = this.program;
    for (let k = a; k < z; k++) if (scan.kind[k] === Tok.Dot && scan.kind[k + 1] === Tok.Name && INSPECTIONS.has(scan.tokenText(k + 1))) return true;
    return false;
  }
}

const PANDAS: ReadonlySet<string> = new Set(['pandas']);

export const uncheckedDataRule: PythonRule = {
  id: 'unchecked-data',
  gate: { modules: PANDAS },
  run(context) {
    const { program } = context;
    if (!importsAny(program, PANDAS)) return;
    new UncheckedDataCheck(context, program).run();
  },
};
