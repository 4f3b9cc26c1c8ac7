// The first look: the first time the extension runs in a workspace with Python files, the roadmap
// view shows itself once, so a learner sees where to start. Once per user (globalState), so a user
// who moved away from it is not shown it again; the setting pythonForAI.roadmap.showOnFirstRun turns
// it off. Revealing the view starts no program (in Restricted Mode the roadmap reads file contents only).
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { RoadmapController } from './controller';
import { StepItem, type RoadmapItem } from './tree';

const SHOWN_KEY = 'pythonForAI.roadmap.firstLookShown';

export type FirstLook = 'shown' | 'already-shown' | 'turned-off' | 'no-python-files' | 'no-folder';

export async function showFirstLook(services: Services, controller: RoadmapController, treeView: vscode.TreeView<RoadmapItem>): Promise<FirstLook> {
  const outcome = await decide(services);
  controller.firstLook = outcome;
  if (outcome !== 'shown') return outcome;
  await services.context.globalState.update(SHOWN_KEY, true);
  if (!treeView.visible) {
    await controller.refresh();
    const first = controller.stepViews('main')[0];
    // reveal() opens the view without taking the keyboard focus from the editor the user is in.
    if (first) {
      await treeView.reveal(new StepItem(first, new vscode.MarkdownString()), { select: false, focus: false, expand: false }).then(undefined, (e: unknown) => services.output.warn(vscode.l10n.t('Roadmap: could not show the view: {0}', String(e))));
    }
  }
  services.output.info(vscode.l10n.t('Roadmap: shown once on the first run in a workspace with Python files (setting {0}).', 'pythonForAI.roadmap.showOnFirstRun'));
  return outcome;
}

async function decide(services: Services): Promise<FirstLook> {
  if (!vscode.workspace.getConfiguration('pythonForAI').get<boolean>('roadmap.showOnFirstRun', true)) return 'turned-off';
  if (services.context.globalState.get<boolean>(SHOWN_KEY)) return 'already-shown';
  if (!vscode.workspace.workspaceFolders?.length) return 'no-folder';
  const found = await vscode.workspace.findFiles('**/*.{py,ipynb}', '{**/node_modules/**,**/.venv/**,**/venv/**,**/site-packages/**}', 1).then(undefined, () => []);
  return found.length ? 'shown' : 'no-python-files';
}
