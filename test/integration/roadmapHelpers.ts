// Helpers for the roadmap, walkthrough and environment integration tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RoadmapSnapshot } from '../../src/editor/roadmap/controller';
import type { TreeRow } from '../../src/editor/roadmap/tree';
import type { EnvironmentReport } from '../../src/editor/environment/report';
import { workspaceRoot } from './helpers';

export const MAIN_STEPS = ['install-python', 'python-basics', 'numpy-pandas', 'sklearn-california', 'pytorch-mnist', 'kaggle-getting-started', 'small-project'];
export const NEXT_STEPS = ['hugging-face', 'deploy-api', 'onnx-export', 'vector-databases'];

export type { TreeRow } from '../../src/editor/roadmap/tree';

/** Re-reads the roadmap file, the evidence and the stored progress (not the cached interpreter), and returns the model. */
export async function roadmap(): Promise<RoadmapSnapshot & { tree: TreeRow[] }> {
  return (await vscode.commands.executeCommand('pythonForAI.refreshRoadmap', { recheckEnvironment: false })) as RoadmapSnapshot & { tree: TreeRow[] };
}

export function step(s: RoadmapSnapshot, id: string): RoadmapSnapshot['steps'][number] {
  const found = s.steps.find((x) => x.id === id);
  if (!found) throw new Error(`no step ${id} in ${s.steps.map((x) => x.id).join(', ')}`);
  return found;
}

export async function environmentReport(): Promise<EnvironmentReport> {
  return (await vscode.commands.executeCommand('pythonForAI.checkEnvironment', { quiet: true })) as EnvironmentReport;
}

/**
 * Writes keys into the workspace's .vscode/settings.json directly: `python.*` settings are not
 * registered without the Python extension, so `WorkspaceConfiguration.update` refuses them.
 */
export function writeWorkspaceSettings(values: Record<string, unknown>): void {
  const file = path.join(workspaceRoot().fsPath, '.vscode', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // no settings yet
  }
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete current[k];
    else current[k] = v;
  }
  fs.writeFileSync(file, JSON.stringify(current, null, 2));
}
