// One analysis of an editor document as plain data (text, kind, options in; findings out). The
// extension host and the analysis worker both run `runJob`, so both paths give the same findings.
import { analyzeManifestDetailed } from './manifests';
import { analyzeNotebook } from './notebook';
import { analyzePython } from './python';
import type { AnalysisOptions, Finding, LibraryVersion, NotebookCell } from './types';

/** What the checks make of a text document (a notebook cell goes through its notebook). */
export type TextKind = 'python' | 'manifest' | 'python+manifest';

/** `AnalysisOptions` without functions: what can be copied to a worker thread. */
export type PlainOptions = Omit<AnalysisOptions, 'libraryVersions'> & { libraryVersions?: Record<string, LibraryVersion> };

export type AnalysisJob =
  | { type: 'text'; kind: TextKind; name: string; text: string; options: PlainOptions }
  | { type: 'cells'; cells: NotebookCell[]; options: PlainOptions };

/** Why a file could not be checked: its text does not parse as its format, or the engine failed. The editor words it. */
export type AnalysisProblem = { error: { message: string; line: number; column: number } } | { failed: string };

export interface JobResult {
  findings: Finding[];
  problem?: AnalysisProblem;
}

function failed(e: unknown): AnalysisProblem {
  return { failed: e instanceof Error ? e.message : String(e) };
}

/** Findings of a Python file or manifest text; `name` is the file's base name. Never throws. */
export function analyzeText(kind: TextKind, name: string, text: string, options: AnalysisOptions): JobResult {
  const findings: Finding[] = [];
  let problem: AnalysisProblem | undefined;
  try {
    if (kind === 'python' || kind === 'python+manifest') findings.push(...analyzePython(text, options));
    if (kind === 'manifest' || kind === 'python+manifest') {
      const result = analyzeManifestDetailed(name, text, options);
      findings.push(...result.findings);
      if (result.error) problem = { error: { message: result.error.message, line: result.error.line, column: result.error.column } };
    }
  } catch (e) {
    // An engine bug must cost one file's diagnostics, never the extension host (or the worker).
    problem = failed(e);
  }
  return { findings, problem };
}

/** Findings of a notebook's cells, analysed as one program. Never throws. */
export function analyzeCells(cells: NotebookCell[], options: AnalysisOptions): JobResult {
  try {
    return { findings: analyzeNotebook(cells, options) };
  } catch (e) {
    return { findings: [], problem: failed(e) };
  }
}

export function runJob(job: AnalysisJob): JobResult {
  return job.type === 'text' ? analyzeText(job.kind, job.name, job.text, job.options) : analyzeCells(job.cells, job.options);
}

/** The options with the library versions looked up now (the editor's lookup is a function, which cannot be copied). */
export function plainOptions(options: AnalysisOptions): PlainOptions {
  const { libraryVersions, ...rest } = options;
  const versions = typeof libraryVersions === 'function' ? libraryVersions() : libraryVersions;
  return versions ? { ...rest, libraryVersions: versions } : rest;
}

/** Characters of text the job analyses. */
export function jobSize(job: AnalysisJob): number {
  return job.type === 'text' ? job.text.length : job.cells.reduce((n, c) => n + c.source.length, 0);
}
