// loss-accumulation: a loss tensor summed (or appended) across loop iterations into a variable
// that outlives the loop, which keeps every iteration's autograd graph alive (PyTorch FAQ).
import type { Program } from '../../python/program';
import { Key, Tok } from '../../python/tokens';
import type { PythonRule, RuleContext } from './rule';
import { PYTORCH_MODULES, usesPyTorch } from './torchGate';

/** Method names after which a value no longer carries the autograd graph. */
const DETACHING = new Set(['item', 'detach', 'numpy', 'tolist', 'data']);
const LOSS_NAME = /loss|criterion|entropy|_div$/i;

function message(acc: string, loss: string): string {
  return `\`${acc}\` accumulates \`${loss}\`, a tensor that carries its autograd graph, so every iteration's graph stays in memory until \`${acc}\` goes away (memory grows each step, then CUDA runs out). Add \`${loss}.item()\` to keep a Python number, or \`${loss}.detach()\` to keep the sum on the GPU without the synchronisation \`.item()\` costs.`;
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

class LossCheck {
  private readonly reported = new Set<number>();
  /** Names bound to loss modules: `criterion = nn.CrossEntropyLoss()`. */
  private readonly criteria = new Set<string>();
  /** Per statement, the nearest earlier statement indented less (its block's header), or -1. */
  private parents: Int32Array | undefined;
  /** First statement assigning each name (`acc = …`, `acc: T = …`). */
  private firstAssignment: Map<string, number> | undefined;

  constructor(
    private readonly context: RuleContext,
    private readonly program: Program,
  ) {
    const { scan } = program;
    for (let s = 0; s < scan.statements; s++) {
      const f = scan.stFirst[s];
      if (scan.kind[f] !== Tok.Name || scan.kind[f + 1] !== Tok.Equal || scan.kind[f + 2] !== Tok.Name) continue;
      const q = program.qualifiedChain(f + 2);
      if (q !== undefined && q.startsWith('torch.') && q.endsWith('Loss')) this.criteria.add(scan.tokenText(f));
    }
  }

  run(): void {
    const { scan } = this.program;
    for (let s = 0; s < scan.statements; s++) {
      const key = scan.stKey[s];
      if ((key === Key.For || key === Key.While) && scan.stHeader[s] === 1) this.checkLoop(s);
    }
  }

  /** Last statement (exclusive) of the block under header `h`. */
  private blockEnd(h: number): number {
    const { scan } = this.program;
    const indent = scan.stIndent[h];
    let e = h + 1;
    while (e < scan.statements && scan.stIndent[e] > indent) e++;
    return e;
  }

  /** Whether the call starting at token `t` (a callee chain) computes a loss. */
  private isLossCall(t: number): boolean {
    const { scan } = this.program;
    if (scan.kind[t] !== Tok.Name) return false;
    const end = this.program.chainEnd(t);
    if (scan.kind[end] !== Tok.LPar) return false;
    const last = scan.tokenText(end - 1);
    if (this.criteria.has(scan.tokenText(t)) && end === t + 1) return true;
    return LOSS_NAME.test(last);
  }

  /** Whether tokens [a, z) detach the value (`.item()`, `float(…)`, `.detach()`). */
  private detaches(a: number, z: number): boolean {
    const { scan } = this.program;
    for (let k = a; k < z; k++) {
      if (scan.kind[k] === Tok.Dot && scan.kind[k + 1] === Tok.Name && DETACHING.has(scan.tokenText(k + 1))) return true;
    }
    return false;
  }

  private checkLoop(h: number): void {
    const { scan } = this.program;
    const end = this.blockEnd(h);
    const losses = new Set<string>();
    for (let s = h + 1; s < end; s++) {
      const f = scan.stFirst[s];
      const z = scan.stEnd[s];
      if (scan.kind[f] === Tok.Name && scan.kind[f + 1] === Tok.Equal && this.isLossCall(f + 2) && !this.detaches(f + 2, z)) losses.add(scan.tokenText(f));
      for (let k = f; k + 3 < z; k++) {
        if (scan.kind[k] === Tok.Name && scan.kind[k + 1] === Tok.Dot && scan.isName(k + 2, 'backward') && scan.kind[k + 3] === Tok.LPar && this.program.isReference(k)) losses.add(scan.tokenText(k));
      }
    }
    for (let s = h + 1; s < end; s++) {
      if (this.reported.has(s)) continue;
      const hit = this.accumulation(s, losses);
      if (!hit || !this.assignedBefore(hit.acc, h) || this.underNoGrad(s)) continue;
      this.reported.add(s);
      this.context.report({
        rule: 'loss-accumulation',
        message: message(hit.acc, hit.loss),
        start: hit.start,
        end: hit.end,
        fixes: [
          {
            title: `Accumulate \`${hit.loss}.item()\` (a Python number) instead of the tensor`,
            safe: false,
            edits: [{ start: hit.insertAt, end: hit.insertAt, newText: '.item()' }],
          },
        ],
      });
    }
  }

  /**
   * `acc += loss…`, `acc = acc + loss…`, `acc.append(loss)`, or the same with a loss call in place
   * of the name (`acc += criterion(out, y)`).
   */
  private accumulation(s: number, losses: ReadonlySet<string>): Accumulation | undefined {
    const { scan, text } = this.program;
    const f = scan.stFirst[s];
    const z = scan.stEnd[s] - 1; // terminator
    if (scan.kind[f] !== Tok.Name) return undefined;
    const acc = scan.tokenText(f);
    const d = scan.depth[f];
    let rhs = -1;
    if (scan.kind[f + 1] === Tok.PlusEqual) rhs = f + 2;
    else if (scan.kind[f + 1] === Tok.Equal && scan.isName(f + 2, acc) && scan.kind[f + 3] === Tok.Plus) rhs = f + 4;
    else if (scan.kind[f + 1] === Tok.Dot && scan.isName(f + 2, 'append') && scan.kind[f + 3] === Tok.LPar) {
      const arg = f + 4;
      if (scan.kind[arg] === Tok.Name && scan.kind[arg + 1] === Tok.RPar && losses.has(scan.tokenText(arg)) && scan.tokenText(arg) !== acc) {
        return { acc, loss: scan.tokenText(arg), insertAt: scan.end[arg], start: scan.start[f], end: scan.end[arg + 1] };
      }
      return undefined;
    }
    if (rhs < 0) return undefined;
    for (let k = rhs; k < z; k++) {
      if (scan.depth[k] !== d || scan.kind[k] !== Tok.Name || !this.program.isReference(k)) continue;
      const name = scan.tokenText(k);
      if (name === acc) continue;
      if (this.isLossCall(k)) {
        const open = this.program.chainEnd(k);
        const close = scan.closing(open);
        if (close < 0 || scan.kind[close + 1] === Tok.Dot || scan.kind[close + 1] === Tok.LSqb) return undefined;
        const callee = text.slice(scan.start[k], scan.end[open - 1]);
        return { acc, loss: `${callee}(…)`, insertAt: scan.end[close], start: scan.start[f], end: scan.end[close] };
      }
      if (!losses.has(name)) continue;
      if (scan.kind[k + 1] === Tok.Dot || scan.kind[k + 1] === Tok.LSqb) continue; // `loss.item()`, `loss.data`
      return { acc, loss: name, insertAt: scan.end[k], start: scan.start[f], end: scan.end[k] };
    }
    return undefined;
  }

  /** Whether `acc` is assigned by a statement before the loop header `h` (so it outlives the loop). */
  private assignedBefore(acc: string, h: number): boolean {
    const { scan } = this.program;
    if (!this.firstAssignment) {
      // One pass for all names: walking back from every loop per accumulation is quadratic.
      this.firstAssignment = new Map();
      for (let s = 0; s < scan.statements; s++) {
        const f = scan.stFirst[s];
        if (scan.kind[f] === Tok.Name && (scan.kind[f + 1] === Tok.Equal || scan.kind[f + 1] === Tok.Colon)) {
          const name = scan.tokenText(f);
          if (!this.firstAssignment.has(name)) this.firstAssignment.set(name, s);
        }
      }
    }
    const first = this.firstAssignment.get(acc);
    return first !== undefined && first < h;
  }

  /** The enclosing block headers' chain, built once (walking back over siblings per statement is quadratic). */
  private parentsOf(): Int32Array {
    if (this.parents) return this.parents;
    const { scan } = this.program;
    const parents = new Int32Array(scan.statements);
    const stack: number[] = [];
    for (let s = 0; s < scan.statements; s++) {
      while (stack.length > 0 && scan.stIndent[stack[stack.length - 1]] >= scan.stIndent[s]) stack.pop();
      parents[s] = stack.length > 0 ? stack[stack.length - 1] : -1;
      stack.push(s);
    }
    this.parents = parents;
    return parents;
  }

  /** Whether statement `s` runs under `torch.no_grad()` / `inference_mode()` (no graph to keep). */
  private underNoGrad(s: number): boolean {
    const { scan } = this.program;
    const parents = this.parentsOf();
    let indent = scan.stIndent[s];
    for (let p = parents[s]; p >= 0 && indent > 0; p = parents[p]) {
      indent = scan.stIndent[p];
      const key = scan.stKey[p];
      if (key === Key.With && this.mentionsNoGrad(p)) return true;
      if (key === Key.Def) {
        for (let q = p - 1; q >= 0 && scan.kind[scan.stFirst[q]] === Tok.At; q--) if (this.mentionsNoGrad(q)) return true;
      }
    }
    return false;
  }

  private mentionsNoGrad(s: number): boolean {
    const { scan } = this.program;
    for (let k = scan.stFirst[s]; k < scan.stEnd[s]; k++) {
      if (scan.isName(k, 'no_grad') || scan.isName(k, 'inference_mode')) return true;
    }
    return false;
  }
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
