// The CLI's output formats and output options, run as a user runs it; SARIF is validated against
// the official SARIF 2.1.0 JSON schema (test/fixtures/sarif, from the npm package @microsoft/jest-sarif).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import type * as Sarif from 'sarif';
import { cli, json, removeTrees, ROOT, tree } from './cliHarness';

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
const isUri = (s: string) => URL.canParse(s);
const validateSarif = new Ajv({
  allErrors: true,
  strict: false,
  // The official schema has a language-tag pattern that is valid only without the `u` flag.
  unicodeRegExp: false,
  formats: { uri: isUri, 'uri-reference': (s: string) => isUri(s) || URL.canParse(s, 'file:///'), 'date-time': (s: string) => !Number.isNaN(Date.parse(s)) },
}).compile(schema);

function assertValidSarif(text: string): Sarif.Log {
  const log = JSON.parse(text) as Sarif.Log;
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
  return log;
}

const NOTEBOOK = JSON.stringify(
  {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Title\n', 'text\n'] },
      { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: ['import numpy as np\n', 'x = 1\n'] },
      { cell_type: 'code', execution_count: 2, metadata: {}, outputs: [], source: ['y = 2\n', 'z = np.float(y)\n'] },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
) + '\n';

/** The 1-based line of the .ipynb file holding `needle`. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('pyai-lint CLI: output formats', function () {
  this.timeout(120_000);
  after(removeTrees);

  const project = () => tree({ 'requirements.txt': 'torch\ntensorflow\n', 'old.py': 'import numpy as np\nx = np.float(1)\nprint "hi"\n', 'nb.ipynb': NOTEBOOK });

  it('text and concise: one line per finding, a summary with the right plural', () => {
    const dir = project();
    const text = cli(['--select', 'python2'], dir);
    assert.match(text.stdout, /^old\.py:3:1: python2 \[\*\] .*\nFound 1 problem\.\n\[\*\] 1 fixable with the `--fix` option\.\n$/);
    const concise = cli(['--output-format', 'concise'], dir);
    assert.equal(concise.stdout, cli([], dir).stdout);
    assert.match(concise.stdout, /^nb\.ipynb:cell 3:2:5: deprecated-api/m);
    assert.match(concise.stdout, /Found 4 problems\./);
  });

  it('json-lines: one JSON object per line, the same findings as json', () => {
    const dir = project();
    const lines = cli(['--output-format', 'json-lines'], dir).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines, json(cli(['--format', 'json'], dir)));
  });

  it('sarif: valid against the SARIF 2.1.0 schema, notebook findings on the .ipynb file\'s own lines', () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'broken.ipynb'), '{');
    const r = cli(['--output-format', 'sarif'], dir);
    const log = assertValidSarif(r.stdout);
    const results = log.runs[0].results!;
    const nb = results.find((x) => x.locations![0].physicalLocation!.artifactLocation!.uri === 'nb.ipynb')!;
    const region = nb.locations![0].physicalLocation!.region!;
    assert.equal(region.startLine, lineOf(NOTEBOOK, '"z = np.float(y)\\n"'));
    assert.equal(NOTEBOOK.split('\n')[region.startLine! - 1].slice(region.startColumn! - 1, region.endColumn! - 1), 'np.float');
    assert.deepEqual(nb.properties, { cell: 2, cellLine: 2, cellColumn: 5 });
    assert.match(nb.message.text ?? "", /^Cell 3, line 2: /);
    const notes = log.runs[0].invocations![0].toolExecutionNotifications!;
    assert.equal(notes.length, 1);
    assert.equal(notes[0].locations![0].physicalLocation!.artifactLocation!.uri, 'broken.ipynb');
    // an empty run is valid too
    assertValidSarif(cli(['--output-format', 'sarif'], tree({ 'a.py': 'x = 1\n' })).stdout);
    // the validator rejects what is not SARIF (so the checks above can fail)
    assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: {} }] }), false);
  });

  it('github: workflow annotations with escaped properties, notebook lines in the file', () => {
    const dir = tree({ 'odd, name.py': 'print "a: b"\n', 'nb.ipynb': NOTEBOOK });
    const r = cli(['--output-format', 'github'], dir);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.match(lines[0], /^::(warning|error) title=pyai-lint \(deprecated-api\),file=nb\.ipynb,line=(\d+),col=\d+,endLine=\d+,endColumn=\d+::nb\.ipynb:\d+:\d+: deprecated-api Cell 3, line 2: /);
    assert.equal(Number(/line=(\d+)/.exec(lines[0])![1]), lineOf(NOTEBOOK, '"z = np.float(y)\\n"'));
    assert.match(lines[1], /^::error title=pyai-lint \(python2\),file=odd%2C name\.py,line=1,col=1,endLine=1,endColumn=\d+::odd, name\.py:1:1: python2 /);
    assert.equal(r.status, 1);
  });

  it('gitlab: a code quality report with stable, distinct fingerprints', () => {
    const dir = tree({ 'a.py': 'print "x"\nprint "x"\n', 'nb.ipynb': NOTEBOOK });
    const report = JSON.parse(cli(['--output-format', 'gitlab'], dir).stdout) as { check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    const gitlabSeverity: Record<string, string> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };
    const expected = json(cli(['--format', 'json'], dir)).map((f) => [f.file, f.rule, gitlabSeverity[f.severity as string]]);
    assert.deepEqual(report.map((i) => [i.location.path, i.check_name, i.severity]), expected);
    assert.deepEqual(expected.map((e) => e[1]), ['python2', 'python2', 'deprecated-api']);
    assert.equal(new Set(report.map((i) => i.fingerprint)).size, 3);
    assert.equal(report[2].location.lines.begin, lineOf(NOTEBOOK, '"z = np.float(y)\\n"'));
    const again = JSON.parse(cli(['--output-format', 'gitlab'], dir).stdout) as { fingerprint: string }[];
    assert.deepEqual(again.map((i) => i.fingerprint), report.map((i) => i.fingerprint));
  });

  it('junit: well-formed XML with a failing test case per finding', () => {
    const dir = project();
    const out = cli(['--output-format', 'junit'], dir).stdout;
    assert.match(out, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="pyai-lint" tests="4" failures="4" errors="0">/);
    assert.equal(out.match(/<testcase /g)?.length, 4);
    assert.equal(out.match(/<failure /g)?.length, 4);
    const py = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.read()); print(len(d.getElementsByTagName("failure")))'], { input: out, encoding: 'utf8' });
    if (py.status === 0) assert.equal(py.stdout.trim(), '4');
    const clean = cli(['--output-format', 'junit'], tree({ 'a.py': 'x = 1\n' })).stdout;
    assert.match(clean, /tests="1" failures="0" errors="0"[\s\S]*<testcase name="No problems found"\/>/);
  });

  it('--output-file writes the output there and nothing to standard output', () => {
    const dir = project();
    const r = cli(['--output-format', 'sarif', '-o', 'out/report.sarif'], dir);
    assert.match(r.stderr, /cannot write out\/report\.sarif/);
    assert.equal(r.status, 2);
    fs.mkdirSync(path.join(dir, 'out'));
    const ok = cli(['--output-format', 'sarif', '--output-file', 'out/report.sarif'], dir);
    assert.equal(ok.stdout, '');
    assert.equal(ok.status, 1);
    assertValidSarif(fs.readFileSync(path.join(dir, 'out', 'report.sarif'), 'utf8'));
  });

  it('--statistics counts findings per rule, in text and in JSON', () => {
    const dir = tree({ 'a.py': 'print "x"\nprint "y"\n', 'requirements.txt': 'torch\njax\n' });
    const text = cli(['--statistics'], dir).stdout.split('\n');
    assert.match(text[0], /^2\tpython2\s*\t\[\*\] /);
    assert.match(text[1], /^1\ttoo-many-frameworks\t/);
    const counts = JSON.parse(cli(['--statistics', '--format', 'json'], dir).stdout) as { rule: string; count: number; fixable: number; title: string }[];
    assert.deepEqual(counts.map((c) => [c.rule, c.count, c.fixable]), [['python2', 2, 2], ['too-many-frameworks', 1, 0]]);
    assert.ok(counts.every((c) => c.title.length > 0));
  });

  it('--show-fixes lists fixes available, and those applied with --fix', () => {
    const dir = tree({ 'a.py': 'import numpy as np\nx = np.float(1)\nprint "y"\n' });
    const offered = cli(['--show-fixes'], dir).stdout;
    assert.match(offered, /Fixes available:\n- a\.py:2:5: deprecated-api: .+\n- a\.py:3:1: python2: .+\n$/);
    const applied = cli(['--fix', '--show-fixes'], dir).stdout;
    assert.match(applied, /Found 2 problems \(2 fixed, 0 remaining\)\.\nFixed 2 problems:\n- a\.py:\n {4}1 × deprecated-api \(.+\)\n {4}1 × python2 \(.+\)\n$/);
  });

  it('--diff prints a unified diff that patch applies, and leaves the file alone', () => {
    const source = 'import numpy as np\n\n\n\n\nx = np.float(1)\ny = 2\n\n\n\n\nprint "z"\n';
    const dir = tree({ 'a.py': source });
    const r = cli(['--diff'], dir);
    assert.equal(fs.readFileSync(path.join(dir, 'a.py'), 'utf8'), source);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^--- a\.py\n\+\+\+ a\.py\n@@ -3,10 \+3,10 @@\n/);
    assert.match(r.stderr, /Would fix 2 problems\./);
    // `patch` (GNU patch, in Debian's base system) applies it, and the fixed file has none of the findings left.
    const applied = spawnSync('patch', ['-p0'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    assert.equal(applied.status, 0, applied.stderr + applied.stdout);
    assert.equal(cli(['--select', 'python2,deprecated-api'], dir).status, 0);
    assert.equal(cli(['--diff'], tree({ 'b.py': 'x = 1\n' })).status, 0);
  });
});
