// missing-zero-grad: a training loop that calls backward() and an optimizer step() each iteration
// but never clears the gradients in that loop, so every step uses the sum of all earlier gradients.
// Spec: /docs learning-bugs.md §1. The loop is the innermost one containing both the backward and
// the step; clearing anywhere in its body (before or after the step, guarded or not, in a nested
// loop or in a same-file helper that clears) keeps it silent.
import type { Program } from '../../python/program';
import { msg, type Msg } from '../../l10n/text';
import { BindingKind, BlockKind, type Structure } from '../../python/structure';
import { Tok } from '../../python/tokens';
import type { OffsetFix, PythonRule, RuleContext } from './rule';
import { PYTORCH_MODULES, usesPyTorch } from './torchGate';
import { insertBefore, isNameChain, methodCalls, receiverName, textOf, wholeLines, type MethodCall } from './torchCalls';

const OPTIMIZER_NAME = /optimi[sz]er|^opt(im)?(_|\d|$)|(^|_)opt(im)?\d*$|^opt(im)?[A-Z]|^opt_?[a-zA-Z]$/;
const NOT_OPTIMIZER_NAME = /sched|env/i;
const BACKWARD = new Set(['backward', 'manual_backward']);

function message(opt: string): Msg {
  return msg('Gradients are never cleared in this loop. `backward()` adds to each parameter\'s `.grad`, so `{0}.step()` here uses the sum of the gradients of every previous iteration. Call `{0}.zero_grad()` once per iteration, before `loss.backward()` (or right after `step()` under the same condition if you accumulate gradients on purpose).', opt);
}

/** What a statement does to gradients; a loop's flags include its nested loops'. */
const enum Flag {
  Backward = 1,
  Clear = 2,
}

interface Step {
  stmt: number;
  call: MethodCall;
  /** The optimizer as written (`optimizer`, `self.opt`), for messages and the fix. */
  opt: string;
  /** Whether `opt` can be written in code (a name chain). */
  writable: boolean;
  /** Tokens [first, last] the finding covers. */
  first: number;
  last: number;
}

class ZeroGradCheck {
  private readonly st: Structure;
  private readonly flags: Uint8Array;
  private readonly steps: Step[] = [];
  /** First statement with a backward call, per innermost loop (for the fix). */
  private readonly firstBackward = new Map<number, number>();

  constructor(
    private readonly context: RuleContext,
    private readonly program: Program,
  ) {
    this.st = program.structure();
    this.flags = new Uint8Array(program.scan.statements);
  }

  run(): void {
    const { scan } = this.program;
    const st = this.st;
    const clears = new Uint8Array(scan.statements);
    for (let s = 0; s < scan.statements; s++) clears[s] = this.clears(s) ? 1 : 0;
    this.clearingNames = this.clearingFunctions(clears);
    for (let s = 0; s < scan.statements; s++) {
      const loop = st.loop[s];
      if (loop < 0 || st.kindOf[s] === BlockKind.Function || st.kindOf[s] === BlockKind.Class) continue;
      const f = this.statementFlags(s, clears[s] === 1);
      this.flags[loop] |= f;
      if (f & Flag.Backward && !this.firstBackward.has(loop)) this.firstBackward.set(loop, s);
    }
    // Children come after their parents: one backward pass hands each loop's flags to the enclosing loop.
    for (let s = scan.statements - 1; s >= 0; s--) {
      const outer = st.kindOf[s] === BlockKind.Loop ? st.loop[s] : -1;
      if (outer < 0) continue;
      this.flags[outer] |= this.flags[s];
      const mine = this.firstBackward.get(outer);
      if (this.flags[s] & Flag.Backward && (mine === undefined || mine > s)) this.firstBackward.set(outer, s);
    }
    for (const step of this.steps) {
      let loop = st.loop[step.stmt];
      while (loop >= 0 && !(this.flags[loop] & Flag.Backward)) loop = st.loop[loop];
      if (loop < 0 || this.flags[loop] & Flag.Clear) continue;
      this.report(step, loop);
    }
  }

  /** Names of the defs whose body clears gradients, directly or by calling another such def. */
  private clearingFunctions(clears: Uint8Array): Set<string> {
    const st = this.st;
    const names = new Set<string>();
    const pending: string[] = [];
    const add = (name: string): void => {
      if (names.has(name)) return;
      names.add(name);
      pending.push(name);
    };
    for (let s = 0; s < clears.length; s++) {
      if (clears[s] === 1) {
        const fn = st.functionOf(s);
        if (fn) add(fn.name);
      }
    }
    while (pending.length > 0) {
      for (const call of st.callsTo(pending.pop()!)) {
        const fn = st.functionOf(call.stmt);
        if (fn) add(fn.name);
      }
    }
    return names;
  }

  private clearingNames = new Set<string>();

