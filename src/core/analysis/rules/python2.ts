// python2: syntax only Python 2 accepts. Reads the scanner's statement keys and its Python 2
// marks, so a file pays almost nothing for this rule.
import type { Program } from '../../python/program';
import { python2Shebang } from '../../python/skim';
import { Key, Py2Mark, Tok } from '../../python/tokens';
import { checkDefParameters, checkLambdaParameters } from './python2Parameters';
import { msg, type Msg } from '../../l10n/text';
import type { OffsetFix, PythonRule, RuleContext } from './rule';

const EOL = msg('Python 2 reached its end of life on 2020-01-01');

/** Names that can follow `print` in a valid Python 3 expression (`print in seen`). */
const PY3_AFTER_PRINT = new Set(['in', 'and', 'or', 'is', 'if', 'else', 'for']);

function report(context: RuleContext, start: number, end: number, message: Msg, fixes: OffsetFix[] = []): void {
  context.report({ rule: 'python2', message, start, end, fixes });
}

export const python2Rule: PythonRule = {
  id: 'python2',
  gate: { python2Syntax: true },
  run(context) {
    const { program } = context;
    const { scan } = program;
    const text = program.text;
    checkShebang(context, text);
    const ticks: number[] = [];
    for (let m = 0; m < scan.marks; m++) {
      const mark = scan.markData[m * 2] as Py2Mark;
      const t = scan.markData[m * 2 + 1];
      const s = scan.start[t];
      const e = scan.end[t];
      switch (mark) {
        case Py2Mark.LessGreater:
          report(context, s, e, msg('`<>` is Python 2\'s "not equal"; Python 3 only accepts `!=` ({0}).', EOL), [
            { title: msg('Replace `<>` with `!=`'), safe: true, edits: [{ start: s, end: e, newText: '!=' }] },
          ]);
          break;
        case Py2Mark.LongNumber: {
          const literal = text.slice(s, e);
          // `0777L` is octal too: both changes are needed for Python 3 to accept it
          const octal = /^0[0-9_]*[1-9][0-9_]*[lL]$/.test(literal);
          const fixes: OffsetFix[] = !octal
            ? [{ title: msg('Remove the `L` suffix'), safe: true, edits: [{ start: e - 1, end: e, newText: '' }] }]
            : /^0[0-7_]+[lL]$/.test(literal)
              ? [{ title: msg('Write it as `0o{0}`', literal.slice(1, -1)), safe: true, edits: [{ start: s + 1, end: s + 1, newText: 'o' }, { start: e - 1, end: e, newText: '' }] }]
              : [];
          const message = octal
            ? msg('`{0}`: the `L` suffix marked long integers in Python 2 (and the leading zero made it octal); Python 3 integers have no size limit and reject the suffix and the leading zero (octal is spelled `0o…`).', literal)
            : msg('`{0}`: the `L` suffix marked long integers in Python 2; Python 3 integers have no size limit and reject the suffix.', literal);
          report(context, s, e, message, fixes);
          break;
        }
        case Py2Mark.OctalNumber: {
          const literal = text.slice(s, e);
          const digits = literal.replace(/[lL]$/, '');
          const fixes: OffsetFix[] = /^0[0-7_]+$/.test(digits)
            ? [{ title: msg('Write it as `0o{0}`', digits.slice(1)), safe: true, edits: [{ start: s + 1, end: s + 1, newText: 'o' }] }]
            : [];
          report(context, s, e, msg('`{0}` is a Python 2 octal literal; Python 3 rejects a leading zero and spells octal `0o…`.', literal), fixes);
          break;
        }
        case Py2Mark.UrString: {
          let u = s;
          while ((text.charCodeAt(u) | 0x20) !== 117) u++;
          report(context, s, s + 2, msg('The `ur` string prefix is Python 2 only; Python 3 strings are already Unicode, so a raw string is `r"…"`.'), [
            { title: msg('Use a raw string `r"…"` (Python 2 still expanded `\\u` escapes in `ur` strings)'), safe: false, edits: [{ start: u, end: u + 1, newText: '' }] },
          ]);
          break;
        }
        case Py2Mark.Backtick:
          ticks.push(t);
          break;
      }
    }
    if (ticks.length > 0) checkBackticks(context, program, ticks);
    checkNames(context, program);
    for (let st = 0; st < scan.statements; st++) {
      const key = scan.stKey[st];
      if (key === Key.Print) checkPrint(context, program, st);
      else if (key === Key.Exec) checkExec(context, program, st);
      else if (key === Key.Except) checkExcept(context, program, st);
      else if (key === Key.Raise) checkRaise(context, program, st);
      else if (key === Key.Def && scan.stHeader[st] === 1) checkDefParameters(context, program, st);
    }
  },
};

