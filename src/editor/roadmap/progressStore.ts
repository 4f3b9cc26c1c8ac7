// Roadmap progress in `globalState`: per user, across workspaces, synced with Settings Sync.
import * as vscode from 'vscode';
import { clearEntry, emptyProgress, migrateProgress, setEntry, type ProgressState } from '../../core/roadmap';

export const PROGRESS_KEY = 'pythonForAI.roadmapProgress';

export class ProgressStore {
  private state: ProgressState;

  constructor(private readonly memento: vscode.Memento & { setKeysForSync(keys: readonly string[]): void }, private readonly output: vscode.LogOutputChannel) {
    memento.setKeysForSync([PROGRESS_KEY]);
    this.state = this.read();
  }

  /** Re-reads the stored value (another window may have written it). */
  read(): ProgressState {
    const { state, dropped } = migrateProgress(this.memento.get<unknown>(PROGRESS_KEY));
    if (dropped.length) {
      this.output.warn(vscode.l10n.t('Roadmap progress: dropped unreadable entries: {0}.', dropped.join(', ')));
      void this.memento.update(PROGRESS_KEY, state);
    }
    this.state = state;
    return state;
  }

  get current(): ProgressState {
    return this.state;
  }

  async set(key: string, done: boolean): Promise<void> {
    this.state = setEntry(this.state, key, done);
    await this.memento.update(PROGRESS_KEY, this.state);
  }

  async clear(key: string): Promise<void> {
    this.state = clearEntry(this.state, key);
    await this.memento.update(PROGRESS_KEY, this.state);
  }

  async reset(): Promise<void> {
    this.state = emptyProgress();
    await this.memento.update(PROGRESS_KEY, undefined);
  }
}
