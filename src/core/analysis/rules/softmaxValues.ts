// What a PyTorch / TensorFlow / Keras expression holds, as far as softmax-before-cross-entropy
// cares: probabilities (softmax or sigmoid applied), log-probabilities, modules and models that
// produce them, and the losses that expect logits. Values are followed through assignments
// (latest binding before the use), `self.` attributes, tuple unpacking, a model's `forward`,
// functions that return a model, and one level of parameters bound at same-file call sites.
import type { Program } from '../../python/program';
import { type Binding, BindingKind, type ClassInfo, type FunctionInfo, type Param, type Structure, splitCommas } from '../../python/structure';
import { Key, Tok } from '../../python/tokens';
import { chainName } from './expressions';

export const enum V {
  None,
  /** softmax applied */
  Prob,
  /** sigmoid applied */
  Sig,
  LogProb,
  SoftmaxModule,
  SigmoidModule,
  LogSoftmaxModule,
  /** a torch model whose output is Prob / Sig */
  ProbModel,
  SigModel,
  CrossEntropyLoss,
  BCEWithLogitsLoss,
  NLLLoss,
  /** a same-file class (calling it builds an instance) */
  Class,
  /** a same-file function (calling it returns what its returns hold) */
  Function,
  Tuple,
  /** Keras layer object; `act` is its activation */
  KerasLayer,
  /** symbolic tensor out of a Keras layer (functional API) */
  KerasTensor,
  KerasModel,
  /** what calling a Keras model returns */
  KerasOutput,
  /** a Keras loss built with `from_logits=True` */
  KerasLogitsLoss,
}

export type Activation = 'softmax' | 'sigmoid' | undefined;

export interface Value {
  v: V;
  /** Token where the softmax/sigmoid is applied (or the `from_logits` keyword of a Keras loss). */
  at: number;
  act?: Activation;
  /** Keras losses: which activation's output they must not receive. */
  family?: Activation;
  items?: Value[];
  cls?: ClassInfo;
  fn?: FunctionInfo;
  /** A Keras Sequential that later `.add(…)` calls may extend. */
  sequential?: boolean;
}

export const NONE: Value = { v: V.None, at: -1 };

const MAX_DEPTH = 24;

const TORCH_CALLS = new Map<string, V>([
  ['torch.nn.functional.softmax', V.Prob],
  ['torch.softmax', V.Prob],
  ['torch.special.softmax', V.Prob],
  ['torch.nn.functional.sigmoid', V.Sig],
  ['torch.sigmoid', V.Sig],
  ['torch.special.expit', V.Sig],
  ['torch.nn.functional.log_softmax', V.LogProb],
  ['torch.log_softmax', V.LogProb],
  ['torch.special.log_softmax', V.LogProb],
  ['torch.nn.Softmax', V.SoftmaxModule],
  ['torch.nn.Sigmoid', V.SigmoidModule],
  ['torch.nn.LogSoftmax', V.LogSoftmaxModule],
  ['torch.nn.CrossEntropyLoss', V.CrossEntropyLoss],
  ['torch.nn.BCEWithLogitsLoss', V.BCEWithLogitsLoss],
  ['torch.nn.NLLLoss', V.NLLLoss],
  ['tensorflow.nn.softmax', V.Prob],
  ['tensorflow.math.softmax', V.Prob],
  ['tensorflow.keras.activations.softmax', V.Prob],
  ['keras.activations.softmax', V.Prob],
  ['tensorflow.nn.sigmoid', V.Sig],
  ['tensorflow.sigmoid', V.Sig],
  ['tensorflow.math.sigmoid', V.Sig],
  ['tensorflow.nn.log_softmax', V.LogProb],
  ['tensorflow.math.log_softmax', V.LogProb],
]);
/** Tensor methods that keep what the values are. */
const KEEPING = new Set(['view', 'reshape', 'squeeze', 'unsqueeze', 'contiguous', 'float', 'double', 'half', 'to', 'cpu', 'cuda', 'permute', 'transpose', 'flatten', 'clone', 'type', 'view_as', 'reshape_as', 'detach', 'clamp']);
/** Module methods that return the module itself (`model = Net().to(device)`). */
const MODEL_KEEPING = new Set(['to', 'cpu', 'cuda', 'float', 'double', 'half', 'train', 'eval', 'requires_grad_', 'share_memory']);
/** Attributes that replace a model's classification head. */
const HEADS = ['fc', 'classifier', 'head'];
const KERAS_ROOTS = /^(tensorflow\.keras|tensorflow\.python\.keras|keras|tf_keras)\./;
const KERAS_LOSSES = new Map<string, Activation>([
  ['SparseCategoricalCrossentropy', 'softmax'],
  ['CategoricalCrossentropy', 'softmax'],
  ['CategoricalFocalCrossentropy', 'softmax'],
  ['BinaryCrossentropy', 'sigmoid'],
  ['BinaryFocalCrossentropy', 'sigmoid'],
]);

