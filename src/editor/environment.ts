// The selected Python interpreter and its installed packages, for the roadmap, the diagnostics and
// "Check Environment". The Python extension is optional: without it the interpreter comes from
// `python.defaultInterpreterPath`, then the workspace folder's `.venv`, then `python3` (`python` on Windows) on PATH.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PythonExtension } from '@vscode/python-extension';
import * as vscode from 'vscode';
import { normalizePackageName } from '../core/analysis/frameworks';
import { PROBE_SCRIPT, parseProbe, venvPython, type EnvironmentKind, type ProbeResult } from '../core/workspace/probe';
import { registerEnvironmentReport } from './environment/report';
import { runProcess } from './process';
import type { Services } from './services';

export const PYTHON_EXTENSION_ID = 'ms-python.python';

export interface InterpreterInfo {
  path: string;
  version?: string;
  /** A sentence for the user when the interpreter could not be used (missing, broken, Restricted Mode). */
  error?: string;
  source: 'python-extension' | 'setting' | 'workspace-venv' | 'path';
  /** `sys.executable` as the interpreter reported it (the real program behind a shim such as pyenv's `python3`). */
  executable?: string;
  /** A virtual environment, a conda environment, or a global Python; unknown until the interpreter ran. */
  kind?: EnvironmentKind;
}

export interface InstalledPackages {
  /** Normalized distribution name → version. */
  packages: Record<string, string>;
  error?: string;
}

/** Why the interpreter was not run (a function: the sentence is in the user's language, read at call time). */
export function restrictedModeError(): string {
  return vscode.l10n.t('Not checked in Restricted Mode: trust this workspace to let the extension run the interpreter.');
}

