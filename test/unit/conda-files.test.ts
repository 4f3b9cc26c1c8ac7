// Conda environment files under any name (issue 11): recognised by content, every conda spec form,
// and the YAML of other tools left alone.
import * as assert from 'node:assert/strict';
import { analyzeManifest, manifestKindOfText } from '../../src/core/analysis/manifests';
import { isCondaEnvironment } from '../../src/core/manifests/conda';
import { cli, json, removeTrees, tree } from './cliHarness';

const GPU_ENV = 'name: gpu\nchannels:\n  - pytorch\n  - nvidia\n  - conda-forge\ndependencies:\n  - python=3.8\n  - pytorch::pytorch=1.13\n  - pytorch-cuda=11.7\n  - tensorflow-gpu\n  - pip\n  - pip:\n      - transformers==4.30\n';

const NOT_CONDA: Record<string, string> = {
  'GitHub workflow': 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt\n',
  'docker-compose': 'version: "3"\nservices:\n  web:\n    image: python:3.8\n    depends_on:\n      - db\n  db:\n    image: postgres\n',
  'Ansible role meta': 'galaxy_info:\n  author: me\ndependencies:\n  - role: common\n  - geerlingguy.pip\n',
  'Helm chart': 'apiVersion: v2\nname: app\ndependencies:\n  - name: redis\n    version: 17.0.0\n    repository: https://charts.example.com\n',
  'Dart pubspec': 'name: app\ndependencies:\n  http: ^0.13.0\n',
  'conda recipe': 'package:\n  name: mypkg\n  version: 1.0\nrequirements:\n  run:\n    - python >=3.7\n',
  'empty dependencies': 'name: x\ndependencies: []\n',
  'prose in a list': 'name: notes\ndependencies:\n  - Install the GPU driver first, then CUDA\n',
  'pre-commit config': 'repos:\n  - repo: https://github.com/psf/black\n    rev: 23.1.0\n    hooks:\n      - id: black\n',
};

describe('conda environment files under any name', function () {
  this.timeout(120_000);
  after(removeTrees);

  it('recognises a conda environment by its content, and nothing else', () => {
    assert.equal(isCondaEnvironment(GPU_ENV), true);
    assert.equal(isCondaEnvironment('dependencies:\n  - numpy\n'), true);
    for (const [what, text] of Object.entries(NOT_CONDA)) assert.equal(isCondaEnvironment(text), false, what);
    assert.equal(manifestKindOfText('gpu_env.yml', GPU_ENV), 'conda');
    assert.equal(manifestKindOfText('conda/linux.yaml', GPU_ENV), 'conda');
    assert.equal(manifestKindOfText('.github/workflows/ci.yml', NOT_CONDA['GitHub workflow']), undefined);
    assert.equal(manifestKindOfText('gpu_env.txt', GPU_ENV), undefined);
  });

  it('reads python in every form conda accepts', () => {
    const cases: [string, string | undefined, string | undefined][] = [
      ['python=3.7', '=3.7', '=3.11'],
      ['python==3.7.9', '==3.7.9', '=3.11'],
      ['python=3.7.9=h7579374_0', '=3.7.9=h7579374_0', '=3.11'],
      ['python>=3.6,<3.8', '<3.8', undefined],
      ['conda-forge::python=3.8', '=3.8', '=3.11'],
      ['python 3.7.*', '3.7.*', undefined],
      ['python[version=">=3.6,<3.8"]', '<3.8', undefined],
      ['python=3.12', undefined, undefined],
      ['python>=3.11', undefined, undefined],
      ['python', undefined, undefined],
    ];
    for (const [spec, underlined, fix] of cases) {
      const text = `name: x\ndependencies:\n  - ${spec}\n  - numpy\n`;
      const findings = analyzeManifest('env_cpu.yaml', text, { minimumPython: '3.11' }).filter((f) => f.rule === 'python-version');
      if (underlined === undefined) {
        assert.deepEqual(findings, [], spec);
        continue;
      }
      assert.equal(findings.length, 1, spec);
      const r = findings[0].range;
      assert.equal(text.split('\n')[r.start.line].slice(r.start.character, r.end.character), underlined, spec);
      assert.equal(findings[0].fixes[0]?.edits[0].newText, fix, spec);
    }
  });

  it('the CLI finds them in a walk and by name, and leaves other YAML silent', () => {
    const dir = tree({
      'gpu_env.yml': GPU_ENV,
      'env_cpu.yaml': 'dependencies:\n  - python=3.7\n  - scikit-learn\n',
      'conda/linux.yml': 'name: linux\ndependencies:\n  - python==3.6.13\n',
      '.github/workflows/ci.yml': NOT_CONDA['GitHub workflow'],
      'docker-compose.yml': NOT_CONDA['docker-compose'],
      'roles/x/meta/main.yml': NOT_CONDA['Ansible role meta'],
      'big.yml': 'dependencies:\n' + '  - numpy\n'.repeat(10_000),
    });
    const r = cli(['--format', 'json', '--select', 'python-version,too-many-frameworks'], dir);
    assert.deepEqual(json(r).map((f) => `${f.file}:${f.rule}`), ['conda/linux.yml:python-version', 'env_cpu.yaml:python-version', 'gpu_env.yml:python-version', 'gpu_env.yml:too-many-frameworks']);
    assert.equal(r.stderr, '');
    const named = cli(['--format', 'json', 'gpu_env.yml', '.github/workflows/ci.yml'], dir);
    assert.deepEqual(json(named).map((f) => f.rule), ['python-version', 'too-many-frameworks']);
    assert.match(named.stderr, /ci\.yml: not a conda environment file/);
  });
});
