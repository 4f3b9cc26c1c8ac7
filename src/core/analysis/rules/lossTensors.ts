// Which values in a PyTorch program are loss tensors that carry an autograd graph: the results of
// loss functions and loss modules (also ones passed in as parameters), names last bound to one and
// not detached, and what a loop backpropagates. Used by loss-accumulation.
import type { Program } from '../../python/program';
import { BindingKind, type Binding, type FunctionInfo, type Structure } from '../../python/structure';
import { Key, Tok } from '../../python/tokens';

/** Method names after which a value no longer carries the autograd graph. */
const DETACHING = new Set(['item', 'detach', 'numpy', 'tolist', 'data']);
/** Calls that turn a tensor into a Python number. */
const NUMBER_CALLS = new Set(['float', 'int', 'round']);
const LOSS_NAME = /loss|criterion|entropy|_div$/i;

/** What a binding's value is, as far as the rule can tell. */
const enum Value {
  Unknown,
  Loss,
  /** Without a graph: `.item()`, `float(…)`, or computed under `torch.no_grad()`. */
  Number,
}

/** What the statements of one loop body do with tensors. */
export interface LoopFacts {
  /** Names mentioned in a statement that calls `backward` (`loss.backward()`, `scaler.scale(loss).backward()`). */
  backpropagated: Set<string>;
  /** Whether the body steps an optimizer (`opt.step()`). */
  steps: boolean;
}

export class LossTensors {
  /** Names bound to loss modules: `criterion = nn.CrossEntropyLoss()`. */
  private readonly criteria = new Set<string>();
  private readonly loops = new Map<number, LoopFacts>();
  /** Per binding of a name: what it holds (most accumulations in a file share one). */
  private readonly lossBindings = new Map<Binding, Value>();
  private readonly numberFunctions = new Map<FunctionInfo, boolean>();

  constructor(
    private readonly program: Program,
    private readonly structure: Structure,
  ) {
    const { scan } = program;
    for (let s = 0; s < scan.statements; s++) {
      const f = scan.stFirst[s];
      if (scan.kind[f] === Tok.Name && scan.kind[f + 1] === Tok.Equal && this.isLossModule(f + 2)) this.criteria.add(scan.tokenText(f));
    }
  }

