// The README's "Configuration" and "Continuous integration" snippets, the GitHub Action (action.yml)
// and the pre-commit hook (.pre-commit-hooks.yaml), run as their users run them: the pyai-lint
// commands of each snippet in a project, the action's steps with its inputs, and the hook through
// `pre-commit try-repo` when pre-commit is installed (else its entry, as pre-commit would call it).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { CLI, cli, json, removeTrees, ROOT, tree } from './cliHarness';

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

function snippet(name: string): string {
  const m = new RegExp(`<!-- ci-snippet: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(README);
  assert.ok(m, `README.md has the ${name} snippet`);
  return m[1];
}

/** Runs a shell line with `pyai-lint` meaning this repository's built CLI. */
function sh(line: string, cwd: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', line.replace(/^pyai-lint\b/, `"${process.execPath}" "${CLI}"`)], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const PROJECT = {
  'train.py': 'import numpy as np\nimport torch\nx = np.float(1)\nmodel = torch.nn.Linear(2, 2).cuda()\n',
  'tests/test_train.py': 'import torch\nt = torch.zeros(1).cuda()\n',
  'data/gen.py': 'print "generated"\n',
  'legacy_io.py': 'print "old"\n',
  'analysis.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: ['import numpy as np\n', 'y = np.int(2)\n'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
  'requirements.txt': 'numpy\ntorch\n',
};

describe('README CI snippets, the GitHub Action and the pre-commit hook', function () {
  this.timeout(900_000);
  after(removeTrees);

  it('the Configuration snippet is a valid [tool.pyai-lint] and does what its comments say', () => {
    const dir = tree({ ...PROJECT, 'pyproject.toml': `[project]\nname = "demo"\n\n${snippet('pyproject')}` });
    const r = cli(['--format', 'json'], dir);
    assert.notEqual(r.status, 2, r.stderr);
    const found = json(r).map((f) => `${f.file}:${f.rule}:${f.severity}`);
    assert.ok(found.includes('train.py:deprecated-api:error'), found.join());
    assert.ok(found.includes('train.py:hardcoded-cuda:warning'), found.join());
    assert.ok(!found.some((f) => f.startsWith('tests/') || f.startsWith('data/') || f.startsWith('legacy_io.py')), found.join());
  });

  it('the GitHub steps write annotations and a SARIF file that the upload step names', () => {
    const steps = YAML.parse(snippet('github-steps')) as { run?: string; uses?: string; with?: Record<string, string> }[];
    const dir = tree(PROJECT);
    const runs = steps.filter((s) => s.run?.startsWith('pyai-lint'));
    assert.equal(runs.length, 2);
    const outputs = runs.map((s) => sh(s.run!, dir));
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, upload.with!.sarif_file), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.length > 0);
    assert.equal(outputs[0].status, 0, 'the SARIF step uses --exit-zero so the upload runs');
    const annotations = outputs[1].stdout.trimEnd().split('\n');
    assert.ok(annotations.length > 0 && annotations.every((l) => /^::(error|warning|notice) title=pyai-lint \(/.test(l)), outputs[1].stdout);
    assert.equal(outputs[1].status, 1, 'findings fail the job');
  });

  it('the GitLab job writes the code quality report its artifacts name', () => {
    const job = (YAML.parse(snippet('gitlab')) as Record<string, { script: string[]; artifacts: { reports: { codequality: string } } }>)['pyai-lint'];
    const dir = tree(PROJECT);
    const lines = job.script.filter((l) => l.startsWith('pyai-lint'));
    assert.equal(lines.length, 1);
    sh(lines[0], dir);
    const report = JSON.parse(fs.readFileSync(path.join(dir, job.artifacts.reports.codequality), 'utf8')) as { check_name: string; location: { path: string } }[];
    assert.ok(report.some((i) => i.check_name === 'deprecated-api' && i.location.path === 'train.py'), JSON.stringify(report));
  });

  it('action.yml runs as the README\'s workflow uses it: SARIF for the upload step, then annotations', () => {
    const action = YAML.parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }>; runs: { using: string; steps: { name?: string; run?: string; uses?: string; if?: string; with?: Record<string, string> }[] } };
    assert.equal(action.runs.using, 'composite');
    const workflow = YAML.parse(snippet('github-action')) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> };
    const use = workflow.jobs['pyai-lint'].steps.find((s) => s.uses?.startsWith('python-for-ai/python-for-ai-vscode@'))!;
    for (const key of Object.keys(use.with ?? {})) assert.ok(key in action.inputs, `input ${key} is declared`);
    const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, use.with?.[k] ?? v.default]));
    const expand = (s: string) => s.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, k: string) => inputs[k]);
    const dir = tree(PROJECT);
    // The install step (npm ci in the action's folder) is what built this repository's dist/ already.
    const steps = action.runs.steps.filter((s) => s.run && !/npm ci/.test(s.run));
    assert.equal(steps.length, 2);
    const results = steps.map((s) => spawnSync('bash', ['-c', expand(s.run!)], { cwd: dir, encoding: 'utf8', env: { ...process.env, GITHUB_ACTION_PATH: ROOT } }));
    assert.equal(results[0].status, 0, results[0].stderr);
    assert.ok(fs.existsSync(path.join(dir, inputs['sarif-file'])));
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    assert.equal(expand(upload.with!.sarif_file), inputs['sarif-file']);
    assert.match(upload.if!, /inputs\.upload-sarif == 'true'/);
    assert.equal(inputs['upload-sarif'], 'true', 'the upload runs by default');
    // --level warning (from the workflow's args): the warnings and errors fail the step.
    assert.equal(results[1].status, 1, results[1].stderr);
    assert.match(results[1].stdout, /^::(error|warning) title=pyai-lint/m);
  });

  it('the pre-commit hook checks the staged files it matches (pre-commit try-repo when installed)', () => {
    const hooks = YAML.parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string }[];
    const config = YAML.parse(snippet('pre-commit')) as { repos: { hooks: { id: string }[] }[] };
    const hook = hooks.find((h) => h.id === config.repos[0].hooks[0].id);
    assert.ok(hook, 'the README names the hook .pre-commit-hooks.yaml defines');
    assert.equal(hook.language, 'node');
    const files = new RegExp(hook.files);
    for (const f of ['a.py', 'nb/x.ipynb', 'requirements-dev.txt', 'sub/pyproject.toml', 'environment-gpu.yml', '.python-version']) assert.ok(files.test(f), f);
    for (const f of ['README.md', '.github/workflows/ci.yml', 'data.csv', 'requirements.md']) assert.ok(!files.test(f), f);

    const dir = tree({ 'good.py': 'x = 1\n', 'bad.py': 'print "old"\n', 'notes.md': '# notes\n' }, false);
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    if (preCommit.status === 0) {
      // pre-commit installs the package with npm in a copy of this repository (devDependencies for the build
      // included); the npm cache from this checkout's own install serves it.
      const env = { ...process.env, PRE_COMMIT_HOME: path.join(dir, '.cache-pre-commit'), npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
      const run = spawnSync('pre-commit', ['try-repo', ROOT, hook.id, '--files', 'good.py', 'bad.py', 'notes.md', '--verbose'], { cwd: dir, encoding: 'utf8', timeout: 840_000, env });
      const out = run.stdout + run.stderr;
      assert.equal(run.status, 1, out);
      assert.match(out, /bad\.py:1:1: python2/);
      assert.doesNotMatch(out, /notes\.md/);
      assert.doesNotMatch(out, /good\.py:/);
    } else {
      // Without pre-commit: the entry with the matching staged files, as pre-commit passes them.
      const staged = ['good.py', 'bad.py', 'notes.md'].filter((f) => files.test(f));
      const r = sh(`${hook.entry} ${staged.join(' ')}`, dir);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /bad\.py:1:1: python2/);
    }
  });
});
