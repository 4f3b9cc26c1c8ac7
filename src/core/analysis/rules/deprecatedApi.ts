// deprecated-api: APIs from the catalogue `src/core/rules/deprecated-apis.yaml`, found through
// the file's imports (so `np.float` is numpy.float under any alias), every use of a name imported
// from a deprecated path (`from torch.autograd import Variable` then `Variable(x)`), and, for
// pandas methods, only on names known to hold a DataFrame or Series. Aware of the library
// versions the project uses (`AnalysisOptions.libraryVersions`).
import type { Program } from '../../python/program';
import { BindingKind, type Binding } from '../../python/structure';
import { Tok } from '../../python/tokens';
import type { ImportBinding } from '../../python/imports';
import { severityOf } from '../catalogue';
import type { LibraryVersion, Severity } from '../types';
import {
  CATALOGUE_TOPS,
  entryMessage,
  entryPackage,
  entryStatus,
  replaceTitle,
  loadCatalogue,
  moduleEntry,
  type DeprecatedApi,
  type EntryStatus,
} from './deprecatedCatalogue';
import { checkOtherMethods, checkPandasMethods, type MethodReporter } from './deprecatedMethods';
import { importsAny, type OffsetEdit, type OffsetFix, type PythonRule, type RuleContext } from './rule';

export type { DeprecatedApi } from './deprecatedCatalogue';

export function deprecatedApis(): readonly DeprecatedApi[] {
  return loadCatalogue().entries;
}

const LOWER: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'hint', hint: 'hint' };

/** An import of a deprecated path, whose local name's uses are findings too; they share its fix. */
interface ImportHit {
  entry: DeprecatedApi;
  start: number;
  end: number;
  shown: string;
  fixes: OffsetFix[];
  /** The fix renames the local name (`from numpy import float_` → `float64`): its uses are renamed too. */
  renameUses?: string;
  uses: { token: number; binding: ImportBinding }[];
}

class DeprecatedApiCheck implements MethodReporter {
  private readonly program: Program;
  private readonly reportedStatements = new Set<number>();
  private readonly shadowed = new Map<string, boolean>();
  private byStatement: Map<number, ImportBinding[]> | undefined;
  /** Local names bound by an import of a deprecated path (`Variable`, `V`, `np_utils`). */
  private readonly hits = new Map<string, { hit: ImportHit; binding: ImportBinding }>();
  private readonly hitList: ImportHit[] = [];
  private readonly expressionBound = new Map<string, boolean>();
  /** Per import binding: the other statements of its scope that bind its local name. */
  private readonly rebinding = new Map<ImportBinding, number[]>();
  private readonly severity: Severity;
  /** The library versions in use, resolved on first need (null: not asked yet). */
  private versions: Record<string, LibraryVersion> | undefined | null = null;

  constructor(private readonly context: RuleContext) {
    this.program = context.program;
    this.severity = severityOf('deprecated-api', context.options) ?? 'warning';
  }

  private pin(e: DeprecatedApi): LibraryVersion | undefined {
    if (this.versions === null) {
      const given = this.context.options.libraryVersions;
      this.versions = typeof given === 'function' ? given() : given;
    }
    const versions = this.versions;
    if (versions === undefined) return undefined;
    const pkg = entryPackage(e);
    return pkg === undefined ? undefined : versions[pkg];
  }

  /** What the entry means for the version in use; `not-yet` entries are not reported. */
  private status(e: DeprecatedApi): EntryStatus {
    return entryStatus(e, this.pin(e));
  }

  report(start: number, end: number, e: DeprecatedApi, fixes: OffsetFix[], shown?: string, via?: 'is' | 'comes from'): void {
    const status = this.status(e);
    if (status === 'not-yet') return;
    shown ??= e.kind === 'method' ? `.${e.name}` : this.program.text.slice(start, end);
    this.context.report({
      rule: 'deprecated-api',
      message: entryMessage(shown, e, this.pin(e), via),
      start,
      end,
      deprecated: true,
      fixes,
      // Removed in the version in use (or in current versions): the code fails. Still present in the pinned version: it runs.
      fails: status === 'current' && e.removedIn !== undefined,
      severity: status === 'still-present' ? LOWER[this.severity] : undefined,
    });
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
    for (const hit of this.hitList) this.reportHit(hit);
    if (this.program.importsModule('pandas')) checkPandasMethods(this.program, this);
    checkOtherMethods(this.program, this);
  }

