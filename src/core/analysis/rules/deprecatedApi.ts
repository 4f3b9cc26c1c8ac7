// deprecated-api: APIs from the catalogue `src/core/rules/deprecated-apis.yaml`, found through
// the file's imports (so `np.float` is numpy.float under any alias) and, for pandas methods,
// only on names known to hold a DataFrame or Series.
import catalogueYaml from '../../rules/deprecated-apis.yaml';
import type { Program } from '../../python/program';
import { Tok } from '../../python/tokens';
import type { ImportBinding } from '../../python/imports';
import { parseCatalogue } from './catalogueYaml';
import { pandasReceiver, walkPandasNames } from './pandasFlow';
import { importsAny, type OffsetFix, type PythonRule, type RuleContext } from './rule';

export interface DeprecatedApi {
  api: string;
  kind: 'attribute' | 'module' | 'method' | 'kwarg';
  name?: string;
  deprecatedIn?: string;
  removedIn?: string;
  replacement: string;
  fix: 'none' | { replace?: string; rename?: string; module?: string; concat?: boolean };
  safe: boolean;
  safeNames?: string[];
  source: string;
}

interface Catalogue {
  entries: readonly DeprecatedApi[];
  attributes: Map<string, DeprecatedApi>;
  modules: DeprecatedApi[];
  /** Index in `modules` of the first entry for each module path. */
  moduleIndex: Map<string, number>;
  /** Most dots in a module path of the catalogue: longer prefixes of a path cannot match. */
  moduleDots: number;
  methods: Map<string, DeprecatedApi>;
  kwargs: Map<string, DeprecatedApi[]>;
}
let catalogue: Catalogue | undefined;

/** The catalogue, parsed on first use: files importing none of its libraries never pay for the YAML parse. */
function loadCatalogue(): Catalogue {
  if (catalogue) return catalogue;
  const entries = parseCatalogue<DeprecatedApi>(catalogueYaml);
  const c: Catalogue = { entries, attributes: new Map(), modules: [], moduleIndex: new Map(), moduleDots: 0, methods: new Map(), kwargs: new Map() };
  for (const e of entries) {
    if (e.kind === 'attribute') c.attributes.set(e.api, e);
    else if (e.kind === 'module') {
      if (!c.moduleIndex.has(e.api)) c.moduleIndex.set(e.api, c.modules.length);
      c.moduleDots = Math.max(c.moduleDots, e.api.split('.').length - 1);
      c.modules.push(e);
    }
    else if (e.kind === 'method') c.methods.set(e.name!, e);
    else if (e.kind === 'kwarg') c.kwargs.set(e.api, [...(c.kwargs.get(e.api) ?? []), e]);
  }
  catalogue = c;
  return c;
}

export function deprecatedApis(): readonly DeprecatedApi[] {
  return loadCatalogue().entries;
}

/** Top-level modules the catalogue covers, read with a regex so the gate needs no YAML parse. */
const tops = new Set(Array.from(catalogueYaml.matchAll(/^- api: ([A-Za-z_]\w*)/gm), (m) => m[1]));

/**
 * The first catalogue entry (in file order) for a module that is `path` or contains it
 * (`sklearn.cross_validation.KFold` → `sklearn.cross_validation`). Looks up each dotted prefix
 * of the path: this runs for every attribute chain of every file importing numpy.
 */
function moduleEntry(path: string): DeprecatedApi | undefined {
  const { modules, moduleIndex, moduleDots } = loadCatalogue();
  let best = -1;
  let dot = path.indexOf('.');
  for (let dots = 0; dots <= moduleDots; dots++) {
    const index = moduleIndex.get(dot < 0 ? path : path.slice(0, dot));
    if (index !== undefined && (best < 0 || index < best)) best = index;
    if (dot < 0) break;
    dot = path.indexOf('.', dot + 1);
  }
  return best < 0 ? undefined : modules[best];
}

const PACKAGE_NAMES: Record<string, string> = { numpy: 'NumPy', pandas: 'pandas', 'scikit-learn': 'scikit-learn', tensorflow: 'TensorFlow', torch: 'PyTorch' };
function version(v: string): string {
  const [pkg, ...rest] = v.split(' ');
  return [PACKAGE_NAMES[pkg] ?? pkg, ...rest].join(' ');
}

