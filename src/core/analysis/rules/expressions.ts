// Small readers of expressions in the token table, shared by the rules that follow values
// (test-data-leakage, softmax-before-cross-entropy): where a receiver starts, the dotted name a
// chain spells, and the text of a range for messages.
import type { Program } from '../../python/program';
import type { Scan } from '../../python/scanner';
import { Tok } from '../../python/tokens';

/** How far back a receiver is looked for (a constructor's arguments): longer ones are not followed. */
const RECEIVER_REACH = 256;

/**
 * First token of the receiver whose last token is `last` (the token before a `.method`): a name
 * chain (`self.scaler`) or a call of one (`StandardScaler(with_mean=False)`). -1 for anything else.
 */
export function receiverStart(scan: Scan, last: number, floor: number): number {
  let t = last;
  if (scan.kind[t] === Tok.RPar) {
    const d = scan.depth[t];
    let open = t - 1;
    while (open >= floor && open > t - RECEIVER_REACH && !(scan.depth[open] === d && scan.kind[open] === Tok.LPar)) open--;
    if (open < floor || scan.depth[open] !== d || scan.kind[open] !== Tok.LPar) return -1;
    t = open - 1;
  }
  if (t < floor || scan.kind[t] !== Tok.Name) return -1;
  while (t - 2 >= floor && scan.kind[t - 1] === Tok.Dot && scan.kind[t - 2] === Tok.Name) t -= 2;
  return t;
}

/** The dotted name of the chain starting at name token `t` (`self.scaler`), and its end token (exclusive), read up to token `limit`. */
export function chainName(scan: Scan, t: number, limit = scan.count): [string, number] {
  let name = scan.tokenText(t);
  let j = t + 1;
  while (j + 1 < limit && scan.kind[j] === Tok.Dot && scan.kind[j + 1] === Tok.Name) {
    name += '.' + scan.tokenText(j + 1);
    j += 2;
  }
  return [name, j];
}

/** The source text of tokens [from, to), on one line and shortened for a message. */
export function shortText(program: Program, from: number, to: number, max = 40): string {
  const { scan } = program;
  if (to <= from) return '';
  const start = scan.start[from];
  const text = program.text.slice(start, Math.min(scan.end[to - 1], start + 4 * max)).replace(/\s*\n\s*/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Offsets for a finding on the call `receiver.method(`: the receiver and method when they share a line, else the method name. */
export function callSpan(program: Program, receiver: number, method: number): [number, number] {
  const { scan, text } = program;
  const start = scan.start[receiver];
  const end = scan.end[method];
  return text.slice(start, end).includes('\n') ? [scan.start[method], end] : [start, end];
}
