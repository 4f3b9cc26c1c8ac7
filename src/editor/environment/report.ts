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

  const lines = [vscode.l10n.t('# Python for AI: environment check'), '', vscode.l10n.t('_Checked {0}_', new Date().toLocaleString()), '', vscode.l10n.t('## Interpreter'), ''];
  if (!interpreter) lines.push(vscode.l10n.t('No Python interpreter was found.'));
  else {
    if (interpreter.executable) {
      lines.push(vscode.l10n.t('- Executable: `{0}`', interpreter.executable));
      if (interpreter.executable !== interpreter.path) lines.push(vscode.l10n.t('- Started as: `{0}` ({1})', interpreter.path, sourceText(interpreter.source)));
      else lines.push(vscode.l10n.t('- Chosen: {0}', sourceText(interpreter.source)));
    } else lines.push(vscode.l10n.t('- Path: `{0}` ({1})', interpreter.path, sourceText(interpreter.source)));
    if (interpreter.version) {
      lines.push(belowMinimum
        ? vscode.l10n.t('- Version: Python {0} — **older than the minimum {1}** (setting `pythonForAI.minimumPythonVersion`): select a newer interpreter', interpreter.version, minimum)
        : vscode.l10n.t('- Version: Python {0}', interpreter.version));
    }
    if (interpreter.kind) lines.push(vscode.l10n.t('- Environment: {0}', kindText(interpreter.kind)));
    if (interpreter.error) lines.push(vscode.l10n.t('- **Problem:** {0}', interpreter.error));
  }
  lines.push(pythonExtension ? vscode.l10n.t('- Python extension: installed') : vscode.l10n.t('- Python extension: not installed (the interpreter comes from `python.defaultInterpreterPath` or PATH)'));
  lines.push('', vscode.l10n.t('## Core packages'), '');
  if (packages.error) lines.push(vscode.l10n.t('Packages were not checked: {0}', packages.error), '');
  else {
    if (interpreter?.executable) lines.push(vscode.l10n.t('Installed in `{0}` (the same run of it that gave the version above):', interpreter.executable), '');
    lines.push(vscode.l10n.t('| Package | Installed |'), '|---|---|');
    for (const name of REPORT_PACKAGES) lines.push(`| ${name} | ${present[name] ?? vscode.l10n.t('**missing**')} |`);
    lines.push('');
    if (missing.some((m) => CORE_PACKAGES.includes(m))) lines.push(vscode.l10n.t('Run **Python for AI: Install Core Libraries** to install the missing core packages (numpy, pandas, matplotlib, scikit-learn).'), '');
  }
  lines.push(vscode.l10n.t('## Git'), '');
  if (git === 'repository') lines.push(vscode.l10n.t('The workspace is in a git repository (`{0}`).', gitRoot ?? ''));
  else if (git === 'none') lines.push(vscode.l10n.t('The workspace is not in a git repository. Run **Python for AI: Initialize Git Repository** or `git init`.'));
  else lines.push(folder ? vscode.l10n.t('Not checked: the workspace is not on a local disk.') : vscode.l10n.t('No folder is open.'));
  lines.push('');
  return { interpreter, packages, present, missing, git, gitRoot, pythonExtension, minimum, belowMinimum, markdown: lines.join('\n') };
}

function kindText(kind: NonNullable<InterpreterInfo['kind']>): string {
  if (kind === 'venv') return vscode.l10n.t('a virtual environment');
  if (kind === 'conda') return vscode.l10n.t('a conda environment');
  return vscode.l10n.t('**not a virtual environment** (a global Python: what you install there is shared by every project using it)');
}

function sourceText(source: InterpreterInfo['source']): string {
  if (source === 'python-extension') return vscode.l10n.t('selected in the Python extension');
  if (source === 'setting') return vscode.l10n.t('from `python.defaultInterpreterPath`');
  if (source === 'workspace-venv') return vscode.l10n.t("the workspace's `.venv`");
  return vscode.l10n.t('found on PATH');
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
  const selectInterpreter = vscode.l10n.t('Select Interpreter');
  const setInterpreterPath = vscode.l10n.t('Set Interpreter Path');
  const installCore = vscode.l10n.t('Install Core Libraries');
  const initGit = vscode.l10n.t('Initialize Git Repository');
  const installPython = vscode.l10n.t('Install Python Extension');
  const actions: string[] = [];
  if (report.interpreter?.error || !report.interpreter || report.belowMinimum) actions.push(report.pythonExtension ? selectInterpreter : setInterpreterPath);
  if (!report.packages.error && report.missing.some((m) => CORE_PACKAGES.includes(m)) && vscode.workspace.isTrusted) actions.push(installCore);
  if (report.git === 'none') actions.push(initGit);
  if (!report.pythonExtension) actions.push(installPython);
  const summary = report.interpreter?.error
    ? vscode.l10n.t('Python for AI: {0}', report.interpreter.error)
    : vscode.l10n.t('Python for AI: Python {0}; {1} of {2} core packages installed.', report.interpreter?.version ?? '?', Object.keys(report.present).length, REPORT_PACKAGES.length);
  // Not awaited: the report is already open, the buttons are optional.
  void vscode.window.showInformationMessage(summary, ...actions).then((choice) => {
    if (choice === selectInterpreter) void vscode.commands.executeCommand('python.setInterpreter');
    else if (choice === setInterpreterPath) void vscode.commands.executeCommand('workbench.action.openSettings', 'python.defaultInterpreterPath');
    else if (choice === installCore) void vscode.commands.executeCommand('pythonForAI.installCoreLibraries');
    else if (choice === initGit) void vscode.commands.executeCommand('pythonForAI.initGitRepository');
    else if (choice === installPython) void vscode.commands.executeCommand('workbench.extensions.action.showExtensionsWithIds', [PYTHON_EXTENSION_ID]);
  });
}

