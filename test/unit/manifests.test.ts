import * as assert from 'node:assert/strict';
import {
  analyzeManifest,
  analyzeManifestDetailed,
  declaredFrameworks,
  isManifest,
  MANIFEST_GLOB,
  manifestKind,
} from '../../src/core/analysis/manifests';
import { applyManifestFix, rangeText } from './manifestHelpers';
import picomatch from 'picomatch';

describe('manifests: file names', () => {
  it('recognizes every supported manifest by its base name', () => {
    const yes = [
      'requirements.txt',
      'requirements-dev.txt',
      'proj/requirements_gpu.txt',
      'requirements/base.txt',
      'requirements.in',
      'pyproject.toml',
      'setup.cfg',
      'setup.py',
      'Pipfile',
      'environment.yml',
      'environment.yaml',
      'env/environment-gpu.yml',
      '.python-version',
      'runtime.txt',
      'C:\\proj\\requirements.txt',
    ];
    for (const f of yes) assert.ok(isManifest(f), f);
    const no = ['main.py', 'notes.txt', 'Pipfile.lock', 'pyproject.toml.bak', 'config.yml', 'my_requirements.md', 'setup.py.orig'];
    for (const f of no) assert.ok(!isManifest(f), f);
    assert.equal(manifestKind('a/b/environment.yml'), 'conda');
  });
});

describe('manifests: requirements.txt', () => {
  it('finds the second framework family and points at its name', () => {
    const text = '# ML stack\nnumpy==1.26\ntorch>=2.0  # training\ntorchvision\ntensorflow[and-cuda]==2.15 ; sys_platform == "linux"\n';
    const findings = analyzeManifest('requirements.txt', text);
    assert.equal(findings.length, 1);
    const f = findings[0];
    assert.equal(f.rule, 'too-many-frameworks');
    assert.equal(f.severity, 'warning');
    assert.equal(rangeText(text, f.range), 'tensorflow');
    assert.equal(f.range.start.line, 4);
    assert.match(f.message, /PyTorch/);
    assert.match(f.message, /TensorFlow/);
  });

  it('counts a family once (torch + torchvision + lightning is one)', () => {
    assert.deepEqual(analyzeManifest('requirements.txt', 'torch\ntorchvision\nlightning\npytorch-lightning\n'), []);
  });

  it('ignores comments, options and includes, and reads names from URLs and -e', () => {
    const text = [
      '-r base.txt',
      '-c constraints.txt',
      '--index-url https://download.pytorch.org/whl/cu121',
      '# tensorflow',
      'numpy  # not tensorflow',
      '-e git+https://github.com/google/jax.git#egg=jax',
      'https://files.example.org/torch-2.1.0-cp311-cp311-linux_x86_64.whl',
      '',
    ].join('\n');
    const detail = analyzeManifestDetailed('requirements-dev.txt', text);
    assert.deepEqual(detail.includes, ['base.txt', 'constraints.txt']);
    assert.equal(detail.error, undefined);
    const names = declaredFrameworks('requirements-dev.txt', text).map((d) => [d.family, d.name]);
    assert.deepEqual(names, [['JAX', 'jax'], ['PyTorch', 'torch']]);
    assert.equal(detail.findings.length, 1);
    assert.equal(rangeText(text, detail.findings[0].range), 'torch');
  });

  it('reads `name @ url`, hashes and continuation lines', () => {
    const text = 'keras @ https://example.org/keras.tar.gz\njax==0.4.30 \\\n    --hash=sha256:abc\n';
    const d = declaredFrameworks('requirements.txt', text);
    assert.deepEqual(d.map((x) => x.name), ['keras', 'jax']);
    assert.equal(rangeText(text, d[1].range), 'jax');
  });

  it('does not take words from prose lines or markers for packages', () => {
    assert.deepEqual(declaredFrameworks('requirements.txt', 'numpy ; python_version < "3.8" and extra == "torch"\n'), []);
  });

  it('honours the threshold and the severity settings', () => {
    const text = 'torch\ntensorflow\njax\n';
    assert.equal(analyzeManifest('requirements.txt', text, { frameworkThreshold: 4 }).length, 0);
    const at3 = analyzeManifest('requirements.txt', text, { frameworkThreshold: 3 });
    assert.equal(rangeText(text, at3[0].range), 'jax');
    assert.equal(analyzeManifest('requirements.txt', text, { severities: { 'too-many-frameworks': 'off' } }).length, 0);
    assert.equal(analyzeManifest('requirements.txt', text, { severities: { 'too-many-frameworks': 'error' } })[0].severity, 'error');
  });
});

