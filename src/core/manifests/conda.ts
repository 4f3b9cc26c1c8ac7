// conda environment files (`dependencies:` with conda match specs and a `pip:` sub-list) and the
// one-line version files `.python-version` (pyenv) and `runtime.txt` (`python-3.7.9`).
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { condaToPep440, seriesSpecifier } from './pythonSpec';
import { requirementName } from './requirements';
import { emptyModel, lines, type ManifestModel } from './text';
import type { ParseError } from './toml';

export function parseCondaEnvironment(text: string): { model: ManifestModel } | { error: ParseError } {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    return { error: { message: `invalid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, line: pos?.line ?? 1, column: pos?.col ?? 1 } };
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
  if (!isScalar(node) || !(node as Node).range) return undefined;
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
  const m = /^\s*python-(\d+\.\d+(?:\.\d+)?)/m.exec(text);
  if (m) {
    const start = m.index + m[0].length - m[1].length;
    model.pythons.push({ start, end: start + m[1].length, label: 'runtime.txt', specifiers: [seriesSpecifier(m[1])], fixTemplate: '{min}' });
  }
  return model;
}
