// test-data-leakage: preprocessing that learns statistics from test rows — a scaler (imputer,
// selector, vectorizer, …) fitted on the test split, fitted on all rows before train_test_split,
// or an imbalanced-learn resampler run before the split (scikit-learn "Common pitfalls").
import type { Program } from '../../python/program';
import { msg } from '../../l10n/text';
import { type Argument, type Binding, BindingKind, type Structure } from '../../python/structure';
import { Tok } from '../../python/tokens';
import { callSpan, chainName, receiverStart, shortText } from './expressions';
import { importsAny, type OffsetFix, type PythonRule, type RuleContext } from './rule';

/** Transformers that learn statistics from the rows they are fitted on. */
const STATEFUL = new Set([
  'StandardScaler', 'MinMaxScaler', 'MaxAbsScaler', 'RobustScaler', 'QuantileTransformer', 'PowerTransformer',
  'KBinsDiscretizer', 'SimpleImputer', 'KNNImputer', 'IterativeImputer', 'PCA', 'IncrementalPCA', 'TruncatedSVD',
  'KernelPCA', 'FastICA', 'NMF', 'FactorAnalysis', 'SelectKBest', 'SelectPercentile', 'VarianceThreshold', 'RFE',
  'RFECV', 'SelectFromModel', 'TfidfVectorizer', 'CountVectorizer', 'TfidfTransformer', 'TargetEncoder',
]);
/** Containers: stateful when a stateful transformer is among their steps. */
const CONTAINERS = new Set(['Pipeline', 'make_pipeline', 'ColumnTransformer', 'make_column_transformer', 'FeatureUnion', 'make_union']);
/** Category encoders learn only the set of categories: reported when refitted on test rows, never for fitting on all rows. */
const ENCODERS = new Set(['OneHotEncoder', 'OrdinalEncoder', 'LabelEncoder', 'LabelBinarizer', 'MultiLabelBinarizer', 'DictVectorizer']);
/** imbalanced-learn samplers. */
const RESAMPLERS = new Set([
  'SMOTE', 'SMOTENC', 'SMOTEN', 'ADASYN', 'BorderlineSMOTE', 'SVMSMOTE', 'KMeansSMOTE', 'RandomOverSampler',
  'RandomUnderSampler', 'NearMiss', 'TomekLinks', 'EditedNearestNeighbours', 'RepeatedEditedNearestNeighbours', 'AllKNN',
  'CondensedNearestNeighbour', 'OneSidedSelection', 'NeighbourhoodCleaningRule', 'InstanceHardnessThreshold',
  'ClusterCentroids', 'SMOTEENN', 'SMOTETomek',
]);
const SPLITTERS = new Set(['sklearn.model_selection.train_test_split', 'sklearn.cross_validation.train_test_split']);
/** Wrappers that keep the rows of their first argument. */
const ROW_KEEPERS = new Set(['numpy.array', 'numpy.asarray', 'numpy.float32', 'pandas.DataFrame', 'pandas.Series', 'torch.tensor', 'torch.Tensor', 'torch.from_numpy']);
const PLOTTING = /^(matplotlib|seaborn|plotly|bokeh|altair)(\.|$)/;
const TEST_NAME = /(^|_)test(_|$)|^X_?te(st)?$/i;
const FIT_METHODS = ['fit', 'fit_transform', 'fit_resample', 'fit_sample'];

const enum Kind {
  None,
  Stateful,
  Encoder,
  Resampler,
}

interface Transformer {
  kind: Kind;
  /** Class name for messages (`StandardScaler`). */
  label: string;
  /** An encoder given `categories=[…]`: refitting it cannot change its codes. */
  fixedCategories: boolean;
}
const NOT_A_TRANSFORMER: Transformer = { kind: Kind.None, label: '', fixedCategories: false };

/** What test data an expression holds: the name shown in messages, and the train counterpart when a split made it. */
interface TestData {
  name: string;
  train: string | undefined;
}

/** A fit that learned from all rows (or resampled them), and names whose values carry its output. */
interface Origin {
  /** Token of the method name (`fit_transform`). */
  method: number;
  receiver: number;
  transformer: Transformer;
  reported: boolean;
}

