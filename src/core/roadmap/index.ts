// The roadmap model: the built-in roadmap, user roadmaps, progress and evidence. Pure.
import builtInYaml from './roadmap.yaml';
import { parseRoadmap } from './schema';
import type { Roadmap } from './types';

export * from './types';
export { parseRoadmap } from './schema';
export { mergeRoadmaps, allSteps, type MergeMode } from './merge';
export * from './progress';
export * from './status';
export { detectInFile, detectInSource, isKaggleFile, notebookCode, DETECTOR_DESCRIPTIONS } from './detectors';

let builtIn: Roadmap | undefined;

/** The roadmap shipped with the extension (validated by the unit tests, so a failure here is a build bug). */
export function builtInRoadmap(): Roadmap {
  if (!builtIn) {
    const result = parseRoadmap(builtInYaml);
    if (!result.roadmap) throw new Error(`The built-in roadmap is invalid: ${JSON.stringify(result.errors)}`);
    builtIn = result.roadmap;
  }
  return builtIn;
}
