// No snippet prefix can come up while a person types ordinary Python. The model below follows VS Code 1.100's
// snippet completion (snippetCompletionProvider.ts: anchors at word starts and punctuation, the prefix must contain
// the typed text in order) and its suggest filter (filters.ts fuzzyScore: the first typed character must match at
// the prefix start, after a separator or on a capital). The real-editor test (snippetsTyping.test.ts) checks the
// same with the `type` command and Enter; this one checks every line of Python we have at hand.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadSnippetCatalogue, resolveSnippet } from '../../src/core/snippets';
import { repoRoot } from './repoRoot';

/** Python's word pattern in VS Code: anything but these punctuation marks and whitespace. */
const NON_WORD = new Set('`~!@#$%^&*()-=+[{]}\\|;:\'",.<>/?');
const isWordChar = (c: string): boolean => !NON_WORD.has(c) && !/\s/.test(c);
/** filters.ts isSeparatorAtPos. */
const SEPARATORS = new Set('_-. /\\\'":$<>()[]{}');

function isSubsequence(text: string, of: string, from = 0): boolean {
  let j = from;
  for (const c of text) {
    j = of.indexOf(c, j);
    if (j < 0) return false;
    j++;
  }
  return true;
}

function isStrongAt(label: string, j: number): boolean {
  if (j === 0) return true;
  const upper = (k: number) => label[k] !== label[k].toLowerCase();
  if (upper(j) && !upper(j - 1)) return true;
  if (SEPARATORS.has(label[j]) && !SEPARATORS.has(label[j - 1])) return true;
  return SEPARATORS.has(label[j - 1]) || /\s/.test(label[j - 1]);
}

/** Would VS Code show the snippet with this prefix in the suggestions opened while typing `line` (cursor at its end)? */
export function offeredAtLineEnd(line: string, prefix: string): boolean {
  const end = line.length;
  if (end === 0 || !isWordChar(line[end - 1])) return false; // quick suggestions open only at the end of a word
  let wordStart = end;
  while (wordStart > 0 && isWordChar(line[wordStart - 1])) wordStart--;
  if (!Number.isNaN(Number(line.slice(wordStart)))) return false;
  const low = line.toLowerCase();
  const prefixLow = prefix.toLowerCase();
  for (let i = 0; i <= wordStart; i++) {
    const anchor = i === wordStart || !isWordChar(low[i]) || (i > 0 ? !isWordChar(low[i - 1]) : true);
    if (!anchor || /\s/.test(low[i])) continue;
    const typed = low.slice(i);
    if (!isSubsequence(typed, prefixLow)) continue;
    // The first anchor that matches is the one VS Code uses; the suggest widget then wants a strong first match.
    for (let j = 0; j < prefixLow.length; j++) {
      if (prefixLow[j] === typed[0] && isStrongAt(prefix, j) && isSubsequence(typed.slice(1), prefixLow, j + 1)) return true;
    }
    return false;
  }
  return false;
}

function pythonLines(): string[] {
  const root = repoRoot();
  const lines: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.py')) lines.push(...fs.readFileSync(p, 'utf8').split('\n'));
    }
  };
  walk(path.join(root, 'test'));
  for (const s of loadSnippetCatalogue()) lines.push(...resolveSnippet(s.body).split('\n'));
  return lines.map((l) => l.trimEnd()).filter(Boolean);
}

describe('snippet prefixes and ordinary typing', () => {
  const prefixes = loadSnippetCatalogue().map((s) => s.prefix);

  it('the model flags the old scheme that hijacked Enter (np-array after "import numpy as np")', () => {
    assert.equal(offeredAtLineEnd('import numpy as np', 'np-array'), true);
    assert.equal(offeredAtLineEnd('    return loss', 'plt-loss-curve'), true);
    assert.equal(offeredAtLineEnd('x = data', 'ai-tf-data'), true);
  });

  it('typing the library prefix still offers the snippet', () => {
    for (const p of prefixes) {
      const library = p.slice(0, p.indexOf('+'));
      assert.ok(offeredAtLineEnd(library, p), `${library} does not offer ${p}`);
      assert.ok(offeredAtLineEnd(`x = 1\n${p}`.split('\n')[1], p));
    }
  });

  it('no line of Python in the repository (tests, samples, snippet bodies) brings up a snippet at its end', () => {
    const lines = pythonLines();
    assert.ok(lines.length > 1000, `only ${lines.length} lines`);
    const hits: string[] = [];
    for (const line of lines) {
      for (const p of prefixes) if (offeredAtLineEnd(line, p)) hits.push(`${JSON.stringify(line)} -> ${p}`);
    }
    assert.deepEqual(hits.slice(0, 20), []);
  });

  it('no alias, module or common name typed alone or after "as"/"=" brings up a snippet', () => {
    const words = ['np', 'pd', 'plt', 'sns', 'tf', 'torch', 'nn', 'F', 'sk', 'keras', 'cv', 'cv2', 'hf', 'ray', 'dask', 'dd',
      'onnx', 'ort', 'flask', 'app', 'kaggle', 'data', 'mask', 'loss', 'model', 'array', 'split', 'train', 'test', 'x', 'y', 'a'];
    const hits: string[] = [];
    for (const w of words) {
      for (const line of [w, `import ${w}`, `import x as ${w}`, `y = ${w}`, `    return ${w}`, `f(a,${w}`, `a+${w}`, `a;b = ${w}`]) {
        for (const p of prefixes) if (offeredAtLineEnd(line, p)) hits.push(`${line} -> ${p}`);
      }
    }
    assert.deepEqual(hits, []);
  });
});