/** Python 2 builtins that Python 3 renamed, with their Python 3 names. */
const RENAMED_BUILTINS: Record<string, string> = { xrange: 'range', raw_input: 'input' };

/**
 * `xrange(…)` / `raw_input(…)` called without the file defining or importing the name (code that
 * does `from six.moves import xrange` or `xrange = range` is left alone); and, in the same pass
 * over the names, the parameters of each `lambda`.
 */
function checkNames(context: RuleContext, program: Program): void {
  const { scan, text } = program;
  let defined: Set<string> | undefined;
  for (let k = 0; k < scan.nameCount; k++) {
    const t = scan.names[k];
    const length = scan.end[t] - scan.start[t];
    const first = text.charCodeAt(scan.start[t]);
    if (length === 6 && first === 108 && scan.isName(t, 'lambda')) {
      checkLambdaParameters(context, program, t);
      continue;
    }
    if (t + 1 >= scan.count || scan.kind[t + 1] !== Tok.LPar) continue;
    if (!((length === 6 && first === 120) || (length === 9 && first === 114))) continue; // x…(6), r…(9)
    const name = scan.tokenText(t);
    const replacement = RENAMED_BUILTINS[name];
    if (replacement === undefined || !program.isReference(t)) continue;
    defined ??= definedNames(program);
    if (defined.has(name)) continue;
    report(context, scan.start[t], scan.end[t], msg('`{0}` is a Python 2 builtin; Python 3 renamed it `{1}`, so this raises NameError ({2}).', name, replacement, EOL), [
      { title: msg('Use `{0}`', replacement), safe: true, edits: [{ start: scan.start[t], end: scan.end[t], newText: replacement }] },
    ]);
  }
}

/** Names the file binds itself: imports, `def`/`class`, and assignment targets at the start of a statement. */
function definedNames(program: Program): Set<string> {
  const { scan } = program;
  const names = new Set(program.imports.map((b) => b.local)); // relative imports too (`from .compat import xrange`)
  for (let s = 0; s < scan.statements; s++) {
    const f = scan.stFirst[s];
    if ((scan.isName(f, 'def') || scan.isName(f, 'class')) && scan.kind[f + 1] === Tok.Name) names.add(scan.tokenText(f + 1));
    else if (scan.kind[f] === Tok.Name && (scan.kind[f + 1] === Tok.Equal || scan.kind[f + 1] === Tok.Comma)) names.add(scan.tokenText(f));
  }
  return names;
}

function checkShebang(context: RuleContext, text: string): void {
  const shebang = python2Shebang(text);
  if (!shebang) return;
  const { command, start, lineEnd } = shebang;
  report(context, 0, lineEnd, msg('The shebang runs `{0}`; {1} and most machines no longer have it.', command, EOL), [
    { title: msg('Run `python3` instead of `{0}`', command), safe: false, edits: [{ start, end: start + command.length, newText: 'python3' }] },
  ]);
}

/** Pairs backticks on a logical line (`` `x` `` → `repr(x)`); a lone one is reported on its own. */
function checkBackticks(context: RuleContext, program: Program, ticks: number[]): void {
  const { scan } = program;
  for (let k = 0; k < ticks.length; k++) {
    const t = ticks[k];
    const u = ticks[k + 1];
    let paired = u !== undefined && scan.depth[u] === scan.depth[t] && u > t + 1;
    for (let j = t + 1; paired && j < u; j++) if (scan.kind[j] === Tok.Newline) paired = false;
    const s = scan.start[t];
    const e = paired ? scan.end[u] : scan.end[t];
    const fixes: OffsetFix[] = paired
      ? [{ title: msg('Replace the backticks with `repr(…)`'), safe: true, edits: [{ start: s, end: s + 1, newText: 'repr(' }, { start: scan.start[u], end: e, newText: ')' }] }]
      : [];
    report(context, s, e, msg('Backticks are Python 2 shorthand for `repr()`; Python 3 rejects them.'), fixes);
    if (paired) k++;
  }
}

