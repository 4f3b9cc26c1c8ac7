// The rule catalogue (`src/core/rules/rules.yaml`) and severity resolution.
import rulesData from '../rules/rules.yaml?data';
import { RULE_IDS, type AnalysisOptions, type RuleId, type Severity } from './types';

export interface RuleMeta {
  id: RuleId;
  title: string;
  defaultSeverity: Severity;
  /** Severity of a finding whose code fails on current library versions (a removed API); defaults to defaultSeverity. */
  failSeverity?: Severity;
  summary: string;
  /** `false`: the rule is off unless the user gives it a severity (`pythonForAI.rules`); `defaultSeverity` is then its suggested level. */
  enabledByDefault?: boolean;
  /** Path of the rule page inside the extension / repository. */
  docsPath: string;
  /** Public copy of the rule page. */
  url: string;
}

const DOCS_BASE = 'https://github.com/python-for-ai/python-for-ai-vscode/blob/main/media/rules/';

const catalogue = new Map<RuleId, RuleMeta>(
  (rulesData as Omit<RuleMeta, 'docsPath' | 'url'>[]).map((r) => [
    r.id,
    { ...r, docsPath: `media/rules/${r.id}.md`, url: `${DOCS_BASE}${r.id}.md` },
  ]),
);
for (const id of RULE_IDS) {
  if (!catalogue.has(id)) throw new Error(`rules.yaml lacks rule ${id}`);
}

export function ruleMeta(id: RuleId): RuleMeta {
  return catalogue.get(id)!;
}

export function allRules(): RuleMeta[] {
  return RULE_IDS.map((id) => catalogue.get(id)!);
}

export function isRuleId(value: string): value is RuleId {
  return catalogue.has(value as RuleId);
}

/**
 * The severity a rule reports at under `options`, or `undefined` when the rule is off. The scheme: code
 * that fails on current library versions (`fails`: a removed API, `load_boston`, Python 2 syntax) is an
 * error; code that still runs but is deprecated or risky is a warning; advice is info. A severity the
 * user set for the rule applies to all its findings.
 */
export function severityOf(id: RuleId, options: AnalysisOptions | undefined, fails = false): Severity | undefined {
  const configured = options?.severities?.[id];
  if (configured === 'off') return undefined;
  const meta = catalogue.get(id)!;
  if (configured === undefined && meta.enabledByDefault === false) return undefined;
  return configured ?? (fails ? meta.failSeverity ?? meta.defaultSeverity : meta.defaultSeverity);
}
