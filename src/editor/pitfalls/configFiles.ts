// `[tool.pyai-lint]` in pyproject.toml and pyai-lint.toml in the editor: the same files the CLI reads.
// A change re-reads them and re-checks what is shown; their errors are diagnostics in the file, at the
// line, as the user types.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAMES, isConfigFileName, parseConfigText } from '../../core/config/schema';
import type { PitfallDiagnostics } from './controller';
import type { ProjectChecks } from './projectChecks';

const CONFIG_GLOB = `**/{${CONFIG_FILE_NAMES.join(',')}}`;
const MAX_CONFIG_FILES = 200;

function showProblems(diagnostics: PitfallDiagnostics, uri: vscode.Uri, text: string): void {
  const parsed = parseConfigText(uri.path, text);
  diagnostics.setConfigurationProblems(uri, parsed.found ? parsed.errors : []);
}

async function checkOnDisk(diagnostics: PitfallDiagnostics, uri: vscode.Uri): Promise<void> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return showProblems(diagnostics, uri, open.getText());
  try {
    showProblems(diagnostics, uri, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  } catch {
    diagnostics.setConfigurationProblems(uri, []);
  }
}

export function registerConfigurationFiles(context: vscode.ExtensionContext, diagnostics: PitfallDiagnostics, project: ProjectChecks): void {
  const watcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
  const changed = async (uri: vscode.Uri, deleted = false) => {
    diagnostics.configurationChanged();
    if (deleted) diagnostics.setConfigurationProblems(uri, []);
    else await checkOnDisk(diagnostics, uri);
    diagnostics.recheckAll();
    project.schedule(0);
  };
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate((uri) => void changed(uri)),
    watcher.onDidChange((uri) => void changed(uri)),
    watcher.onDidDelete((uri) => void changed(uri, true)),
    // Errors follow the text being typed; the configuration itself applies once saved (as the CLI reads it).
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.scheme === 'file' && isConfigFileName(e.document.uri.path)) showProblems(diagnostics, e.document.uri, e.document.getText());
    }),
    // Opening the file shows its errors even when the file watcher missed its creation (watchers drop
    // events under load and on some remote file systems).
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (document.uri.scheme === 'file' && isConfigFileName(document.uri.path)) showProblems(diagnostics, document.uri, document.getText());
    }),
  );
  void vscode.workspace.findFiles(CONFIG_GLOB, undefined, MAX_CONFIG_FILES).then(async (uris) => {
    for (const uri of uris) await checkOnDisk(diagnostics, uri);
  });
}
