import * as assert from 'node:assert/strict';
import { allSteps, builtInRoadmap, clearEntry, completionOf, DETECTOR_DESCRIPTIONS, emptyProgress, explainClause, migrateProgress, PROGRESS_VERSION, setEntry, stepStatus, subtaskDone, versionAtLeast, type Evidence } from '../../src/core/roadmap';

const NOW = new Date('2026-01-02T03:04:05.000Z');

describe('roadmap progress state', () => {
  it('keeps a current state as it is', () => {
    const stored = { version: 1, entries: { 'install-python': { done: true, at: '2025-12-01T00:00:00.000Z' }, 'numpy-pandas/2': { done: false, at: '2025-12-02T00:00:00.000Z' } } };
    assert.deepEqual(migrateProgress(stored, NOW), { state: stored, dropped: [] });
  });

  it('migrates a list of done ids and a bare record of booleans', () => {
    assert.deepEqual(migrateProgress(['install-python', 'python-basics'], NOW).state.entries, {
      'install-python': { done: true, at: NOW.toISOString() },
      'python-basics': { done: true, at: NOW.toISOString() },
    });
    assert.deepEqual(migrateProgress({ 'install-python': false }, NOW).state.entries, { 'install-python': { done: false, at: NOW.toISOString() } });
  });

  it('drops corrupt entries one by one and keeps the rest', () => {
    const r = migrateProgress({ version: 7, entries: { good: { done: true, at: 'not a date' }, bad: { done: 'yes' }, 'Bad Key': true, nothing: null, 'step/2': true } }, NOW);
    assert.deepEqual(r.state, { version: PROGRESS_VERSION, entries: { good: { done: true, at: NOW.toISOString() }, 'step/2': { done: true, at: NOW.toISOString() } } });
    assert.deepEqual(r.dropped.sort(), ['Bad Key', 'bad', 'nothing']);
  });

  it('resets unreadable values without throwing', () => {
    for (const raw of [42, 'text', true, { entries: 'x' }, { entries: [1, 2] }, [1, null, 'ok-id']]) {
      const r = migrateProgress(raw, NOW);
      assert.equal(r.state.version, PROGRESS_VERSION);
      assert.ok(r.dropped.length > 0, JSON.stringify(raw));
    }
    assert.deepEqual(migrateProgress(undefined).state.entries, {});
  });

  it('sets and clears entries without mutating', () => {
    const a = emptyProgress();
    const b = setEntry(a, 'x', true, NOW);
    assert.deepEqual(a.entries, {});
    assert.equal(b.entries.x.done, true);
    assert.deepEqual(clearEntry(b, 'x').entries, {});
  });
});

