// What the learner ticked by hand, as stored in `globalState`. Stored state can be old or damaged
// (edited settings sync, an older extension): it is migrated or dropped entry by entry, never thrown on.

export const PROGRESS_VERSION = 1;

/** An explicit choice: `true` = marked done, `false` = marked not done (wins over detected evidence). */
export interface ProgressEntry {
  done: boolean;
  /** ISO time of the choice. */
  at: string;
}

export interface ProgressState {
  version: typeof PROGRESS_VERSION;
  /** Keyed by step id or subtask id (`<step>/<n>`). */
  entries: Record<string, ProgressEntry>;
}

export function emptyProgress(): ProgressState {
  return { version: PROGRESS_VERSION, entries: {} };
}

export interface MigrationResult {
  state: ProgressState;
  /** Keys (or a description of the whole value) that were dropped because they were unreadable. */
  dropped: string[];
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9-]*(\/\d+)?$/;

/**
 * Reads whatever was stored. Accepts the current shape, a bare `{ id: boolean }` record and a list
 * of done ids (the shapes a hand-edited or older state may have); drops anything else per entry.
 */
export function migrateProgress(raw: unknown, now: Date = new Date()): MigrationResult {
  const state = emptyProgress();
  const dropped: string[] = [];
  if (raw === undefined || raw === null) return { state, dropped };
  const stamp = now.toISOString();

  if (Array.isArray(raw)) {
    for (const id of raw) {
      if (typeof id === 'string' && KEY_PATTERN.test(id)) state.entries[id] = { done: true, at: stamp };
      else dropped.push(JSON.stringify(id) ?? String(id));
    }
    return { state, dropped };
  }
  if (typeof raw !== 'object') return { state, dropped: [`the whole value (${typeof raw})`] };

  const obj = raw as Record<string, unknown>;
  // A value written by a newer extension (higher version) is read the same way: entry by entry.
  const hasEnvelope = 'entries' in obj || 'version' in obj;
  const source = hasEnvelope ? obj.entries : obj;
  if (source === undefined) return { state, dropped };
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    return { state, dropped: ['entries'] };
  }
  for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
    const entry = readEntry(value, stamp);
    if (entry && KEY_PATTERN.test(key)) state.entries[key] = entry;
    else dropped.push(key);
  }
  return { state, dropped };
}

function readEntry(value: unknown, stamp: string): ProgressEntry | undefined {
  if (typeof value === 'boolean') return { done: value, at: stamp };
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.done !== 'boolean') return undefined;
  const at = typeof v.at === 'string' && !Number.isNaN(Date.parse(v.at)) ? v.at : stamp;
  return { done: v.done, at };
}

export function setEntry(state: ProgressState, key: string, done: boolean, now: Date = new Date()): ProgressState {
  return { version: PROGRESS_VERSION, entries: { ...state.entries, [key]: { done, at: now.toISOString() } } };
}

/** Removes the explicit choice, so detected evidence decides again. */
export function clearEntry(state: ProgressState, key: string): ProgressState {
  const entries = { ...state.entries };
  delete entries[key];
  return { version: PROGRESS_VERSION, entries };
}
