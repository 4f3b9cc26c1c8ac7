// deprecated-api and the library versions a project uses: read from manifests (closest folder
// first) or the interpreter, and what they change in findings.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installedVersions, LibraryVersionLookup, manifestVersions, upperBound } from '../../src/core/analysis/libraryVersions';
import { analyzeNotebook } from '../../src/core/analysis/notebook';
import type { AnalysisOptions } from '../../src/core/analysis/types';
import { findingsOf } from './python-testkit';
import { repoRoot } from './repoRoot';

const NP = 'import numpy as np\n';
const rule = 'deprecated-api';
const numpyAt = (upTo: string, label = `numpy==${upTo} (requirements.txt)`): AnalysisOptions => ({ libraryVersions: { numpy: { upTo, label } } });

describe('library versions: manifests', () => {
  it('reads the upper bound of PEP 440 constraints', () => {
    assert.deepEqual(upperBound(['==1.22.4']), { upTo: '1.22.4' });
    assert.deepEqual(upperBound(['>=1.20,<1.24']), { below: '1.24' });
    assert.deepEqual(upperBound(['~=1.22.0']), { below: '1.23' });
    assert.deepEqual(upperBound(['~=1.22']), { below: '2' });
    assert.deepEqual(upperBound(['==1.22.*']), { below: '1.23' });
    assert.deepEqual(upperBound(['<=1.5,<2']), { upTo: '1.5' });
    assert.equal(upperBound(['>=1.20']), undefined);
    assert.equal(upperBound(['!=1.21']), undefined);
    assert.equal(upperBound([]), undefined);
    assert.equal(upperBound(['==1.22.*', '>=2']), undefined, 'an unbounded alternative');
    assert.deepEqual(upperBound(['==1.22.*', '<1.25']), { below: '1.25' }, 'the loosest alternative');
  });
  it('reads requirements, pyproject (PEP 621 and Poetry), Pipfile and conda files', () => {
    assert.deepEqual(manifestVersions('requirements.txt', 'numpy==1.22.4  # pinned\npandas>=1.0\ntorch[cuda] (<1.10) ; python_version < "3.9"\nscikit-learn~=0.23.1\n'), {
      numpy: { upTo: '1.22.4', label: 'numpy==1.22.4 (requirements.txt)' },
      torch: { below: '1.10', label: 'torch<1.10 (requirements.txt)' },
      'scikit-learn': { below: '0.24', label: 'scikit-learn~=0.23.1 (requirements.txt)' },
    });
    const pyproject = '[project]\nname = "x"\ndependencies = ["numpy<2", "pandas"]\n[tool.poetry.dependencies]\npython = "^3.9"\ntensorflow = "^1.15"\nkeras = { version = "2.3.1", optional = true }\n';
    assert.deepEqual(manifestVersions('pyproject.toml', pyproject), {
      numpy: { below: '2', label: 'numpy<2 (pyproject.toml)' },
      tensorflow: { below: '2', label: 'tensorflow ^1.15 (pyproject.toml)' },
      keras: { upTo: '2.3.1', label: 'keras 2.3.1 (pyproject.toml)' },
    });
    assert.deepEqual(manifestVersions('Pipfile', '[packages]\nnumpy = "==1.19.5"\npandas = "*"\n"scikit-learn" = {version = "<0.22"}\n'), {
      numpy: { upTo: '1.19.5', label: 'numpy==1.19.5 (Pipfile)' },
      'scikit-learn': { below: '0.22', label: 'scikit-learn<0.22 (Pipfile)' },
    });
    const conda = 'name: old\nchannels: [pytorch]\ndependencies:\n  - python=3.7\n  - numpy=1.19\n  - pytorch==1.4.0=py3.7_cuda10.1_0\n  - conda-forge::pandas 0.25.*\n  - pip:\n    - tensorflow-gpu==1.15.0\n';
    assert.deepEqual(manifestVersions('environment.yml', conda), {
      numpy: { below: '1.20', label: 'numpy=1.19 (environment.yml)' },
      torch: { upTo: '1.4.0', label: 'pytorch==1.4.0=py3.7_cuda10.1_0 (environment.yml)' },
      pandas: { below: '0.26', label: 'pandas 0.25.* (environment.yml)' },
      tensorflow: { upTo: '1.15.0', label: 'tensorflow-gpu==1.15.0 (environment.yml)' },
    });
    assert.deepEqual(manifestVersions('requirements.txt', 'not [valid\n==1.0\n'), {});
    assert.deepEqual(manifestVersions('pyproject.toml', '[project\n'), {}, 'a broken file yields nothing, never throws');
  });
  it('reads installed versions as exact', () => {
    assert.deepEqual(installedVersions({ numpy: '1.26.4', 'tensorflow-macos': '2.15.0', weird: 'dev' }), {
      numpy: { upTo: '1.26.4', label: 'numpy 1.26.4 (installed)' },
      tensorflow: { upTo: '2.15.0', label: 'tensorflow-macos 2.15.0 (installed)' },
    });
  });

  describe('closest manifest on disk', () => {
    const temps: string[] = [];
    after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
    function tree(files: Record<string, string>): string {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pyai-versions-'));
      temps.push(root);
      for (const [rel, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), content);
      }
      return root;
    }
    it('uses the closest folder with a manifest, and stops at the working tree root', () => {
      const root = tree({
        '.git/HEAD': 'ref: refs/heads/main\n',
        'requirements.txt': 'numpy==1.22.4\n',
        'src/deep/a.py': '',
        'legacy/requirements.txt': 'numpy==1.16.0\ntorch==0.3.1\n',
        'legacy/old.py': '',
        'legacy/environment.yml': 'dependencies:\n  - numpy=1.15\n  - pandas=0.23\n',
      });
      const lookup = new LibraryVersionLookup();
      assert.equal(lookup.forFile(path.join(root, 'src/deep/a.py'))?.numpy?.upTo, '1.22.4');
      const legacy = lookup.forFile(path.join(root, 'legacy/old.py'));
      assert.equal(legacy?.numpy?.upTo, '1.16.0', 'requirements before conda in one folder');
      assert.equal(legacy?.pandas?.below, '0.24', 'and the conda file adds what requirements lack');
      assert.equal(legacy?.torch?.upTo, '0.3.1');
      const outside = tree({ 'project/.git/HEAD': '', 'project/x.py': '', 'requirements.txt': 'numpy==1.0\n' });
      assert.equal(lookup.forFile(path.join(outside, 'project/x.py')), undefined, 'a manifest above the git root is another project');
    });
  });
});

