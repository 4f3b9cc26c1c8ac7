// loss-accumulation: a loss tensor summed (or appended) across the iterations of a loop into a
// variable that outlives them, which keeps every iteration's autograd graph alive (PyTorch FAQ).
// A sum built within one step and then backpropagated or returned as the loss (style terms summed
// over layers, `loss = loss + w * prior`) is what that graph is for, and is left alone.
import type { Program } from '../../python/program';
import { msg, type Msg } from '../../l10n/text';
import { BindingKind, type Binding, type Structure } from '../../python/structure';
import { Key, Tok } from '../../python/tokens';
import { LossTensors } from './lossTensors';
import type { PythonRule, RuleContext } from './rule';
import { PYTORCH_MODULES, usesPyTorch } from './torchGate';

/**
 * A name in a loop header that says each iteration is a step over a batch from a data loader
 * (`for x, y in train_loader`). Not `batch`: a loss module's `for b in range(batch_size)` sums one batch.
 */
const DATA_LOOP = /loader/i;

function message(acc: string, loss: string): Msg {
  return msg('`{0}` accumulates `{1}`, a tensor that carries its autograd graph, so every iteration\'s graph stays in memory until `{0}` goes away (memory grows each step, then CUDA runs out). Add `{1}.item()` to keep a Python number, or `{1}.detach()` to keep the sum on the GPU without the synchronisation `.item()` costs.', acc, loss);
}

interface Accumulation {
  acc: string;
  /** How the loss reads in messages: `loss`, or `criterion(…)`. */
  loss: string;
  /** Where `.item()` goes. */
  insertAt: number;
  start: number;
  end: number;
}

/**
 * Where, in one function (or the module), names reach a backward call or a return: directly, or
 * through one assignment (`total = style + content` then `total.backward()`). Each is the last
 * statement index where it happens, so "after statement s?" is one comparison.
 */
interface Consumers {
  backward: Map<string, number>;
  returned: Map<string, number>;
  viaBackward: Map<string, number>;
  viaReturn: Map<string, number>;
}

class LossCheck {
  private readonly structure: Structure;
  private readonly tensors: LossTensors;
  private readonly consumers = new Map<number, Consumers>();
  /** Per loop header, per accumulator: whether the body sets it afresh. */
  private readonly resets = new Map<number, Map<string, boolean>>();

  constructor(
    private readonly context: RuleContext,
    private readonly program: Program,
  ) {
    this.structure = program.structure();
    this.tensors = new LossTensors(program, this.structure);
  }

  run(): void {
    const { scan } = this.program;
    for (let s = 0; s < scan.statements; s++) {
      const loop = this.structure.loop[s];
      if (loop < 0 || scan.stHeader[s] === 1) continue;
      const hit = this.accumulation(s, loop);
      if (!hit || this.resetInLoop(hit.acc, loop) || !this.initialisedBefore(hit.acc, loop) || this.usedAsLoss(hit.acc, loop, s) || this.tensors.underNoGrad(s)) continue;
      this.context.report({
        rule: 'loss-accumulation',
        message: message(hit.acc, hit.loss),
        start: hit.start,
        end: hit.end,
        fixes: [
          {
            title: msg('Accumulate `{0}.item()` instead of the tensor (changes behaviour: the total becomes a Python float)', hit.loss),
            safe: false,
            edits: [{ start: hit.insertAt, end: hit.insertAt, newText: '.item()' }],
          },
        ],
      });
    }
  }

