// The interpreter probe: one run of Python gives the version, the real executable, the kind of environment and
// the packages, so they can never come from two different Pythons (issue 14, bug 3).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROBE_SCRIPT, installConcerns, isBelowMinimum, parseProbe, venvPython } from '../../src/core/workspace/probe';

const probe = (python: string) => parseProbe(execFileSync(python, ['-c', PROBE_SCRIPT], { encoding: 'utf8' }));

describe('interpreter probe', function () {
  this.timeout(60_000);

  it('python3 answers with its version, sys.executable and packages in one JSON line', () => {
    const r = probe('python3');
    assert.ok(r);
    assert.match(r.version, /^3\.\d+\.\d+/);
    assert.ok(path.isAbsolute(r.executable));
    assert.equal(r.executable, execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim());
    assert.ok(Object.keys(r.packages).length > 0 || r.kind === 'venv');
  });

  it('a venv is a virtual environment with its own (empty) packages, whatever the base Python has', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyai-probe-'));
    try {
      execFileSync('python3', ['-m', 'venv', '--without-pip', path.join(dir, 'env')]);
      const python = venvPython(dir, process.platform, 'env');
      const r = probe(python);
      assert.ok(r);
      assert.equal(r.kind, 'venv');
      assert.equal(r.executable, python);
      assert.deepEqual(Object.keys(r.packages).filter((p) => !/^(pip|setuptools)$/i.test(p)), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads conda and global Pythons from prefixes, and rejects output that is not the probe', () => {
    const line = (o: object) => JSON.stringify({ version: '3.11.4', executable: '/x/bin/python', packages: { numpy: '1.26.4' }, ...o });
    assert.equal(parseProbe(line({ prefix: '/x', base_prefix: '/x', conda: true }))?.kind, 'conda');
    assert.equal(parseProbe(line({ prefix: '/usr', base_prefix: '/usr', conda: false }))?.kind, 'global');
    assert.equal(parseProbe(line({ prefix: '/p/.venv', base_prefix: '/usr', conda: false }))?.kind, 'venv');
    assert.deepEqual(parseProbe(`warning: something\n${line({ prefix: '/usr', base_prefix: '/usr' })}`)?.packages, { numpy: '1.26.4' });
    assert.equal(parseProbe('Python 3.11.4'), undefined);
    assert.equal(parseProbe('{"version": "three"}'), undefined);
    assert.equal(parseProbe(''), undefined);
  });

  it('compares versions with the minimum by major and minor', () => {
    assert.equal(isBelowMinimum('3.8.10', '3.11'), true);
    assert.equal(isBelowMinimum('3.11.0', '3.11'), false);
    assert.equal(isBelowMinimum('3.12.1', '3.11'), false);
    assert.equal(isBelowMinimum('2.7.18', '3.9'), true);
    assert.equal(isBelowMinimum(undefined, '3.11'), false);
  });

  it('has concerns about installing into a global or too-old Python, none for a current venv', () => {
    assert.deepEqual(installConcerns({ version: '3.12.1', kind: 'venv', executable: '/p/.venv/bin/python' }, '3.11'), []);
    const global = installConcerns({ version: '3.12.1', kind: 'global', executable: '/usr/bin/python3' }, '3.11');
    assert.equal(global.length, 1);
    assert.match(global[0], /\/usr\/bin\/python3 is not a virtual environment/);
    const old = installConcerns({ version: '3.8.10', kind: 'conda' }, '3.11');
    assert.equal(old.length, 1);
    assert.match(old[0], /Python 3\.8\.10 is older than the minimum 3\.11/);
    assert.equal(installConcerns({ version: '3.8.10', kind: 'global' }, '3.11').length, 2);
  });

  it('knows where a venv keeps its interpreter on each platform', () => {
    assert.equal(venvPython('/p', 'linux'), '/p/.venv/bin/python');
    assert.equal(venvPython('C:\\p', 'win32'), 'C:\\p\\.venv\\Scripts\\python.exe');
  });
});
