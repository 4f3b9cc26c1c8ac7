// Evidence (what the editor found) + explicit choices (progress) → each step's status.
import { normalizePackageName } from '../analysis/frameworks';
import { english, msg, render, type Msg, type Translate } from '../l10n/text';
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
  /** Starter files as the extension created them, by the detectors their code matches: not the learner's work yet. */
  unchangedStarters?: Partial<Record<DetectorId, string[]>>;
  /** Rules with warnings or errors in the files the detectors matched, by path. */
  pitfalls?: Record<string, string[]>;
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

function checkClause(clause: EvidenceClause, ev: Evidence, notes: Set<string>, stepRules: readonly string[]): string[] | undefined {
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
    const matched = ev.files[clause.file] ?? [];
    // A file with this step's own pitfalls (a buggy sample, code pasted from an old tutorial) is not done work.
    const pitfallsOf = (f: string) => (ev.pitfalls?.[f] ?? []).filter((r) => stepRules.includes(r));
    const found = matched.filter((f) => pitfallsOf(f).length === 0);
    if (!found.length) {
      for (const f of matched.slice(0, 3)) notes.add(`${f} does this step's work but has its pitfalls (${pitfallsOf(f).join(', ')}): fix them to complete the step.`);
      for (const f of (ev.unchangedStarters?.[clause.file] ?? []).slice(0, 3)) notes.add(`${f} is the starter file as created: it counts once you make it your own.`);
      return undefined;
    }
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
    const reasons = checkClause(clause, ev, notes, step.rules);
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

/** What a file clause asks for, as the tooltip says it (a sentence per detector, so each translates whole). */
const FILE_CLAUSES: Record<DetectorId, Msg> = {
  'python-basics': msg('a file in the workspace is a script with a function it calls and a loop'),
  'csv-plot': msg('a file in the workspace reads a CSV file, summarises it and plots it'),
  'sklearn-california': msg('a file in the workspace fits and evaluates a model on California Housing'),
  'torch-mnist': msg('a file in the workspace trains a PyTorch model on MNIST (backward and optimizer step in a loop)'),
  'kaggle-submission': msg("a file in the workspace is a trained model's predictions written to a submission CSV"),
  'ml-project': msg('a file in the workspace trains and evaluates a spam, sentiment or weather model'),
  'hf-transformers': msg('a file in the workspace runs a Hugging Face model (pipeline or from_pretrained)'),
  'model-api': msg('a file in the workspace serves a loaded model from a FastAPI or Flask route'),
  'onnx-export': msg('a file in the workspace exports a model to ONNX or runs one with ONNX Runtime'),
  'vector-search': msg('a file in the workspace stores vectors in a vector database and searches them'),
};

/**
 * One clause in words: its `explain` (already in the display language: the roadmap overlay translates
 * it), or what its keys ask for, rendered by `translate` (vscode.l10n.t in the editor, English here).
 */
export function explainClause(clause: EvidenceClause, translate: Translate = english): string {
  if (clause.explain) return clause.explain;
  const parts: Msg[] = [];
  if (clause.python !== undefined) parts.push(msg('the selected interpreter is Python {0} or newer', clause.python));
  if (clause.packages?.length) {
    const names = clause.packages.join(', ');
    parts.push(clause.packages.length > 1 ? msg('{0} are installed in the selected interpreter', names) : msg('{0} is installed in the selected interpreter', names));
  }
  if (clause.file !== undefined) parts.push(msg("{0} (not a starter file as created, and without this step's pitfalls)", FILE_CLAUSES[clause.file]));
  if (clause.git !== undefined) parts.push(clause.git ? msg('the workspace is a git repository') : msg('the workspace is not a git repository'));
  if (!parts.length) return '';
  return render(parts.reduce((all, part) => msg('{0}, and {1}', all, part)), translate);
}

/** What completes a step: one line per evidence alternative (any one is enough); empty = only a tick by hand. */
export function completionOf(step: RoadmapStep, translate: Translate = english): string[] {
  return step.evidence.map((clause) => explainClause(clause, translate));
}
