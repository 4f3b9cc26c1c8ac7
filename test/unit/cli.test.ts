// The CLI's checks, fixes and bad input, run as a user runs it (see cliHarness.ts).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS } from '../../src/core/analysis/types';
import { CLI, ROOT, cli, json, removeTrees, tree } from './cliHarness';

function pythonParses(file: string): boolean {
  const r = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1], encoding="utf-8").read())', file], { encoding: 'utf8' });
  return r.status === 0;
}

describe('pyai-lint CLI', function () {
  this.timeout(120_000);
  before(() => assert.ok(fs.existsSync(CLI), 'dist/cli.js is built by `node esbuild.js`'));
  after(removeTrees);

  describe('usage', () => {
    it('prints help and version with status 0', () => {
      const help = cli(['--help'], ROOT);
      assert.equal(help.status, 0);
      assert.match(help.stdout, /^Usage: pyai-lint/);
      assert.match(help.stdout, /--unsafe-fixes/);
      const version = cli(['--version'], ROOT);
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.equal(version.stdout.trim(), `pyai-lint ${pkg.version}`);
    });

    it('rejects bad options with status 2 and one message on stderr', () => {
      const dir = tree({ 'a.py': 'x = 1\n' });
      for (const args of [['--format', 'xml'], ['--select', 'no-such-rule'], ['--select', ''], ['--jobs', 'many'], ['--ignore', 'boston-dataset,nope'], ['--threshold', '1'], ['--min-python', 'three'], ['--frobnicate']]) {
        const r = cli([...args, dir], ROOT);
        assert.equal(r.status, 2, args.join(' '));
        assert.equal(r.stdout, '');
        assert.match(r.stderr, /^pyai-lint: /, args.join(' '));
      }
    });

    it('reports a path that does not exist with status 1 (as Ruff\'s E902) and still checks the others', () => {
      const dir = tree({ 'requirements.txt': 'torch\ntensorflow\n' });
      const r = cli(['--format', 'json', path.join(dir, 'missing.py'), dir], ROOT);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /missing\.py: cannot access: no such file or folder/);
      assert.deepEqual(json(r).map((f) => f.rule), ['too-many-frameworks']);
    });
  });

  describe('results', () => {
    it('exits 0 with "All checks passed!" on a clean project', () => {
      const dir = tree({ 'src/train.py': 'import numpy as np\nprint(np.arange(3))\n', 'requirements.txt': 'numpy\ntorch\n', 'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.9"\n' });
      const r = cli([], dir);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0);
      assert.equal(r.stdout, 'All checks passed!\n');
    });

    it('prints Ruff-style text lines and a summary, exit 1', () => {
      const dir = tree({ 'requirements.txt': 'torch\ntensorflow\n', '.python-version': '3.9\n' });
      const r = cli(['.'], dir);
      assert.equal(r.status, 1);
      const lines = r.stdout.trimEnd().split('\n');
      assert.match(lines[0], /^\.python-version:1:1: python-version \.python-version selects Python 3\.9,/);
      assert.match(lines[1], /^requirements\.txt:2:1: too-many-frameworks /);
      assert.ok(lines.includes('Found 2 problems.'));
      assert.match(r.stdout, /1 more fixable with `--fix --unsafe-fixes`/);
    });

    it('prints one JSON array of 1-based findings', () => {
      const dir = tree({ 'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.7,<3.10"\ndependencies = ["jax", "torch"]\n' });
      const r = cli(['--format', 'json'], dir);
      assert.equal(r.status, 1);
      const findings = json(r);
      assert.equal(findings.length, 2);
      for (const f of findings) {
        for (const key of ['file', 'rule', 'severity', 'message']) assert.equal(typeof f[key], 'string', key);
        for (const key of ['line', 'column', 'endLine', 'endColumn']) assert.ok(Number.isInteger(f[key]) && (f[key] as number) >= 1, key);
      }
      const version = findings.find((f) => f.rule === 'python-version')!;
      assert.equal(version.file, 'pyproject.toml');
      assert.deepEqual([version.line, version.column, version.endLine, version.endColumn], [3, 26, 3, 31]);
      const fix = version.fix as { title: string; safe: boolean; edits: { line: number; column: number; newText: string }[] };
      assert.equal(fix.safe, false);
      assert.deepEqual(fix.edits[0], { line: 3, column: 20, endLine: 3, endColumn: 31, newText: '>=3.11' });
      const frameworks = findings.find((f) => f.rule === 'too-many-frameworks')!;
      assert.deepEqual([frameworks.line, frameworks.column], [4, 25]);
      assert.equal(frameworks.fix, undefined);
    });

    it('reports missing-git-repo for a folder outside any repository', () => {
      const dir = tree({ 'notebooks/explore.py': 'print(1)\n' }, false);
      const r = cli(['--format', 'json', dir], ROOT);
      const [f] = json(r);
      assert.equal(f.rule, 'missing-git-repo');
      assert.equal(f.file, path.join(dir, 'notebooks', 'explore.py'));
      assert.equal(f.line, 1);
      // An explicit file is not a project: no git finding.
      assert.equal(cli([path.join(dir, 'notebooks', 'explore.py')], ROOT).status, 0);
    });

    it('writes valid SARIF 2.1.0 with rule metadata', () => {
      const dir = tree({ 'environment.yml': 'dependencies:\n  - python=3.8\n  - pytorch\n  - pip:\n    - tensorflow\n' });
      const r = cli(['--format', 'sarif'], dir);
      assert.equal(r.status, 1);
      const log = JSON.parse(r.stdout);
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema, /sarif-2\.1\.0/);
      const run = log.runs[0];
      assert.equal(run.tool.driver.name, 'pyai-lint');
      assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), [...RULE_IDS]);
      for (const rule of run.tool.driver.rules) {
        assert.match(rule.helpUri, /^https:\/\/.+\/media\/rules\/[a-z0-9-]+\.md$/);
        assert.ok(rule.shortDescription.text);
        assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      }
      assert.equal(run.results.length, 2);
      for (const result of run.results) {
        assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
        assert.ok(['error', 'warning', 'note'].includes(result.level));
        const loc = result.locations[0].physicalLocation;
        assert.equal(loc.artifactLocation.uri, 'environment.yml');
        assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
        assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
      }
      assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
    });

    it('gives the same output on one thread and on several', () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 150; i++) {
        files[`pkg${i % 7}/m${i}.py`] = i % 3 === 0 ? 'import numpy as np\nx = np.float(1)\n' : 'print(1)\n';
        if (i % 10 === 0) files[`pkg${i % 7}/requirements-${i}.txt`] = 'torch\njax\n';
      }
      files['pkg1/broken.ipynb'] = '{';
      const dir = tree(files);
      const one = cli(['--format', 'json', '--jobs', '1'], dir);
      const three = cli(['--format', 'json', '--jobs', '3'], dir);
      assert.equal(one.status, 1);
      assert.equal(three.status, 1);
      assert.ok(json(one).length >= 65, String(json(one).length));
      assert.equal(three.stdout, one.stdout);
      assert.equal(three.stderr, one.stderr);
      assert.equal(cli(['--jobs', '0'], dir).status, 2);
    });

    it('checks setup.py both as code and as a manifest', () => {
      const dir = tree({ 'setup.py': 'from setuptools import setup\nsetup(name="x", python_requires="==3.8.*", install_requires=["torch", "jax"])\n' });
      const findings = json(cli(['--format', 'json'], dir));
      assert.deepEqual(findings.map((f) => [f.rule, f.line, f.column]), [['python-version', 2, 34], ['too-many-frameworks', 2, 72]]);
    });

    it('honours --select, --ignore, --threshold and --min-python', () => {
      const dir = tree({ 'requirements.txt': 'torch\ntensorflow\n', '.python-version': '3.10\n' });
      const rules = (args: string[]) => json(cli(['--format', 'json', ...args], dir)).map((f) => f.rule);
      assert.deepEqual(rules([]), ['python-version', 'too-many-frameworks']);
      assert.deepEqual(rules(['--select', 'python-version']), ['python-version']);
      assert.deepEqual(rules(['--select=too-many-frameworks,python-version', '--ignore', 'python-version']), ['too-many-frameworks']);
      assert.deepEqual(rules(['--threshold', '3']), ['python-version']);
      assert.deepEqual(rules(['--min-python', '3.10']), ['too-many-frameworks']);
      assert.equal(cli(['--ignore', 'python-version,too-many-frameworks'], dir).status, 0);
    });
  });

  describe('fixes', () => {
    it('applies safe fixes in place; the file still parses and the finding is gone', () => {
      const source = 'import numpy as np\n\nx = np.float(3)  # old alias\ny = np.int(x)\nprint("np.float stays in strings", x, y)\n';
      const dir = tree({ 'old.py': source });
      const before = json(cli(['--format', 'json', '--select', 'deprecated-api'], dir));
      assert.equal(before.length, 2, 'np.float and np.int are reported');
      assert.ok(before.every((f) => (f.fix as { safe: boolean }).safe));
      const r = cli(['--fix', '--select', 'deprecated-api'], dir);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /Found 2 problems \(2 fixed, 0 remaining\)\./);
      const fixed = fs.readFileSync(path.join(dir, 'old.py'), 'utf8');
      assert.notEqual(fixed, source);
      assert.match(fixed, /np\.float stays in strings/);
      assert.ok(pythonParses(path.join(dir, 'old.py')), fixed);
      assert.deepEqual(json(cli(['--format', 'json', '--select', 'deprecated-api'], dir)), []);
    });

    it('applies unsafe fixes only with --unsafe-fixes', () => {
      const source = 'from sklearn.datasets import load_boston\n\nX, y = load_boston(return_X_y=True)\n';
      const dir = tree({ 'boston.py': source, '.python-version': '3.8.10\n' });
      const safeOnly = cli(['--fix'], dir);
      assert.equal(safeOnly.status, 1);
      assert.equal(fs.readFileSync(path.join(dir, 'boston.py'), 'utf8'), source);
      assert.equal(fs.readFileSync(path.join(dir, '.python-version'), 'utf8'), '3.8.10\n');
      const unsafe = cli(['--fix', '--unsafe-fixes'], dir);
      assert.equal(fs.readFileSync(path.join(dir, '.python-version'), 'utf8'), '3.11\n');
      const fixed = fs.readFileSync(path.join(dir, 'boston.py'), 'utf8');
      assert.match(fixed, /fetch_california_housing/);
      assert.ok(pythonParses(path.join(dir, 'boston.py')), fixed);
      assert.equal(unsafe.status, 0, unsafe.stdout);
    });

    it('fixes notebook cells and keeps the notebook valid JSON', () => {
      const nb = {
        cells: [
          { cell_type: 'markdown', metadata: {}, source: ['# np.float in markdown stays\n'] },
          { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['import numpy as np\n'] },
          { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['x = np.float(1)\n', 'print(x)'] },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      };
      const dir = tree({ 'nb.ipynb': JSON.stringify(nb, null, 1) + '\n' });
      const before = json(cli(['--format', 'json', '--select', 'deprecated-api'], dir));
      assert.equal(before.length, 1);
      assert.equal(before[0].cell, 2);
      assert.equal(before[0].line, 1);
      assert.match(cli(['--select', 'deprecated-api'], dir).stdout, /^nb\.ipynb:cell 3:1:5: deprecated-api/);
      assert.equal(cli(['--fix', '--select', 'deprecated-api'], dir).status, 0);
      const after = JSON.parse(fs.readFileSync(path.join(dir, 'nb.ipynb'), 'utf8'));
      assert.deepEqual(after.cells[0], nb.cells[0]);
      assert.equal(after.cells[2].source.length, 2);
      assert.doesNotMatch(after.cells[2].source.join(''), /np\.float\(/);
      assert.equal(after.nbformat, 4);
    });
  });

  describe('bad input', () => {
    it('gives one stderr line per unreadable file, keeps going, and exits 1, not 2 (the run itself went well)', () => {
      const big = Buffer.alloc(20 * 1024 * 1024, 'x = 1\n');
      const dir = tree({
        'big.py': big,
        'binary.py': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]),
        'latin1.py': Buffer.from('s = "caf\xe9"\n', 'latin1'),
        'broken.ipynb': '{"cells": [',
        'pyproject.toml': '[project\nname = "x"\n',
        'environment.yml': 'dependencies:\n  - [python\n',
        'unterminated.py': 'x = """never closed\nprint "hi"\n',
        'requirements.txt': 'torch\njax\n',
      });
      const r = cli(['--format', 'json', '.'], dir);
      assert.equal(r.status, 1);
      const lines = r.stderr.trimEnd().split('\n');
      const about = (name: string) => lines.filter((l) => l.includes(name));
      assert.equal(about('big.py').length, 1);
      assert.match(about('big.py')[0], /larger than 10 MB/);
      assert.match(about('binary.py')[0], /binary file/);
      assert.match(about('latin1.py')[0], /not valid UTF-8/);
      assert.match(about('broken.ipynb')[0], /not JSON/);
      assert.match(about('pyproject.toml')[0], /pyproject\.toml:\d+:\d+: invalid TOML/);
      assert.match(about('environment.yml')[0], /environment\.yml:\d+:\d+: invalid YAML/);
      assert.equal(lines.length, 6, r.stderr);
      for (const l of lines) assert.match(l, /^pyai-lint: /);
      const rules = json(r).map((f) => `${f.file}:${f.rule}`);
      assert.ok(rules.includes('requirements.txt:too-many-frameworks'), rules.join());
    });

    it('reads notebooks up to 100 MB, since outputs make them large', () => {
      const image = 'A'.repeat(12 * 1024 * 1024);
      const nb = {
        cells: [{ cell_type: 'code', execution_count: 1, metadata: {}, outputs: [{ output_type: 'display_data', data: { 'image/png': image }, metadata: {} }], source: ['import numpy as np\n', 'x = np.float(1)\n'] }],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      };
      const dir = tree({ 'plots.ipynb': JSON.stringify(nb) });
      const r = cli(['--format', 'json', '--select', 'deprecated-api'], dir);
      assert.equal(r.stderr, '');
      assert.deepEqual(json(r).map((f) => [f.rule, f.cell]), [['deprecated-api', 0]]);
    });

    it('reads each file whole and nothing else, a large one before a small one, and turns a device or pipe away without hanging', () => {
      const dir = tree({
        'a_large.py': 'x = 1\n'.repeat(400_000) + 'print "end of a"\n',
        'b_small.py': 'print "b"\n',
      });
      const r = cli(['--format', 'json', '--select', 'python2', '.'], dir);
      assert.deepEqual(json(r).map((f) => `${f.file}:${f.line}`), ['a_large.py:400001', 'b_small.py:1']);
      // Names that say Python but are a character device and a named pipe (reading either never ends).
      fs.symlinkSync('/dev/zero', path.join(dir, 'zero.py'));
      const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe.py')]);
      const z = cli(['--format', 'json', 'zero.py', ...(fifo.status === 0 ? ['pipe.py'] : [])], dir);
      assert.equal(z.status, 1);
      const lines = z.stderr.trimEnd().split('\n');
      assert.equal(lines.length, fifo.status === 0 ? 2 : 1, z.stderr);
      for (const l of lines) assert.match(l, /^pyai-lint: (zero|pipe)\.py: not a regular file/);
    });

    it('copes with an empty folder and an empty file', () => {
      const dir = tree({ 'empty.py': '', 'requirements.txt': '' });
      assert.equal(cli([], dir).status, 0);
      const nothing = tree({});
      assert.equal(cli([nothing], ROOT).stdout, 'All checks passed!\n');
    });

    it('skips virtualenvs, node_modules, site-packages and dot-folders', () => {
      const dir = tree({
        'venv/lib/requirements.txt': 'torch\ntensorflow\n',
        'myenv/pyvenv.cfg': 'home = /usr/bin\n',
        'myenv/lib/requirements.txt': 'torch\ntensorflow\n',
        'condaenv/conda-meta/history': '',
        'condaenv/lib/python3.11/old.py': 'print "hi"\n',
        'node_modules/x/requirements.txt': 'torch\ntensorflow\n',
        'lib/site-packages/requirements.txt': 'torch\ntensorflow\n',
        '.tox/requirements.txt': 'torch\ntensorflow\n',
        'ok.py': 'print(1)\n',
      });
      const r = cli(['--format', 'json'], dir);
      assert.deepEqual(json(r), []);
      assert.equal(r.status, 0);
    });
  });
});