export class EnvironmentService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the interpreter or its packages may have changed (cached values were dropped). */
  readonly onDidChange = this.changed.event;
  private interpreter?: Promise<InterpreterInfo | undefined>;
  /** The probe run that gave the interpreter's version also gave its packages: one Python answers both. */
  private probed?: ProbeResult;
  private api?: Promise<PythonExtension | undefined>;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly selectionFiles = vscode.workspace.createFileSystemWatcher('**/{.python-version,.venv/pyvenv.cfg}');

  constructor(private readonly output: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('python.defaultInterpreterPath')) this.invalidate('python.defaultInterpreterPath changed');
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidate('the workspace is now trusted')),
      // pyenv reads .python-version in the folder; a new .venv becomes the workspace's interpreter.
      this.selectionFiles,
      this.selectionFiles.onDidCreate(() => this.invalidate('.python-version or .venv changed')),
      this.selectionFiles.onDidChange(() => this.invalidate('.python-version or .venv changed')),
      this.selectionFiles.onDidDelete(() => this.invalidate('.python-version or .venv changed')),
      vscode.extensions.onDidChange(() => {
        if (this.api && this.hasPythonExtension()) {
          // The Python extension was installed or enabled after we looked: ask it next time.
          this.api = undefined;
          this.invalidate('extensions changed');
        }
      }),
    );
  }

  /** Whether the Python extension is installed (checked before its API is asked for, which throws without it). */
  hasPythonExtension(): boolean {
    return vscode.extensions.getExtension(PYTHON_EXTENSION_ID) !== undefined;
  }

  /** Drops the cached interpreter and packages and tells listeners. */
  invalidate(reason: string): void {
    this.output.debug(`Environment: re-checking (${reason}).`);
    this.interpreter = undefined;
    this.probed = undefined;
    this.changed.fire();
  }

  getInterpreter(): Promise<InterpreterInfo | undefined> {
    this.interpreter ??= this.resolveInterpreter().catch((e: unknown) => {
      this.output.error(vscode.l10n.t('Environment: could not determine the interpreter: {0}', String(e)));
      return undefined;
    });
    return this.interpreter;
  }

  /** The packages of the interpreter `getInterpreter` gives, from the same run of it. */
  async getInstalledPackages(): Promise<InstalledPackages> {
    const interpreter = await this.getInterpreter();
    if (!interpreter) return { packages: {}, error: vscode.l10n.t('No Python interpreter was found.') };
    if (interpreter.error) return { packages: {}, error: interpreter.error };
    const probed = this.probed;
    if (!probed) return { packages: {}, error: restrictedModeError() };
    const packages: Record<string, string> = {};
    for (const [name, version] of Object.entries(probed.packages)) packages[normalizePackageName(name)] = version;
    return { packages };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private async pythonApi(): Promise<PythonExtension | undefined> {
    if (!this.hasPythonExtension()) return undefined;
    this.api ??= PythonExtension.api().then(
      (api) => {
        this.disposables.push(api.environments.onDidChangeActiveEnvironmentPath(() => this.invalidate('the Python extension selected another interpreter')));
        return api;
      },
      (e: unknown) => {
        this.output.warn(vscode.l10n.t("Environment: the Python extension's API is not available: {0}", String(e)));
        return undefined;
      },
    );
    return this.api;
  }

  private async resolveInterpreter(): Promise<InterpreterInfo | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const candidate = (await this.fromPythonExtension(folder)) ?? this.fromSetting(folder) ?? this.fromWorkspaceVenv(folder) ?? {
      path: process.platform === 'win32' ? 'python' : 'python3',
      source: 'path' as const,
    };
    if (path.isAbsolute(candidate.path) && !fs.existsSync(candidate.path)) {
      return { ...candidate, error: vscode.l10n.t('The interpreter {0}{1} does not exist.', candidate.path, describeSource(candidate.source)) };
    }
    // Restricted Mode: nothing runs; the Python extension's answer (if any) is all we know.
    if (!vscode.workspace.isTrusted) return candidate.version ? candidate : { ...candidate, error: restrictedModeError() };
    // Run in the workspace folder, where pyenv, conda and .python-version pick the Python a shim stands for;
    // the version, the executable and the packages all come from this one run.
    const result = await runProcess(candidate.path, ['-c', PROBE_SCRIPT], { timeoutMs: 20_000, cwd: folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined });
    const probed = result.ok ? parseProbe(result.stdout) : undefined;
    if (!probed) {
      const why = result.error ?? vscode.l10n.t('it printed no version ({0}).', result.stdout.slice(0, 80));
      return { ...candidate, error: vscode.l10n.t('The interpreter {0}{1} does not work: {2}', candidate.path, describeSource(candidate.source), why) };
    }
    this.probed = probed;
    this.output.info(vscode.l10n.t('Environment: Python {0} at {1} ({2}: {3}, {4}, {5} packages).', probed.version, probed.executable, candidate.source, candidate.path, probed.kind, Object.keys(probed.packages).length));
    return { ...candidate, version: probed.version, executable: probed.executable, kind: probed.kind };
  }

  private async fromPythonExtension(folder: vscode.WorkspaceFolder | undefined): Promise<InterpreterInfo | undefined> {
    const api = await this.pythonApi();
    if (!api) return undefined;
    try {
      const active = api.environments.getActiveEnvironmentPath(folder?.uri);
      const resolved = await api.environments.resolveEnvironment(active);
      const exe = resolved?.executable.uri?.fsPath ?? active.path;
      const v = resolved?.version;
      const version = v && typeof v.major === 'number' && typeof v.minor === 'number' ? `${v.major}.${v.minor}.${v.micro ?? 0}` : undefined;
      return { path: exe, version, source: 'python-extension' };
    } catch (e) {
      this.output.warn(vscode.l10n.t('Environment: the Python extension could not resolve the interpreter: {0}', String(e)));
      return undefined;
    }
  }

  /** A `.venv` in the workspace folder (what "Create .venv First" makes), as the Python extension would pick it. */
  private fromWorkspaceVenv(folder: vscode.WorkspaceFolder | undefined): InterpreterInfo | undefined {
    if (folder?.uri.scheme !== 'file') return undefined;
    const python = venvPython(folder.uri.fsPath, process.platform);
    return fs.existsSync(python) ? { path: python, source: 'workspace-venv' } : undefined;
  }

  private fromSetting(folder: vscode.WorkspaceFolder | undefined): InterpreterInfo | undefined {
    const value = vscode.workspace.getConfiguration('python', folder?.uri).get<string>('defaultInterpreterPath')?.trim();
    // "python" is the Python extension's default: it means "whatever is on PATH".
    if (!value || value === 'python') return undefined;
    let resolved = value
      .replace(/\$\{workspaceFolder\}/g, folder?.uri.fsPath ?? '')
      .replace(/\$\{userHome\}/g, os.homedir())
      .replace(/^~(?=$|[/\\])/, os.homedir());
    if (!path.isAbsolute(resolved) && /[/\\]/.test(resolved) && folder) resolved = path.join(folder.uri.fsPath, resolved);
    return { path: resolved, source: 'setting' };
  }
}

function describeSource(source: InterpreterInfo['source']): string {
  if (source === 'setting') return vscode.l10n.t(' (from the python.defaultInterpreterPath setting)');
  if (source === 'python-extension') return vscode.l10n.t(' (selected in the Python extension)');
  if (source === 'workspace-venv') return vscode.l10n.t(" (the workspace's .venv)");
  return vscode.l10n.t(' (looked up on PATH)');
}

export function registerEnvironmentCommands(services: Services): void {
  registerEnvironmentReport(services);
}
