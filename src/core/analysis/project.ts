// Project-level checks on a folder, with Node's fs only (no `vscode`): is it under git
// (`missing-git-repo`), and do its manifests together declare too many frameworks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { msg, said } from '../l10n/text';
import { severityOf } from './catalogue';
import { declaredFrameworks, distinctFamilies, frameworksMessage, frameworkThreshold, isManifest, readManifest, withoutSuppressed, type DeclaredFramework } from './manifests';
import type { AnalysisOptions, Finding } from './types';
import { DEFAULT_EXCLUDE } from '../config/resolve';
import { isCondaEnvironmentFile } from '../workspace/condaFiles';

/** A project finding names its file; `command` is an editor action that resolves it (there is no text fix). */
export interface ProjectFinding extends Finding {
  file: string;
  command?: { command: string; title: string; arguments: unknown[] };
}

export interface ProjectOptions extends AnalysisOptions {
  /** Directory entries looked at before the walk stops (keeps huge folders cheap). */
  maxEntries?: number;
  maxDepth?: number;
  /** Paths the run does not check (configured excludes, ignore files), on top of `isSkippedDirectory`. */
  isExcluded?: (absolutePath: string, isDirectory: boolean) => boolean;
}

/**
 * The working tree root that contains `dir`: the nearest folder, `dir` or above, with a `.git`
 * directory or a `.git` file starting `gitdir:` (worktrees and submodules). `undefined` if none.
 */
export function findGitRoot(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (hasGitMarker(current)) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

function hasGitMarker(dir: string): boolean {
  const marker = path.join(dir, '.git');
  try {
    const stat = fs.statSync(marker);
    if (stat.isDirectory()) return true;
    if (!stat.isFile() || stat.size > 4096) return false;
    return /^gitdir:\s*\S/.test(fs.readFileSync(marker, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Folder names never walked into: Ruff's default `exclude`. A folder merely named `env` or starting
 * with a dot is walked unless it is a Python environment (see `isEnvironment`).
 */
const DEFAULT_EXCLUDED_FOLDERS: ReadonlySet<string> = new Set(DEFAULT_EXCLUDE);

/** A Python environment under any name: a virtualenv has `pyvenv.cfg`, a conda environment `conda-meta/`. */
export function isEnvironment(dirPath: string): boolean {
  return fs.existsSync(path.join(dirPath, 'pyvenv.cfg')) || fs.existsSync(path.join(dirPath, 'conda-meta'));
}

/** Folders never checked by default: Ruff's default excludes and Python environments under any name. */
export function isSkippedDirectory(dirPath: string, name: string): boolean {
  return DEFAULT_EXCLUDED_FOLDERS.has(name) || isEnvironment(dirPath);
}

export function isPythonSource(fileName: string): boolean {
  return /\.(py|pyw|ipynb)$/i.test(fileName);
}

interface ProjectFiles {
  python: string[];
  manifests: string[];
}

/** Breadth-first, so top-level files come first; bounded by entry count and depth. */
function collectProjectFiles(folder: string, maxEntries: number, maxDepth: number, isExcluded?: ProjectOptions['isExcluded']): ProjectFiles {
  const files: ProjectFiles = { python: [], manifests: [] };
  let budget = maxEntries;
  let level = [folder];
  for (let depth = 0; depth <= maxDepth && level.length > 0 && budget > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue; // unreadable folders are skipped, not fatal
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (--budget < 0) break;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!isSkippedDirectory(full, entry.name) && !isExcluded?.(full, true)) next.push(full);
        } else if (entry.isFile() && !isExcluded?.(full, false)) {
          if (isPythonSource(entry.name)) files.python.push(full);
          else if (isManifest(full) || isCondaEnvironmentFile(full)) files.manifests.push(full);
        }
      }
    }
    level = next;
  }
  return files;
}

/** Where a project finding is anchored: the first of these at the folder's root, most telling first. */
export const MAIN_MANIFESTS = ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'Pipfile', 'environment.yml', 'environment.yaml'];
const MAX_MANIFEST_BYTES = 1024 * 1024;

/** Root files that can declare the project's Python, most telling first. */
const PYTHON_DECLARATIONS = ['pyproject.toml', 'setup.cfg', 'setup.py', '.python-version', 'runtime.txt', 'Pipfile', 'environment.yml', 'environment.yaml'];

