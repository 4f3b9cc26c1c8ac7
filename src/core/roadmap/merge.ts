// Combines the built-in roadmap with a user's (a teacher's course, say).
import type { Roadmap, RoadmapStep } from './types';

export type MergeMode = 'extend' | 'replace';

/**
 * `replace`: only the user's roadmap. `extend`: the built-in steps, where a user step with the same
 * id (in either branch) takes the built-in step's place, then the user's new steps at the end of
 * their branch.
 */
export function mergeRoadmaps(builtIn: Roadmap, user: Roadmap, mode: MergeMode): Roadmap {
  if (mode === 'replace') return user;
  const userById = new Map<string, RoadmapStep>();
  for (const s of [...user.steps, ...user.next.steps]) userById.set(s.id, s);
  const used = new Set<string>();
  const swap = (s: RoadmapStep): RoadmapStep => {
    const replacement = userById.get(s.id);
    if (!replacement) return s;
    used.add(s.id);
    return replacement;
  };
  const steps = builtIn.steps.map(swap);
  const nextSteps = builtIn.next.steps.map(swap);
  steps.push(...user.steps.filter((s) => !used.has(s.id)));
  nextSteps.push(...user.next.steps.filter((s) => !used.has(s.id)));
  return { title: builtIn.title, steps, next: { title: builtIn.next.title, steps: nextSteps } };
}

/** Every step of both branches, in display order. */
export function allSteps(roadmap: Roadmap): RoadmapStep[] {
  return [...roadmap.steps, ...roadmap.next.steps];
}
