// `npm run bench`: throughput of a whole `pyai-lint` run over this machine's Python standard library,
// next to Ruff (wasm build, NPY rules) on the same files; re-analysis time of the largest file after a
// one-character edit; and the peak memory of the CLI run. A benchmark that prints figures, not a test.
import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { TextDecoder } from 'node:util';
import esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const RSS_HOOK = path.join(ROOT, 'test', 'bench', 'report-max-rss.cjs');
const EDITS = 50;

const stdlib = execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();

/** The .py files the CLI checks under `dir` (same skips: dot-folders, virtualenvs, site-packages, node_modules). */
function pythonFiles(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const skipped = entry.name.startsWith('.') || ['node_modules', 'site-packages', 'dist-packages', '__pycache__', 'venv', 'env'].includes(entry.name) || fs.existsSync(path.join(full, 'pyvenv.cfg'));
      if (!skipped) pythonFiles(full, out);
    } else if (entry.isFile() && /\.pyw?$/.test(entry.name)) out.push(full);
  }
  return out;
}

const mb = (bytes) => bytes / 1024 / 1024;
const fmt = (n, digits = 1) => n.toFixed(digits);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

// Warm the page cache so neither side pays for the first read from disk.
const files = pythonFiles(stdlib);
let totalBytes = 0;
const decoder = new TextDecoder('utf-8', { fatal: true });
const texts = [];
for (const f of files) {
  const buf = fs.readFileSync(f);
  totalBytes += buf.length;
  try {
    texts.push({ file: f, text: decoder.decode(buf), bytes: buf.length });
  } catch {
    // not UTF-8: Ruff cannot take it as a string either; the CLI reports and skips it
  }
}

console.log(`Python standard library: ${stdlib}`);
console.log(`  ${files.length} .py files, ${fmt(mb(totalBytes))} MB (${texts.length} valid UTF-8)`);
console.log('');

// Each side runs RUNS times and the fastest run counts: other processes on the machine only ever
// slow a run down. The two sides take turns, so a spell of load on this (shared) machine hits both.
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