class LeakageCheck {
  private readonly structure: Structure;
  /** Per scope (def header, -1 for the module): names carrying the output of a fit on all rows. */
  private readonly tainted = new Map<number, Map<string, Origin>>();
  /** Per scope: receivers fitted on all rows with `.fit(d)`, and the name `d`, for a later `r = T.transform(d)`. */
  private readonly fittedOnAll = new Map<number, Map<string, { origin: Origin; data: string }>>();
  /** Per scope: receivers fitted on data that is not test data (for the `.transform` fix). */
  private readonly fittedOnTrain = new Map<number, Map<string, Binding | undefined>>();
  private bindingsByStatement: Map<number, Binding[]> | undefined;
  /** Per-statement answers, kept for the statement being read (statements are read in order). */
  private splitCache: [number, { name: number; arrays: Argument[] }[]] | undefined;
  private plotCache: [number, boolean] | undefined;

  constructor(
    private readonly context: RuleContext,
    private readonly program: Program,
  ) {
    this.structure = program.structure();
  }

  run(): void {
    const { scan } = this.program;
    for (let s = 0; s < scan.statements; s++) {
      if (this.program.isImportStatement(s)) continue;
      const scope = this.structure.scope[s];
      const tainted = this.tainted.get(scope);
      if (tainted && tainted.size > 0) this.checkSplits(s, tainted);
      this.checkFits(s, scope);
      this.propagate(s, scope);
    }
  }

  // ---- fits

  private checkFits(s: number, scope: number): void {
    const { scan } = this.program;
    const first = scan.stFirst[s];
    const end = scan.stEnd[s];
    for (let t = first + 2; t < end; t++) {
      if (scan.kind[t] !== Tok.Name || scan.kind[t - 1] !== Tok.Dot || scan.kind[t + 1] !== Tok.LPar) continue;
      const method = FIT_METHODS.find((m) => scan.isName(t, m));
      if (method === undefined) continue;
      const receiver = receiverStart(scan, t - 2, first);
      if (receiver < 0) continue;
      const transformer = this.transformerAt(receiver, t - 1, s, 0);
      if (transformer.kind === Kind.None) continue;
      const resample = method === 'fit_resample' || method === 'fit_sample';
      if (resample !== (transformer.kind === Kind.Resampler)) continue;
      const args = this.structure.arguments(t + 1);
      const data = args.find((a) => a.keyword === undefined && a.star === 0) ?? args.find((a) => a.keyword === 'X');
      if (!data) continue;
      const test = this.testData(data.from, data.to, s, 0);
      if (test) {
        this.reportFitOnTest(s, receiver, t, method, transformer, test, scope);
        continue;
      }
      if (transformer.kind === Kind.Encoder) continue;
      const origin: Origin = { method: t, receiver, transformer, reported: false };
      const holder = this.holder(s, receiver, t);
      if (holder) {
        let fitted = this.fittedOnTrain.get(scope);
        if (!fitted) this.fittedOnTrain.set(scope, (fitted = new Map()));
        fitted.set(holder.name, holder.binding);
      }
      // (B) is about all rows: refitting on the training split before splitting it again is not reported.
      if (this.isTrainSplit(data.from, data.to, s) && transformer.kind !== Kind.Resampler) continue;
      const split = this.enclosingSplit(s, t);
      if (split >= 0) {
        // `train_test_split(StandardScaler().fit_transform(X), y)`
        origin.reported = true;
        this.reportBeforeSplit(origin, split);
        continue;
      }
      if (method !== 'fit' || this.followedByTransform(t)) this.taintTargets(s, t, origin, scope);
      else if (holder) {
        const d = this.dataName(data.from, data.to);
        let map = this.fittedOnAll.get(scope);
        if (!map) this.fittedOnAll.set(scope, (map = new Map()));
        if (d !== undefined) map.set(holder.name, { origin, data: d });
        else map.delete(holder.name);
      }
    }
  }

  /**
   * The name that holds the fitted object after the fit at `method`, and the binding it refers to:
   * `sc.fit(X)` → `sc`; `sc = StandardScaler().fit(X)` → `sc` as bound by this statement.
   */
  private holder(s: number, receiver: number, method: number): { name: string; binding: Binding | undefined } | undefined {
    const { scan } = this.program;
    if (!this.isCallReceiver(receiver, method)) {
      const name = chainName(scan, receiver, method - 1)[0];
      return { name, binding: this.structure.bindingBefore(name, s) };
    }
    const close = scan.closing(method + 1);
    const b = this.statementBindings(s).find((o) => o.kind === BindingKind.Assign && o.size === 1 && !o.subscript && o.from === receiver && o.to === close + 1);
    return b ? { name: b.name, binding: b } : undefined;
  }

