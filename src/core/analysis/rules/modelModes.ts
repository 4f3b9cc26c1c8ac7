// What the train/eval mode rules (eval-mode-missing, train-mode-not-restored) need to know about a
// PyTorch program: which models change behaviour between modes (Dropout, BatchNorm, RNN dropout),
// where each model is switched (`m.eval()`, `m.train()`, same-file helpers that do it), and which
// loops train (call backward()). Computed once per program from the shared structure.
import type { Program } from '../../python/program';
import { BindingKind, BlockKind, type ClassInfo, type FunctionInfo, type Param, type Structure } from '../../python/structure';
import { Key, Tok } from '../../python/tokens';
import type { OffsetEdit } from './rule';
import { insertBefore, methodCalls, receiverStart, textOf } from './torchCalls';

const MODE_LAYER = /^(Dropout[123]?d?|AlphaDropout|FeatureAlphaDropout|(Lazy)?BatchNorm[123]d|SyncBatchNorm)$/;
const RNN_LAYER = /^(LSTM|GRU|RNN)$/;
const F_DROPOUT = /^torch\.nn\.functional\.(dropout[123]?d?|alpha_dropout|feature_alpha_dropout)$/;
const TORCHVISION_MODEL = /^torchvision\.models\.(\w+\.)?(resnet|resnext|wide_resnet|vgg|densenet|mobilenet|efficientnet|inception|googlenet|alexnet|shufflenet|mnasnet|regnet|squeezenet|convnext|vit_|swin)/;
/** Call chains after a constructor that return the same model (`Net().to(device)`). */
const SAME_MODEL = new Set(['to', 'cuda', 'cpu', 'float', 'double', 'half', 'train']);

export const enum Mode {
  Eval = 1,
  Train,
}

export interface Switch {
  stmt: number;
  mode: Mode;
  /** The call's tokens [first, last] (the receiver through `)`), for reports. */
  first: number;
  last: number;
}

/** One model's switches, for binary searches: statements of eval and of train switches, and per scope. */
interface SwitchIndex {
  evals: number[];
  trains: number[];
  byScope: Map<number, { stmts: number[]; switches: Switch[] }>;
}

export class ModelModes {
  readonly st: Structure;
  private sensitiveClasses: Set<number> | undefined;
  /** Model name → its switches in statement order (direct calls and same-file helpers given the model). */
  private switchTable: Map<string, Switch[]> | undefined;
  /** Per loop header: whether its body (nested loops included, nested defs not) calls backward(). */
  private trainingLoops: Uint8Array | undefined;
  /** Names `m` with `m.<attr> = <mode-sensitive layers>` somewhere (a replaced head). */
  private replacedHeads: Set<string> | undefined;

  constructor(readonly program: Program) {
    this.st = program.structure();
  }

  // ---- which models are mode-sensitive

  /** Whether tokens [from, to) construct a Dropout/BatchNorm layer or an RNN with dropout, or call F.dropout(training=self.training). */
  private hasModeLayer(from: number, to: number): boolean {
    const program = this.program;
    const { scan } = program;
    for (let k = from; k < to; k++) {
      if (scan.kind[k] !== Tok.Name || (k > 0 && scan.kind[k - 1] === Tok.Dot)) continue;
      const end = program.chainEnd(k);
      if (scan.kind[end] !== Tok.LPar) continue;
      const q = program.qualifiedChain(k) ?? textOf(program, k, end - 1);
      const last = q.slice(q.lastIndexOf('.') + 1);
      const torchNn = q.startsWith('torch.nn.') || q.startsWith('nn.') || q === last;
      if (torchNn && MODE_LAYER.test(last)) return true;
      if (torchNn && RNN_LAYER.test(last) && this.rnnDropout(end)) return true;
      if (F_DROPOUT.test(q) && textOf(program, end, Math.max(end, scan.closing(end))).replace(/\s/g, '').includes('training=self.training')) return true;
      if (q === last && this.isSensitiveClassName(q, scan.statementOf(k))) return true;
    }
    return false;
  }

  /** `nn.LSTM(..., dropout=0.3)` with a dropout that is not literally zero. */
  private rnnDropout(open: number): boolean {
    for (const a of this.st.arguments(open)) {
      if (a.keyword === 'dropout') return !/^0*\.?0*$/.test(textOf(this.program, a.from, a.to - 1));
    }
    return false;
  }

