// The block structure of a scanned program, shared by the rules that follow values across
// statements, loops, functions and classes (the "model isn't learning" family): which block encloses
// a statement, function parameters, assignments, the latest binding of a name before a use, and
// calls to functions defined in the same file. Built from the scanner's statement tables in one
// linear pass, lazily (Program.structure()), so files no rule asks about pay nothing.
//
// Statements are indexes into Scan.stFirst/stEnd/…; tokens are indexes into Scan.kind/…; a token
// range [from, to) never includes a statement's terminator (Newline, `;`, header `:`).
import type { Program } from './program';
import type { Scan } from './scanner';
import { Key, Tok } from './tokens';

export const enum BlockKind {
  Other = 0,
  /** `for`, `async for`, `while` */
  Loop,
  /** `def`, `async def` */
  Function,
  Class,
}

export const enum BindingKind {
  /** `a = v`, `a, b = v`, `a: T = v`, `self.a = v` (dotted name), `a[k] = v` (subscript) */
  Assign = 1,
  /** `a += v` and the other augmented assignments */
  AugAssign,
  /** the target of `for a, b in v:` (value: the iterable) */
  For,
  /** `with v as a:` */
  With,
  /** `(a := v)` */
  Walrus,
  /** a parameter of a def (statement: the def header) */
  Param,
  Def,
  Class,
  Import,
}

export interface Binding {
  kind: BindingKind;
  /** The bound name; an attribute target reads `self.fc`, a subscript target its base name. */
  name: string;
  stmt: number;
  /** Function/class header whose scope the name is bound in, -1 for the module. */
  scope: number;
  /** First token of the target (the name itself for Def/Class/Param/Import). */
  token: number;
  /** Value tokens [from, to): the whole right-hand side (an empty range when there is none). */
  from: number;
  to: number;
  /** Position in a tuple target (`a, b = …` → 0, 1), -1 when the target is not a tuple element. */
  index: number;
  /** Number of elements of that tuple target (1 when it is not one). */
  size: number;
  /** `a[k] = v`: the binding changes part of `a`, not what `a` refers to. */
  subscript: boolean;
}

export interface Param {
  name: string;
  token: number;
  /** Positional index counting `self`/`cls`; -1 for keyword-only, `*args` and `**kwargs`. */
  position: number;
  star: 0 | 1 | 2;
  /** Default value tokens [from, to), or from === to when there is none. */
  defaultFrom: number;
  defaultTo: number;
}

export interface FunctionInfo {
  name: string;
  /** The `def` header statement; the body is statements (header, bodyEnd). */
  header: number;
  bodyEnd: number;
  nameToken: number;
  params: Param[];
  /** Enclosing class header when this is a method defined directly in a class body, else -1. */
  classHeader: number;
  /** Decorator statements are [decoratorFrom, header). */
  decoratorFrom: number;
}

export interface ClassInfo {
  name: string;
  header: number;
  bodyEnd: number;
  /** Base-class tokens [basesFrom, basesTo) inside the parentheses (empty when none). */
  basesFrom: number;
  basesTo: number;
  methods: Map<string, FunctionInfo>;
}

export interface Argument {
  /** Keyword of `k=v`, undefined for positional (and `*a`/`**k`). */
  keyword: string | undefined;
  star: 0 | 1 | 2;
  /** Value tokens [from, to). */
  from: number;
  to: number;
}

export interface CallSite {
  /** The callee's last name token (`train` in `train(...)`, `fit` in `self.fit(...)`). */
  nameToken: number;
  open: number;
  /** Closing parenthesis, or -1 when never closed. */
  close: number;
  stmt: number;
  /** `self.name(…)` inside a class: a call to that class's method. */
  onSelf: boolean;
  args: Argument[];
}

const NONE: readonly Binding[] = [];