describe('manifests: pyproject.toml', () => {
  it('reads PEP 621 dependencies and optional dependencies', () => {
    const text = `[project]
name = "demo"
requires-python = ">=3.8"
dependencies = [
  "numpy>=1.24",
  "torch==2.2.0",
]

[project.optional-dependencies]
tf = ["tensorflow>=2.15"]
`;
    const findings = analyzeManifest('pyproject.toml', text);
    assert.deepEqual(findings.map((f) => f.rule), ['too-many-frameworks']);
    assert.equal(rangeText(text, findings[0].range), 'tensorflow');
    assert.equal(findings[0].range.start.line, 9);
  });

  it('reports requires-python with an upper bound below the minimum, on that clause', () => {
    const text = '[project]\nname = "x"\nrequires-python = ">=3.7, <3.10"\n';
    const [f] = analyzeManifest('pyproject.toml', text);
    assert.equal(f.rule, 'python-version');
    assert.equal(rangeText(text, f.range), '<3.10');
    assert.match(f.message, /3\.11/);
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].safe, false);
    assert.equal(applyManifestFix(text, f), '[project]\nname = "x"\nrequires-python = ">=3.11"\n');
    assert.deepEqual(analyzeManifest('pyproject.toml', applyManifestFix(text, f)), []);
  });

  it('accepts lower bounds that admit the minimum, and newer-only constraints', () => {
    for (const spec of ['>=3.8', '>=3.8,<4', '~=3.8', '>3.9', '>=3.12', '==3.11.*', '!=3.9.*', '>=3.10,<3.14']) {
      assert.deepEqual(analyzeManifest('pyproject.toml', `[project]\nrequires-python = "${spec}"\n`), [], spec);
    }
  });

  it('reports pins and compatible-release pins below the minimum', () => {
    for (const [spec, culprit] of [['==3.8', '==3.8'], ['~=3.8.0', '~=3.8.0'], ['==3.9.*', '==3.9.*'], ['<3.11', '<3.11'], ['>=3.6,<=3.10.9', '<=3.10.9']]) {
      const text = `[project]\nrequires-python = '${spec}'\n`;
      const f = analyzeManifest('pyproject.toml', text);
      assert.equal(f.length, 1, spec);
      assert.equal(rangeText(text, f[0].range), culprit);
    }
  });

  it('follows the configured minimum', () => {
    const text = '[project]\nrequires-python = ">=3.8,<3.12"\n';
    assert.equal(analyzeManifest('pyproject.toml', text).length, 0);
    assert.equal(analyzeManifest('pyproject.toml', text, { minimumPython: '3.12' }).length, 1);
    assert.equal(analyzeManifest('pyproject.toml', '[project]\nrequires-python = "==3.9"\n', { minimumPython: '3.9' }).length, 0);
  });

  it('understands Poetry: ^3.8 admits 3.11, ~3.8 and 3.8.* do not', () => {
    const poetry = (python: string) => `[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\npython = "${python}"\ntorch = "^2.0"\njax = { version = "^0.4", extras = ["cuda12"] }\n`;
    const caret = analyzeManifest('pyproject.toml', poetry('^3.8'));
    assert.deepEqual(caret.map((f) => f.rule), ['too-many-frameworks']);
    assert.equal(rangeText(poetry('^3.8'), caret[0].range), 'jax');
    for (const [bad, culprit] of [['~3.8', '~3.8'], ['3.8.*', '3.8.*'], ['>=3.7,<3.10', '<3.10'], ['^3.8,<3.10', '^3.8,<3.10'], ['3.9', '3.9']]) {
      const text = poetry(bad);
      const f = analyzeManifest('pyproject.toml', text, { severities: { 'too-many-frameworks': 'off' } });
      assert.equal(f.length, 1, bad);
      assert.equal(rangeText(text, f[0].range), culprit);
    }
    assert.deepEqual(analyzeManifest('pyproject.toml', poetry('~3.8 || ^3.11'), { severities: { 'too-many-frameworks': 'off' } }), []);
  });

  it('reads Poetry groups and PEP 735 dependency groups', () => {
    const text = '[tool.poetry.group.dev.dependencies]\ntensorflow = "*"\n\n[dependency-groups]\ngpu = ["torch>=2"]\n';
    assert.deepEqual(declaredFrameworks('pyproject.toml', text).map((d) => d.family), ['TensorFlow', 'PyTorch']);
  });

  it('gives one parse error with a position for malformed TOML, and no findings', () => {
    const text = '[project]\ndependencies = [\n  "torch",\n  "tensorflow"\nrequires-python = "==3.8"\n';
    const detail = analyzeManifestDetailed('pyproject.toml', text);
    assert.deepEqual(detail.findings, []);
    assert.ok(detail.error);
    assert.match(detail.error.message, /^invalid TOML/);
    assert.ok(detail.error.line >= 4, String(detail.error.line));
    assert.ok(!detail.error.message.includes('\n'));
    assert.deepEqual(analyzeManifest('pyproject.toml', text), []);
    assert.deepEqual(declaredFrameworks('pyproject.toml', text), []);
  });
});

