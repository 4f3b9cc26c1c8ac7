// Which library versions a project uses, for deprecated-api: read from the version constraints its
// manifests declare (requirements*.txt, pyproject.toml, Pipfile, conda environment files, setup.py/
// setup.cfg), or from the versions installed in the editor's interpreter. Only upper bounds matter:
// an API removed in 2.0 still exists for a project that allows nothing from 2.0 on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizePackageName } from './frameworks';
import { manifestKind, readManifest, type ManifestKind } from './manifests';
import type { LibraryVersion } from './types';
import { condaToPep440, poetryToPep440 } from '../manifests/pythonSpec';

export type LibraryVersions = Record<string, LibraryVersion>;

/** Distribution names that install the same library under another name, as the catalogue names it. */
const SAME_LIBRARY: Record<string, string> = {
  pytorch: 'torch',
  'pytorch-cpu': 'torch',
  'pytorch-gpu': 'torch',
  'tensorflow-gpu': 'tensorflow',
  'tensorflow-cpu': 'tensorflow',
  'tensorflow-macos': 'tensorflow',
  'tensorflow-intel': 'tensorflow',
  'tf-nightly': 'tensorflow',
  sklearn: 'scikit-learn',
  'keras-nightly': 'keras',
  'opencv-python-headless': 'opencv-python',
  'opencv-contrib-python': 'opencv-python',
  'opencv-contrib-python-headless': 'opencv-python',
  'py-opencv': 'opencv-python',
  opencv: 'opencv-python',
  'pillow-simd': 'pillow',
};

/** The name versions are keyed by: PEP 503 normalized, aliases folded (`pytorch` → `torch`). */
export function libraryKey(distribution: string): string {
  const normalized = normalizePackageName(distribution);
  return SAME_LIBRARY[normalized] ?? normalized;
}

/** `1.22` → `1.23` (the next release of the series ending at the last component). */
function bump(version: string, at: number): string | undefined {
  const parts = version.split('.');
  if (at < 0 || at >= parts.length || !parts.slice(0, at + 1).every((p) => /^\d+$/.test(p))) return undefined;
  return [...parts.slice(0, at), String(Number(parts[at]) + 1)].join('.');
}

/**
 * The upper bound of a PEP 440 specifier set (`>=1.2,<2`), or undefined when it has none that we
 * can read. Alternatives (`==1.2.*|>=2` in conda) are bounded only when every one is.
 */
export function upperBound(alternatives: readonly string[]): Omit<LibraryVersion, 'label'> | undefined {
  let loosest: Omit<LibraryVersion, 'label'> | undefined;
  for (const alternative of alternatives) {
    let bound: Omit<LibraryVersion, 'label'> | undefined;
    for (const raw of alternative.split(',')) {
      const clause = raw.trim();
      const m = /^(===|==|<=|<|~=)\s*v?(\d+(?:\.\d+)*)(\.\*)?/.exec(clause);
      if (!m) continue;
      const [, op, version, star] = m;
      let next: Omit<LibraryVersion, 'label'> | undefined;
      if ((op === '==' || op === '===') && !star) next = { upTo: version };
      else if (op === '==' && star) next = bump(version, version.split('.').length - 1) ? { below: bump(version, version.split('.').length - 1) } : undefined;
      else if (op === '<=') next = { upTo: version };
      else if (op === '<') next = { below: version };
      else if (op === '~=') next = bump(version, version.split('.').length - 2) ? { below: bump(version, version.split('.').length - 2) } : undefined;
      if (next) bound = bound === undefined || tighter(next, bound) ? next : bound;
    }
    if (bound === undefined) return undefined;
    loosest = loosest === undefined || tighter(loosest, bound) ? bound : loosest;
  }
  return loosest;
}

/** Whether bound `a` allows no more than bound `b` (compared on their release numbers). */
function tighter(a: Omit<LibraryVersion, 'label'>, b: Omit<LibraryVersion, 'label'>): boolean {
  const av = a.upTo ?? a.below!;
  const bv = b.upTo ?? b.below!;
  const c = compareReleases(av, bv);
  if (c !== 0) return c < 0;
  return a.below !== undefined || b.upTo !== undefined; // `<2` is tighter than `<=2`
}

