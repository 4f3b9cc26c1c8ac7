// Checking many files on several cores: worker threads running this same bundle take chunks of
// files from a shared queue, and the main thread works through the queue too. Results come back
// by index, so output does not depend on which thread finished first.
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { checkFile, type FileResult, type FixPolicy } from './check';
import type { Target } from './files';

interface WorkerSetup {
  pyaiLintWorker: true;
  policy: FixPolicy;
}

interface Chunk {
  indexes: number[];
  targets: Target[];
}

interface ChunkDone {
  indexes: number[];
  results: FileResult[];
}

/** Files per message: large enough that messaging costs little, small enough to balance the load. */
const CHUNK = 16;
/** Below this many files a worker's start-up (loading the bundle and the rule catalogues) costs more than it saves. */
const MIN_FILES_PER_WORKER = 48;

/**
 * How many threads to use for `fileCount` files when the user asked for `requested` (undefined:
 * automatic). Automatic leaves one core to the rest of the machine: each extra thread pays for
 * loading the bundle and warming up the engine (measured: +0.3 s CPU on the stdlib run), which a
 * busy two-core machine never earns back.
 */
export function threadCount(fileCount: number, requested: number | undefined): number {
  const wanted = requested ?? Math.min(availableParallelism() - 1, 4);
  return Math.max(1, Math.min(wanted, Math.floor(fileCount / MIN_FILES_PER_WORKER) || 1));
}

/** True in a worker thread started by `checkFiles`; the bundle's entry point then serves chunks instead of running the CLI. */
export function isPoolWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerSetup> | undefined)?.pyaiLintWorker === true;
}

export function serveChunks(): void {
  const { policy } = workerData as WorkerSetup;
  parentPort!.on('message', (chunk: Chunk) => {
    const done: ChunkDone = { indexes: chunk.indexes, results: chunk.targets.map((t) => checkFile(t, policy)) };
    parentPort!.postMessage(done);
  });
}

/** Checks every target (each with its own options), on `threads` threads (the main thread included); results in target order. */
export async function checkFiles(targets: Target[], policy: FixPolicy, threads: number, entry: string): Promise<FileResult[]> {
  const results: FileResult[] = new Array(targets.length);
  let next = 0;
  const take = (): Chunk | undefined => {
    if (next >= targets.length) return undefined;
    const indexes: number[] = [];
    for (let i = next; i < Math.min(next + CHUNK, targets.length); i++) indexes.push(i);
    next += indexes.length;
    return { indexes, targets: indexes.map((i) => targets[i]) };
  };

  const workers: Promise<void>[] = [];
  for (let w = 1; w < threads; w++) {
    workers.push(
      new Promise<void>((resolve) => {
        let worker: Worker;
        try {
          worker = new Worker(entry, { workerData: { pyaiLintWorker: true, policy } satisfies WorkerSetup });
        } catch {
          resolve(); // no worker: the main thread does its share
          return;
        }
        let pending: Chunk | undefined;
        let finished = false;
        // A worker that fails or exits early leaves its chunk to the safety net at the end.
        const finish = () => {
          if (finished) return;
          finished = true;
          resolve();
        };
        const feed = () => {
          pending = take();
          if (pending) worker.postMessage(pending);
          else void worker.terminate().then(finish, finish);
        };
        worker.on('message', (done: ChunkDone) => {
          done.indexes.forEach((index, k) => (results[index] = done.results[k]));
          pending = undefined;
          feed();
        });
        worker.on('error', finish);
        worker.on('exit', finish);
        feed();
      }),
    );
  }

  // The main thread takes chunks too, yielding between them so worker messages are handled.
  for (let chunk = take(); chunk; chunk = take()) {
    for (const i of chunk.indexes) results[i] = checkFile(targets[i], policy);
    if (workers.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  for (let i = 0; i < targets.length; i++) results[i] ??= checkFile(targets[i], policy);
  return results;
}
