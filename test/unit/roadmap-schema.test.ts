import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { RULE_IDS } from '../../src/core/analysis/types';
import { builtInRoadmap, formatRoadmapError, mergeRoadmaps, parseRoadmap, type Roadmap } from '../../src/core/roadmap';
import { localizedManifest } from './nlsManifest';

function ok(text: string): Roadmap {
  const r = parseRoadmap(text);
  assert.deepEqual(r.errors, []);
  return r.roadmap!;
}

describe('roadmap schema', () => {
  it('the built-in roadmap has the seven steps and the next-steps branch', () => {
    const r = builtInRoadmap();
    assert.deepEqual(r.steps.map((s) => s.id), ['install-python', 'python-basics', 'numpy-pandas', 'sklearn-california', 'pytorch-mnist', 'kaggle-getting-started', 'small-project']);
    assert.equal(r.next.title, 'What comes next');
    assert.deepEqual(r.next.steps.map((s) => s.id), ['hugging-face', 'deploy-api', 'onnx-export', 'vector-databases']);
    for (const s of [...r.steps, ...r.next.steps]) {
      assert.ok(s.why.length > 40, `${s.id} has a why`);
      assert.ok(s.docs.length > 0, `${s.id} has docs`);
      assert.ok(s.subtasks.length > 0, `${s.id} has subtasks`);
      assert.ok(s.evidence.length > 0, `${s.id} has evidence`);
    }
    assert.ok(r.steps.find((s) => s.id === 'sklearn-california')!.rules.includes('boston-dataset'));
    assert.ok(r.steps.find((s) => s.id === 'pytorch-mnist')!.rules.includes('loss-accumulation'));
  });

  it('reads a minimal step with defaults', () => {
    const r = ok('steps:\n  - id: one\n    title: One\n');
    assert.deepEqual(r.steps[0], { id: 'one', title: 'One', why: '', subtasks: [], docs: [], snippets: [], starter: undefined, evidence: [], rules: [] });
    assert.equal(r.next.steps.length, 0);
  });

  it('reports YAML syntax errors with line and column', () => {
    const r = parseRoadmap('steps:\n  - id: one\n    title: [unclosed\n  - id: two\n');
    assert.ok(r.errors.length > 0);
    assert.equal(typeof r.errors[0].line, 'number');
    assert.equal(typeof r.errors[0].column, 'number');
    assert.ok(r.errors[0].line! >= 3, `line ${r.errors[0].line}`);
  });

  it('reports schema errors at the offending node', () => {
    const text = ['steps:', '  - id: one', '    title: One', '    evidnce:', '      - file: csv-plot', '  - id: Two Words', '    title: Two', '    docs:', '      - title: Docs', '        url: http://example.com', '    evidence:', '      - file: reads-csv', '    rules: [boston-datset]'].join('\n');
    const r = parseRoadmap(text);
    const byLine = r.errors.map((e) => `${e.line}:${e.column} ${e.message}`);
    assert.ok(byLine.some((e) => e.startsWith('4:5 Unknown key "evidnce"')), byLine.join('\n'));
    assert.ok(byLine.some((e) => e.startsWith('6:9 Step id "Two Words"')), byLine.join('\n'));
    assert.ok(byLine.some((e) => e.startsWith('10:14 Link "http://example.com"')), byLine.join('\n'));
    assert.ok(byLine.some((e) => e.startsWith('12:15 Unknown file detector "reads-csv"')), byLine.join('\n'));
    assert.ok(byLine.some((e) => e.startsWith('13:13 Unknown rule "boston-datset"')), byLine.join('\n'));
    assert.equal(r.roadmap, undefined);
  });

  it('rejects duplicate ids, missing titles, starters outside the workspace and non-mapping roots', () => {
    const dup = parseRoadmap('steps:\n  - id: a\n    title: A\n  - id: a\n    title: B\n');
    assert.match(dup.errors[0].message, /used twice/);
    assert.equal(dup.errors[0].line, 4);
    assert.match(parseRoadmap('steps:\n  - id: a\n').errors[0].message, /needs "title"/);
    assert.match(parseRoadmap('steps:\n  - id: a\n    title: A\n    starter:\n      fileName: ../x.py\n      content: x\n').errors[0].message, /relative path inside the workspace/);
    assert.match(parseRoadmap('steps:\n  - id: a\n    title: A\n    starter:\n      fileName: x.py\n').errors[0].message, /exactly one of/);
    assert.match(parseRoadmap('- just\n- a list\n').errors[0].message, /must be a mapping/);
    assert.match(parseRoadmap('').errors[0].message, /mapping/);
    assert.match(parseRoadmap('title: x\n').errors[0].message, /no steps/);
    assert.match(parseRoadmap('steps:\n  - id: a\n    title: A\n    evidence:\n      - git: yes please\n').errors[0].message, /true or false/);
  });

  it('never throws on odd input', () => {
    for (const text of ['\u0000\u0001', '{{{{', 'steps: 3', 'steps:\n  - 3', 'a: &x [*x]', 'steps:\n- id: [1]\n  title: {a: b}', '\uFEFFsteps: []']) {
      const r = parseRoadmap(text);
      assert.ok(r.errors.length > 0 || r.roadmap, text);
    }
  });

  it('formats errors as file:line:column', () => {
    assert.equal(formatRoadmapError('course.yaml', { message: 'bad', line: 3, column: 7 }), 'course.yaml:3:7: bad');
    assert.equal(formatRoadmapError('course.yaml', { message: 'bad' }), 'course.yaml: bad');
  });
});

