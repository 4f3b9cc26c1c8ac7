// Pure helpers behind the editor's pitfall checks: exclusion globs, the .gitignore offered with git init,
// interpreter findings, and where a closed notebook's finding sits in its JSON.
import * as assert from 'node:assert';
import { createExcludeMatcher } from '../../src/core/workspace/exclude';
import { PYTHON_ML_GITIGNORE, appendGitignoreLines, missingGitignoreLines, newGitignore } from '../../src/core/workspace/gitignore';
import { interpreterFindings, majorMinor } from '../../src/core/workspace/interpreter';
import { locateInNotebookJson } from '../../src/core/workspace/notebookLocation';

describe('editor: exclusion globs', () => {
  const defaults = createExcludeMatcher(['**/.venv/**', '**/venv/**', '**/site-packages/**', '**/node_modules/**']);

  it('excludes files inside the default folders at any depth', () => {
    assert.strictEqual(defaults('.venv/lib/python3.11/site.py'), true);
    assert.strictEqual(defaults('project/venv/bin/activate_this.py'), true);
    assert.strictEqual(defaults('a/b/site-packages/numpy/__init__.py'), true);
  });

  it('keeps files whose names only resemble the folders', () => {
    assert.strictEqual(defaults('venv.py'), false);
    assert.strictEqual(defaults('src/my_venv/train.py'), false);
    assert.strictEqual(defaults('notebooks/site-packages-notes.ipynb'), false);
  });

  it('matches a folder pattern without /** against everything inside (files.exclude style)', () => {
    const m = createExcludeMatcher(['**/.git', '**/scan/hidden']);
    assert.strictEqual(m('.git/config'), true);
    assert.strictEqual(m('pitfalls/scan/hidden/x.py'), true);
    assert.strictEqual(m('pitfalls/scan/visible/x.py'), false);
  });

  it('accepts Windows separators and a leading slash, and ignores blank patterns', () => {
    const m = createExcludeMatcher(['', '  ', 'data/**']);
    assert.strictEqual(m('data\\raw\\x.py'), true);
    assert.strictEqual(m('/data/x.py'), true);
    assert.strictEqual(m('src/data.py'), false);
    assert.strictEqual(createExcludeMatcher([])('anything.py'), false);
  });
});

describe('editor: .gitignore for Python ML projects', () => {
  it('covers virtualenvs, caches, checkpoints, data and model files', () => {
    for (const p of ['__pycache__/', '.venv/', 'venv/', '.ipynb_checkpoints/', 'data/', 'models/', '*.pt', '*.pth', '*.h5', '*.onnx', '*.ckpt']) {
      assert.ok(PYTHON_ML_GITIGNORE.includes(p), p);
    }
    assert.ok(newGitignore().endsWith('\n'));
  });

  it('lists only the patterns an existing file lacks, however they are written there', () => {
    const existing = '# mine\n/__pycache__\n.venv\n*.pt\n*.log\n';
    const missing = missingGitignoreLines(existing);
    assert.ok(!missing.includes('__pycache__/'));
    assert.ok(!missing.includes('.venv/'));
    assert.ok(!missing.includes('*.pt'));
    assert.ok(missing.includes('*.onnx'));
    assert.ok(missing.every((l) => !l.startsWith('#')));
    assert.deepStrictEqual(missingGitignoreLines(newGitignore()), []);
  });

  it('appends without touching the existing lines, keeping CRLF files CRLF', () => {
    assert.strictEqual(appendGitignoreLines('*.log', ['*.pt']), '*.log\n\n# Added by Python for AI\n*.pt\n');
    assert.strictEqual(appendGitignoreLines('*.log\r\n', ['*.pt', 'data/']), '*.log\r\n\r\n# Added by Python for AI\r\n*.pt\r\ndata/\r\n');
    assert.strictEqual(appendGitignoreLines('*.log\n', []), '*.log\n');
    assert.strictEqual(appendGitignoreLines('', ['*.pt']), '# Added by Python for AI\n*.pt\n');
  });
});

