// Pure evidence detectors: does this file's text show a roadmap step was done? They look at code
// tokens only (see pythonTokens.ts), so names in comments and strings do not count.
import { tokenize, type Token } from './pythonTokens';
import type { DetectorId } from './types';

export const DETECTOR_DESCRIPTIONS: Record<DetectorId, string> = {
  'python-basics': 'a script with functions and loops',
  'csv-plot': 'reads a CSV file and plots it',
  'sklearn-california': 'fits a scikit-learn model on California Housing',
  'torch-mnist': 'trains a PyTorch model on MNIST',
  'kaggle-submission': 'a Kaggle submission or API key file',
  'ml-project': 'trains a model for a spam, sentiment or weather project',
};

/** Code tokens of a file, with lookups the detectors share. */
class Code {
  readonly tokens: Token[];
  private readonly names = new Set<string>();

  constructor(source: string) {
    this.tokens = tokenize(source).filter((t) => t.kind !== 'comment');
    for (const t of this.tokens) if (t.kind === 'name') this.names.add(t.value);
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** `name(` anywhere, including `x.name(`. */
  calls(name: string): boolean {
    return this.find((t, i) => t.kind === 'name' && t.value === name && this.isOp(i + 1, '('));
  }

  /** `.name(`: a method call. */
  callsMethod(name: string): boolean {
    return this.find((t, i) => t.kind === 'name' && t.value === name && this.isOp(i - 1, '.') && this.isOp(i + 1, '('));
  }

  /** `import module…` or `from module… import`. */
  imports(module: string): boolean {
    return this.find((t, i) => t.kind === 'name' && (t.value === 'import' || t.value === 'from') && this.tokens[i + 1]?.kind === 'name' && this.tokens[i + 1].value === module);
  }

  strings(): string[] {
    return this.tokens.filter((t) => t.kind === 'string').map((t) => t.value);
  }

  private isOp(i: number, value: string): boolean {
    const t = this.tokens[i];
    return t !== undefined && t.kind === 'op' && t.value === value;
  }

  private find(pred: (t: Token, i: number) => boolean): boolean {
    return this.tokens.some(pred);
  }
}

const PLOT_CALLS = ['plot', 'scatter', 'hist', 'bar', 'barh', 'boxplot', 'imshow', 'pie', 'lineplot', 'scatterplot', 'histplot', 'barplot', 'heatmap', 'pairplot', 'line'];
const CSV_READERS = ['read_csv', 'loadtxt', 'genfromtxt'];
const PROJECT_WORDS = /spam|sentiment|tweet|weather/i;

type Detector = (code: Code) => boolean;

const DETECTORS: Record<Exclude<DetectorId, 'kaggle-submission'>, Detector> = {
  'python-basics': (c) => c.has('def') && (c.has('for') || c.has('while')),
  'csv-plot': (c) => {
    const readsCsv = CSV_READERS.some((f) => c.calls(f)) || (c.imports('csv') && (c.callsMethod('reader') || c.callsMethod('DictReader')));
    const plots = (c.imports('matplotlib') || c.imports('seaborn') || c.imports('plotly') || c.imports('pandas')) && PLOT_CALLS.some((f) => c.calls(f));
    return readsCsv && plots;
  },
  'sklearn-california': (c) => c.calls('fetch_california_housing') && c.callsMethod('fit'),
  'torch-mnist': (c) => c.imports('torch') && c.has('MNIST') && c.callsMethod('backward'),
  'ml-project': (c) =>
    (c.callsMethod('fit') || c.callsMethod('backward')) &&
    (c.tokens.some((t) => t.kind === 'name' && PROJECT_WORDS.test(t.value)) || c.strings().some((s) => PROJECT_WORDS.test(s))),
};

const KAGGLE_FILES = new Set(['submission.csv', 'kaggle.json']);

/** Whether a path is a Kaggle file by its name alone (its content is never read: kaggle.json holds a key). */
export function isKaggleFile(path: string): boolean {
  const base = path.split(/[/\\]/).pop() ?? '';
  return KAGGLE_FILES.has(base.toLowerCase());
}

/** The code of a notebook's code cells, IPython magics and shell lines removed; `undefined` if unreadable. */
export function notebookCode(text: string): string | undefined {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch {
    return undefined;
  }
  const cells = (nb as { cells?: unknown })?.cells;
  if (!Array.isArray(cells)) return undefined;
  const parts: string[] = [];
  for (const cell of cells) {
    if (!cell || typeof cell !== 'object' || (cell as { cell_type?: unknown }).cell_type !== 'code') continue;
    const src = (cell as { source?: unknown }).source;
    const text = Array.isArray(src) ? src.filter((s) => typeof s === 'string').join('') : typeof src === 'string' ? src : '';
    parts.push(text.split('\n').filter((l) => !/^\s*[%!]/.test(l)).join('\n'));
  }
  return parts.join('\n');
}

/** Which detectors a Python source matches (a script also writing `submission.csv` counts for Kaggle). */
export function detectInSource(source: string): DetectorId[] {
  const code = new Code(source);
  const found: DetectorId[] = [];
  for (const [id, detect] of Object.entries(DETECTORS) as [DetectorId, Detector][]) {
    if (detect(code)) found.push(id);
  }
  if (code.callsMethod('to_csv') && code.strings().some((s) => /(^|[/\\])submission\.csv$/i.test(s))) found.push('kaggle-submission');
  return found;
}

/** Detectors matched by a workspace file given its path and text (`.py` or `.ipynb`). */
export function detectInFile(path: string, text: string): DetectorId[] {
  if (/\.ipynb$/i.test(path)) {
    const code = notebookCode(text);
    return code === undefined ? [] : detectInSource(code);
  }
  return detectInSource(text);
}
