// The analysis worker as the extension host sees it: a `worker_threads` thread running the same
// engine (`runJob`), started on first use, restarted when it dies, with the in-host engine as a
// fallback. Per document one job at a time: a newer job waits for the running one, replaces any job
// still waiting, and the running one's result is then dropped as stale. Pure: never imports `vscode`.
//
// A large document's text crosses once: the worker keeps it and the host forwards each edit (a few
// bytes), so a keystroke or an analysis never copies megabytes on the host's thread. Measured on a
// 5 MB text: structured cloning it took 4-56 ms of the host's thread, encoding it 3-30 ms (flattening
// the edited string included), forwarding an edit well under 1 ms.
import { Worker } from 'node:worker_threads';
import { runJob, type AnalysisJob, type JobResult } from '../analysis/documentJob';

/** An edit as VS Code reports it: `length` characters at `offset` replaced by `text`. */
export interface TextChange { offset: number; length: number; text: string }

/** A document the worker may hold: its version and length now, and its text when the worker needs it. */
export interface HeldDocument {
  version: number;
  length: number;
  /** The text of `version`, or `undefined` when the document has moved on (the job is then stale). */
  text: () => string | undefined;
}

/**
 * Messages to the worker. Texts travel as UTF-8 bytes whose buffers are transferred (not copied);
 * the job carries empty strings in their place. `hold`: keep this job's text as `key` at that version;
 * `held`: analyse the text kept for `key`, which must be that version and length.
 */
export type ToWorker =
  | { type: 'job'; id: number; key: string; job: AnalysisJob; texts: Uint8Array[]; hold?: number; held?: { version: number; length: number } }
  | { type: 'edit'; key: string; version: number; changes: TextChange[] }
  | { type: 'drop'; key: string };
/** `resync`: the kept text was not the expected version; the host sends the whole text again. */
export type FromWorker = { id: number; result: JobResult } | { id: number; resync: true };

export function encodeJob(job: AnalysisJob): { job: AnalysisJob; texts: Uint8Array[] } {
  const encoder = new TextEncoder();
  if (job.type === 'text') return { job: { ...job, text: '' }, texts: [encoder.encode(job.text)] };
  return { job: { ...job, cells: job.cells.map((c) => ({ ...c, source: '' })) }, texts: job.cells.map((c) => encoder.encode(c.source)) };
}

export function decodeJob(job: AnalysisJob, texts: Uint8Array[]): AnalysisJob {
  const decoder = new TextDecoder();
  if (job.type === 'text') return { ...job, text: decoder.decode(texts[0]) };
  return { ...job, cells: job.cells.map((c, i) => ({ ...c, source: decoder.decode(texts[i]) })) };
}

/** Applies one change event's edits in order, as VS Code's extension host applies them to its copy. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  for (const c of changes) text = text.slice(0, c.offset) + c.text + text.slice(c.offset + c.length);
  return text;
}

/** What the client reports (the editor words it for its output channel). */
export type WorkerEvent =
  | { type: 'started'; start: number; maxStarts: number }
  | { type: 'cannot-start'; reason: string }
  | { type: 'stopped'; why: string; lost: number; givingUp: boolean };

/** After this many deaths the worker is given up and every job runs in the host. */
const MAX_STARTS = 4;

export interface WorkerStats {
  /** Jobs whose result came from the worker thread. */
  inWorker: number;
  /** Jobs analysed in the host instead (worker unavailable, or it died running them). */
  inHost: number;
  /** Results dropped because a newer job for the same document was queued. */
  stale: number;
  /** Worker threads started (1 + restarts). */
  starts: number;
  /** Whole texts sent to the worker (a held document's first job, or after a restart or lost edit). */
  textsSent: number;
  /** Edits forwarded to texts the worker holds. */
  editsForwarded: number;
}

interface Pending {
  key: string;
  job: AnalysisJob;
  held?: HeldDocument;
  resynced?: boolean;
  resolve: (result: JobResult | undefined) => void;
}