  /** The `train_test_split` call whose positional arguments contain token `t`, as its name token; -1 when none. */
  private enclosingSplit(s: number, t: number): number {
    for (const split of this.splitsIn(s)) if (split.arrays.some((a) => a.from <= t && t < a.to)) return split.name;
    return -1;
  }

  /** The `train_test_split` calls of statement `s`: name token and positional (array) arguments. Read once per statement. */
  private splitsIn(s: number): { name: number; arrays: Argument[] }[] {
    if (this.splitCache?.[0] === s) return this.splitCache[1];
    const { scan } = this.program;
    const out: { name: number; arrays: Argument[] }[] = [];
    for (let k = scan.stFirst[s]; k < scan.stEnd[s]; k++) {
      if (scan.kind[k] !== Tok.Name || scan.kind[k + 1] !== Tok.LPar || !this.program.isReference(k) || !this.program.isBoundName(k)) continue;
      const q = this.program.qualifiedChain(k);
      if (q === undefined || !SPLITTERS.has(q)) continue;
      out.push({ name: k, arrays: this.structure.arguments(k + 1).filter((a) => a.keyword === undefined && a.star === 0) });
    }
    this.splitCache = [s, out];
    return out;
  }

  /** Whether the receiver starting at `receiver` and ending before the dot of `method` is a call (`StandardScaler()`). */
  private isCallReceiver(receiver: number, method: number): boolean {
    return this.program.scan.kind[method - 2] === Tok.RPar && receiver < method - 2;
  }

  /** `T.fit(d).transform(…)`: the fit returns the transformer, which transforms at once. */
  private followedByTransform(method: number): boolean {
    const { scan } = this.program;
    const close = scan.closing(method + 1);
    return close > 0 && scan.kind[close + 1] === Tok.Dot && scan.isName(close + 2, 'transform');
  }

  private reportFitOnTest(s: number, receiver: number, method: number, methodName: string, transformer: Transformer, test: TestData, scope: number): void {
    const { scan } = this.program;
    if (transformer.kind === Kind.Encoder && transformer.fixedCategories) return;
    if (this.insidePlot(s)) return; // a projection drawn for a figure, not fed to a model
    const receiverText = shortText(this.program, receiver, method - 1);
    const [start, end] = callSpan(this.program, receiver, method);
    if (transformer.kind === Kind.Resampler) {
      this.context.report({
        rule: 'test-data-leakage',
        message: msg('`{0}` resamples the test set (`{1}`): the test set must keep the real class balance, and synthetic test points built from neighbours say nothing about real data, so the score is wrong. Resample only the training split, e.g. with `imblearn.pipeline.make_pipeline({0}(), model)`. (imbalanced-learn: resample only the training data)', transformer.label, test.name),
        start,
        end,
        fixes: [],
      });
      return;
    }
    const trainCode = test.train ? `\`${test.train}\`` : msg('the training split');
    const fixes: OffsetFix[] = [];
    const named = scan.kind[method - 2] === Tok.Name;
    if (methodName === 'fit_transform' && named) {
      const name = receiverText;
      const fitted = this.fittedOnTrain.get(scope);
      if (fitted?.has(name) && fitted.get(name) === this.structure.bindingBefore(name, s)) {
        fixes.push({
          title: msg('Use `{0}.transform({1})` (the {2} already fitted on the training data)', name, test.name, transformer.label),
          safe: true,
          edits: [{ start: scan.start[method], end: scan.end[method], newText: 'transform' }],
        });
      }
    }
    this.context.report({
      rule: 'test-data-leakage',
      message: msg('`{0}` is fitted on the test set (`{1}`). Preprocessing must learn its statistics from the training data only: call `{2}.transform({1})` with the {3} fitted on {4}, or put the steps in a `Pipeline`. (scikit-learn: "never call `fit` on test data")', receiverText, test.name, named ? receiverText : 'scaler', transformer.label, trainCode),
      start,
      end,
      fixes,
    });
  }

  /** Whether the statement is a plotting call (`plt.scatter(*PCA(2).fit_transform(X_test).T)`). */
  private insidePlot(s: number): boolean {
    if (this.plotCache?.[0] === s) return this.plotCache[1];
    const { scan } = this.program;
    let plot = false;
    for (let t = scan.stFirst[s]; t < scan.stEnd[s] && !plot; t++) {
      if (scan.kind[t] !== Tok.Name || !this.program.isBoundName(t)) continue;
      const q = this.program.resolveName(t);
      plot = q !== undefined && PLOTTING.test(q);
    }
    this.plotCache = [s, plot];
    return plot;
  }