describe('editor: interpreter findings', () => {
  const interpreter = (version?: string) => ({ path: '/usr/bin/python', version });

  it('parses major.minor from version strings', () => {
    assert.deepStrictEqual(majorMinor('3.8.10'), [3, 8]);
    assert.deepStrictEqual(majorMinor(' 3.12.0rc1'), [3, 12]);
    assert.strictEqual(majorMinor('unknown'), undefined);
    assert.strictEqual(majorMinor(undefined), undefined);
  });

  it('reports Python 2 as python2 (error by default), not as python-version', () => {
    const [f, ...rest] = interpreterFindings(interpreter('2.7.18'), {});
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(f.rule, 'python2');
    assert.strictEqual(f.severity, 'error');
    assert.match(f.message, /2\.7\.18/);
  });

  it('reports an interpreter older than the minimum, and not one at or above it', () => {
    const [f] = interpreterFindings(interpreter('3.10.4'), { minimumPython: '3.11' });
    assert.strictEqual(f.rule, 'python-version');
    assert.match(f.message, /3\.11/);
    assert.deepStrictEqual(interpreterFindings(interpreter('3.11.0'), { minimumPython: '3.11' }), []);
    assert.deepStrictEqual(interpreterFindings(interpreter('3.13.1'), {}), []);
    assert.strictEqual(interpreterFindings(interpreter('3.11.9'), { minimumPython: '3.12' }).length, 1);
  });

  it('compares minor versions as numbers (3.9 is older than 3.10)', () => {
    assert.strictEqual(interpreterFindings(interpreter('3.9.1'), { minimumPython: '3.10' }).length, 1);
    assert.deepStrictEqual(interpreterFindings(interpreter('3.10.0'), { minimumPython: '3.9' }), []);
  });

  it('follows the severity settings, off included, and says nothing without a version', () => {
    assert.strictEqual(interpreterFindings(interpreter('3.8.0'), { severities: { 'python-version': 'error' } })[0].severity, 'error');
    assert.deepStrictEqual(interpreterFindings(interpreter('3.8.0'), { severities: { 'python-version': 'off' } }), []);
    assert.deepStrictEqual(interpreterFindings(interpreter('2.7.0'), { severities: { python2: 'off' } }), []);
    assert.deepStrictEqual(interpreterFindings(interpreter(undefined), {}), []);
  });
});

describe('editor: a closed notebook\'s finding in its JSON', () => {
  const notebook = (cells: string[][]) =>
    JSON.stringify({ cells: cells.map((source) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source })), metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);

  it('finds the line and column inside the cell\'s source array', () => {
    const json = notebook([['import numpy as np\n', 'x = 1'], ['y = 2\n', 'print "nb", y']]);
    const at = locateInNotebookJson(json, 1, 'y = 2\nprint "nb", y', { line: 1, character: 0 });
    const line = json.split('\n')[at.line];
    assert.match(line, /print \\"nb\\", y/);
    assert.strictEqual(line.slice(at.character, at.character + 5), 'print');
  });

  it('counts escaped characters before the column', () => {
    const json = notebook([['s = "a" + load_boston()']]);
    const at = locateInNotebookJson(json, 0, 's = "a" + load_boston()', { line: 0, character: 10 });
    const line = json.split('\n')[at.line];
    assert.strictEqual(line.slice(at.character, at.character + 11), 'load_boston');
  });

  it('maps the n-th copy of a repeated line to the n-th occurrence', () => {
    const json = notebook([['x = 1\n', 'print x\n', 'print x']]);
    const first = locateInNotebookJson(json, 0, 'x = 1\nprint x\nprint x', { line: 1, character: 0 });
    const second = locateInNotebookJson(json, 0, 'x = 1\nprint x\nprint x', { line: 2, character: 0 });
    assert.strictEqual(second.line, first.line + 1);
  });

  it('falls back to the cell, then the file start, when the layout is unusual', () => {
    const oneString = JSON.stringify({ cells: [{ cell_type: 'code', source: 'a = 1\nprint a' }] }, null, 1);
    const at = locateInNotebookJson(oneString, 0, 'a = 1\nprint a', { line: 1, character: 0 });
    assert.match(oneString.split('\n')[at.line], /cell_type/);
    assert.deepStrictEqual(locateInNotebookJson('{}', 3, 'x', { line: 0, character: 0 }), { line: 0, character: 0 });
  });
});
