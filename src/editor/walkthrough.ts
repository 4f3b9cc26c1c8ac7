// The "Get started with Python for AI" walkthrough (contributes.walkthroughs in package.json). Its
// steps complete from the same evidence as the roadmap view: the view's controller sets the
// `pythonForAI.step.<id>.done` context keys the walkthrough's `onContext:` events watch.
import * as vscode from 'vscode';
import type { Services } from './services';

export const WALKTHROUGH_ID = 'pythonForAI.getStarted';

export function registerWalkthrough(services: Services): void {
  const extensionId = `${services.context.extension.packageJSON.publisher}.${services.context.extension.packageJSON.name}`;
  services.context.subscriptions.push(
    vscode.commands.registerCommand('pythonForAI.openWalkthrough', async (stepId?: string) => {
      const walkthrough = `${extensionId}#${WALKTHROUGH_ID}`;
      // VS Code prefixes `step` with the category itself; a page already showing a step ignores `step`,
      // so the step is then selected with walkthroughs.selectStep (by its full id).
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', stepId ? { category: walkthrough, step: stepId } : walkthrough, false);
      if (stepId) await vscode.commands.executeCommand('walkthroughs.selectStep', `${walkthrough}#${stepId}`).then(undefined, () => undefined);
      return walkthrough;
    }),
  );
}
