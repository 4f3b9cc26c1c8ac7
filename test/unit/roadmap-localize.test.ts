// The built-in roadmap's translations (src/core/roadmap/roadmap.<locale>.yaml): every step of
// roadmap.yaml is in every overlay, complete and in the same shape, and applying one changes only
// what people read.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from '../../src/core/l10n/text';
import { allSteps, builtInRoadmap, completionOf, DETECTOR_DESCRIPTIONS, explainClause, localizeRoadmap, overlayFor, ROADMAP_OVERLAYS, type DetectorId } from '../../src/core/roadmap';
import { repoRoot } from './repoRoot';

describe('roadmap translations', () => {
  const english = builtInRoadmap();
  const steps = allSteps(english);

  it('has an overlay for zh-cn and es', () => {
    assert.deepEqual(Object.keys(ROADMAP_OVERLAYS).sort(), ['es', 'zh-cn']);
  });

  for (const [locale, overlay] of Object.entries(ROADMAP_OVERLAYS)) {
    it(`${locale}: translates every step completely, and names no step roadmap.yaml lacks`, () => {
      const problems: string[] = [];
      for (const step of steps) {
        const t = overlay.steps[step.id];
        if (!t) {
          problems.push(`${step.id}: missing`);
          continue;
        }
        if (!t.title?.trim() || !t.why?.trim()) problems.push(`${step.id}: empty title or why`);
        if (t.subtasks?.length !== step.subtasks.length) problems.push(`${step.id}: ${t.subtasks?.length} subtasks, roadmap.yaml has ${step.subtasks.length}`);
        if (t.docs?.length !== step.docs.length) problems.push(`${step.id}: ${t.docs?.length} doc titles, roadmap.yaml has ${step.docs.length}`);
        if ((t.explain?.length ?? 0) !== step.evidence.length) problems.push(`${step.id}: ${t.explain?.length ?? 0} explains, roadmap.yaml has ${step.evidence.length} evidence alternatives`);
        step.evidence.forEach((e, i) => {
          const text = t.explain?.[i];
          if (e.explain && (typeof text !== 'string' || !text.trim() || text === e.explain)) problems.push(`${step.id}: explain ${i + 1} missing or left in English`);
          if (locale === 'zh-cn' && typeof text === 'string' && !/[\u4e00-\u9fff]/.test(text)) problems.push(`${step.id}: explain ${i + 1} is not in Chinese`);
        });
        for (const text of [...(t.subtasks ?? []), ...(t.docs ?? [])]) if (typeof text !== 'string' || !text.trim()) problems.push(`${step.id}: an empty subtask or doc title`);
        if (locale === 'zh-cn' && !/[\u4e00-\u9fff]/.test(t.why)) problems.push(`${step.id}: why is not in Chinese`);
        if (t.why === step.why) problems.push(`${step.id}: why left in English`);
      }
      const known = new Set(steps.map((s) => s.id));
      for (const id of Object.keys(overlay.steps)) if (!known.has(id)) problems.push(`${id}: not a step of roadmap.yaml`);
      if (!overlay.title?.trim() || !overlay.next?.trim()) problems.push('roadmap or next title empty');
      assert.deepEqual(problems, []);
    });
  }

  it('changes only the texts: ids, URLs, evidence, rules and starters stay', () => {
    const zh = builtInRoadmap('zh-cn');
    assert.equal(zh.title, ROADMAP_OVERLAYS['zh-cn'].title);
    assert.equal(zh.next.title, ROADMAP_OVERLAYS['zh-cn'].next);
    const translated = allSteps(zh);
    assert.equal(translated.length, steps.length);
    translated.forEach((s, i) => {
      const e = steps[i];
      assert.equal(s.id, e.id);
      assert.equal(s.title, ROADMAP_OVERLAYS['zh-cn'].steps[e.id].title);
      assert.notEqual(s.why, e.why);
      assert.deepEqual(s.subtasks.map((x) => x.id), e.subtasks.map((x) => x.id));
      assert.deepEqual(s.docs.map((d) => d.url), e.docs.map((d) => d.url));
      assert.deepEqual([s.rules, s.starter, s.snippets], [e.rules, e.starter, e.snippets]);
      // The evidence keys stay; only each alternative's explain is the translation's.
      const keys = ({ explain, ...rest }: (typeof e.evidence)[number]) => (void explain, rest);
      assert.deepEqual(s.evidence.map(keys), e.evidence.map(keys));
      assert.deepEqual(s.evidence.map((x) => x.explain), ROADMAP_OVERLAYS['zh-cn'].steps[e.id].explain);
    });
    assert.equal(builtInRoadmap('zh-cn'), zh, 'computed once per language');
  });

  it('says a clause without explain in the display language, through the bundle the editor uses', () => {
    const es = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'l10n', 'bundle.l10n.es.json'), 'utf8')) as Record<string, string>;
    const translate = (template: string, args: Array<string | number>) => format(es[template] ?? `MISSING ${template}`, args);
    const said = explainClause({ python: '3.12', packages: ['numpy'], file: 'csv-plot', git: true }, translate);
    assert.equal(
      said,
      'el intérprete seleccionado es Python 3.12 o posterior, y numpy está instalado en el intérprete seleccionado, y un archivo del área de trabajo lee un archivo CSV, lo resume y lo representa en un gráfico (que no sea un archivo de inicio tal como se creó y que no tenga los errores comunes de este paso), y el área de trabajo es un repositorio git',
    );
    // Every detector's sentence is in the bundle.
    for (const file of Object.keys(DETECTOR_DESCRIPTIONS) as DetectorId[]) assert.doesNotMatch(explainClause({ file }, translate), /MISSING/, file);
    assert.equal(completionOf(allSteps(builtInRoadmap('es'))[0], translate)[0], ROADMAP_OVERLAYS.es.steps['install-python'].explain?.[0]);
  });

  it('picks the overlay by display language, English otherwise', () => {
    assert.equal(overlayFor('zh-cn'), ROADMAP_OVERLAYS['zh-cn']);
    assert.equal(overlayFor('es-mx'), ROADMAP_OVERLAYS.es);
    assert.equal(overlayFor('en'), undefined);
    assert.equal(overlayFor('fr'), undefined);
    assert.equal(builtInRoadmap('en'), english);
    assert.equal(builtInRoadmap('de'), english);
  });

  it('leaves a step in English when its translation no longer fits its shape', () => {
    const [first] = english.steps;
    const overlay = { title: 'T', next: 'N', steps: { [first.id]: { title: 'x', why: 'y', subtasks: ['only one'], docs: [] } } };
    const out = localizeRoadmap(english, overlay);
    assert.equal(out.steps[0], first);
    // Right subtasks and docs but no explain for its evidence: not half applied either.
    const noExplain = { ...ROADMAP_OVERLAYS.es.steps[first.id], explain: [] };
    assert.equal(localizeRoadmap(english, { ...overlay, steps: { [first.id]: noExplain } }).steps[0], first);
    assert.equal(out.title, 'T');
  });
});