  // ---- what a receiver is

  /** The transformer the receiver tokens [from, to) hold: a constructor call, or a name bound to one. */
  private transformerAt(from: number, to: number, s: number, depth: number): Transformer {
    const { scan } = this.program;
    if (depth > 6 || scan.kind[from] !== Tok.Name) return NOT_A_TRANSFORMER;
    const [name, after] = chainName(scan, from, to);
    if (scan.kind[after] === Tok.LPar) {
      const close = scan.closing(after);
      if (close < 0) return NOT_A_TRANSFORMER;
      // `StandardScaler().fit(X)` as a value is still the scaler
      let end = close + 1;
      while (end < to && scan.kind[end] === Tok.Dot && (scan.isName(end + 1, 'fit') || scan.isName(end + 1, 'set_output')) && scan.kind[end + 2] === Tok.LPar) {
        const c = scan.closing(end + 2);
        if (c < 0) return NOT_A_TRANSFORMER;
        end = c + 1;
      }
      if (end !== to) return NOT_A_TRANSFORMER;
      return this.constructed(from, after, close, s, depth);
    }
    if (after !== to) return NOT_A_TRANSFORMER;
    const b = this.structure.bindingBefore(name, s) ?? this.selfAttribute(name, s);
    if (!b || b.kind !== BindingKind.Assign || b.size !== 1 || b.subscript) return NOT_A_TRANSFORMER;
    return this.transformerAt(b.from, b.to, b.stmt, depth + 1);
  }

  /** The transformer built by the call whose callee chain starts at `from` and whose `(` is `open`. */
  private constructed(from: number, open: number, close: number, s: number, depth: number): Transformer {
    const q = this.program.qualifiedChain(from);
    if (q === undefined) return NOT_A_TRANSFORMER;
    const leaf = q.slice(q.lastIndexOf('.') + 1);
    if (q.startsWith('sklearn.')) {
      if (STATEFUL.has(leaf)) return { kind: Kind.Stateful, label: leaf, fixedCategories: false };
      if (ENCODERS.has(leaf)) {
        const args = this.structure.arguments(open);
        return { kind: Kind.Encoder, label: leaf, fixedCategories: args.some((a) => a.keyword === 'categories' || a.keyword === 'classes') };
      }
      return CONTAINERS.has(leaf) ? this.container(leaf, open, close, s, depth) : NOT_A_TRANSFORMER;
    }
    if (q.startsWith('imblearn.')) {
      if (RESAMPLERS.has(leaf)) return { kind: Kind.Resampler, label: leaf, fixedCategories: false };
      if (CONTAINERS.has(leaf)) return this.container(leaf, open, close, s, depth);
    }
    return NOT_A_TRANSFORMER;
  }

  /** `self.scaler` used in one method and assigned in another (`__init__` first) of the enclosing class. */
  private selfAttribute(name: string, s: number): Binding | undefined {
    if (!name.startsWith('self.')) return undefined;
    const cls = this.structure.classOf(s);
    if (!cls) return undefined;
    let found: Binding | undefined;
    for (const fn of this.structure.functions) {
      if (fn.classHeader !== cls.header) continue;
      const list = this.structure.bindingsIn(name, fn.header);
      if (list.length === 0) continue;
      if (fn.name === '__init__') return list[list.length - 1];
      found ??= list[list.length - 1];
    }
    return found;
  }

  /** A Pipeline / ColumnTransformer is stateful when one of its steps is. */
  private container(label: string, open: number, close: number, s: number, depth: number): Transformer {
    const { scan } = this.program;
    for (let t = open + 1; t < close; t++) {
      if (scan.kind[t] === Tok.Name && this.program.isReference(t) && this.stepIsStateful(t, s, depth)) return { kind: Kind.Stateful, label, fixedCategories: false };
    }
    return NOT_A_TRANSFORMER;
  }

  /** A pipeline step at name token `t`: `StandardScaler()` or a name bound to a stateful transformer. */
  private stepIsStateful(t: number, s: number, depth: number): boolean {
    const { scan } = this.program;
    const end = this.program.chainEnd(t);
    const to = scan.kind[end] === Tok.LPar ? scan.closing(end) + 1 : end;
    if (to <= t) return false;
    return this.transformerAt(t, to, s, depth + 1).kind === Kind.Stateful;
  }

