// A scanned Python program (a file, or a notebook's code cells read as one program) with its
// imports resolved: the view every rule reads.
import { readImports, type ImportBinding } from './imports';
import type { Scan } from './scanner';
import { Structure } from './structure';
import { Key, Tok } from './tokens';

export class Program {
  readonly text: string;
  readonly imports: ImportBinding[];
  /** Local name → dotted path it refers to (last import wins, as at the end of a module). */
  readonly bindings = new Map<string, string>();
  /** Top-level names of every absolute import (`numpy`, `sklearn`, `torch`). */
  readonly topModules = new Set<string>();
  /** Modules imported with `from m import *`. */
  readonly starModules: string[] = [];

  /**
   * One entry per (first character, length) of the bound names: a name token whose shape has no
   * entry is not bound, which rules out most tokens without reading their text.
   */
  private readonly boundShapes = new Uint8Array(128 * 64);

  constructor(readonly scan: Scan) {
    this.text = scan.text;
    this.imports = readImports(scan);
    for (const b of this.imports) {
      if (b.relative) continue;
      if (b.module) this.topModules.add(b.module.split('.', 1)[0]);
      if (b.local === '*') this.starModules.push(b.module);
      else {
        this.bindings.set(b.local, b.qualified);
        this.boundShapes[shape(b.local.charCodeAt(0), b.local.length)] = 1;
      }
    }
  }

  private structureCache: Structure | undefined;

  /** Blocks, bindings and same-file calls (see structure.ts), built on first use and kept for this program. */
  structure(): Structure {
    return (this.structureCache ??= new Structure(this));
  }

  /** Whether some bound name has the first character and length of name token `t` (no text read). */
  private hasBoundShape(t: number): boolean {
    const s = this.scan.start[t];
    return this.boundShapes[shape(this.text.charCodeAt(s), this.scan.end[t] - s)] === 1;
  }

  /** Whether name token `t` is a name an import binds (`np`, `load_boston`). */
  isBoundName(t: number): boolean {
    return this.hasBoundShape(t) && this.bindings.has(this.scan.tokenText(t));
  }

  importsModule(top: string): boolean {
    return this.topModules.has(top);
  }

  /** Whether token `t` is a name used as a value: not after `.`, not in an import, not a def/class name or keyword argument. */
  isReference(t: number): boolean {
    const scan = this.scan;
    if (scan.kind[t] !== Tok.Name) return false;
    if (t > 0) {
      const p = scan.kind[t - 1];
      if (p === Tok.Dot) return false;
      if (p === Tok.Name && (scan.isName(t - 1, 'def') || scan.isName(t - 1, 'class'))) return false;
    }
    if (scan.kind[t + 1] === Tok.Equal && scan.depth[t] > 0) {
      const p = scan.kind[t - 1];
      if (p === Tok.LPar || p === Tok.Comma) return false; // `f(name=…)`
    }
    return true;
  }

  /** Dotted path a referenced name refers to through the imports, or undefined. */
  resolveName(t: number): string | undefined {
    return this.hasBoundShape(t) ? this.bindings.get(this.scan.tokenText(t)) : undefined;
  }

  /**
   * Walks the attribute chain starting at name token `t` (`np.random.seed`) and calls `visit`
   * with each resolved prefix (`numpy`, `numpy.random`, `numpy.random.seed`) and the token of its
   * last name. `visit` returns true to stop. Star imports resolve bare names only when `starNames` lists them.
   */
  walkChain(t: number, visit: (qualified: string, lastToken: number) => boolean, starNames?: ReadonlySet<string>): void {
    const scan = this.scan;
    let q = this.resolveName(t);
    if (q === undefined && starNames && this.starModules.length > 0) {
      const name = scan.tokenText(t);
      if (starNames.has(name)) {
        for (const m of this.starModules) if (starNames.has(`${m}.${name}`)) q = `${m}.${name}`;
      }
    }
    if (q === undefined) return;
    if (visit(q, t)) return;
    let j = t + 1;
    while (scan.kind[j] === Tok.Dot && scan.kind[j + 1] === Tok.Name) {
      q += '.' + scan.tokenText(j + 1);
      if (visit(q, j + 1)) return;
      j += 2;
    }
  }

  /** Token index just after the attribute chain starting at `t` (`a.b.c` → the token after `c`). */
  chainEnd(t: number): number {
    const scan = this.scan;
    let j = t + 1;
    while (scan.kind[j] === Tok.Dot && scan.kind[j + 1] === Tok.Name) j += 2;
    return j;
  }

  /** The full resolved dotted path of the chain at `t`, or undefined. */
  qualifiedChain(t: number): string | undefined {
    let out: string | undefined;
    this.walkChain(t, (q) => {
      out = q;
      return false;
    });
    return out;
  }

  /** Whether statement `s` is an import (its names are bindings, not uses). */
  isImportStatement(s: number): boolean {
    const k = this.scan.stKey[s];
    return k === Key.Import || k === Key.From;
  }

  /** The value of a plain string literal token (no f-string, no escapes), or undefined. */
  stringValue(t: number): string | undefined {
    const scan = this.scan;
    if (scan.kind[t] !== Tok.String) return undefined;
    const text = this.text;
    let s = scan.start[t];
    const e = scan.end[t];
    while (s < e) {
      const c = text.charCodeAt(s);
      if (c === 34 || c === 39) break;
      const l = c | 0x20;
      if (l === 102 || l === 116 || l === 98) return undefined; // f/t-strings and bytes
      s++;
    }
    const q = text.charCodeAt(s);
    const triple = text.charCodeAt(s + 1) === q && text.charCodeAt(s + 2) === q && e - s >= 6;
    const open = triple ? 3 : 1;
    if (e - s < open * 2 || text.charCodeAt(e - 1) !== q) return undefined; // unterminated
    const value = text.slice(s + open, e - open);
    return value.includes('\\') ? undefined : value;
  }

  /** Whether the file binds `name` to the module `module` (`np` → `numpy`); returns the local name to write. */
  moduleAlias(module: string): string | undefined {
    for (const [local, q] of this.bindings) if (q === module) return local;
    return undefined;
  }
}

function shape(firstChar: number, length: number): number {
  return ((firstChar & 127) << 6) | (length > 63 ? 63 : length);
}
