// Project manifests: which deep-learning frameworks a project declares (`too-many-frameworks`) and
// which Python it allows (`python-version`). Pure: no file system, no `vscode`.
import { msg, said, type Msg, type MsgArg } from '../l10n/text';
import { severityOf } from './catalogue';
import { fixTitle } from './fixTitle';
import { parseDirectives } from './suppressions';
import { frameworkOfPackage } from './frameworks';
import type { AnalysisOptions, Finding, Range } from './types';
import { isCondaEnvironment, parseCondaEnvironment, parsePythonVersionFile, parseRuntimeTxt } from '../manifests/conda';
import { clauses, normalizeMinimum, specifierRulesOut } from '../manifests/pythonSpec';
import { parseRequirements } from '../manifests/requirements';
import { parseSetupCfg, parseSetupPy } from '../manifests/setup';
import { LineIndex, type DeclaredPython, type ManifestModel } from '../manifests/text';
import { parsePipfile, parsePyproject, parseToml, type ParseError } from '../manifests/toml';

export type { ParseError };

export type ManifestKind =
  | 'requirements'
  | 'pyproject'
  | 'setup.cfg'
  | 'setup.py'
  | 'Pipfile'
  | 'conda'
  | '.python-version'
  | 'runtime.txt';

/** The kind of manifest a path names (by its base name), or `undefined`. */
export function manifestKind(fileName: string): ManifestKind | undefined {
  // Called for every file of a scan: the name is cut with lastIndexOf, not split into an array.
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const base = fileName.slice(slash + 1);
  const lower = base.toLowerCase();
  if (/\.(txt|in)$/.test(lower)) {
    if (lower.startsWith('requirements')) return 'requirements';
    // requirements/base.txt, requirements/dev.txt
    const parentStart = Math.max(fileName.lastIndexOf('/', slash - 1), fileName.lastIndexOf('\\', slash - 1)) + 1;
    if (slash > 0 && fileName.slice(parentStart, slash).toLowerCase() === 'requirements') return 'requirements';
  }
  if (lower === 'pyproject.toml') return 'pyproject';
  if (lower === 'setup.cfg') return 'setup.cfg';
  if (lower === 'setup.py') return 'setup.py';
  if (base === 'Pipfile') return 'Pipfile';
  if (/^(environment|conda)([-_.][^/\\]*)?\.ya?ml$/.test(lower)) return 'conda';
  if (lower === '.python-version') return '.python-version';
  if (lower === 'runtime.txt') return 'runtime.txt';
  return undefined;
}

/**
 * A glob for finding manifests in a workspace (`findFiles`, file watchers). It may match a little
 * more than `manifestKind` accepts (`environmentx.yml`); callers keep only names where `isManifest`
 * is true, so this function stays the one definition of a manifest.
 */
export const MANIFEST_GLOB = '**/{requirements*.txt,requirements*.in,requirements/*.txt,requirements/*.in,pyproject.toml,setup.cfg,setup.py,Pipfile,environment*.yml,environment*.yaml,conda*.yml,conda*.yaml,.python-version,runtime.txt}';

export function isManifest(fileName: string): boolean {
  return manifestKind(fileName) !== undefined;
}

/** YAML files: a conda environment under any name is recognised by its content (`manifestKindOfText`). */
export function isYamlFileName(fileName: string): boolean {
  return /\.ya?ml$/i.test(fileName);
}

/** The manifest kind by name, else by content: a `.yml` that is a conda environment file whatever its name. */
export function manifestKindOfText(fileName: string, text: string): ManifestKind | undefined {
  return manifestKind(fileName) ?? (isYamlFileName(fileName) && isCondaEnvironment(text) ? 'conda' : undefined);
}

/** A manifest's packages and Python declarations, or the one reason it could not be read. */
export function readManifest(fileName: string, text: string): { model: ManifestModel } | { error: ParseError } {
  switch (manifestKindOfText(fileName, text)) {
    case 'requirements':
      return { model: parseRequirements(text) };
    case 'pyproject':
    case 'Pipfile': {
      const parsed = parseToml(text);
      if ('error' in parsed) return parsed;
      return { model: manifestKind(fileName) === 'Pipfile' ? parsePipfile(parsed.value, text) : parsePyproject(parsed.value, text) };
    }
    case 'setup.cfg':
      return { model: parseSetupCfg(text) };
    case 'setup.py':
      return { model: parseSetupPy(text) };
    case 'conda':
      return parseCondaEnvironment(text);
    case '.python-version':
      return { model: parsePythonVersionFile(text) };
    case 'runtime.txt':
      return { model: parseRuntimeTxt(text) };
    default:
      return { model: { packages: [], pythons: [], includes: [] } };
  }
}

