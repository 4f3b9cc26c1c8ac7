// The roadmap tree: steps as parents with checkboxes, sub-tasks as children, then the "What comes
// next" branch. Items carry a compound contextValue (`step.done.detected.hasStarter…`) that the
// menus in package.json match with regular expressions.
import * as vscode from 'vscode';
import { completionOf, type Subtask } from '../../core/roadmap';
import type { RoadmapController, StepView } from './controller';

export const VIEW_ID = 'pythonForAI.roadmap';
const DECORATION_SCHEME = 'python-for-ai-step';

/** The command of a step's or sub-task's row (see roadmapView.ts): a click or Enter opens the step's page, Space toggles it. */
export const OPEN_ITEM_COMMAND = 'pythonForAI.openRoadmapItem';

/** A checkbox with its own tooltip and screen-reader label (VS Code reads neither from the item). */
function checkbox(title: string, done: boolean): NonNullable<vscode.TreeItem['checkboxState']> {
  return {
    state: done ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
    tooltip: done ? vscode.l10n.t('Done. Press Space or click to mark it not done.') : vscode.l10n.t('Not done. Press Space or click to mark it done.'),
    accessibilityInformation: { label: done ? vscode.l10n.t('{0}: done', title) : vscode.l10n.t('{0}: not done', title), role: 'checkbox' },
  };
}

export function isChecked(item: vscode.TreeItem): boolean {
  const c = item.checkboxState;
  return (typeof c === 'object' ? c.state : c) === vscode.TreeItemCheckboxState.Checked;
}

