// One question to a Python interpreter, answered in one run: its version, the real executable behind any
// shim (pyenv, conda, a `python3` on PATH), whether it is a virtual or conda environment, and its installed
// distributions. Asking once means the version and the packages always come from the same Python. Pure.
import { majorMinor } from './interpreter';

/** Printed as one JSON line by the interpreter. */
export const PROBE_SCRIPT = [
  'import importlib.metadata as md, json, os, platform, sys',
  'pkgs = {}',
  'for d in md.distributions():',
  '    try:',
  '        name = d.metadata["Name"]',
  '        if name and name not in pkgs: pkgs[name] = d.version',
  '    except Exception:',
  '        pass',
  'print(json.dumps({"version": platform.python_version(), "executable": sys.executable, "prefix": sys.prefix,',
  '    "base_prefix": getattr(sys, "base_prefix", sys.prefix), "conda": os.path.isdir(os.path.join(sys.prefix, "conda-meta")),',
  '    "packages": pkgs}))',
].join('\n');

export type EnvironmentKind = 'venv' | 'conda' | 'global';

export interface ProbeResult {
  version: string;
  /** `sys.executable`: the program that really ran. */
  executable: string;
  prefix: string;
  kind: EnvironmentKind;
  /** Distribution name as published → version. */
  packages: Record<string, string>;
}

/** Reads the probe's output (its last line); undefined when it is not the probe's JSON. */
export function parseProbe(stdout: string): ProbeResult | undefined {
  const last = stdout.trim().split(/\r?\n/).pop() ?? '';
  let raw: unknown;
  try {
    raw = JSON.parse(last);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.version !== 'string' || !/^\d+\.\d+/.test(r.version) || typeof r.executable !== 'string') return undefined;
  const prefix = typeof r.prefix === 'string' ? r.prefix : '';
  const basePrefix = typeof r.base_prefix === 'string' ? r.base_prefix : prefix;
  const packages: Record<string, string> = {};
  if (typeof r.packages === 'object' && r.packages !== null) {
    for (const [name, version] of Object.entries(r.packages as Record<string, unknown>)) if (typeof version === 'string') packages[name] = version;
  }
  // A venv (or virtualenv) has its own prefix; a conda environment, base included, has conda-meta.
  const kind: EnvironmentKind = prefix !== basePrefix ? 'venv' : r.conda === true ? 'conda' : 'global';
  return { version: r.version, executable: r.executable, prefix, kind, packages };
}

/** True when `version` is older than `minimum` ("3.11"); false when either is unreadable. */
export function isBelowMinimum(version: string | undefined, minimum: string): boolean {
  const v = majorMinor(version);
  const m = majorMinor(minimum);
  if (!v || !m) return false;
  return v[0] < m[0] || (v[0] === m[0] && v[1] < m[1]);
}

/** Why installing packages into this interpreter deserves a second thought; empty when it is fine. */
export function installConcerns(interpreter: { version?: string; kind?: EnvironmentKind; executable?: string }, minimum: string): string[] {
  const concerns: string[] = [];
  if (interpreter.kind === 'global') {
    concerns.push(`${interpreter.executable ?? 'This Python'} is not a virtual environment: packages installed into it are shared by every project that uses this Python, and a system Python may refuse them ("externally managed").`);
  }
  if (isBelowMinimum(interpreter.version, minimum)) {
    concerns.push(`Python ${interpreter.version} is older than the minimum ${minimum}: current releases of the ML libraries may not install or may install old versions.`);
  }
  return concerns;
}

/** Where `python -m venv .venv` puts its interpreter. */
export function venvPython(folder: string, platform: NodeJS.Platform, dirName = '.venv'): string {
  const sep = platform === 'win32' ? '\\' : '/';
  return platform === 'win32' ? `${folder}${sep}${dirName}${sep}Scripts${sep}python.exe` : `${folder}${sep}${dirName}${sep}bin${sep}python`;
}
