// `pyai-lint rule`: rule pages in the terminal, the deprecated-api catalogue as a table from the data.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../src/core/analysis/catalogue';
import { deprecatedApis } from '../../src/core/analysis/rules/deprecatedApi';
import { repoRoot } from './repoRoot';

const ROOT = repoRoot();

function rule(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'rule', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pyai-lint rule', function () {
  this.timeout(60_000);
  it('lists the rules with their default severity and summary', () => {
    const r = rule();
    assert.equal(r.status, 0);
    for (const meta of allRules()) assert.match(r.stdout, new RegExp(`^${meta.id}\\s+${meta.defaultSeverity}\\s+`, 'm'));
  });
  it("prints a rule's page as shipped", () => {
    const r = rule('hardcoded-cuda');
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trimEnd(), fs.readFileSync(path.join(ROOT, 'media/rules/hardcoded-cuda.md'), 'utf8').trimEnd());
  });
  it('prints the deprecated-api page with every catalogue entry in a table and its source', () => {
    const r = rule('deprecated-api');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^# `deprecated-api`/);
    assert.match(r.stdout, /## Suppress/, 'the rest of the page follows the table');
    const rows = r.stdout.split('\n').filter((l) => /^\| `/.test(l));
    assert.equal(rows.length, deprecatedApis().length);
    for (const e of deprecatedApis()) {
      assert.ok(rows.some((row) => row.includes(e.api) || row.includes(`.${e.name}`)), e.api);
      assert.ok(r.stdout.includes(e.source), e.source);
    }
    const float = rows.find((row) => row.startsWith('| `numpy.float` '))!;
    assert.match(float, /\|\s*1\.20\s*\|\s*1\.24\s*\|.*\|\s*safe\s*\|/);
  });
  it('prints every page with --all, and refuses an unknown rule', () => {
    const all = rule('--all');
    assert.equal(all.status, 0);
    for (const meta of allRules()) assert.ok(all.stdout.includes(`# \`${meta.id}\` — `), meta.id);
    const bad = rule('no-such-rule');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown rule 'no-such-rule'/);
    assert.equal(bad.stdout, '');
  });
});
