// python2: parameters written as tuples, `def f(a, (b, c)):` and `lambda (x, y): …`, which Python 2
// unpacked on the call and Python 3 removed (PEP 3113). A `def` gets a fix that takes one parameter
// and unpacks it as the first statement of the body, as 2to3 does; a lambda is only reported.
import type { Program } from '../../python/program';
import { Tok } from '../../python/tokens';
import { msg } from '../../l10n/text';
import type { OffsetEdit, OffsetFix, RuleContext } from './rule';

const MESSAGE = msg(
  'A parameter in parentheses (a tuple parameter) is Python 2 syntax, removed in Python 3 (PEP 3113): take one parameter and unpack it in the body (`def f(a, pair):` then `b, c = pair`).',
);

function report(context: RuleContext, program: Program, open: number, close: number, fixes: OffsetFix[]): void {
  context.report({ rule: 'python2', message: MESSAGE, start: program.scan.start[open], end: program.scan.end[close], fixes });
}

/** The tuple parameters of the `def` header statement `st`: `(` tokens right after its opening `(` or a comma, each with its `)`. */
export function checkDefParameters(context: RuleContext, program: Program, st: number): void {
  const { scan } = program;
  const kw = scan.isName(scan.stFirst[st], 'async') ? scan.stFirst[st] + 1 : scan.stFirst[st];
  const open = kw + 2;
  if (scan.kind[kw + 1] !== Tok.Name || scan.kind[open] !== Tok.LPar) return;
  const close = scan.closing(open);
  if (close < 0) return;
  const d = scan.depth[open] + 1;
  const tuples: [number, number][] = [];
  for (let k = open + 1; k < close; k++) {
    if (scan.kind[k] !== Tok.LPar || scan.depth[k] !== d || !(k === open + 1 || (scan.kind[k - 1] === Tok.Comma && scan.depth[k - 1] === d))) continue;
    const end = scan.closing(k);
    if (end < 0 || end > close) return;
    tuples.push([k, end]);
    k = end;
  }
  if (tuples.length === 0) return;
  const fix = unpackingFix(program, st, open, close, tuples);
  for (const [a, z] of tuples) report(context, program, a, z, fix ? [fix] : []);
}

/** `lambda (x, y): …` and `lambda a, (b, c): …` (the parameters end at the first `:` at the lambda's depth). */
export function checkLambdaParameters(context: RuleContext, program: Program, t: number): void {
  const { scan } = program;
  const d = scan.depth[t];
  for (let k = t + 1; k < scan.count; k++) {
    const kind = scan.kind[k];
    if (kind === Tok.Newline || scan.depth[k] < d || (scan.depth[k] === d && (kind === Tok.Colon || kind === Tok.Semi))) return;
    if (kind === Tok.LPar && scan.depth[k] === d && (k === t + 1 || scan.kind[k - 1] === Tok.Comma)) {
      const end = scan.closing(k);
      if (end < 0) return;
      report(context, program, k, end, []);
      k = end;
    }
  }
}

/**
 * One fix for every tuple parameter of the def: each becomes one parameter named after its parts
 * (`(b, c)` → `b_c`) and the body starts by unpacking it (`b, c = b_c`), after the docstring if
 * there is one. None when a tuple holds anything but names, or the signature has a lambda.
 */
function unpackingFix(program: Program, st: number, open: number, close: number, tuples: [number, number][]): OffsetFix | undefined {
  const { scan } = program;
  for (let k = open + 1; k < close; k++) if (scan.isName(k, 'lambda')) return undefined;
  const body = st + 1;
  if (body >= scan.statements || scan.stIndent[body] <= scan.stIndent[st]) return undefined;
  const used = namesOfBlock(program, st);
  const edits: OffsetEdit[] = [];
  const unpacking: string[] = [];
  for (const [a, z] of tuples) {
    const names: string[] = [];
    let target = '';
    for (let k = a + 1; k < z; k++) {
      const kind = scan.kind[k];
      if (kind === Tok.Name) names.push(scan.tokenText(k));
      else if (kind !== Tok.Comma && kind !== Tok.LPar && kind !== Tok.RPar) return undefined;
      target += kind === Tok.Comma ? ', ' : scan.tokenText(k);
    }
    if (names.length === 0) return undefined;
    if (!target.includes(',')) {
      // `(b)` is the parameter `b` in parentheses: nothing to unpack
      edits.push({ start: scan.start[a], end: scan.end[z], newText: target.replace(/[()]/g, '') });
      continue;
    }
    let name = names.join('_');
    while (used.has(name)) name += '_';
    used.add(name);
    edits.push({ start: scan.start[a], end: scan.end[z], newText: name });
    unpacking.push(`${target.replace(/, $/, ',')} = ${name}`);
  }
  if (unpacking.length > 0) edits.push(bodyInsertion(program, st, body, unpacking));
  return { title: msg('Take one parameter per tuple and unpack it at the start of the body'), safe: true, shared: true, edits };
}

/** Inserts `statements` as the first statements of the body (after a docstring), on their own lines or after `;` on the header's line. */
function bodyInsertion(program: Program, header: number, body: number, statements: string[]): OffsetEdit {
  const { scan, text } = program;
  const first = scan.stFirst[body];
  const docstring = scan.kind[first] === Tok.String && scan.kind[first + 1] === Tok.Newline;
  const headerEnd = scan.end[scan.stEnd[header] - 1];
  const ownLine = /[\r\n]/.test(text.slice(headerEnd, scan.start[first]));
  if (!ownLine) {
    // `def f((a, b)): return a` → `def f(a_b): a, b = a_b; return a`
    if (docstring) return { start: scan.end[first], end: scan.end[first], newText: `; ${statements.join('; ')}` };
    return { start: scan.start[first], end: scan.start[first], newText: `${statements.join('; ')}; ` };
  }
  let lineStart = scan.start[first];
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
  const indent = text.slice(lineStart, scan.start[first]);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (docstring) return { start: scan.end[first], end: scan.end[first], newText: statements.map((s) => `${eol}${indent}${s}`).join('') };
  return { start: scan.start[first], end: scan.start[first], newText: statements.map((s) => `${s}${eol}${indent}`).join('') };
}

/** Every name token in the def (header and body), so a new parameter name does not take an existing one. */
function namesOfBlock(program: Program, header: number): Set<string> {
  const { scan } = program;
  let end = header + 1;
  while (end < scan.statements && scan.stIndent[end] > scan.stIndent[header]) end++;
  const names = new Set<string>();
  const last = end < scan.statements ? scan.stFirst[end] : scan.count;
  for (let k = scan.stFirst[header]; k < last; k++) if (scan.kind[k] === Tok.Name) names.add(scan.tokenText(k));
  return names;
}
