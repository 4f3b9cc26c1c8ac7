// The diagnostics store both the diagnostics and the code-action modules use, one per activation.
import type * as vscode from 'vscode';
import type { Services } from '../services';
import { PitfallDiagnostics } from './controller';

const stores = new WeakMap<vscode.ExtensionContext, PitfallDiagnostics>();

export function pitfallDiagnostics(services: Services): PitfallDiagnostics {
  let store = stores.get(services.context);
  if (!store) {
    store = new PitfallDiagnostics(services.context.extensionUri, services.output);
    services.context.subscriptions.push(store);
    stores.set(services.context, store);
  }
  return store;
}
