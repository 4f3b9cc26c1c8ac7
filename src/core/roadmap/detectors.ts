// Pure evidence detectors: does this file's text show the real work of a roadmap step? They look at
// code tokens only (see pythonTokens.ts), so names in comments and strings do not count. Each asks
// for the step's work, not its setup: a model fitted AND measured, a training loop that steps the
// optimizer, a CSV read AND summarised AND plotted. Unchanged starters and files with the step's
// pitfalls are set aside by fileEvidence.ts.
import { formattedFields, tokenize, type Token } from './pythonTokens';
import type { DetectorId } from './types';

/** What a detector found, said after "Detected:" (English; core has no localization). */
export const DETECTOR_DESCRIPTIONS: Record<DetectorId, string> = {
  'python-basics': 'a script with a function it calls and a loop',
  'csv-plot': 'reads a CSV file, summarises it and plots it',
  'sklearn-california': 'fits and evaluates a model on California Housing',
  'torch-mnist': 'trains a PyTorch model on MNIST (backward and optimizer step in a loop)',
  'kaggle-submission': 'a trained model\'s predictions written to a submission CSV',
  'ml-project': 'trains and evaluates a spam, sentiment or weather model',
  'hf-transformers': 'runs a Hugging Face model (pipeline or from_pretrained)',
  'model-api': 'serves a loaded model from a FastAPI or Flask route',
  'onnx-export': 'exports a model to ONNX or runs one with ONNX Runtime',
  'vector-search': 'stores vectors in a vector database and searches them',
};

/** Code tokens of a file, with lookups the detectors share. */
export class Code {
  readonly tokens: Token[];
  private readonly names = new Set<string>();

