// Mocha runner loaded by VS Code's extension host (same contract for code-server and @vscode/test-electron).
// The launcher passes which test files to run and where to write the counts through environment variables.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Glob-lite: `*` matches within a file name. */
function matches(name: string, pattern: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(name);
}

export function run(): Promise<void> {
  const include = (process.env.PYAI_TEST_INCLUDE ?? '*.test.js').split(',').filter(Boolean);
  const exclude = (process.env.PYAI_TEST_EXCLUDE ?? '').split(',').filter(Boolean);
  const resultsFile = process.env.PYAI_RESULTS_FILE;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    grep: process.env.PYAI_TEST_GREP || undefined,
  });
  const files = fs.readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => include.some((p) => matches(f, p)) && !exclude.some((p) => matches(f, p)))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    const failures: { title: string; error: string }[] = [];
    let passed = 0;
    let pending = 0;
    const runner = mocha.run((failed) => {
      if (resultsFile) {
        fs.writeFileSync(resultsFile, JSON.stringify({ passed, failed, pending, failures, files }, null, 2));
      }
      console.log(`[integration] ${passed} passed, ${failed} failed, ${pending} pending`);
      if (failed > 0) reject(new Error(`${failed} integration tests failed.`));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('pending', () => pending++);
    runner.on('fail', (test, err: Error) => failures.push({ title: test.fullTitle(), error: String(err?.stack ?? err) }));
  });
}