  // ---- what data an expression holds

  /** The dotted name an expression takes its rows from (`X_test[["a"]]`, `X_test.values`, `np.asarray(X_test)`, `sc.transform(X_test)`). */
  private dataName(from: number, to: number): string | undefined {
    const { scan } = this.program;
    for (let k = 0; k < 4 && from < to && scan.kind[from] === Tok.Name; k++) {
      const [name, after] = chainName(scan, from, to);
      if (scan.kind[after] !== Tok.LPar) return name;
      const q = this.program.qualifiedChain(from);
      const args = this.structure.arguments(after);
      const first = args[0];
      const methodCall = name.includes('.');
      if ((q !== undefined && ROW_KEEPERS.has(q)) || (methodCall && q === undefined && /\.(fit_)?transform$/.test(name))) {
        if (!first) return undefined;
        from = first.from;
        to = first.to;
        continue;
      }
      // `test_df.drop("id", axis=1)`: a method of the data keeps its rows
      return methodCall && q === undefined ? name.slice(0, name.lastIndexOf('.')) : undefined;
    }
    return undefined;
  }

  /** Whether tokens [from, to) hold test rows as seen from statement `s`. */
  private testData(from: number, to: number, s: number, depth: number): TestData | undefined {
    const name = this.dataName(from, to);
    if (name === undefined || depth > 6) return undefined;
    // `X_test.values` → `X_test`; `self.X_test` → `self.X_test`
    const parts = name.split('.');
    for (let n = 1; n <= parts.length; n++) {
      const prefix = parts.slice(0, n).join('.');
      const b = this.structure.bindingBefore(prefix, s);
      if (b) {
        const split = this.splitPosition(b);
        if (split !== undefined) return split.test ? { name: prefix, train: split.train } : undefined;
        if (b.kind === BindingKind.Assign && !b.subscript && b.size === 1) {
          const inner = this.testData(b.from, b.to, b.stmt, depth + 1);
          if (inner) return { name: prefix, train: undefined };
        }
      }
      if (TEST_NAME.test(parts[n - 1]) && !this.isSplitTrain(b)) return { name: prefix, train: undefined };
    }
    return undefined;
  }

  private isSplitTrain(b: Binding | undefined): boolean {
    const split = b && this.splitPosition(b);
    return split !== undefined && !split.test;
  }

  /** Whether tokens [from, to) hold a training split made by `train_test_split`. */
  private isTrainSplit(from: number, to: number, s: number): boolean {
    const name = this.dataName(from, to);
    if (name === undefined) return false;
    const b = this.structure.bindingBefore(name.split('.')[0], s);
    if (this.isSplitTrain(b)) return true;
    return /(^|_)train(_|$)/i.test(name.split('.')[0]) && !b?.subscript && !this.splitPosition(b);
  }

  /** For a binding made by `a, b, c, d = train_test_split(…)`: whether it is a test position, and the train name beside it. */
  private splitPosition(b: Binding | undefined): { test: boolean; train: string | undefined } | undefined {
    if (!b || b.kind !== BindingKind.Assign || b.size < 2 || b.index < 0) return undefined;
    const { scan } = this.program;
    if (scan.kind[b.from] !== Tok.Name) return undefined;
    const q = this.program.qualifiedChain(b.from);
    if (q === undefined || !SPLITTERS.has(q)) return undefined;
    const test = b.index % 2 === 1;
    let train: string | undefined;
    if (test) {
      const siblings = this.statementBindings(b.stmt);
      train = siblings.find((o) => o.index === b.index - 1)?.name;
    }
    return { test, train };
  }

  private statementBindings(s: number): Binding[] {
    if (!this.bindingsByStatement) {
      this.bindingsByStatement = new Map();
      for (const b of this.structure.allAssignments()) {
        let list = this.bindingsByStatement.get(b.stmt);
        if (!list) this.bindingsByStatement.set(b.stmt, (list = []));
        list.push(b);
      }
    }
    return this.bindingsByStatement.get(s) ?? [];
  }

  // ---- (B) and (C): outputs of a fit on all rows, followed to train_test_split

  private taintTargets(s: number, method: number, origin: Origin, scope: number): void {
    let map = this.tainted.get(scope);
    for (const b of this.statementBindings(s)) {
      if (b.kind !== BindingKind.Assign || method < b.from || method >= b.to) continue;
      if (!map) this.tainted.set(scope, (map = new Map()));
      map.set(b.name, origin);
    }
  }