  private isSensitiveClassName(name: string, s: number): boolean {
    const def = this.st.definitionBefore(name, s);
    return def !== undefined && 'methods' in def && this.sensitiveClassSet().has(def.header);
  }

  /** Same-file classes holding mode layers, directly, through a base class, or through a member of such a class. */
  private sensitiveClassSet(): Set<number> {
    if (this.sensitiveClasses) return this.sensitiveClasses;
    const set = (this.sensitiveClasses = new Set<number>());
    const { scan } = this.program;
    // Classes are checked in file order, a few rounds, so `class B(A)` / `self.a = A()` see A's answer.
    for (let round = 0; round < 3; round++) {
      const before = set.size;
      for (const cls of this.st.classes) {
        if (set.has(cls.header)) continue;
        const last = cls.bodyEnd < scan.statements ? scan.stFirst[cls.bodyEnd] : scan.count;
        if (this.hasModeLayer(cls.basesFrom, cls.basesTo) || this.hasModeLayer(scan.stFirst[cls.header + 1] ?? last, last) || this.baseIsSensitive(cls)) set.add(cls.header);
      }
      if (set.size === before) break;
    }
    return set;
  }

  private baseIsSensitive(cls: ClassInfo): boolean {
    const { scan } = this.program;
    for (let k = cls.basesFrom; k < cls.basesTo; k++) {
      if (scan.kind[k] === Tok.Name && this.sensitiveClassSet().has(this.st.definitionBefore(scan.tokenText(k), cls.header)?.header ?? -1)) return true;
    }
    return false;
  }

  /** Whether value tokens [from, to) build a mode-sensitive model (`Net()`, `nn.Sequential(..., nn.Dropout())`, `models.resnet18()`). */
  isSensitiveValue(from: number, to: number): boolean {
    const program = this.program;
    const { scan } = program;
    if (from >= to || scan.kind[from] !== Tok.Name) return false;
    const end = program.chainEnd(from);
    if (scan.kind[end] !== Tok.LPar) return false;
    const close = scan.closing(end);
    if (close < 0) return false;
    // only `.to(device)` and friends may follow
    for (let k = close + 1; k < to; ) {
      if (scan.kind[k] !== Tok.Dot || !SAME_MODEL.has(scan.tokenText(k + 1)) || scan.kind[k + 2] !== Tok.LPar) return false;
      const c = scan.closing(k + 2);
      if (c < 0) return false;
      k = c + 1;
    }
    const q = program.qualifiedChain(from) ?? textOf(program, from, end - 1);
    if (TORCHVISION_MODEL.test(q)) return true;
    if (/(^|\.)Sequential$/.test(q) || /(^|\.)ModuleList$/.test(q)) return this.hasModeLayer(end + 1, close);
    return end === from + 1 && this.isSensitiveClassName(q, scan.statementOf(from));
  }

  /**
   * Whether the model named `name` at statement `s` is mode-sensitive: bound to such a value, given a
   * Dropout/BatchNorm head, or (layers not all visible) switched with `name.train()` somewhere in the file.
   */
  isSensitiveName(name: string, s: number): boolean {
    const b = this.st.origin(name, s);
    if (b && b.kind === BindingKind.Assign && !b.subscript && this.isSensitiveValue(b.from, b.to)) return true;
    if (this.headTable().has(name)) return true;
    if (b && b.kind === BindingKind.Assign && !b.subscript && this.isVisibleModelValue(b.from, b.to)) return false;
    return this.index(name).trains.length > 0;
  }

  /**
   * Whether value tokens [from, to) construct a model whose every layer is visible here (`nn.Sequential`
   * of torch.nn layers, a same-file nn.Module built only from those): its layers decide, and a
   * `.train()` call elsewhere (courses call it on every model) is no sign of Dropout/BatchNorm.
   */
  private isVisibleModelValue(from: number, to: number): boolean {
    if (from >= to || this.program.scan.kind[from] !== Tok.Name) return false;
    return this.isVisibleCall(from, true);
  }

