// The `[tool.pyai-lint]` section of pyproject.toml, or a standalone pyai-lint.toml: parsed and
// checked into a typed configuration, every mistake with the line it is on. Pure: no fs, no `vscode`.
import { msg, said, type Msg } from '../l10n/text';
import { parse, TomlError } from 'smol-toml';
import { isRuleId } from '../analysis/catalogue';
import { RULE_IDS, type RuleId, type SeveritySetting } from '../analysis/types';

export interface PerFileIgnore {
  pattern: string;
  rules: RuleId[];
}

/** What a configuration file says; a key it does not set is `undefined`. */
export interface PyaiConfig {
  select?: RuleId[];
  extendSelect?: RuleId[];
  ignore?: RuleId[];
  severity?: Partial<Record<RuleId, SeveritySetting>>;
  perFileIgnores?: PerFileIgnore[];
  exclude?: string[];
  extendExclude?: string[];
  minPython?: string;
  frameworkThreshold?: number;
  respectGitignore?: boolean;
}

/** 1-based, as editors and the CLI print them. */
export interface ConfigError {
  /** In English (CLI). */
  message: string;
  /** The message as a template and its arguments, for the editor to show in the user's language. */
  l10n?: Msg;
  line: number;
  column: number;
}

export interface ParsedConfig {
  /** False for a pyproject.toml without a `[tool.pyai-lint]` table: it configures nothing. */
  found: boolean;
  config: PyaiConfig;
  errors: ConfigError[];
}

/** Standalone files, most specific first, then pyproject.toml (as Ruff prefers ruff.toml to pyproject.toml). */
export const CONFIG_FILE_NAMES = ['pyai-lint.toml', '.pyai-lint.toml', 'pyproject.toml'] as const;
export const SECTION = 'tool.pyai-lint';

const SEVERITY_VALUES: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];
export const CONFIG_KEYS = [
  'select', 'extend-select', 'ignore', 'severity', 'per-file-ignores', 'exclude', 'extend-exclude',
  'min-python', 'framework-threshold', 'respect-gitignore',
] as const;

export function isPyproject(fileName: string): boolean {
  return /(^|[\\/])pyproject\.toml$/i.test(fileName);
}

/** A configuration file by its name (pyproject.toml counts only when it has the section). */
export function isConfigFileName(fileName: string): boolean {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  return (CONFIG_FILE_NAMES as readonly string[]).includes(base);
}

/** Cheap test before parsing a pyproject.toml: most have no section of ours. */
export function mayHaveSection(text: string): boolean {
  return text.includes('pyai-lint');
}

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/**
 * Finds where keys and values are written (smol-toml has no positions): the section's header, a
 * `key =` line after it, a quoted value after that. Falls back to the header, then line 1.
 */
class Locator {
  private readonly lines: string[];
  private readonly sectionLine: number;

