// "Check Environment" (a readable markdown report with follow-up actions) and "Install Core
// Libraries" (pip in a visible terminal, after a modal confirmation, trusted workspaces only).
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { findGitRoot } from '../../core/analysis/project';
import { installConcerns, isBelowMinimum, venvPython } from '../../core/workspace/probe';
import { PYTHON_EXTENSION_ID, type InstalledPackages, type InterpreterInfo } from '../environment';
import { readSettings } from '../pitfalls/settings';
import { runProcess } from '../process';
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
  /** The minimum Python the user set (pythonForAI.minimumPythonVersion) and whether the interpreter is older. */
  minimum: string;
  belowMinimum: boolean;
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
  const minimum = readSettings(folder?.uri).options.minimumPython ?? '3.11';
  const belowMinimum = isBelowMinimum(interpreter?.version, minimum);

  const lines = ['# Python for AI: environment check', '', `_Checked ${new Date().toLocaleString()}_`, '', '## Interpreter', ''];
  if (!interpreter) lines.push('No Python interpreter was found.');
  else {
    if (interpreter.executable) {
      lines.push(`- Executable: \`${interpreter.executable}\``);
      if (interpreter.executable !== interpreter.path) lines.push(`- Started as: \`${interpreter.path}\` (${sourceText(interpreter.source)})`);
      else lines.push(`- Chosen: ${sourceText(interpreter.source)}`);
    } else lines.push(`- Path: \`${interpreter.path}\` (${sourceText(interpreter.source)})`);
    if (interpreter.version) lines.push(`- Version: Python ${interpreter.version}${belowMinimum ? ` — **older than the minimum ${minimum}** (setting \`pythonForAI.minimumPythonVersion\`): select a newer interpreter` : ''}`);
    if (interpreter.kind) lines.push(`- Environment: ${kindText(interpreter.kind)}`);
    if (interpreter.error) lines.push(`- **Problem:** ${interpreter.error}`);
  }
  lines.push(`- Python extension: ${pythonExtension ? 'installed' : 'not installed (the interpreter comes from `python.defaultInterpreterPath` or PATH)'}`);
  lines.push('', '## Core packages', '');
  if (packages.error) lines.push(`Packages were not checked: ${packages.error}`, '');
  else {
    if (interpreter?.executable) lines.push(`Installed in \`${interpreter.executable}\` (the same run of it that gave the version above):`, '');
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
  return { interpreter, packages, present, missing, git, gitRoot, pythonExtension, minimum, belowMinimum, markdown: lines.join('\n') };
}

function kindText(kind: NonNullable<InterpreterInfo['kind']>): string {
  if (kind === 'venv') return 'a virtual environment';
  if (kind === 'conda') return 'a conda environment';
  return '**not a virtual environment** (a global Python: what you install there is shared by every project using it)';
}

function sourceText(source: InterpreterInfo['source']): string {
  if (source === 'python-extension') return 'selected in the Python extension';
  if (source === 'setting') return 'from `python.defaultInterpreterPath`';
  if (source === 'workspace-venv') return "the workspace's `.venv`";
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
  if (report.interpreter?.error || !report.interpreter || report.belowMinimum) actions.push(report.pythonExtension ? 'Select Interpreter' : 'Set Interpreter Path');
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
  let interpreter = await services.environment.getInterpreter();
  if (!interpreter || interpreter.error) {
    void vscode.window.showErrorMessage(`Python for AI: cannot install packages: ${interpreter?.error ?? 'no Python interpreter was found.'}`);
    return false;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  const minimum = readSettings(folder?.uri).options.minimumPython ?? '3.11';
  const concerns = installConcerns(interpreter, minimum);
  if (concerns.length > 0) {
    const next = await offerVirtualEnvironment(services, interpreter, concerns, folder);
    if (next === 'stop') return false;
    if (next === 'created') {
      interpreter = await services.environment.getInterpreter();
      if (!interpreter || interpreter.error) {
        void vscode.window.showErrorMessage(`Python for AI: the new virtual environment does not work: ${interpreter?.error ?? 'no interpreter.'}`);
        return false;
      }
    }
  }
  const python = interpreter.executable ?? interpreter.path;
  const installed = (await services.environment.getInstalledPackages()).packages;
  const wanted = CORE_PACKAGES.filter((p) => installed[p] === undefined);
  const packages = wanted.length ? wanted : CORE_PACKAGES;
  const command = [python, ...pipInstallArgs(packages)].join(' ');
  const choice = await vscode.window.showWarningMessage(
    `Install ${packages.join(', ')} into Python ${interpreter.version ?? ''} at ${python}?`,
    {
      modal: true,
      detail: `This runs "${command}" in a terminal, downloading from the Python Package Index.`,
    },
    'Install',
  );
  if (choice !== 'Install') return false;
  const terminal = vscode.window.createTerminal({
    name: 'Python for AI: install',
    shellPath: python,
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

/**
 * Before installing into a global or too-old Python: say why, and offer a virtual environment first (the
 * Python extension's Create Environment when it is there, else `python -m venv .venv`, which we then select
 * for this workspace through python.defaultInterpreterPath). 'created' means the new .venv is now the interpreter.
 */
async function offerVirtualEnvironment(
  services: Services,
  interpreter: InterpreterInfo,
  concerns: string[],
  folder: vscode.WorkspaceFolder | undefined,
): Promise<'install' | 'created' | 'stop'> {
  const python = interpreter.executable ?? interpreter.path;
  const onDisk = folder?.uri.scheme === 'file';
  const useExtension = services.environment.hasPythonExtension();
  const create = useExtension ? 'Create Environment…' : 'Create .venv First';
  const buttons = useExtension || onDisk ? [create, 'Install Anyway'] : ['Install Anyway'];
  const how = useExtension
    ? '"Create Environment…" opens the Python extension\'s Create Environment; run Install Core Libraries again once it is selected.'
    : onDisk
      ? `"Create .venv First" runs "${python} -m venv .venv" in ${folder.uri.fsPath} (the interpreter of this workspace from then on, unless python.defaultInterpreterPath names another), then asks before installing into it.`
      : '';
  // A notification, not a modal: nothing is installed until one of its buttons is pressed.
  const choice = await vscode.window.showWarningMessage(`Python for AI: before installing: ${[...concerns, how].join(' ').trim()}`, ...buttons);
  if (choice === 'Install Anyway') return 'install';
  if (choice !== create) return 'stop';
  if (useExtension) {
    await vscode.commands.executeCommand('python.createEnvironment');
    return 'stop';
  }
  if (!folder || !onDisk) return 'stop';
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Python for AI: creating .venv…' },
    () => runProcess(python, ['-m', 'venv', '.venv'], { cwd: folder.uri.fsPath, timeoutMs: 180_000 }),
  );
  const created = venvPython(folder.uri.fsPath, process.platform);
  if (!result.ok || !fs.existsSync(created)) {
    void vscode.window.showErrorMessage(`Python for AI: could not create .venv: ${result.error ?? 'no interpreter in .venv.'}${/ensurepip|venv/.test(result.stdout + result.stderr) ? ' (on Debian and Ubuntu, install the python3-venv package).' : ''}`);
    return 'stop';
  }
  // Without the Python extension (or a python.defaultInterpreterPath) the workspace's .venv is the interpreter.
  services.environment.invalidate('a virtual environment was created');
  services.output.info(`Install Core Libraries: created ${created}; it is this workspace's interpreter now.`);
  return 'created';
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