  /** Whether the call whose callee chain starts at `k` builds only visible layers (`sequential`: look into `nn.Sequential(...)`). */
  private isVisibleCall(k: number, sequential: boolean): boolean {
    const program = this.program;
    const { scan } = program;
    const end = program.chainEnd(k);
    if (scan.kind[end] !== Tok.LPar) return false;
    const q = program.qualifiedChain(k);
    if (q !== undefined) {
      if (/^torch\.(hub|jit)\.|^torch\.load$|^torch\.nn\.Module$/.test(q) || !q.startsWith('torch.')) return false;
      if (!sequential || !/\.(Sequential|ModuleList)$/.test(q)) return true;
      // every element a call to a visible layer (`*layers` or a variable could hold anything)
      return this.st.arguments(end).every((a) => a.star === 0 && a.keyword === undefined && a.to > a.from && scan.kind[a.from] === Tok.Name && program.chainEnd(a.from) < a.to && this.isVisibleCall(a.from, true));
    }
    if (end !== k + 1) return true; // `self.block(x)`, `x.view(...)`: not a constructor
    const def = this.st.definitionBefore(scan.tokenText(k), scan.statementOf(k));
    if (def === undefined) return true; // builtins such as super(), range(), len()
    return 'methods' in def && this.isVisibleClass(def);
  }

  private visibleClasses = new Map<number, boolean>();

  /** A same-file class whose body calls only torch names, builtins and such classes (no imported model, no builder function). */
  private isVisibleClass(cls: ClassInfo): boolean {
    const known = this.visibleClasses.get(cls.header);
    if (known !== undefined) return known;
    this.visibleClasses.set(cls.header, false); // a cycle is not visible
    const program = this.program;
    const { scan } = program;
    let visible = true;
    for (let k = cls.basesFrom; k < cls.basesTo && visible; k++) {
      if (scan.kind[k] !== Tok.Name || (k > 0 && scan.kind[k - 1] === Tok.Dot)) continue;
      const q = program.qualifiedChain(k);
      const def = q === undefined ? this.st.definitionBefore(scan.tokenText(k), cls.header) : undefined;
      visible = q === 'torch.nn.Module' || (def !== undefined && 'methods' in def && this.isVisibleClass(def));
    }
    const last = cls.bodyEnd < scan.statements ? scan.stFirst[cls.bodyEnd] : scan.count;
    for (let k = scan.stFirst[cls.header + 1] ?? last; k < last && visible; k++) {
      if (scan.kind[k] !== Tok.Name || (k > 0 && scan.kind[k - 1] === Tok.Dot) || scan.kind[program.chainEnd(k)] !== Tok.LPar) continue;
      if (program.qualifiedChain(k) === 'torch.nn.Module') continue; // nn.Module.__init__(self)
      visible = this.isVisibleCall(k, false);
    }
    this.visibleClasses.set(cls.header, visible);
    return visible;
  }

  private headTable(): Set<string> {
    if (this.replacedHeads) return this.replacedHeads;
    this.replacedHeads = new Set();
    for (const b of this.st.allAssignments()) {
      const dot = b.name.indexOf('.');
      if (b.kind === BindingKind.Assign && dot > 0 && !b.name.startsWith('self.') && this.hasModeLayer(b.from, b.to)) this.replacedHeads.add(b.name.slice(0, dot));
    }
    return this.replacedHeads;
  }

  // ---- mode switches

  /** Switches of the model `name` (written as a name chain such as `model` or `self.net`), in statement order. */
  switchesOf(name: string): readonly Switch[] {
    return this.switches().get(name) ?? [];
  }

  /** Whether `name` is switched to `mode` by a statement in [from, to) (binary search: sites × switches stays linear-ish). */
  hasSwitchIn(name: string, mode: Mode, from: number, to: number): boolean {
    const stmts = this.index(name)[mode === Mode.Eval ? 'evals' : 'trains'];
    const k = firstAtLeast(stmts, from);
    return k < stmts.length && stmts[k] < to;
  }

  /** The latest switch of `name` made before statement `s` by a statement of the same scope as `s`. */
  lastSwitchBefore(name: string, s: number): Switch | undefined {
    const list = this.index(name).byScope.get(this.st.scope[s]);
    if (!list) return undefined;
    const k = firstAtLeast(list.stmts, s);
    return k > 0 ? list.switches[k - 1] : undefined;
  }

  private indexes = new Map<string, SwitchIndex>();

  private index(name: string): SwitchIndex {
    let ix = this.indexes.get(name);
    if (ix) return ix;
    ix = { evals: [], trains: [], byScope: new Map() };
    for (const w of this.switchesOf(name)) {
      (w.mode === Mode.Eval ? ix.evals : ix.trains).push(w.stmt);
      const scope = this.st.scope[w.stmt];
      let list = ix.byScope.get(scope);
      if (!list) ix.byScope.set(scope, (list = { stmts: [], switches: [] }));
      list.stmts.push(w.stmt);
      list.switches.push(w);
    }
    this.indexes.set(name, ix);
    return ix;
  }

