// PLACEHOLDER until the environment feature lands (replaced by the feature's module).
import * as vscode from 'vscode';
import type { Services } from './services';

export class EnvironmentService implements vscode.Disposable {
  constructor(readonly output: vscode.LogOutputChannel) {}
  dispose(): void {}
}

export function registerEnvironmentCommands(_services: Services): void {}
