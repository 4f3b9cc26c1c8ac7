// The snippet catalogue: one VS Code snippet file per library in `snippets/`, bundled into the extension.
// VS Code reads the same files through `contributes.snippets` for completion; this module serves the
// "Insert Snippet…" quick pick, the roadmap's "insert snippet" action, the README generator and the tests.
import dask from '../../../snippets/dask.json';
import fastapi from '../../../snippets/fastapi.json';
import flask from '../../../snippets/flask.json';
import huggingface from '../../../snippets/huggingface.json';
import kaggle from '../../../snippets/kaggle.json';
import matplotlib from '../../../snippets/matplotlib.json';
import numpy from '../../../snippets/numpy.json';
import onnx from '../../../snippets/onnx.json';
import opencv from '../../../snippets/opencv.json';
import pandas from '../../../snippets/pandas.json';
import pytorch from '../../../snippets/pytorch.json';
import ray from '../../../snippets/ray.json';
import scikitLearn from '../../../snippets/scikit-learn.json';
import tensorflowKeras from '../../../snippets/tensorflow-keras.json';
import vectorDb from '../../../snippets/vector-db.json';
import libraries from './libraries.json';
import { parseSnippet, type SnippetNode } from './syntax';

export interface SnippetLibrary {
  /** File name in `snippets/` without `.json`. */
  id: string;
  title: string;
  /** Every prefix in the file starts with one of these. */
  prefixes: string[];
  /** Fewest snippets the library may have (the core libraries need more). */
  minimum: number;
}

export interface SnippetEntry {
  library: string;
  libraryTitle: string;
  prefix: string;
  /** The key in the snippet file, shown as the snippet's name. */
  name: string;
  description: string;
  /** Snippet syntax (tab stops, placeholders), lines joined with `\n`; insert with `new SnippetString(body)`. */
  body: string;
}

export const SNIPPET_LIBRARIES: readonly SnippetLibrary[] = libraries;

/** Parsed snippet files by library id, as bundled. */
export const SNIPPET_FILES: Readonly<Record<string, unknown>> = {
  numpy,
  pandas,
  matplotlib,
  'scikit-learn': scikitLearn,
  pytorch,
  'tensorflow-keras': tensorflowKeras,
  opencv,
  huggingface,
  fastapi,
  flask,
  onnx,
  ray,
  dask,
  'vector-db': vectorDb,
  kaggle,
};

export const MINIMUM_SNIPPETS = 80;
// ";" then lower-case words joined by "+" (";pd+read+csv"). VS Code offers a snippet while typing only when the
// text typed since a word start or a punctuation mark is a subsequence of its prefix whose first character sits at
// the prefix start, after a separator (- _ . space ( : ...) or on a capital. Here only ";" opens a match: Python never
// puts it right before a word, "+" is no separator and there are no capitals, so `np`, `data` or `loss` at the
// end of a line cannot bring up a snippet, and Enter gives the line as typed.
const PREFIX_SHAPE = /^;[a-z][a-z0-9]*(\+[a-z0-9]+)+$/;
const ALLOWED_KEYS = new Set(['prefix', 'body', 'description']);

/** Validates one snippet file's parsed JSON against our rules; returns the snippets that pass. */
export function validateSnippetFile(library: SnippetLibrary, json: unknown): { snippets: SnippetEntry[]; problems: string[] } {
  const problems: string[] = [];
  const snippets: SnippetEntry[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { snippets, problems: [`${library.id}.json: expected an object of snippets`] };
  }
  for (const [name, value] of Object.entries(json)) {
    const where = `${library.id}.json "${name}"`;
    const found = snippetProblems(library, name, value);
    problems.push(...found.map((p) => `${where}: ${p}`));
    if (found.length === 0) {
      const { prefix, body, description } = value as { prefix: string; body: string[]; description: string };
      snippets.push({ library: library.id, libraryTitle: library.title, prefix, name, description, body: body.join('\n') });
    }
  }
  if (snippets.length < library.minimum) problems.push(`${library.id}.json: ${snippets.length} valid snippets, at least ${library.minimum} expected`);
  return { snippets, problems };
}