  /** Whether statement `s` itself clears gradients (helper calls not followed). */
  private clears(s: number): boolean {
    const { scan } = this.program;
    const f = scan.stFirst[s];
    const end = scan.stEnd[s] - 1;
    for (let k = f; k < end; k++) {
      if (scan.kind[k] !== Tok.Name) continue;
      if (scan.kind[k - 1] === Tok.Dot && scan.kind[k + 1] === Tok.LPar && /zero_grad|^clear_grad/.test(scan.tokenText(k))) return true;
      if (!scan.isName(k, 'grad') || scan.kind[k - 1] !== Tok.Dot) continue;
      // `p.grad = None`, `p.grad.zero_()`, `p.grad.data.zero_()`, `p.grad.fill_(0)`
      if (scan.kind[k + 1] === Tok.Equal && scan.depth[k] === scan.depth[f]) return true;
      let j = k + 1;
      if (scan.kind[j] === Tok.Dot && scan.isName(j + 1, 'data')) j += 2;
      if (scan.kind[j] === Tok.Dot && (scan.isName(j + 1, 'zero_') || scan.isName(j + 1, 'fill_'))) return true;
    }
    return false;
  }

  private statementFlags(s: number, clears: boolean): number {
    const program = this.program;
    const { scan } = program;
    let flags = clears ? Flag.Clear : 0;
    const calls = methodCalls(program, s, (t) => {
      const c = scan.text.charCodeAt(scan.start[t]);
      return c === 98 || c === 109 || c === 115; // b(ackward) m(anual_backward) s(tep)
    });
    for (const call of calls) {
      const name = scan.tokenText(call.name);
      if (BACKWARD.has(name) && !this.isDistributedBackward(call)) flags |= Flag.Backward;
      else if (name === 'step') this.noteStep(s, call);
    }
    if (!(flags & Flag.Clear) && this.clearingNames.size > 0) {
      // a call of a same-file helper that clears (`reset_grads()`, `self.clear()`)
      for (let k = scan.stFirst[s]; k < scan.stEnd[s] - 1; k++) {
        if (scan.kind[k] === Tok.Name && scan.kind[k + 1] === Tok.LPar && this.clearingNames.has(scan.tokenText(k)) && (scan.kind[k - 1] !== Tok.Dot || scan.isName(k - 2, 'self'))) {
          flags |= Flag.Clear;
          break;
        }
      }
    }
    return flags;
  }

  /**
   * `dist_autograd.backward(context_id, [loss])`: distributed autograd keeps each context's gradients
   * apart (its optimizer steps with the context), so there is nothing to clear.
   */
  private isDistributedBackward(call: MethodCall): boolean {
    if (call.receiver < 0) return false;
    const q = this.program.qualifiedChain(call.receiver);
    return (q !== undefined && q.startsWith('torch.distributed')) || receiverName(this.program, call) === 'dist_autograd';
  }

  /** Records `<opt>.step(…)` / `scaler.step(<opt>)` when `<opt>` is an optimizer. */
  private noteStep(s: number, call: MethodCall): void {
    const program = this.program;
    const { scan } = program;
    const receiver = receiverName(program, call);
    if (receiver === undefined || call.receiver < 0) return;
    const close = scan.closing(call.open);
    const last = close >= 0 && scan.start[close] - scan.start[call.name] < 200 && !program.text.slice(scan.start[call.name], scan.start[close]).includes('\n') ? close : call.name;
    if (this.isScaler(receiver, call, s)) {
      // `scaler.step(optimizer)`: the optimizer is the first argument
      const arg = call.open + 1;
      if (scan.kind[arg] !== Tok.Name) return;
      let end = program.chainEnd(arg);
      if (scan.kind[end] !== Tok.RPar && scan.kind[end] !== Tok.Comma) return;
      end--;
      const optName = scan.tokenText(end);
      if (!this.isOptimizer(optName, arg, end, s)) return;
      this.steps.push({ stmt: s, call, opt: textOf(program, arg, end), writable: true, first: call.receiver, last });
      return;
    }
    if (!this.isOptimizer(receiver, call.receiver, call.dot - 1, s)) return;
    this.steps.push({ stmt: s, call, opt: textOf(program, call.receiver, call.dot - 1), writable: isNameChain(program, call), first: call.receiver, last });
  }

  private isScaler(receiver: string, call: MethodCall, s: number): boolean {
    if (/scaler/i.test(receiver)) return true;
    const q = this.boundTo(call.receiver, call.dot - 1, s);
    return q !== undefined && q.endsWith('GradScaler');
  }

  /** The qualified callee the receiver chain [first, last] was last assigned from (`torch.optim.SGD`), if any. */
  private boundTo(first: number, last: number, s: number): string | undefined {
    const program = this.program;
    const { scan } = program;
    let name: string;
    if (first === last && scan.kind[first] === Tok.Name) name = scan.tokenText(first);
    else if (last === first + 2 && scan.isName(first, 'self') && scan.kind[first + 1] === Tok.Dot) name = textOf(program, first, last);
    else return undefined;
    const b = name.startsWith('self.') ? this.selfBinding(name, s) : this.st.origin(name, s);
    if (!b || (b.kind !== BindingKind.Assign && b.kind !== BindingKind.With) || b.from >= b.to || scan.kind[b.from] !== Tok.Name) return undefined;
    return program.qualifiedChain(b.from) ?? textOf(program, b.from, program.chainEnd(b.from) - 1);
  }