  /** Every model's switches (by the receiver as written). */
  allSwitches(): ReadonlyMap<string, readonly Switch[]> {
    return this.switches();
  }

  private switches(): Map<string, Switch[]> {
    if (this.switchTable) return this.switchTable;
    const table = (this.switchTable = new Map<string, Switch[]>());
    const program = this.program;
    const { scan } = program;
    const add = (name: string, w: Switch): void => {
      let list = table.get(name);
      if (!list) table.set(name, (list = []));
      list.push(w);
    };
    const helpers = this.switchingHelpers();
    for (let s = 0; s < scan.statements; s++) {
      if (this.st.kindOf[s] === BlockKind.Function || this.st.kindOf[s] === BlockKind.Class) continue;
      for (const call of methodCalls(program, s, (t) => scan.isName(t, 'eval') || scan.isName(t, 'train') || scan.isName(t, 'freeze') || scan.isName(t, 'unfreeze'))) {
        if (call.receiver < 0) continue;
        const mode = this.modeOfCall(call.name, call.open);
        if (mode === undefined) continue;
        const close = scan.closing(call.open);
        add(textOf(program, call.receiver, call.dot - 1), { stmt: s, mode, first: call.receiver, last: close < 0 ? call.name : close });
      }
      if (helpers.size === 0) continue;
      // `set_eval(model)`, `train_one_epoch(model, ...)`: a same-file helper that switches the argument it is given
      for (let k = scan.stFirst[s]; k < scan.stEnd[s] - 1; k++) {
        if (scan.kind[k] !== Tok.Name || scan.kind[k + 1] !== Tok.LPar || (k > 0 && scan.kind[k - 1] === Tok.Dot)) continue;
        const helper = helpers.get(scan.tokenText(k));
        if (helper === undefined) continue;
        const call = { nameToken: k, open: k + 1, close: scan.closing(k + 1), stmt: s, onSelf: false, args: this.st.arguments(k + 1) };
        for (const [param, mode] of helper.switched) {
          const a = this.st.argumentFor(call, helper.fn, param);
          if (a && a.to === a.from + 1 && scan.kind[a.from] === Tok.Name) add(scan.tokenText(a.from), { stmt: s, mode, first: k, last: k });
        }
      }
    }
    return table;
  }

  /** Eval for `.eval()`, `.train(False)`, `.train(mode=False)`, `.freeze()`; Train for `.train()`, `.train(True)`, `.unfreeze()`. */
  private modeOfCall(name: number, open: number): Mode | undefined {
    const { scan } = this.program;
    const method = scan.tokenText(name);
    if (method === 'eval' || method === 'freeze') return scan.kind[open + 1] === Tok.RPar ? Mode.Eval : undefined;
    if (method === 'unfreeze') return Mode.Train;
    const args = this.st.arguments(open);
    if (args.length === 0) return Mode.Train;
    if (args.length > 1 || (args[0].keyword !== undefined && args[0].keyword !== 'mode')) return undefined;
    const value = textOf(this.program, args[0].from, args[0].to - 1);
    return value === 'False' ? Mode.Eval : value === 'True' ? Mode.Train : undefined;
  }

  /** Same-file functions that switch the mode of some of their parameters (the last switch of each in the body wins). */
  private switchingHelpers(): Map<string, { fn: FunctionInfo; switched: Map<Param, Mode> }> {
    const program = this.program;
    const { scan } = program;
    const out = new Map<string, { fn: FunctionInfo; switched: Map<Param, Mode> }>();
    for (const fn of this.st.functions) {
      if (fn.classHeader >= 0 || fn.params.length === 0) continue;
      const switched = new Map<Param, Mode>();
      for (let s = fn.header + 1; s < fn.bodyEnd; s++) {
        for (const call of methodCalls(program, s, (t) => scan.isName(t, 'eval') || scan.isName(t, 'train'))) {
          if (call.receiver !== call.dot - 1) continue;
          const param = fn.params.find((p) => scan.isName(call.receiver, p.name));
          const mode = param && this.modeOfCall(call.name, call.open);
          if (param && mode !== undefined) switched.set(param, mode);
        }
      }
      if (switched.size > 0) out.set(fn.name, { fn, switched });
    }
    return out;
  }

