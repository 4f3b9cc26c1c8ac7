// The roadmap's state in the editor: which roadmap is shown, the evidence, the user's choices and
// each step's status. The tree view, the commands and the walkthrough's context keys read it here.
import * as vscode from 'vscode';
import { allSteps, stepStatus, subtaskDone, type Evidence, type ProgressState, type Roadmap, type RoadmapStep, type StepStatus } from '../../core/roadmap';
import type { Services } from '../services';
import { EvidenceCollector } from './evidence';
import { pitfallsOf } from './pitfalls';
import { ProgressStore } from './progressStore';
import { UserRoadmapLoader, type LoadedRoadmap } from './userRoadmap';
import { CoalescingRunner } from '../../core/util/coalescingRunner';

export interface StepView {
  step: RoadmapStep;
  status: StepStatus;
  /** Number of current findings of the step's related rules. */
  pitfalls: number;
  /** The rules of those findings (a subset of the step's rules), in the step's order. */
  pitfallRules: string[];
  branch: 'main' | 'next';
}

/** What the tests read back through `pythonForAI.refreshRoadmap`. */
export interface RoadmapSnapshot {
  title: string;
  nextTitle: string;
  steps: { id: string; title: string; branch: 'main' | 'next'; state: string; done: boolean; detected: string[]; notes: string[]; pitfalls: number; pitfallRules: string[]; subtasks: { id: string; done: boolean }[] }[];
  doneCount: number;
  total: number;
  progress: ProgressState;
  userRoadmapErrors: string[];
  evidence: Evidence;
  /** The context keys the roadmap set (VS Code has no API to read a context key back). */
  contextKeys: Record<string, boolean>;
  /** What the first look did at start-up (see firstLook.ts); undefined while it is deciding. */
  firstLook?: string;
}

