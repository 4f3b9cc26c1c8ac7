// conda environment files (`dependencies:` with conda match specs and a `pip:` sub-list) and the
// one-line version files `.python-version` (pyenv) and `runtime.txt` (`python-3.7.9`).
import type { Node } from 'yaml';
import { yamlLibrary } from '../util/yamlLibrary';
import { condaToPep440, seriesSpecifier } from './pythonSpec';
import { requirementName } from './requirements';
import { emptyModel, LineIndex, lines, type ManifestModel } from './text';
import type { ParseError } from './toml';

/**
 * Real environment files are a few kilobytes. The YAML parser slows down badly (and can run out of
 * memory) on pathological input such as 100 KB of quotes or thousands of nested `[`, which must not
 * freeze the editor, so such files are refused before parsing.
 */
const MAX_ENVIRONMENT_BYTES = 64 * 1024;
const MAX_FLOW_DEPTH = 32;

function tooHardToParse(text: string): ParseError | undefined {
  if (text.length > MAX_ENVIRONMENT_BYTES) {
    return { message: `not analysed: ${Math.round(text.length / 1024)} KB is far larger than a conda environment file`, line: 1, column: 1 };
  }
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_FLOW_DEPTH) {
        const at = new LineIndex(text).position(i);
        return { message: `not analysed: brackets nested more than ${MAX_FLOW_DEPTH} deep`, line: at.line + 1, column: at.character + 1 };
      }
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
    else if (c === 0x0a) depth = Math.min(depth, 4); // block lines reset runaway counts from unbalanced text
  }
  return undefined;
}

/** The keys conda's environment files use (`conda env create -f`); anything else is another tool's YAML. */
const CONDA_KEYS = new Set(['name', 'channels', 'dependencies', 'prefix', 'variables', 'platforms', 'channel_priority']);
/** A conda match spec: `[channel::]name[[key=value]][ ][op]version[ build]`, as written in `dependencies`. */
const CONDA_SPEC = /^(?:[^\s:]+::)?[A-Za-z0-9_][A-Za-z0-9._-]*(?:\[[^\]]*\])?(?:\s*(?:==|=|>=|<=|>|<|!=|~=)?\s*[0-9*][\w.*+!,<>=|]*(?:[\s=][\w.*]+)?)?$/;

/** Cheap test before parsing: small enough, and a top-level `dependencies:` key. */
export function mightBeCondaEnvironment(text: string): boolean {
  return text.length <= MAX_ENVIRONMENT_BYTES && /^dependencies[ \t]*:/m.test(text);
}

/**
 * A conda environment file by its content, whatever its name (`gpu_env.yml`, `conda/linux.yml`): a
 * YAML mapping with only conda's keys and a non-empty `dependencies` list of conda specs (and a
 * `pip:` list). GitHub workflows, docker-compose files, Ansible roles, Helm charts are not.
 */
export function isCondaEnvironment(text: string): boolean {
  if (!mightBeCondaEnvironment(text) || tooHardToParse(text)) return false;
  const { isMap, isScalar, isSeq, parseDocument } = yamlLibrary();
  let root: unknown;
  try {
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
    if (doc.errors.length > 0) return false;
    root = doc.contents;
  } catch {
    return false;
  }
  if (!isMap(root)) return false;
  if (!root.items.every((pair) => isScalar(pair.key) && CONDA_KEYS.has(String(pair.key.value)))) return false;
  const deps = root.get('dependencies', true);
  if (!isSeq(deps) || deps.items.length === 0) return false;
  return deps.items.every((item) => {
    if (isScalar(item)) return typeof item.value === 'string' && CONDA_SPEC.test(item.value.trim());
    return isMap(item) && item.items.length === 1 && isScalar(item.items[0].key) && item.items[0].key.value === 'pip';
  });
}

export function parseCondaEnvironment(text: string): { model: ManifestModel } | { error: ParseError } {
  const refused = tooHardToParse(text);
  if (refused) return { error: refused };
  // prettyErrors would format every error with its context (quadratic on broken input); only the first is reported.
  const { isMap, isScalar, isSeq, parseDocument } = yamlLibrary();
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const at = new LineIndex(text).position(Math.min(e.pos[0], text.length));
    return { error: { message: `invalid YAML: ${e.message.split('\n')[0]}`, line: at.line + 1, column: at.character + 1 } };
  }
  const model = emptyModel();
  const root = doc.contents;
  if (!isMap(root)) return { model };
  const deps = root.get('dependencies', true);
  if (!isSeq(deps)) return { model };
  for (const item of deps.items) {
    if (isScalar(item)) pushCondaSpec(model, item, text);
    else if (isMap(item)) {
      const pip = item.get('pip', true);
      if (!isSeq(pip)) continue;
      for (const p of pip.items) {
        const span = scalarSpan(p, text);
        if (!span) continue;
        const found = requirementName(span.value, span.start);
        if (found) model.packages.push(found);
      }
    }
  }
  return { model };
}