describe('library versions: deprecated-api findings', () => {
  it('reports an API removed only after the pinned version at a lower severity, naming the version', () => {
    const [f] = findingsOf(NP + 'x = np.float(1)\n', rule, numpyAt('1.22.4'));
    assert.equal(f.severity, 'info');
    assert.match(f.message, /deprecated in NumPy 1\.20 and is removed in NumPy 1\.24: numpy==1\.22\.4 \(requirements\.txt\) still has it/);
    const [nan] = findingsOf(NP + 'x = np.NaN\n', rule, numpyAt('1.26.4', 'numpy 1.26.4 (installed)'));
    assert.equal(nan.severity, 'info');
    assert.match(nan.message, /is removed in NumPy 2\.0: numpy 1\.26\.4 \(installed\) still has it/);
    const [bounded] = findingsOf(NP + 'x = np.NaN\n', rule, { libraryVersions: { numpy: { below: '2', label: 'numpy<2 (pyproject.toml)' } } });
    assert.equal(bounded.severity, 'info', '<2 allows nothing from 2.0 on');
  });
  it('reports an API removed in the pinned version as failing, naming the version', () => {
    const [f] = findingsOf(NP + 'x = np.float(1)\n', rule, numpyAt('1.26.0'));
    assert.equal(f.severity, 'error');
    assert.match(f.message, /removed in NumPy 1\.24, so this line raises AttributeError with numpy==1\.26\.0 \(requirements\.txt\)/);
    const [current] = findingsOf(NP + 'x = np.float(1)\n', rule);
    assert.match(current.message, /on current versions/);
    assert.equal(current.severity, 'error');
  });
  it('does not report an API not yet deprecated in the pinned version', () => {
    assert.deepEqual(findingsOf(NP + 'x = np.float(1)\n', rule, numpyAt('1.19.5')), []);
    assert.deepEqual(findingsOf('import torch\nx = torch.symeig(a)\n', rule, { libraryVersions: { torch: { upTo: '1.4.0', label: 'torch==1.4.0 (requirements.txt)' } } }), []);
    assert.deepEqual(findingsOf('from sklearn.cross_validation import train_test_split\na = train_test_split(X)\n', rule, { libraryVersions: { 'scikit-learn': { upTo: '0.17', label: 'x' } } }), [], 'the import and its uses');
    assert.equal(findingsOf(NP + 'x = np.float(1)\n', rule, { libraryVersions: { pandas: { upTo: '0.25', label: 'x' } } }).length, 1, 'another library\'s pin changes nothing');
  });
  it('applies the pin to the uses of imported names and to notebooks, and honours a configured severity', () => {
    const options: AnalysisOptions = { ...numpyAt('1.22.4'), severities: { 'deprecated-api': 'error' } };
    const found = findingsOf('from numpy import float_\nx = float_(1)\n', rule, { libraryVersions: { numpy: { upTo: '1.26', label: 'numpy==1.26' } } });
    assert.deepEqual(found.map((f) => f.severity), ['info', 'info']);
    assert.equal(findingsOf(NP + 'x = np.float(1)\n', rule, options)[0].severity, 'warning', 'one step below the configured error');
    const cells = analyzeNotebook([{ kind: 'code', source: NP + 'x = np.float(1)' }], { libraryVersions: () => ({ numpy: { upTo: '1.22', label: 'numpy 1.22 (installed)' } }) });
    assert.deepEqual(cells.map((f) => f.severity), ['info']);
  });
  it('asks for the versions only when a finding needs them', () => {
    let asked = 0;
    const lazy: AnalysisOptions = { libraryVersions: () => (asked++, undefined) };
    findingsOf('import numpy as np\nx = np.zeros(3)\n', rule, lazy);
    findingsOf('import os\n', rule, lazy);
    assert.equal(asked, 0);
    findingsOf(NP + 'x = np.float(1) + np.int(2)\n', rule, lazy);
    assert.equal(asked, 1);
  });
});

