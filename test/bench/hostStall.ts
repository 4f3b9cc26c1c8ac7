// `npm run bench:stall` (through host-stall.mjs): the extension host's longest stall while a person
// types in a 5 MB Python file, next to the same typing in a plain-text file, with the analysis
// worker and without it. Typing goes through the editor's path (controller.ts, offThread.ts): every
// keystroke edits the text, is forwarded to the worker's copy, and restarts the debounce; when it
// fires, the text is analysed in the host, or the worker (core/worker, the same client the editor
// uses) analyses its copy; the findings become diagnostic-like objects. The stall is the event loop's largest delay (perf_hooks.monitorEventLoopDelay, 1 ms resolution).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { analyzeText, plainOptions, type JobResult } from '../../src/core/analysis/documentJob';
import { AnalysisWorker } from '../../src/core/worker/analysisWorker';
import { largePython } from './largePython';

const SIZE = Number(process.env.BENCH_STALL_CHARS ?? 5_000_000);
const WORDS = Number(process.env.BENCH_STALL_WORDS ?? 24);
const KEY_MS = 60; // a steady typist: ~16 keys a second
const PAUSE_MS = 400; // after each word, a pause longer than the 200 ms default debounce: an analysis runs
const DEBOUNCE_MS = 200;
const WORKER = process.argv[2];

type Mode = 'plain text' | 'Python, in host' | 'Python, worker';

interface Figures { maxMs: number; p99Ms: number; analyses: number; lastFindings: number; hostMs: number }

/** The line typed each time: a NumPy alias removed in NumPy 2 (one deprecated-api finding once complete). */
const word = (w: number) => `v${w} = np.NaN\n`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function typeInto(mode: Mode, base: string): Promise<Figures> {
  const worker = mode === 'Python, worker' ? new AnalysisWorker(WORKER, () => undefined) : undefined;
  const options = { minimumPython: '3.11', libraryVersions: () => ({}) };
  // The document as the extension host holds it (ExtHostDocumentData): lines; getText() joins them.
  const lines = base.split('\n');
  let length = base.length;
  let version = 1;
  const getText = () => lines.join('\n');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let analyses = 0;
  let lastFindings = 0;
  /** The longest the extension's own code held the host's thread in one go (analysis or send, and showing the result). */
  let hostMs = 0;
  const turns: number[] = [];
  const timed = <T>(work: () => T): T => {
    const started = performance.now();
    const value = work();
    turns.push(performance.now() - started);
    hostMs = Math.max(hostMs, turns[turns.length - 1]);
    return value;
  };
  let pending: Promise<unknown> = Promise.resolve();
  const show = (result: JobResult | undefined) => {
    if (!result) return;
    analyses++;
    // What becomes a vscode.Diagnostic per finding (range, message, code), as toEntry builds it.
    lastFindings = result.findings.map((f) => ({ range: { ...f.range }, message: f.message, code: f.rule })).length;
  };
  const check = () => {
    if (mode === 'plain text') return; // the extension leaves a plain-text document alone
    if (worker) {
      const held = { version, length, text: getText };
      pending = timed(() => worker.analyze('doc', { type: 'text', kind: 'python', name: 'big.py', text: '', options: plainOptions(options) }, held)).then((r) => timed(() => show(r)));
    } else {
      timed(() => show(analyzeText('python', 'big.py', getText(), options)));
    }
  };
  // Warm up (JIT, the worker's start) outside the measured window, as an editor that has been open a while.
  check();
  await pending;
  await sleep(200);
  hostMs = 0;
  turns.length = 0;
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const line = Math.floor(lines.length / 2);
  let column = 0;
  const lineOffset = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
  for (let w = 0; w < WORDS; w++) {
    for (const ch of word(w)) {
      // The edit VS Code applies to its copy of the document...
      lines[line] = lines[line].slice(0, column) + ch + lines[line].slice(column);
      length++;
      version++;
      // ...and what this extension does with it: forward it to the worker's copy.
      if (worker?.holds('doc')) timed(() => worker.edit('doc', version, [{ offset: lineOffset + column, length: 0, text: ch }]));
      column++;
      if (timer) clearTimeout(timer);
      timer = setTimeout(check, DEBOUNCE_MS);
      await sleep(KEY_MS);
    }
    await sleep(PAUSE_MS);
    await pending;
    // The line is deleted again before the next (a user retyping it), so each analysis has one finding.
    lines[line] = lines[line].slice(column);
    version++;
    length -= column;
    if (worker?.holds('doc')) worker.edit('doc', version, [{ offset: lineOffset, length: column, text: '' }]);
    column = 0;
  }
  histogram.disable();
  if (process.env.BENCH_STALL_VERBOSE) console.log(mode, turns.map((t) => t.toFixed(1)).join(' '));
  worker?.dispose();
  return { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, analyses, lastFindings, hostMs };
}

async function main(): Promise<void> {
  const python = largePython(SIZE);
  const plain = python.replace(/[=()]/g, ' '); // same size and lines, not Python to the extension
  console.log(`Host stall while typing: ${WORDS} words at ${KEY_MS} ms a key, ${PAUSE_MS} ms pause after each (debounce ${DEBOUNCE_MS} ms)`);
  console.log(`  file: ${(python.length / 1e6).toFixed(2)} MB (${python.split('\n').length} lines), machine load ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
  const results: Record<string, Figures> = {};
  // Runs alternate so a spell of load on a shared machine hits every mode.
  const rounds = Number(process.env.BENCH_STALL_ROUNDS ?? 2);
  for (let round = 0; round < rounds; round++) {
    for (const mode of ['plain text', 'Python, in host', 'Python, worker'] as Mode[]) {
      const figures = await typeInto(mode, mode === 'plain text' ? plain : python);
      const best = results[mode];
      // The lower of the rounds counts: load from other processes only ever adds delay.
      if (!best || figures.maxMs < best.maxMs) results[mode] = figures;
    }
  }
  const base = results['plain text'].maxMs;
  for (const [mode, f] of Object.entries(results)) {
    const extra = mode === 'plain text' ? '' : `, ${(f.maxMs - base).toFixed(1)} ms beyond plain text; the extension's longest turn ${f.hostMs.toFixed(1)} ms; ${f.analyses} analyses, ${f.lastFindings} findings`;
    console.log(`  ${mode.padEnd(16)} longest stall ${f.maxMs.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms${extra}`);
  }
}

void main();