  /** Registers an import finding; its local names' uses are collected by `checkReferences`. */
  private addHit(hit: ImportHit, bindings: ImportBinding[]): void {
    if (this.status(hit.entry) === 'not-yet') return;
    this.hitList.push(hit);
    for (const b of bindings) if (b.local !== '*') this.hits.set(b.local, { hit, binding: b });
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
      const statement = this.statementImports(b.statement);
      if (target !== undefined && (b.name !== undefined || b.aliasToken >= 0)) {
        const newModule = target + b.module.slice(byModule.api.length);
        const names = statement.map((o) => o.name ?? '');
        const safe = byModule.safe && (!byModule.safeNames || names.every((n) => byModule.safeNames!.includes(n)));
        fixes.push({ title: replaceTitle(newModule, safe), safe, edits: [{ start: moduleStart, end: moduleEnd, newText: newModule }] });
      }
      // `import sklearn.cross_validation` binds `sklearn`, which is no deprecated path: its uses are chains, found below.
      const deprecatedLocals = statement.filter((o) => moduleEntry(o.qualified) !== undefined);
      this.addHit({ entry: byModule, start: moduleStart, end: moduleEnd, shown: this.program.text.slice(moduleStart, moduleEnd), fixes, uses: [] }, deprecatedLocals);
      return;
    }
    if (b.name === undefined || b.name === '*') return;
    const nameStart = scan.start[b.nameToken];
    const nameEnd = scan.end[b.nameToken];
    const shown = b.name;
    const asModule = moduleEntry(b.qualified);
    if (asModule) {
      // `from sklearn import cross_validation`, `from sklearn.externals import joblib`
      const target = typeof asModule.fix === 'object' ? asModule.fix.module : undefined;
      const fix = target === undefined ? undefined : this.rewriteFromImport(b, target, asModule.safe);
      this.addHit({ entry: asModule, start: nameStart, end: nameEnd, shown, fixes: fix ? [fix] : [], uses: [] }, [b]);
      return;
    }
    const attribute = loadCatalogue().attributes.get(b.qualified);
    if (attribute) this.addHit(this.importedAttribute(b, attribute), [b]);
  }

  /** `from numpy import float_`: the fix renames the imported name (and its uses), or moves the import to the new module. */
  private importedAttribute(b: ImportBinding, e: DeprecatedApi): ImportHit {
    const { scan } = this.program;
    const hit: ImportHit = { entry: e, start: scan.start[b.nameToken], end: scan.end[b.nameToken], shown: b.name!, fixes: [], uses: [] };
    const target = attributeTarget(e);
    if (target === undefined) return hit;
    const dot = target.lastIndexOf('.');
    const newModule = target.slice(0, dot);
    const newName = target.slice(dot + 1);
    if (newModule === b.module) {
      const aliased = b.aliasToken >= 0;
      // A new name that the file already binds to something else would change what the uses mean.
      if (!aliased && this.shadows(newName) && this.program.bindings.get(newName) !== target) return hit;
      hit.fixes.push({ title: replaceTitle(newName, e.safe), safe: e.safe, edits: [{ start: hit.start, end: hit.end, newText: newName }] });
      if (!aliased) hit.renameUses = newName;
      return hit;
    }
    const fix = this.rewriteFromImport(b, target, e.safe);
    if (fix) hit.fixes.push(fix);
    return hit;
  }

  /**
   * `from a.b import c [as d]` → `from x.y import z as c` (or `import x as c`), keeping the local
   * name so the uses need no edit. Only when the statement imports nothing else.
   */
  private rewriteFromImport(b: ImportBinding, target: string, safe: boolean): OffsetFix | undefined {
    const { scan } = this.program;
    if (this.statementImports(b.statement).length !== 1) return undefined;
    const local = b.local;
    const dot = target.lastIndexOf('.');
    const first = scan.stFirst[b.statement];
    const last = b.aliasToken >= 0 ? b.aliasToken : b.nameToken;
    const newName = dot < 0 ? target : target.slice(dot + 1);
    const statementText =
      dot < 0 ? `import ${target}${local !== target ? ` as ${local}` : ''}` : `from ${target.slice(0, dot)} import ${newName}${local !== newName ? ` as ${local}` : ''}`;
    const closeParen = scan.kind[last + 1] === Tok.RPar ? last + 1 : last;
    return { title: replaceTitle(statementText, safe), safe, edits: [{ start: scan.start[first], end: scan.end[closeParen], newText: statementText }] };
  }

  /**
   * Whether name token `t` (a reference to `binding`'s local name) still means what the import
   * bound: not shadowed by a parameter or assignment of an enclosing function, a comprehension or
   * lambda variable, or a later rebinding in the import's own scope. Ambiguous cases stay silent.
   */
  private isLiveUse(binding: ImportBinding, t: number): boolean {
    const { scan } = this.program;
    const s = scan.statementOf(t);
    if (s === binding.statement) return false;
    const structure = this.program.structure();
    const name = binding.local;
    const rebinds = (b: Binding) => b.stmt !== binding.statement && !b.subscript;
    // `def f(Variable):` names a parameter (bound in f's own scope), not a use.
    if (structure.bindingsIn(name, s).some((b) => b.kind === BindingKind.Param && b.token === t)) return false;
    const home = structure.scope[binding.statement];
    let nested = false;
    for (let h = structure.scope[s]; h !== home; h = structure.scope[h]) {
      if (h < 0) return false; // imported in a function that does not enclose this use
      if (structure.bindingsIn(name, h).some(rebinds)) return false;
      nested = true;
    }
    if (this.boundInExpression(s, name)) return false;
    let others = this.rebinding.get(binding);
    if (others === undefined) {
      others = structure.bindingsIn(name, home).filter(rebinds).map((b) => b.stmt);
      this.rebinding.set(binding, others);
    }
    if (others.length === 0) return nested || s > binding.statement;
    // `try: from new import f / except ImportError: from old import f`: which one is in use is not ours to say.
    if (others.some((r) => this.program.isImportStatement(r))) return false;
    // In the import's own scope, code runs in order: a later assignment ends the import's reach.
    return !nested && s > binding.statement && !others.some((r) => r > binding.statement && r <= s);
  }

  /** Whether statement `s` names `name` as a comprehension or lambda variable (`[x for x in …]`, `lambda x: …`). */
  private boundInExpression(s: number, name: string): boolean {
    const key = `${s}\u0000${name}`;
    let v = this.expressionBound.get(key);
    if (v === undefined) {
      v = false;
      const { scan } = this.program;
      const end = scan.stEnd[s];
      for (let t = scan.stFirst[s]; !v && t < end; t++) {
        if (scan.kind[t] !== Tok.Name) continue;
        if (scan.isName(t, 'for') && scan.depth[t] > scan.depth[scan.stFirst[s]]) {
          for (let u = t + 1; u < end && !scan.isName(u, 'in'); u++) if (scan.isName(u, name)) v = true;
        } else if (scan.isName(t, 'lambda')) {
          for (let u = t + 1; u < end && !(scan.kind[u] === Tok.Colon && scan.depth[u] === scan.depth[t]); u++) if (scan.isName(u, name)) v = true;
        }
      }
      this.expressionBound.set(key, v);
    }
    return v;
  }

  /** Reports an import and every use of the names it binds, all sharing the import's fix. */
  private reportHit(hit: ImportHit): void {
    const uses = hit.uses;
    let fixes = hit.fixes;
    if (uses.length > 0 && fixes.length > 0) {
      const { scan } = this.program;
      const [fix] = fixes;
      const edits: OffsetEdit[] = [...fix.edits];
      let title = fix.title;
      if (hit.renameUses !== undefined) {
        for (const u of uses) edits.push({ start: scan.start[u.token], end: scan.end[u.token], newText: hit.renameUses });
        title = replaceTitle(hit.renameUses, fix.safe, uses.length);
      }
      fixes = [{ title, safe: fix.safe, edits, shared: true }];
    }
    this.report(hit.start, hit.end, hit.entry, fixes, hit.shown);
    const { scan } = this.program;
    for (const u of uses) {
      const via = u.binding.qualified === hit.entry.api ? 'is' : 'comes from';
      this.report(scan.start[u.token], scan.end[u.token], hit.entry, fixes, u.binding.local, via);
    }
  }

  private checkReferences(): void {
    const { program } = this;
    const { scan } = program;
    const hits = this.hits;
    for (let k = 0; k < scan.nameCount; k++) {
      const t = scan.names[k];
      if (!program.isBoundName(t) || !program.isReference(t) || program.isImportStatement(scan.statementOf(t))) continue;
      program.walkChain(t, (q, last) => {
        const calls = loadCatalogue().kwargs.get(q);
        if (calls && scan.kind[last + 1] === Tok.LPar) this.checkKwargs(calls, last + 1);
        if (last === t) {
          // A name an import of a deprecated path binds (`Variable`, `np_utils`): each use is a finding.
          const found = hits.size > 0 ? hits.get(scan.tokenText(t)) : undefined;
          if (found !== undefined && found.binding.qualified === q) {
            if (this.isLiveUse(found.binding, t)) found.hit.uses.push({ token: t, binding: found.binding });
            return true;
          }
          return moduleEntry(q) !== undefined;
        }
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
            fixes.push({ title: replaceTitle(newName, mod.safe), safe: mod.safe, edits: [{ start: scan.start[last], end: scan.end[last], newText: newName }] });
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
      return [{ title: replaceTitle(text.slice(start, scan.start[last]) + e.fix.rename, e.safe), safe: e.safe, edits: [{ start: scan.start[last], end, newText: e.fix.rename }] }];
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
      return [{ title: replaceTitle(newText, e.safe), safe: e.safe, edits: [{ start, end, newText }] }];
    }
    return [];
  }

  checkKwargs(entries: DeprecatedApi[], open: number): void {
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
      const fixes: OffsetFix[] = rename ? [{ title: replaceTitle(`${rename}=`, e.safe), safe: e.safe, edits: [{ start: scan.start[k], end: scan.end[k], newText: rename }] }] : [];
      this.report(scan.start[k], scan.end[k], e, fixes, `${name}=`);
    }
  }
}

/**
 * The dotted path an attribute entry's fix leads to (`numpy.float_` → `numpy.float64`,
 * `tensorflow.Session` → `tensorflow.compat.v1.Session`), or undefined when the replacement is
 * not a path of the same library (a builtin such as `float`, an expression such as `(-np.inf)`).
 */
function attributeTarget(e: DeprecatedApi): string | undefined {
  if (typeof e.fix !== 'object') return undefined;
  const parent = e.api.slice(0, e.api.lastIndexOf('.'));
  if (e.fix.rename !== undefined) return `${parent}.${e.fix.rename}`;
  if (e.fix.replace === undefined || !e.fix.replace.startsWith('{')) return undefined;
  const path = e.fix.replace.replace(/\{(parent|alias)(?::([\w.]+))?\}/g, (_m, what: string, module: string | undefined) => (what === 'parent' ? parent : (module ?? e.api.split('.', 1)[0])));
  return /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(path) ? path : undefined;
}

export const deprecatedApiRule: PythonRule = {
  id: 'deprecated-api',
  gate: { modules: CATALOGUE_TOPS },
  run(context) {
    const { program } = context;
    if (!importsAny(program, CATALOGUE_TOPS)) return;
    new DeprecatedApiCheck(context).run();
  },
};
