// Entry of the analysis worker thread (bundled as dist/analysisWorker.js): runs each job it is sent
// with the same engine the extension host uses, and posts the findings back as plain data. Keeps the
// text of large documents and applies their edits, so the host never sends them whole again.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { runJob } from '../analysis/documentJob';
import { applyChanges, decodeJob, type FromWorker, type ToWorker } from './analysisWorker';

// On a busy machine the analysis would otherwise take CPU time from the extension host's own thread
// (typing, other extensions): on Linux this thread, and only it, runs at a lower priority (nice 10).
// Elsewhere, or where not allowed, it keeps the normal priority.
try {
  const tid = Number(/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
  if (tid) setPriority(tid, 10);
} catch {
  // not Linux, or not permitted: normal priority
}

const kept = new Map<string, { version: number; text: string }>();

parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'edit') {
    const doc = kept.get(message.key);
    if (doc?.version === message.version - 1) kept.set(message.key, { version: message.version, text: applyChanges(doc.text, message.changes) });
    else kept.delete(message.key); // out of step: the next job asks for the whole text
    return;
  }
  if (message.type === 'drop') {
    kept.delete(message.key);
    return;
  }
  let job = decodeJob(message.job, message.texts);
  if (message.held) {
    const doc = kept.get(message.key);
    if (!doc || doc.version !== message.held.version || doc.text.length !== message.held.length || job.type !== 'text') {
      kept.delete(message.key);
      parentPort!.postMessage({ id: message.id, resync: true } satisfies FromWorker);
      return;
    }
    job = { ...job, text: doc.text };
  } else if (message.hold !== undefined && job.type === 'text') {
    kept.set(message.key, { version: message.hold, text: job.text });
  }
  parentPort!.postMessage({ id: message.id, result: runJob(job) } satisfies FromWorker);
});
