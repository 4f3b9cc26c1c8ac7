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
  const versionPart = span.value.slice(m[0].length);
  const version = versionPart.trim();
  if (version === '') return;
  const start = span.start + m[0].length + (versionPart.length - versionPart.trimStart().length);
  const exact = /^=?=?(\d+(?:\.\d+)*)$/.exec(version);
  model.pythons.push({
    start,
    end: start + version.length,
    label: 'conda python',
    specifiers: condaToPep440(versionPart),
    // A plain pin (`=3.8`, `==3.8.10`) becomes `=<min>`; ranges are left to the author.
    fixTemplate: exact ? (version.startsWith('=') ? '={min}' : '{min}') : undefined,
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
