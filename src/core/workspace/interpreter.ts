// Findings about the selected Python interpreter (its version comes from the environment service).
// Pure: no `vscode`. The finding has no natural place in a file; the editor attaches it to the
// project's main manifest or first Python file.
import { severityOf } from '../analysis/catalogue';
import type { AnalysisOptions, Finding, Range } from '../analysis/types';
import { msg, said } from '../l10n/text';

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Findings about the selected interpreter (not about a file's text) start so; no line comment silences them. */
const INTERPRETER_MESSAGE = 'The selected interpreter is Python ';

export function isInterpreterFinding(finding: Pick<Finding, 'rule' | 'message'>): boolean {
  return (finding.rule === 'python-version' || finding.rule === 'python2') && finding.message.startsWith(INTERPRETER_MESSAGE);
}

/** `"3.8.10"` → [3, 8]; undefined for anything that is not a version. */
export function majorMinor(version: string | undefined): [number, number] | undefined {
  const m = /^\s*(\d+)\.(\d+)/.exec(version ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/**
 * `python2` when the interpreter is Python 2, `python-version` when it is older than the minimum.
 * `range` is where to show it in the host document (its first line by default).
 */
export function interpreterFindings(
  interpreter: { path: string; version?: string },
  options: AnalysisOptions | undefined,
  range: Range = START,
): Finding[] {
  const version = majorMinor(interpreter.version);
  if (!version) return [];
  const [major, minor] = version;
  const shown = interpreter.version!.trim();
  if (major === 2) {
    const severity = severityOf('python2', options);
    if (!severity) return [];
    return [{
      rule: 'python2',
      severity,
      range,
      ...said(msg('The selected interpreter is Python {0} ({1}). Python 2 reached end of life on 2020-01-01 and current NumPy, pandas, scikit-learn and PyTorch releases need Python 3: select a Python 3 interpreter.', shown, interpreter.path)),
      fixes: [],
    }];
  }
  const minimum = majorMinor(options?.minimumPython ?? '3.11') ?? [3, 11];
  if (major > minimum[0] || (major === minimum[0] && minor >= minimum[1])) return [];
  const severity = severityOf('python-version', options);
  if (!severity) return [];
  return [{
    rule: 'python-version',
    severity,
    range,
    ...said(msg('The selected interpreter is Python {0} ({1}), older than the minimum {2}: recent releases of the ML libraries drop old Pythons. Select a Python {2} or newer interpreter.', shown, interpreter.path, minimum.join('.'))),
    fixes: [],
  }];
}
