// Token-level helpers the PyTorch training-loop rules share (missing-zero-grad, eval-mode-missing,
// train-mode-not-restored): method calls in a statement, the receiver before `.name(`, and the edit
// that inserts a new statement before another one at its indentation.
import type { Program } from '../../python/program';
import { Tok } from '../../python/tokens';
import type { OffsetEdit } from './rule';

export interface MethodCall {
  /** First token of the receiver (`self` in `self.opt.step()`), or -1 when it is not a name chain. */
  receiver: number;
  /** The `.` before the method name. */
  dot: number;
  /** The method name token. */
  name: number;
  open: number;
}

/**
 * Calls `<receiver>.<method>(` in statement `s` whose method name passes `wanted`, skipping the
 * bodies of lambdas (a lambda runs when it is called, not where it is written).
 */
export function methodCalls(program: Program, s: number, wanted: (name: number) => boolean): MethodCall[] {
  const { scan } = program;
  const out: MethodCall[] = [];
  const end = scan.stEnd[s] - 1;
  let lambdaDepth = -1;
  for (let k = scan.stFirst[s]; k < end; k++) {
    const d = scan.depth[k];
    if (lambdaDepth >= 0) {
      if (d < lambdaDepth || (d === lambdaDepth && scan.kind[k] === Tok.Comma)) lambdaDepth = -1;
      else continue;
    }
    if (scan.kind[k] !== Tok.Name) continue;
    if (scan.isName(k, 'lambda')) {
      lambdaDepth = d;
      continue;
    }
    if (scan.kind[k - 1] !== Tok.Dot || scan.kind[k + 1] !== Tok.LPar || !wanted(k)) continue;
    out.push({ receiver: receiverStart(program, k - 1), dot: k - 1, name: k, open: k + 1 });
  }
  return out;
}

/** First token of the receiver ending just before the `.` at `dot` (`a.b[0]` → `a`), or -1. */
export function receiverStart(program: Program, dot: number): number {
  const { scan } = program;
  let k = dot - 1;
  while (k >= 0) {
    const kind = scan.kind[k];
    if (kind === Tok.RSqb || kind === Tok.RPar) {
      // `optimizers[0].step()`, `self.optimizers().step()`: step back over the brackets
      let j = k - 1;
      while (j >= 0 && !(scan.depth[j] === scan.depth[k] && (scan.kind[j] === Tok.LSqb || scan.kind[j] === Tok.LPar))) j--;
      if (j < 0) return -1;
      k = j - 1;
      continue;
    }
    if (kind !== Tok.Name) return -1;
    if (k > 0 && scan.kind[k - 1] === Tok.Dot) {
      k -= 2;
      continue;
    }
    return k;
  }
  return -1;
}

/** The receiver's last name (`optimizer` in `self.optimizer`, `optimizers` in `optimizers[0]`). */
export function receiverName(program: Program, call: MethodCall): string | undefined {
  const { scan } = program;
  for (let k = call.dot - 1; k >= call.receiver && k >= 0; k--) if (scan.kind[k] === Tok.Name && scan.depth[k] === scan.depth[call.dot]) return scan.tokenText(k);
  return undefined;
}

/** The source text of tokens [from, to]. */
export function textOf(program: Program, from: number, to: number): string {
  return program.text.slice(program.scan.start[from], program.scan.end[to]);
}

/** Whether the receiver is a plain chain of names (`optimizer`, `self.opt`), so its text can be written in a fix. */
export function isNameChain(program: Program, call: MethodCall): boolean {
  const { scan } = program;
  if (call.receiver < 0) return false;
  for (let k = call.receiver; k < call.dot; k++) if (scan.kind[k] !== ((k - call.receiver) % 2 === 0 ? Tok.Name : Tok.Dot)) return false;
  return true;
}

/**
 * An edit that inserts `code` as its own statement just before statement `s`: on a new line at the
 * indentation of `s` when `s` starts its line, else (after `;` or a one-line header's colon) inline.
 */
export function insertBefore(program: Program, s: number, code: string): OffsetEdit {
  const { scan, text } = program;
  const at = scan.start[scan.stFirst[s]];
  let lineStart = at;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
  const indent = text.slice(lineStart, at);
  if (/^[ \t\f]*$/.test(indent)) {
    const eol = text.charCodeAt(lineEndOf(text, at)) === 13 ? (text.charCodeAt(lineEndOf(text, at) + 1) === 10 ? '\r\n' : '\r') : '\n';
    return { start: lineStart, end: lineStart, newText: `${indent}${code}${eol}` };
  }
  return { start: at, end: at, newText: `${code}; ` };
}

function lineEndOf(text: string, from: number): number {
  let k = from;
  while (k < text.length && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
  return k;
}

/** The offsets [start, end) of the whole line(s) of statement `s` when it is alone on them, else undefined. */
export function wholeLines(program: Program, s: number): [number, number] | undefined {
  const { scan, text } = program;
  const first = scan.stFirst[s];
  const last = scan.stEnd[s] - 1;
  if (scan.kind[last] !== Tok.Newline) return undefined;
  let lineStart = scan.start[first];
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
  if (!/^[ \t\f]*$/.test(text.slice(lineStart, scan.start[first]))) return undefined;
  return [lineStart, scan.end[last]];
}