  /**
   * `acc += …loss…`, `acc = acc + …loss…` in either order, `acc.append(…loss…)`, where the loss is a
   * term of the sum (not inside a call such as `float(loss)`, not followed by `.item()`).
   */
  private accumulation(s: number, loop: number): Accumulation | undefined {
    const { scan, text } = this.program;
    const f = scan.stFirst[s];
    const z = scan.stEnd[s] - 1; // terminator
    if (scan.kind[f] !== Tok.Name) return undefined;
    const acc = scan.tokenText(f);
    const d = scan.depth[f];
    let from: number;
    let to = z;
    let termDepth = d;
    let appended = -1;
    if (scan.kind[f + 1] === Tok.PlusEqual) from = f + 2;
    else if (scan.kind[f + 1] === Tok.Equal) {
      from = f + 2;
      if (!this.sumWithTerm(acc, from, z, d)) return undefined;
    } else if (scan.kind[f + 1] === Tok.Dot && scan.isName(f + 2, 'append') && scan.kind[f + 3] === Tok.LPar) {
      appended = scan.closing(f + 3);
      if (appended < 0 || appended + 1 !== z) return undefined;
      from = f + 4;
      to = appended;
      termDepth = d + 1;
    } else return undefined;
    for (let k = from; k < to; k++) {
      if (scan.depth[k] !== termDepth || scan.kind[k] !== Tok.Name || !this.program.isReference(k)) continue;
      const name = scan.tokenText(k);
      if (name === acc) continue;
      const after = scan.kind[k + 1];
      if (this.tensors.isLossCall(k, s)) {
        const open = this.program.chainEnd(k);
        const close = scan.closing(open);
        if (close < 0 || scan.kind[close + 1] === Tok.Dot || scan.kind[close + 1] === Tok.LSqb) return undefined;
        const callee = text.slice(scan.start[k], scan.end[open - 1]);
        return { acc, loss: `${callee}(…)`, insertAt: scan.end[close], start: scan.start[f], end: scan.end[appended >= 0 ? appended : close] };
      }
      if (after === Tok.Dot || after === Tok.LSqb || after === Tok.LPar) {
        // `loss.item()`, `loss.data`, `outputs[0]`, `compute(loss)`: skip the whole trailer
        k = this.program.chainEnd(k) - 1;
        continue;
      }
      if (this.tensors.isLossName(name, s, loop)) return { acc, loss: name, insertAt: scan.end[k], start: scan.start[f], end: scan.end[appended >= 0 ? appended : k] };
    }
    return undefined;
  }

  /** Whether tokens [a, z) at depth `d` are a sum (`+`) with `acc` itself as one of its terms. */
  private sumWithTerm(acc: string, a: number, z: number, d: number): boolean {
    const { scan } = this.program;
    let plus = false;
    let term = false;
    for (let k = a; k < z; k++) {
      if (scan.depth[k] !== d) continue;
      if (scan.kind[k] === Tok.Plus) plus = true;
      else if (scan.isName(k, acc) && scan.kind[k - 1] !== Tok.Dot) {
        const after = scan.kind[k + 1];
        if (after !== Tok.Dot && after !== Tok.LSqb && after !== Tok.LPar) term = true;
      }
    }
    return plus && term;
  }

















  /**
   * Whether the loop body sets `acc` afresh on every iteration (`acc = 0` not under an `if` or an
   * inner loop), so the sum never spans two iterations.
   */
  private resetInLoop(acc: string, loop: number): boolean {
    let perAcc = this.resets.get(loop);
    if (!perAcc) this.resets.set(loop, (perAcc = new Map()));
    let reset = perAcc.get(acc);
    if (reset !== undefined) return reset;
    reset = false;
    const { scan } = this.program;
    const end = this.structure.bodyEnd[loop];
    const bindings = this.structure.bindingsIn(acc, this.structure.scope[loop]);
    for (let i = firstAfter(bindings, loop); i < bindings.length && bindings[i].stmt < end && !reset; i++) {
      const b = bindings[i];
      if (b.subscript || b.kind === BindingKind.AugAssign) continue;
      if (b.kind === BindingKind.Assign && this.mentions(acc, b.from, b.to) && !this.tensors.detaches(b.from, b.to)) continue; // another accumulation
      let p = this.structure.parent[b.stmt];
      while (p !== loop && p >= 0 && (scan.stKey[p] === Key.With || scan.stKey[p] === Key.Try || scan.stKey[p] === Key.Finally)) p = this.structure.parent[p];
      reset = p === loop;
    }
    perAcc.set(acc, reset);
    return reset;
  }

