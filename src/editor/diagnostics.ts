// Pitfall diagnostics in the editor: open documents, notebooks and manifests as the user types,
// project checks (git, frameworks across manifests, interpreter), and the commands around them
// (Scan Workspace, Show Rule Documentation, Initialize Git Repository).
import * as vscode from 'vscode';
import { isRuleId } from '../core/analysis/catalogue';
import { isManifest } from '../core/analysis/manifests';
import { registerConfigurationFiles } from './pitfalls/configFiles';
import { initGitRepository, type InitOptions } from './pitfalls/git';
import { ProjectChecks, type InterpreterSource } from './pitfalls/projectChecks';
import { showRuleDocumentation } from './pitfalls/ruleDocs';
import { registerRulePageRendering } from './pitfalls/rulePages';
import { scanWorkspace } from './pitfalls/scan';
import { affectsPitfalls } from './pitfalls/settings';
import { SHOW_DISABLED_RULES_COMMAND, disableRuleWithUndo, showDisabledRules } from './pitfalls/disabledRules';
import type { PitfallDiagnostics } from './pitfalls/controller';
import { pitfallDiagnostics } from './pitfalls/shared';
import type { Services } from './services';

export const DISABLE_RULE_COMMAND = 'pythonForAI.disableRule';

export function registerDiagnostics(services: Services): void {
  const { context, output } = services;
  const diagnostics = pitfallDiagnostics(services);
  const interpreter: InterpreterSource = services.environment;
  const project = new ProjectChecks(diagnostics, interpreter, output);
  registerConfigurationFiles(context, diagnostics, project);

  const debounce = (uri: vscode.Uri) => diagnostics.settingsFor(uri).debounceMs;
  context.subscriptions.push(
    project,
    vscode.workspace.onDidOpenTextDocument((d) => diagnostics.schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) diagnostics.schedule(e.document, debounce(e.document.uri));
    }),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (isManifest(d.uri.path)) {
        // The versions a manifest pins decide how deprecated-api reports the files near it.
        diagnostics.manifestsChanged();
        diagnostics.recheckAll();
      }
      diagnostics.schedule(d, 0);
    }),
    services.environment.onDidChange(() => void installedPackages(services, diagnostics)),
    vscode.workspace.onDidCloseTextDocument((d) => diagnostics.documentClosed(d)),
    vscode.workspace.onDidOpenNotebookDocument((nb) => diagnostics.scheduleNotebook(nb, 0)),
    vscode.workspace.onDidChangeNotebookDocument((e) => {
      // Cell text edits arrive through onDidChangeTextDocument; this catches cells added, removed or changing language.
      if (e.contentChanges.length || e.cellChanges.some((c) => c.document)) diagnostics.scheduleNotebook(e.notebook, debounce(e.notebook.uri));
    }),
    vscode.workspace.onDidSaveNotebookDocument((nb) => diagnostics.scheduleNotebook(nb, 0)),
    vscode.workspace.onDidCloseNotebookDocument((nb) => diagnostics.notebookClosed(nb)),
    // A document outlives its editor tab by up to minutes (VS Code keeps the model around): what the
    // user sees as closing is the last tab going, so diagnostics go with it, and come back with a new tab.
    vscode.window.tabGroups.onDidChangeTabs((e) => tabsChanged(diagnostics, e)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsPitfalls(e)) return;
      diagnostics.settingsChanged();
      diagnostics.recheckAll();
      project.schedule(0);
    }),
    vscode.commands.registerCommand('pythonForAI.scanWorkspace', () => scanWorkspace(diagnostics, project, output)),
    vscode.commands.registerCommand('pythonForAI.showRuleDocumentation', (rule?: unknown) => showRuleDocumentation(context.extensionUri, rule)),
    vscode.commands.registerCommand('pythonForAI.initGitRepository', (folder?: unknown, options?: InitOptions) =>
      initGitRepository(folder, options, output, () => project.schedule(0))),
    vscode.commands.registerCommand(DISABLE_RULE_COMMAND, async (rule: unknown, scope?: vscode.Uri) => {
      if (typeof rule !== 'string' || !isRuleId(rule)) return;
      await disableRuleWithUndo(rule, scope, output);
    }),
    vscode.commands.registerCommand(SHOW_DISABLED_RULES_COMMAND, () => showDisabledRules()),
  );

  registerRulePageRendering(context);

  // Documents already open are checked right after activation returns (activation stays short);
  // the project checks wait for a quiet moment.
  setImmediate(() => {
    for (const document of vscode.workspace.textDocuments) diagnostics.schedule(document, 0);
    for (const notebook of vscode.workspace.notebookDocuments) diagnostics.scheduleNotebook(notebook, 0);
  });
  project.schedule(500);
  void installedPackages(services, diagnostics);
}

/** Gives deprecated-api the versions installed in the selected interpreter, then re-checks what is open. */
async function installedPackages(services: Services, diagnostics: PitfallDiagnostics): Promise<void> {
  const { packages } = await services.environment.getInstalledPackages();
  diagnostics.setInstalledPackages(packages);
  if (Object.keys(packages).length > 0) diagnostics.recheckAll();
}

function tabTarget(tab: vscode.Tab): { uri: vscode.Uri; notebook: boolean } | undefined {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return { uri: input.uri, notebook: false };
  if (input instanceof vscode.TabInputNotebook) return { uri: input.uri, notebook: true };
  return undefined;
}

function tabsChanged(diagnostics: PitfallDiagnostics, event: vscode.TabChangeEvent): void {
  const shown = new Set<string>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      const target = tabTarget(tab);
      if (target) shown.add(target.uri.toString());
    }
  }
  for (const tab of event.closed) {
    const target = tabTarget(tab);
    if (!target || shown.has(target.uri.toString())) continue;
    const key = target.uri.toString();
    if (target.notebook) {
      const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === key);
      if (notebook) diagnostics.notebookClosed(notebook);
    } else {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      // A dirty document closed without saving is still open in the background (hot exit): keep it.
      if (document && !document.isDirty) diagnostics.documentClosed(document, true);
    }
  }
  for (const tab of event.opened) {
    const target = tabTarget(tab);
    if (!target) continue;
    const key = target.uri.toString();
    if (target.notebook) {
      const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === key);
      if (notebook) diagnostics.scheduleNotebook(notebook, 0);
    } else {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      // Only a document whose diagnostics a closed tab took away: a fresh one is checked by its open event.
      if (document && diagnostics.versionOf(document.uri) === undefined) diagnostics.schedule(document, 0);
    }
  }
}