  /** The assignment of `self.x` in the class enclosing statement `s` (the first one, usually in `__init__`). */
  private selfBinding(name: string, s: number): ReturnType<Structure['bindingBefore']> {
    const cls = this.st.classOf(s);
    if (!cls) return undefined;
    for (const fn of cls.methods.values()) {
      const list = this.st.bindingsIn(name, fn.header);
      if (list.length > 0) return list[0];
    }
    return undefined;
  }

  private isOptimizer(name: string, first: number, last: number, s: number): boolean {
    if (NOT_OPTIMIZER_NAME.test(name)) return false;
    const q = this.boundTo(first, last, s);
    if (q !== undefined) {
      if (/sched|lr_|SWALR|env|gym/i.test(q)) return false;
      if (/(^|\.)optim(izers?)?\.|AdamW$|(^|\.)(Adam|SGD|RMSprop|Adagrad|Adadelta|Adamax|NAdam|RAdam|LBFGS|Lion|Adafactor)\w*$/.test(q)) return true;
    }
    return OPTIMIZER_NAME.test(name);
  }

  private report(step: Step, loop: number): void {
    const program = this.program;
    const { scan } = program;
    const fixes: OffsetFix[] = [];
    if (step.writable) {
      const move = this.moveFix(step, loop);
      if (move) fixes.push(move);
      else {
        const target = this.insertionPoint(loop);
        if (target >= 0) {
          fixes.push({ title: msg('Call `{0}.zero_grad()` in the loop, before the backward pass', step.opt), safe: true, edits: [insertBefore(program, target, `${step.opt}.zero_grad()`)] });
        }
      }
    }
    this.context.report({ rule: 'missing-zero-grad', message: message(step.opt), start: scan.start[step.first], end: scan.end[step.last], fixes });
  }

  /** The statement to insert `zero_grad()` before: the first backward's, or the loop inside `loop` holding it. */
  private insertionPoint(loop: number): number {
    const st = this.st;
    const b = this.firstBackward.get(loop);
    if (b === undefined) return -1;
    let target = b;
    for (let p = st.parent[b]; p >= 0 && p !== loop; p = st.parent[p]) if (st.kindOf[p] === BlockKind.Loop) target = p;
    return target;
  }

  /** "Move it into the loop": a lone `<opt>.zero_grad(…)` statement just before `loop` or in a loop enclosing it. */
  private moveFix(step: Step, loop: number): OffsetFix | undefined {
    const program = this.program;
    const st = this.st;
    const candidates: number[] = [];
    if (loop > 0 && st.parent[loop - 1] === st.parent[loop] && st.bodyEnd[loop - 1] === loop) candidates.push(loop - 1);
    for (let outer = st.loop[loop]; outer >= 0; outer = st.loop[outer]) {
      for (let s = outer + 1; s < loop; s = st.bodyEnd[s]) candidates.push(s);
    }
    for (const s of candidates) {
      const text = this.loneZeroGrad(s, step.opt);
      const lines = text === undefined ? undefined : wholeLines(program, s);
      const target = this.insertionPoint(loop);
      if (!text || !lines || target < 0) continue;
      return {
        title: msg('Move `{0}` into the loop, before the backward pass', text),
        safe: true,
        edits: [{ start: lines[0], end: lines[1], newText: '' }, insertBefore(program, target, text)],
      };
    }
    return undefined;
  }

  /** The text of statement `s` when it is exactly `<opt>.zero_grad(…)`. */
  private loneZeroGrad(s: number, opt: string): string | undefined {
    const program = this.program;
    const { scan } = program;
    const first = scan.stFirst[s];
    const end = scan.stEnd[s] - 1;
    const dot = end - 1 >= first ? first + opt.split('.').length * 2 - 1 : -1;
    if (dot < 0 || textOf(program, first, dot - 1) !== opt || scan.kind[dot] !== Tok.Dot || !scan.isName(dot + 1, 'zero_grad') || scan.kind[dot + 2] !== Tok.LPar) return undefined;
    if (scan.closing(dot + 2) !== end - 1) return undefined;
    return textOf(program, first, end - 1);
  }
}

export const missingZeroGradRule: PythonRule = {
  id: 'missing-zero-grad',
  gate: { modules: PYTORCH_MODULES },
  run(context) {
    const { program } = context;
    if (!usesPyTorch(program) || !mentions(program, 'step') || !(mentions(program, 'backward') || mentions(program, 'manual_backward'))) return;
    new ZeroGradCheck(context, program).run();
  },
};

/** Whether some name token spells `word` (a quick test before building the structure). */
export function mentions(program: Program, word: string): boolean {
  const { scan } = program;
  for (let i = 0; i < scan.nameCount; i++) if (scan.isName(scan.names[i], word)) return true;
  return false;
}
