// Pitfall findings (our diagnostics) grouped by the roadmap step whose rules they belong to.
import * as vscode from 'vscode';
import type { RoadmapStep } from '../../core/roadmap';

export const DIAGNOSTIC_SOURCE = 'Python for AI';

export interface PitfallLocation {
  uri: vscode.Uri;
  diagnostic: vscode.Diagnostic;
  rule: string;
}

function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

/** Every current diagnostic of ours whose rule is one of `step.rules`. */
export function pitfallsOf(step: RoadmapStep, all: readonly [vscode.Uri, readonly vscode.Diagnostic[]][] = vscode.languages.getDiagnostics()): PitfallLocation[] {
  if (!step.rules.length) return [];
  const rules = new Set(step.rules);
  const out: PitfallLocation[] = [];
  for (const [uri, diagnostics] of all) {
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const rule = ruleOf(diagnostic);
      if (rule && rules.has(rule)) out.push({ uri, diagnostic, rule });
    }
  }
  return out;
}