/** The scalar's string value and where its text starts (inside the quotes if quoted). */
function scalarSpan(node: unknown, text: string): { value: string; start: number } | undefined {
  if (!yamlLibrary().isScalar(node) || !(node as Node).range) return undefined;
  const value = String(node.value ?? '');
  const start = (node as Node).range![0];
  const quoted = text[start] === '"' || text[start] === "'";
  return { value, start: quoted ? start + 1 : start };
}

/** `channel::name>=1.0=build`, `python=3.8`, `python 3.8.*`: the name, and for python the version. */
function pushCondaSpec(model: ManifestModel, node: unknown, text: string): void {
  const span = scalarSpan(node, text);
  if (!span) return;
  const m = /^(?:[^:\s]+::)?([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(span.value);
  if (!m) return;
  const nameStart = span.start + m[0].length - m[1].length;
  const name = m[1];
  if (name.toLowerCase() !== 'python') {
    model.packages.push({ name, start: nameStart, end: nameStart + name.length });
    return;
  }
  let versionPart = span.value.slice(m[0].length);
  let offset = m[0].length;
  // The bracket form: `python[version=">=3.6,<3.8"]` (or build=…, which says nothing of the version).
  const bracket = /^\[.*?\bversion\s*=\s*(["']?)([^"'\],]+(?:,[^"'\],]+)*)\1/.exec(versionPart);
  if (versionPart.startsWith('[')) {
    if (!bracket) return;
    offset += bracket[0].length - bracket[1].length - bracket[2].length;
    versionPart = bracket[2];
  }
  const version = versionPart.trim();
  if (version === '') return;
  const start = span.start + offset + (versionPart.length - versionPart.trimStart().length);
  // `=3.7.9=h7579374_0`: name=version=build; the build string goes with the version it was built for.
  const pin = /^(=?=?\d+(?:\.\d+)*(?:\.\*)?)=[A-Za-z0-9_.*]+$/.exec(version)?.[1] ?? version;
  const exact = /^=?=?(\d+(?:\.\d+)*)$/.exec(pin);
  model.pythons.push({
    start,
    end: start + version.length,
    label: 'conda python',
    specifiers: condaToPep440(pin),
    // A plain pin (`=3.8`, `==3.8.10`, with or without a build) becomes `=<min>`; ranges are left to the author.
    fixTemplate: exact && !bracket ? (version.startsWith('=') ? '={min}' : '{min}') : undefined,
  });
}

/** `.python-version`: one version per line (pyenv allows several); `system` and non-CPython distributions are skipped. */
export function parsePythonVersionFile(text: string): ManifestModel {
  const model = emptyModel();
  for (const line of lines(text)) {
    const content = line.text.replace(/#.*$/, '');
    const m = /^\s*(?:cpython-|pypy|graalpy)?((?:2|3)\.\d+(?:\.\d+)?)(\S*)/.exec(content);
    if (!m) continue;
    const start = line.start + m.index + m[0].length - m[1].length - m[2].length;
    const plainCpython = !/^\s*(pypy|graalpy)/.test(content);
    model.pythons.push({
      start,
      end: start + m[1].length,
      label: '.python-version',
      specifiers: [seriesSpecifier(m[1])],
      fixTemplate: plainCpython ? '{min}' : undefined,
    });
  }
  return model;
}

/** `runtime.txt` (Heroku and similar): `python-3.7.9`. */
export function parseRuntimeTxt(text: string): ManifestModel {
  const model = emptyModel();
  const m = /^[ \t]*python-(\d+\.\d+(?:\.\d+)?)/m.exec(text);
  if (m) {
    const start = m.index + m[0].length - m[1].length;
    model.pythons.push({ start, end: start + m[1].length, label: 'runtime.txt', specifiers: [seriesSpecifier(m[1])], fixTemplate: '{min}' });
  }
  return model;
}
