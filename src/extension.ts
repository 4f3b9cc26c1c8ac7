// Python for AI: wires one module per feature. Each `register*` adds its disposables to the context.
import * as vscode from 'vscode';
import { registerCodeActions } from './editor/codeActions';
import { registerDiagnostics } from './editor/diagnostics';
import { EnvironmentService, registerEnvironmentCommands } from './editor/environment';
import { registerRoadmapView } from './editor/roadmapView';
import type { Services } from './editor/services';
import { pitfallDiagnostics } from './editor/pitfalls/shared';
import type { WorkerStats } from './core/worker/analysisWorker';
import { registerSnippetCommands } from './editor/snippets';
import { registerStatusItem } from './editor/statusItem';
import { registerWalkthrough } from './editor/walkthrough';

export interface PythonForAIApi {
  /** Milliseconds `activate` took, for the activation benchmark. */
  readonly activationMs: number;
  /** What the analysis worker for large files has done (the real-VS-Code test checks it was used). */
  analysisWorkerStats(): WorkerStats;
}

export function activate(context: vscode.ExtensionContext): PythonForAIApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Python for AI', { log: true });
  const environment = new EnvironmentService(output);
  context.subscriptions.push(output, environment);
  const services: Services = { context, output, environment };

  registerDiagnostics(services);
  registerCodeActions(services);
  registerRoadmapView(services);
  registerWalkthrough(services);
  registerEnvironmentCommands(services);
  registerSnippetCommands(services);
  registerStatusItem(services);

  const activationMs = performance.now() - started;
  output.info(vscode.l10n.t('Activated in {0} ms (VS Code {1}).', activationMs.toFixed(1), vscode.version));
  return { activationMs, analysisWorkerStats: () => ({ ...pitfallDiagnostics(services).offThread.stats }) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