const messages = new Map<string, string>();
/** The finding message; memoized because generated files can repeat one API thousands of times. */
function message(shown: string, e: DeprecatedApi): string {
  const key = `${e.api}\u0000${e.name ?? ''}\u0000${shown}`;
  let m = messages.get(key);
  if (m === undefined) {
    m = composeMessage(shown, e);
    if (messages.size > 10000) messages.clear();
    messages.set(key, m);
  }
  return m;
}

function composeMessage(shown: string, e: DeprecatedApi): string {
  const failure = e.kind === 'module' ? 'the import fails' : e.kind === 'kwarg' ? 'the call raises TypeError' : 'this line raises AttributeError';
  let status: string;
  if (e.removedIn && e.deprecatedIn) status = `was deprecated in ${version(e.deprecatedIn)} and removed in ${version(e.removedIn)}, so ${failure} on current versions`;
  else if (e.removedIn) status = `was removed in ${version(e.removedIn)}, so ${failure} on current versions`;
  else status = `is deprecated since ${version(e.deprecatedIn ?? 'its library')} and warns until it is removed`;
  return `\`${shown}\` ${status}. Use ${e.replacement}.`;
}

function fixTitle(newText: string, safe: boolean): string {
  return `Replace with \`${newText}\`${safe ? '' : ' (may change behaviour)'}`;
}

class DeprecatedApiCheck {
  private readonly program: Program;
  private readonly reportedStatements = new Set<number>();
  private readonly shadowed = new Map<string, boolean>();
  private byStatement: Map<number, ImportBinding[]> | undefined;

  constructor(private readonly context: RuleContext) {
    this.program = context.program;
  }

  private report(start: number, end: number, e: DeprecatedApi, fixes: OffsetFix[]): void {
    const shown = this.program.text.slice(start, end);
    this.context.report({ rule: 'deprecated-api', message: message(e.kind === 'method' ? `.${e.name}` : shown, e), start, end, deprecated: true, fixes });
  }

  /** Whether the file rebinds a builtin name (`float = …`, `def float`), which a `np.float` → `float` fix would pick up. */
  private shadows(name: string): boolean {
    let v = this.shadowed.get(name);
    if (v === undefined) {
      const { scan } = this.program;
      v = this.program.bindings.has(name);
      for (let s = 0; !v && s < scan.statements; s++) {
        const f = scan.stFirst[s];
        if ((scan.isName(f, name) && scan.kind[f + 1] === Tok.Equal) || ((scan.isName(f, 'def') || scan.isName(f, 'class')) && scan.isName(f + 1, name))) v = true;
      }
      this.shadowed.set(name, v);
    }
    return v;
  }

  /** The bindings of one import statement (indexed once: filtering all imports per import is quadratic). */
  private statementImports(statement: number): ImportBinding[] {
    if (!this.byStatement) {
      this.byStatement = new Map();
      for (const o of this.program.imports) {
        const list = this.byStatement.get(o.statement);
        if (list) list.push(o);
        else this.byStatement.set(o.statement, [o]);
      }
    }
    return this.byStatement.get(statement) ?? [];
  }

  run(): void {
    for (const b of this.program.imports) if (!b.relative) this.checkImport(b);
    this.checkReferences();
    if (this.program.importsModule('pandas')) this.checkPandasMethods();
  }