export interface DeclaredFramework {
  family: string;
  /** The distribution as written (`torchvision`). */
  name: string;
  range: Range;
}

/** Every declared distribution that belongs to a deep-learning family, in file order. */
export function declaredFrameworks(fileName: string, text: string): DeclaredFramework[] {
  const read = readManifest(fileName, text);
  if ('error' in read) return [];
  return frameworksOf(read.model, new LineIndex(text));
}

function frameworksOf(model: ManifestModel, index: LineIndex): DeclaredFramework[] {
  const out: DeclaredFramework[] = [];
  const inFileOrder = [...model.packages].sort((a, b) => a.start - b.start);
  for (const p of inFileOrder) {
    const family = frameworkOfPackage(p.name);
    if (family) out.push({ family, name: p.name, range: index.range(p.start, p.end) });
  }
  return out;
}

/** The first declaration of each family, in order; families count once (torch + torchvision is one). */
export function distinctFamilies<T extends { family: string }>(declared: T[]): T[] {
  const seen = new Set<string>();
  return declared.filter((d) => (seen.has(d.family) ? false : (seen.add(d.family), true)));
}

export function frameworkThreshold(options: AnalysisOptions | undefined): number {
  const t = options?.frameworkThreshold;
  return typeof t === 'number' && Number.isFinite(t) ? Math.max(2, Math.floor(t)) : 2;
}

/** The sentence shared by the manifest and project forms of `too-many-frameworks`. */
export function frameworksMessage(subject: 'file' | 'project', families: { family: string; name: string; where?: string }[]): Msg {
  const list = families.map((f) => (f.where ? msg('{0} (`{1}` in {2})', f.family, f.name, f.where) : msg('{0} (`{1}`)', f.family, f.name)));
  let joined: MsgArg = list[list.length - 1];
  if (list.length > 1) {
    let head: Msg = list[0];
    for (let i = 1; i < list.length - 1; i++) head = msg('{0}, {1}', head, list[i]);
    joined = msg('{0} and {1}', head, joined);
  }
  return subject === 'file'
    ? msg('This file declares {0} deep-learning frameworks: {1}. Each installs its own GPU runtime and manages GPU memory on its own (TensorFlow and JAX reserve most of it by default), so a project that mixes them is heavier and runs out of memory sooner. Keep one framework per project.', families.length, joined)
    : msg('This project declares {0} deep-learning frameworks: {1}. Each installs its own GPU runtime and manages GPU memory on its own (TensorFlow and JAX reserve most of it by default), so a project that mixes them is heavier and runs out of memory sooner. Keep one framework per project.', families.length, joined);
}

export interface ManifestAnalysis {
  findings: Finding[];
  /** Set when the file could not be parsed (malformed TOML/YAML); `findings` is then empty. */
  error?: ParseError;
  /** Files named by `-r`/`-c` in a requirements file, not followed. */
  includes: string[];
}

/** Like `analyzeManifest`, and says why a file could not be read. Never throws. */
export function analyzeManifestDetailed(fileName: string, text: string, options?: AnalysisOptions): ManifestAnalysis {
  let read: ReturnType<typeof readManifest>;
  try {
    read = readManifest(fileName, text);
  } catch (e) {
    // A parser bug must not take the editor or the CLI down with it.
    return { findings: [], includes: [], error: { message: `could not read manifest: ${e instanceof Error ? e.message : String(e)}`, line: 1, column: 1 } };
  }
  if ('error' in read) return { findings: [], includes: [], error: read.error };
  const { model } = read;
  const index = new LineIndex(text);
  const findings: Finding[] = [];

  const frameworksSeverity = severityOf('too-many-frameworks', options);
  if (frameworksSeverity) {
    const families = distinctFamilies(frameworksOf(model, index));
    const threshold = frameworkThreshold(options);
    if (families.length >= threshold) {
      findings.push({
        rule: 'too-many-frameworks',
        severity: frameworksSeverity,
        ...said(frameworksMessage('file', families)),
        range: families[threshold - 1].range,
        fixes: [],
      });
    }
  }

  const versionSeverity = severityOf('python-version', options);
  if (versionSeverity) {
    const minimum = normalizeMinimum(options?.minimumPython);
    for (const declared of model.pythons) {
      const finding = pythonFinding(declared, text, index, minimum);
      if (finding) findings.push({ ...finding, severity: versionSeverity });
    }
  }
  return { findings: withoutSuppressed(fileName, text, findings), includes: model.includes };
}