describe('manifests: setup.cfg and setup.py', () => {
  it('reads python_requires and install_requires from setup.cfg', () => {
    const text = '[metadata]\nname = x\n\n[options]\npython_requires = >=3.6, <3.9\ninstall_requires =\n    numpy\n    torch>=1.8\n    # tensorflow\n\n[options.extras_require]\ntf = tensorflow\n';
    const findings = analyzeManifest('setup.cfg', text);
    assert.deepEqual(findings.map((f) => [f.rule, rangeText(text, f.range)]), [
      ['too-many-frameworks', 'tensorflow'],
      ['python-version', '<3.9'],
    ]);
  });

  it('reads literal python_requires and install_requires from setup.py', () => {
    const text = 'from setuptools import setup\nsetup(\n    name="x",\n    python_requires=">=2.7, !=3.0.*, <3.8",\n    install_requires=["numpy", "tensorflow==1.15"],  # ]\n    extras_require={"torch": ["torch"]},\n)\n';
    const findings = analyzeManifest('setup.py', text);
    assert.deepEqual(findings.map((f) => [f.rule, rangeText(text, f.range)]), [
      ['too-many-frameworks', 'torch'],
      ['python-version', '<3.8'],
    ]);
    assert.equal(findings[0].range.start.line, 5);
  });
});

describe('manifests: Pipfile', () => {
  it('reads packages and python_version', () => {
    const text = '[[source]]\nurl = "https://pypi.org/simple"\n\n[packages]\ntorch = "*"\n"tensorflow" = ">=2"\n\n[requires]\npython_version = "3.8"\n';
    const findings = analyzeManifest('Pipfile', text);
    assert.deepEqual(findings.map((f) => [f.rule, rangeText(text, f.range)]), [
      ['too-many-frameworks', 'tensorflow'],
      ['python-version', '3.8'],
    ]);
    const fixed = applyManifestFix(text, findings[1]);
    assert.match(fixed, /python_version = "3\.11"/);
    assert.deepEqual(analyzeManifest('Pipfile', fixed, { severities: { 'too-many-frameworks': 'off' } }), []);
  });

  it('accepts python_version at or above the minimum', () => {
    assert.deepEqual(analyzeManifest('Pipfile', '[requires]\npython_version = "3.12"\n'), []);
  });
});

