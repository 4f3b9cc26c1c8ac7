// The roadmap model: the built-in roadmap, user roadmaps, progress and evidence. Pure.
import builtInYaml from './roadmap.yaml';
import { localizeRoadmap, overlayFor } from './localize';
import { parseRoadmap } from './schema';
import type { Roadmap } from './types';

export * from './types';
export { parseRoadmap } from './schema';
export { mergeRoadmaps, allSteps, type MergeMode } from './merge';
export { localizeRoadmap, overlayFor, ROADMAP_OVERLAYS, type RoadmapOverlay } from './localize';
export * from './progress';
export * from './status';
export { detectInFile, detectInSource, isKaggleFile, notebookCode, DETECTOR_DESCRIPTIONS } from './detectors';
export { fileEvidence, codeFingerprint, starterFingerprints, type FileEvidence } from './fileEvidence';

let builtIn: Roadmap | undefined;
const localized = new Map<string, Roadmap>();

/**
 * The roadmap shipped with the extension (validated by the unit tests, so a failure here is a build bug),
 * in `language` (VS Code's display language) where a translation exists, else in English.
 */
export function builtInRoadmap(language?: string): Roadmap {
  if (!builtIn) {
    const result = parseRoadmap(builtInYaml);
    if (!result.roadmap) throw new Error(`The built-in roadmap is invalid: ${JSON.stringify(result.errors)}`);
    builtIn = result.roadmap;
  }
  const overlay = overlayFor(language);
  if (!overlay || !language) return builtIn;
  let roadmap = localized.get(language);
  if (!roadmap) localized.set(language, (roadmap = localizeRoadmap(builtIn, overlay)));
  return roadmap;
}