  /** After statement `s`: names assigned from tainted values stay tainted; names assigned anything else are clean again. */
  private propagate(s: number, scope: number): void {
    const { scan } = this.program;
    const bindings = this.statementBindings(s);
    if (bindings.length === 0) return;
    const tainted = this.tainted.get(scope);
    const fitted = this.fittedOnAll.get(scope);
    for (const b of bindings) {
      if (b.kind !== BindingKind.Assign) continue;
      let origin = tainted ? this.taintIn(b.from, b.to, tainted) : undefined;
      if (!origin && fitted && fitted.size > 0 && scan.kind[b.from] === Tok.Name) {
        // `r = T.transform(d)` after `T.fit(d)` on all rows
        const [name, after] = chainName(scan, b.from, b.to);
        const dot = name.lastIndexOf('.');
        if (dot > 0 && name.endsWith('.transform') && scan.kind[after] === Tok.LPar) {
          const f = fitted.get(name.slice(0, dot));
          const arg = this.structure.arguments(after)[0];
          if (f && arg && this.dataName(arg.from, arg.to) === f.data) origin = f.origin;
        }
      }
      if (origin) {
        let map = this.tainted.get(scope);
        if (!map) this.tainted.set(scope, (map = new Map()));
        if (!map.has(b.name) || !b.subscript) map.set(b.name, origin);
      } else if (tainted && !b.subscript && !this.taintedByThisStatement(tainted, b, s)) tainted.delete(b.name);
      if (!b.subscript && fitted?.get(b.name)?.origin.method !== undefined && scan.statementOf(fitted.get(b.name)!.origin.method) !== s) fitted.delete(b.name);
    }
  }

  /** The fit of statement `s` itself tainted `b` (checkFits ran first). */
  private taintedByThisStatement(tainted: Map<string, Origin>, b: Binding, s: number): boolean {
    const o = tainted.get(b.name);
    return o !== undefined && this.program.scan.statementOf(o.method) === s;
  }

  /** The origin of the first tainted name read in tokens [from, to). */
  private taintIn(from: number, to: number, tainted: Map<string, Origin>): Origin | undefined {
    const { scan } = this.program;
    for (let t = from; t < to; t++) {
      if (scan.kind[t] !== Tok.Name || !this.program.isReference(t)) continue;
      const o = tainted.get(scan.tokenText(t));
      if (o) return o;
      if (scan.kind[t + 1] === Tok.Dot && scan.kind[t + 2] === Tok.Name) {
        const dotted = tainted.get(`${scan.tokenText(t)}.${scan.tokenText(t + 2)}`);
        if (dotted) return dotted;
      }
    }
    return undefined;
  }

  private checkSplits(s: number, tainted: Map<string, Origin>): void {
    for (const split of this.splitsIn(s)) {
      for (const a of split.arrays) {
        const origin = this.taintIn(a.from, a.to, tainted);
        if (origin && !origin.reported) {
          origin.reported = true;
          this.reportBeforeSplit(origin, split.name);
        }
      }
    }
  }

  private reportBeforeSplit(origin: Origin, split: number): void {
    const { scan } = this.program;
    const [start, end] = callSpan(this.program, origin.receiver, origin.method);
    const label = origin.transformer.label;
    const at = this.context.where(scan.start[split]);
    const message =
      origin.transformer.kind === Kind.Resampler
        ? msg('`{0}` resampled the data before the train/test split ({1}): synthetic points built from the same neighbours end up in both sets, and the test set no longer has the real class balance, so the test score is optimistic. Resample only the training split, e.g. with `imblearn.pipeline.make_pipeline({0}(), model)`.', label, at)
        : msg('`{0}` is fitted on all rows here and its output is split into train/test at {1}, so test rows shaped the statistics used for training and the test score is optimistic. Split first, then `fit_transform(X_train)` and `transform(X_test)` — or use `make_pipeline({0}(), model)`.', label, at);
    this.context.report({ rule: 'test-data-leakage', message, start, end, fixes: [] });
  }
}

const SKLEARN_MODULES: ReadonlySet<string> = new Set(['sklearn', 'imblearn']);

export const testDataLeakageRule: PythonRule = {
  id: 'test-data-leakage',
  gate: { modules: SKLEARN_MODULES },
  run(context) {
    const { program } = context;
    if (!importsAny(program, SKLEARN_MODULES)) return;
    new LeakageCheck(context, program).run();
  },
};