function compareReleases(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Text after a package's name up to the end of its line, without a trailing comment or quote. */
function restOfDeclaration(text: string, end: number): string {
  const newline = text.indexOf('\n', end);
  return text.slice(end, newline < 0 ? text.length : newline).slice(0, 300);
}

interface Declared {
  /** PEP 440 alternatives (empty: unconstrained or unreadable). */
  specifiers: string[];
  /** The constraint as written, for messages (`==1.22.4`, `=1.22`, `^1.22`). */
  written: string;
}

/** What a declaration constrains its package to, from the text after its name. */
function declared(kind: ManifestKind, rest: string): Declared {
  // Poetry / Pipfile tables: `numpy = "^1.22"`, `numpy = { version = "==1.22.4", … }`
  const keyed = /^["']?\s*=\s*(?:"([^"]*)"|'([^']*)'|\{[^}]*?\bversion\s*=\s*["']([^"']*)["'])/.exec(rest);
  if (keyed) {
    const value = (keyed[1] ?? keyed[2] ?? keyed[3] ?? '').trim();
    if (value === '*' || value === '') return { specifiers: [], written: value };
    return { specifiers: kind === 'Pipfile' && /^[<>=!~]/.test(value) ? [value] : poetryToPep440(value), written: /^[<>=!~]/.test(value) ? value : ` ${value}` };
  }
  if (kind === 'conda' && !/^\s*(\[|[<>!~]|==)/.test(rest)) {
    const spec = rest.split(/["'#]/, 1)[0].trim();
    return { specifiers: spec === '' ? [] : condaToPep440(spec), written: /^[=<>!~]/.test(spec) ? spec : ` ${spec}` };
  }
  // PEP 508: `numpy[extra] (>=1.2, <2) ; python_version < "3.9"`
  const m = /^\s*(?:\[[^\]]*\])?\s*\(?\s*((?:[<>=!~]=?=?\s*[\w.*+!-]+\s*,?\s*)+)/.exec(rest);
  const spec = m ? m[1].replace(/\s+/g, '').replace(/,$/, '') : '';
  return { specifiers: spec ? [spec] : [], written: spec };
}

/** The library versions one manifest constrains, with labels naming the file (`numpy==1.22.4 (requirements.txt)`). */
export function manifestVersions(fileName: string, text: string): LibraryVersions {
  const kind = manifestKind(fileName);
  const out: LibraryVersions = {};
  if (kind === undefined || kind === '.python-version' || kind === 'runtime.txt') return out;
  let read: ReturnType<typeof readManifest>;
  try {
    read = readManifest(fileName, text);
  } catch {
    return out;
  }
  if ('error' in read) return out;
  const base = path.basename(fileName);
  for (const p of read.model.packages) {
    if (p.end <= p.start) continue;
    const key = libraryKey(p.name);
    if (out[key]) continue;
    const { specifiers, written } = declared(kind, restOfDeclaration(text, p.end));
    const bound = upperBound(specifiers);
    if (bound) out[key] = { ...bound, label: `${p.name}${written} (${base})` };
  }
  return out;
}

/** The versions installed in an interpreter (normalized name → version), as the editor lists them. */
export function installedVersions(packages: Readonly<Record<string, string>>): LibraryVersions {
  const out: LibraryVersions = {};
  for (const [name, version] of Object.entries(packages)) {
    const key = libraryKey(name);
    if (/^\d+(\.\d+)*/.test(version) && !out[key]) out[key] = { upTo: /^\d+(\.\d+)*/.exec(version)![0], label: `${name} ${version} (installed)` };
  }
  return out;
}

/** Manifests worth reading for versions, most telling first. */
const ORDER: ManifestKind[] = ['requirements', 'pyproject', 'Pipfile', 'conda', 'setup.cfg', 'setup.py'];
const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * Finds the versions for a file from the closest folder, the file's own or one above it (up to the
 * working-tree root), that holds a manifest declaring packages. Each folder is listed once and each
 * manifest read once per lookup object, so checking many files costs one walk per folder.
 */
export class LibraryVersionLookup {
  private readonly byDirectory = new Map<string, LibraryVersions | undefined>();

  forFile(file: string): LibraryVersions | undefined {
    return this.forDirectory(path.dirname(path.resolve(file)));
  }

  /** Forgets what was read (a manifest changed). */
  clear(): void {
    this.byDirectory.clear();
  }

  private forDirectory(dir: string): LibraryVersions | undefined {
    if (this.byDirectory.has(dir)) return this.byDirectory.get(dir);
    let result: LibraryVersions | undefined;
    let entries: string[] = [];
    try {
      entries = fs.readdirSync(dir);
    } catch {
      // unreadable: look above
    }
    const manifests = entries
      .filter((name) => manifestKind(name) !== undefined && ORDER.includes(manifestKind(name)!))
      .sort((a, b) => ORDER.indexOf(manifestKind(a)!) - ORDER.indexOf(manifestKind(b)!) || (a < b ? -1 : a > b ? 1 : 0));
    if (manifests.length > 0) {
      result = {};
      for (const name of manifests) {
        const versions = this.read(path.join(dir, name));
        for (const [key, v] of Object.entries(versions)) result[key] ??= v;
      }
    } else {
      const parent = path.dirname(dir);
      const top = entries.includes('.git') || parent === dir;
      result = top ? undefined : this.forDirectory(parent);
    }
    this.byDirectory.set(dir, result);
    return result;
  }

  private read(file: string): LibraryVersions {
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_MANIFEST_BYTES) return {};
      return manifestVersions(file, fs.readFileSync(file, 'utf8'));
    } catch {
      return {};
    }
  }
}