export class Values {
  private readonly structure: Structure;
  /** Values of bindings, models (by class header), returns (by def header) and parameters, computed once. */
  private readonly memo = new Map<unknown, Value>();
  private readonly busy = new Set<unknown>();
  private adds: Map<string, [number, number, number][]> | undefined;

  constructor(private readonly program: Program) {
    this.structure = program.structure();
  }

  /** The value of tokens [from, to) in statement `s`. */
  evaluate(from: number, to: number, s: number, depth = 0): Value {
    const { scan } = this.program;
    if (depth > MAX_DEPTH || from >= to) return NONE;
    while (to - from >= 2 && scan.kind[from] === Tok.LPar && scan.closing(from) === to - 1) {
      from++;
      to--;
    }
    const parts = splitCommas(scan, from, to);
    if (parts.length > 1) return { v: V.Tuple, at: -1, items: parts.map(([a, z]) => this.evaluate(a, z, s, depth + 1)) };
    if (scan.kind[from] !== Tok.Name) return NONE;
    let value: Value;
    let pos: number;
    if (this.program.isBoundName(from)) {
      // an imported name: a call of a known function or constructor, or nothing we follow
      const [, after] = chainName(scan, from, to);
      const q = this.program.qualifiedChain(from);
      if (q === undefined || scan.kind[after] !== Tok.LPar) return NONE;
      const close = scan.closing(after);
      if (close < 0 || close >= to) return NONE;
      value = this.callOf(q, after - 1, after, s, depth);
      pos = close + 1;
    } else {
      [value, pos] = this.head(from, to, s, depth);
    }
    return this.postfix(value, pos, to, depth);
  }

  /** The value of a local name, `self.attr`, or a dotted binding at the start of an expression, and where it ends. */
  private head(from: number, to: number, s: number, depth: number): [Value, number] {
    const { scan } = this.program;
    const name = scan.tokenText(from);
    if (name === 'self' && scan.kind[from + 1] === Tok.Dot && scan.kind[from + 2] === Tok.Name && from + 2 < to) {
      const cls = this.structure.classOf(s);
      return [cls ? this.selfAttribute(cls, scan.tokenText(from + 2), depth) : NONE, from + 3];
    }
    return [this.nameValue(name, s, depth), from + 1];
  }

  /** The value `name` holds at statement `s`. */
  nameValue(name: string, s: number, depth: number): Value {
    const b = this.structure.bindingBefore(name, s);
    if (!b) return NONE;
    let value = this.bindingValue(b, depth + 1);
    if (value.v === V.KerasModel && value.sequential) value = this.afterAdds(name, b, s, value, depth);
    if (value.v === V.None || value.v === V.ProbModel || value.v === V.SigModel) {
      // `net.fc = nn.Sequential(…, nn.Softmax(dim=1))` after `net = models.resnet18()`
      for (const head of HEADS) {
        const hb = this.structure.bindingBefore(`${name}.${head}`, s);
        if (!hb || hb.stmt <= b.stmt || hb.subscript) continue;
        const hv = this.bindingValue(hb, depth + 1);
        if (hv.v === V.ProbModel || hv.v === V.SigModel) return hv;
      }
    }
    return value;
  }

