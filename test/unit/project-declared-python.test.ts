// Where a folder declares its Python: the place a finding about the selected interpreter belongs (issue 14, bug 4).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { declaredPythonLocation } from '../../src/core/analysis/project';
import { interpreterFindings, isInterpreterFinding } from '../../src/core/workspace/interpreter';

function folderWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyai-declared-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('declared Python location', () => {
  it('finds requires-python in pyproject.toml, on its value', () => {
    const dir = folderWith({ 'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.9"\n', 'requirements.txt': 'numpy\n' });
    assert.deepEqual(declaredPythonLocation(dir), { file: path.join(dir, 'pyproject.toml'), range: { start: { line: 2, character: 19 }, end: { line: 2, character: 24 } } });
  });

  it('finds python_requires in setup.py and a .python-version file', () => {
    const setup = folderWith({ 'setup.py': 'from setuptools import setup\nsetup(name="x", python_requires=">=3.8")\n' });
    assert.equal(declaredPythonLocation(setup)?.range.start.line, 1);
    const pyenv = folderWith({ '.python-version': '3.10.4\n' });
    assert.equal(declaredPythonLocation(pyenv)?.file, path.join(pyenv, '.python-version'));
  });

  it('is undefined when nothing declares a Python (a requirements file names packages only)', () => {
    assert.equal(declaredPythonLocation(folderWith({ 'requirements.txt': 'numpy\npandas\n', 'main.py': 'import numpy\n' })), undefined);
    assert.equal(declaredPythonLocation(folderWith({ 'pyproject.toml': 'not [valid toml' })), undefined);
  });

  it('tells interpreter findings from findings about a file', () => {
    const [finding] = interpreterFindings({ path: '/usr/bin/python3', version: '3.8.10' }, { minimumPython: '3.11' });
    assert.equal(isInterpreterFinding(finding), true);
    assert.equal(isInterpreterFinding({ rule: 'python-version', message: 'requires-python allows Python 3.8' }), false);
  });
});