describe('roadmap step status', () => {
  const steps = builtInRoadmap().steps;
  const step = (id: string) => steps.find((s) => s.id === id)!;
  const none: Evidence = { files: {} };

  it('detects from evidence, and an explicit "not done" wins over evidence', () => {
    const ev: Evidence = { files: { 'sklearn-california': ['model.py'] } };
    const detected = stepStatus(step('sklearn-california'), ev, emptyProgress());
    assert.equal(detected.state, 'detected');
    assert.equal(detected.done, true);
    assert.match(detected.detected[0], /California Housing: model\.py/);
    const unticked = stepStatus(step('sklearn-california'), ev, setEntry(emptyProgress(), 'sklearn-california', false));
    assert.equal(unticked.state, 'notDone');
    assert.equal(unticked.done, false);
    assert.equal(stepStatus(step('sklearn-california'), none, setEntry(emptyProgress(), 'sklearn-california', true)).state, 'done');
    assert.equal(stepStatus(step('sklearn-california'), none, emptyProgress()).state, 'open');
  });

  it('checks the interpreter version and reports a broken interpreter', () => {
    const ok = stepStatus(step('install-python'), { files: {}, interpreter: { path: '/usr/bin/python3', version: '3.11.2' } }, emptyProgress());
    assert.equal(ok.state, 'detected');
    const old = stepStatus(step('install-python'), { files: {}, interpreter: { path: '/usr/bin/python3', version: '3.9.18' } }, emptyProgress());
    assert.equal(old.state, 'open');
    assert.match(old.notes[0], /3\.9\.18/);
    const broken = stepStatus(step('install-python'), { files: {}, interpreter: { path: '/nope/python', error: '/nope/python was not found.' } }, emptyProgress());
    assert.equal(broken.state, 'open');
    assert.match(broken.notes[0], /Interpreter problem: \/nope\/python was not found/);
  });

  it('needs every key of an evidence alternative', () => {
    const s = step('small-project');
    assert.equal(stepStatus(s, { files: { 'ml-project': ['spam.py'] }, git: false }, emptyProgress()).state, 'open');
    assert.equal(stepStatus(s, { files: { 'ml-project': ['spam.py'] }, git: true }, emptyProgress()).state, 'detected');
    const next = builtInRoadmap().next.steps.find((x) => x.id === 'deploy-api')!;
    // A library merely installed does not complete a step that asks for work with it.
    assert.equal(stepStatus(next, { files: {}, packages: { flask: '3.0.0' } }, emptyProgress()).state, 'open');
    assert.equal(stepStatus(next, { files: { 'model-api': ['serve.py'] } }, emptyProgress()).state, 'detected');
  });

  it('a file with the step\'s own pitfalls, or an unchanged starter, does not complete it, and the notes say why', () => {
    const s = step('pytorch-mnist');
    const sample: Evidence = { files: { 'torch-mnist': ['mnist.py'] }, pitfalls: { 'mnist.py': ['hardcoded-cuda', 'loss-accumulation'] } };
    const status = stepStatus(s, sample, emptyProgress());
    assert.equal(status.state, 'open');
    assert.deepEqual(status.notes, ["mnist.py does this step's work but has its pitfalls (hardcoded-cuda, loss-accumulation): fix them to complete the step."]);
    // Pitfalls of other steps' rules do not hold this one back.
    assert.equal(stepStatus(s, { files: { 'torch-mnist': ['mnist.py'] }, pitfalls: { 'mnist.py': ['boston-dataset'] } }, emptyProgress()).state, 'detected');
    // One clean file is enough, whatever the others have.
    assert.deepEqual(stepStatus(s, { ...sample, files: { 'torch-mnist': ['mnist.py', 'mine.py'] } }, emptyProgress()).detected, [`${DETECTOR_DESCRIPTIONS['torch-mnist']}: mine.py`]);
    const starter = stepStatus(s, { files: {}, unchangedStarters: { 'torch-mnist': ['mnist_torch.py'] } }, emptyProgress());
    assert.equal(starter.state, 'open');
    assert.deepEqual(starter.notes, ['mnist_torch.py is the starter file as created: it counts once you make it your own.']);
  });

  it('says what completes each step, from the data', () => {
    for (const st of allSteps(builtInRoadmap())) {
      const lines = completionOf(st);
      assert.ok(lines.length > 0, st.id);
      for (const line of lines) assert.ok(line.length > 20 && !/undefined/.test(line), `${st.id}: ${line}`);
      // Only "Install Python" may complete from the environment alone; every other step asks for work in a file.
      if (st.id !== 'install-python') assert.ok(st.evidence.every((e) => e.file !== undefined), `${st.id} completes without work`);
    }
    assert.match(completionOf(step('sklearn-california'))[0], /fetch_california_housing.*fits a model and measures it/);
    // A teacher's clause without "explain" is said from its keys.
    assert.equal(explainClause({ python: '3.12', packages: ['numpy', 'pandas'] }), 'the selected interpreter is Python 3.12 or newer, and numpy, pandas are installed in the selected interpreter');
    assert.equal(explainClause({ git: true }), 'the workspace is a git repository');
  });

  it('compares versions', () => {
    assert.ok(versionAtLeast('3.11.0', '3.11'));
    assert.ok(versionAtLeast('3.12.1', '3.11'));
    assert.ok(versionAtLeast('4.0', '3.11'));
    assert.ok(!versionAtLeast('3.10.14', '3.11'));
    assert.ok(!versionAtLeast('3.9', '3.11'));
    assert.ok(versionAtLeast('3.13.0rc1', '3.11'));
  });

  it('subtasks are done only when ticked', () => {
    assert.equal(subtaskDone('numpy-pandas/1', setEntry(emptyProgress(), 'numpy-pandas/1', true)), true);
    assert.equal(subtaskDone('numpy-pandas/1', emptyProgress()), false);
  });
});