// 1. The whole CLI run, as a user runs it: node start-up, walk, read, analyse, JSON to /dev/null.
function cliRun(extraArgs = [], target = stdlib) {
  const devNull = fs.openSync('/dev/null', 'w');
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', RSS_HOOK, CLI, '--format', 'json', ...extraArgs, target], {
    stdio: ['ignore', devNull, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.closeSync(devNull);
  const stderrLines = run.stderr.split('\n').filter((l) => l !== '');
  const rssLine = stderrLines.find((l) => l.startsWith('maxRSS-kB '));
  return {
    seconds,
    status: run.status,
    maxRssMb: rssLine ? Number(rssLine.split(' ')[1]) / 1024 : NaN,
    complaints: stderrLines.filter((l) => !l.startsWith('maxRSS-kB ')),
  };
}
// 2. Ruff (wasm) with its NPY rules on the same files, in this process, reading each file from disk.
const ruff = require('@astral-sh/ruff-wasm-nodejs');
const workspace = new ruff.Workspace({ lint: { select: ['NPY'] } }, ruff.PositionEncoding.Utf16);
/** One Ruff pass over the given files. */
function ruffPass(fileList) {
  const started = process.hrtime.bigint();
  let bytes = 0;
  let diagnostics = 0;
  for (const file of fileList) {
    const buf = fs.readFileSync(file);
    bytes += buf.length;
    diagnostics += workspace.check(buf.toString('utf8')).length;
  }
  return { bytes, diagnostics, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

const fastest = (runs) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
// The CLI's automatic thread count (mirrors src/cli/pool.ts). With more than one thread, the
// one-thread run is measured too, interleaved so a change in the machine's load hits both alike.
const defaultThreads = Math.max(1, Math.min(os.availableParallelism() - 1, 4));
const cliRuns = [];
const singleRuns = [];
const ruffPasses = [];
for (let r = 0; r < RUNS; r++) {
  cliRuns.push(cliRun());
  if (defaultThreads > 1) singleRuns.push(cliRun(['--jobs', '1']));
  ruffPasses.push(ruffPass(texts.map((t) => t.file)));
}
const { bytes: ruffBytes, diagnostics: ruffDiagnostics, seconds: ruffSeconds } = fastest(ruffPasses);
const ruffMBps = mb(ruffBytes) / ruffSeconds;
if (defaultThreads === 1) singleRuns.push(...cliRuns);
const best = fastest(cliRuns);
const single = fastest(singleRuns);
const cliSeconds = best.seconds;
const maxRssMb = Math.max(...cliRuns.map((r) => r.maxRssMb));
const singleRssMb = Math.max(...singleRuns.map((r) => r.maxRssMb));
const complaints = best.complaints;
const cliMBps = mb(totalBytes) / cliSeconds;
const singleMBps = mb(totalBytes) / single.seconds;

console.log('Whole run over the standard library');
console.log(`  (fastest of ${RUNS} runs each; load average now ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs)`);
console.log(`  pyai-lint (node dist/cli.js --format json, whole process, ${defaultThreads} thread${defaultThreads > 1 ? 's' : ''}): ${fmt(cliSeconds, 2)} s  ${fmt(cliMBps)} MB/s  exit ${best.status}`);
if (defaultThreads > 1) console.log(`  pyai-lint --jobs 1 (one thread): ${fmt(single.seconds, 2)} s  ${fmt(singleMBps)} MB/s`);
console.log(`  ruff-wasm ${ruff.Workspace.version()} NPY rules (in-process, ${ruffDiagnostics} diagnostics): ${fmt(ruffSeconds, 2)} s  ${fmt(ruffMBps)} MB/s  (valid UTF-8 files only, ${fmt(mb(ruffBytes))} MB)`);
console.log(`  ratio pyai-lint / ruff-wasm: ${fmt(cliMBps / ruffMBps, 2)}x   (target >= 3x${defaultThreads > 1 ? `; one thread: ${fmt(singleMBps / ruffMBps, 2)}x` : ''})`);
console.log(`  files pyai-lint could not check: ${complaints.length}${complaints.length ? ` (e.g. ${complaints[0].slice(0, 160)})` : ''}`);
if (complaints.length > files.length / 100) console.log('  WARNING: more than 1% of the files were not checked; the throughput above is not meaningful.');
console.log('');

// 2b. The standard library imports nothing the ML rules look at, so the engine's skim settles most
// files without a full scan. ML code imports numpy or torch in nearly every file: the same files
// with `import numpy as np` on top are all scanned in full and run through every rule.
const IMPORT_LINE = 'import numpy as np\n';
const mlDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyai-bench-ml-'));
const mlFiles = [];
let mlBytes = 0;
for (const { file, text } of texts) {
  const copy = path.join(mlDir, path.relative(stdlib, file));
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.writeFileSync(copy, IMPORT_LINE + text);
  mlBytes += Buffer.byteLength(IMPORT_LINE + text);
  mlFiles.push(copy);
}
const mlCliRuns = [];
const mlRuffPasses = [];
for (let r = 0; r < RUNS; r++) {
  mlCliRuns.push(cliRun(['--jobs', '1'], mlDir));
  mlRuffPasses.push(ruffPass(mlFiles));
}
const mlCli = fastest(mlCliRuns);
const mlRuff = fastest(mlRuffPasses);
fs.rmSync(mlDir, { recursive: true, force: true });
const mlMBps = mb(mlBytes) / mlCli.seconds;
const mlRuffMBps = mb(mlRuff.bytes) / mlRuff.seconds;
console.log('The same files with `import numpy as np` added on top (every file scanned in full, as in ML code)');
console.log(`  pyai-lint (whole process, 1 thread): ${fmt(mlCli.seconds, 2)} s  ${fmt(mlMBps)} MB/s   ruff-wasm: ${fmt(mlRuff.seconds, 2)} s  ${fmt(mlRuffMBps)} MB/s   ratio ${fmt(mlMBps / mlRuffMBps, 2)}x`);
console.log('');

// 3. Re-analysis of the largest file after a one-character edit (the editor's path on each keystroke).
const bundle = path.join(ROOT, 'out', 'bench', 'python.cjs');
await esbuild.build({
  entryPoints: [path.join(ROOT, 'src', 'core', 'analysis', 'python.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  loader: { '.yaml': 'text', '.md': 'text' },
  plugins: [require(path.join(ROOT, 'esbuild.js')).yamlDataPlugin],
  outfile: bundle,
  logLevel: 'silent',
});
const { analyzePython } = require(bundle);
const largest = texts.reduce((a, b) => (b.bytes > a.bytes ? b : a));
for (let i = 0; i < 5; i++) analyzePython(largest.text); // warm-up: JIT and caches
/** Analysis times (ms, sorted) of `text` after each of EDITS one-character edits spread over it. */
function editTimes(text) {
  const times = [];
  for (let i = 0; i < EDITS; i++) {
    const at = Math.floor(((i + 0.5) / EDITS) * text.length);
    const c = text[at];
    // Type one character: replace a letter by another, else insert a space.
    const edited = /[A-Za-z]/.test(c) ? text.slice(0, at) + (c === 'x' ? 'y' : 'x') + text.slice(at + 1) : text.slice(0, at) + ' ' + text.slice(at);
    const t0 = process.hrtime.bigint();
    analyzePython(edited);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times.sort((a, b) => a - b);
}
const times = editTimes(largest.text);
const mlText = IMPORT_LINE + largest.text;
for (let i = 0; i < 5; i++) analyzePython(mlText);
const mlTimes = editTimes(mlText);
console.log(`Re-analysis after a one-character edit (${EDITS} edits)`);
console.log(`  file: ${path.relative(stdlib, largest.file)} (${fmt(largest.bytes / 1024, 0)} KB)`);
console.log(`  as it is (the skim finds nothing to scan for): p50 ${fmt(percentile(times, 50), 2)} ms   p95 ${fmt(percentile(times, 95), 2)} ms`);
console.log(`  with \`import numpy as np\` on top (full scan, every rule): p50 ${fmt(percentile(mlTimes, 50), 2)} ms   p95 ${fmt(percentile(mlTimes, 95), 2)} ms   (target p50 <= 10 ms)`);
console.log('');
console.log('Peak memory of the pyai-lint run');
console.log(`  max RSS ${fmt(maxRssMb, 0)} MB${defaultThreads > 1 ? ` (one thread: ${fmt(singleRssMb, 0)} MB)` : ''}; with every file scanned in full ${fmt(Math.max(...mlCliRuns.map((r) => r.maxRssMb)), 0)} MB   (target <= 200 MB)`);