export class Structure {
  private readonly scan: Scan;
  /** Per statement: the innermost enclosing block header (any compound statement), or -1. */
  readonly parent: Int32Array;
  /** Per header statement: the first statement after its body (= s + 1 for a non-header). */
  readonly bodyEnd: Int32Array;
  /** Per statement: innermost enclosing loop header in the same function/class scope, or -1. */
  readonly loop: Int32Array;
  /** Per statement: innermost enclosing def or class header, or -1 at module level. */
  readonly scope: Int32Array;
  readonly kindOf: Uint8Array;
  readonly functions: FunctionInfo[] = [];
  readonly classes: ClassInfo[] = [];
  private readonly functionAt = new Map<number, FunctionInfo>();
  private readonly classAt = new Map<number, ClassInfo>();
  /** name → scope header (-1 module) → bindings in statement order */
  private readonly bindings = new Map<string, Map<number, Binding[]>>();
  private readonly assignments: Binding[] = [];
  private calls: Map<string, CallSite[]> | undefined;

  constructor(private readonly program: Program) {
    const scan = (this.scan = program.scan);
    const n = scan.statements;
    this.parent = new Int32Array(n).fill(-1);
    this.bodyEnd = new Int32Array(n);
    this.loop = new Int32Array(n).fill(-1);
    this.scope = new Int32Array(n).fill(-1);
    this.kindOf = new Uint8Array(n);
    const stack: number[] = [];
    for (let s = 0; s < n; s++) {
      const indent = scan.stIndent[s];
      while (stack.length > 0 && scan.stIndent[stack[stack.length - 1]] >= indent) this.bodyEnd[stack.pop()!] = s;
      const p = stack.length > 0 ? stack[stack.length - 1] : -1;
      this.parent[s] = p;
      this.bodyEnd[s] = s + 1;
      if (p >= 0) {
        const pk = this.kindOf[p];
        const inner = pk === BlockKind.Function || pk === BlockKind.Class;
        this.scope[s] = inner ? p : this.scope[p];
        this.loop[s] = pk === BlockKind.Loop ? p : inner ? -1 : this.loop[p];
      }
      const key = scan.stKey[s];
      if (scan.stHeader[s] === 1) {
        this.kindOf[s] = key === Key.For || key === Key.While ? BlockKind.Loop : key === Key.Def ? BlockKind.Function : key === Key.Class ? BlockKind.Class : BlockKind.Other;
        stack.push(s);
      }
    }
    while (stack.length > 0) this.bodyEnd[stack.pop()!] = n;
    for (let s = 0; s < n; s++) this.readStatement(s);
    for (const fn of this.functions) if (fn.classHeader >= 0) this.classAt.get(fn.classHeader)?.methods.set(fn.name, fn);
    for (const b of program.imports) if (b.local !== '*') this.bind({ ...blank(BindingKind.Import, b.local, b.statement, this.scope[b.statement]), token: b.aliasToken >= 0 ? b.aliasToken : b.nameToken >= 0 ? b.nameToken : b.moduleFirst });
  }

  // ---- blocks

  /** The function whose header is statement `s`, if any. */
  functionAtHeader(s: number): FunctionInfo | undefined {
    return this.functionAt.get(s);
  }
  classAtHeader(s: number): ClassInfo | undefined {
    return this.classAt.get(s);
  }
  /** Innermost def enclosing statement `s` (not counting `s` itself), or undefined. */
  functionOf(s: number): FunctionInfo | undefined {
    const h = this.scope[s];
    return h >= 0 ? this.functionAt.get(h) : undefined;
  }
  /** Innermost class enclosing `s` through its methods (`self` refers to an instance of it), or undefined. */
  classOf(s: number): ClassInfo | undefined {
    for (let h = this.scope[s]; h >= 0; h = this.scope[h]) {
      const c = this.classAt.get(h);
      if (c) return c;
    }
    return undefined;
  }
  /** Whether statement `s` lies in the body of header `h` (at any depth). */
  inside(s: number, h: number): boolean {
    return s > h && s < this.bodyEnd[h];
  }
  /** Token range [from, to) of statement `s` without its terminator. */
  tokens(s: number): [number, number] {
    return [this.scan.stFirst[s], this.scan.stEnd[s] - 1];
  }
  /** The first token of a header's keyword (`for` in `async for`, `def` in `async def`). */
  keywordToken(s: number): number {
    const f = this.scan.stFirst[s];
    return this.scan.isName(f, 'async') ? f + 1 : f;
  }