  constructor(source: string) {
    // An f-string's fields are code (`print(f"MAE {mean_absolute_error(y, p):.2f}")` measures the model).
    this.tokens = tokenize(source).flatMap((t) => (t.kind === 'comment' ? [] : t.formatted ? [t, ...new Code(formattedFields(t.value)).tokens] : [t]));
    for (const t of this.tokens) if (t.kind === 'name') this.names.add(t.value);
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** `name(` anywhere, including `x.name(`, but not `def name(`. */
  calls(...names: string[]): boolean {
    return this.find((t, i) => t.kind === 'name' && names.includes(t.value) && this.isOp(i + 1, '(') && !this.isName(i - 1, 'def'));
  }

  /** `.name(`: a method call. */
  callsMethod(...names: string[]): boolean {
    return this.find((t, i) => t.kind === 'name' && names.includes(t.value) && this.isOp(i - 1, '.') && this.isOp(i + 1, '('));
  }

  /** A call of a name matching `pattern` (`mean_squared_error(`, `metrics.r2_score(`). */
  callsMatching(pattern: RegExp): boolean {
    return this.find((t, i) => t.kind === 'name' && pattern.test(t.value) && this.isOp(i + 1, '(') && !this.isName(i - 1, 'def'));
  }

  /** `import module…` (any of a comma list) or `from module… import`, by the first dotted part. */
  imports(...modules: string[]): boolean {
    return this.find((t, i) => {
      if (t.kind !== 'name') return false;
      if (t.value === 'from') return this.tokens[i + 1]?.kind === 'name' && modules.includes(this.tokens[i + 1].value);
      if (t.value !== 'import') return false;
      // `import a.b as c, d`: the first name after `import` and after each comma.
      let expectModule = true;
      for (let k = i + 1; k < this.tokens.length; k++) {
        const m = this.tokens[k];
        if (expectModule) {
          if (m.kind !== 'name') return false;
          if (modules.includes(m.value)) return true;
          expectModule = false;
        } else if (m.kind === 'op' && m.value === ',') expectModule = true;
        else if (!(m.kind === 'name' && (m.value === 'as' || this.isOp(k - 1, '.') || this.isName(k - 1, 'as'))) && !(m.kind === 'op' && m.value === '.')) return false;
      }
      return false;
    });
  }

  /** A decorator `@x.name(`: a web route (`@app.get(`, `@app.route(`). */
  decorates(...names: string[]): boolean {
    return this.find((t, i) => t.kind === 'op' && t.value === '@' && this.tokens.slice(i + 1, i + 6).some((u, k) => u.kind === 'name' && names.includes(u.value) && this.isOp(i + k, '.') && this.isOp(i + k + 2, '(')));
  }

  /** Names defined with `def`. */
  defined(): string[] {
    return this.tokens.flatMap((t, i) => (t.kind === 'name' && this.isName(i - 1, 'def') ? [t.value] : []));
  }

  strings(): string[] {
    return this.tokens.filter((t) => t.kind === 'string').map((t) => t.value);
  }

  private isOp(i: number, value: string): boolean {
    const t = this.tokens[i];
    return t !== undefined && t.kind === 'op' && t.value === value;
  }

  private isName(i: number, value: string): boolean {
    const t = this.tokens[i];
    return t !== undefined && t.kind === 'name' && t.value === value;
  }

  private find(pred: (t: Token, i: number) => boolean): boolean {
    return this.tokens.some(pred);
  }
}

const PLOT_CALLS = ['plot', 'scatter', 'hist', 'bar', 'barh', 'boxplot', 'imshow', 'pie', 'lineplot', 'scatterplot', 'histplot', 'barplot', 'heatmap', 'pairplot', 'line', 'relplot', 'catplot', 'displot', 'countplot'];
const CSV_READERS = ['read_csv', 'loadtxt', 'genfromtxt'];
/** Computing something from the table: the "averages" of the step. */
const SUMMARIES = ['mean', 'median', 'describe', 'groupby', 'average', 'agg', 'aggregate', 'sum', 'std', 'value_counts', 'pivot_table', 'resample', 'rolling', 'max', 'min', 'nanmean', 'corr'];
const PROJECT_WORDS = /spam|sentiment|tweet|weather/i;
/** Names of the MNIST family that torchvision and course code use. Fashion-MNIST is what the PyTorch quickstart (linked from the step) trains on. */
const MNIST_NAMES = ['MNIST', 'FashionMNIST', 'EMNIST', 'KMNIST', 'QMNIST'];
/** A file name or dataset id such as "mnist_train.csv", 'mnist_784', "data/MNIST". */
const MNIST_STRING = /^[\w./\\:~-]*mnist[\w./\\:~-]*$/i;
/** A submission file a script writes (Kaggle's tutorial names it my_submission.csv); the downloaded examples are inputs. */
const SUBMISSION_FILE = /(^|[/\\])[\w-]*submission[\w-]*\.csv$/i;
const DOWNLOADED_SUBMISSION = /(^|[/\\])(sample_submission|gender_submission|sample-submission)\.csv$/i;

/** Measuring a fitted model: a metric function, `.score(`, Keras's `.evaluate(`, cross-validation, or predictions compared by hand. */
function evaluates(c: Code): boolean {
  return (
    c.callsMatching(/^[a-z0-9_]*(_error|_score|_loss)$/) ||
    c.calls('cross_val_score', 'cross_validate', 'classification_report', 'confusion_matrix', 'ConfusionMatrixDisplay') ||
    c.callsMethod('score', 'evaluate') ||
    (c.callsMethod('predict') && c.calls('mean', 'sqrt', 'abs', 'sum'))
  );
}

function trains(c: Code): boolean {
  return c.callsMethod('fit', 'fit_transform') || (c.callsMethod('backward') && c.callsMethod('step')) || c.callsMethod('train');
}

function loops(c: Code): boolean {
  return c.has('for') || c.has('while');
}

type Detector = (code: Code) => boolean;

const DETECTORS: Record<DetectorId, Detector> = {
  'python-basics': (c) => {
    const defined = new Set(c.defined());
    return defined.size > 0 && loops(c) && [...defined].some((name) => c.calls(name));
  },
  'csv-plot': (c) => {
    const readsCsv = c.calls(...CSV_READERS) || (c.imports('csv') && c.callsMethod('reader', 'DictReader'));
    const plots = c.imports('matplotlib', 'seaborn', 'plotly', 'pandas') && c.calls(...PLOT_CALLS);
    return readsCsv && plots && c.calls(...SUMMARIES);
  },
  'sklearn-california': (c) => c.calls('fetch_california_housing') && c.callsMethod('fit') && evaluates(c),
  'torch-mnist': (c) =>
    c.imports('torch', 'torchvision') &&
    (MNIST_NAMES.some((n) => c.has(n)) || c.strings().some((s) => MNIST_STRING.test(s))) &&
    loops(c) &&
    c.callsMethod('backward') &&
    c.callsMethod('step'),
  'kaggle-submission': (c) =>
    c.callsMethod('to_csv') &&
    c.strings().some((s) => SUBMISSION_FILE.test(s) && !DOWNLOADED_SUBMISSION.test(s)) &&
    trains(c) &&
    (c.callsMethod('predict', 'predict_proba', 'argmax') || c.calls('argmax')),
  'ml-project': (c) =>
    trains(c) && evaluates(c) && (c.tokens.some((t) => t.kind === 'name' && PROJECT_WORDS.test(t.value)) || c.strings().some((s) => PROJECT_WORDS.test(s))),
  'hf-transformers': (c) => c.imports('transformers') && (c.calls('pipeline') || c.callsMethod('from_pretrained')),
  'model-api': (c) =>
    c.imports('fastapi', 'flask') &&
    c.decorates('get', 'post', 'put', 'route') &&
    (c.calls('load', 'load_model', 'from_pretrained', 'InferenceSession', 'pipeline') || c.callsMethod('load_state_dict')) &&
    (c.callsMethod('predict', 'predict_proba', 'run') || c.calls('model', 'classifier', 'pipe', 'session')),
  'onnx-export': (c) =>
    (c.imports('torch') && c.has('onnx') && c.callsMethod('export')) ||
    c.calls('convert_sklearn', 'to_onnx', 'from_keras', 'from_sklearn') ||
    (c.calls('InferenceSession') && c.callsMethod('run')),
  'vector-search': (c) =>
    c.imports('chromadb', 'faiss', 'qdrant_client', 'pymilvus', 'pinecone', 'lancedb', 'weaviate') &&
    c.callsMethod('add', 'upsert', 'insert', 'add_documents', 'add_texts') &&
    c.callsMethod('search', 'query', 'query_points', 'similarity_search'),
};

/** Whether a path is a submission CSV (by name; `sample_submission.csv` and `gender_submission.csv` are Kaggle's downloads). */
export function isKaggleFile(path: string): boolean {
  return SUBMISSION_FILE.test(path) && !DOWNLOADED_SUBMISSION.test(path);
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

/** Which detectors a Python source matches. */
export function detectInSource(source: string): DetectorId[] {
  return detectInCode(new Code(source));
}

export function detectInCode(code: Code): DetectorId[] {
  return (Object.entries(DETECTORS) as [DetectorId, Detector][]).filter(([, detect]) => detect(code)).map(([id]) => id);
}

/** The Python code of a workspace file (`.py` as is, `.ipynb` its code cells); `undefined` if unreadable. */
export function sourceOf(path: string, text: string): string | undefined {
  return /\.ipynb$/i.test(path) ? notebookCode(text) : text;
}

/** Detectors matched by a workspace file given its path and text (`.py` or `.ipynb`). */
export function detectInFile(path: string, text: string): DetectorId[] {
  const code = sourceOf(path, text);
  return code === undefined ? [] : detectInSource(code);
}