export class AnalysisWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private disposed = false;
  /** Jobs sent to the worker, by message id. */
  private readonly running = new Map<number, Pending>();
  /** Keys with a job in the worker now. */
  private readonly busy = new Set<string>();
  /** Per key, the newest job waiting for the running one to finish. */
  private readonly waiting = new Map<string, Pending>();
  /** Documents whose text the worker holds, and the version it holds (edits forwarded included). */
  private readonly heldVersions = new Map<string, number>();
  readonly stats: WorkerStats = { inWorker: 0, inHost: 0, stale: 0, starts: 0, textsSent: 0, editsForwarded: 0 };

  /** `script`: the bundled worker entry (dist/analysisWorker.js); `log` hears of each start, death and give-up. */
  constructor(private readonly script: string, private readonly log: (event: WorkerEvent) => void) {}

  /** The thread, when one is running (tests use it to kill it). */
  get thread(): Worker | undefined {
    return this.worker;
  }

  /**
   * Analyses `job` off the host's thread. Resolves to its findings, or to `undefined` when a newer job
   * for the same `key` (a document) was queued meanwhile: that result would be stale. With `held`, a
   * text job's text is the document's, kept by the worker (its `text` is ignored and may be empty).
   */
  analyze(key: string, job: AnalysisJob, held?: HeldDocument): Promise<JobResult | undefined> {
    return new Promise((resolve) => {
      const pending: Pending = { key, job, held, resolve };
      if (this.busy.has(key)) {
        const replaced = this.waiting.get(key);
        if (replaced) {
          this.stats.stale++;
          replaced.resolve(undefined);
        }
        this.waiting.set(key, pending);
        return;
      }
      this.send(pending);
    });
  }

  /** Whether the worker holds `key`'s text (so its edits are worth forwarding). */
  holds(key: string): boolean {
    return this.heldVersions.has(key);
  }

  /** A held document changed to `version`: the worker applies the same edits to its copy. */
  edit(key: string, version: number, changes: readonly TextChange[]): void {
    const heldVersion = this.heldVersions.get(key);
    if (heldVersion === undefined) return;
    if (heldVersion !== version - 1 || !this.worker) {
      this.release(key); // an edit was missed: the next job sends the whole text again
      return;
    }
    this.heldVersions.set(key, version);
    this.stats.editsForwarded++;
    this.post({ type: 'edit', key, version, changes: changes.map((c) => ({ offset: c.offset, length: c.length, text: c.text })) });
  }

  /** The document closed: the worker drops its copy. */
  release(key: string): void {
    if (!this.heldVersions.delete(key)) return;
    this.post({ type: 'drop', key });
  }

  dispose(): void {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    for (const pending of [...this.running.values(), ...this.waiting.values()]) pending.resolve(undefined);
    this.running.clear();
    this.waiting.clear();
    this.busy.clear();
    this.heldVersions.clear();
  }

  private post(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker?.postMessage(message, transfer);
  }

  private send(pending: Pending): void {
    const worker = this.disposed ? undefined : this.ensureWorker();
    let job = pending.job;
    const held = pending.held;
    if (held && this.heldVersions.get(pending.key) !== held.version) {
      // The worker does not hold this version yet: it gets the whole text once, and keeps it.
      const text = held.text();
      if (text === undefined) {
        this.stats.stale++;
        pending.resolve(undefined);
        return;
      }
      if (job.type === 'text') job = { ...job, text };
      if (worker) {
        this.heldVersions.set(pending.key, held.version);
        this.stats.textsSent++;
        this.dispatch(worker, pending, job, held.version);
        return;
      }
    } else if (held && worker) {
      this.dispatch(worker, pending, undefined, undefined, { version: held.version, length: held.length });
      return;
    }
    if (!worker) {
      this.inHost(pending, job);
      return;
    }
    this.dispatch(worker, pending, job);
  }

  private dispatch(worker: Worker, pending: Pending, job: AnalysisJob | undefined, hold?: number, held?: { version: number; length: number }): void {
    const id = this.nextId++;
    this.running.set(id, pending);
    this.busy.add(pending.key);
    if (held) {
      const emptied: AnalysisJob = pending.job.type === 'text' ? { ...pending.job, text: '' } : pending.job;
      worker.postMessage({ type: 'job', id, key: pending.key, job: emptied, texts: [], held } satisfies ToWorker);
      return;
    }
    const encoded = encodeJob(job!);
    worker.postMessage({ type: 'job', id, key: pending.key, ...encoded, hold } satisfies ToWorker, encoded.texts.map((t) => t.buffer as ArrayBuffer));
  }

  private inHost(pending: Pending, job = pending.job): void {
    if (pending.held && job === pending.job) {
      const text = pending.held.text();
      if (text === undefined) {
        this.stats.stale++;
        pending.resolve(undefined);
        return;
      }
      if (job.type === 'text') job = { ...job, text };
    }
    this.stats.inHost++;
    pending.resolve(runJob(job));
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    if (this.stats.starts >= MAX_STARTS) return undefined;
    this.stats.starts++;
    let worker: Worker;
    try {
      worker = new Worker(this.script);
    } catch (e) {
      this.stats.starts = MAX_STARTS; // a missing or broken bundle will not start next time either
      this.log({ type: 'cannot-start', reason: e instanceof Error ? e.message : String(e) });
      return undefined;
    }
    this.worker = worker;
    worker.on('message', (message: FromWorker) => this.received(message));
    worker.on('error', (error) => this.died(worker, `error: ${error.message}`));
    worker.on('exit', (code) => this.died(worker, `exit code ${code}`));
    this.log({ type: 'started', start: this.stats.starts, maxStarts: MAX_STARTS });
    return worker;
  }

  private received(message: FromWorker): void {
    const pending = this.running.get(message.id);
    if (!pending) return;
    this.running.delete(message.id);
    this.busy.delete(pending.key);
    const next = this.waiting.get(pending.key);
    if (next) {
      this.waiting.delete(pending.key);
      this.stats.stale++;
      pending.resolve(undefined);
      this.send(next);
      return;
    }
    if ('resync' in message) {
      // The kept text was not what the host expected: send it whole, once.
      this.heldVersions.delete(pending.key);
      if (pending.resynced) this.inHost(pending);
      else this.send({ ...pending, resynced: true });
      return;
    }
    this.stats.inWorker++;
    pending.resolve(message.result);
  }

  /** The thread ended while in use: its jobs run in the host now, the next job starts a new thread. */
  private died(worker: Worker, why: string): void {
    if (this.worker !== worker || this.disposed) return; // already handled (error is followed by exit), or terminated by dispose
    this.worker = undefined;
    this.heldVersions.clear(); // the texts it held are gone with it
    const lost = [...this.running.values()];
    this.running.clear();
    this.busy.clear();
    const givingUp = this.stats.starts >= MAX_STARTS;
    this.log({ type: 'stopped', why, lost: lost.length, givingUp });
    for (const pending of lost) {
      if (this.waiting.has(pending.key)) {
        this.stats.stale++;
        pending.resolve(undefined);
      } else {
        this.inHost(pending);
      }
    }
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const pending of waiting) this.send(pending);
  }
}