  // ---- functions and classes

  /** Every def named `name` (module functions, nested functions, methods), in file order. */
  functionsNamed(name: string): FunctionInfo[] {
    return this.functions.filter((f) => f.name === name);
  }

  /** The def or class bound to `name` as seen from statement `s` (latest binding before it), if it is one. */
  definitionBefore(name: string, s: number): FunctionInfo | ClassInfo | undefined {
    const b = this.bindingBefore(name, s);
    if (b?.kind === BindingKind.Def) return this.functionAt.get(b.stmt);
    if (b?.kind === BindingKind.Class) return this.classAt.get(b.stmt);
    return undefined;
  }

  // ---- bindings

  /** All assignments (Assign, AugAssign, For, With, Walrus), in statement order. */
  allAssignments(): readonly Binding[] {
    return this.assignments;
  }

  /** The bindings of `name` in one scope (header, -1 for the module), in statement order. */
  bindingsIn(name: string, scope: number): readonly Binding[] {
    return this.bindings.get(name)?.get(scope) ?? NONE;
  }

  /**
   * The binding `name` refers to at statement `s`: the latest binding before `s` in `s`'s function
   * (its parameters included), else in the enclosing functions, else at module level. Class bodies
   * are skipped from methods, as Python does. A function body may use a module name bound later
   * in the file (the function runs after it): then the first module-level binding is returned.
   * Notebooks are one program in cell order, so a class redefined in a later cell is found.
   */
  bindingBefore(name: string, s: number): Binding | undefined {
    const perScope = this.bindings.get(name);
    if (!perScope) return undefined;
    let scope = this.scope[s];
    let at = s;
    let nested = false;
    while (true) {
      const list = perScope.get(scope);
      if (list && (scope < 0 || !nested || this.kindOf[scope] !== BlockKind.Class)) {
        const b = latestBefore(list, at);
        if (b) return b;
        if (nested && scope < 0) return list[0];
      }
      if (scope < 0) return undefined;
      if (this.kindOf[scope] === BlockKind.Function) nested = true;
      at = scope;
      scope = this.scope[scope];
    }
  }

  /** Where a name's value comes from at statement `s`, following `a = b` copies (at most a few steps). */
  origin(name: string, s: number): Binding | undefined {
    let b = this.bindingBefore(name, s);
    for (let k = 0; k < 8 && b && b.kind === BindingKind.Assign && b.size === 1 && b.to === b.from + 1 && this.scan.kind[b.from] === Tok.Name; k++) {
      const next = this.bindingBefore(this.scan.tokenText(b.from), b.stmt);
      if (!next) break;
      b = next;
    }
    return b;
  }

  // ---- calls to same-file functions

  /**
   * Calls `name(…)` of a function defined in this file (any def named `name`), and `self.name(…)`
   * of a method, in file order. Built once, on first use.
   */
  callsTo(name: string): readonly CallSite[] {
    this.calls ??= this.readCalls();
    return this.calls.get(name) ?? [];
  }

  /** The argument a call passes for parameter `p` of the called function (by position, else keyword). */
  argumentFor(call: CallSite, fn: FunctionInfo, p: Param): Argument | undefined {
    if (p.star !== 0) return undefined;
    const shift = call.onSelf && fn.classHeader >= 0 ? 1 : 0; // `self.f(a)` passes `a` as position 1
    let pos = 0;
    for (const a of call.args) {
      if (a.star !== 0) return undefined; // positions after `*args` are unknown
      if (a.keyword !== undefined) {
        if (a.keyword === p.name) return a;
        continue;
      }
      if (p.position >= 0 && pos + shift === p.position) return a;
      pos++;
    }
    return undefined;
  }