  constructor(text: string, standalone: boolean) {
    this.lines = text.split(/\r?\n/);
    const header = /^\s*\[\s*tool\s*\.\s*(["']?)pyai-lint\1\s*\]/;
    this.sectionLine = standalone ? 0 : Math.max(0, this.lines.findIndex((l) => header.test(l)));
  }

  key(key: string, from = this.sectionLine): ConfigError {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`^(\\s*(?:[\\w.-]+\\.)?)(["']?)${escaped}\\2\\s*=`);
    for (let i = from; i < this.lines.length; i++) {
      const m = re.exec(this.lines[i]);
      if (m) return { message: '', line: i + 1, column: m[1].length + 1 };
      // a table header for the key (`[tool.pyai-lint.per-file-ignores]`)
      if (new RegExp(`^\\s*\\[[^\\]]*\\b${escaped}["']?\\s*\\]`).test(this.lines[i])) return { message: '', line: i + 1, column: 1 };
    }
    return { message: '', line: this.sectionLine + 1, column: 1 };
  }

  value(key: string, value: string): ConfigError {
    const at = this.key(key);
    for (let i = at.line - 1; i < this.lines.length; i++) {
      for (const q of ['"', "'"]) {
        const column = this.lines[i].indexOf(q + value + q);
        if (column !== -1) return { message: '', line: i + 1, column: column + 2 };
      }
    }
    return at;
  }
}

function tomlError(e: unknown): ConfigError {
  if (e instanceof TomlError) {
    const first = e.message.replace(/^Invalid TOML document:\s*/, '').split('\n')[0];
    return { ...said(msg('invalid TOML: {0}', first)), line: e.line, column: e.column };
  }
  return { ...said(msg('invalid TOML: {0}', e instanceof Error ? e.message : String(e))), line: 1, column: 1 };
}

/** Parses a configuration file's text; `fileName` says whether it is a pyproject.toml. */
export function parseConfigText(fileName: string, text: string): ParsedConfig {
  const standalone = !isPyproject(fileName);
  if (!standalone && !mayHaveSection(text)) return { found: false, config: {}, errors: [] };
  let doc: Table;
  try {
    doc = parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Table;
  } catch (e) {
    // A pyproject.toml that does not parse is reported by its manifest check; ours only if it has our section.
    return { found: standalone || /^\s*\[\s*tool\s*\.\s*["']?pyai-lint/m.test(text), config: {}, errors: [tomlError(e)] };
  }
  let table: unknown = doc;
  if (!standalone) {
    const tool = doc.tool;
    table = isTable(tool) ? tool['pyai-lint'] : undefined;
    if (table === undefined) return { found: false, config: {}, errors: [] };
  }
  const locator = new Locator(text, standalone);
  if (!isTable(table)) {
    return { found: true, config: {}, errors: [{ ...locator.key('pyai-lint'), ...said(msg('{0} must be a table', SECTION)) }] };
  }
  return { found: true, ...checkTable(table, locator) };
}

function checkTable(table: Table, at: Locator): { config: PyaiConfig; errors: ConfigError[] } {
  const config: PyaiConfig = {};
  const errors: ConfigError[] = [];
  const fail = (where: ConfigError, message: Msg) => errors.push({ ...where, ...said(message) });

  const rules = (key: string, value: unknown, label = key): RuleId[] | undefined => {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      fail(at.key(key), msg('{0} must be a list of rule ids, like ["boston-dataset"]', label));
      return undefined;
    }
    const out: RuleId[] = [];
    for (const id of value as string[]) {
      if (id === 'ALL') out.push(...RULE_IDS);
      else if (isRuleId(id)) out.push(id);
      else fail(at.value(key, id), msg('{0}: unknown rule \'{1}\' (rules: {2}, or ALL)', label, id, RULE_IDS.join(', ')));
    }
    return out;
  };
  const globs = (key: string, value: unknown): string[] | undefined => {
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== '')) return value as string[];
    fail(at.key(key), msg('{0} must be a list of glob patterns, like ["data/**", "legacy_*.py"]', key));
    return undefined;
  };

  for (const [key, value] of Object.entries(table)) {
    switch (key) {
      case 'select':
        config.select = rules(key, value);
        break;
      case 'extend-select':
        config.extendSelect = rules(key, value);
        break;
      case 'ignore':
        config.ignore = rules(key, value);
        break;
      case 'severity': {
        if (!isTable(value)) {
          fail(at.key(key), msg('severity must be a table of rule = "off" | "hint" | "info" | "warning" | "error"'));
          break;
        }
        const severity: Partial<Record<RuleId, SeveritySetting>> = {};
        for (const [id, level] of Object.entries(value)) {
          if (!isRuleId(id)) fail(at.key(id), msg('severity: unknown rule \'{0}\' (rules: {1})', id, RULE_IDS.join(', ')));
          else if (typeof level !== 'string' || !SEVERITY_VALUES.includes(level as SeveritySetting)) {
            fail(at.key(id), msg('severity of {0}: expected one of {1}, got {2}', id, SEVERITY_VALUES.join(', '), JSON.stringify(level)));
          } else severity[id] = level as SeveritySetting;
        }
        config.severity = severity;
        break;
      }
      case 'per-file-ignores': {
        if (!isTable(value)) {
          fail(at.key(key), msg('per-file-ignores must be a table of "glob" = ["rule", …]'));
          break;
        }
        config.perFileIgnores = [];
        for (const [pattern, ids] of Object.entries(value)) {
          const list = rules(pattern, ids, `per-file-ignores "${pattern}"`);
          if (list) config.perFileIgnores.push({ pattern, rules: list });
        }
        break;
      }
      case 'exclude':
        config.exclude = globs(key, value);
        break;
      case 'extend-exclude':
        config.extendExclude = globs(key, value);
        break;
      case 'min-python':
        if (typeof value === 'string' && /^3\.\d{1,2}$/.test(value)) config.minPython = value;
        else fail(at.key(key), msg('min-python: expected a version like "3.11", got {0}', JSON.stringify(value)));
        break;
      case 'framework-threshold':
        if (typeof value === 'number' && Number.isInteger(value) && value >= 2) config.frameworkThreshold = value;
        else if (typeof value === 'bigint' && value >= 2n && value < 1000n) config.frameworkThreshold = Number(value);
        else fail(at.key(key), msg('framework-threshold: expected a whole number of at least 2, got {0}', JSON.stringify(typeof value === 'bigint' ? String(value) : value)));
        break;
      case 'respect-gitignore':
        if (typeof value === 'boolean') config.respectGitignore = value;
        else fail(at.key(key), msg('respect-gitignore: expected true or false, got {0}', JSON.stringify(value)));
        break;
      default:
        fail(at.key(key), msg('unknown key \'{0}\' (keys: {1})', key, CONFIG_KEYS.join(', ')));
    }
  }
  return { config, errors };
}