describe('roadmap merge', () => {
  const user = ok(['steps:', '  - id: numpy-pandas', '    title: Course week 1', '  - id: course-final', '    title: Final project', 'next:', '  steps:', '    - id: onnx-export', '      title: Our ONNX lab'].join('\n'));

  it('extend replaces steps by id in place and appends new ones', () => {
    const m = mergeRoadmaps(builtInRoadmap(), user, 'extend');
    assert.equal(m.steps.length, 8);
    assert.equal(m.steps[2].title, 'Course week 1');
    assert.equal(m.steps[7].id, 'course-final');
    assert.equal(m.next.steps.length, 4);
    assert.equal(m.next.steps[2].title, 'Our ONNX lab');
    assert.equal(builtInRoadmap().steps[2].title.startsWith('NumPy'), true, 'built-in not mutated');
  });

  it('replace shows only the user roadmap', () => {
    const m = mergeRoadmaps(builtInRoadmap(), user, 'replace');
    assert.deepEqual(m.steps.map((s) => s.id), ['numpy-pandas', 'course-final']);
    assert.deepEqual(m.next.steps.map((s) => s.id), ['onnx-export']);
  });
});

describe('roadmap content', () => {
  it('every snippet prefix, starter template and walkthrough step exists', () => {
    const prefixes = new Set<string>();
    for (const f of fs.readdirSync('snippets')) {
      if (!f.endsWith('.json')) continue;
      for (const s of Object.values(JSON.parse(fs.readFileSync(`snippets/${f}`, 'utf8')) as Record<string, { prefix: string | string[] }>)) {
        for (const p of [s.prefix].flat()) prefixes.add(p);
      }
    }
    const r = builtInRoadmap();
    for (const s of [...r.steps, ...r.next.steps]) {
      for (const p of s.snippets) assert.ok(prefixes.has(p), `${s.id}: snippet ${p} not in snippets/*.json`);
      if (s.starter?.template) assert.ok(fs.existsSync(s.starter.template), `${s.id}: ${s.starter.template}`);
    }
    const pkg = localizedManifest();
    const walkthrough = pkg.contributes.walkthroughs.find((w: { id: string }) => w.id === 'pythonForAI.getStarted');
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), r.steps.map((s) => s.id));
    for (const step of walkthrough.steps as { id: string; media: { markdown: string }; completionEvents: string[] }[]) {
      assert.ok(fs.existsSync(step.media.markdown), step.media.markdown);
      assert.ok(step.completionEvents.includes(`onContext:pythonForAI.step.${step.id}.done`), step.id);
    }
  });

  it('links each "model isn\'t learning" rule to the step that teaches it, whose page points to the check', () => {
    const teaches: Record<string, string[]> = {
      'missing-zero-grad': ['pytorch-mnist'],
      'eval-mode-missing': ['pytorch-mnist'],
      'train-mode-not-restored': ['pytorch-mnist'],
      'softmax-before-cross-entropy': ['pytorch-mnist'],
      'test-data-leakage': ['sklearn-california', 'kaggle-getting-started'],
    };
    const r = builtInRoadmap();
    const pkg = localizedManifest();
    const walkthrough = pkg.contributes.walkthroughs.find((w: { id: string }) => w.id === 'pythonForAI.getStarted');
    let linked = 0;
    for (const [rule, stepIds] of Object.entries(teaches)) {
      if (!(RULE_IDS as readonly string[]).includes(rule)) continue; // a rule of the family not in this build yet
      for (const id of stepIds) {
        const step = r.steps.find((s) => s.id === id)!;
        assert.ok(step.rules.includes(rule), `roadmap step ${id} does not list ${rule}`);
        const page = fs.readFileSync(walkthrough.steps.find((s: { id: string }) => s.id === id).media.markdown, 'utf8');
        assert.match(page, /^## When your model is not learning$/m, `${id}: no "When your model is not learning" section`);
        assert.ok(page.slice(page.indexOf('## When your model is not learning')).includes(`\`${rule}\``), `${id}'s page does not point to ${rule}`);
        linked++;
      }
    }
    assert.ok(linked >= 4, `${linked} links checked`);
  });
});
