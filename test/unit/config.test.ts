// The shared configuration (src/core/config): parsing [tool.pyai-lint] / pyai-lint.toml with errors at
// their lines, Ruff's layering of rule selection, path patterns, and the editor's preference between
// its settings and the file.
import * as assert from 'node:assert/strict';
import { parseConfigText } from '../../src/core/config/schema';
import { createPathMatcher, editorOptionsFor, optionsFor, selectedRules } from '../../src/core/config/resolve';
import { RULE_IDS } from '../../src/core/analysis/types';

describe('configuration: parsing', () => {
  it('reads every key of [tool.pyai-lint] in pyproject.toml', () => {
    const text = [
      '[project]', 'name = "x"', '', '[tool.pyai-lint]', 'select = ["python2", "deprecated-api"]', 'extend-select = ["boston-dataset"]',
      'ignore = ["unchecked-data"]', 'exclude = ["data/**"]', 'extend-exclude = ["old_*.py"]', 'min-python = "3.10"', 'framework-threshold = 3',
      'respect-gitignore = false', '', '[tool.pyai-lint.severity]', 'python2 = "warning"', '', '[tool.pyai-lint.per-file-ignores]', '"tests/*" = ["deprecated-api"]', '',
    ].join('\n');
    const parsed = parseConfigText('pyproject.toml', text);
    assert.equal(parsed.found, true);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.config, {
      select: ['python2', 'deprecated-api'], extendSelect: ['boston-dataset'], ignore: ['unchecked-data'], exclude: ['data/**'], extendExclude: ['old_*.py'],
      minPython: '3.10', frameworkThreshold: 3, respectGitignore: false, severity: { python2: 'warning' }, perFileIgnores: [{ pattern: 'tests/*', rules: ['deprecated-api'] }],
    });
  });

  it('a pyproject.toml without the section configures nothing, even when it does not parse', () => {
    assert.deepEqual(parseConfigText('pyproject.toml', '[project]\nname = "x"\n'), { found: false, config: {}, errors: [] });
    assert.deepEqual(parseConfigText('sub/pyproject.toml', '[project\n'), { found: false, config: {}, errors: [] });
    assert.equal(parseConfigText('pyproject.toml', '[tool.ruff]\nselect = ["pyai-lint"]\n').found, false);
  });

  it('puts each mistake at its line and column', () => {
    const text = '# CI\nselect = ["python2", "nope"]\n\n[severity]\npython2 = "loud"\nfoo = "error"\n\n[per-file-ignores]\n"a/*" = "python2"\n';
    const { errors } = parseConfigText('pyai-lint.toml', text);
    assert.deepEqual(errors.map((e) => [e.line, e.column, e.message.split(':')[0]]), [
      [2, 23, 'select'],
      [5, 1, 'severity of python2'],
      [6, 1, 'severity'],
      [9, 1, 'per-file-ignores "a/*" must be a list of rule ids, like ["boston-dataset"]'],
    ]);
    const toml = parseConfigText('pyai-lint.toml', 'select = [\n');
    assert.equal(toml.errors.length, 1);
    assert.match(toml.errors[0].message, /^invalid TOML/);
    assert.equal(parseConfigText('pyai-lint.toml', 'min-python = 3.9\nframework-threshold = 1\nrespect-gitignore = "no"\nexclude = "x"\nbogus = 1\n').errors.length, 5);
  });

  it('ALL selects every rule', () => {
    assert.deepEqual(parseConfigText('pyai-lint.toml', 'select = ["ALL"]\n').config.select, [...RULE_IDS]);
  });
});

describe('configuration: resolution', () => {
  it('layers selection as Ruff: a later select replaces, extend-select adds, ignore removes', () => {
    assert.deepEqual([...selectedRules([{ select: ['python2'] }, { extendSelect: ['boston-dataset'] }])].sort(), ['boston-dataset', 'python2']);
    assert.deepEqual([...selectedRules([{ ignore: ['python2'] }, { select: ['python2', 'deprecated-api'] }])].sort(), ['deprecated-api', 'python2']);
    assert.equal(selectedRules([{ select: ['python2'] }, { ignore: ['python2'] }]).size, 0);
    assert.equal(selectedRules([]).size, RULE_IDS.length);
  });

  it('matches names anywhere and paths from the root', () => {
    const m = createPathMatcher(['.venv', 'legacy_*.py', 'data/**', 'notebooks/old/']);
    assert.equal(m('a/b/.venv/lib/x.py'), true);
    assert.equal(m('src/legacy_io.py'), true);
    assert.equal(m('data/raw/x.py'), true);
    assert.equal(m('src/data/x.py'), false);
    assert.equal(m('notebooks/old/a.ipynb'), true);
    assert.equal(m('notebooks/new/a.ipynb'), false);
  });

  it('naming an off-by-default rule in select or extend-select turns it on, as in Ruff; the default selection does not', () => {
    assert.equal(optionsFor('/p/a.py', undefined, { extendSelect: ['train-mode-not-restored'] }).severities?.['train-mode-not-restored'], 'info');
    assert.equal(optionsFor('/p/a.py', { root: '/p', config: { select: ['train-mode-not-restored'] } }).severities?.['train-mode-not-restored'], 'info');
    assert.equal(optionsFor('/p/a.py', undefined, { extendSelect: ['train-mode-not-restored'], severity: { 'train-mode-not-restored': 'error' } }).severities?.['train-mode-not-restored'], 'error');
    assert.equal(optionsFor('/p/a.py', undefined, {}).severities?.['train-mode-not-restored'], undefined);
    assert.equal(optionsFor('/p/a.py', undefined, { select: ['train-mode-not-restored'], ignore: ['train-mode-not-restored'] }).severities?.['train-mode-not-restored'], 'off');
  });

  it('per-file-ignores turn rules off for matching files only', () => {
    const rooted = { root: '/p', config: { perFileIgnores: [{ pattern: 'tests/**', rules: ['python2' as const] }] } };
    assert.equal(optionsFor('/p/tests/unit/a.py', rooted).severities?.python2, 'off');
    assert.equal(optionsFor('/p/src/a.py', rooted).severities?.python2, undefined);
    assert.equal(optionsFor('/elsewhere/tests/a.py', rooted).severities?.python2, undefined);
  });

  it('the editor: set settings win with editorFirst, the file with filesystemFirst; editorOnly ignores the file', () => {
    const rooted = { root: '/p', config: { ignore: ['python2' as const], severity: { 'deprecated-api': 'info' as const }, minPython: '3.9' } };
    const editor = { rules: { python2: 'warning' as const, 'deprecated-api': 'error' as const, 'boston-dataset': 'hint' as const }, minimumPython: '3.12' };
    const first = editorOptionsFor('/p/a.py', rooted, editor, 'editorFirst');
    assert.deepEqual([first.severities?.python2, first.severities?.['deprecated-api'], first.severities?.['boston-dataset'], first.minimumPython], ['warning', 'error', 'hint', '3.12']);
    const file = editorOptionsFor('/p/a.py', rooted, editor, 'filesystemFirst');
    assert.deepEqual([file.severities?.python2, file.severities?.['deprecated-api'], file.severities?.['boston-dataset'], file.minimumPython], ['off', 'info', 'hint', '3.9']);
    const only = editorOptionsFor('/p/a.py', rooted, editor, 'editorOnly');
    assert.deepEqual([only.severities?.python2, only.severities?.['deprecated-api'], only.minimumPython], ['warning', 'error', '3.12']);
    // unset settings never override the file
    assert.equal(editorOptionsFor('/p/a.py', rooted, {}, 'editorFirst').severities?.python2, 'off');
  });
});
