// "Disable <rule>" says what it did and offers Undo; "Show Disabled Rules" lists the rules turned off
// in any settings scope and turns the picked ones back on.
import * as vscode from 'vscode';
import { ruleMeta } from '../../core/analysis/catalogue';
import type { RuleId } from '../../core/analysis/types';
import { disableRule, disabledRules, enableRule, undoRuleSetting } from './settings';

export const SHOW_DISABLED_RULES_COMMAND = 'pythonForAI.showDisabledRules';

/**
 * Turns the rule off, then confirms in a notification with Undo (and a way to the list of disabled
 * rules). Resolves once the setting is written; the notification's answer is handled when it comes.
 */
export async function disableRuleWithUndo(rule: RuleId, scope: vscode.Uri | undefined, output: vscode.LogOutputChannel): Promise<void> {
  const change = await disableRule(rule, scope);
  const where = change.target === vscode.ConfigurationTarget.Global ? vscode.l10n.t('the user settings')
    : change.target === vscode.ConfigurationTarget.Workspace ? vscode.l10n.t('the workspace settings') : vscode.l10n.t('the folder settings');
  output.info(vscode.l10n.t('Disabled rule {0} in {1} (pythonForAI.rules).', rule, where));
  const undo = vscode.l10n.t('Undo');
  const showDisabled = vscode.l10n.t('Show Disabled Rules');
  const answer = vscode.window.showInformationMessage(
    vscode.l10n.t('Python for AI: "{0}" ({1}) is off in {2}. Its problems are no longer shown.', ruleMeta(rule).title, rule, where),
    undo,
    showDisabled,
  );
  void answer.then(async (picked) => {
    if (picked === undo) {
      await undoRuleSetting(change);
      output.info(vscode.l10n.t('Undid disabling {0}.', rule));
    } else if (picked === showDisabled) {
      await vscode.commands.executeCommand(SHOW_DISABLED_RULES_COMMAND);
    }
  });
}

/** A quick pick of the disabled rules; the picked ones are turned back on. Resolves to the rules enabled. */
export async function showDisabledRules(): Promise<RuleId[]> {
  const disabled = disabledRules();
  if (disabled.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Python for AI: no rule is disabled. Rules are turned off with the "Disable <rule>" quick fix or the pythonForAI.rules setting.'));
    return [];
  }
  const items = disabled.map((d) => ({ label: d.rule, description: ruleMeta(d.rule).title, detail: vscode.l10n.t('Off in {0}', d.where), disabled: d }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('Disabled Python for AI rules'), placeHolder: vscode.l10n.t('Pick the rules to turn back on') });
  if (!picked?.length) return [];
  for (const p of picked) await enableRule(p.disabled);
  return picked.map((p) => p.disabled.rule);
}
