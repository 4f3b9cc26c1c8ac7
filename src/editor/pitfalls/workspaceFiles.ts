// Which workspace files the editor checks from disk (Scan Workspace for Pitfalls, the manifests the
// project checks read): the CLI's selection (core/workspace/fileSelection) on top of `files.exclude`
// and `pythonForAI.exclude` — Ruff's default excludes or the configuration's, Python environments
// under any name, .gitignore / .ignore / .git/info/exclude unless `respect-gitignore = false`.
import * as vscode from 'vscode';
import { createPathMatcher, DEFAULT_EXCLUDE, relativeTo } from '../../core/config/resolve';
import { FolderExcludes, ListedFiles } from '../../core/workspace/fileSelection';
import type { PitfallDiagnostics } from './controller';

/**
 * A predicate for one pass over listed files (ignore files are read once per folder during the pass,
 * so make a new one for each pass). Files outside a workspace folder are kept.
 */
export function workspaceFileFilter(diagnostics: PitfallDiagnostics): (uri: vscode.Uri) => boolean {
  const perFolder = new Map<string, ListedFiles>();
  const defaults = createPathMatcher(DEFAULT_EXCLUDE);
  return (uri) => {
    if (diagnostics.isExcluded(uri)) return false;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return true;
    // Not on disk (a virtual workspace): ignore files and environments cannot be read; the default patterns still apply.
    if (uri.scheme !== 'file' || folder.uri.scheme !== 'file') {
      const relative = relativeTo(folder.uri.path, uri.path);
      return relative === undefined || !defaults(relative);
    }
    const key = folder.uri.toString();
    let listed = perFolder.get(key);
    if (!listed) {
      const editorOnly = diagnostics.settingsFor(folder.uri).preference === 'editorOnly';
      listed = new ListedFiles(folder.uri.fsPath, new FolderExcludes((dir) => (editorOnly ? undefined : diagnostics.configs.forFolder(dir)), folder.uri.fsPath));
      perFolder.set(key, listed);
    }
    return listed.includes(uri.fsPath);
  };
}