  /** `self.<attr>` in a method of `cls`: what `__init__` (or another method) assigns to it. */
  private selfAttribute(cls: ClassInfo, attr: string, depth: number): Value {
    const name = `self.${attr}`;
    let found: Binding | undefined;
    for (const fn of this.structure.functions) {
      if (fn.classHeader !== cls.header) continue;
      const list = this.structure.bindingsIn(name, fn.header);
      if (list.length === 0) continue;
      if (fn.name === '__init__') {
        found = list[list.length - 1];
        break;
      }
      found ??= list[list.length - 1];
    }
    return found ? this.bindingValue(found, depth + 1) : NONE;
  }

  bindingValue(b: Binding, depth: number): Value {
    return this.once(b, depth, () => {
      if (b.kind === BindingKind.Assign && !b.subscript) {
        const value = this.evaluate(b.from, b.to, b.stmt, depth + 1);
        if (b.index < 0) return value;
        return value.v === V.Tuple ? (value.items?.[b.index] ?? NONE) : isTensor(value) ? value : NONE;
      }
      if (b.kind === BindingKind.Param) {
        const fn = this.structure.functionAtHeader(b.stmt);
        const p = fn?.params.find((q) => q.name === b.name);
        return fn && p ? this.paramValue(fn, p, depth + 1) : NONE;
      }
      if (b.kind === BindingKind.Class) {
        const cls = this.structure.classAtHeader(b.stmt);
        return cls ? { v: V.Class, at: -1, cls } : NONE;
      }
      if (b.kind === BindingKind.Def) {
        const fn = this.structure.functionAtHeader(b.stmt);
        return fn ? { v: V.Function, at: -1, fn } : NONE;
      }
      return NONE;
    });
  }

  /**
   * `compute()` once per key; NONE while the key is being computed (a cycle) or past the depth limit.
   * A value found near the depth limit may be incomplete: it is kept only when found from near the top.
   */
  private once(key: unknown, depth: number, compute: () => Value): Value {
    const cached = this.memo.get(key);
    if (cached) return cached;
    if (this.busy.has(key) || depth > MAX_DEPTH) return NONE;
    this.busy.add(key);
    let value: Value;
    try {
      value = compute();
    } finally {
      this.busy.delete(key);
    }
    if (depth < MAX_DEPTH / 2) this.memo.set(key, value);
    return value;
  }

  /** A parameter: what every same-file call site passes for it (they must agree). */
  private paramValue(fn: FunctionInfo, p: Param, depth: number): Value {
    return this.once(p, depth, () => {
      let value: Value | undefined;
      let passed = false;
      for (const call of this.structure.callsTo(fn.name)) {
        const arg = this.structure.argumentFor(call, fn, p);
        if (!arg) continue;
        passed = true;
        const v = this.evaluate(arg.from, arg.to, call.stmt, depth + 1);
        if (value === undefined) value = v;
        else if (value.v !== v.v || value.act !== v.act) return NONE;
      }
      if (!passed && /crit|loss/i.test(p.name)) {
        // `def train(model, criterion)` called from another file: the module's own `criterion`
        const module = this.structure.bindingsIn(p.name, -1);
        if (module.length > 0) value = this.bindingValue(module[module.length - 1], depth + 1);
      }
      return value ?? NONE;
    });
  }