  /** Whether the call starting at token `t` (a callee chain) computes a loss tensor. */
  isLossCall(t: number, s: number): boolean {
    const { scan } = this.program;
    if (scan.kind[t] !== Tok.Name) return false;
    const end = this.program.chainEnd(t);
    if (scan.kind[end] !== Tok.LPar) return false;
    const single = end === t + 1;
    const name = scan.tokenText(t);
    if (single && this.isCriterion(name, s)) return true;
    if (!LOSS_NAME.test(scan.tokenText(end - 1))) return false;
    // a function of this file that returns `loss.item()` gives a number
    const def = single ? this.structure.definitionBefore(name, s) : undefined;
    return !(def && 'params' in def && this.returnsNumber(def));
  }
  /** `nn.CrossEntropyLoss()`, `torch.nn.MSELoss(reduction="sum")`: a loss module being built at token `t`. */
  private isLossModule(t: number): boolean {
    const q = this.program.scan.kind[t] === Tok.Name ? this.program.qualifiedChain(t) : undefined;
    return q !== undefined && q.startsWith('torch.') && q.endsWith('Loss') && this.program.scan.kind[this.program.chainEnd(t)] === Tok.LPar;
  }
  /**
   * Whether `name` holds a loss module at statement `s`: bound to one in the file, or a parameter
   * that a call in this file fills with one (`train_step(model, loader, crit, opt)`).
   */
  private isCriterion(name: string, s: number): boolean {
    const b = this.structure.bindingBefore(name, s);
    if (b?.kind !== BindingKind.Param) return this.criteria.has(name);
    const fn = this.structure.functionAtHeader(b.stmt);
    const p = fn?.params.find((q) => q.name === name);
    if (!fn || !p) return false;
    const { scan } = this.program;
    for (const call of this.structure.callsTo(fn.name)) {
      const arg = this.structure.argumentFor(call, fn, p);
      if (!arg) continue;
      if (this.isLossModule(arg.from)) return true;
      if (arg.to === arg.from + 1 && scan.kind[arg.from] === Tok.Name && this.criteria.has(scan.tokenText(arg.from))) return true;
    }
    return false;
  }
  /** Whether every `return` of `fn` gives a Python number (`return loss.item()`). */
  private returnsNumber(fn: FunctionInfo): boolean {
    let known = this.numberFunctions.get(fn);
    if (known !== undefined) return known;
    const { scan } = this.program;
    let returns = 0;
    known = true;
    for (let r = fn.header + 1; r < fn.bodyEnd && known; r++) {
      if (scan.stKey[r] !== Key.Return || this.structure.scope[r] !== fn.header) continue;
      returns++;
      if (!this.detaches(scan.stFirst[r] + 1, scan.stEnd[r] - 1)) known = false;
    }
    known &&= returns > 0;
    this.numberFunctions.set(fn, known);
    return known;
  }
  /**
   * Whether `name` holds a loss tensor at statement `s`: its latest binding computes a loss
   * (`loss = criterion(out, y)`) and does not detach it, or the loop backpropagates it.
   */
  isLossName(name: string, s: number, loop: number): boolean {
    const b = this.structure.bindingBefore(name, s);
    if (b && (b.kind === BindingKind.Assign || b.kind === BindingKind.AugAssign || b.kind === BindingKind.Walrus) && !b.subscript) {
      let value = this.lossBindings.get(b);
      if (value === undefined) {
        // computed under `torch.no_grad()`/`inference_mode()` (an evaluation): no graph to keep
        value = this.detaches(b.from, b.to) || this.underNoGrad(b.stmt) ? Value.Number : b.size === 1 && this.isLossCall(b.from, b.stmt) ? Value.Loss : Value.Unknown;
        this.lossBindings.set(b, value);
      }
      if (value !== Value.Unknown) return value === Value.Loss;
    }
    return this.loopFacts(loop).backpropagated.has(name);
  }
  /** Whether value tokens [a, z) no longer carry a graph: `.item()`, `.detach()`, `float(…)`. */
  detaches(a: number, z: number): boolean {
    const { scan } = this.program;
    if (scan.kind[a] === Tok.Name && scan.kind[a + 1] === Tok.LPar && NUMBER_CALLS.has(scan.tokenText(a))) return true;
    for (let k = a; k < z; k++) {
      if (scan.kind[k] === Tok.Dot && scan.kind[k + 1] === Tok.Name && DETACHING.has(scan.tokenText(k + 1))) return true;
    }
    return false;
  }
  loopFacts(loop: number): LoopFacts {
    let facts = this.loops.get(loop);
    if (facts) return facts;
    facts = { backpropagated: new Set(), steps: false };
    const { scan } = this.program;
    const scope = this.structure.scope[loop];
    for (let s = loop + 1; s < this.structure.bodyEnd[loop]; s++) {
      if (this.structure.scope[s] !== scope) continue;
      const backward = this.callsBackward(s);
      for (let k = scan.stFirst[s]; k < scan.stEnd[s]; k++) {
        if (scan.kind[k] !== Tok.Name) continue;
        if (backward && this.program.isReference(k)) facts.backpropagated.add(scan.tokenText(k));
        if (scan.kind[k - 1] === Tok.Dot && scan.kind[k + 1] === Tok.LPar && scan.isName(k, 'step')) facts.steps = true;
      }
    }
    this.loops.set(loop, facts);
    return facts;
  }
  /** `x.backward(…)`, `accelerator.backward(x)`, `torch.autograd.grad(x, …)` in statement `s`. */
  callsBackward(s: number): boolean {
    const { scan } = this.program;
    for (let k = scan.stFirst[s]; k < scan.stEnd[s]; k++) {
      if (scan.kind[k] !== Tok.Name || scan.kind[k + 1] !== Tok.LPar) continue;
      if (scan.isName(k, 'backward') || (scan.isName(k, 'grad') && scan.isName(k - 2, 'autograd'))) return true;
    }
    return false;
  }
  /** Whether statement `s` runs under `torch.no_grad()` / `inference_mode()` (no graph to keep). */
  underNoGrad(s: number): boolean {
    const { scan } = this.program;
    for (let p = this.structure.parent[s]; p >= 0; p = this.structure.parent[p]) {
      const key = scan.stKey[p];
      if (key === Key.With && this.mentionsNoGrad(p, p + 1)) return true;
      if (key === Key.Def) {
        const fn = this.structure.functionAtHeader(p);
        if (fn && this.mentionsNoGrad(fn.decoratorFrom, p)) return true;
      }
    }
    return false;
  }
  /** Whether statements [from, to) mention `no_grad` or `inference_mode`. */
  private mentionsNoGrad(from: number, to: number): boolean {
    const { scan } = this.program;
    for (let s = from; s < to; s++) {
      for (let k = scan.stFirst[s]; k < scan.stEnd[s]; k++) {
        if (scan.isName(k, 'no_grad') || scan.isName(k, 'inference_mode')) return true;
      }
    }
    return false;
  }
}
