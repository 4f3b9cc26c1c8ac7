// "Show Rule Documentation": the rule's page shipped inside the extension, in the markdown preview
// (offline). With no rule given, a quick pick of every rule.
import * as vscode from 'vscode';
import { allRules, isRuleId, ruleMeta } from '../../core/analysis/catalogue';
import type { RuleId } from '../../core/analysis/types';
import { ruleDocUri } from './analyze';

export async function showRuleDocumentation(extensionUri: vscode.Uri, arg?: unknown): Promise<boolean> {
  let rule: RuleId | undefined;
  const given = typeof arg === 'string' ? arg : typeof (arg as { value?: unknown })?.value === 'string' ? (arg as { value: string }).value : undefined;
  if (given !== undefined) {
    if (!isRuleId(given)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Python for AI has no rule named "{0}".', given));
      return false;
    }
    rule = given;
  } else {
    const picked = await vscode.window.showQuickPick(
      allRules().map((r) => ({ label: r.id, description: r.title, detail: r.summary, rule: r.id })),
      { placeHolder: vscode.l10n.t('Rule to read about'), matchOnDescription: true, matchOnDetail: true },
    );
    rule = picked?.rule;
  }
  if (!rule) return false;
  const page = ruleDocUri(extensionUri, rule);
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    void vscode.window.showErrorMessage(vscode.l10n.t('The page for {0} is missing from this installation ({1}). It is also online: {2}', rule, page.fsPath, ruleMeta(rule).url));
    return false;
  }
  await vscode.commands.executeCommand('markdown.showPreview', page);
  return true;
}