  /** Splits the arguments of the call whose `(` is token `open`. */
  arguments(open: number): Argument[] {
    const scan = this.scan;
    const close = scan.closing(open);
    const out: Argument[] = [];
    if (close < 0) return out;
    for (const [from, to] of splitCommas(scan, open + 1, close)) {
      let f = from;
      let star: 0 | 1 | 2 = 0;
      if (scan.kind[f] === Tok.Operator && f + 1 < to) {
        const op = scan.tokenText(f);
        if (op === '*' || op === '**') {
          star = op === '*' ? 1 : 2;
          f++;
        }
      }
      let keyword: string | undefined;
      if (star === 0 && scan.kind[f] === Tok.Name && scan.kind[f + 1] === Tok.Equal && f + 2 <= to) {
        keyword = scan.tokenText(f);
        f += 2;
      }
      out.push({ keyword, star, from: f, to });
    }
    return out;
  }

  // ---- construction

  private bind(b: Binding): void {
    let perScope = this.bindings.get(b.name);
    if (!perScope) this.bindings.set(b.name, (perScope = new Map()));
    let list = perScope.get(b.scope);
    if (!list) perScope.set(b.scope, (list = []));
    list.push(b);
    if (b.kind !== BindingKind.Param && b.kind !== BindingKind.Def && b.kind !== BindingKind.Class && b.kind !== BindingKind.Import) this.assignments.push(b);
  }

  private readStatement(s: number): void {
    const scan = this.scan;
    const f = scan.stFirst[s];
    const e = scan.stEnd[s] - 1;
    const key = scan.stKey[s];
    const scope = this.scope[s];
    const kind = this.kindOf[s];
    if (kind === BlockKind.Function) this.readDef(s);
    else if (kind === BlockKind.Class) this.readClass(s);
    else if (key === Key.For && scan.stHeader[s] === 1) {
      const kw = this.keywordToken(s);
      let inTok = -1;
      for (let k = kw + 1; k < e; k++) {
        if (scan.depth[k] === scan.depth[kw] && scan.isName(k, 'in')) {
          inTok = k;
          break;
        }
      }
      if (inTok > 0) this.bindTargets(BindingKind.For, s, scope, kw + 1, inTok, inTok + 1, e);
    } else if (key === Key.With && scan.stHeader[s] === 1) {
      const kw = this.keywordToken(s);
      for (const [from, to] of splitCommas(scan, kw + 1, e)) {
        for (let k = from; k < to; k++) {
          if (scan.depth[k] === scan.depth[from] && scan.isName(k, 'as')) {
            this.bindTargets(BindingKind.With, s, scope, k + 1, to, from, k);
            break;
          }
        }
      }
    } else if (key === Key.None && scan.stHeader[s] === 0) this.readAssignment(s, f, e);
    // walrus targets anywhere in the statement
    for (let k = f + 1; k < e; k++) {
      if (scan.kind[k] === Tok.Operator && scan.kind[k - 1] === Tok.Name && scan.end[k] - scan.start[k] === 2 && this.program.text.charCodeAt(scan.start[k]) === 58) {
        const close = scan.depth[k] > 0 ? this.enclosingClose(k) : e;
        this.bind({ ...blank(BindingKind.Walrus, scan.tokenText(k - 1), s, scope), token: k - 1, from: k + 1, to: close });
      }
    }
  }

  /** The end of the expression after `:=` at token `k`: the next `,` or closing bracket at its depth. */
  private enclosingClose(k: number): number {
    const scan = this.scan;
    const d = scan.depth[k];
    let j = k + 1;
    while (j < scan.count && scan.kind[j] !== Tok.Newline) {
      const kj = scan.kind[j];
      if (scan.depth[j] === d && kj === Tok.Comma) return j;
      if (scan.depth[j] < d || (scan.depth[j] === d - 1 && (kj === Tok.RPar || kj === Tok.RSqb || kj === Tok.RBrace))) return j;
      j++;
    }
    return j;
  }

