// Evidence (what the editor found) + explicit choices (progress) → each step's status.
import { normalizePackageName } from '../analysis/frameworks';
import { DETECTOR_DESCRIPTIONS } from './detectors';
import type { ProgressState } from './progress';
import type { DetectorId, EvidenceClause, RoadmapStep } from './types';

export interface Evidence {
  /** The selected interpreter; `undefined` = not known (not checked yet, or Restricted Mode). */
  interpreter?: { path: string; version?: string; error?: string };
  /** Installed distributions (normalized names) of the selected interpreter; `undefined` = not known. */
  packages?: Record<string, string>;
  /** Workspace-relative paths of the files each detector matched. */
  files: Partial<Record<DetectorId, string[]>>;
  /** `undefined` = not known. */
  git?: boolean;
}

export type StepState =
  /** Ticked by hand (whether or not evidence exists). */
  | 'done'
  /** Not ticked, but the workspace shows it is done. */
  | 'detected'
  /** Unticked by hand: stays not done even with evidence. */
  | 'notDone'
  | 'open';

export interface StepStatus {
  state: StepState;
  done: boolean;
  /** What was detected (one line each), when a clause of the step's evidence holds. */
  detected: string[];
  /** Things worth saying about the evidence that did not hold (e.g. a broken interpreter). */
  notes: string[];
}

/** True when `version` ("3.11.4") is at least `minimum` ("3.11"). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split(/[^\d]+/).filter(Boolean).map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < b.length; i++) {
    const x = a[i] ?? 0;
    if (x !== b[i]) return x > b[i];
  }
  return true;
}

function checkClause(clause: EvidenceClause, ev: Evidence, notes: Set<string>): string[] | undefined {
  const reasons: string[] = [];
  if (clause.python !== undefined) {
    const interp = ev.interpreter;
    if (interp?.error) {
      notes.add(`Interpreter problem: ${interp.error}`);
      return undefined;
    }
    if (!interp?.version) return undefined;
    if (!versionAtLeast(interp.version, clause.python)) {
      notes.add(`The selected interpreter is Python ${interp.version}; this step asks for ${clause.python} or newer.`);
      return undefined;
    }
    reasons.push(`Python ${interp.version} (${interp.path})`);
  }
  if (clause.packages?.length) {
    if (!ev.packages) return undefined;
    const versions: string[] = [];
    for (const name of clause.packages) {
      const v = ev.packages[normalizePackageName(name)];
      if (v === undefined) return undefined;
      versions.push(`${name} ${v}`);
    }
    reasons.push(`installed: ${versions.join(', ')}`);
  }
  if (clause.file !== undefined) {
    const found = ev.files[clause.file];
    if (!found?.length) return undefined;
    reasons.push(`${DETECTOR_DESCRIPTIONS[clause.file]}: ${found.slice(0, 3).join(', ')}${found.length > 3 ? ` and ${found.length - 3} more` : ''}`);
  }
  if (clause.git !== undefined) {
    if (ev.git !== clause.git) return undefined;
    reasons.push(clause.git ? 'the workspace is a git repository' : 'the workspace is not a git repository');
  }
  return reasons;
}

/** What the evidence shows for one step, ignoring explicit choices. */
export function detectStep(step: RoadmapStep, ev: Evidence): { detected: string[]; notes: string[] } {
  const notes = new Set<string>();
  for (const clause of step.evidence) {
    const reasons = checkClause(clause, ev, notes);
    if (reasons) return { detected: reasons, notes: [] };
  }
  return { detected: [], notes: [...notes] };
}

export function stepStatus(step: RoadmapStep, ev: Evidence, progress: ProgressState): StepStatus {
  const { detected, notes } = detectStep(step, ev);
  const choice = progress.entries[step.id];
  let state: StepState;
  if (choice) state = choice.done ? 'done' : 'notDone';
  else state = detected.length ? 'detected' : 'open';
  return { state, done: state === 'done' || state === 'detected', detected, notes };
}

/** A subtask is done only when ticked by hand (there is no evidence per subtask). */
export function subtaskDone(subtaskId: string, progress: ProgressState): boolean {
  return progress.entries[subtaskId]?.done === true;
}