/** Last token of a statement before its terminator (Newline or `;`). */
function lastToken(program: Program, st: number): number {
  const { scan } = program;
  const end = scan.stEnd[st] - 1;
  const k = scan.kind[end];
  return k === Tok.Newline || k === Tok.Semi ? end - 1 : end;
}

function checkPrint(context: RuleContext, program: Program, st: number): void {
  const { scan, text } = program;
  const p = scan.stFirst[st];
  const a = p + 1;
  const z = lastToken(program, st);
  const next = scan.kind[a];
  const gap = scan.start[a] > scan.end[p];
  // a bare `print` is the name of the function (an expression statement that does nothing), valid Python 3
  if (a > z) return;
  let py2 = false;
  if (next === Tok.String || next === Tok.Number || next === Tok.RightShift || next === Tok.Backtick) py2 = true;
  else if (next === Tok.Name) py2 = !PY3_AFTER_PRINT.has(scan.tokenText(a));
  else if ((next === Tok.LSqb || next === Tok.LBrace) && gap) py2 = true;
  if (!py2) return;
  const d = scan.depth[p];
  let fix: OffsetFix | undefined;
  {
    let first = a;
    let fileExpr: string | undefined;
    if (next === Tok.RightShift) {
      let comma = first + 1;
      while (comma <= z && !(scan.kind[comma] === Tok.Comma && scan.depth[comma] === d)) comma++;
      if (comma - 1 >= first + 1) fileExpr = text.slice(scan.start[first + 1], scan.end[comma - 1]);
      first = comma + 1;
    }
    let last = z;
    let trailingComma = false;
    if (last >= first && scan.kind[last] === Tok.Comma && scan.depth[last] === d) {
      trailingComma = true;
      last--;
    }
    const parts: string[] = [];
    if (last >= first) parts.push(text.slice(scan.start[first], scan.end[last]));
    if (trailingComma) parts.push('end=" "');
    if (fileExpr !== undefined) parts.push(`file=${fileExpr}`);
    if (fileExpr !== undefined || next !== Tok.RightShift) {
      fix = {
        title: msg('Convert to a `print()` call'),
        safe: true,
        edits: [{ start: scan.end[p], end: scan.end[z], newText: `(${parts.join(', ')})` }],
      };
    }
  }
  report(context, scan.start[p], scan.end[z], msg('`print` as a statement is Python 2 syntax; in Python 3 `print` is a function and this line is a SyntaxError. Call it: `print(…)` ({0}).', EOL), fix ? [fix] : []);
}

function checkExec(context: RuleContext, program: Program, st: number): void {
  const { scan, text } = program;
  const x = scanFirst(program, st);
  const a = x + 1;
  const z = lastToken(program, st);
  const next = scan.kind[a];
  if (a > z || !(next === Tok.String || (next === Tok.Name && !PY3_AFTER_PRINT.has(scan.tokenText(a))))) return;
  const d = scan.depth[x];
  let inTok = -1;
  for (let j = a; j <= z; j++) if (scan.depth[j] === d && scan.isName(j, 'in')) inTok = j;
  const codeEnd = inTok >= 0 ? inTok - 1 : z;
  const parts = [text.slice(scan.start[a], scan.end[codeEnd])];
  if (inTok >= 0 && inTok < z) parts.push(text.slice(scan.start[inTok + 1], scan.end[z]));
  const fixes: OffsetFix[] = codeEnd >= a ? [{ title: msg('Convert to an `exec()` call'), safe: true, edits: [{ start: scan.end[x], end: scan.end[z], newText: `(${parts.join(', ')})` }] }] : [];
  report(context, scan.start[x], scan.end[z], msg('`exec` as a statement is Python 2 syntax; in Python 3 it is a function: `exec(code, globals, locals)` ({0}).', EOL), fixes);
}

/**
 * `raise E, value` and `raise E, value, traceback`. Python 2 made the exception from the value:
 * a tuple was the argument list, `None` no argument, an exception instance was raised as it was.
 */
