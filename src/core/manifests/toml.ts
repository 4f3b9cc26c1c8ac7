// pyproject.toml and Pipfile. smol-toml gives the values; a light line scan finds where they are
// written (smol-toml has no positions), falling back to the first quoted occurrence in the file.
import { parse, TomlError } from 'smol-toml';
import { poetryToPep440, seriesSpecifier } from './pythonSpec';
import { requirementName } from './requirements';
import { emptyModel, lines, type ManifestModel, type Span } from './text';

export interface ParseError {
  message: string;
  /** 1-based, as editors and the CLI print them. */
  line: number;
  column: number;
}

type Table = Record<string, unknown>;

function isTable(v: unknown): v is Table {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseToml(text: string): { value: Table } | { error: ParseError } {
  try {
    return { value: parse(text) as Table };
  } catch (e) {
    if (e instanceof TomlError) {
      const first = e.message.replace(/^Invalid TOML document:\s*/, '').split('\n')[0];
      return { error: { message: `invalid TOML: ${first}`, line: e.line, column: e.column } };
    }
    return { error: { message: `invalid TOML: ${e instanceof Error ? e.message : String(e)}`, line: 1, column: 1 } };
  }
}

/** Where `[a.b]` tables and `key =` lines are, so values can be located inside their table. */
class TomlLocator {
  private readonly headers: { path: string; start: number }[] = [];

  constructor(private readonly text: string) {
    for (const line of lines(text)) {
      // No nested quantifiers: a long line inside a multi-line string must stay linear to check.
      const m = /^[ \t]*\[\[?([^\]\n]*)\]\]?[ \t]*(?:#.*)?$/.exec(line.text);
      if (m) this.headers.push({ path: m[1].split('.').map((part) => part.trim().replace(/["']/g, '')).join('.'), start: line.start });
    }
  }

  /** Text region of table `path` (from its header to the next header), or the whole file if not found. */
  private region(path: string): Span {
    const i = this.headers.findIndex((h) => h.path === path);
    if (i === -1) return { start: 0, end: this.text.length };
    return { start: this.headers[i].start, end: i + 1 < this.headers.length ? this.headers[i + 1].start : this.text.length };
  }

  /** The key's name as written on its `key =` line inside table `path`. */
  key(path: string, key: string): Span | undefined {
    const region = this.region(path);
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`^[ \\t]*(["']?)(${escaped})\\1[ \\t]*=`, 'gmi');
    re.lastIndex = region.start;
    const m = re.exec(this.text);
    if (!m || m.index >= region.end) return undefined;
    const start = m.index + m[0].indexOf(m[2]);
    return { start, end: start + m[2].length };
  }

  /** The contents (inside the quotes) of string `value`, after `key =` in table `path` when found. */
  string(path: string, key: string, value: string, after = 0): Span | undefined {
    const region = this.region(path);
    const keySpan = this.key(path, key);
    const from = Math.max(keySpan?.end ?? region.start, after);
    for (const q of ['"', "'"]) {
      const at = this.text.indexOf(q + value + q, from);
      if (at !== -1 && at < region.end) return { start: at + 1, end: at + 1 + value.length };
    }
    for (const q of ['"', "'"]) {
      const at = this.text.indexOf(q + value + q);
      if (at !== -1) return { start: at + 1, end: at + 1 + value.length };
    }
    return undefined;
  }
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

/** PEP 508 strings of `key` in table `path`, located one after another. */
function pushRequirementList(model: ManifestModel, locator: TomlLocator, path: string, key: string, values: string[]): void {
  let after = 0;
  for (const value of values) {
    const span = locator.string(path, key, value, after);
    if (!span) continue;
    after = span.end;
    const found = requirementName(value, span.start);
    if (found) model.packages.push(found);
  }
}

/** Poetry / Pipfile style tables whose keys are distribution names. */
function pushKeyedPackages(model: ManifestModel, locator: TomlLocator, path: string, table: unknown, skip: string[] = []): void {
  if (!isTable(table)) return;
  for (const name of Object.keys(table)) {
    if (skip.includes(name.toLowerCase())) continue;
    const span = locator.key(path, name);
    model.packages.push(span ? { name, ...span } : { name, start: 0, end: 0 });
  }
}

export function parsePyproject(doc: Table, text: string): ManifestModel {
  const model = emptyModel();
  const locator = new TomlLocator(text);
  const project = isTable(doc.project) ? doc.project : {};
  pushRequirementList(model, locator, 'project', 'dependencies', stringList(project.dependencies));
  if (isTable(project['optional-dependencies'])) {
    for (const [group, list] of Object.entries(project['optional-dependencies'])) {
      pushRequirementList(model, locator, 'project.optional-dependencies', group, stringList(list));
    }
  }
  if (isTable(doc['dependency-groups'])) {
    for (const [group, list] of Object.entries(doc['dependency-groups'])) {
      pushRequirementList(model, locator, 'dependency-groups', group, stringList(list));
    }
  }
  const requiresPython = project['requires-python'];
  if (typeof requiresPython === 'string') {
    const span = locator.string('project', 'requires-python', requiresPython);
    if (span) model.pythons.push({ ...span, label: 'requires-python', specifiers: [requiresPython], fixTemplate: '>={min}' });
  }

  const tool = isTable(doc.tool) ? doc.tool : {};
  const poetry = isTable(tool.poetry) ? tool.poetry : undefined;
  if (poetry) {
    pushKeyedPackages(model, locator, 'tool.poetry.dependencies', poetry.dependencies, ['python']);
    pushKeyedPackages(model, locator, 'tool.poetry.dev-dependencies', poetry['dev-dependencies']);
    if (isTable(poetry.group)) {
      for (const [group, body] of Object.entries(poetry.group)) {
        if (isTable(body)) pushKeyedPackages(model, locator, `tool.poetry.group.${group}.dependencies`, body.dependencies);
      }
    }
    const deps = isTable(poetry.dependencies) ? poetry.dependencies : {};
    const python = deps.python;
    if (typeof python === 'string') {
      const span = locator.string('tool.poetry.dependencies', 'python', python);
      if (span) model.pythons.push({ ...span, label: 'Poetry python', specifiers: poetryToPep440(python), fixTemplate: '>={min}' });
    }
  }
  return model;
}

export function parsePipfile(doc: Table, text: string): ManifestModel {
  const model = emptyModel();
  const locator = new TomlLocator(text);
  pushKeyedPackages(model, locator, 'packages', doc.packages);
  pushKeyedPackages(model, locator, 'dev-packages', doc['dev-packages']);
  const requires = isTable(doc.requires) ? doc.requires : {};
  for (const key of ['python_version', 'python_full_version']) {
    const value = requires[key];
    if (typeof value !== 'string' || !/^\d+(\.\d+)*$/.test(value.trim())) continue;
    const span = locator.string('requires', key, value);
    if (span) {
      model.pythons.push({ ...span, label: `Pipfile ${key}`, specifiers: [seriesSpecifier(value.trim())], fixTemplate: key === 'python_version' ? '{min}' : undefined });
    }
  }
  return model;
}