  /** Postfix operations on a value: method calls, attributes, subscripts, calls. */
  private postfix(value: Value, pos: number, to: number, depth: number): Value {
    const { scan } = this.program;
    while (pos < to) {
      const k = scan.kind[pos];
      if (k === Tok.Dot && scan.kind[pos + 1] === Tok.Name) {
        const m = pos + 1;
        const method = scan.tokenText(m);
        if (scan.kind[m + 1] !== Tok.LPar) {
          if (method !== 'data') value = NONE;
          pos = m + 1;
          continue;
        }
        const close = scan.closing(m + 1);
        if (close < 0 || close >= to) return NONE;
        if (method === 'softmax') value = { v: V.Prob, at: m };
        else if (method === 'sigmoid') value = { v: V.Sig, at: m };
        else if (method === 'log_softmax') value = { v: V.LogProb, at: m };
        else if (method === 'exp') value = value.v === V.LogProb ? { v: V.Prob, at: value.at } : NONE;
        else if (method === 'forward') value = this.called(value, depth);
        else if (value.v === V.ProbModel || value.v === V.SigModel) {
          if (!MODEL_KEEPING.has(method)) value = NONE;
        } else if (!KEEPING.has(method) || !isTensor(value)) value = NONE;
        pos = close + 1;
      } else if (k === Tok.LSqb) {
        const close = scan.closing(pos);
        if (close < 0 || close >= to) return NONE;
        if (value.v === V.Tuple) {
          const index = close === pos + 2 && scan.kind[pos + 1] === Tok.Number ? Number(scan.tokenText(pos + 1)) : NaN;
          value = value.items?.[index] ?? NONE;
        } else if (!isTensor(value)) value = NONE;
        pos = close + 1;
      } else if (k === Tok.LPar) {
        const close = scan.closing(pos);
        if (close < 0 || close >= to) return NONE;
        value = this.called(value, depth);
        pos = close + 1;
      } else return NONE;
    }
    return value;
  }

  /** What calling `value` returns. */
  private called(value: Value, depth: number): Value {
    switch (value.v) {
      case V.SoftmaxModule:
      case V.ProbModel:
        return { v: V.Prob, at: value.at };
      case V.SigmoidModule:
      case V.SigModel:
        return { v: V.Sig, at: value.at };
      case V.LogSoftmaxModule:
        return { v: V.LogProb, at: value.at };
      case V.Class:
        return this.classModel(value.cls!, depth);
      case V.Function:
        return this.returnValue(value.fn!, depth);
      case V.KerasLayer:
        return { v: V.KerasTensor, at: value.at, act: value.act };
      case V.KerasModel:
        return value.act ? { v: V.KerasOutput, at: value.at, act: value.act } : NONE;
      default:
        return NONE;
    }
  }

  /** An instance of a same-file class: a probability model when its `forward` returns probabilities on every path. */
  classModel(cls: ClassInfo, depth: number): Value {
    return this.once(cls, depth, () => {
      const forward = this.structure.functions.find((f) => f.classHeader === cls.header && f.name === 'forward');
      if (forward) {
        const r = this.returnValue(forward, depth + 1);
        if (r.v === V.Prob) return { v: V.ProbModel, at: r.at };
        if (r.v === V.Sig) return { v: V.SigModel, at: r.at };
        return NONE;
      }
      // inherited forward: a same-file base class
      const { scan } = this.program;
      for (const [a] of splitCommas(scan, cls.basesFrom, cls.basesTo)) {
        if (scan.kind[a] !== Tok.Name || scan.kind[a + 1] === Tok.Dot) continue;
        const base = this.structure.bindingBefore(scan.tokenText(a), cls.header);
        const baseClass = base?.kind === BindingKind.Class ? this.structure.classAtHeader(base.stmt) : undefined;
        if (baseClass && baseClass !== cls) return this.classModel(baseClass, depth + 1);
      }
      return NONE;
    });
  }

