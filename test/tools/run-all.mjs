// `npm test`: build, type check, lint, unit tests (plain mocha), then the integration suite inside a
// real VS Code. Every step is bounded in time. Ends with one line "N passed, N failed" over all layers
// (type check and lint count as one check each).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './code-server.mjs';
import { ensureNodeModules, ensureTestVSCode } from './ensure-deps.mjs';

const npx = (bin) => path.join(ROOT, 'node_modules', '.bin', bin);
let passed = 0;
let failed = 0;
const summary = [];

function step(name, command, args, timeoutMin) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', timeout: timeoutMin * 60_000, maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(r.stdout ?? '');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.error) console.log(`${name}: ${r.error.code === 'ETIMEDOUT' ? `timed out after ${timeoutMin} min` : r.error.message}`);
  return { ok: r.status === 0 && !r.error, stdout: r.stdout ?? '', seconds };
}

function check(name, command, args, timeoutMin) {
  const r = step(name, command, args, timeoutMin);
  if (r.ok) passed++; else failed++;
  summary.push(`${name}: ${r.ok ? 'ok' : 'FAILED'} (${r.seconds} s)`);
  return r.ok;
}

function counted(name, command, args, timeoutMin, parse) {
  const r = step(name, command, args, timeoutMin);
  const counts = parse(r.stdout);
  if (!r.ok && counts.failed === 0) counts.failed = 1; // crashed or timed out before reporting
  passed += counts.passed;
  failed += counts.failed;
  summary.push(`${name}: ${counts.passed} passed, ${counts.failed} failed (${r.seconds} s)`);
}

if (!ensureNodeModules()) {
  console.log('npm ci failed.\n0 passed, 1 failed');
  process.exit(1);
}
if (!ensureTestVSCode()) {
  console.log('The test VS Code could not be installed.\n0 passed, 1 failed');
  process.exit(1);
}

const built = check('build', process.execPath, ['esbuild.js', '--tests'], 5);
check('type check (tsc --noEmit)', npx('tsc'), ['--noEmit'], 5);
check('lint (eslint)', npx('eslint'), ['.'], 5);
if (built) {
  counted('unit tests (mocha)', npx('mocha'), ['--config', 'test/.mocharc.json'], 15, (out) => ({
    passed: Number(/(\d+) passing/.exec(out)?.[1] ?? 0),
    failed: Number(/(\d+) failing/.exec(out)?.[1] ?? 0),
  }));
  counted('integration tests (real VS Code)', process.execPath, ['test/tools/run-integration.mjs', '--no-build'], 45, () => {
    try {
      const r = JSON.parse(fs.readFileSync(path.join(ROOT, 'test-output/integration-results.json'), 'utf8'));
      return { passed: r.passed, failed: r.failed };
    } catch {
      return { passed: 0, failed: 1 };
    }
  });
}
console.log(`\n=== summary ===\n${summary.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
