// boston-dataset: scikit-learn's load_boston under any import path or alias, and fetch_openml
// requests for the same data ("boston", data_id=531).
import type { Program } from '../../python/program';
import { Tok } from '../../python/tokens';
import { msg } from '../../l10n/text';
import { importsAny, type OffsetEdit, type OffsetFix, type PythonRule } from './rule';

const LOAD_BOSTON = 'sklearn.datasets.load_boston';
const FETCH_OPENML = 'sklearn.datasets.fetch_openml';
const STAR_NAMES = new Set(['load_boston', 'fetch_openml', LOAD_BOSTON, FETCH_OPENML]);
const REPLACEMENT = 'fetch_california_housing';

const MESSAGE = msg(
  '`load_boston` was removed from scikit-learn in 1.2 (deprecated in 1.0): the Boston housing data encodes a racist assumption (feature "B"), and on current scikit-learn this fails with ImportError. Use `fetch_california_housing()` (or the Ames housing data: `fetch_openml(name="house_prices", as_frame=True)`).',
);
const OPENML_MESSAGE = msg(
  'This downloads the Boston housing data, which scikit-learn removed in 1.2 because it encodes a racist assumption (feature "B"). Use `fetch_california_housing()` or the Ames housing data (`fetch_openml(name="house_prices", as_frame=True)`).',
);

interface Hit {
  start: number;
  end: number;
  /** Edit that renames this occurrence, when the rename is this occurrence's text. */
  edit?: OffsetEdit;
  openml: boolean;
}

const SKLEARN: ReadonlySet<string> = new Set(['sklearn']);

export const bostonDatasetRule: PythonRule = {
  id: 'boston-dataset',
  gate: { modules: SKLEARN },
  run(context) {
    const { program } = context;
    if (!importsAny(program, SKLEARN)) return;
    const { scan } = program;
    const hits: Hit[] = [];
    const renamedBare = new Set<string>();
    for (const b of program.imports) {
      if (b.qualified !== LOAD_BOSTON || b.nameToken < 0) continue;
      const s = scan.start[b.nameToken];
      const e = scan.end[b.nameToken];
      hits.push({ start: s, end: e, edit: { start: s, end: e, newText: REPLACEMENT }, openml: false });
      if (b.aliasToken < 0) renamedBare.add(b.local);
    }
    const starImported = program.starModules.includes('sklearn.datasets');
    for (let st = 0; st < scan.statements; st++) {
      if (program.isImportStatement(st)) continue;
      const end = scan.stEnd[st];
      for (let t = scan.stFirst[st]; t < end; t++) {
        if (scan.kind[t] !== Tok.Name || !program.isReference(t)) continue;
        program.walkChain(
          t,
          (q, last) => {
            if (q === LOAD_BOSTON) {
              const s = scan.start[last];
              const e = scan.end[last];
              const name = scan.tokenText(last);
              const renames = last !== t || renamedBare.has(name) || (starImported && name === 'load_boston');
              hits.push({ start: scan.start[t], end: e, edit: renames ? { start: s, end: e, newText: REPLACEMENT } : undefined, openml: false });
              return true;
            }
            if (q === FETCH_OPENML) {
              if (scan.kind[last + 1] === Tok.LPar) checkOpenml(program, last + 1, hits);
              return true;
            }
            return false;
          },
          STAR_NAMES,
        );
      }
    }
    if (hits.length === 0) return;
    const edits = hits.filter((h) => h.edit).map((h) => h.edit!);
    const fix: OffsetFix = {
      title: msg('Switch to the California Housing dataset (`fetch_california_housing`; changes behaviour: a different dataset, with other features and target)'),
      safe: false,
      edits,
      shared: true, // the first finding carries the renames of every place, the others refer to it
    };
    for (const h of hits) {
      context.report({ rule: 'boston-dataset', message: h.openml ? OPENML_MESSAGE : MESSAGE, start: h.start, end: h.end, deprecated: !h.openml, fails: !h.openml, fixes: h.openml || edits.length === 0 ? [] : [fix] });
    }
  },
};

/** `fetch_openml("boston")`, `fetch_openml(name="boston")`, `fetch_openml(data_id=531)`. */
function checkOpenml(program: Program, open: number, hits: Hit[]): void {
  const { scan } = program;
  const close = scan.closing(open);
  if (close < 0) return;
  const d = scan.depth[open] + 1;
  for (let k = open + 1; k < close; k++) {
    if (scan.depth[k] !== d) continue;
    const prev = scan.kind[k - 1];
    if (k === open + 1 && scan.kind[k] === Tok.String && (scan.kind[k + 1] === Tok.Comma || k + 1 === close)) {
      if (program.stringValue(k)?.toLowerCase() === 'boston') hits.push({ start: scan.start[k], end: scan.end[k], openml: true });
    } else if (scan.kind[k] === Tok.Name && scan.kind[k + 1] === Tok.Equal && (prev === Tok.LPar || prev === Tok.Comma)) {
      const value = k + 2;
      if (scan.isName(k, 'name') && program.stringValue(value)?.toLowerCase() === 'boston') hits.push({ start: scan.start[k], end: scan.end[value], openml: true });
      if (scan.isName(k, 'data_id') && scan.kind[value] === Tok.Number && scan.tokenText(value) === '531') hits.push({ start: scan.start[k], end: scan.end[value], openml: true });
    }
  }
}
