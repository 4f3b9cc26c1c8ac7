// setuptools metadata: setup.cfg (INI) and setup.py (a simple scan of literal keyword arguments).
import { requirementName } from './requirements';
import { emptyModel, lines, type ManifestModel } from './text';

const REQUIREMENT_KEYS = new Set(['install_requires', 'tests_require', 'setup_requires']);

/** setup.cfg: `python_requires` and the requirement lists in `[options]` and `[options.extras_require]`. */
export function parseSetupCfg(text: string): ManifestModel {
  const model = emptyModel();
  let section = '';
  let listKey: string | undefined; // the key whose indented continuation lines are requirements
  for (const line of lines(text)) {
    const header = /^\s*\[([^\]]+)\]/.exec(line.text);
    if (header) {
      section = header[1].trim().toLowerCase();
      listKey = undefined;
      continue;
    }
    if (/^\s*([#;]|$)/.test(line.text)) continue;
    const continuation = /^\s/.test(line.text);
    if (continuation && listKey) {
      pushRequirement(model, line.text, line.start);
      continue;
    }
    const entry = /^([A-Za-z0-9_.-]+)\s*[=:]\s*(.*)$/.exec(line.text);
    listKey = undefined;
    if (!entry) continue;
    const key = entry[1].toLowerCase();
    const valueStart = line.start + line.text.length - entry[2].length;
    if (section === 'options' && key === 'python_requires') {
      const comment = /\s[#;]/.exec(entry[2]);
      const value = (comment ? entry[2].slice(0, comment.index) : entry[2]).trim();
      if (value) {
        model.pythons.push({ start: valueStart, end: valueStart + value.length, label: 'python_requires', specifiers: [value], fixTemplate: '>={min}' });
      }
    } else if ((section === 'options' && REQUIREMENT_KEYS.has(key)) || section === 'options.extras_require') {
      listKey = key;
      pushRequirement(model, entry[2], valueStart);
    }
  }
  return model;
}

function pushRequirement(model: ManifestModel, raw: string, offset: number): void {
  const value = raw.replace(/(^|\s)[#;].*$/, '');
  if (value.trim() === '') return;
  const found = requirementName(value.trim().replace(/,$/, ''), offset + value.length - value.trimStart().length);
  if (found) model.packages.push(found);
}

const STRING = /(?:[rRbBuU]{0,2})("""|'''|"|')((?:\\.|(?!\1)[^\\\n])*)\1/g;
/** The same, anchored where it is tried (skipping a string in `matchingBracket` must not search ahead). */
const STRING_AT = new RegExp(STRING.source, 'y');

/**
 * setup.py: `python_requires="…"` and the string literals of `install_requires=[…]` /
 * `extras_require={…}`. Only literals are read; computed values are left alone.
 */
export function parseSetupPy(text: string): ManifestModel {
  const model = emptyModel();
  const python = /\bpython_requires\s*=\s*(?:[rRuU])?(["'])([^"'\n]*)\1/.exec(text);
  if (python) {
    const start = python.index + python[0].length - 1 - python[2].length;
    model.pythons.push({ start, end: start + python[2].length, label: 'python_requires', specifiers: [python[2]], fixTemplate: '>={min}' });
  }
  const lists = /\b(install_requires|extras_require|tests_require)\s*=\s*([[{(])/g;
  for (let m = lists.exec(text); m; m = lists.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = matchingBracket(text, open);
    STRING.lastIndex = open;
    for (let s = STRING.exec(text); s && s.index < close; s = STRING.exec(text)) {
      // In extras_require dicts the keys are group names; they are followed by `:`.
      if (m[2] === '{' && /^\s*:/.test(text.slice(s.index + s[0].length, s.index + s[0].length + 4))) continue;
      const found = requirementName(s[2], s.index + s[0].length - s[1].length - s[2].length);
      if (found) model.packages.push(found);
    }
  }
  return model;
}

/** Offset of the bracket closing the one at `open` (strings and comments skipped), or the text end. */
function matchingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if (c === '"' || c === "'") {
      STRING_AT.lastIndex = i;
      const s = STRING_AT.exec(text);
      if (s) i += s[0].length - 1;
    } else if (c === '[' || c === '{' || c === '(') depth++;
    else if (c === ']' || c === '}' || c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return text.length;
}
