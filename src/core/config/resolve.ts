// From a configuration (and the CLI's or the editor's own settings on top) to the options one file
// is checked with: rule selection as Ruff layers it, severities, per-file ignores, excludes. Pure.
import picomatch from 'picomatch';
import { RULE_IDS, type AnalysisOptions, type RuleId, type SeveritySetting } from '../analysis/types';
import { ruleMeta } from '../analysis/catalogue';
import type { PyaiConfig } from './schema';

/** One layer of rule selection: a `select` replaces what earlier layers chose, the rest adjusts it. */
export interface SelectionLayer {
  select?: readonly RuleId[];
  extendSelect?: readonly RuleId[];
  ignore?: readonly RuleId[];
}

/** Every rule is on by default; each layer (configuration file, then command line) adjusts the set. */
export function selectedRules(layers: readonly SelectionLayer[]): Set<RuleId> {
  let selected = new Set<RuleId>(RULE_IDS);
  for (const layer of layers) {
    if (layer.select) selected = new Set(layer.select);
    for (const id of layer.extendSelect ?? []) selected.add(id);
    for (const id of layer.ignore ?? []) selected.delete(id);
  }
  return selected;
}

/** What the command line (or the editor's settings) sets on top of a configuration file. */
export interface Overrides extends SelectionLayer {
  severity?: Partial<Record<RuleId, SeveritySetting>>;
  minPython?: string;
  frameworkThreshold?: number;
}

/** A configuration with the folder its relative patterns start from (the file's folder, as in Ruff). */
export interface RootedConfig {
  root: string;
  config: PyaiConfig;
}

const toSlash = (p: string) => p.replace(/\\/g, '/');

/** `file` relative to `root` with `/`, or undefined when it is not inside it. */
export function relativeTo(root: string, file: string): string | undefined {
  const r = toSlash(root).replace(/\/+$/, '');
  const f = toSlash(file);
  if (f === r) return '';
  return f.startsWith(r + '/') ? f.slice(r.length + 1) : undefined;
}

/**
 * A matcher in Ruff's sense: a pattern without `/` names a file or folder anywhere (`.venv`,
 * `legacy_*.py`); a pattern with `/` is a path from the root (`data/**`, `notebooks/old/*.ipynb`).
 * A path matches when it or one of its folders does.
 */
