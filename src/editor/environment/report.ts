// "Check Environment" (a readable markdown report with follow-up actions) and "Install Core
// Libraries" (pip in a visible terminal, after a modal confirmation, trusted workspaces only).
import * as vscode from 'vscode';
import { findGitRoot } from '../../core/analysis/project';
import { PYTHON_EXTENSION_ID, type InstalledPackages, type InterpreterInfo } from '../environment';
import type { Services } from '../services';

export const CORE_PACKAGES = ['numpy', 'pandas', 'matplotlib', 'scikit-learn'];
const REPORT_PACKAGES = [...CORE_PACKAGES, 'torch'];

export interface EnvironmentReport {
  interpreter?: InterpreterInfo;
  packages: InstalledPackages;
  present: Record<string, string>;
  missing: string[];
  git: 'repository' | 'none' | 'unknown';
  gitRoot?: string;
  pythonExtension: boolean;
  markdown: string;
}

export async function buildReport(services: Services): Promise<EnvironmentReport> {
  const env = services.environment;
  const interpreter = await env.getInterpreter();
  const packages = await env.getInstalledPackages();
  const present: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of REPORT_PACKAGES) {
    const v = packages.packages[name];
    if (v !== undefined) present[name] = v;
    else missing.push(name);
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  let git: EnvironmentReport['git'] = 'unknown';
  let gitRoot: string | undefined;
  if (folder?.uri.scheme === 'file') {
    gitRoot = findGitRoot(folder.uri.fsPath);
    git = gitRoot ? 'repository' : 'none';
  }
  const pythonExtension = env.hasPythonExtension();

  const lines = ['# Python for AI: environment check', '', `_Checked ${new Date().toLocaleString()}_`, '', '## Interpreter', ''];
  if (!interpreter) lines.push('No Python interpreter was found.');
  else {
    lines.push(`- Path: \`${interpreter.path}\` (${sourceText(interpreter.source)})`);
    if (interpreter.version) lines.push(`- Version: Python ${interpreter.version}`);
    if (interpreter.error) lines.push(`- **Problem:** ${interpreter.error}`);
  }
  lines.push(`- Python extension: ${pythonExtension ? 'installed' : 'not installed (the interpreter comes from `python.defaultInterpreterPath` or PATH)'}`);
  lines.push('', '## Core packages', '');
  if (packages.error) lines.push(`Packages were not checked: ${packages.error}`, '');
  else {
    lines.push('| Package | Installed |', '|---|---|');
    for (const name of REPORT_PACKAGES) lines.push(`| ${name} | ${present[name] ?? '**missing**'} |`);
    lines.push('');
    if (missing.some((m) => CORE_PACKAGES.includes(m))) lines.push('Run **Python for AI: Install Core Libraries** to install the missing core packages (numpy, pandas, matplotlib, scikit-learn).', '');
  }
  lines.push('## Git', '');
  if (git === 'repository') lines.push(`The workspace is in a git repository (\`${gitRoot}\`).`);
  else if (git === 'none') lines.push('The workspace is not in a git repository. Run **Python for AI: Initialize Git Repository** or `git init`.');
  else lines.push(folder ? 'Not checked: the workspace is not on a local disk.' : 'No folder is open.');
  lines.push('');
  return { interpreter, packages, present, missing, git, gitRoot, pythonExtension, markdown: lines.join('\n') };
}

function sourceText(source: InterpreterInfo['source']): string {
  if (source === 'python-extension') return 'selected in the Python extension';
  if (source === 'setting') return 'from `python.defaultInterpreterPath`';
  return 'found on PATH';
}

/** Writes the report to the extension's storage and opens its markdown preview (no unsaved editor left behind). */
async function showReport(services: Services, report: EnvironmentReport): Promise<void> {
  const dir = services.context.globalStorageUri;
  await vscode.workspace.fs.createDirectory(dir);
  const file = vscode.Uri.joinPath(dir, 'environment-report.md');
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(report.markdown));
  await vscode.commands.executeCommand('markdown.showPreview', file);
}

