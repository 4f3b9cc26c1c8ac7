import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import { analyzePython } from '../../src/core/analysis/python';

// The starter files are what a learner copies first: Ruff (pycodestyle, pyflakes, bugbear, pyupgrade,
// isort, pylint, NumPy and pandas rules) and our own pitfall checks must find nothing in them.
describe('roadmap starter files', function () {
  this.timeout(20_000); // Ruff's WebAssembly module compiles on first use
  const ruff = new Workspace({ 'line-length': 120, 'target-version': 'py311', lint: { select: ['E', 'F', 'W', 'B', 'UP', 'I', 'SIM', 'PL', 'NPY', 'PD'] } }, PositionEncoding.Utf16);
  for (const file of fs.readdirSync('media/starters').filter((f) => f.endsWith('.py'))) {
    const source = fs.readFileSync(`media/starters/${file}`, 'utf8');
    it(`${file} is clean under Ruff`, () => {
      const diagnostics = ruff.check(source) as { code: string; message: string; start_location: { row: number } }[];
      assert.deepEqual(diagnostics.map((d) => `${d.code}@${d.start_location.row}: ${d.message}`), []);
    });
    it(`${file} has no pitfall findings`, () => {
      const findings = analyzePython(source);
      assert.deepEqual(findings.map((f) => `${f.rule}@${f.range.start.line + 1}: ${f.message}`), []);
    });
  }
});