/** Formats whose syntax allows a `#` comment at the end of a line (so `# pyai: ignore[…]` can be written). */
const COMMENTED_KINDS = new Set<ManifestKind | undefined>(['requirements', 'pyproject', 'setup.cfg', 'setup.py', 'Pipfile', 'conda']);

/** Drops findings silenced by `# pyai: ignore[rule]` on their line or `# pyai: ignore-file[rule]` anywhere in the manifest. */
export function withoutSuppressed<T extends Finding>(fileName: string, text: string, findings: T[]): T[] {
  if (findings.length === 0 || !text.includes('pyai:') || !COMMENTED_KINDS.has(manifestKindOfText(fileName, text))) return findings;
  const lineTexts = text.split(/\r?\n/);
  const silences = (comment: string, rule: string, fileLevel: boolean) =>
    parseDirectives(comment).some((d) => d.fileLevel === fileLevel && (d.rules === 'all' || d.rules.has(rule)));
  const commentOf = (line: string) => /(?:^|\s)#(.*)$/.exec(line)?.[1] ?? '';
  const fileWide = lineTexts.map(commentOf).filter((c) => c.includes('pyai:'));
  return findings.filter((f) => {
    if (fileWide.some((c) => silences(c, f.rule, true))) return false;
    return !silences(commentOf(lineTexts[f.range.start.line] ?? ''), f.rule, false);
  });
}

export function analyzeManifest(fileName: string, text: string, options?: AnalysisOptions): Finding[] {
  return analyzeManifestDetailed(fileName, text, options).findings;
}

function pythonFinding(declared: DeclaredPython, text: string, index: LineIndex, minimum: string): Omit<Finding, 'severity'> | undefined {
  if (!declared.specifiers.every((s) => specifierRulesOut(s, minimum))) return undefined;
  const written = text.slice(declared.start, declared.end);
  let start = declared.start;
  let end = declared.end;
  // For a PEP 440 value written as such, point at the clause that excludes the minimum (`<3.10` in `>=3.7,<3.10`).
  if (declared.specifiers.length === 1 && declared.specifiers[0] === written) {
    const culprit = clauses(written).find((c) => specifierRulesOut(c.clause, minimum));
    if (culprit) {
      start = declared.start + culprit.start;
      end = declared.start + culprit.end;
    }
  }
  const isPin = declared.specifiers.every((s) => /^==\d+(\.\d+)*(\.\*)?$/.test(s));
  const message = isPin
    ? msg('{0} selects Python {1}, older than Python {2}, the oldest version this project should allow. Old Pythons stop getting security fixes, and new releases of NumPy, pandas and the ML frameworks drop them. Allow Python {2} or newer.', declared.label, written.replace(/^[=\s]+/, ''), minimum)
    : msg('{0} `{1}` rules out Python {2}, the oldest version this project should allow. Old Pythons stop getting security fixes, and new releases of NumPy, pandas and the ML frameworks drop them. Allow Python {2} or newer.', declared.label, written, minimum);
  const fixes = declared.fixTemplate
    ? [
        {
          ...fixTitle(msg('Require Python {0} or newer instead (changes behaviour: which Pythons the project runs on)', minimum), false),
          safe: false,
          edits: [{ range: index.range(declared.start, declared.end), newText: declared.fixTemplate.replace('{min}', minimum) }],
        },
      ]
    : [];
  return { rule: 'python-version', ...said(message), range: index.range(start, end), fixes };
}
