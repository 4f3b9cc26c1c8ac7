// What `extension.ts` hands to every feature module.
import type * as vscode from 'vscode';
import type { EnvironmentService } from './environment';

export interface Services {
  context: vscode.ExtensionContext;
  output: vscode.LogOutputChannel;
  environment: EnvironmentService;
}
