// The `.gitignore` offered with "Initialize Git repository": what a Python / ML project should not commit.
// Pure: no `vscode`.

export const PYTHON_ML_GITIGNORE: readonly string[] = [
  '# Python',
  '__pycache__/',
  '*.py[cod]',
  '*.egg-info/',
  'build/',
  'dist/',
  '# Virtual environments',
  '.venv/',
  'venv/',
  'env/',
  '.conda/',
  '# Jupyter',
  '.ipynb_checkpoints/',
  '# Tools',
  '.pytest_cache/',
  '.mypy_cache/',
  '.ruff_cache/',
  '.env',
  '# Data and trained models (large, often private: keep them out of git)',
  'data/',
  'models/',
  '*.pt',
  '*.pth',
  '*.ckpt',
  '*.h5',
  '*.onnx',
  '*.safetensors',
];

/** The whole file for a folder without a `.gitignore`. */
export function newGitignore(): string {
  return PYTHON_ML_GITIGNORE.join('\n') + '\n';
}

/**
 * The recommended patterns an existing `.gitignore` lacks (comments excluded). A pattern counts as present
 * when the file has it with or without a leading `/` or trailing `/`.
 */
export function missingGitignoreLines(existing: string): string[] {
  const normalize = (line: string) => line.trim().replace(/^\//, '').replace(/\/$/, '');
  const present = new Set(existing.split(/\r?\n/).map(normalize).filter((l) => l && !l.startsWith('#')));
  return PYTHON_ML_GITIGNORE.filter((l) => !l.startsWith('#') && !present.has(normalize(l)));
}

/** `existing` with `missing` appended under a heading, keeping the file's own line ending. */
export function appendGitignoreLines(existing: string, missing: readonly string[]): string {
  if (missing.length === 0) return existing;
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const base = existing.length === 0 || existing.endsWith('\n') ? existing : existing + eol;
  return base + (base.length ? eol : '') + ['# Added by Python for AI', ...missing].join(eol) + eol;
}
