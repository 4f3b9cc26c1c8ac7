// The rule link of a diagnostic (Problems panel, hover) opens the rule's page rendered. VS Code opens a
// diagnostic's `code.target` itself, as a plain editor for a file (and no longer runs `command:` links
// from there), so the target stays the page shipped in the extension and, when an editor opens on
// one of those pages, it is swapped for the Markdown preview of the same page.
import * as vscode from 'vscode';

/** Whether `uri` is one of the rule pages shipped in the extension (media/rules/<id>.md). */
export function isRulePage(extensionUri: vscode.Uri, uri: vscode.Uri): boolean {
  const folder = vscode.Uri.joinPath(extensionUri, 'media', 'rules').toString() + '/';
  return uri.toString().startsWith(folder) && uri.path.endsWith('.md');
}

/** Replaces every text tab showing a rule page with the page's Markdown preview. */
async function renderOpenedPages(extensionUri: vscode.Uri, opened: readonly vscode.Tab[]): Promise<void> {
  for (const tab of opened) {
    const input = tab.input;
    if (!(input instanceof vscode.TabInputText) || !isRulePage(extensionUri, input.uri)) continue;
    await vscode.commands.executeCommand('markdown.showPreview', input.uri);
    // The preview opens beside it as the active tab; the source tab (never edited by the user) goes.
    const stillThere = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === input.uri.toString());
    if (stillThere && !stillThere.isDirty) await vscode.window.tabGroups.close(stillThere, true);
  }
}

export function registerRulePageRendering(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      // A preview-mode tab reused for the page arrives as changed, not opened.
      const tabs = [...e.opened, ...e.changed];
      if (tabs.length) void renderOpenedPages(context.extensionUri, tabs);
    }),
  );
}