function offerActions(report: EnvironmentReport): void {
  const actions: string[] = [];
  if (report.interpreter?.error || !report.interpreter) actions.push(report.pythonExtension ? 'Select Interpreter' : 'Set Interpreter Path');
  if (!report.packages.error && report.missing.some((m) => CORE_PACKAGES.includes(m)) && vscode.workspace.isTrusted) actions.push('Install Core Libraries');
  if (report.git === 'none') actions.push('Initialize Git Repository');
  if (!report.pythonExtension) actions.push('Install Python Extension');
  const summary = report.interpreter?.error
    ? `Python for AI: ${report.interpreter.error}`
    : `Python for AI: Python ${report.interpreter?.version ?? '?'}; ${Object.keys(report.present).length} of ${REPORT_PACKAGES.length} core packages installed.`;
  // Not awaited: the report is already open, the buttons are optional.
  void vscode.window.showInformationMessage(summary, ...actions).then((choice) => {
    if (choice === 'Select Interpreter') void vscode.commands.executeCommand('python.setInterpreter');
    else if (choice === 'Set Interpreter Path') void vscode.commands.executeCommand('workbench.action.openSettings', 'python.defaultInterpreterPath');
    else if (choice === 'Install Core Libraries') void vscode.commands.executeCommand('pythonForAI.installCoreLibraries');
    else if (choice === 'Initialize Git Repository') void vscode.commands.executeCommand('pythonForAI.initGitRepository');
    else if (choice === 'Install Python Extension') void vscode.commands.executeCommand('workbench.extensions.action.showExtensionsWithIds', [PYTHON_EXTENSION_ID]);
  });
}

/** The shell-free pip invocation, shown to the user before it runs. */
export function pipInstallArgs(packages: string[]): string[] {
  return ['-m', 'pip', 'install', ...packages];
}

async function installCoreLibraries(services: Services): Promise<boolean> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Python for AI: packages are not installed in Restricted Mode. Trust this workspace first.');
    return false;
  }
  const interpreter = await services.environment.getInterpreter();
  if (!interpreter || interpreter.error) {
    void vscode.window.showErrorMessage(`Python for AI: cannot install packages: ${interpreter?.error ?? 'no Python interpreter was found.'}`);
    return false;
  }
  const installed = (await services.environment.getInstalledPackages()).packages;
  const wanted = CORE_PACKAGES.filter((p) => installed[p] === undefined);
  const packages = wanted.length ? wanted : CORE_PACKAGES;
  const command = [interpreter.path, ...pipInstallArgs(packages)].join(' ');
  const choice = await vscode.window.showWarningMessage(
    `Install ${packages.join(', ')} into Python ${interpreter.version ?? ''} at ${interpreter.path}?`,
    {
      modal: true,
      detail: `This runs "${command}" in a terminal, downloading from the Python Package Index.\n\nIf pip refuses because the environment is "externally managed" (a system Python), create a virtual environment first (python -m venv .venv) and select it.`,
    },
    'Install',
  );
  if (choice !== 'Install') return false;
  const folder = vscode.workspace.workspaceFolders?.[0];
  const terminal = vscode.window.createTerminal({
    name: 'Python for AI: install',
    shellPath: interpreter.path,
    shellArgs: pipInstallArgs(packages),
    cwd: folder?.uri.scheme === 'file' ? folder.uri : undefined,
    iconPath: new vscode.ThemeIcon('cloud-download'),
  });
  terminal.show();
  const sub = vscode.window.onDidCloseTerminal((t) => {
    if (t !== terminal) return;
    sub.dispose();
    services.environment.invalidate('pip install finished');
  });
  services.context.subscriptions.push(sub);
  services.output.info(`Install Core Libraries: ${command}`);
  return true;
}

export function registerEnvironmentReport(services: Services): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand('pythonForAI.checkEnvironment', async (options?: { quiet?: boolean }) => {
      services.environment.invalidate('Check Environment');
      const report = await buildReport(services);
      services.output.info(`Check Environment:\n${report.markdown}`);
      if (!options?.quiet) {
        await showReport(services, report);
        offerActions(report);
      }
      return report;
    }),
    vscode.commands.registerCommand('pythonForAI.installCoreLibraries', () => installCoreLibraries(services)),
  );
}