export function createPathMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const names = patterns.filter((p) => !p.replace(/\/+$/, '').includes('/')).map((p) => p.replace(/\/+$/, ''));
  const paths = patterns.filter((p) => p.replace(/\/+$/, '').includes('/')).map((p) => p.replace(/^\.?\//, '').replace(/\/+$/, ''));
  const nameMatch = names.length ? picomatch(names, { dot: true }) : () => false;
  const pathMatch = paths.length ? picomatch(paths, { dot: true }) : () => false;
  return (relativePath) => {
    const parts = toSlash(relativePath).split('/').filter(Boolean);
    for (let i = parts.length; i > 0; i--) {
      if (nameMatch(parts[i - 1]) || pathMatch(parts.slice(0, i).join('/'))) return true;
    }
    return false;
  };
}

/** Ruff's default `exclude`: tool caches, environments, build output and vendored packages. */
export const DEFAULT_EXCLUDE: readonly string[] = [
  '.bzr', '.direnv', '.eggs', '.git', '.git-rewrite', '.hg', '.ipynb_checkpoints', '.mypy_cache', '.nox',
  '.pants.d', '.pyenv', '.pytest_cache', '.pytype', '.ruff_cache', '.svn', '.tox', '.venv', '.vscode',
  '__pypackages__', '_build', 'buck-out', 'build', 'dist', 'node_modules', 'site-packages', 'venv',
];

/** The exclude patterns in force: `exclude` replaces the defaults, `extend-exclude` adds to them. */
export function excludePatterns(config: PyaiConfig | undefined, cli?: { exclude?: readonly string[]; extendExclude?: readonly string[] }): string[] {
  const base = cli?.exclude ?? config?.exclude ?? DEFAULT_EXCLUDE;
  return [...base, ...(config?.extendExclude ?? []), ...(cli?.extendExclude ?? [])];
}

/** The rules `per-file-ignores` turns off for `file`. */
export function perFileIgnored(rooted: RootedConfig, file: string): Set<RuleId> {
  const off = new Set<RuleId>();
  const relative = relativeTo(rooted.root, file);
  if (relative === undefined) return off;
  for (const entry of rooted.config.perFileIgnores ?? []) {
    if (createPathMatcher([entry.pattern])(relative)) for (const id of entry.rules) off.add(id);
  }
  return off;
}

function namedIn(layers: readonly SelectionLayer[], id: RuleId): boolean {
  return layers.some((layer) => layer.select?.includes(id) || layer.extendSelect?.includes(id));
}

/**
 * The options `file` is checked with. Precedence, highest first: `overrides` (command-line flags),
 * the configuration file, the defaults. `per-file-ignores` always applies.
 */
export function optionsFor(file: string, rooted: RootedConfig | undefined, overrides: Overrides = {}): AnalysisOptions {
  const config = rooted?.config ?? {};
  const selected = selectedRules([config, overrides]);
  const ignoredHere = rooted ? perFileIgnored(rooted, file) : new Set<RuleId>();
  const severities: Partial<Record<RuleId, SeveritySetting>> = {};
  for (const id of RULE_IDS) {
    const level = overrides.severity?.[id] ?? config.severity?.[id];
    if (!selected.has(id) || ignoredHere.has(id)) severities[id] = 'off';
    else if (level !== undefined) severities[id] = level;
    // As in Ruff, naming a rule in select/extend-select turns it on, also one that is off by default.
    else if (ruleMeta(id).enabledByDefault === false && namedIn([config, overrides], id)) severities[id] = ruleMeta(id).defaultSeverity;
  }
  const options: AnalysisOptions = { severities };
  const threshold = overrides.frameworkThreshold ?? config.frameworkThreshold;
  if (threshold !== undefined) options.frameworkThreshold = threshold;
  const minimum = overrides.minPython ?? config.minPython;
  if (minimum !== undefined) options.minimumPython = minimum;
  return options;
}

/** ruff-vscode's `configurationPreference`: which of the editor's settings and the file wins. */
export type ConfigurationPreference = 'editorFirst' | 'filesystemFirst' | 'editorOnly';

/** The editor's `pythonForAI.*` values, each only when the user set it (not a default). */
export interface EditorValues {
  rules?: Partial<Record<RuleId, SeveritySetting>>;
  frameworkThreshold?: number;
  minimumPython?: string;
}

/**
 * The editor's options for `file`: with `editorFirst` a setting the user made wins over the file,
 * with `filesystemFirst` the file wins and settings fill what it leaves unsaid, with `editorOnly`
 * the file is not read. Defaults of unset settings never override the file.
 */
export function editorOptionsFor(file: string, rooted: RootedConfig | undefined, editor: EditorValues, preference: ConfigurationPreference): AnalysisOptions {
  if (preference === 'editorOnly' || !rooted) {
    const options: AnalysisOptions = { severities: { ...(editor.rules ?? {}) } };
    if (editor.frameworkThreshold !== undefined) options.frameworkThreshold = editor.frameworkThreshold;
    if (editor.minimumPython !== undefined) options.minimumPython = editor.minimumPython;
    return options;
  }
  const fromFile = optionsFor(file, rooted);
  const config = rooted.config;
  const fileSays = (id: RuleId) =>
    config.severity?.[id] !== undefined || (fromFile.severities?.[id] === 'off');
  const severities: Partial<Record<RuleId, SeveritySetting>> = { ...fromFile.severities };
  for (const [id, level] of Object.entries(editor.rules ?? {}) as [RuleId, SeveritySetting][]) {
    if (preference === 'editorFirst' || !fileSays(id)) severities[id] = level;
  }
  // per-file-ignores are about files, not preferences: a setting does not bring an ignored rule back there.
  for (const id of perFileIgnored(rooted, file)) severities[id] = 'off';
  const pick = <T>(own: T | undefined, file: T | undefined) => (preference === 'editorFirst' ? own ?? file : file ?? own);
  const options: AnalysisOptions = { severities };
  const threshold = pick(editor.frameworkThreshold, config.frameworkThreshold);
  if (threshold !== undefined) options.frameworkThreshold = threshold;
  const minimum = pick(editor.minimumPython, config.minPython);
  if (minimum !== undefined) options.minimumPython = minimum;
  return options;
}