describe('manifests: conda environment.yml', () => {
  const text = `name: ml
channels:
  - pytorch
  - conda-forge
dependencies:
  - python=3.8
  - numpy
  - pytorch::pytorch>=2.0
  - "torchvision"
  - pip
  - pip:
      - tensorflow==2.15
`;

  it('reads conda and pip dependencies and python=3.8', () => {
    const findings = analyzeManifest('environment.yml', text);
    assert.deepEqual(findings.map((f) => [f.rule, rangeText(text, f.range)]), [
      ['too-many-frameworks', 'tensorflow'],
      ['python-version', '=3.8'],
    ]);
    assert.equal(findings[1].range.start.line, 5);
    const fixed = applyManifestFix(text, findings[1]);
    assert.match(fixed, /- python=3\.11\n/);
    assert.equal(analyzeManifest('environment.yml', fixed).filter((f) => f.rule === 'python-version').length, 0);
  });

  it('accepts python>=3.8 and python=3.11', () => {
    assert.deepEqual(analyzeManifest('environment.yml', 'dependencies:\n  - python>=3.8\n'), []);
    assert.deepEqual(analyzeManifest('environment.yml', 'dependencies:\n  - python=3.11\n'), []);
    assert.deepEqual(analyzeManifest('environment.yml', 'dependencies:\n  - python 3.12.*\n'), []);
  });

  it('reports python ranges that end below the minimum', () => {
    const f = analyzeManifest('environment.yaml', 'dependencies:\n  - python>=3.7,<3.10\n');
    assert.equal(f.length, 1);
    assert.equal(f[0].fixes.length, 0);
  });

  it('gives one parse error for malformed YAML', () => {
    const detail = analyzeManifestDetailed('environment.yml', 'dependencies:\n  - torch\n  - [tensorflow\nname: x\n');
    assert.deepEqual(detail.findings, []);
    assert.ok(detail.error);
    assert.match(detail.error.message, /^invalid YAML/);
    assert.ok(detail.error.line >= 2);
  });

  it('does not crash on environment files of an unexpected shape', () => {
    for (const t of ['', 'dependencies:\n', '- a\n- b\n', 'dependencies: 3\n', 'dependencies:\n  - {pip: nope}\n  - 42\n']) {
      assert.deepEqual(analyzeManifestDetailed('environment.yml', t).findings, [], t);
    }
  });
});

describe('manifests: .python-version and runtime.txt', () => {
  it('reports a pyenv version below the minimum, with an unsafe fix', () => {
    const text = '3.9.7\n';
    const [f] = analyzeManifest('.python-version', text);
    assert.equal(f.rule, 'python-version');
    assert.equal(rangeText(text, f.range), '3.9.7');
    assert.equal(f.fixes[0].safe, false);
    assert.equal(applyManifestFix(text, f), '3.11\n');
  });

  it('accepts newer versions and skips `system`', () => {
    assert.deepEqual(analyzeManifest('.python-version', '3.11.4\n'), []);
    assert.deepEqual(analyzeManifest('.python-version', '3.12\nsystem\n'), []);
    assert.deepEqual(analyzeManifest('.python-version', 'system\n'), []);
  });

  it('reports pypy series without offering a CPython fix', () => {
    const [f] = analyzeManifest('.python-version', 'pypy3.9-7.3.9\n');
    assert.equal(rangeText('pypy3.9-7.3.9\n', f.range), '3.9');
    assert.deepEqual(f.fixes, []);
  });

  it('reports runtime.txt python-3.7.9', () => {
    const text = 'python-3.7.9\n';
    const [f] = analyzeManifest('runtime.txt', text);
    assert.equal(rangeText(text, f.range), '3.7.9');
    assert.equal(applyManifestFix(text, f), 'python-3.11\n');
    assert.deepEqual(analyzeManifest('runtime.txt', 'python-3.12.1\n'), []);
  });
});

