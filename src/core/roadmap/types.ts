// The roadmap's data model, shared by the YAML loader, the progress model and the editor layer.
// Pure: never imports `vscode`.

/** Pure file-content detectors (see detectors.ts); a roadmap names them in `evidence.file`. */
export const DETECTOR_IDS = ['python-basics', 'csv-plot', 'sklearn-california', 'torch-mnist', 'kaggle-submission', 'ml-project', 'hf-transformers', 'model-api', 'onnx-export', 'vector-search'] as const;
export type DetectorId = (typeof DETECTOR_IDS)[number];

/**
 * One way a step can be detected: every key present must hold. A step's `evidence` is a list of
 * these alternatives; any one of them is enough.
 */
export interface EvidenceClause {
  /** Minimum version of the selected interpreter, e.g. "3.11". */
  python?: string;
  /** Distribution names that must all be installed in the selected interpreter. */
  packages?: string[];
  /** A workspace file matching this detector. */
  file?: DetectorId;
  /** The workspace folder is inside a git repository. */
  git?: boolean;
  /** What completes the step this way, in the learner's words (shown as "Completes when: …"). */
  explain?: string;
}

export interface DocLink {
  title: string;
  url: string;
}

export interface Subtask {
  id: string;
  title: string;
}

export interface Starter {
  /** File name the starter is created as (relative to the workspace folder). */
  fileName: string;
  /**
   * Template file: for the built-in roadmap a path inside the extension (`media/starters/…`), for a
   * user roadmap a path relative to the roadmap file. Exactly one of `template` and `content` is set.
   */
  template?: string;
  /** The starter's text, inline. */
  content?: string;
}

export interface RoadmapStep {
  id: string;
  title: string;
  why: string;
  subtasks: Subtask[];
  docs: DocLink[];
  /** Snippet prefixes (from snippets/*.json). */
  snippets: string[];
  starter?: Starter;
  evidence: EvidenceClause[];
  /** Rule ids whose findings are pitfalls of this step. */
  rules: string[];
}

export interface Roadmap {
  title: string;
  steps: RoadmapStep[];
  /** The "What comes next" branch. */
  next: { title: string; steps: RoadmapStep[] };
}

/** A problem in a roadmap file, with a 1-based line and column when the YAML gives one. */
export interface RoadmapError {
  message: string;
  line?: number;
  column?: number;
}

export function formatRoadmapError(source: string, e: RoadmapError): string {
  return e.line !== undefined ? `${source}:${e.line}:${e.column ?? 1}: ${e.message}` : `${source}: ${e.message}`;
}