  /** What a function returns when all its `return` statements agree (Prob/Sig also through tuples of them), else None. */
  returnValue(fn: FunctionInfo, depth: number): Value {
    return this.once(fn, depth, () => {
      const { scan } = this.program;
      let value: Value | undefined;
      for (let r = fn.header + 1; r < fn.bodyEnd; r++) {
        if (scan.stKey[r] !== Key.Return || this.structure.scope[r] !== fn.header) continue;
        let v = this.evaluate(scan.stFirst[r] + 1, scan.stEnd[r] - 1, r, depth + 1);
        if (v.v === V.Tuple) {
          const items = v.items ?? [];
          v = items.length > 0 && items.every((i) => i.v === items[0].v && isTensor(i)) ? items[0] : NONE;
        }
        if (value === undefined) value = v;
        else if (value.v !== v.v || value.act !== v.act) return NONE;
        if (value.v === V.None) return NONE;
      }
      return value ?? NONE;
    });
  }

  // ---- calls of imported names

  /** A call of imported `q` whose callee's last token is `name` and whose `(` is `open`. */
  private callOf(q: string, name: number, open: number, s: number, depth: number): Value {
    const known = TORCH_CALLS.get(q);
    if (known !== undefined) return { v: known, at: name };
    if (q === 'torch.exp' || q === 'tensorflow.exp' || q === 'tensorflow.math.exp') {
      const arg = this.structure.arguments(open)[0];
      const inner = arg ? this.evaluate(arg.from, arg.to, s, depth + 1) : NONE;
      return inner.v === V.LogProb ? { v: V.Prob, at: inner.at } : NONE;
    }
    if (q === 'torch.nn.Sequential') {
      const positional = this.structure.arguments(open).filter((a) => a.keyword === undefined && a.star === 0);
      const last = positional[positional.length - 1];
      const v = last ? this.evaluate(last.from, last.to, s, depth + 1) : NONE;
      if (v.v === V.SoftmaxModule) return { v: V.ProbModel, at: v.at };
      if (v.v === V.SigmoidModule) return { v: V.SigModel, at: v.at };
      if (v.v === V.ProbModel || v.v === V.SigModel) return v;
      return NONE;
    }
    if (KERAS_ROOTS.test(q)) return this.kerasCall(q, name, open, s, depth);
    return NONE;
  }

  private kerasCall(q: string, name: number, open: number, s: number, depth: number): Value {
    const { scan } = this.program;
    const leaf = q.slice(q.lastIndexOf('.') + 1);
    const args = this.structure.arguments(open);
    if (leaf === 'Sequential') {
      const list = args.find((a) => a.keyword === undefined || a.keyword === 'layers');
      let act: Activation;
      let at = -1;
      if (list && scan.kind[list.from] === Tok.LSqb && scan.closing(list.from) === list.to - 1) {
        const items = splitCommas(scan, list.from + 1, list.to - 1);
        const last = items[items.length - 1];
        if (last) {
          const v = this.evaluate(last[0], last[1], s, depth + 1);
          if (v.v === V.KerasLayer || v.v === V.KerasModel) {
            act = v.act;
            at = v.at;
          }
        }
      }
      return { v: V.KerasModel, at, act, sequential: true };
    }
    if (leaf === 'Model' || leaf === 'Functional') {
      const outputs = args.find((a) => a.keyword === 'outputs') ?? args.filter((a) => a.keyword === undefined)[1];
      const v = outputs ? this.evaluate(outputs.from, outputs.to, s, depth + 1) : NONE;
      return v.v === V.KerasTensor ? { v: V.KerasModel, at: v.at, act: v.act } : { v: V.KerasModel, at: -1 };
    }
    if (leaf === 'Input') return { v: V.KerasTensor, at: -1 };
    const lossFamily = KERAS_LOSSES.get(leaf);
    if (lossFamily) {
      const flag = args.find((a) => a.keyword === 'from_logits');
      if (flag && flag.to === flag.from + 1 && scan.isName(flag.from, 'True')) return { v: V.KerasLogitsLoss, at: flag.from - 2, family: lossFamily };
      return NONE;
    }
    if (!q.includes('.layers.')) return NONE;
    if (leaf === 'Softmax') return { v: V.KerasLayer, at: name, act: 'softmax' };
    if (leaf === 'Activation') {
      const a = args[0];
      return { v: V.KerasLayer, at: name, act: a && a.keyword === undefined ? this.activation(a.from, a.to) : undefined };
    }
    const keyword = args.find((a) => a.keyword === 'activation');
    const positional = leaf === 'Dense' ? args.filter((a) => a.keyword === undefined)[1] : undefined;
    const a = keyword ?? positional;
    return { v: V.KerasLayer, at: a ? a.from : name, act: a ? this.activation(a.from, a.to) : undefined };
  }

