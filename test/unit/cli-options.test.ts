// The CLI options that complete the comparison with `ruff check`: formats full, grouped, pylint, rdjson,
// azure; --fix-only, --add-noqa, --show-files, --show-settings, -q/-s/-v, --config KEY=VALUE,
// --no-unsafe-fixes. Run as a user runs them (see cliHarness.ts).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import type { RdJson } from '../../src/cli/ciFormats';
import { cli, json, removeTrees, ROOT, tree } from './cliHarness';

const OLD = 'import numpy as np\nx = np.float(1)\nprint "hi"\n';
const rdjsonSchema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'rdjson', 'diagnostic-result.schema.json'), 'utf8')) as object;
const validateRdjson = new Ajv({ allErrors: true, strict: false }).compile(rdjsonSchema);

function pythonParses(file: string): boolean {
  return spawnSync('python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1], encoding="utf-8").read())', file]).status === 0;
}

const NOTEBOOK = JSON.stringify(
  {
    cells: [
      { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: ['import numpy as np\n', 'x = np.float(1)\n'] },
      { cell_type: 'code', execution_count: 2, metadata: {}, outputs: [], source: ['print "nb"\n'] },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
) + '\n';

describe('pyai-lint CLI: Ruff\'s remaining options', function () {
  this.timeout(120_000);
  after(removeTrees);

  describe('output formats', () => {
    it('full: each finding with the source lines around it, underlined, and the fix it offers', () => {
      const dir = tree({ 'a.py': OLD });
      const r = cli(['--output-format', 'full'], dir);
      assert.equal(r.status, 1);
      const blocks = r.stdout.split('\n\n');
      assert.match(blocks[0], /^a\.py:2:5: deprecated-api \[\*\] .+\n {2}\|\n1 \| import numpy as np\n2 \| x = np\.float\(1\)\n {2}\| {5}\^{8} deprecated-api\n3 \| print "hi"\n {2}\|\n {2}= help: .+$/);
      assert.match(blocks[1], /^a\.py:3:1: python2 \[\*\] .+\n {2}\|\n1 \| import numpy as np\n2 \| x = np\.float\(1\)\n3 \| print "hi"\n {2}\| \^+ python2\n {2}\|\n {2}= help: /);
      assert.match(r.stdout, /\nFound 2 problems\.\n\[\*\] 2 fixable with the `--fix` option\.\n$/);
    });

    it('full: notebook findings show their cell\'s lines', () => {
      const dir = tree({ 'nb.ipynb': NOTEBOOK });
      const r = cli(['--output-format', 'full', '--select', 'python2'], dir);
      assert.match(r.stdout, /^nb\.ipynb:cell 2:1:1: python2 .+\n {2}\|\n1 \| print "nb"\n {2}\| \^+ python2\n/);
    });

    it('grouped: findings under their file, aligned', () => {
      const dir = tree({ 'a.py': OLD + '\n'.repeat(8) + 'print "again"\n', 'b.py': 'print "b"\n' });
      const r = cli(['--output-format', 'grouped', '--select', 'python2,deprecated-api'], dir);
      assert.match(r.stdout, /^a\.py:\n {3}2:5 deprecated-api \[\*\] .+\n {3}3:1 python2 \[\*\] .+\n {2}12:1 python2 \[\*\] .+\n\nb\.py:\n {2}1:1 python2 \[\*\] .+\n\nFound 4 problems\./);
    });

    it('pylint: path:line: [rule] message, notebooks on their file\'s lines', () => {
      const dir = tree({ 'a.py': OLD, 'nb.ipynb': NOTEBOOK });
      const lines = cli(['--output-format', 'pylint', '--select', 'python2'], dir).stdout.trimEnd().split('\n');
      assert.equal(lines[0].replace(/\] .*/, ']'), 'a.py:3: [python2]');
      const nbLine = NOTEBOOK.split('\n').findIndex((l) => l.includes('print \\"nb\\"')) + 1;
      assert.match(lines[1], new RegExp(`^nb\\.ipynb:${nbLine}: \\[python2\\] Cell 2, line 1: `));
      assert.equal(lines.length, 2);
    });

    it('rdjson: valid reviewdog DiagnosticResult, UTF-8 byte columns, severities, rule pages, fixes as suggestions', () => {
      const source = 'import numpy as np\ns = "héllo"; x = np.float(1)\nprint "hi"\n';
      const dir = tree({ 'a.py': source, 'nb.ipynb': NOTEBOOK });
      // deprecated-api at info (removed APIs are errors by default), to see every severity mapped.
      const r = cli(['--output-format', 'rdjson', '--config', 'severity = { deprecated-api = "info" }'], dir);
      assert.equal(r.status, 1);
      const result = JSON.parse(r.stdout) as RdJson;
      assert.ok(validateRdjson(result), JSON.stringify(validateRdjson.errors, null, 2));
      assert.equal(result.source.name, 'pyai-lint');
      const deprecated = result.diagnostics.find((d) => d.location.path === 'a.py' && d.code.value === 'deprecated-api')!;
      // `np.float` starts at character 18 of line 2; "é" is two bytes in UTF-8, so reviewdog's column is 19.
      assert.deepEqual(deprecated.location.range.start, { line: 2, column: 19 });
      assert.deepEqual(deprecated.location.range.end, { line: 2, column: 27 });
      assert.equal(deprecated.severity, 'INFO');
      assert.match(deprecated.code.url, /deprecated-api\.md$/);
      const suggestion = deprecated.suggestions![0];
      const line = Buffer.from(source.split('\n')[1], 'utf8');
      const fixed = Buffer.concat([line.subarray(0, suggestion.range.start.column - 1), Buffer.from(suggestion.text), line.subarray(suggestion.range.end.column - 1)]).toString('utf8');
      assert.doesNotMatch(fixed, /np\.float\(/);
      const python2 = result.diagnostics.find((d) => d.location.path === 'a.py' && d.code.value === 'python2')!;
      assert.equal(python2.severity, 'ERROR');
      const inNotebook = result.diagnostics.filter((d) => d.location.path === 'nb.ipynb');
      assert.ok(inNotebook.length >= 2 && inNotebook.every((d) => d.suggestions === undefined && /^Cell \d, line \d: /.test(d.message)));
    });

    it('azure: task.logissue commands on the file\'s absolute path, with escaped properties and message', () => {
      const dir = tree({ 'we;ird]%.py': OLD });
      // Azure has errors and warnings only: an info finding is a warning.
      const r = cli(['--output-format', 'azure', '--config', 'severity = { deprecated-api = "info" }'], dir);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 2);
      const escaped = path.join(fs.realpathSync(dir), 'we;ird]%.py').replace(/%/g, '%AZP25').replace(/;/g, '%3B').replace(/\]/g, '%5D');
      const sourcepath = (l: string) => /sourcepath=([^;]*);/.exec(l)?.[1];
      assert.ok([escaped, path.join(dir, 'we;ird]%.py').replace(/%/g, '%AZP25').replace(/;/g, '%3B').replace(/\]/g, '%5D')].includes(sourcepath(lines[0])!), lines[0]);
      assert.match(lines[0], /^##vso\[task\.logissue type=warning;sourcepath=[^;\]]+;linenumber=2;columnnumber=5;code=deprecated-api;\]deprecated-api: .+$/);
      assert.match(lines[1], /^##vso\[task\.logissue type=error;sourcepath=[^;\]]+;linenumber=3;columnnumber=1;code=python2;\]python2: /);
    });
  });

  describe('log levels', () => {
    it('-q prints the findings without the summary; -s prints nothing and keeps the exit status; -v says what it does on stderr', () => {
      const dir = tree({ 'a.py': OLD, 'pyproject.toml': '[tool.pyai-lint]\nignore = ["unchecked-data"]\n' });
      const quiet = cli(['-q'], dir);
      assert.equal(quiet.status, 1);
      assert.match(quiet.stdout, /^a\.py:2:5: deprecated-api .+\na\.py:3:1: python2 .+\n$/);
      const silent = cli(['--silent'], dir);
      assert.deepEqual([silent.status, silent.stdout, silent.stderr], [1, '', '']);
      const verbose = cli(['-v'], dir);
      assert.equal(verbose.stdout, cli([], dir).stdout);
      assert.match(verbose.stderr, /pyai-lint: 2 files to check, 1 folder as projects\n/); // a.py and pyproject.toml (a manifest)
      assert.match(verbose.stderr, /pyai-lint: configuration: pyproject\.toml\n/);
      assert.match(verbose.stderr, /pyai-lint: checked in \d+ ms\n/);
      assert.equal(cli(['-q', '-s'], dir).status, 2);
      assert.equal(cli(['-e', '-q'], dir).status, 0, '-e is --exit-zero, as in Ruff');
      assert.equal(cli(['-s'], tree({ 'clean.py': 'x = 1\n' })).status, 0);
    });
  });

  describe('fixes', () => {
    it('--fix-only applies fixes and reports nothing about what is left', () => {
      const dir = tree({ 'a.py': OLD, 'requirements.txt': 'torch\ntensorflow\n' });
      const r = cli(['--fix-only'], dir);
      assert.deepEqual([r.status, r.stdout], [0, 'Fixed 2 problems.\n']);
      assert.doesNotMatch(fs.readFileSync(path.join(dir, 'a.py'), 'utf8'), /np\.float|print "hi"/);
      assert.equal(cli([], dir).status, 1, 'too-many-frameworks is still there, unreported by --fix-only');
      assert.deepEqual([cli(['--fix-only'], dir).stdout, cli(['--fix-only'], dir).status], ['', 0]);
      const again = tree({ 'a.py': OLD });
      assert.equal(cli(['--fix-only', '--exit-non-zero-on-fix'], again).status, 1);
      const asJson = cli(['--fix-only', '--format', 'json'], tree({ 'a.py': OLD }));
      assert.deepEqual(json(asJson), []);
    });

    it('--no-unsafe-fixes and --unsafe-fixes: the last one given wins', () => {
      const source = 'from sklearn.datasets import load_boston\nX, y = load_boston(return_X_y=True)\n';
      const off = tree({ 'a.py': source });
      cli(['--fix', '--unsafe-fixes', '--no-unsafe-fixes', '--select', 'boston-dataset'], off);
      assert.equal(fs.readFileSync(path.join(off, 'a.py'), 'utf8'), source);
      const on = tree({ 'a.py': source });
      cli(['--fix', '--no-unsafe-fixes', '--unsafe-fixes', '--select', 'boston-dataset'], on);
      assert.notEqual(fs.readFileSync(path.join(on, 'a.py'), 'utf8'), source);
      assert.ok(pythonParses(path.join(on, 'a.py')));
    });

    it('--add-noqa writes our suppression comment on each finding\'s line; the code still parses; a second run adds nothing', () => {
      const source = [
        'import numpy as np',
        'x = np.float(1)  # keep it',
        'y = np.int(2)  # pyai: ignore[hardcoded-cuda]',
        'doc = """text',
        'more"""; z = np.float(3)',
        'w = np.float(4) + \\',
        '    1',
        's = f"{np.float(5)}"',
        '',
      ].join('\n');
      const dir = tree({ 'a.py': source, 'nb.ipynb': NOTEBOOK });
      const before = cli(['--format', 'json'], dir);
      const count = json(before).length;
      assert.ok(count >= 6, before.stdout);
      const r = cli(['--add-noqa'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, `Added ${count} suppression comments.\n`);
      const after = fs.readFileSync(path.join(dir, 'a.py'), 'utf8');
      assert.ok(pythonParses(path.join(dir, 'a.py')), after);
      const lines = after.split('\n');
      assert.equal(lines[1], 'x = np.float(1)  # keep it  # pyai: ignore[deprecated-api]');
      assert.equal(lines[2], 'y = np.int(2)  # pyai: ignore[hardcoded-cuda, deprecated-api]');
      assert.equal(lines[3], 'doc = """text', 'a comment inside the string would change it');
      assert.equal(lines[5], 'w = np.float(4) + \\', 'a comment after a continuation would break the line');
      const notebook = JSON.parse(fs.readFileSync(path.join(dir, 'nb.ipynb'), 'utf8')) as { cells: { source: string[] }[] };
      assert.deepEqual(notebook.cells[1].source, ['print "nb"  # pyai: ignore[python2]\n']);
      const check = cli([], dir);
      assert.deepEqual([check.status, check.stdout], [0, 'All checks passed!\n']);
      const second = cli(['--add-noqa'], dir);
      assert.equal(second.stderr, 'Added 0 suppression comments.\n');
      assert.equal(fs.readFileSync(path.join(dir, 'a.py'), 'utf8'), after);
    });
  });

  describe('files and settings', () => {
    it('--show-files lists the files a run would check, and nothing else', () => {
      const dir = tree({ 'b.py': OLD, 'a/nb.ipynb': NOTEBOOK, 'requirements.txt': 'torch\n', '.gitignore': 'skip.py\n', 'skip.py': OLD, 'build/x.py': OLD, 'notes.txt': 'x' });
      const r = cli(['--show-files'], dir);
      assert.deepEqual([r.status, r.stdout, r.stderr], [0, ['a/nb.ipynb', 'b.py', 'requirements.txt'].join('\n') + '\n', '']);
    });

    it('--show-settings prints what the first file is checked with, from the file and the flags', () => {
      const dir = tree({ 'src/a.py': OLD, 'pyproject.toml': '[tool.pyai-lint]\nignore = ["python2"]\nmin-python = "3.10"\n\n[tool.pyai-lint.severity]\ndeprecated-api = "error"\n' });
      const r = cli(['--show-settings', '--threshold', '3', 'src/a.py'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^Resolved settings for: "src\/a\.py"\nSettings path: pyproject\.toml\n/);
      assert.match(r.stdout, /\npython2 = "off"\n/);
      assert.match(r.stdout, /\ndeprecated-api = "error"\n/);
      assert.match(r.stdout, /\nboston-dataset = "warning"\n/);
      assert.match(r.stdout, /\ntrain-mode-not-restored = "off"\n/);
      assert.match(r.stdout, /\nmin-python = "3\.10"\nframework-threshold = 3\nexclude = \[".bzr",.*"venv"\]\nrespect-gitignore = true\n$/);
      const inline = cli(['--show-settings', '--config', 'ignore = []', 'src/a.py'], dir);
      assert.match(inline.stdout, /Settings path: pyproject\.toml \(with --config overrides\)\n/);
      assert.match(inline.stdout, /\npython2 = "error"\n/);
    });
  });

  describe('--config KEY=VALUE', () => {
    it('overrides one key of the configuration that governs each file, as a TOML value', () => {
      const dir = tree({ 'a.py': OLD, 'pyproject.toml': '[tool.pyai-lint]\nignore = ["python2"]\n' });
      const rules = (args: string[]) => json(cli(['--format', 'json', ...args], dir)).map((f) => f.rule);
      assert.deepEqual(rules([]), ['deprecated-api']);
      assert.deepEqual(rules(['--config', 'ignore = []']), ['deprecated-api', 'python2']);
      assert.deepEqual(rules(['--config', 'ignore = []', '--config', 'select = ["python2"]']), ['python2']);
      assert.deepEqual(rules(['--config', 'severity = { python2 = "off" }', '--config', 'ignore=[]']), ['deprecated-api']);
      // With no configuration file, and with --isolated (which drops the file, not the overrides).
      assert.deepEqual(rules(['--isolated', '--config', 'select = ["deprecated-api"]']), ['deprecated-api']);
    });

    it('rejects a bad override with status 2 and says why', () => {
      const dir = tree({ 'a.py': OLD });
      for (const [value, why] of [['ignore = [', /invalid TOML/], ['colour = "red"', /colour/], ['select = ["no-such-rule"]', /no-such-rule/], ['min-python = 3.10', /min-python/]] as const) {
        const r = cli(['--config', value], dir);
        assert.equal(r.status, 2, value);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, /^pyai-lint: --config: '.+' is neither a file nor a valid "key = value" override: /, value);
        assert.match(r.stderr, why, value);
      }
      const twoFiles = cli(['--config', 'a.toml', '--config', 'b.toml'], dir);
      assert.equal(twoFiles.status, 2);
    });
  });
});