describe('library versions: the CLI reads the closest manifest', function () {
  this.timeout(60_000);
  it('reports with the version pinned next to the file', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pyai-versions-cli-'));
    try {
      fs.mkdirSync(path.join(root, '.git'));
      fs.mkdirSync(path.join(root, 'old'));
      fs.writeFileSync(path.join(root, 'requirements.txt'), 'numpy>=2\n');
      fs.writeFileSync(path.join(root, 'old', 'requirements.txt'), 'numpy==1.22.4\n');
      fs.writeFileSync(path.join(root, 'old', 'train.py'), NP + 'x = np.float(1)\n');
      fs.writeFileSync(path.join(root, 'new.py'), NP + 'x = np.float(1)\n');
      const r = spawnSync(process.execPath, [path.join(repoRoot(), 'dist', 'cli.js'), '--format', 'json', '--select', rule, '.'], { cwd: root, encoding: 'utf8' });
      const findings = JSON.parse(r.stdout) as { file: string; severity: string; message: string }[];
      const byFile = Object.fromEntries(findings.map((f) => [f.file.replace(/\\/g, '/'), f]));
      assert.equal(byFile['old/train.py'].severity, 'info');
      assert.match(byFile['old/train.py'].message, /numpy==1\.22\.4 \(requirements\.txt\) still has it/);
      assert.equal(byFile['new.py'].severity, 'error');
      assert.match(byFile['new.py'].message, /on current versions/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