export class StepItem extends vscode.TreeItem {
  constructor(readonly view: StepView, tooltip: vscode.MarkdownString) {
    super(view.step.title, view.step.subtasks.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    const { step, status, pitfalls } = view;
    this.id = `step:${step.id}`;
    this.checkboxState = checkbox(step.title, status.done);
    this.description = describe(view);
    this.tooltip = tooltip;
    this.iconPath = icon(view);
    // The icon shows the state; a screen reader hears it with the description.
    this.accessibilityInformation = { label: [step.title, stateLabel(view), this.description].filter(Boolean).join(', ') };
    this.command = { command: OPEN_ITEM_COMMAND, title: vscode.l10n.t('Open the Step'), arguments: [step.id] };
    // A per-step URI so the pitfall decoration (badge and warning colour) can attach to the item.
    this.resourceUri = vscode.Uri.from({ scheme: DECORATION_SCHEME, path: `/${step.id}`, query: String(pitfalls) });
    const parts = ['step', status.done ? 'done' : 'open', status.state];
    if (status.detected.length) parts.push('detected');
    if (step.docs.length) parts.push('hasDocs');
    if (step.starter) parts.push('hasStarter');
    if (step.snippets.length) parts.push('hasSnippets');
    if (pitfalls) parts.push('hasPitfalls');
    if (step.evidence.some((e) => e.python !== undefined)) parts.push('checksInterpreter');
    this.contextValue = parts.join('.');
  }
}

export class SubtaskItem extends vscode.TreeItem {
  constructor(readonly stepId: string, readonly subtask: Subtask, done: boolean) {
    super(subtask.title, vscode.TreeItemCollapsibleState.None);
    this.id = `subtask:${subtask.id}`;
    this.checkboxState = checkbox(subtask.title, done);
    this.accessibilityInformation = { label: done ? vscode.l10n.t('{0}, sub-task, done', subtask.title) : vscode.l10n.t('{0}, sub-task, not done', subtask.title) };
    this.command = { command: OPEN_ITEM_COMMAND, title: vscode.l10n.t('Open the Step'), arguments: [subtask.id] };
    this.contextValue = done ? 'subtask.done' : 'subtask.open';
  }
}

export class BranchItem extends vscode.TreeItem {
  constructor(title: string) {
    super(title, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = 'branch:next';
    this.iconPath = new vscode.ThemeIcon('rocket');
    this.contextValue = 'nextBranch';
  }
}

export type RoadmapItem = StepItem | SubtaskItem | BranchItem;

/** A rendered item as tests and logs read it. */
export interface TreeRow {
  id: string;
  label: string;
  description: string;
  tooltip: string;
  contextValue: string;
  checked?: boolean;
  accessibilityLabel: string;
  checkboxLabel: string;
  command?: { command: string; arguments: unknown[] };
  children: number;
}

function describe(v: StepView): string {
  const parts: string[] = [];
  if (v.status.state === 'detected') parts.push(vscode.l10n.t('detected: {0}', shorten(v.status.detected[0])));
  else if (v.status.state === 'done') parts.push(v.status.detected.length ? vscode.l10n.t('done (also detected)') : vscode.l10n.t('done'));
  else if (v.status.state === 'notDone') parts.push(vscode.l10n.t('marked not done'));
  if (!v.status.done && v.status.notes.length) parts.push(shorten(v.status.notes[0]));
  if (v.pitfalls) parts.push(v.pitfalls > 1 ? vscode.l10n.t('⚠ {0} pitfalls', v.pitfalls) : vscode.l10n.t('⚠ 1 pitfall'));
  return parts.join(' · ');
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function stateLabel(v: StepView): string {
  switch (v.status.state) {
    case 'done':
      return vscode.l10n.t('done');
    case 'detected':
      return vscode.l10n.t('done, detected in your workspace');
    case 'notDone':
      return vscode.l10n.t('marked not done');
    default:
      return vscode.l10n.t('not done');
  }
}

function icon(v: StepView): vscode.ThemeIcon {
  // Pitfalls show as the item's warning badge and colour (provideFileDecoration), so the icon keeps the state.
  switch (v.status.state) {
    case 'done':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'detected':
      return new vscode.ThemeIcon('eye', new vscode.ThemeColor('charts.blue'));
    case 'notDone':
      return new vscode.ThemeIcon('circle-slash');
    default:
      return new vscode.ThemeIcon('circle-large-outline');
  }
}

function tooltipOf(v: StepView): vscode.MarkdownString {
  const { step, status } = v;
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: ['pythonForAI.createStarterFile', 'pythonForAI.insertStepSnippet', 'pythonForAI.showStepPitfalls', 'pythonForAI.checkEnvironment'] };
  md.appendMarkdown(`**${escape(step.title)}**\n\n`);
  if (step.why) md.appendMarkdown(`${escape(step.why)}\n\n`);
  const state = {
    done: vscode.l10n.t('Marked done by you.'),
    detected: vscode.l10n.t('Detected in your workspace.'),
    notDone: vscode.l10n.t('Marked not done by you (evidence is ignored until you tick it again).'),
    open: vscode.l10n.t('Not done yet.'),
  }[status.state];
  md.appendMarkdown(`$(${status.done ? 'pass' : 'circle-large-outline'}) ${state}\n\n`);
  for (const d of status.detected) md.appendMarkdown(`- ${vscode.l10n.t('Detected: {0}', escape(d))}\n`);
  for (const n of status.notes) md.appendMarkdown(`- $(warning) ${escape(n)}\n`);
  if (status.detected.length || status.notes.length) md.appendMarkdown('\n');
  // A clause's own explain is already translated by the roadmap overlay; a sentence said from its keys is translated here.
  const completes = completionOf(step, (template, args) => vscode.l10n.t(template, ...args));
  if (completes.length === 1) md.appendMarkdown(`${vscode.l10n.t('Completes when: {0}', escape(completes[0]))}\n\n`);
  else if (completes.length > 1) md.appendMarkdown(`${vscode.l10n.t('Completes when any of these holds:')}\n${completes.map((c) => `- ${escape(c)}\n`).join('')}\n`);
  else md.appendMarkdown(`${vscode.l10n.t('Completes when you tick it.')}\n\n`);
  if (v.pitfalls) {
    const arg = encodeURIComponent(JSON.stringify([step.id]));
    // The rules actually found, not every rule linked to the step.
    const findings = v.pitfalls > 1 ? vscode.l10n.t('{0} pitfall findings ({1})', v.pitfalls, v.pitfallRules.join(', ')) : vscode.l10n.t('1 pitfall finding ({0})', v.pitfallRules.join(', '));
    md.appendMarkdown(`$(warning) ${findings}: [${vscode.l10n.t('show')}](command:pythonForAI.showStepPitfalls?${arg})\n\n`);
  }
  if (step.docs.length) md.appendMarkdown(`${vscode.l10n.t('Docs: {0}', step.docs.map((d) => `[${escape(d.title)}](${d.url})`).join(' · '))}\n\n`);
  if (step.snippets.length) md.appendMarkdown(`${vscode.l10n.t('Snippets: {0}', step.snippets.map((s) => `\`${s}\``).join(', '))}\n\n`);
  if (step.starter) {
    const arg = encodeURIComponent(JSON.stringify([step.id]));
    md.appendMarkdown(`${vscode.l10n.t('Starter: [create {0}]({1})', escape(step.starter.fileName), `command:pythonForAI.createStarterFile?${arg}`)}\n`);
  }
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|]/g, (c) => `\\${c}`);
}

export class RoadmapTreeProvider implements vscode.TreeDataProvider<RoadmapItem>, vscode.FileDecorationProvider {
  private readonly changed = new vscode.EventEmitter<RoadmapItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly decorationsChanged = new vscode.EventEmitter<undefined>();
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;

  constructor(private readonly controller: RoadmapController) {
    controller.onDidChange(() => {
      this.changed.fire(undefined);
      this.decorationsChanged.fire(undefined);
    });
  }

  getTreeItem(item: RoadmapItem): vscode.TreeItem {
    return item;
  }

  getChildren(item?: RoadmapItem): RoadmapItem[] {
    if (!item) {
      const roots: RoadmapItem[] = this.controller.stepViews('main').map((v) => new StepItem(v, tooltipOf(v)));
      if (this.controller.roadmap.next.steps.length) roots.push(new BranchItem(this.controller.roadmap.next.title));
      return roots;
    }
    if (item instanceof BranchItem) return this.controller.stepViews('next').map((v) => new StepItem(v, tooltipOf(v)));
    if (item instanceof StepItem) {
      return item.view.step.subtasks.map((s) => new SubtaskItem(item.view.step.id, s, this.controller.isSubtaskDone(s.id)));
    }
    return [];
  }

  getParent(item: RoadmapItem): RoadmapItem | undefined {
    if (item instanceof SubtaskItem) {
      const v = this.controller.view(item.stepId);
      return v ? new StepItem(v, tooltipOf(v)) : undefined;
    }
    if (item instanceof StepItem && item.view.branch === 'next') return new BranchItem(this.controller.roadmap.next.title);
    return undefined;
  }

  /** The rendered items (label, description, contextValue, checkbox) for tests and logs. */
  describe(): TreeRow[] {
    const flat = (items: RoadmapItem[]): RoadmapItem[] => items.flatMap((i) => (i instanceof BranchItem ? [i, ...this.getChildren(i)] : [i]));
    return flat(this.getChildren()).map((i) => ({
      id: String(i.id),
      label: String(i.label),
      description: typeof i.description === 'string' ? i.description : '',
      tooltip: typeof i.tooltip === 'string' ? i.tooltip : i.tooltip?.value ?? '',
      contextValue: i.contextValue ?? '',
      checked: i.checkboxState === undefined ? undefined : isChecked(i),
      accessibilityLabel: i.accessibilityInformation?.label ?? '',
      checkboxLabel: typeof i.checkboxState === 'object' ? i.checkboxState.accessibilityInformation?.label ?? '' : '',
      command: i.command ? { command: i.command.command, arguments: i.command.arguments ?? [] } : undefined,
      children: this.getChildren(i).length,
    }));
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== DECORATION_SCHEME) return undefined;
    const count = Number(uri.query);
    if (!count) return undefined;
    return { badge: count > 9 ? '9+' : String(count), tooltip: count > 1 ? vscode.l10n.t('{0} pitfall findings', count) : vscode.l10n.t('1 pitfall finding'), color: new vscode.ThemeColor('list.warningForeground') };
  }

  dispose(): void {
    this.changed.dispose();
    this.decorationsChanged.dispose();
  }
}
