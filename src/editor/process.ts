// The one place the extension starts a program (python, pip, git). Every caller goes through
// here so that Restricted Mode, time limits and error messages are handled once.
import * as childProcess from 'node:child_process';
import * as vscode from 'vscode';

export interface ProcessResult {
  ok: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
  /** A sentence a user can read when `ok` is false (not trusted, not found, timed out, exit code). */
  error?: string;
}

export interface RunOptions {
  cwd?: string;
  timeoutMs?: number;
  /** Text written to the program's standard input. */
  input?: string;
}

const MAX_OUTPUT = 4 * 1024 * 1024;

/** Runs `command args` without a shell, only in a trusted workspace, killed after `timeoutMs` (default 10 s). */
export function runProcess(command: string, args: string[], options: RunOptions = {}): Promise<ProcessResult> {
  if (!vscode.workspace.isTrusted) {
    return Promise.resolve({ ok: false, code: null, stdout: '', stderr: '', error: vscode.l10n.t('Not run in Restricted Mode: {0}', command) });
  }
  const timeout = options.timeoutMs ?? 10_000;
  return new Promise((resolve) => {
    let child: childProcess.ChildProcess;
    try {
      child = childProcess.execFile(
        command,
        args,
        { cwd: options.cwd, timeout, maxBuffer: MAX_OUTPUT, windowsHide: true, encoding: 'utf8' },
        (err, stdout, stderr) => {
          if (!err) {
            resolve({ ok: true, code: 0, stdout, stderr });
            return;
          }
          const e = err as childProcess.ExecFileException;
          let error: string;
          if (e.code === 'ENOENT') error = vscode.l10n.t('{0} was not found.', command);
          else if (e.killed || e.signal === 'SIGTERM') error = vscode.l10n.t('{0} did not finish within {1} s.', command, Math.round(timeout / 1000));
          else if (typeof e.code === 'number') {
            error = stderr ? vscode.l10n.t('{0} exited with code {1}: {2}.', command, e.code, lastLine(stderr)) : vscode.l10n.t('{0} exited with code {1}.', command, e.code);
          } else error = vscode.l10n.t('{0} could not be run: {1}', command, e.message);
          resolve({ ok: false, code: typeof e.code === 'number' ? e.code : null, stdout: String(stdout ?? ''), stderr: String(stderr ?? ''), error });
        },
      );
    } catch (e) {
      resolve({ ok: false, code: null, stdout: '', stderr: '', error: vscode.l10n.t('{0} could not be run: {1}', command, (e as Error).message) });
      return;
    }
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

function lastLine(text: string): string {
  const lines = text.trim().split(/\r?\n/);
  return lines[lines.length - 1].slice(0, 300);
}
