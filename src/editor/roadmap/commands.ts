// The roadmap's commands. Item commands take the step from the tree item (inline actions), a step
// id (command links, tests) or a quick pick (Command Palette).
import * as vscode from 'vscode';
import { allSteps, type RoadmapStep } from '../../core/roadmap';
import { findSnippet } from '../../core/snippets';
import type { Services } from '../services';
import type { RoadmapController } from './controller';
import { pitfallsOf } from './pitfalls';
import { StepItem, SubtaskItem, VIEW_ID, type RoadmapTreeProvider } from './tree';

type StepArg = StepItem | SubtaskItem | string | undefined;

export function registerRoadmapCommands(services: Services, controller: RoadmapController, tree: RoadmapTreeProvider): void {
  async function pickStep(arg: StepArg, placeHolder: string, filter: (s: RoadmapStep) => boolean = () => true): Promise<RoadmapStep | undefined> {
    if (arg instanceof StepItem) return arg.view.step;
    if (arg instanceof SubtaskItem) return controller.findStep(arg.stepId);
    if (typeof arg === 'string') {
      const step = controller.findStep(arg);
      if (!step) void vscode.window.showErrorMessage(vscode.l10n.t('Python for AI: there is no roadmap step "{0}".', arg));
      return step;
    }
    const candidates = allSteps(controller.roadmap).filter(filter);
    if (!candidates.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Python for AI: no roadmap step offers this.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      candidates.map((s) => ({ label: s.title, description: controller.view(s.id)?.status.done ? vscode.l10n.t('done') : undefined, step: s })),
      { placeHolder },
    );
    return picked?.step;
  }

  /** A sub-task's progress key, from its tree item or a `<step>/<n>` id. */
  function subtaskKey(arg: StepArg): string | undefined {
    if (arg instanceof SubtaskItem) return arg.subtask.id;
    if (typeof arg !== 'string' || !arg.includes('/')) return undefined;
    const exists = allSteps(controller.roadmap).some((s) => s.subtasks.some((t) => t.id === arg));
    return exists ? arg : undefined;
  }

  const register = (id: string, fn: (...args: never[]) => unknown) => services.context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  register('pythonForAI.showRoadmap', async () => {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    return { ...controller.snapshot(), tree: tree.describe() };
  });

  // From the view's title bar: re-check the interpreter and packages too (pip may have run in a terminal).
  register('pythonForAI.refreshRoadmap', async (options?: { recheckEnvironment?: boolean }) => {
    if (options?.recheckEnvironment !== false) services.environment.invalidate('Refresh Roadmap');
    await controller.refresh();
    return { ...controller.snapshot(), tree: tree.describe() };
  });

  register('pythonForAI.markStepDone', async (arg: StepArg) => {
    const subtask = subtaskKey(arg);
    if (subtask) return controller.setDone(subtask, true);
    const step = await pickStep(arg, vscode.l10n.t('Mark which step done?'));
    if (step) await controller.setDone(step.id, true);
  });

  register('pythonForAI.markStepNotDone', async (arg: StepArg) => {
    const subtask = subtaskKey(arg);
    if (subtask) return controller.setDone(subtask, false);
    const step = await pickStep(arg, vscode.l10n.t('Mark which step not done?'));
    if (step) await controller.setDone(step.id, false);
  });

  // Walkthrough checkmarks belong to VS Code: once ticked, an extension cannot untick one. The only reset is
  // VS Code's own "Developer: Reset Welcome Page Walkthrough Progress" (command resetGettingStartedProgress),
  // which clears every walkthrough's checkmarks; it is offered here, saying so.
  // Walkthrough checkmarks belong to VS Code: once ticked, an extension cannot untick one. The only reset is
  // VS Code's own "Developer: Reset Welcome Page Walkthrough Progress" (command resetGettingStartedProgress),
  // which clears every walkthrough's checkmarks; it is offered after the roadmap's reset, saying so.
  register('pythonForAI.resetProgress', async (options?: { confirmed?: boolean }) => {
    if (options?.confirmed !== true) {
      const reset = vscode.l10n.t('Reset');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Reset your Python for AI roadmap progress?'),
        { modal: true, detail: vscode.l10n.t('Steps you ticked or unticked by hand are forgotten; steps detected in your workspace still show as detected.') },
        reset,
      );
      if (choice !== reset) return false;
    }
    await controller.resetProgress();
    const resetWalkthrough = vscode.l10n.t('Reset Walkthrough Checkmarks');
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Python for AI: roadmap progress reset. The Get Started walkthrough keeps its checkmarks: VS Code lets no extension clear them. "{0}" runs VS Code\'s "Developer: Reset Welcome Page Walkthrough Progress", which clears the checkmarks of every walkthrough, other extensions\' too; steps the roadmap still counts as done are ticked again when VS Code next starts.',
        resetWalkthrough,
      ),
      resetWalkthrough,
    ).then((choice) => {
      if (choice === resetWalkthrough) void vscode.commands.executeCommand('resetGettingStartedProgress');
    });
    return true;
  });

  register('pythonForAI.openStepDocs', async (arg: StepArg) => {
    const step = await pickStep(arg, vscode.l10n.t('Open the documentation of which step?'), (s) => s.docs.length > 0);
    if (!step) return;
    let link = step.docs[0];
    if (step.docs.length > 1) {
      const picked = await vscode.window.showQuickPick(step.docs.map((d) => ({ label: d.title, detail: d.url, link: d })), { placeHolder: vscode.l10n.t('Documentation for "{0}"', step.title) });
      if (!picked) return;
      link = picked.link;
    }
    if (link) await vscode.env.openExternal(vscode.Uri.parse(link.url));
  });

  register('pythonForAI.createStarterFile', async (arg: StepArg) => {
    const step = await pickStep(arg, vscode.l10n.t('Create the starter file of which step?'), (s) => s.starter !== undefined);
    if (!step?.starter) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Python for AI: open a folder first; the starter file is created in it.'));
      return undefined;
    }
    let content: string;
    try {
      content = await controller.starterContent(step);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Python for AI: the starter of "{0}" could not be read: {1}', step.title, String(e)));
      return undefined;
    }
    const target = await freeName(folder.uri, step.starter.fileName);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    const created = vscode.workspace.asRelativePath(target, false);
    if (!created.endsWith(step.starter.fileName)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Python for AI: {0} already exists, so the starter was created as {1}.', step.starter.fileName, created));
    }
    await vscode.window.showTextDocument(target);
    return target;
  });

  register('pythonForAI.insertStepSnippet', async (arg: StepArg, prefix?: string) => {
    const step = await pickStep(arg, vscode.l10n.t('Insert a snippet of which step?'), (s) => s.snippets.length > 0);
    if (!step) return false;
    const available = step.snippets.map(findSnippet).filter((s) => s !== undefined);
    if (!available.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Python for AI: the snippets of "{0}" ({1}) are not available.', step.title, step.snippets.join(', ')));
      return false;
    }
    let chosen = available.find((s) => s.prefix === prefix);
    if (!chosen) {
      const picked = await vscode.window.showQuickPick(
        available.map((s) => ({ label: s.prefix, description: s.name, detail: s.description, snippet: s })),
        { placeHolder: vscode.l10n.t('Snippets for "{0}"', step.title) },
      );
      chosen = picked?.snippet;
    }
    if (!chosen) return false;
    let editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'python') {
      editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'python', content: '' }));
    }
    return editor.insertSnippet(new vscode.SnippetString(chosen.body));
  });

  register('pythonForAI.showStepPitfalls', async (arg: StepArg) => {
    const step = await pickStep(arg, vscode.l10n.t('Show the pitfalls of which step?'), (s) => s.rules.length > 0);
    if (!step) return [];
    const found = pitfallsOf(step);
    if (!found.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Python for AI: no pitfalls of "{0}" ({1}) in the open or checked files.', step.title, step.rules.join(', ')));
      return found;
    }
    const picked = await vscode.window.showQuickPick(
      found.map((f) => ({
        label: `$(warning) ${f.diagnostic.message.split('\n')[0]}`,
        description: `${f.rule} · ${vscode.workspace.asRelativePath(f.uri, false)}:${f.diagnostic.range.start.line + 1}`,
        location: f,
      })),
      { placeHolder: vscode.l10n.t('Pitfalls of "{0}"', step.title), matchOnDescription: true },
    );
    if (picked) await vscode.window.showTextDocument(picked.location.uri, { selection: picked.location.diagnostic.range });
    return found;
  });
}

/** `name.py`, or `name_2.py`, `name_3.py`… — the first that does not exist yet. */
async function freeName(folder: vscode.Uri, fileName: string): Promise<vscode.Uri> {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ext = dot > 0 ? fileName.slice(dot) : '';
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, ...(n === 1 ? fileName : `${stem}_${n}${ext}`).split('/'));
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      return uri;
    }
  }
}