  private readAssignment(s: number, f: number, e: number): void {
    const scan = this.scan;
    const d = scan.depth[f];
    const scope = this.scope[s];
    let segment = f;
    let annotation = -1;
    const targets: [number, number][] = [];
    for (let k = f; k < e; k++) {
      if (scan.depth[k] !== d) continue;
      const kk = scan.kind[k];
      if (kk === Tok.Name && scan.isName(k, 'lambda')) break;
      if (kk === Tok.Colon && annotation < 0 && targets.length === 0) annotation = k;
      else if (kk === Tok.Equal) {
        targets.push([segment, annotation >= 0 ? annotation : k]);
        segment = k + 1;
        annotation = -1;
      } else if ((kk === Tok.PlusEqual || kk === Tok.AugAssign) && targets.length === 0 && k > f) {
        this.bindTargets(BindingKind.AugAssign, s, scope, f, k, k + 1, e);
        return;
      }
    }
    for (const [from, to] of targets) this.bindTargets(BindingKind.Assign, s, scope, from, to, segment, e);
  }

  /** Binds each name in target tokens [from, to) (a name, chain, subscript or tuple of them) to value [vFrom, vTo). */
  private bindTargets(kind: BindingKind, s: number, scope: number, from: number, to: number, vFrom: number, vTo: number): void {
    const scan = this.scan;
    while (to - from >= 2 && (scan.kind[from] === Tok.LPar || scan.kind[from] === Tok.LSqb) && scan.closing(from) === to - 1) {
      from++;
      to--;
    }
    const parts = splitCommas(scan, from, to);
    const tuple = parts.length > 1 || (to > from && scan.kind[to - 1] === Tok.Comma);
    parts.forEach(([a, z], index) => {
      if (scan.kind[a] === Tok.Operator && scan.tokenText(a) === '*') a++;
      if (scan.kind[a] === Tok.LPar || scan.kind[a] === Tok.LSqb) {
        // nested tuple: its names are bound, but to an element of an element
        for (const [na, nz] of splitCommas(scan, a + 1, Math.max(a + 1, z - 1))) this.bindTarget(kind, s, scope, na, nz, vFrom, vTo, -1, 1);
        return;
      }
      this.bindTarget(kind, s, scope, a, z, vFrom, vTo, tuple ? index : -1, tuple ? parts.length : 1);
    });
  }

  private bindTarget(kind: BindingKind, s: number, scope: number, a: number, z: number, vFrom: number, vTo: number, index: number, size: number): void {
    const scan = this.scan;
    if (a >= z || scan.kind[a] !== Tok.Name) return;
    let name = scan.tokenText(a);
    let k = a + 1;
    while (k + 1 < z && scan.kind[k] === Tok.Dot && scan.kind[k + 1] === Tok.Name) {
      name += '.' + scan.tokenText(k + 1);
      k += 2;
    }
    const subscript = k < z && scan.kind[k] === Tok.LSqb;
    if (k < z && !subscript) return; // a call or other expression: not a target we follow
    this.bind({ kind, name, stmt: s, scope, token: a, from: vFrom, to: vTo, index, size, subscript });
  }

  private readDef(s: number): void {
    const scan = this.scan;
    const kw = this.keywordToken(s);
    const nameToken = kw + 1;
    if (scan.kind[nameToken] !== Tok.Name) return;
    const name = scan.tokenText(nameToken);
    const scope = this.scope[s];
    let decoratorFrom = s;
    while (decoratorFrom > 0 && scan.kind[scan.stFirst[decoratorFrom - 1]] === Tok.At && scan.stIndent[decoratorFrom - 1] === scan.stIndent[s]) decoratorFrom--;
    const fn: FunctionInfo = { name, header: s, bodyEnd: this.bodyEnd[s], nameToken, params: [], classHeader: scope >= 0 && this.kindOf[scope] === BlockKind.Class ? scope : -1, decoratorFrom };
    this.functions.push(fn);
    this.functionAt.set(s, fn);
    this.bind({ ...blank(BindingKind.Def, name, s, scope), token: nameToken });
    const open = nameToken + 1;
    if (scan.kind[open] !== Tok.LPar) return;
    const close = scan.closing(open);
    if (close < 0) return;
    let position = 0;
    let keywordOnly = false;
    for (const [from, to] of splitCommas(scan, open + 1, close)) {
      let a = from;
      let star: 0 | 1 | 2 = 0;
      if (scan.kind[a] === Tok.Operator) {
        const op = scan.tokenText(a);
        if (op === '/') continue;
        if (op === '*' || op === '**') {
          star = op === '*' ? 1 : 2;
          a++;
          if (star === 1 && a >= to) {
            keywordOnly = true; // a bare `*`
            continue;
          }
        }
      }
      if (scan.kind[a] !== Tok.Name) continue;
      let defaultFrom = to;
      for (let k = a + 1; k < to; k++) {
        if (scan.kind[k] === Tok.Equal && scan.depth[k] === scan.depth[a]) {
          defaultFrom = k + 1;
          break;
        }
      }
      const p: Param = { name: scan.tokenText(a), token: a, position: star === 0 && !keywordOnly ? position++ : -1, star, defaultFrom, defaultTo: to };
      if (star === 1) keywordOnly = true;
      fn.params.push(p);
      this.bind({ ...blank(BindingKind.Param, p.name, s, s), token: a });
    }
  }

