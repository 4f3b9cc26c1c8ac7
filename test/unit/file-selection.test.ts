// core/workspace/fileSelection: the editor's filter over listed files (ListedFiles) decides as the
// CLI's folder walk does: ignore files, default and configured excludes, environments.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectTargets } from '../../src/cli/files';
import { ConfigFinder } from '../../src/core/config/discover';
import { FolderExcludes, ListedFiles } from '../../src/core/workspace/fileSelection';
import { removeTrees, tree } from './cliHarness';

const PY = 'x = 1\n';

function allFiles(root: string, dir = root): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === '.git' ? [] : allFiles(root, full);
    return /\.(py|ipynb)$/.test(e.name) ? [full] : [];
  });
}

function listed(root: string): string[] {
  const finder = new ConfigFinder();
  const filter = new ListedFiles(root, new FolderExcludes((dir) => finder.forFolder(dir), root));
  return allFiles(root).filter((f) => filter.includes(f)).map((f) => path.relative(root, f)).sort();
}

function walked(root: string): string[] {
  return collectTargets([root], { overrides: {}, isolated: false, forceExclude: false })
    .files.filter((t) => /\.(py|ipynb)$/.test(t.file))
    .map((t) => path.relative(root, t.file))
    .sort();
}

describe('file selection shared by the CLI and the editor scan', () => {
  after(removeTrees);

  it('leaves out what .gitignore, .ignore and .git/info/exclude ignore, with nested rules and negations', () => {
    const root = tree({
      '.git/info/exclude': 'secret_*.py\n',
      '.gitignore': 'generated/\n*.gen.py\nlogs\n',
      '.ignore': 'scratch.py\n',
      'keep.py': PY,
      'a.gen.py': PY,
      'scratch.py': PY,
      'secret_key.py': PY,
      'generated/out.py': PY,
      'logs/run.py': PY,
      'pkg/.gitignore': '!b.gen.py\nlocal.py\n',
      'pkg/b.gen.py': PY,
      'pkg/c.gen.py': PY,
      'pkg/local.py': PY,
      'pkg/mod.py': PY,
      'other/local.py': PY,
    });
    const expected = ['keep.py', 'other/local.py', 'pkg/b.gen.py', 'pkg/mod.py'];
    assert.deepEqual(listed(root), expected);
    assert.deepEqual(walked(root), expected);
  });

  it('leaves out Ruff\'s default excludes and environments under any name, keeps a folder merely named env or starting with a dot', () => {
    const root = tree({
      'main.py': PY,
      'build/b.py': PY,
      'dist/d.py': PY,
      '.venv/lib/site.py': PY,
      'nested/node_modules/n.py': PY,
      'myenv/pyvenv.cfg': 'home = /usr\n',
      'myenv/lib/e.py': PY,
      'condaenv/conda-meta/history': '',
      'condaenv/c.py': PY,
      'env/tool.py': PY,
      '.config/settings.py': PY,
      'nb/.ipynb_checkpoints/x-checkpoint.ipynb': '{}',
    });
    const expected = ['.config/settings.py', 'env/tool.py', 'main.py'];
    assert.deepEqual(listed(root), expected);
    assert.deepEqual(walked(root), expected);
  });

  it('applies the governing configuration\'s exclude, extend-exclude and respect-gitignore', () => {
    const root = tree({
      'pyproject.toml': '[tool.pyai-lint]\nextend-exclude = ["legacy_*.py", "data/**"]\n',
      '.gitignore': 'ignored.py\n',
      'legacy_one.py': PY,
      'data/load.py': PY,
      'ignored.py': PY,
      'src/app.py': PY,
      'sub/pyai-lint.toml': 'exclude = []\nrespect-gitignore = false\n',
      'sub/build/kept.py': PY,
      'sub/ignored.py': PY,
    });
    const expected = ['src/app.py', 'sub/build/kept.py', 'sub/ignored.py'];
    assert.deepEqual(listed(root), expected);
    assert.deepEqual(walked(root), expected);
  });

  it('judges a file outside the root from its own folder', () => {
    const root = tree({ 'a.py': PY });
    const elsewhere = tree({ '.gitignore': 'skip.py\n', 'skip.py': PY, 'keep.py': PY });
    const filter = new ListedFiles(root, new FolderExcludes(() => undefined, root));
    assert.equal(filter.includes(path.join(elsewhere, 'skip.py')), false);
    assert.equal(filter.includes(path.join(elsewhere, 'keep.py')), true);
    assert.equal(filter.includes(path.join(root, 'a.py')), true);
  });
});