describe('manifests: suppression comments', () => {
  it('honours `# pyai: ignore[rule]` on the reported line and ignore-file anywhere', () => {
    assert.deepEqual(analyzeManifest('requirements.txt', 'torch\ntensorflow  # pyai: ignore[too-many-frameworks]\n'), []);
    assert.equal(analyzeManifest('requirements.txt', 'torch  # pyai: ignore[too-many-frameworks]\ntensorflow\n').length, 1, 'wrong line');
    assert.equal(analyzeManifest('requirements.txt', 'torch\ntensorflow  # pyai: ignore[python2]\n').length, 1, 'other rule');
    assert.deepEqual(analyzeManifest('environment.yml', '# pyai: ignore-file[python-version]\ndependencies:\n  - python=3.8\n'), []);
    assert.deepEqual(analyzeManifest('pyproject.toml', '[project]\nrequires-python = "==3.8"  # pyai: ignore\n'), []);
    // .python-version has no comment syntax: the text is not treated as a directive.
    assert.equal(analyzeManifest('.python-version', '3.8 # pyai: ignore[python-version]\n').length, 1);
  });
});

describe('manifests: robustness', () => {
  it('stays fast on pathological input (no regex backtracking blow-up, YAML parser guarded)', function () {
    this.timeout(60_000);
    const cases: [string, string][] = [
      ['pyproject.toml', 'x = """\n[' + ' '.repeat(100000) + 'a\n"""\n'],
      ['requirements.txt', 'torch' + ' '.repeat(100000) + 'x'],
      ['requirements.txt', 'https://' + 'a'.repeat(100000)],
      ['requirements.txt', 'https://x/' + 'a-1'.repeat(30000)],
      ['requirements.txt', 'git+https://x#' + 'a&'.repeat(50000) + 'egg=torch'],
      ['runtime.txt', '\n'.repeat(200000)],
      ['setup.cfg', '[options]\npython_requires = >=3.6' + ' '.repeat(100000) + 'x'],
      ['setup.py', 'install_requires=[' + '"\n'.repeat(50000) + ']'],
      ['pyproject.toml', '[tool.poetry.dependencies]\npython = "' + ' '.repeat(100000) + ',x"\n'],
      ['environment.yml', '"'.repeat(60000)],
      ['environment.yml', '['.repeat(50000)],
      ['environment.yml', '- ['.repeat(30000)],
      ['environment.yml', '\n'.repeat(200000)],
    ];
    for (const [name, text] of cases) {
      const started = Date.now();
      const result = analyzeManifestDetailed(name, text);
      const ms = Date.now() - started;
      assert.ok(ms < 5000, `${name} ${JSON.stringify(text.slice(0, 20))}: ${ms} ms`);
      assert.equal(result.findings.length, 0);
    }
    assert.match(analyzeManifestDetailed('environment.yml', '['.repeat(50000)).error!.message, /nested more than/);
    assert.match(analyzeManifestDetailed('environment.yml', '\n'.repeat(200000)).error!.message, /larger than a conda environment file/);
  });

  it('never throws on odd input', () => {
    const inputs = ['\u0000\u0001', '[[[', 'a = """', '\\\n\\\n', '-e', '--hash', '"', 'python_requires=', 'x'.repeat(10000)];
    for (const name of ['requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.cfg', 'setup.py', 'environment.yml', '.python-version', 'runtime.txt']) {
      for (const input of inputs) {
        assert.doesNotThrow(() => analyzeManifestDetailed(name, input), `${name}: ${JSON.stringify(input.slice(0, 20))}`);
      }
    }
  });
});

describe('MANIFEST_GLOB', () => {
  // The editor finds manifests with the glob and keeps those isManifest accepts, so the glob must
  // match every manifest name (VS Code's globs, like picomatch with `dot`, match dotfiles).
  const matches = picomatch(MANIFEST_GLOB, { dot: true });
  const manifests = [
    'requirements.txt', 'requirements-dev.txt', 'requirements.in', 'requirements/base.txt', 'requirements/dev.in',
    'pyproject.toml', 'setup.cfg', 'setup.py', 'Pipfile', 'environment.yml', 'environment.yaml',
    'environment-gpu.yml', 'conda.yml', 'conda_env.yaml', '.python-version', 'runtime.txt',
  ];
  for (const name of manifests) {
    it(`finds ${name}`, () => {
      assert.ok(isManifest(name), `${name} is a manifest`);
      assert.ok(matches(`project/${name}`), `the glob misses project/${name}`);
    });
  }
});
