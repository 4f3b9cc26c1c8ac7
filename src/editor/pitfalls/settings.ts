// One typed mirror of the `pythonForAI.*` settings the pitfall checks read, per resource.
import * as vscode from 'vscode';
import { isRuleId } from '../../core/analysis/catalogue';
import type { AnalysisOptions, RuleId, SeveritySetting } from '../../core/analysis/types';
import type { ConfigurationPreference, EditorValues } from '../../core/config/resolve';

export const SECTION = 'pythonForAI';

export interface PitfallSettings {
  options: AnalysisOptions;
  debounceMs: number;
  fixAllOnSave: boolean;
  exclude: string[];
  /** Which of these settings and a `[tool.pyai-lint]` / pyai-lint.toml configuration wins. */
  preference: ConfigurationPreference;
  /** The values of `options` the user set (not defaults), which `editorFirst` puts before the file. */
  explicit: EditorValues;
}

const PREFERENCES: readonly ConfigurationPreference[] = ['editorFirst', 'filesystemFirst', 'editorOnly'];

/** Whether the user (or workspace) set `key` rather than leaving its default. */
function isSet(config: vscode.WorkspaceConfiguration, key: string): boolean {
  const i = config.inspect(key);
  return i !== undefined && [i.globalValue, i.workspaceValue, i.workspaceFolderValue, i.globalLanguageValue, i.workspaceLanguageValue, i.workspaceFolderLanguageValue].some((v) => v !== undefined);
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
  const options: AnalysisOptions = {
    severities,
    frameworkThreshold: Number.isInteger(threshold) && threshold >= 2 ? threshold : 2,
    minimumPython: /^3\.\d+$/.test(minimumPython) ? minimumPython : '3.11',
  };
  const preference = config.get<string>('configurationPreference', 'editorFirst') as ConfigurationPreference;
  return {
    options,
    preference: PREFERENCES.includes(preference) ? preference : 'editorFirst',
    explicit: {
      rules: severities,
      ...(isSet(config, 'frameworkThreshold') ? { frameworkThreshold: options.frameworkThreshold } : {}),
      ...(isSet(config, 'minimumPythonVersion') ? { minimumPython: options.minimumPython } : {}),
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

/** Where a rule's setting was written and what the `pythonForAI.rules` value there was before: enough to undo. */
export interface RuleSettingChange {
  target: vscode.ConfigurationTarget;
  scope?: vscode.Uri;
  before: Record<string, string> | undefined;
}

/**
 * Writes `pythonForAI.rules.<rule> = "off"` where it applies to `scope`, keeping the other rules: the
 * folder's settings in a multi-root workspace, the workspace settings with one folder, the user
 * settings with none. Returns what it changed, for Undo.
 */
export async function disableRule(rule: RuleId, scope?: vscode.Uri): Promise<RuleSettingChange> {
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
  return { target, scope, before: current };
}

/** Puts `pythonForAI.rules` back as it was before `change`. */
export async function undoRuleSetting(change: RuleSettingChange): Promise<void> {
  const value = change.before && Object.keys(change.before).length > 0 ? change.before : undefined;
  await vscode.workspace.getConfiguration(SECTION, change.scope).update('rules', value, change.target);
}

/** A rule turned off in one settings scope. */
export interface DisabledRule {
  rule: RuleId;
  target: vscode.ConfigurationTarget;
  scope?: vscode.Uri;
  where: string;
}

/** Every rule set to "off" in the user, workspace or a folder's settings. */
export function disabledRules(): DisabledRule[] {
  const out: DisabledRule[] = [];
  const add = (rules: Record<string, string> | undefined, target: vscode.ConfigurationTarget, where: string, scope?: vscode.Uri) => {
    for (const [id, value] of Object.entries(rules ?? {})) if (value === 'off' && isRuleId(id)) out.push({ rule: id, target, scope, where });
  };
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<Record<string, string>>('rules');
  add(inspected?.globalValue, vscode.ConfigurationTarget.Global, vscode.l10n.t('the user settings'));
  add(inspected?.workspaceValue, vscode.ConfigurationTarget.Workspace, vscode.l10n.t('the workspace settings'));
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length > 1) {
    for (const folder of folders) {
      const own = vscode.workspace.getConfiguration(SECTION, folder.uri).inspect<Record<string, string>>('rules')?.workspaceFolderValue;
      add(own, vscode.ConfigurationTarget.WorkspaceFolder, vscode.l10n.t('the settings of folder {0}', folder.name), folder.uri);
    }
  }
  return out;
}

/** Removes a rule's "off" from the scope it was set in, so the rule reports again at its default severity. */
export async function enableRule(disabled: DisabledRule): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION, disabled.scope);
  const inspected = config.inspect<Record<string, string>>('rules');
  const current = disabled.target === vscode.ConfigurationTarget.Global ? inspected?.globalValue
    : disabled.target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.workspaceFolderValue;
  const rest = { ...(current ?? {}) };
  delete rest[disabled.rule];
  await config.update('rules', Object.keys(rest).length ? rest : undefined, disabled.target);
}
