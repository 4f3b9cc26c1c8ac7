// The roadmap view: an activity-bar container with the learning roadmap, its progress and evidence.
import * as vscode from 'vscode';
import { PYTHON_EXTENSION_ID } from './environment';
import { RoadmapController } from './roadmap/controller';
import { registerRoadmapCommands } from './roadmap/commands';
import { RoadmapTreeProvider, StepItem, SubtaskItem, VIEW_ID, type RoadmapItem } from './roadmap/tree';
import type { Services } from './services';

const PYTHON_NOTICE_KEY = 'pythonForAI.pythonExtensionNoticeShown';

let current: RoadmapController | undefined;

/** The running roadmap controller (the walkthrough and tests read its state). */
export function roadmapController(): RoadmapController | undefined {
  return current;
}

export function registerRoadmapView(services: Services): void {
  const controller = new RoadmapController(services);
  current = controller;
  const provider = new RoadmapTreeProvider(controller);
  const treeView = vscode.window.createTreeView<RoadmapItem>(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, manageCheckboxStateManually: true });

  const updateProgress = () => {
    const { done, total } = controller.counts();
    treeView.description = total ? vscode.l10n.t('{0} of {1}', done, total) : undefined;
    treeView.badge = done ? { value: done, tooltip: vscode.l10n.t('{0} of {1} roadmap steps done', done, total) } : undefined;
  };

  services.context.subscriptions.push(
    controller,
    provider,
    treeView,
    vscode.window.registerFileDecorationProvider(provider),
    controller.onDidChange(updateProgress),
    treeView.onDidChangeCheckboxState(async (e) => {
      for (const [item, state] of e.items) {
        const done = state === vscode.TreeItemCheckboxState.Checked;
        if (item instanceof StepItem) await controller.progress.set(item.view.step.id, done);
        else if (item instanceof SubtaskItem) await controller.progress.set(item.subtask.id, done);
      }
      controller.recompute();
    }),
    treeView.onDidChangeVisibility((e) => {
      if (e.visible) maybeSayPythonExtensionMissing(services);
    }),
  );
  registerRoadmapCommands(services, controller, provider);
  // The first scan waits until activation is over, so it never slows the editor's start.
  setImmediate(() => void controller.refresh());
  if (treeView.visible) maybeSayPythonExtensionMissing(services);
}

/** Without the Python extension, says so once (ever) and offers to show it in the Extensions view. */
function maybeSayPythonExtensionMissing(services: Services): void {
  if (services.environment.hasPythonExtension() || services.context.globalState.get<boolean>(PYTHON_NOTICE_KEY)) return;
  void services.context.globalState.update(PYTHON_NOTICE_KEY, true);
  const install = vscode.l10n.t('Install Python Extension');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('Python for AI works without the Python extension, but with it you can pick the interpreter (and virtual environment) the roadmap checks.'),
      install,
    )
    .then((choice) => {
      if (choice === install) void vscode.commands.executeCommand('workbench.extensions.action.showExtensionsWithIds', [PYTHON_EXTENSION_ID]);
    });
}
