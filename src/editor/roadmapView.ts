// The roadmap view: an activity-bar container with the learning roadmap, its progress and evidence.
import * as vscode from 'vscode';
import { PYTHON_EXTENSION_ID } from './environment';
import { RoadmapController } from './roadmap/controller';
import { registerRoadmapCommands } from './roadmap/commands';
import { showFirstLook } from './roadmap/firstLook';
import { OPEN_ITEM_COMMAND, RoadmapTreeProvider, StepItem, SubtaskItem, VIEW_ID, type RoadmapItem } from './roadmap/tree';
import type { Services } from './services';

const PYTHON_NOTICE_KEY = 'pythonForAI.pythonExtensionNoticeShown';
/** How long a Space press waits for the row it opened (the two commands run back to back). */
const SPACE_WINDOW_MS = 1500;
let spaceArmedUntil = 0;

let current: RoadmapController | undefined;

/** The running roadmap controller (the walkthrough and tests read its state). */
export function roadmapController(): RoadmapController | undefined {
  return current;
}

export function registerRoadmapView(services: Services): void {
  const walkthrough = (services.context.extension.packageJSON as { contributes?: { walkthroughs?: { steps: { id: string }[] }[] } }).contributes?.walkthroughs?.[0];
  const walkthroughSteps = new Set(walkthrough?.steps.map((s) => s.id) ?? []);
  const controller = new RoadmapController(services);
  current = controller;
  const provider = new RoadmapTreeProvider(controller);
  const treeView = vscode.window.createTreeView<RoadmapItem>(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, manageCheckboxStateManually: true });

  const updateProgress = () => {
    const { done, total } = controller.counts();
    // Progress as the view's description ("3 of 7"), not a badge: a count on the activity bar reads like unread notifications.
    treeView.description = total ? vscode.l10n.t('{0} of {1}', done, total) : undefined;
    // The description is drawn in the view's own header, which VS Code hides while the view is alone in its
    // container (the default here): the message above the steps keeps the progress visible in every layout.
    treeView.message = total ? vscode.l10n.t('{0} of {1} steps done', done, total) : undefined;
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
    // Space on a focused row. VS Code 1.100's tree toggles a checkbox only when the checkbox itself has focus,
    // Space on a row expands or collapses it, and the API does not say which row has focus. So the Space
    // keybinding (package.json) runs this, then list.selectAndPreserveFocus, which opens the focused row: its
    // command (below) toggles instead of opening while armed.
    vscode.commands.registerCommand('pythonForAI.roadmapSpace', () => {
      spaceArmedUntil = Date.now() + SPACE_WINDOW_MS;
    }),
    vscode.commands.registerCommand(OPEN_ITEM_COMMAND, async (key?: string) => {
      if (typeof key !== 'string') return undefined;
      const step = controller.findStep(key);
      if (Date.now() < spaceArmedUntil) {
        spaceArmedUntil = 0;
        const done = step ? controller.view(key)?.status.done === true : controller.isSubtaskDone(key);
        await controller.setDone(key, !done);
        return !done;
      }
      // A click or Enter on a step opens its walkthrough page, or its documentation when it has none.
      if (step && walkthroughSteps.has(step.id) && !controller.isUserStep(step.id)) return vscode.commands.executeCommand('pythonForAI.openWalkthrough', step.id);
      if (step?.docs.length) return vscode.commands.executeCommand('pythonForAI.openStepDocs', step.id);
      return undefined;
    }),
    treeView.onDidChangeVisibility((e) => {
      if (e.visible) maybeSayPythonExtensionMissing(services);
    }),
  );
  registerRoadmapCommands(services, controller, provider);
  // The first scan waits until activation is over, so it never slows the editor's start.
  setImmediate(() => void controller.refresh());
  if (treeView.visible) maybeSayPythonExtensionMissing(services);
  void showFirstLook(services, controller, treeView);
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