  /** `'softmax'`, `tf.nn.softmax`, `keras.activations.sigmoid`, … as an activation argument. */
  private activation(from: number, to: number): Activation {
    const { scan } = this.program;
    if (to !== from + 1 && !(scan.kind[from] === Tok.Name && this.program.chainEnd(from) === to)) return undefined;
    const text = to === from + 1 ? this.program.stringValue(from) : undefined;
    const q = text ?? (scan.kind[from] === Tok.Name ? this.program.qualifiedChain(from) : undefined);
    if (q === undefined) return undefined;
    const leaf = q.slice(q.lastIndexOf('.') + 1);
    if (text === undefined && !/^(tensorflow|keras|tf_keras)\./.test(q)) return undefined;
    return leaf === 'softmax' || leaf === 'sigmoid' ? leaf : undefined;
  }

  /** A Keras Sequential extended by `name.add(layer)` between its binding and statement `s`: the last added layer decides. */
  private afterAdds(name: string, b: Binding, s: number, value: Value, depth: number): Value {
    this.adds ??= this.readAdds();
    const list = this.adds.get(name);
    if (!list) return value;
    // the last add before `s` (the list is in statement order), in the scope of the binding
    let lo = 0;
    let hi = list.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid][0] < s) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    while (k >= 0 && list[k][0] > b.stmt && this.structure.scope[list[k][0]] !== b.scope) k--;
    const last = k >= 0 && list[k][0] > b.stmt ? list[k] : undefined;
    if (!last) return value;
    const v = this.evaluate(last[1], last[2], last[0], depth + 1);
    return v.v === V.KerasLayer || v.v === V.KerasModel ? { v: V.KerasModel, at: v.at, act: v.act, sequential: true } : { v: V.KerasModel, at: -1, sequential: true };
  }

  /** Every `name.add(arg)` statement: name → [statement, argument from, argument to]. */
  private readAdds(): Map<string, [number, number, number][]> {
    const { scan } = this.program;
    const out = new Map<string, [number, number, number][]>();
    for (let i = 0; i < scan.nameCount; i++) {
      const t = scan.names[i];
      if (!scan.isName(t, 'add') || scan.kind[t - 1] !== Tok.Dot || scan.kind[t + 1] !== Tok.LPar || scan.kind[t - 2] !== Tok.Name) continue;
      let r = t - 2;
      while (r >= 2 && scan.kind[r - 1] === Tok.Dot && scan.kind[r - 2] === Tok.Name) r -= 2;
      if (r > 0 && scan.kind[r - 1] === Tok.Dot) continue;
      const name = chainName(scan, r, t - 1)[0];
      const arg = this.structure.arguments(t + 1)[0];
      if (!arg || arg.keyword !== undefined) continue;
      let list = out.get(name);
      if (!list) out.set(name, (list = []));
      list.push([scan.statementOf(t), arg.from, arg.to]);
    }
    return out;
  }
}

/** Values that are tensors (plain, or what a model returned) rather than modules or losses. */
export function isTensor(value: Value): boolean {
  return value.v === V.Prob || value.v === V.Sig || value.v === V.LogProb || value.v === V.KerasOutput || value.v === V.KerasTensor;
}
