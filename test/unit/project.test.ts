import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkProject, findGitRoot, isSkippedDirectory } from '../../src/core/analysis/project';

function tempTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pyai-project-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return root;
}

describe('project: findGitRoot', () => {
  const made: string[] = [];
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('finds a .git directory in the folder or above', () => {
    const root = tempTree({ '.git/HEAD': 'ref: refs/heads/main\n', 'src/pkg/mod.py': 'x = 1\n' });
    made.push(root);
    assert.equal(findGitRoot(root), root);
    assert.equal(findGitRoot(path.join(root, 'src', 'pkg')), root);
  });

  it('accepts a .git file with gitdir: (worktrees, submodules) and stops at the nearest one', () => {
    const root = tempTree({ '.git/HEAD': 'x', 'vendor/sub/.git': 'gitdir: ../../.git/modules/sub\n', 'vendor/sub/a.py': '' });
    made.push(root);
    assert.equal(findGitRoot(path.join(root, 'vendor', 'sub')), path.join(root, 'vendor', 'sub'));
    assert.equal(findGitRoot(path.join(root, 'vendor')), root);
  });

  it('ignores a .git file that is not a gitdir pointer', () => {
    const root = tempTree({ 'proj/.git': 'not a pointer\n', 'proj/a.py': '' });
    made.push(root);
    // The temp dir itself is not in a repository, so nothing above counts either.
    assert.equal(findGitRoot(path.join(root, 'proj')), undefined);
  });
});

describe('project: checkProject', () => {
  const made: string[] = [];
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('reports missing-git-repo on the main manifest, with the init command', () => {
    const root = tempTree({ 'train.py': 'import torch\n', 'pyproject.toml': '[project]\nname = "x"\n', 'requirements.txt': 'numpy\n' });
    made.push(root);
    const findings = checkProject(root);
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f.rule, 'missing-git-repo');
    assert.equal(f.file, path.join(root, 'pyproject.toml'));
    assert.deepEqual(f.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
    assert.match(f.message, /git init/);
    assert.equal(f.command?.command, 'pythonForAI.initGitRepository');
    assert.deepEqual(f.command?.arguments, [root]);
    assert.deepEqual(f.fixes, []);
  });

  it('anchors on the first Python file when there is no manifest', () => {
    const root = tempTree({ 'b.py': 'print(1)\n', 'a/notebook.ipynb': '{}', 'z.txt': '' });
    made.push(root);
    const [f] = checkProject(root);
    assert.equal(f.file, path.join(root, 'b.py'));
  });

  it('says nothing inside a repository, nor for a folder without Python', () => {
    const inRepo = tempTree({ '.git/HEAD': 'x', 'deep/er/x.py': '' });
    const noPython = tempTree({ 'README.md': '# hi\n', 'requirements.txt': 'numpy\n' });
    const pythonOnlyInVenv = tempTree({ '.venv/lib/site.py': '', 'venv2/pyvenv.cfg': 'home = /usr\n', 'venv2/lib/x.py': '', 'node_modules/p/y.py': '' });
    made.push(inRepo, noPython, pythonOnlyInVenv);
    assert.deepEqual(checkProject(path.join(inRepo, 'deep')), []);
    assert.deepEqual(checkProject(noPython), []);
    assert.deepEqual(checkProject(pythonOnlyInVenv), []);
  });

  it('reports frameworks declared across several manifests once, on the second family', () => {
    const root = tempTree({
      '.git/HEAD': 'x',
      'requirements.txt': 'numpy\ntorch\n',
      'docs/requirements.txt': 'sphinx\n',
      'environment.yml': 'dependencies:\n  - pip\n  - pip:\n    - jax[cuda12]\n',
    });
    made.push(root);
    const findings = checkProject(root);
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f.rule, 'too-many-frameworks');
    assert.equal(f.file, path.join(root, 'requirements.txt'));
    assert.equal(f.range.start.line, 1);
    assert.match(f.message, /JAX \(`jax` in environment\.yml\)/);
    assert.match(f.message, /This project declares 2/);
  });

  it('is silenced by an ignore comment on the reported manifest line', () => {
    const root = tempTree({ '.git/HEAD': 'x', 'requirements.txt': 'torch  # pyai: ignore[too-many-frameworks]\n', 'environment.yml': 'dependencies:\n  - jax\n' });
    made.push(root);
    assert.deepEqual(checkProject(root), []);
  });

  it('leaves a manifest that alone reaches the threshold to the file check', () => {
    const root = tempTree({ '.git/HEAD': 'x', 'requirements.txt': 'torch\ntensorflow\n', 'environment.yml': 'dependencies:\n  - jax\n' });
    made.push(root);
    assert.deepEqual(checkProject(root), []);
  });

  it('honours severities and the threshold', () => {
    const root = tempTree({ 'a.py': '', 'requirements.txt': 'torch\n', 'Pipfile': '[packages]\ntensorflow = "*"\n' });
    made.push(root);
    assert.deepEqual(checkProject(root).map((f) => f.rule).sort(), ['missing-git-repo', 'too-many-frameworks']);
    assert.deepEqual(checkProject(root, { severities: { 'missing-git-repo': 'off' }, frameworkThreshold: 3 }), []);
  });

  it('keeps the walk bounded', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`d${String(i).padStart(2, '0')}/x.txt`] = '';
    files['zz/deep.py'] = '';
    const root = tempTree(files);
    made.push(root);
    assert.deepEqual(checkProject(root, { maxEntries: 20 }), []);
    assert.equal(checkProject(root).length, 1);
  });

  it('treats virtualenvs and dot-folders as skipped', () => {
    const root = tempTree({ 'myenv/pyvenv.cfg': '', 'condaenv/conda-meta/history': '' });
    made.push(root);
    assert.ok(isSkippedDirectory(path.join(root, 'myenv'), 'myenv'));
    assert.ok(isSkippedDirectory(path.join(root, 'condaenv'), 'condaenv'));
    assert.ok(isSkippedDirectory(path.join(root, '.git'), '.git'));
    assert.ok(isSkippedDirectory(path.join(root, 'site-packages'), 'site-packages'));
    assert.ok(!isSkippedDirectory(path.join(root, 'src'), 'src'));
  });
});