  /** Whether `acc` is bound before the loop in the same scope (or is a parameter of the function), so it outlives the iterations. */
  private initialisedBefore(acc: string, loop: number): boolean {
    for (const b of this.structure.bindingsIn(acc, this.structure.scope[loop])) {
      if (b.stmt >= loop) return false;
      if (!b.subscript) return true;
    }
    return false;
  }

  /**
   * Whether the sum is the loss of a step rather than a running total: it (or a value computed
   * from it) is backpropagated after the accumulation, or returned from a loop that is not itself
   * a training step over batches (a function that sums loss terms and returns them).
   */
  private usedAsLoss(acc: string, loop: number, s: number): boolean {
    const c = this.consumersIn(this.structure.scope[s]);
    if ((c.backward.get(acc) ?? -1) > s || (c.viaBackward.get(acc) ?? -1) > s) return true;
    const returned = (c.returned.get(acc) ?? -1) > s || (c.viaReturn.get(acc) ?? -1) > s;
    return returned && !this.isStepLoop(loop);
  }

  /** The consumers of one scope's names, read in one pass over its statements. */
  private consumersIn(scope: number): Consumers {
    let c = this.consumers.get(scope);
    if (c) return c;
    c = { backward: new Map(), returned: new Map(), viaBackward: new Map(), viaReturn: new Map() };
    const { scan } = this.program;
    const from = scope >= 0 ? scope + 1 : 0;
    const end = scope >= 0 ? this.structure.bodyEnd[scope] : scan.statements;
    for (let t = from; t < end; t++) {
      if (this.structure.scope[t] !== scope) continue;
      const backward = this.tensors.callsBackward(t);
      const ret = scan.stKey[t] === Key.Return;
      if (!backward && !ret) continue;
      for (let k = scan.stFirst[t]; k < scan.stEnd[t]; k++) {
        if (scan.kind[k] !== Tok.Name || !this.program.isReference(k)) continue;
        (backward ? c.backward : c.returned).set(scan.tokenText(k), t);
      }
    }
    // one assignment away: `total = style + content` (at u) then `total.backward()` after u
    for (const b of this.structure.allAssignments()) {
      const u = b.stmt;
      if (u < from || u >= end || b.subscript || this.structure.scope[u] !== scope) continue;
      {
        const toBackward = (c.backward.get(b.name) ?? -1) > u;
        const toReturn = (c.returned.get(b.name) ?? -1) > u;
        if (!toBackward && !toReturn) continue;
        for (let k = b.from; k < b.to; k++) {
          if (scan.kind[k] !== Tok.Name || !this.program.isReference(k)) continue;
          const name = scan.tokenText(k);
          if (name === b.name) continue;
          if (toBackward) c.viaBackward.set(name, u);
          if (toReturn) c.viaReturn.set(name, u);
        }
      }
    }
    this.consumers.set(scope, c);
    return c;
  }

  /** Whether each iteration of the loop is a training or evaluation step: it backpropagates, steps an optimizer, or walks a data loader. */
  private isStepLoop(loop: number): boolean {
    const facts = this.tensors.loopFacts(loop);
    if (facts.backpropagated.size > 0 || facts.steps) return true;
    const { scan } = this.program;
    for (let k = scan.stFirst[loop]; k < scan.stEnd[loop]; k++) if (scan.kind[k] === Tok.Name && DATA_LOOP.test(scan.tokenText(k))) return true;
    return false;
  }


  private mentions(name: string, a: number, z: number): boolean {
    const { scan } = this.program;
    for (let k = a; k < z; k++) if (scan.isName(k, name) && this.program.isReference(k)) return true;
    return false;
  }





}

/** Index of the first binding made after statement `s` (bindings are in statement order). */
function firstAfter(bindings: readonly Binding[], s: number): number {
  let lo = 0;
  let hi = bindings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bindings[mid].stmt <= s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const lossAccumulationRule: PythonRule = {
  id: 'loss-accumulation',
  gate: { modules: PYTORCH_MODULES },
  run(context) {
    const { program } = context;
    if (!usesPyTorch(program)) return;
    new LossCheck(context, program).run();
  },
};