  private checkImport(b: ImportBinding): void {
    const { scan } = this.program;
    const moduleStart = scan.start[b.moduleFirst];
    const moduleEnd = scan.end[b.moduleEnd - 1];
    const byModule = b.module ? moduleEntry(b.module) : undefined;
    if (byModule) {
      if (this.reportedStatements.has(b.statement)) return;
      this.reportedStatements.add(b.statement);
      const fixes: OffsetFix[] = [];
      const target = typeof byModule.fix === 'object' ? byModule.fix.module : undefined;
      if (target !== undefined && (b.name !== undefined || b.aliasToken >= 0)) {
        const newModule = target + b.module.slice(byModule.api.length);
        const names = this.statementImports(b.statement).map((o) => o.name ?? '');
        const safe = byModule.safe && (!byModule.safeNames || names.every((n) => byModule.safeNames!.includes(n)));
        fixes.push({ title: fixTitle(newModule, safe), safe, edits: [{ start: moduleStart, end: moduleEnd, newText: newModule }] });
      }
      this.report(moduleStart, moduleEnd, byModule, fixes);
      return;
    }
    if (b.name === undefined || b.name === '*') return;
    const nameStart = scan.start[b.nameToken];
    const nameEnd = scan.end[b.nameToken];
    const asModule = moduleEntry(b.qualified);
    if (asModule) {
      // `from sklearn import cross_validation`, `from sklearn.externals import joblib`
      const fixes: OffsetFix[] = [];
      const target = typeof asModule.fix === 'object' ? asModule.fix.module : undefined;
      const alone = this.statementImports(b.statement).length === 1;
      if (target !== undefined && alone) {
        const local = b.aliasToken >= 0 ? scan.tokenText(b.aliasToken) : b.name;
        const dot = target.lastIndexOf('.');
        const first = scan.stFirst[b.statement];
        const last = b.aliasToken >= 0 ? b.aliasToken : b.nameToken;
        const newName = dot < 0 ? target : target.slice(dot + 1);
        const statementText =
          dot < 0 ? `import ${target}${local !== target ? ` as ${local}` : ''}` : `from ${target.slice(0, dot)} import ${newName}${local !== newName ? ` as ${local}` : ''}`;
        const closeParen = scan.kind[last + 1] === Tok.RPar ? last + 1 : last;
        fixes.push({ title: fixTitle(statementText, asModule.safe), safe: asModule.safe, edits: [{ start: scan.start[first], end: scan.end[closeParen], newText: statementText }] });
      }
      this.report(nameStart, nameEnd, asModule, fixes);
      return;
    }
    const attribute = loadCatalogue().attributes.get(b.qualified);
    if (attribute) this.report(nameStart, nameEnd, attribute, []);
  }

  private checkReferences(): void {
    const { program } = this;
    const { scan } = program;
    for (let k = 0; k < scan.nameCount; k++) {
      const t = scan.names[k];
      if (!program.isBoundName(t) || !program.isReference(t) || program.isImportStatement(scan.statementOf(t))) continue;
      program.walkChain(t, (q, last) => {
        const calls = loadCatalogue().kwargs.get(q);
        if (calls && scan.kind[last + 1] === Tok.LPar) this.checkKwargs(calls, last + 1);
        // A bare imported name (`Variable`, or `joblib` from `from sklearn.externals import joblib`):
        // its import statement reports, and fixing the import fixes every use.
        if (last === t) return moduleEntry(q) !== undefined;
        const attribute = loadCatalogue().attributes.get(q);
        if (attribute) {
          this.report(scan.start[t], scan.end[last], attribute, this.attributeFixes(attribute, t, last));
          return true;
        }
        const mod = moduleEntry(q);
        if (mod) {
          const fixes: OffsetFix[] = [];
          const target = typeof mod.fix === 'object' ? mod.fix.module : undefined;
          if (target && q === mod.api && target.slice(0, target.lastIndexOf('.')) === mod.api.slice(0, mod.api.lastIndexOf('.'))) {
            const newName = target.slice(target.lastIndexOf('.') + 1);
            fixes.push({ title: fixTitle(newName, mod.safe), safe: mod.safe, edits: [{ start: scan.start[last], end: scan.end[last], newText: newName }] });
          }
          this.report(scan.start[t], scan.end[last], mod, fixes);
          return true;
        }
        return false;
      });
    }
  }

  private attributeFixes(e: DeprecatedApi, first: number, last: number): OffsetFix[] {
    if (typeof e.fix !== 'object') return [];
    const { scan, text } = this.program;
    const start = scan.start[first];
    const end = scan.end[last];
    if (e.fix.rename !== undefined) {
      return [{ title: fixTitle(text.slice(start, scan.start[last]) + e.fix.rename, e.safe), safe: e.safe, edits: [{ start: scan.start[last], end, newText: e.fix.rename }] }];
    }
    if (e.fix.replace !== undefined) {
      let missing = false;
      const newText = e.fix.replace.replace(/\{(parent|alias)(?::([\w.]+))?\}/g, (_m, what: string, module: string | undefined) => {
        if (what === 'parent') return text.slice(start, scan.start[last - 1]);
        const alias = this.program.moduleAlias(module ?? e.api.split('.', 1)[0]);
        if (alias === undefined) missing = true;
        return alias ?? '';
      });
      if (missing) return [];
      if (!e.fix.replace.includes('{') && /^[A-Za-z_]\w*$/.test(newText) && this.shadows(newText)) return [];
      return [{ title: fixTitle(newText, e.safe), safe: e.safe, edits: [{ start, end, newText }] }];
    }
    return [];
  }

