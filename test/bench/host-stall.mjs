// `npm run bench:stall`: builds the worker (dist/analysisWorker.js) and runs test/bench/hostStall.ts,
// which prints the host's longest stall while typing in a 5 MB Python file and in a plain-text file.
// A benchmark that prints figures, not a test. BENCH_STALL_CHARS, BENCH_STALL_WORDS, BENCH_STALL_ROUNDS tune it.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORKER = path.join(ROOT, 'dist', 'analysisWorker.js');
if (!fs.existsSync(WORKER)) throw new Error(`${WORKER} is missing: run "node esbuild.js --production" first.`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyai-stall-'));
const bundle = path.join(dir, 'hostStall.cjs');
await esbuild.build({
  entryPoints: [path.join(ROOT, 'test', 'bench', 'hostStall.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true, // as the .vsix ships the extension
  outfile: bundle,
  loader: { '.yaml': 'text', '.md': 'text' },
  plugins: [require(path.join(ROOT, 'esbuild.js')).yamlDataPlugin],
  logLevel: 'error',
});
const run = spawnSync(process.execPath, [bundle, WORKER], { stdio: 'inherit' });
fs.rmSync(dir, { recursive: true, force: true });
process.exit(run.status ?? 1);
