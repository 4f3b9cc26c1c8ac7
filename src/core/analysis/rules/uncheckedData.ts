// unchecked-data: a table read from disk (pd.read_csv and friends) that reaches a model's fit —
// directly or through names derived from it (`X = df.drop(...)`, `y = df["y"]`) — with no
// inspection or cleaning on the way.
import type { Program } from '../../python/program';
import { Key, Tok } from '../../python/tokens';
import { assignmentEqual, boundNames, statementLast } from './pandasFlow';
import { importsAny, type PythonRule, type RuleContext } from './rule';

/** Calls and attributes that inspect or clean a table. */
const INSPECTIONS = new Set([
  'isna', 'isnull', 'notna', 'notnull', 'dropna', 'fillna', 'info', 'describe', 'head', 'tail', 'duplicated',
  'drop_duplicates', 'value_counts', 'shape', 'dtypes', 'nunique', 'interpolate', 'sample', 'columns',
  'profile_report', 'validate', 'isin', 'unique',
]);
const FIT_METHODS = new Set(['fit', 'fit_transform', 'fit_predict']);
const SPLITTERS = new Set(['train_test_split', 'cross_val_score', 'cross_validate']);
const DISPLAYS = new Set(['print', 'display', 'len']);

interface Family {
  root: string;
  inspected: boolean;
  reported: boolean;
}

class UncheckedDataCheck {
  private readonly families = new Map<string, Family>();

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
      if (assert) fam.inspected = true;
      else if (scan.kind[t + 1] === Tok.Dot && scan.kind[t + 2] === Tok.Name && INSPECTIONS.has(scan.tokenText(t + 2))) fam.inspected = true;
      else if (scan.kind[t - 1] === Tok.LPar && scan.kind[t - 2] === Tok.Name && (DISPLAYS.has(scan.tokenText(t - 2)) || scan.isName(t - 2, 'validate'))) fam.inspected = true;
    }
  }

  private checkSinks(s: number): void {
    const { scan } = this.program;
    const f = scan.stFirst[s];
    const end = scan.stEnd[s];
    for (let t = f; t < end; t++) {
      if (scan.kind[t] !== Tok.Name || scan.kind[t + 1] !== Tok.LPar) continue;
      const name = scan.tokenText(t);
      const isFit = scan.kind[t - 1] === Tok.Dot && FIT_METHODS.has(name);
      const isSplit = !isFit && SPLITTERS.has(name) && (scan.kind[t - 1] !== Tok.Dot || this.program.qualifiedChain(this.chainStart(t))?.startsWith('sklearn.') === true);
      if (!isFit && !isSplit) continue;
      const close = scan.closing(t + 1);
      const stop = close >= 0 ? close : end - 1;
      for (let k = t + 2; k < stop; k++) {
        const fam = this.familyAt(k);
        if (!fam || fam.inspected || fam.reported) continue;
        fam.reported = true;
        const arg = scan.tokenText(k);
        const via = arg === fam.root ? `\`${arg}\`` : `\`${arg}\` (from \`${fam.root}\`)`;
        this.context.report({
          rule: 'unchecked-data',
          message: `${via} is read from a file and reaches \`${name}(…)\` without being looked at or cleaned: missing values, duplicates and wrong types go straight into the model. Inspect it first (\`${fam.root}.info()\`, \`${fam.root}.isna().sum()\`, \`${fam.root}.describe()\`) and clean what you find (\`dropna\`, \`fillna\`, \`drop_duplicates\`).`,
          start: scan.start[t],
          end: scan.end[stop],
          fixes: [],
        });
      }
    }
  }

  private chainStart(t: number): number {
    const { scan } = this.program;
    let k = t;
    while (k >= 2 && scan.kind[k - 1] === Tok.Dot && scan.kind[k - 2] === Tok.Name) k -= 2;
    return k;
  }

  private bind(s: number): void {
    const { scan } = this.program;
    const names = boundNames(this.program, s);
    if (names.length === 0) return;
    const eq = assignmentEqual(this.program, s);
    const last = statementLast(this.program, s);
    let family: Family | undefined;
    if (eq >= 0 && scan.stKey[s] !== Key.For && scan.stKey[s] !== Key.With) {
      const a = eq + 1;
      const cleaned = this.mentionsInspection(a, last);
      const q = scan.kind[a] === Tok.Name && this.program.isReference(a) ? this.program.qualifiedChain(a) : undefined;
      if (q !== undefined && q.startsWith('pandas.read_') && scan.kind[this.program.chainEnd(a)] === Tok.LPar) {
        if (!cleaned && names.length === 1) family = { root: scan.tokenText(names[0]), inspected: false, reported: false };
      } else {
        for (let k = a; k <= last && !family; k++) family = this.familyAt(k);
        if (family && cleaned) family.inspected = true;
      }
    }
    for (const t of names) {
      const name = scan.tokenText(t);
      if (family) this.families.set(name, family);
      else this.families.delete(name);
    }
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