  private checkKwargs(entries: DeprecatedApi[], open: number): void {
    const { scan } = this.program;
    const close = scan.closing(open);
    if (close < 0) return;
    const d = scan.depth[open] + 1;
    for (let k = open + 1; k < close; k++) {
      if (scan.depth[k] !== d || scan.kind[k] !== Tok.Name || scan.kind[k + 1] !== Tok.Equal) continue;
      if (scan.kind[k - 1] !== Tok.LPar && scan.kind[k - 1] !== Tok.Comma) continue;
      const name = scan.tokenText(k);
      const e = entries.find((x) => x.name === name);
      if (!e) continue;
      const rename = typeof e.fix === 'object' ? e.fix.rename : undefined;
      const fixes: OffsetFix[] = rename ? [{ title: fixTitle(`${rename}=`, e.safe), safe: e.safe, edits: [{ start: scan.start[k], end: scan.end[k], newText: rename }] }] : [];
      this.context.report({
        rule: 'deprecated-api',
        message: message(`${name}=`, e),
        start: scan.start[k],
        end: scan.end[k],
        deprecated: true,
        fixes,
      });
    }
  }

  private checkPandasMethods(): void {
    const { scan } = this.program;
    walkPandasNames(this.program, (s, live) => {
      if (live.size === 0) return;
      const end = scan.stEnd[s];
      for (let t = scan.stFirst[s] + 1; t < end; t++) {
        if (scan.kind[t] !== Tok.Dot || scan.kind[t + 1] !== Tok.Name) continue;
        const e = loadCatalogue().methods.get(scan.tokenText(t + 1));
        if (!e) continue;
        const m = t + 1;
        const isIndexer = e.name === 'ix';
        if (scan.kind[m + 1] !== (isIndexer ? Tok.LSqb : Tok.LPar)) continue;
        const receiver = pandasReceiver(this.program, live, t);
        if (receiver < 0) continue;
        const fixes: OffsetFix[] = [];
        if (typeof e.fix === 'object' && e.fix.rename) {
          fixes.push({ title: fixTitle(`.${e.fix.rename}(`, e.safe), safe: e.safe, edits: [{ start: scan.start[m], end: scan.end[m], newText: e.fix.rename }] });
        } else if (typeof e.fix === 'object' && e.fix.concat) {
          const fix = this.concatFix(receiver, t, m + 1);
          if (fix) fixes.push(fix);
        }
        this.report(scan.start[m], scan.end[m], e, fixes);
          }
    });
  }

  /** `df.append(x, ignore_index=True)` → `pd.concat([df, x], ignore_index=True)`. */
  private concatFix(receiver: number, dot: number, open: number): OffsetFix | undefined {
    const { scan, text } = this.program;
    const pd = this.program.moduleAlias('pandas');
    const close = scan.closing(open);
    if (pd === undefined || close < 0 || receiver !== dot - 1 || close === open + 1) return undefined;
    const d = scan.depth[open] + 1;
    let argEnd = open + 1;
    while (argEnd + 1 < close && !(scan.kind[argEnd + 1] === Tok.Comma && scan.depth[argEnd + 1] === d)) argEnd++;
    if (scan.kind[open + 1] === Tok.Name && scan.kind[open + 2] === Tok.Equal) return undefined; // first argument is a keyword
    const dict = scan.kind[open + 1] === Tok.LBrace;
    const receiverText = text.slice(scan.start[receiver], scan.end[receiver]);
    return {
      title: `Replace with \`${pd}.concat([${receiverText}, …])\` (may change behaviour: check the index and the columns)`,
      safe: false,
      edits: [
        { start: scan.start[receiver], end: scan.end[open], newText: `${pd}.concat([${receiverText}, ${dict ? `${pd}.DataFrame([` : ''}` },
        { start: scan.end[argEnd], end: scan.end[argEnd], newText: dict ? '])]' : ']' },
      ],
    };
  }
}

export const deprecatedApiRule: PythonRule = {
  id: 'deprecated-api',
  gate: { modules: tops },
  run(context) {
    const { program } = context;
    if (!importsAny(program, tops)) return;
    new DeprecatedApiCheck(context).run();
  },
};
