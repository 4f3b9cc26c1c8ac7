// What a rule sees and reports. Rules work in offsets into the program text; the engine turns
// them into line/character ranges (per cell for notebooks) and applies severities and suppressions.
import type { Program } from '../../python/program';
import type { AnalysisOptions, RuleId } from '../types';

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface OffsetFix {
  title: string;
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
  message: string;
  start: number;
  end: number;
  deprecated?: boolean;
  fixes: OffsetFix[];
}

export interface RuleContext {
  program: Program;
  options: AnalysisOptions;
  /** True when the program is a notebook's code cells. */
  notebook: boolean;
  report(finding: OffsetFinding): void;
}

export interface PythonRule {
  id: RuleId;
  run(context: RuleContext): void;
}