function snippetProblems(library: SnippetLibrary, name: string, value: unknown): string[] {
  if (!name.trim()) return ['the snippet name is empty'];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['expected an object with prefix, body and description'];
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(record)) if (!ALLOWED_KEYS.has(key)) problems.push(`unexpected field "${key}"`);
  const { prefix, body, description } = record;
  if (typeof prefix !== 'string') problems.push('"prefix" must be a string');
  else if (!PREFIX_SHAPE.test(prefix)) problems.push(`prefix "${prefix}" is not ";" then lower-case words joined by "+"`);
  else if (!library.prefixes.some((p) => prefix.startsWith(p))) problems.push(`prefix "${prefix}" does not start with ${library.prefixes.join(' or ')}`);
  if (typeof description !== 'string' || !description.trim()) problems.push('"description" must be a non-empty string');
  if (!Array.isArray(body) || !body.every((line): line is string => typeof line === 'string')) {
    problems.push('"body" must be an array of lines');
    return problems;
  }
  if (body.filter((line) => line.trim()).length < 3) problems.push('the body has fewer than 3 lines: completion already offers one-liners');
  body.forEach((line, i) => {
    if (/\s$/.test(line)) problems.push(`body line ${i + 1} ends with whitespace`);
    if (/^\t* /.test(line)) problems.push(`body line ${i + 1} is indented with spaces; use \\t so the editor's indentation applies`);
    if (/[^\t]\t/.test(line)) problems.push(`body line ${i + 1} has a tab after its indentation`);
  });
  const parsed = parseSnippet(body.join('\n'));
  problems.push(...parsed.problems);
  problems.push(...tabStopProblems(parsed.nodes));
  return problems;
}

/** Every tab stop except `$0` shows a meaningful default: a placeholder, a choice, or a mirror of one. */
function tabStopProblems(nodes: SnippetNode[]): string[] {
  const defined = new Set<number>();
  const used = new Set<number>();
  const walk = (list: SnippetNode[]) => {
    for (const node of list) {
      if (node.kind !== 'tabstop') {
        if (node.kind === 'variable' && node.children) walk(node.children);
        continue;
      }
      used.add(node.index);
      if ((node.children && node.children.length > 0) || (node.choices && node.choices.length > 0 && node.choices.every((c) => c.length > 0))) defined.add(node.index);
      if (node.children) walk(node.children);
    }
  };
  walk(nodes);
  const problems: string[] = [];
  for (const index of used) if (index !== 0 && !defined.has(index)) problems.push(`tab stop $${index} has no default (write \${${index}:default})`);
  if (defined.size === 0) problems.push('no tab stop with a default: give the values a learner changes a placeholder');
  return problems;
}

/** Validates every bundled file and the catalogue as a whole (unique prefixes, counts). */
export function checkSnippetCatalogue(files: Readonly<Record<string, unknown>> = SNIPPET_FILES): { snippets: SnippetEntry[]; problems: string[] } {
  const problems: string[] = [];
  const snippets: SnippetEntry[] = [];
  for (const library of SNIPPET_LIBRARIES) {
    if (!(library.id in files)) {
      problems.push(`${library.id}.json is missing`);
      continue;
    }
    const result = validateSnippetFile(library, files[library.id]);
    problems.push(...result.problems);
    snippets.push(...result.snippets);
  }
  for (const id of Object.keys(files)) if (!SNIPPET_LIBRARIES.some((l) => l.id === id)) problems.push(`${id}.json is not a known library`);
  const owners = new Map<string, string>();
  for (const s of snippets) {
    const other = owners.get(s.prefix);
    if (other) problems.push(`prefix "${s.prefix}" is used by "${other}" and "${s.name}"`);
    else owners.set(s.prefix, s.name);
  }
  if (snippets.length < MINIMUM_SNIPPETS) problems.push(`${snippets.length} snippets in all, at least ${MINIMUM_SNIPPETS} expected`);
  return { snippets, problems };
}

let cached: SnippetEntry[] | undefined;

/** Every valid snippet, grouped by library in the order of `libraries.json`. Invalid entries are left out. */
export function loadSnippetCatalogue(): SnippetEntry[] {
  cached ??= checkSnippetCatalogue().snippets;
  return cached.map((s) => ({ ...s }));
}

export function findSnippet(prefix: string): SnippetEntry | undefined {
  return loadSnippetCatalogue().find((s) => s.prefix === prefix);
}