/**
 * Where the folder declares its Python (`requires-python`, `python_requires`, `.python-version`, conda's
 * `python=`…): the place a finding about the selected interpreter's version is about. Undefined when the
 * folder declares none; such a finding then belongs in no file (the status item and the report show it).
 */
export function declaredPythonLocation(folder: string): { file: string; range: Finding['range'] } | undefined {
  for (const name of PYTHON_DECLARATIONS) {
    const file = path.join(folder, name);
    let text: string;
    try {
      if (!fs.statSync(file).isFile() || fs.statSync(file).size > MAX_MANIFEST_BYTES) continue;
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const read = readManifest(name, text);
    const span = 'model' in read ? read.model.pythons[0] : undefined;
    if (span) return { file, range: { start: positionAt(text, span.start), end: positionAt(text, span.end) } };
  }
  return undefined;
}

function positionAt(text: string, offset: number): Finding['range']['start'] {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Range of the first line of `file` (read at most 4 KB), so the editor has something to underline. */
function firstLineRange(file: string): Finding['range'] {
  let length = 0;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(4096);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      const text = buf.subarray(0, n).toString('utf8');
      length = text.split(/\r?\n/)[0].length;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    length = 0;
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: length } };
}

/**
 * Checks `folder` as a project. Per-file findings are not repeated here: a manifest that alone
 * declares too many frameworks reports itself (`analyzeManifest`); this reports only when
 * several manifests together reach the threshold.
 */
export function checkProject(folder: string, options?: ProjectOptions): ProjectFinding[] {
  const root = path.resolve(folder);
  const files = collectProjectFiles(root, options?.maxEntries ?? 20000, options?.maxDepth ?? 8, options?.isExcluded);
  const findings: ProjectFinding[] = [];

  const gitSeverity = severityOf('missing-git-repo', options);
  if (gitSeverity && files.python.length > 0 && findGitRoot(root) === undefined) {
    const anchor = MAIN_MANIFESTS.map((m) => path.join(root, m)).find((m) => files.manifests.includes(m)) ?? files.python[0];
    findings.push({
      rule: 'missing-git-repo',
      severity: gitSeverity,
      file: anchor,
      ...said(
        msg(
          'The folder {0} has Python code but is not in a git repository, so there is no history to go back to when an experiment breaks and no record of the code behind a result. Run `git init` in it (and ignore data, checkpoints and virtualenvs in .gitignore), or use "Python for AI: Initialize Git Repository".',
          path.basename(root),
        ),
      ),
      range: firstLineRange(anchor),
      fixes: [],
      command: { command: 'pythonForAI.initGitRepository', title: 'Initialize Git Repository', arguments: [root] },
    });
  }

  const frameworksSeverity = severityOf('too-many-frameworks', options);
  if (frameworksSeverity && files.manifests.length > 1) {
    const finding = projectFrameworks(root, files.manifests, options);
    if (finding) findings.push({ ...finding, severity: frameworksSeverity });
  }
  return findings;
}

function projectFrameworks(root: string, manifests: string[], options: AnalysisOptions | undefined): Omit<ProjectFinding, 'severity'> | undefined {
  const threshold = frameworkThreshold(options);
  const all: (DeclaredFramework & { file: string })[] = [];
  const texts = new Map<string, string>();
  for (const file of manifests.slice(0, 100)) {
    let text: string;
    try {
      if (fs.statSync(file).size > MAX_MANIFEST_BYTES) continue;
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    texts.set(file, text);
    const own = declaredFrameworks(file, text).map((d) => ({ ...d, file }));
    if (distinctFamilies(own).length >= threshold) return undefined; // that file reports itself
    all.push(...own);
  }
  const families = distinctFamilies(all);
  if (families.length < threshold) return undefined;
  const culprit = families[threshold - 1];
  const finding: ProjectFinding = {
    rule: 'too-many-frameworks',
    file: culprit.file,
    ...said(frameworksMessage(
      'project',
      families.map((f) => ({ family: f.family, name: f.name, where: path.relative(root, f.file) })),
    )),
    range: culprit.range,
    fixes: [],
    severity: 'warning', // replaced by the caller
  };
  // `# pyai: ignore[too-many-frameworks]` on the reported manifest line silences the project finding too.
  return withoutSuppressed(culprit.file, texts.get(culprit.file) ?? '', [finding])[0];
}