  private readClass(s: number): void {
    const scan = this.scan;
    const nameToken = scan.stFirst[s] + 1;
    if (scan.kind[nameToken] !== Tok.Name) return;
    const name = scan.tokenText(nameToken);
    let basesFrom = nameToken + 1;
    let basesTo = basesFrom;
    if (scan.kind[basesFrom] === Tok.LPar) {
      const close = scan.closing(basesFrom);
      basesFrom++;
      basesTo = close < 0 ? basesFrom : close;
    }
    const cls: ClassInfo = { name, header: s, bodyEnd: this.bodyEnd[s], basesFrom, basesTo, methods: new Map() };
    this.classes.push(cls);
    this.classAt.set(s, cls);
    this.bind({ ...blank(BindingKind.Class, name, s, this.scope[s]), token: nameToken });
  }

  private readCalls(): Map<string, CallSite[]> {
    const scan = this.scan;
    const defined = new Set<string>();
    for (const fn of this.functions) defined.add(fn.name);
    const calls = new Map<string, CallSite[]>();
    if (defined.size === 0) return calls;
    for (let i = 0; i < scan.nameCount; i++) {
      const t = scan.names[i];
      if (scan.kind[t + 1] !== Tok.LPar) continue;
      const afterDot = t > 0 && scan.kind[t - 1] === Tok.Dot;
      const onSelf = afterDot && scan.isName(t - 2, 'self') && (t < 3 || scan.kind[t - 3] !== Tok.Dot);
      if (afterDot && !onSelf) continue;
      if (!afterDot && t > 0 && (scan.isName(t - 1, 'def') || scan.isName(t - 1, 'class'))) continue;
      const name = scan.tokenText(t);
      if (!defined.has(name)) continue;
      let list = calls.get(name);
      if (!list) calls.set(name, (list = []));
      list.push({ nameToken: t, open: t + 1, close: scan.closing(t + 1), stmt: scan.statementOf(t), onSelf, args: this.arguments(t + 1) });
    }
    return calls;
  }
}

function blank(kind: BindingKind, name: string, stmt: number, scope: number): Binding {
  return { kind, name, stmt, scope, token: -1, from: 0, to: 0, index: -1, size: 1, subscript: false };
}

/** The latest binding in `list` (statement order) made strictly before statement `s`. */
function latestBefore(list: readonly Binding[], s: number): Binding | undefined {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].stmt < s) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 ? list[found] : undefined;
}

/** Splits tokens [from, to) at the commas at the depth of `from` (empty trailing part dropped). */
export function splitCommas(scan: Scan, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  if (from >= to) return out;
  const d = scan.depth[from];
  let a = from;
  for (let k = from; k < to; k++) {
    const kind = scan.kind[k];
    if (kind === Tok.Comma && scan.depth[k] === d) {
      if (k > a) out.push([a, k]);
      a = k + 1;
    } else if ((kind === Tok.LPar || kind === Tok.LSqb || kind === Tok.LBrace) && scan.depth[k] === d) {
      // skip a nested bracket whole: nested calls would otherwise be walked once per level
      const close = scan.closing(k);
      if (close > k && close < to) k = close;
    }
  }
  if (to > a) out.push([a, to]);
  return out;
}
