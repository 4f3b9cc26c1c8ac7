// "Python for AI: Scan Workspace for Pitfalls": every .py, .ipynb and manifest in the workspace,
// honouring `files.exclude`, `pythonForAI.exclude` and the files `pyai-lint` would skip (ignore files,
// default excludes, environments: workspaceFiles.ts), with a cancellable progress notification.
// Results stay in the Problems panel after their editors close.
import * as vscode from 'vscode';
import type { PitfallDiagnostics } from './controller';
import { MANIFEST_GLOB, isManifest } from '../../core/analysis/manifests';
import type { ProjectChecks } from './projectChecks';
import { workspaceFileFilter } from './workspaceFiles';

const MAX_FILES = 20_000;
const YAML_GLOB = '**/*.{yml,yaml}';
const MAX_YAML_FILES = 500;
/** Folders whose YAML is never a project's environment file (and can hold thousands of files). */
const YAML_SKIPPED = '**/{node_modules,.git,.venv,venv,site-packages,.github}/**';

export interface ScanSummary {
  files: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
}

export async function scanWorkspace(diagnostics: PitfallDiagnostics, project: ProjectChecks, output: vscode.LogOutputChannel): Promise<ScanSummary> {
  const summary: ScanSummary = { files: 0, filesWithFindings: 0, findings: 0, cancelled: false };
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder to scan it for pitfalls.'));
    return summary;
  }
  const started = performance.now();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Python for AI: scanning for pitfalls'), cancellable: true },
    async (progress, token) => {
      progress.report({ message: vscode.l10n.t('finding files…') });
      // `undefined` as exclude applies `files.exclude`; `pythonForAI.exclude` is applied per file below.
      const [sources, manifests, yaml] = await Promise.all([
        vscode.workspace.findFiles('**/*.{py,pyw,ipynb}', undefined, MAX_FILES, token),
        vscode.workspace.findFiles(MANIFEST_GLOB, undefined, MAX_FILES, token),
        // Conda environments under other names: checkFileOnDisk reads small ones and keeps only those.
        vscode.workspace.findFiles(YAML_GLOB, YAML_SKIPPED, MAX_YAML_FILES, token),
      ]);
      const seen = new Set<string>();
      const checked = workspaceFileFilter(diagnostics);
      const uris = [...sources, ...manifests.filter((u) => isManifest(u.path)), ...yaml.filter((u) => !isManifest(u.path))].filter((u) => {
        const key = u.toString();
        if (seen.has(key) || !checked(u)) return false;
        seen.add(key);
        return true;
      });
      const counts = new Map<string, number>();
      let lastReport = 0;
      for (const [index, uri] of uris.entries()) {
        if (token.isCancellationRequested) {
          summary.cancelled = true;
          break;
        }
        counts.set(uri.toString(), await diagnostics.checkFileOnDisk(uri, true));
        summary.files++;
        if (index + 1 - lastReport >= 25 || index === uris.length - 1) {
          progress.report({ message: vscode.l10n.t('{0} of {1} files', index + 1, uris.length), increment: ((index + 1 - lastReport) / uris.length) * 100 });
          lastReport = index + 1;
          // Lets typing and other extensions' work in the extension host through between batches.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      if (!summary.cancelled) {
        progress.report({ message: vscode.l10n.t('checking the project…') });
        await project.run();
        // Project findings (git, interpreter) sit on a host file: count them with that file's own.
        for (const uri of diagnostics.projectUris()) {
          const key = uri.toString();
          counts.set(key, (counts.get(key) ?? 0) + diagnostics.projectEntriesFor(uri).length);
        }
      }
      for (const n of counts.values()) {
        summary.findings += n;
        if (n > 0) summary.filesWithFindings++;
      }
    },
  );
  const text = summaryText(summary);
  output.info(vscode.l10n.t('Scan: {0} {1} ms.', text, (performance.now() - started).toFixed(0)));
  const showProblems = vscode.l10n.t('Show Problems');
  // Not awaited: the command's result (and a test waiting on it) must not hang on an unanswered message.
  void vscode.window.showInformationMessage(vscode.l10n.t('Python for AI: {0}', text), ...(summary.findings ? [showProblems] : [])).then((choice) => {
    if (choice === showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return summary;
}

/** "3 findings in 2 files (40 checked)." with singular and plural as whole sentences, so each language words its own. */
function summaryText(summary: ScanSummary): string {
  const findings = summary.findings === 1 ? vscode.l10n.t('1 finding') : vscode.l10n.t('{0} findings', summary.findings);
  const files = summary.filesWithFindings === 1 ? vscode.l10n.t('in 1 file') : vscode.l10n.t('in {0} files', summary.filesWithFindings);
  return summary.cancelled
    ? vscode.l10n.t('{0} {1} ({2} checked, scan cancelled).', findings, files, summary.files)
    : vscode.l10n.t('{0} {1} ({2} checked).', findings, files, summary.files);
}
