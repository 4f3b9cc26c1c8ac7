// What one workspace file shows for the roadmap, beyond the detectors: whether it is a starter file
// as the extension created it (not the learner's work yet), and which pitfalls it has (a file with
// the step's own pitfalls, like the sample project's buggy scripts, does not complete the step).
import { analyzePython } from '../analysis/python';
import type { RuleId } from '../analysis/types';
import { Code, detectInCode, sourceOf } from './detectors';
import type { DetectorId } from './types';

export interface FileEvidence {
  /** Detectors the file's code matches (also when it is an unchanged starter). */
  detectors: DetectorId[];
  /** The code is a starter template's code (comments and layout aside): it counts once the learner changes it. */
  unchangedStarter: boolean;
  /** Rules with a warning or error in the file (default rule settings); only read when a detector matched. */
  pitfalls: RuleId[];
}

/** The file's code without comments and layout: two files with the same fingerprint do the same thing. */
export function codeFingerprint(source: string): string {
  return fingerprintOf(new Code(source));
}

function fingerprintOf(code: Code): string {
  // A module docstring edited alone leaves the starter's code as it was.
  const start = code.tokens[0]?.kind === 'string' ? 1 : 0;
  return code.tokens
    .slice(start).map((t) => `${t.kind}:${t.value}`).join('\u0000');
}

/** Fingerprints of starter templates (their text, as a roadmap's `starter` gives it). */
export function starterFingerprints(templates: readonly string[]): Set<string> {
  return new Set(templates.map(codeFingerprint));
}

export function fileEvidence(path: string, text: string, starters: ReadonlySet<string> = new Set()): FileEvidence {
  const source = sourceOf(path, text);
  if (source === undefined) return { detectors: [], unchangedStarter: false, pitfalls: [] };
  const code = new Code(source);
  const detectors = detectInCode(code);
  if (!detectors.length) return { detectors, unchangedStarter: false, pitfalls: [] };
  const unchangedStarter = starters.has(fingerprintOf(code));
  const pitfalls = [...new Set(analyzePython(source).filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.rule))];
  return { detectors, unchangedStarter, pitfalls };
}
