// The language status item for Python files and notebooks (as ruff-vscode and ESLint show theirs): the
// checker's state and the active file's problems, the selected interpreter and its version against the
// minimum Python, and the actions Show Logs, Scan Workspace, Select Interpreter, Fix All.
import * as vscode from 'vscode';
import { FIX_ALL_IN_FILE_COMMAND } from './codeActions';
import type { InterpreterInfo } from './environment';
import { SOURCE } from './pitfalls/analyze';
import { readSettings } from './pitfalls/settings';
import type { Services } from './services';

export const STATUS_ACTIONS_COMMAND = 'pythonForAI.showStatusActions';
const PYTHON_EXTENSION_ID = 'ms-python.python';

/** What the item shows, also returned by the actions command (for tests and the output channel). */
export interface StatusState {
  text: string;
  detail: string;
  severity: 'information' | 'warning' | 'error';
  /** The action picked in the quick pick, if any. */
  picked?: string;
}

/** Whether version "3.8.10" is older than minimum "3.11". */
export function olderThan(version: string, minimum: string): boolean {
  const [a, b] = version.split('.').map(Number);
  const [c, d] = minimum.split('.').map(Number);
  return a < c || (a === c && (b ?? 0) < (d ?? 0));
}

export function registerStatusItem(services: Services): void {
  const { context, output, environment } = services;
  const item = vscode.languages.createLanguageStatusItem('pythonForAI.status', [{ language: 'python' }]);
  item.name = 'Python for AI';
  item.command = { command: STATUS_ACTIONS_COMMAND, title: vscode.l10n.t('Actions…'), tooltip: vscode.l10n.t('Show Logs, Scan Workspace, Select Interpreter, Fix All') };
  let interpreter: InterpreterInfo | undefined;
  let interpreterKnown = false;
  const state: StatusState = { text: '', detail: '', severity: 'information' };

  const render = () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const problems = uri ? vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE).length : 0;
    state.text = problems === 0 ? '$(check) Python for AI'
      : problems === 1 ? vscode.l10n.t('$(warning) Python for AI: 1 problem') : vscode.l10n.t('$(warning) Python for AI: {0} problems', problems);
    const minimum = readSettings(uri).options.minimumPython ?? '3.11';
    let python: string;
    state.severity = 'information';
    if (!interpreterKnown) python = vscode.l10n.t('Python: looking for the interpreter…');
    else if (!interpreter || interpreter.error || !interpreter.version) {
      python = vscode.l10n.t('Python: {0}', interpreter?.error ?? vscode.l10n.t('no interpreter found'));
      state.severity = 'warning';
    } else if (olderThan(interpreter.version, minimum)) {
      python = vscode.l10n.t('Python {0} ({1}), older than the minimum {2}', interpreter.version, interpreter.executable ?? interpreter.path, minimum);
      state.severity = 'warning';
    } else {
      // The real program (sys.executable), not a shim such as pyenv's python3 that stands for it.
      python = vscode.l10n.t('Python {0} ({1})', interpreter.version, interpreter.executable ?? interpreter.path);
    }
    state.detail = vscode.l10n.t('{0} · minimum Python {1}', python, minimum);
    item.text = state.text;
    item.detail = state.detail;
    item.severity = state.severity === 'warning' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    const label = problems === 1 ? vscode.l10n.t('Python for AI: 1 problem in this file. {0}', state.detail) : vscode.l10n.t('Python for AI: {0} problems in this file. {1}', problems, state.detail);
    item.accessibilityInformation = { label };
  };

  const refreshInterpreter = () => {
    item.busy = true;
    void environment.getInterpreter().then(
      (info) => {
        interpreter = info;
        interpreterKnown = true;
        item.busy = false;
        render();
      },
      () => {
        interpreter = undefined;
        interpreterKnown = true;
        item.busy = false;
        render();
      },
    );
  };

  context.subscriptions.push(
    item,
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) render();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => render()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('pythonForAI.minimumPythonVersion')) render();
    }),
    environment.onDidChange(() => refreshInterpreter()),
    vscode.commands.registerCommand(STATUS_ACTIONS_COMMAND, async (): Promise<StatusState> => {
      render();
      const actions = [
        { label: vscode.l10n.t('$(output) Show Logs'), id: 'logs' },
        { label: vscode.l10n.t('$(search) Scan Workspace'), id: 'scan' },
        { label: vscode.l10n.t('$(symbol-misc) Select Interpreter'), id: 'interpreter' },
        { label: vscode.l10n.t('$(wand) Fix All Safe Problems in This File'), id: 'fixAll' },
        { label: vscode.l10n.t('$(circle-slash) Show Disabled Rules'), id: 'disabled' },
      ];
      const picked = await vscode.window.showQuickPick(actions, { title: vscode.l10n.t('Python for AI: {0}', state.detail), placeHolder: vscode.l10n.t('Python for AI actions') });
      if (picked?.id === 'logs') output.show(true);
      else if (picked?.id === 'scan') void vscode.commands.executeCommand('pythonForAI.scanWorkspace');
      else if (picked?.id === 'interpreter') await selectInterpreter();
      else if (picked?.id === 'fixAll') await vscode.commands.executeCommand(FIX_ALL_IN_FILE_COMMAND);
      else if (picked?.id === 'disabled') void vscode.commands.executeCommand('pythonForAI.showDisabledRules');
      return { ...state, picked: picked?.id };
    }),
  );
  render();
  setImmediate(refreshInterpreter);
}

/** The Python extension's picker when it is installed; otherwise the setting it would write. */
async function selectInterpreter(): Promise<void> {
  if (vscode.extensions.getExtension(PYTHON_EXTENSION_ID)) {
    await vscode.commands.executeCommand('python.setInterpreter');
    return;
  }
  await vscode.commands.executeCommand('workbench.action.openSettings', 'python.defaultInterpreterPath');
}
