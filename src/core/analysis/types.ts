// Types shared by the analysis engine, the CLI and the editor layer. Pure: never imports `vscode`.
import type { Msg } from '../l10n/text';

/** The public rule ids: codes in the editor, CLI output, suppression comments and docs. */
export const RULE_IDS = [
  'boston-dataset',
  'too-many-frameworks',
  'missing-git-repo',
  'python2',
  'python-version',
  'deprecated-api',
  'loss-accumulation',
  'hardcoded-cuda',
  'unchecked-data',
  'missing-zero-grad',
  'softmax-before-cross-entropy',
  'test-data-leakage',
  'eval-mode-missing',
  'train-mode-not-restored',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** 0-based line and UTF-16 column, as in VS Code. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
  /**
   * Notebooks: the cell (0-based index into the notebook's `cells`) this edit applies to; `range`
   * counts within that cell. A fix may edit several cells (renaming an import in cell 0 and its use in cell 4).
   */
  cell?: number;
}

export interface Fix {
  /** Shown as the quick fix title; says so when the fix changes behaviour. */
  title: string;
  /** The title as a template and its arguments, for the editor to show in the user's language. */
  l10n?: Msg;
  /** Safe fixes keep behaviour and may be applied by fix-all and `--fix`; unsafe ones need `--unsafe-fixes`. */
  safe: boolean;
  /** Edits in the coordinates of the finding's text (the cell's text for notebook findings). */
  edits: TextEdit[];
  /**
   * A fix several findings share (one edit per place, applied together, e.g. hardcoded-cuda's "all
   * places"): only the first of those findings carries the edits; the others carry the same title and
   * key with `edits: []`, so output stays linear in the number of places. `sharedFixEdits` finds them.
   */
  shared?: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** In English (CLI, JSON, SARIF). */
  message: string;
  /** The message as a template and its arguments, for the editor to show in the user's language. */
  l10n?: Msg;
  range: Range;
  /** Notebooks: 0-based index into the notebook's `cells`; `range` counts within that cell. */
  cell?: number;
  /** The finding marks a deprecated or removed API (rendered struck through in the editor). */
  deprecated?: boolean;
  fixes: Fix[];
}

export interface AnalysisOptions {
  /** Per-rule severity overrides; `off` disables the rule. */
  severities?: Partial<Record<RuleId, SeveritySetting>>;
  /** Deep-learning frameworks allowed before `too-many-frameworks` reports; default 2 means "report at 2". */
  frameworkThreshold?: number;
  /** Oldest Python a project should allow, `"3.11"` by default. */
  minimumPython?: string;
  /**
   * The library versions the project uses, by normalized distribution name (`numpy`, `torch`,
   * `scikit-learn`): `deprecated-api` reports an API removed only after that version at a lower
   * severity, and not at all one deprecated after it. Absent: current versions are assumed. A
   * function is called only when a finding needs a version (the CLI's manifest lookup is lazy).
   */
  libraryVersions?: Record<string, LibraryVersion> | (() => Record<string, LibraryVersion> | undefined);
}

/** What a project allows of one library: every allowed version is at most `upTo` and/or below `below`. */
export interface LibraryVersion {
  /** Highest allowed version, inclusive (an exact pin `==1.22.4`, `<=1.22`, or the installed version). */
  upTo?: string;
  /** Exclusive upper bound (`<2.0`, `~=1.22` → `2`, `==1.22.*` → `1.23`). */
  below?: string;
  /** Said in messages: `numpy==1.22.4 (requirements.txt)`, `numpy 1.26.4 (installed)`. */
  label: string;
}

export interface NotebookCell {
  kind: 'code' | 'markdown' | 'raw';
  source: string;
}
