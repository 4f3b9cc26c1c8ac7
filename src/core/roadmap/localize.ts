// The built-in roadmap in the display language: a translation overlay per locale (roadmap.<locale>.yaml,
// keyed by step id) replaces the texts people read (titles, why, subtasks, doc titles, the evidence's
// explain) and nothing else; ids (progress is stored under them), URLs, evidence keys and rules stay those of roadmap.yaml. A locale
// without an overlay, or a step the overlay lacks, stays in English.
import esOverlay from './roadmap.es.yaml?data';
import zhCnOverlay from './roadmap.zh-cn.yaml?data';
import type { Roadmap, RoadmapStep } from './types';

export interface StepTranslation {
  title: string;
  why: string;
  /** The step's subtasks, in order. */
  subtasks: string[];
  /** The titles of the step's docs, in order. */
  docs: string[];
  /** The `explain` of each of the step's evidence alternatives, in order (the tooltip's "Completes when: ..."). */
  explain?: string[];
}

export interface RoadmapOverlay {
  title: string;
  /** The title of the "what comes next" branch. */
  next: string;
  steps: Record<string, StepTranslation>;
}

export const ROADMAP_OVERLAYS: Readonly<Record<string, RoadmapOverlay>> = {
  'zh-cn': zhCnOverlay as RoadmapOverlay,
  es: esOverlay as RoadmapOverlay,
};

/** The overlay for a VS Code display language (`zh-cn`, `es`, `es-mx` → `es`); undefined for English and others. */
export function overlayFor(language: string | undefined): RoadmapOverlay | undefined {
  const lang = (language ?? '').toLowerCase();
  return ROADMAP_OVERLAYS[lang] ?? ROADMAP_OVERLAYS[lang.split('-')[0]];
}

function localizedStep(step: RoadmapStep, t: StepTranslation | undefined): RoadmapStep {
  // A translation that does not match the step's shape (roadmap.yaml changed since) is not half applied.
  const explain = t?.explain ?? [];
  if (!t || t.subtasks.length !== step.subtasks.length || t.docs.length !== step.docs.length || explain.length !== step.evidence.length) return step;
  return {
    ...step,
    title: t.title,
    why: t.why,
    subtasks: step.subtasks.map((s, i) => ({ ...s, title: t.subtasks[i] })),
    docs: step.docs.map((d, i) => ({ ...d, title: t.docs[i] })),
    evidence: step.evidence.map((e, i) => ({ ...e, explain: explain[i] })),
  };
}

/** `roadmap` with the overlay's texts (the built-in roadmap; a user's steps are left as written). */
export function localizeRoadmap(roadmap: Roadmap, overlay: RoadmapOverlay | undefined): Roadmap {
  if (!overlay) return roadmap;
  const step = (s: RoadmapStep) => localizedStep(s, overlay.steps[s.id]);
  return { title: overlay.title, steps: roadmap.steps.map(step), next: { title: overlay.next, steps: roadmap.next.steps.map(step) } };
}