export class RoadmapController implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  readonly progress: ProgressStore;
  readonly evidence: EvidenceCollector;
  private readonly loader: UserRoadmapLoader;
  private loaded: LoadedRoadmap = { roadmap: { title: '', steps: [], next: { title: '', steps: [] } }, userStepIds: new Set(), errors: [] };
  private lastEvidence: Evidence = { files: {} };
  private views = new Map<string, StepView>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly refresher = new CoalescingRunner(
    async () => {
      try {
        this.loaded = await this.loader.load();
        this.evidence.setStarterTemplates(await this.starterTemplates());
        this.lastEvidence = await this.evidence.collect();
        this.progress.read();
      } catch (e) {
        this.services.output.error(vscode.l10n.t('Roadmap: refresh failed: {0}', String(e)));
      }
      this.recompute();
    },
    (e) => this.services.output.error(vscode.l10n.t('Roadmap: refresh failed: {0}', String(e))),
  );
  private pitfallTimer?: NodeJS.Timeout;
  /** Set by firstLook.ts. */
  firstLook?: string;
  private readonly contextKeys = new Map<string, boolean>();

  constructor(private readonly services: Services) {
    this.progress = new ProgressStore(services.context.globalState, services.output);
    this.evidence = new EvidenceCollector(services.environment, services.output);
    this.loader = new UserRoadmapLoader(services.output);
    this.disposables.push(
      this.evidence,
      this.evidence.onDidChange(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('pythonForAI.roadmap') || e.affectsConfiguration('pythonForAI.exclude')) void this.refresh();
      }),
      vscode.languages.onDidChangeDiagnostics(() => {
        if (this.pitfallTimer) clearTimeout(this.pitfallTimer);
        this.pitfallTimer = setTimeout(() => this.recompute(), 300);
      }),
    );
  }

  get roadmap(): Roadmap {
    return this.loaded.roadmap;
  }

  get userFile(): vscode.Uri | undefined {
    return this.loaded.userFile;
  }

  /** Whether a step comes from the user's roadmap file (its starter template is relative to that file). */
  isUserStep(id: string): boolean {
    return this.loaded.userStepIds.has(id);
  }

  /** A step's starter text: inline, a template in the extension, or one relative to the user's roadmap file. */
  async starterContent(step: RoadmapStep): Promise<string> {
    const starter = step.starter!;
    if (starter.content !== undefined) return starter.content;
    const userFile = this.loaded.userFile;
    const base = userFile && this.isUserStep(step.id) ? vscode.Uri.joinPath(userFile, '..') : this.services.context.extensionUri;
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(base, ...starter.template!.split(/[/\\]/)));
    return new TextDecoder().decode(bytes);
  }

  /** Every readable starter of the roadmap (an unreadable template is reported when someone creates it). */
  private async starterTemplates(): Promise<string[]> {
    const steps = allSteps(this.roadmap).filter((s) => s.starter);
    const texts = await Promise.all(steps.map((s) => this.starterContent(s).catch(() => undefined)));
    return texts.filter((t): t is string => t !== undefined);
  }

  /** Re-reads the roadmap file, the evidence and the stored progress; concurrent calls coalesce. */
  refresh(): Promise<void> {
    return this.refresher.run();
  }

  /** Recomputes statuses from what is already known (after a checkbox, or new diagnostics). */
  recompute(): void {
    const views = new Map<string, StepView>();
    const diagnostics = vscode.languages.getDiagnostics();
    const progress = this.progress.current;
    for (const [branch, steps] of [['main', this.roadmap.steps], ['next', this.roadmap.next.steps]] as const) {
      for (const step of steps) {
        const found = pitfallsOf(step, diagnostics);
        const foundRules = new Set(found.map((f) => f.rule));
        const pitfallRules = step.rules.filter((r) => foundRules.has(r));
        views.set(step.id, { step, branch, status: stepStatus(step, this.lastEvidence, progress), pitfalls: found.length, pitfallRules });
      }
    }
    this.views = views;
    this.updateContextKeys();
    this.changed.fire();
  }

  view(id: string): StepView | undefined {
    return this.views.get(id);
  }

  stepViews(branch: 'main' | 'next'): StepView[] {
    return [...this.views.values()].filter((v) => v.branch === branch);
  }

  findStep(id: string): RoadmapStep | undefined {
    return allSteps(this.roadmap).find((s) => s.id === id);
  }

  /** Done steps of the main branch and how many there are ("3 of 7"). */
  counts(): { done: number; total: number } {
    const main = this.stepViews('main');
    return { done: main.filter((v) => v.status.done).length, total: main.length };
  }

  async setDone(key: string, done: boolean): Promise<void> {
    await this.progress.set(key, done);
    this.recompute();
  }

  async resetProgress(): Promise<void> {
    await this.progress.reset();
    this.recompute();
  }

  isSubtaskDone(id: string): boolean {
    return subtaskDone(id, this.progress.current);
  }

  private updateContextKeys(): void {
    const keys = new Map<string, boolean>();
    keys.set('pythonForAI.hasProgress', Object.keys(this.progress.current.entries).length > 0);
    for (const v of this.views.values()) {
      keys.set(`pythonForAI.step.${v.step.id}.done`, v.status.done);
      keys.set(`pythonForAI.step.${v.step.id}.detected`, v.status.detected.length > 0);
    }
    for (const [key, value] of keys) {
      if (this.contextKeys.get(key) === value) continue;
      this.contextKeys.set(key, value);
      void vscode.commands.executeCommand('setContext', key, value);
    }
  }

  /** The context keys as last set (for tests: VS Code has no API to read a context key back). */
  contextKeySnapshot(): Record<string, boolean> {
    return Object.fromEntries(this.contextKeys);
  }

  snapshot(): RoadmapSnapshot {
    const { done, total } = this.counts();
    return {
      title: this.roadmap.title,
      nextTitle: this.roadmap.next.title,
      steps: [...this.views.values()].map((v) => ({
        id: v.step.id,
        title: v.step.title,
        branch: v.branch,
        state: v.status.state,
        done: v.status.done,
        detected: v.status.detected,
        notes: v.status.notes,
        pitfalls: v.pitfalls,
        pitfallRules: v.pitfallRules,
        subtasks: v.step.subtasks.map((s) => ({ id: s.id, done: this.isSubtaskDone(s.id) })),
      })),
      doneCount: done,
      total,
      progress: this.progress.current,
      userRoadmapErrors: this.loaded.errors,
      evidence: this.lastEvidence,
      contextKeys: this.contextKeySnapshot(),
      firstLook: this.firstLook,
    };
  }

  dispose(): void {
    if (this.pitfallTimer) clearTimeout(this.pitfallTimer);
    for (const d of this.disposables) d.dispose();
  }
}