  // ---- training loops

  /** Whether loop header `loop` trains: its body (nested loops included, nested defs not) calls backward(). */
  isTrainingLoop(loop: number): boolean {
    if (!this.trainingLoops) {
      const program = this.program;
      const { scan } = program;
      const flags = (this.trainingLoops = new Uint8Array(scan.statements));
      for (let s = 0; s < scan.statements; s++) {
        const l = this.st.loop[s];
        if (l < 0 || flags[l] === 1) continue;
        if (methodCalls(program, s, (t) => scan.isName(t, 'backward') || scan.isName(t, 'manual_backward')).length > 0) flags[l] = 1;
      }
      for (let s = scan.statements - 1; s >= 0; s--) if (this.st.kindOf[s] === BlockKind.Loop && this.st.loop[s] >= 0 && flags[s] === 1) flags[this.st.loop[s]] = 1;
    }
    return this.trainingLoops[loop] === 1;
  }

  /** Per statement s: how many statements before s call backward() (so any range is answered in O(1)). */
  private backwardBefore: Int32Array | undefined;

  /** Whether statements [from, to) call backward(). */
  callsBackward(from: number, to: number): boolean {
    if (!this.backwardBefore) {
      const program = this.program;
      const { scan } = program;
      const counts = (this.backwardBefore = new Int32Array(scan.statements + 1));
      for (let s = 0; s < scan.statements; s++) {
        const here = methodCalls(program, s, (t) => scan.isName(t, 'backward') || scan.isName(t, 'manual_backward')).length > 0;
        counts[s + 1] = counts[s] + (here ? 1 : 0);
      }
    }
    return this.backwardBefore[Math.min(to, this.backwardBefore.length - 1)] - this.backwardBefore[Math.max(0, from)] > 0;
  }

  /**
   * The edit that puts `<name>.train()` back for the training part of `loop`, given that the eval
   * happens in the loop's direct child `child`: right after that child when training follows it in
   * the loop, else at the top of the loop body (the training came first in the iteration).
   */
  restoreTrainEdit(loop: number, child: number, name: string): OffsetEdit | undefined {
    const st = this.st;
    // after the evaluation part (no_grad blocks, loops and branches that do not train), if training follows
    for (let c = st.bodyEnd[child]; c < st.bodyEnd[loop]; c = st.bodyEnd[c]) {
      const trains = this.callsBackward(c, st.bodyEnd[c]);
      if (trains) return insertBefore(this.program, c, `${name}.train()`);
      const evaluating = (this.isWith(c) && this.isNoGrad(c)) || (st.kindOf[c] !== BlockKind.Other && st.kindOf[c] !== BlockKind.Function && st.kindOf[c] !== BlockKind.Class) || this.program.scan.stHeader[c] === 1;
      if (!evaluating) {
        if (c + 1 < st.bodyEnd[loop] && this.callsBackward(c, st.bodyEnd[loop])) return insertBefore(this.program, c, `${name}.train()`);
        break;
      }
    }
    if (loop + 1 >= st.bodyEnd[loop]) return undefined;
    return insertBefore(this.program, loop + 1, `${name}.train()`);
  }

  /** The direct child of `loop` that contains statement `s`. */
  childOf(loop: number, s: number): number {
    let c = s;
    while (this.st.parent[c] !== loop && this.st.parent[c] >= 0) c = this.st.parent[c];
    return c;
  }

  /** Whether the header `h` is `with torch.no_grad()` / `inference_mode()` / `set_grad_enabled(False)` (or a decorator line saying so). */
  isNoGrad(h: number): boolean {
    const { scan } = this.program;
    for (let k = scan.stFirst[h]; k < scan.stEnd[h]; k++) {
      if (scan.isName(k, 'no_grad') || scan.isName(k, 'inference_mode')) return true;
      if (scan.isName(k, 'set_grad_enabled') && scan.kind[k + 1] === Tok.LPar && scan.isName(k + 2, 'False')) return true;
    }
    return false;
  }

  isWith(h: number): boolean {
    return this.program.scan.stKey[h] === Key.With;
  }

  /** The first token of the receiver of the method call whose `.` is `dot`. */
  receiverOf(dot: number): number {
    return receiverStart(this.program, dot);
  }
}

/** The first index of sorted `list` whose value is >= `value` (list.length when none). */
function firstAtLeast(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
