// The analysis worker thread (core/worker): same findings as the in-host engine, stale results
// dropped, restarted after it dies with the host as fallback, never a throw. Uses the bundled
// dist/analysisWorker.js that `npm run test:unit` builds.
import * as assert from 'node:assert';
import * as path from 'node:path';
import { plainOptions, runJob, type AnalysisJob } from '../../src/core/analysis/documentJob';
import { AnalysisWorker, type WorkerEvent } from '../../src/core/worker/analysisWorker';
import { repoRoot } from './repoRoot';

const SCRIPT = path.join(repoRoot(), 'dist', 'analysisWorker.js');
const PYTHON = [
  'import numpy as np',
  'from sklearn.datasets import load_boston',
  'x = np.NaN',
  'print "done"',
  '',
].join('\n');
const numpyPin = () => ({ numpy: { upTo: '1.22.4', label: 'numpy==1.22.4 (requirements.txt)' } });
const textJob = (text = PYTHON): AnalysisJob => ({ type: 'text', kind: 'python', name: 'train.py', text, options: plainOptions({ libraryVersions: numpyPin, minimumPython: '3.10' }) });

describe('analysis worker', () => {
  let worker: AnalysisWorker;
  let log: string[];
  const line = (e: WorkerEvent) => log.push(JSON.stringify(e));
  beforeEach(() => {
    log = [];
    worker = new AnalysisWorker(SCRIPT, line);
  });
  afterEach(() => worker.dispose());

  it('gives the same findings as the in-host engine, for Python, manifests and notebook cells', async () => {
    const jobs: AnalysisJob[] = [
      textJob(),
      { type: 'text', kind: 'manifest', name: 'pyproject.toml', text: '[project\nname = "x"\n', options: {} },
      { type: 'cells', cells: [{ kind: 'code', source: 'import torch\n' }, { kind: 'markdown', source: '# hi' }, { kind: 'code', source: 'x = torch.symeig(a)\n' }], options: {} },
    ];
    for (const job of jobs) {
      const inWorker = await worker.analyze(`k-${job.type}`, job);
      assert.deepStrictEqual(inWorker, runJob(job));
    }
    const python = (await worker.analyze('again', textJob()))!;
    assert.ok(python.findings.some((f) => f.rule === 'boston-dataset' && f.fixes.length > 0), 'findings carry their fixes');
    assert.match(python.findings.find((f) => f.rule === 'deprecated-api')!.message, /numpy==1\.22\.4/, 'the library versions crossed to the worker');
    assert.strictEqual(worker.stats.inWorker, 4);
    assert.strictEqual(worker.stats.inHost, 0);
    assert.strictEqual(worker.stats.starts, 1);
  });

  it('is not started until a job comes', async () => {
    assert.strictEqual(worker.thread, undefined);
    assert.strictEqual(worker.stats.starts, 0);
    await worker.analyze('a', textJob());
    assert.ok(worker.thread);
  });

  it('drops the results of versions superseded by a newer one of the same document', async () => {
    const first = worker.analyze('doc', textJob('x = 1\n'));
    const second = worker.analyze('doc', textJob('x = 2\n'));
    const other = worker.analyze('other', textJob());
    const third = worker.analyze('doc', textJob(PYTHON));
    assert.strictEqual(await second, undefined, 'a waiting job replaced by a newer one');
    assert.strictEqual(await first, undefined, 'the running job, finished after a newer one was queued');
    assert.deepStrictEqual(await third, runJob(textJob(PYTHON)));
    assert.deepStrictEqual(await other, runJob(textJob()), 'other documents are not affected');
    assert.strictEqual(worker.stats.stale, 2);
  });

  it('analyses in the host when the thread dies, logs it, and starts a new thread for the next job', async () => {
    await worker.analyze('warm', textJob());
    const firstThread = worker.thread!;
    const job = worker.analyze('doc', textJob());
    await firstThread.terminate();
    assert.deepStrictEqual(await job, runJob(textJob()), 'the lost job was analysed in the host');
    assert.ok(log.some((l) => /"type":"stopped"/.test(l)), log.join('\n'));
    assert.strictEqual(worker.stats.inHost, 1);
    assert.deepStrictEqual(await worker.analyze('doc', textJob()), runJob(textJob()));
    assert.ok(worker.thread && worker.thread !== firstThread, 'a new thread');
    assert.strictEqual(worker.stats.starts, 2);
    assert.ok(log.some((l) => /"start":2/.test(l)), log.join('\n'));
  });

  it('gives up on a worker that keeps dying and analyses every file in the host', async () => {
    for (let i = 0; i < 6; i++) {
      const job = worker.analyze('doc', textJob());
      await worker.thread?.terminate();
      assert.deepStrictEqual(await job, runJob(textJob()));
    }
    assert.strictEqual(worker.stats.starts, 4);
    assert.strictEqual(worker.thread, undefined);
    assert.ok(log.some((l) => /"givingUp":true/.test(l)), log.join('\n'));
  });

  it('falls back to the host, with a log line, when the worker script is missing', async () => {
    const missing = new AnalysisWorker(path.join(repoRoot(), 'dist', 'no-such-worker.js'), line);
    try {
      assert.deepStrictEqual(await missing.analyze('doc', textJob()), runJob(textJob()));
      assert.deepStrictEqual(await missing.analyze('doc', textJob('x = 1\n')), runJob(textJob('x = 1\n')));
      assert.strictEqual(missing.stats.inHost, 2);
      assert.ok(log.length >= 1, 'the failure is logged');
    } finally {
      missing.dispose();
    }
  });

  it('keeps a held document in the worker and applies forwarded edits, sending the whole text once', async () => {
    let text = 'import numpy as np\nx = 1\n';
    let version = 1;
    const held = () => ({ version, length: text.length, text: () => text });
    const job: AnalysisJob = { type: 'text', kind: 'python', name: 'a.py', text: '', options: {} };
    const edit = (offset: number, length: number, insert: string) => {
      text = text.slice(0, offset) + insert + text.slice(offset + length);
      version++;
      worker.edit('doc', version, [{ offset, length, text: insert }]);
    };
    assert.deepStrictEqual(await worker.analyze('doc', job, held()), runJob({ ...job, text }));
    assert.ok(worker.holds('doc'));
    edit(text.indexOf('1'), 1, 'np.NaN');
    edit(text.length, 0, 'print "hi"\n');
    const after = (await worker.analyze('doc', job, held()))!;
    assert.deepStrictEqual(after, runJob({ ...job, text }));
    assert.deepStrictEqual(after.findings.map((f) => f.rule).sort(), ['deprecated-api', 'python2']);
    assert.strictEqual(worker.stats.textsSent, 1, 'edits, not the text, crossed the second time');
    assert.strictEqual(worker.stats.editsForwarded, 2);
  });

  it('sends the whole text again when an edit was missed, and drops a version the document has left', async () => {
    let text = 'x = 1\n';
    const job: AnalysisJob = { type: 'text', kind: 'python', name: 'a.py', text: '', options: {} };
    await worker.analyze('doc', job, { version: 1, length: text.length, text: () => text });
    text = 'import numpy as np\nx = np.NaN\n';
    worker.edit('doc', 3, [{ offset: 0, length: 0, text: 'lost' }]); // version 2 never came
    assert.ok(!worker.holds('doc'));
    const result = (await worker.analyze('doc', job, { version: 3, length: text.length, text: () => text }))!;
    assert.deepStrictEqual(result, runJob({ ...job, text }));
    assert.strictEqual(worker.stats.textsSent, 2);
    // The worker's copy is not the length the host expects (a change applied differently): it asks for the text.
    assert.deepStrictEqual(await worker.analyze('doc', job, { version: 3, length: text.length + 1, text: () => text }), runJob({ ...job, text }));
    assert.strictEqual(worker.stats.textsSent, 3);
    assert.strictEqual(await worker.analyze('doc', job, { version: 4, length: 1, text: () => undefined }), undefined, 'the document moved on: stale');
  });

  it('ends the thread on dispose and answers pending jobs with no result', async () => {
    await worker.analyze('warm', textJob());
    const thread = worker.thread!;
    const exited = new Promise<number>((resolve) => thread.once('exit', resolve));
    const pending = worker.analyze('doc', textJob());
    worker.dispose();
    assert.strictEqual(await pending, undefined);
    await exited;
    assert.strictEqual(worker.thread, undefined);
    assert.ok(!log.some((l) => /"stopped"/.test(l)), 'a deliberate stop is not reported as a death');
  });
});