/** The shell-free pip invocation, shown to the user before it runs. */
export function pipInstallArgs(packages: string[]): string[] {
  return ['-m', 'pip', 'install', ...packages];
}

async function installCoreLibraries(services: Services): Promise<boolean> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Python for AI: packages are not installed in Restricted Mode. Trust this workspace first.'));
    return false;
  }
  let interpreter = await services.environment.getInterpreter();
  if (!interpreter || interpreter.error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Python for AI: cannot install packages: {0}', interpreter?.error ?? vscode.l10n.t('no Python interpreter was found.')));
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
        void vscode.window.showErrorMessage(vscode.l10n.t('Python for AI: the new virtual environment does not work: {0}', interpreter?.error ?? vscode.l10n.t('no interpreter.')));
        return false;
      }
    }
  }
  const python = interpreter.executable ?? interpreter.path;
  const installed = (await services.environment.getInstalledPackages()).packages;
  const wanted = CORE_PACKAGES.filter((p) => installed[p] === undefined);
  const packages = wanted.length ? wanted : CORE_PACKAGES;
  const command = [python, ...pipInstallArgs(packages)].join(' ');
  const install = vscode.l10n.t('Install');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Install {0} into Python {1} at {2}?', packages.join(', '), interpreter.version ?? '', python),
    {
      modal: true,
      detail: vscode.l10n.t('This runs "{0}" in a terminal, downloading from the Python Package Index.', command),
    },
    install,
  );
  if (choice !== install) return false;
  const terminal = vscode.window.createTerminal({
    name: vscode.l10n.t('Python for AI: install'),
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
  services.output.info(vscode.l10n.t('Install Core Libraries: {0}', command));
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
  const create = useExtension ? vscode.l10n.t('Create Environment…') : vscode.l10n.t('Create .venv First');
  const anyway = vscode.l10n.t('Install Anyway');
  const buttons = useExtension || onDisk ? [create, anyway] : [anyway];
  const how = useExtension
    ? vscode.l10n.t('"{0}" opens the Python extension\'s Create Environment; run Install Core Libraries again once it is selected.', create)
    : onDisk
      ? vscode.l10n.t('"{0}" runs "{1} -m venv .venv" in {2} (the interpreter of this workspace from then on, unless python.defaultInterpreterPath names another), then asks before installing into it.', create, python, folder.uri.fsPath)
      : '';
  // A notification, not a modal: nothing is installed until one of its buttons is pressed.
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Python for AI: before installing: {0}', [...concerns, how].join(' ').trim()), ...buttons);
  if (choice === anyway) return 'install';
  if (choice !== create) return 'stop';
  if (useExtension) {
    await vscode.commands.executeCommand('python.createEnvironment');
    return 'stop';
  }
  if (!folder || !onDisk) return 'stop';
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Python for AI: creating .venv…') },
    () => runProcess(python, ['-m', 'venv', '.venv'], { cwd: folder.uri.fsPath, timeoutMs: 180_000 }),
  );
  const created = venvPython(folder.uri.fsPath, process.platform);
  if (!result.ok || !fs.existsSync(created)) {
    const why = result.error ?? vscode.l10n.t('no interpreter in .venv.');
    void vscode.window.showErrorMessage(/ensurepip|venv/.test(result.stdout + result.stderr)
      ? vscode.l10n.t('Python for AI: could not create .venv: {0} (on Debian and Ubuntu, install the python3-venv package).', why)
      : vscode.l10n.t('Python for AI: could not create .venv: {0}', why));
    return 'stop';
  }
  // Without the Python extension (or a python.defaultInterpreterPath) the workspace's .venv is the interpreter.
  services.environment.invalidate('a virtual environment was created');
  services.output.info(vscode.l10n.t("Install Core Libraries: created {0}; it is this workspace's interpreter now.", created));
  return 'created';
}

export function registerEnvironmentReport(services: Services): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand('pythonForAI.checkEnvironment', async (options?: { quiet?: boolean }) => {
      services.environment.invalidate('Check Environment');
      const report = await buildReport(services);
      services.output.info(vscode.l10n.t('Check Environment:\n{0}', report.markdown));
      if (!options?.quiet) {
        await showReport(services, report);
        offerActions(report);
      }
      return report;
    }),
    vscode.commands.registerCommand('pythonForAI.installCoreLibraries', () => installCoreLibraries(services)),
  );
}
