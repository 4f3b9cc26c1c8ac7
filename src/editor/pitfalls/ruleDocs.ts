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
      void vscode.window.showWarningMessage(`Python for AI has no rule named "${given}".`);
      return false;
    }
    rule = given;
  } else {
    const picked = await vscode.window.showQuickPick(
      allRules().map((r) => ({ label: r.id, description: r.title, detail: r.summary, rule: r.id })),
      { placeHolder: 'Rule to read about', matchOnDescription: true, matchOnDetail: true },
    );
    rule = picked?.rule;
  }
  if (!rule) return false;
  const page = ruleDocUri(extensionUri, rule);
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    void vscode.window.showErrorMessage(`The page for ${rule} is missing from this installation (${page.fsPath}). It is also online: ${ruleMeta(rule).url}`);
    return false;
  }
  await vscode.commands.executeCommand('markdown.showPreview', page);
  return true;
}
