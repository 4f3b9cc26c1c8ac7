// What a rule sees and reports. Rules work in offsets into the program text; the engine turns
// them into line/character ranges (per cell for notebooks) and applies severities and suppressions.
import type { Program } from '../../python/program';
import type { Msg } from '../../l10n/text';
import type { AnalysisOptions, RuleId, Severity } from '../types';

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface OffsetFix {
  /** Said in English by the CLI, translated by the editor. */
  title: Msg;
  safe: boolean;
  edits: OffsetEdit[];
  /**
   * The same object is reported by several findings and fixes them all: the engine gives its edits
   * to the first finding only (the others get a reference), so n findings never carry n × n edits.
   */
  shared?: boolean;
}

export interface OffsetFinding {
  rule: RuleId;
  message: Msg;
  start: number;
  end: number;
  deprecated?: boolean;
  /**
   * The code fails on current versions of its library (a removed API, `load_boston`): the finding is
   * reported at the rule's `failSeverity` (an error by default) unless the user set the rule's severity.
   */
  fails?: boolean;
  fixes: OffsetFix[];
  /** Overrides the rule's configured severity for this finding (deprecated-api: an API the pinned version still has). */
  severity?: Severity;
}

export interface RuleContext {
  program: Program;
  options: AnalysisOptions;
  /** True when the program is a notebook's code cells. */
  notebook: boolean;
  report(finding: OffsetFinding): void;
  /** Where an offset is, for messages that point to another line: `line 12`, or `line 3 of cell 5` in a notebook. */
  where(offset: number): Msg;
}

export interface PythonRule {
  id: RuleId;
  /**
   * What a program needs before this rule can report anything, so that the engine can skip the
   * full scan of a file that has none of it: an import of one of `modules` (top-level names), or
   * code the skim takes for possible Python 2. A rule without a gate runs on every program.
   */
  gate?: { modules?: ReadonlySet<string>; python2Syntax?: true };
  run(context: RuleContext): void;
}

/** Whether the program imports (absolutely) one of these top-level modules. */
export function importsAny(program: Program, modules: ReadonlySet<string>): boolean {
  for (const top of program.topModules) if (modules.has(top)) return true;
  return false;
}
