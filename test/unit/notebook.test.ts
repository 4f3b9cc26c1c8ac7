import * as assert from 'node:assert/strict';
import { sharedFixEdits } from '../../src/core/analysis/edits';
import { analyzeNotebook, applyCellEdits, maskMagics, parseNotebook } from '../../src/core/analysis/notebook';
import type { NotebookCell } from '../../src/core/analysis/types';
import { pythonParseErrors } from './python-testkit';

const code = (source: string): NotebookCell => ({ kind: 'code', source });
const md = (source: string): NotebookCell => ({ kind: 'markdown', source });
const summary = (cells: NotebookCell[]) =>
  analyzeNotebook(cells).map((f) => `${f.cell}:${f.range.start.line}:${f.range.start.character}:${f.rule}`);

describe('notebooks', () => {
  describe('parseNotebook', () => {
    it('reads nbformat 4 with source as a string or a list of strings', () => {
      const nb = JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'markdown', source: ['# Title\n', 'text'] }, { cell_type: 'code', source: 'import torch\n' }, { cell_type: 'raw', source: [] }] });
      assert.deepEqual(parseNotebook(nb), { cells: [md('# Title\ntext'), code('import torch\n'), { kind: 'raw', source: '' }] });
    });
    it('reads nbformat 3 worksheets with code in input', () => {
      const nb = JSON.stringify({ nbformat: 3, worksheets: [{ cells: [{ cell_type: 'heading', source: 'T' }, { cell_type: 'code', input: ['x = 1\n'] }] }] });
      assert.deepEqual(parseNotebook(nb), { cells: [md('T'), code('x = 1\n')] });
    });
    it('gives a clear error for text that is not JSON or not a notebook', () => {
      for (const [text, pattern] of [
        ['{ not json', /not JSON/],
        ['', /not JSON/],
        ['[1, 2]', /JSON object/],
        ['{"metadata": {}}', /no "cells"/],
        ['{"cells": [1]}', /cell 0 is not an object/],
        ['{"cells": [{"cell_type": "code", "source": 5}]}', /neither a string nor a list/],
      ] as [string, RegExp][]) {
        const r = parseNotebook(text);
        assert.ok('error' in r, text);
        assert.match(r.error, pattern);
      }
    });
  });

  describe('analyzeNotebook', () => {
    it('reads code cells as one program and maps findings to cells (markdown cells count in the index)', () => {
      const cells = [md('# Boston\nWe used `load_boston` once.'), code('import torch\nfrom sklearn.datasets import load_boston\n'), md('load_boston()'), code('x = 1\n'), code('data = load_boston()\nm = Net().cuda()\n')];
      assert.deepEqual(summary(cells), ['1:1:29:boston-dataset', '4:0:7:boston-dataset', '4:1:10:hardcoded-cuda']);
    });
    it('counts frameworks across cells and a GPU check in any cell', () => {
      assert.deepEqual(summary([code('import torch\n'), code('import tensorflow as tf\n')]), ['1:0:7:too-many-frameworks']);
      assert.deepEqual(summary([code('import torch\nm = Net().cuda()\n'), md('x'), code('print(torch.cuda.is_available())\n')]), []);
    });
    it('never reports inside markdown cells', () => {
      assert.deepEqual(summary([md('import torch\nimport tensorflow\nprint "x"\nx.cuda()')]), []);
    });
    it('skips IPython magics and shell lines without false findings', () => {
      const cells = [code('%pip install torch\n!pip install tensorflow\n%matplotlib inline\nimport torch\nfiles = !ls\nnp.mean?\n'), code('%%time\nprint("ok")\n'), code('%%bash\necho "print x"\nprint hello\n'), code('%%writefile a.py\nprint "x"\n')];
      assert.deepEqual(summary(cells), []);
      assert.equal(maskMagics('%%time\nx = 1\n'), '      \nx = 1\n');
      assert.deepEqual(summary([code('%%time\nprint "x"\n')]), ['0:1:0:python2']);
    });
    it('keeps an unterminated string or bracket inside its cell', () => {
      assert.deepEqual(summary([code('s = """never closed\n'), code('print "x"\n'), code('x = (1,\n'), code('y = 10L\n')]), ['1:0:0:python2', '3:0:4:python2']);
    });
    it('gives fixes per cell; applying them keeps every cell valid', () => {
      const cells = [code('from sklearn.datasets import load_boston\n'), md('text'), code('d = load_boston()\n')];
      const findings = analyzeNotebook(cells).filter((f) => f.rule === 'boston-dataset');
      assert.equal(findings.length, 2);
      // One fix renames every place; the first finding carries it, the second refers to it.
      assert.equal(findings[1].fixes[0].shared, findings[0].fixes[0].shared);
      const edits = sharedFixEdits(findings, findings[1].fixes[0]);
      assert.deepEqual(edits.map((e) => e.cell), [0, 2]);
      const fixed = applyCellEdits(cells, edits);
      assert.deepEqual(fixed.map((c) => c.source), ['from sklearn.datasets import fetch_california_housing\n', 'text', 'd = fetch_california_housing()\n']);
      assert.deepEqual(pythonParseErrors([fixed[0].source + fixed[2].source]), [null]);
      assert.deepEqual(analyzeNotebook(fixed).filter((f) => f.rule === 'boston-dataset'), []);
    });
    it('honours suppressions in cells, file-level ones in any cell', () => {
      assert.deepEqual(summary([code('print "x"  # pyai: ignore[python2]\nprint "y"\n')]), ['0:1:0:python2']);
      assert.deepEqual(summary([code('print "x"\n'), code('# pyai: ignore-file[python2]\n')]), []);
    });
    it('handles a notebook without code cells and empty cells', () => {
      assert.deepEqual(analyzeNotebook([]), []);
      assert.deepEqual(analyzeNotebook([md('x'), code('')]), []);
    });
  });
});
