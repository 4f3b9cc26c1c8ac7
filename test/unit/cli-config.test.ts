// The CLI's configuration ([tool.pyai-lint], pyai-lint.toml, --config, --isolated) and which files a
// run checks (.gitignore, excludes, environments, standard input, exit status), run as a user runs it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, json, removeTrees, ROOT, tree } from './cliHarness';

const TWO_FRAMEWORKS = 'torch\ntensorflow\n';
const PY2 = 'print "hello"\n';
const rulesOf = (r: ReturnType<typeof cli>) => json(r).map((f) => `${f.file}:${f.rule}`);

describe('pyai-lint CLI: configuration', function () {
  this.timeout(120_000);
  after(removeTrees);

  it('reads [tool.pyai-lint] from pyproject.toml: select, ignore, extend-select, severity, min-python, framework-threshold', () => {
    const dir = tree({
      'pyproject.toml': '[project]\nname = "x"\n\n[tool.pyai-lint]\nignore = ["python2"]\nmin-python = "3.9"\nframework-threshold = 3\n\n[tool.pyai-lint.severity]\ntoo-many-frameworks = "error"\n',
      'requirements.txt': 'torch\ntensorflow\njax\n',
      '.python-version': '3.10\n',
      'old.py': PY2,
    });
    const r = cli(['--format', 'json'], dir);
    // python2 ignored, 3.10 allowed by min-python 3.9, three frameworks reach the threshold of 3, at severity error
    assert.deepEqual(json(r).map((f) => [f.file, f.rule, f.severity]), [['requirements.txt', 'too-many-frameworks', 'error']]);
    const only = tree({ 'pyproject.toml': '[tool.pyai-lint]\nselect = ["python2"]\n', 'requirements.txt': TWO_FRAMEWORKS, 'old.py': PY2 });
    assert.deepEqual(rulesOf(cli(['--format', 'json'], only)), ['old.py:python2']);
    const extended = tree({ 'pyai-lint.toml': 'select = ["python2"]\nextend-select = ["too-many-frameworks"]\n', 'requirements.txt': TWO_FRAMEWORKS, 'old.py': PY2 });
    assert.deepEqual(rulesOf(cli(['--format', 'json'], extended)), ['old.py:python2', 'requirements.txt:too-many-frameworks']);
  });

  it('uses the closest configuration above each file, as Ruff does, and pyai-lint.toml before pyproject.toml', () => {
    const dir = tree({
      'pyproject.toml': '[tool.pyai-lint]\nignore = ["python2"]\n',
      'a.py': PY2,
      'legacy/pyai-lint.toml': 'select = ["python2"]\n',
      'legacy/pyproject.toml': '[tool.pyai-lint]\nignore = ["python2"]\n',
      'legacy/b.py': PY2,
      'plain/pyproject.toml': '[project]\nname = "no section: the parent configuration applies"\n',
      'plain/c.py': PY2,
    });
    assert.deepEqual(rulesOf(cli(['--format', 'json'], dir)), ['legacy/b.py:python2']);
    // a file given by name gets the configuration of its own folder too
    assert.deepEqual(rulesOf(cli(['--format', 'json', 'legacy/b.py', 'a.py'], dir)), ['legacy/b.py:python2']);
  });

  it('applies per-file-ignores by glob and by file name', () => {
    const dir = tree({
      'pyproject.toml': '[tool.pyai-lint.per-file-ignores]\n"legacy/**" = ["python2"]\n"old_*.py" = ["ALL"]\n',
      'legacy/deep/a.py': PY2,
      'old_script.py': PY2,
      'new.py': PY2,
    });
    assert.deepEqual(rulesOf(cli(['--format', 'json'], dir)), ['new.py:python2']);
  });

  it('lets flags override the file: --select replaces its selection, --ignore adds, --min-python and --threshold win', () => {
    const dir = tree({ 'pyproject.toml': '[tool.pyai-lint]\nselect = ["python2"]\nmin-python = "3.8"\n', 'old.py': PY2, 'requirements.txt': TWO_FRAMEWORKS, '.python-version': '3.10\n' });
    assert.deepEqual(rulesOf(cli(['--format', 'json'], dir)), ['old.py:python2']);
    assert.deepEqual(rulesOf(cli(['--format', 'json', '--select', 'too-many-frameworks'], dir)), ['requirements.txt:too-many-frameworks']);
    assert.deepEqual(rulesOf(cli(['--format', 'json', '--extend-select', 'python-version', '--min-python', '3.11'], dir)), ['.python-version:python-version', 'old.py:python2']);
    assert.deepEqual(rulesOf(cli(['--format', 'json', '--ignore', 'python2'], dir)), []);
  });

  it('--config PATH uses that file for every path; --isolated uses none', () => {
    const dir = tree({ 'pyproject.toml': '[tool.pyai-lint]\nignore = ["python2"]\n', 'old.py': PY2, 'ci/strict.toml': 'select = ["ALL"]\n' });
    assert.deepEqual(rulesOf(cli(['--format', 'json'], dir)), []);
    assert.deepEqual(rulesOf(cli(['--format', 'json', '--isolated'], dir)), ['old.py:python2']);
    assert.deepEqual(rulesOf(cli(['--format', 'json', '--config', 'ci/strict.toml'], dir)), ['old.py:python2']);
    const missing = cli(['--config', 'nope.toml'], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.toml:1:1: cannot read configuration/);
    assert.equal(cli(['--config', 'ci/strict.toml', '--isolated'], dir).status, 2);
  });

  it('stops with status 2 and file:line:column messages on a configuration error', () => {
    const dir = tree({
      'pyproject.toml': '[project]\nname = "x"\n\n[tool.pyai-lint]\nselect = ["python2", "no-such-rule"]\nmin-python = 3.8\nfrobnicate = true\n',
      'a.py': 'x = 1\n',
    });
    const r = cli([], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.match(lines[0], /^pyai-lint: pyproject\.toml:5:23: select: unknown rule 'no-such-rule'/);
    assert.match(lines[1], /^pyai-lint: pyproject\.toml:6:1: min-python: expected a version like "3\.11", got 3\.8/);
    assert.match(lines[2], /^pyai-lint: pyproject\.toml:7:1: unknown key 'frobnicate'/);
    const broken = tree({ 'pyai-lint.toml': 'select = [\n', 'a.py': 'x = 1\n' });
    assert.match(cli([], broken).stderr, /pyai-lint\.toml:\d+:\d+: invalid TOML/);
    assert.equal(cli(['--isolated'], broken).status, 0);
  });
});

describe('pyai-lint CLI: which files a run checks', function () {
  this.timeout(120_000);
  after(removeTrees);

  it('respects .gitignore, .ignore and .git/info/exclude; --no-respect-gitignore checks everything', () => {
    const dir = tree({
      '.gitignore': 'generated/\n*.tmp.py\n!keep.tmp.py\n',
      'sub/.ignore': 'scratch.py\n',
      '.git/info/exclude': 'private.py\n',
      'generated/a.py': PY2,
      'x.tmp.py': PY2,
      'keep.tmp.py': PY2,
      'sub/scratch.py': PY2,
      'sub/real.py': PY2,
      'private.py': PY2,
      'main.py': PY2,
    });
    assert.deepEqual(rulesOf(cli(['--format', 'json'], dir)), ['keep.tmp.py:python2', 'main.py:python2', 'sub/real.py:python2']);
    assert.equal(rulesOf(cli(['--format', 'json', '--no-respect-gitignore'], dir)).length, 7);
    // the rules of a parent folder apply when a subfolder is given
    assert.deepEqual(rulesOf(cli(['--format', 'json', 'sub'], dir)), ['sub/real.py:python2']);
    // a path given by name is checked unless --force-exclude
    assert.deepEqual(rulesOf(cli(['--format', 'json', 'x.tmp.py'], dir)), ['x.tmp.py:python2']);
    assert.deepEqual(rulesOf(cli(['--format', 'json', '--force-exclude', 'x.tmp.py'], dir)), []);
    const off = tree({ 'pyproject.toml': '[tool.pyai-lint]\nrespect-gitignore = false\n', '.gitignore': 'generated/\n', 'generated/a.py': PY2 });
    assert.deepEqual(rulesOf(cli(['--format', 'json'], off)), ['generated/a.py:python2']);
  });

  it('skips Ruff\'s default excludes and environments under any name, but walks a folder merely named env or starting with a dot', () => {
    const dir = tree({
      'build/a.py': PY2,
      'dist/a.py': PY2,
      '.ipynb_checkpoints/a.py': PY2,
      'venv/a.py': PY2,
      '.tox/a.py': PY2,
      'myenv/pyvenv.cfg': 'home = /usr/bin\n',
      'myenv/lib/a.py': PY2,
      'conda_env/conda-meta/history': '',
      'conda_env/a.py': PY2,
      'env/train.py': PY2,
      '.config/tool.py': PY2,
      'src/main.py': PY2,
    });
    assert.deepEqual(rulesOf(cli(['--format', 'json'], dir)), ['.config/tool.py:python2', 'env/train.py:python2', 'src/main.py:python2']);
  });

  it('applies exclude and extend-exclude from the configuration and the command line', () => {
    const dir = tree({
      'pyproject.toml': '[tool.pyai-lint]\nextend-exclude = ["data/**", "legacy_*.py"]\n',
      'data/a.py': PY2,
      'legacy_one.py': PY2,
      'build/b.py': PY2,
      'main.py': PY2,
    });
    assert.deepEqual(rulesOf(cli(['--format', 'json'], dir)), ['main.py:python2']);
    // --exclude replaces the defaults (build/ is checked), the file's extend-exclude still applies
    assert.deepEqual(rulesOf(cli(['--format', 'json', '--exclude', 'main.py'], dir)), ['build/b.py:python2']);
    assert.deepEqual(rulesOf(cli(['--format', 'json', '--extend-exclude', 'main.py'], dir)), []);
  });

  it('reads standard input for "-", named by --stdin-filename, and prints the fixed source with --fix', () => {
    const dir = tree({ 'pyproject.toml': '[tool.pyai-lint.per-file-ignores]\n"scripts/*" = ["python2"]\n' });
    const r = cli(['--format', 'json', '-'], dir, 'import numpy as np\nx = np.float(1)\n');
    assert.equal(r.status, 1);
    assert.deepEqual(rulesOf(r), ['stdin.py:deprecated-api']);
    const named = cli(['--format', 'json', '--stdin-filename', 'scripts/old.py', '-'], dir, PY2);
    assert.deepEqual(rulesOf(named), []);
    const notebookName = cli(['--format', 'json', '--stdin-filename', 'requirements.txt'], dir, TWO_FRAMEWORKS);
    assert.deepEqual(rulesOf(notebookName), ['requirements.txt:too-many-frameworks']);
    const fixed = cli(['--fix', '-'], dir, 'import numpy as np\nx = np.float(1)\n');
    assert.equal(fixed.stdout, 'import numpy as np\nx = float(1)\n');
    assert.match(fixed.stderr, /1 fixed, 0 remaining/);
    assert.equal(fixed.status, 0);
  });

  it('exits as Ruff does: 1 for findings, --exit-zero, --exit-non-zero-on-fix, --level', () => {
    const dir = tree({ 'requirements.txt': 'numpy\n', 'data.py': 'import pandas as pd\ndf = pd.read_csv("x.csv")\nfrom sklearn.linear_model import LinearRegression\nLinearRegression().fit(df, df)\n' });
    const info = cli(['--format', 'json'], dir);
    assert.ok(json(info).length > 0 && json(info).every((f) => f.severity === 'info'), info.stdout);
    assert.equal(info.status, 1);
    assert.equal(cli(['--level', 'warning'], dir).status, 0);
    assert.equal(cli(['--level', 'info'], dir).status, 1);
    assert.equal(cli(['--exit-zero'], dir).status, 0);
    assert.equal(cli(['--level', 'fatal'], dir).status, 2);
    const fixable = tree({ 'a.py': 'import numpy as np\nx = np.float(1)\n' });
    assert.equal(cli(['--fix'], fixable).status, 0);
    fs.writeFileSync(path.join(fixable, 'a.py'), 'import numpy as np\nx = np.float(1)\n');
    assert.equal(cli(['--fix', '--exit-non-zero-on-fix'], fixable).status, 1);
  });

  it('says no "All checks passed!" when a path could not be read', () => {
    const dir = tree({ 'a.py': 'x = 1\n', 'broken.ipynb': '{' });
    const r = cli([], dir);
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, /All checks passed/);
    assert.match(r.stdout, /^No problems found in the files that could be checked\.\n1 file could not be checked/m);
    const missing = cli(['nope.py'], ROOT);
    assert.equal(missing.status, 1);
    assert.doesNotMatch(missing.stdout, /All checks passed/);
  });
});

