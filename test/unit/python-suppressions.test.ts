import * as assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/analysis/edits';
import { analyzePython } from '../../src/core/analysis/python';
import { ignoreCommentFor, ignoreLineEdit, parseDirectives } from '../../src/core/analysis/suppressions';
import { pythonParseErrors } from './python-testkit';

const rules = (src: string) => analyzePython(src).map((f) => `${f.range.start.line}:${f.rule}`);

describe('suppression comments', () => {
  it('parses ignore, ignore[a, b] and ignore-file directives', () => {
    assert.deepEqual(parseDirectives('# pyai: ignore'), [{ fileLevel: false, rules: 'all' }]);
    assert.deepEqual(parseDirectives('# note  # pyai: ignore[python2, boston-dataset]'), [{ fileLevel: false, rules: new Set(['python2', 'boston-dataset']) }]);
    assert.deepEqual(parseDirectives('#pyai:ignore-file[python2]'), [{ fileLevel: true, rules: new Set(['python2']) }]);
    assert.deepEqual(parseDirectives('# pyai: ignored'), []);
  });
  it('ignores a rule on its line only', () => {
    const src = 'print "a"  # pyai: ignore[python2]\nprint "b"\n';
    assert.deepEqual(rules(src), ['1:python2']);
  });
  it('ignores only the named rules, or all with a plain ignore', () => {
    const src = 'import numpy as np\nx = np.float(1) <> 2  # pyai: ignore[deprecated-api]\ny = np.float(1) <> 2  # pyai: ignore[python2, deprecated-api]\nz = np.float(1) <> 2  # pyai: ignore\n';
    assert.deepEqual(rules(src), ['1:python2']);
  });
  it('ignores a rule in the whole file with ignore-file', () => {
    assert.deepEqual(rules('# pyai: ignore-file[python2]\nprint "a"\nx = 10L\n'), []);
    assert.deepEqual(rules('print "a"\n# pyai: ignore-file[boston-dataset]\n'), ['0:python2']);
  });
  it('does not read directives inside strings', () => {
    assert.deepEqual(rules('s = "# pyai: ignore-file[python2]"\nprint "a"\n'), ['1:python2']);
  });
  it('ignores a finding on a statement whose comment can only go on a later line', () => {
    assert.deepEqual(rules('x = 10L + """\n"""  # pyai: ignore[python2]\n'), []);
  });

  it('stays fast with many findings and many comments', function () {
    this.timeout(20000);
    const src = '# pyai: ignore-file[boston-dataset]\n' + 'x = 10L  # c \\\n'.repeat(50000);
    const t0 = Date.now();
    assert.equal(analyzePython(src).length, 50000);
    assert.ok(Date.now() - t0 < 10000, `${Date.now() - t0} ms`);
  });

  describe('ignoreLineEdit (the "Ignore on this line" quick fix)', () => {
    const cases: [string, number, string][] = [
      ['print "a"\n', 0, 'print "a"  # pyai: ignore[python2]\n'],
      ['print "a"  # note\n', 0, 'print "a"  # note  # pyai: ignore[python2]\n'],
      ['x = `a`  # pyai: ignore[deprecated-api]\n', 0, 'x = `a`  # pyai: ignore[deprecated-api, python2]\n'],
      ['x = 10L + """\n"""\n', 0, 'x = 10L + """\n"""  # pyai: ignore[python2]\n'],
      ['x = 10L + \\\n    1\n', 0, 'x = 10L + \\\n    1  # pyai: ignore[python2]\n'],
      ['x = (10L,\n     2)\n', 0, 'x = (10L,  # pyai: ignore[python2]\n     2)\n'],
    ];
    it('appends or extends the comment and keeps the line valid Python', () => {
      assert.equal(ignoreCommentFor('python2'), '# pyai: ignore[python2]');
      const results = cases.map(([src, line]) => applyEdits(src, [ignoreLineEdit(src, line, 'python2')!]));
      assert.deepEqual(results, cases.map((c) => c[2]));
      // valid once the Python 2 bits are gone
      assert.deepEqual(pythonParseErrors(results.map((r) => r.replace(/10L/g, '10').replace(/print "a"/g, 'print("a")').replace(/`a`/g, 'repr(a)'))), results.map(() => null));
      for (const r of results) assert.deepEqual(analyzePython(r).filter((f) => f.rule === 'python2'), [], r);
    });
    it('returns undefined when the line already ignores the rule', () => {
      assert.equal(ignoreLineEdit('x = 10L  # pyai: ignore\n', 0, 'python2'), undefined);
      assert.equal(ignoreLineEdit('x = 10L  # pyai: ignore[python2]\n', 0, 'python2'), undefined);
    });
  });
});