function checkRaise(context: RuleContext, program: Program, st: number): void {
  const { scan, text } = program;
  const r = scan.stFirst[st];
  const z = lastToken(program, st);
  const d = scan.depth[r];
  const commas: number[] = [];
  for (let j = r + 1; j <= z; j++) if (scan.kind[j] === Tok.Comma && scan.depth[j] === d) commas.push(j);
  if (commas.length === 0) return;
  const message = msg('`raise E, value` is Python 2 syntax; Python 3 raises an exception object: `raise E(value)`, with a traceback `raise E(value).with_traceback(tb)` ({0}).', EOL);
  const fixes: OffsetFix[] = [];
  const c1 = commas[0];
  const c2 = commas.length > 1 ? commas[1] : z + 1;
  // a fix only for the plain shapes: `raise Name.chain, value[, tb]` with every part present
  const exceptionEnd = program.chainEnd(r + 1);
  if (commas.length <= 2 && scan.kind[r + 1] === Tok.Name && exceptionEnd === c1 && c2 > c1 + 1 && (commas.length === 1 || z > c2)) {
    const value = valueArguments(program, c1 + 1, c2 - 1);
    const traceback = commas.length === 2 ? `.with_traceback(${text.slice(scan.start[c2 + 1], scan.end[z])})` : '';
    const exception = text.slice(scan.start[r + 1], scan.end[c1 - 1]);
    fixes.push({
      title: !value.exact
        ? msg('Raise `{0}(…)` (may change behaviour: Python 2 raised a value that was already an exception as it was, and unpacked a tuple)', exception)
        : traceback
          ? msg('Raise `{0}(…)` with its traceback', exception)
          : msg('Raise `{0}(…)`', exception),
      safe: value.exact,
      edits: [{ start: scan.end[c1 - 1], end: scan.end[z], newText: `(${value.args})${traceback}` }],
    });
  }
  report(context, scan.start[r], scan.end[z], message, fixes);
}

/**
 * The arguments Python 2 made the exception with from the value tokens [a, z]: a tuple display
 * gives its items, `None` none, a literal itself (`exact`); any other expression is passed as
 * one argument, which is what Python 2 did unless it held an exception instance or a tuple.
 */
function valueArguments(program: Program, a: number, z: number): { args: string; exact: boolean } {
  const { scan, text } = program;
  const whole = text.slice(scan.start[a], scan.end[z]);
  if (a === z && scan.isName(a, 'None')) return { args: '', exact: true };
  if (scan.kind[a] === Tok.LPar && scan.closing(a) === z) {
    let tuple = z === a + 1;
    for (let j = a + 1; j < z && !tuple; j++) if (scan.kind[j] === Tok.Comma && scan.depth[j] === scan.depth[a] + 1) tuple = true;
    if (tuple) return { args: text.slice(scan.end[a], scan.start[z]), exact: true };
  }
  let literal = true;
  for (let j = a; j <= z && literal; j++) literal = scan.kind[j] === Tok.String || (a === z && scan.kind[j] === Tok.Number);
  return { args: whole, exact: literal };
}

function scanFirst(program: Program, st: number): number {
  return program.scan.stFirst[st];
}

function checkExcept(context: RuleContext, program: Program, st: number): void {
  const { scan } = program;
  const x = scan.stFirst[st];
  const end = scan.stEnd[st];
  const d = scan.depth[x];
  for (let j = x + 1; j < end; j++) {
    if (scan.kind[j] === Tok.Comma && scan.depth[j] === d) {
      const name = j + 1;
      const safe = scan.kind[name] === Tok.Name && scan.kind[name + 1] === Tok.Colon;
      const s = scan.start[j];
      const e = safe ? scan.end[name] : scan.end[j];
      report(
        context,
        s,
        e,
        msg('`except E, e:` is Python 2 syntax; Python 3 writes `except E as e:` (to catch several exceptions, list them in a tuple: `except (A, B) as e:`).'),
        safe ? [{ title: msg('Use `except … as name:`'), safe: true, edits: [{ start: s, end: scan.start[name], newText: ' as ' }] }] : [],
      );
      return;
    }
  }
}
