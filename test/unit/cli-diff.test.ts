// `--diff` output: unified diff hunks as `diff -u` makes them, that `patch` and `git apply` accept.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unifiedDiff } from '../../src/cli/diff';
import { cli, removeTrees, tree } from './cliHarness';

const numbered = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`);

/** Applies `diff` to `before` in a scratch folder with `tool`; returns the file's text afterwards. */
function apply(tool: 'patch' | 'git', before: string, diff: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyai-diff-'));
  try {
    fs.writeFileSync(path.join(dir, 'f.py'), before);
    const args = tool === 'patch' ? ['patch', ['-p0', '--batch']] as const : ['git', ['apply', '-p0', '--unidiff-zero', '-']] as const;
    if (tool === 'git') {
      const check = spawnSync('git', ['apply', '-p0', '--check', '-'], { cwd: dir, input: diff, encoding: 'utf8' });
      assert.equal(check.status, 0, `git apply --check: ${check.stderr}\n${diff}`);
    }
    const r = spawnSync(args[0], [...args[1]], { cwd: dir, input: diff, encoding: 'utf8' });
    assert.equal(r.status, 0, `${tool}: ${r.stderr}${r.stdout}\n${diff}`);
    return fs.readFileSync(path.join(dir, 'f.py'), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The `@@` headers GNU diff gives for the same change. */
function gnuHeaders(before: string, after: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyai-diff-'));
  try {
    fs.writeFileSync(path.join(dir, 'a'), before);
    fs.writeFileSync(path.join(dir, 'b'), after);
    const r = spawnSync('diff', ['-u', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
    return r.stdout.split('\n').filter((l) => l.startsWith('@@'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const headers = (diff: string) => diff.split('\n').filter((l) => l.startsWith('@@'));

describe('pyai-lint --diff hunks', () => {
  after(removeTrees);

  it('splits changes far apart into hunks with three lines of context and right @@ ranges', () => {
    const a = numbered(40);
    const b = [...a];
    b[4] = 'changed 5\n';
    b.splice(20, 1); // line 21 removed
    b.splice(33, 0, 'inserted after 35\n');
    const before = a.join('');
    const after = b.join('');
    const diff = unifiedDiff('f.py', before, after);
    assert.deepEqual(headers(diff), ['@@ -2,7 +2,7 @@', '@@ -18,7 +18,6 @@', '@@ -32,6 +31,7 @@']);
    assert.deepEqual(headers(diff), gnuHeaders(before, after));
    assert.match(diff, /^--- f\.py\n\+\+\+ f\.py\n@@ -2,7 \+2,7 @@\n line 2\n line 3\n line 4\n-line 5\n\+changed 5\n line 6\n line 7\n line 8\n@@/);
    assert.equal(apply('patch', before, diff), after);
    assert.equal(apply('git', before, diff), after);
  });

  it('joins changes whose context would overlap into one hunk', () => {
    const a = numbered(20);
    const b = [...a];
    b[5] = 'x\n';
    b[11] = 'y\n'; // six unchanged lines between: one hunk, as diff -u
    const diff = unifiedDiff('f.py', a.join(''), b.join(''));
    assert.deepEqual(headers(diff), ['@@ -3,13 +3,13 @@']);
    assert.deepEqual(headers(diff), gnuHeaders(a.join(''), b.join('')));
    b[11] = a[11];
    b[13] = 'y\n'; // seven: two hunks
    assert.deepEqual(headers(unifiedDiff('f.py', a.join(''), b.join(''))), gnuHeaders(a.join(''), b.join('')));
    assert.equal(headers(unifiedDiff('f.py', a.join(''), b.join(''))).length, 2);
  });

  it('handles edges: changes at the start and end, empty files, a last line without newline, CRLF', () => {
    const cases: [string, string][] = [
      ['a\nb\nc\n', 'z\nb\nc\n'],
      ['a\nb\nc\n', 'a\nb\nc\nd\n'],
      ['', 'new\n'],
      ['old\n', ''],
      ['a\nb', 'a\nb\n'],
      ['a\nb', 'a\nc'],
      ['a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n'],
      [numbered(30).join(''), numbered(30, 'other').join('')],
      [numbered(12).join(''), [...numbered(12).slice(0, 6), 'mid\n', ...numbered(12).slice(6)].join('')],
      // Too different for the line diff's budget: one change, still a correct hunk.
      [numbered(5000).join(''), numbered(5000, 'other').join('')],
    ];
    for (const [before, after] of cases) {
      const diff = unifiedDiff('f.py', before, after);
      assert.deepEqual(headers(diff), gnuHeaders(before, after), JSON.stringify([before, after]));
      assert.equal(apply('patch', before, diff), after, JSON.stringify([before, after]));
      assert.equal(apply('git', before, diff), after, JSON.stringify([before, after]));
    }
    assert.equal(unifiedDiff('f.py', 'same\n', 'same\n'), '');
  });

  it('matches diff -u on many generated edits', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let round = 0; round < 60; round++) {
      const a = numbered(5 + random(60));
      const b = [...a];
      for (let edits = 1 + random(6); edits > 0; edits--) {
        const at = random(b.length + 1);
        const what = random(3);
        if (what === 0) b.splice(at, 1);
        else if (what === 1) b.splice(at, 0, `new ${round}.${edits}\n`);
        else if (at < b.length) b[at] = `changed ${round}.${edits}\n`;
      }
      const diff = unifiedDiff('f.py', a.join(''), b.join(''));
      if (a.join('') === b.join('')) continue;
      assert.equal(apply('patch', a.join(''), diff), b.join(''));
      // Several minimal diffs can exist; the hunks cover the same lines when both are minimal.
      const mine = diff.split('\n').filter((l) => /^[-+][^-+]/.test(l) || /^[-+]$/.test(l)).length;
      const gnu = spawnSync('bash', ['-c', 'diff -u <(printf %s "$A") <(printf %s "$B") | grep -c "^[-+][^-+]\\|^[-+]$"'], { env: { ...process.env, A: a.join(''), B: b.join('') }, encoding: 'utf8' });
      assert.equal(mine, Number(gnu.stdout.trim()), diff);
    }
  });

  it('pyai-lint --diff prints one hunk per separate fix, that git apply --check accepts', () => {
    const lines = ['import numpy as np', 'x = np.float(1)', ...Array.from({ length: 12 }, (_, i) => `v${i} = ${i}`), 'print "done"', ...Array.from({ length: 12 }, (_, i) => `w${i} = ${i}`), 'y = np.int(2)'];
    const source = lines.join('\n') + '\n';
    const dir = tree({ 'f.py': source });
    const r = cli(['--diff', '--select', 'deprecated-api,python2'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(headers(r.stdout), ['@@ -1,5 +1,5 @@', '@@ -12,7 +12,7 @@', '@@ -25,4 +25,4 @@']);
    assert.equal(fs.readFileSync(path.join(dir, 'f.py'), 'utf8'), source);
    const check = spawnSync('git', ['apply', '-p0', '--check', '-'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
    assert.equal(spawnSync('git', ['apply', '-p0', '-'], { cwd: dir, input: r.stdout, encoding: 'utf8' }).status, 0);
    assert.equal(cli(['--select', 'deprecated-api,python2'], dir).status, 0);
  });
});
