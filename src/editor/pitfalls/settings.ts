// One typed mirror of the `pythonForAI.*` settings the pitfall checks read, per resource.
import * as vscode from 'vscode';
import { isRuleId } from '../../core/analysis/catalogue';
import type { AnalysisOptions, RuleId, SeveritySetting } from '../../core/analysis/types';

export const SECTION = 'pythonForAI';

export interface PitfallSettings {
  options: AnalysisOptions;
  debounceMs: number;
  fixAllOnSave: boolean;
  exclude: string[];
}

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

export function readSettings(scope?: vscode.ConfigurationScope): PitfallSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const severities: Partial<Record<RuleId, SeveritySetting>> = {};
  const rules = config.get<Record<string, unknown>>('rules') ?? {};
  for (const [id, value] of Object.entries(rules)) {
    // A hand-edited settings.json may hold anything: unknown rules and values are ignored, not fatal.
    if (isRuleId(id) && SEVERITY_SETTINGS.includes(value as SeveritySetting)) severities[id] = value as SeveritySetting;
  }
  const threshold = config.get<number>('frameworkThreshold', 2);
  const minimumPython = config.get<string>('minimumPythonVersion', '3.11');
  const debounceMs = config.get<number>('debounceMs', 200);
  return {
    options: {
      severities,
      frameworkThreshold: Number.isInteger(threshold) && threshold >= 2 ? threshold : 2,
      minimumPython: /^3\.\d+$/.test(minimumPython) ? minimumPython : '3.11',
    },
    debounceMs: Number.isFinite(debounceMs) ? Math.min(Math.max(debounceMs, 0), 2000) : 200,
    fixAllOnSave: config.get<boolean>('fixAllOnSave', false) === true,
    exclude: (config.get<unknown[]>('exclude') ?? []).filter((g): g is string => typeof g === 'string'),
  };
}

/** True when a configuration change can change what the pitfall checks report. */
export function affectsPitfalls(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SECTION) || event.affectsConfiguration('files.exclude');
}

/**
 * Writes `pythonForAI.rules.<rule> = "off"` where it applies to `scope`, keeping the other rules: the
 * folder's settings in a multi-root workspace, the workspace settings with one folder, the user
 * settings with none.
 */
export async function disableRule(rule: RuleId, scope?: vscode.Uri): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const inspected = config.inspect<Record<string, string>>('rules');
  const folders = vscode.workspace.workspaceFolders?.length ?? 0;
  const inFolder = scope !== undefined && vscode.workspace.getWorkspaceFolder(scope) !== undefined;
  let target: vscode.ConfigurationTarget;
  let current: Record<string, string> | undefined;
  if (folders > 1 && inFolder) {
    target = vscode.ConfigurationTarget.WorkspaceFolder;
    current = inspected?.workspaceFolderValue;
  } else if (folders > 0) {
    target = vscode.ConfigurationTarget.Workspace;
    current = inspected?.workspaceValue;
  } else {
    target = vscode.ConfigurationTarget.Global;
    current = inspected?.globalValue;
  }
  await config.update('rules', { ...(current ?? {}), [rule]: 'off' }, target);
}