describe('pyai-lint CLI: files in other encodings', function () {
  this.timeout(120_000);
  after(removeTrees);

  it('decodes PEP 263 declarations as Python does and checks files with invalid bytes, with a one-line note', () => {
    const gbk = Buffer.concat([Buffer.from('# -*- coding: gbk -*-\n# \xd6\xd0\xce\xc4 comment\nimport numpy as np\nx = np.float(1)\nprint "\xd6\xd0"\n', 'latin1')]);
    const latin = Buffer.from('# coding=latin-1\ns = "caf\xe9"\nprint s\n', 'latin1');
    const undeclared = Buffer.from('s = "caf\xe9"\nprint s\n', 'latin1');
    const dir = tree({ 'gbk.py': gbk, 'latin.py': latin, 'undeclared.py': undeclared, 'bom.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('print "x"\n')]) });
    const r = cli(['--format', 'json', '--select', 'python2,deprecated-api'], dir);
    assert.deepEqual(json(r).map((f) => `${f.file}:${f.line}:${f.column}:${f.rule}`), [
      'bom.py:1:1:python2', 'gbk.py:4:5:deprecated-api', 'gbk.py:5:1:python2', 'latin.py:3:1:python2', 'undeclared.py:2:1:python2',
    ]);
    assert.equal(r.stderr, 'pyai-lint: undeclared.py: not valid UTF-8 (and declares no other encoding); checked with the invalid bytes replaced\n');
    assert.equal(r.status, 1);
  });

  it('does not rewrite a file in another encoding with --fix, and says so', () => {
    const source = Buffer.from('# coding: latin-1\nimport numpy as np\nx = np.float(1)  # caf\xe9\n', 'latin1');
    const dir = tree({ 'old.py': source, 'plain.py': 'import numpy as np\nx = np.float(1)\n' });
    const r = cli(['--fix', '--select', 'deprecated-api'], dir);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'old.py')), source);
    assert.equal(fs.readFileSync(path.join(dir, 'plain.py'), 'utf8'), 'import numpy as np\nx = float(1)\n');
    assert.match(r.stderr, /old\.py: fixes not applied: the file is in latin-1 and would be rewritten as UTF-8/);
    assert.match(r.stdout, /old\.py:3:5: deprecated-api/);
  });
});
