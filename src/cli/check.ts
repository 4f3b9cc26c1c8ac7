// Checking one file: read it, run the engine that fits its kind, apply fixes when asked, write it back.
import * as fs from 'node:fs';
import { applyEdits } from '../core/analysis/edits';
import { LibraryVersionLookup } from '../core/analysis/libraryVersions';
import { analyzeManifestDetailed, isManifest } from '../core/analysis/manifests';
import { analyzeNotebook, applyCellEdits, parseNotebook } from '../core/analysis/notebook';
import { analyzePython } from '../core/analysis/python';
import type { AnalysisOptions, Finding, Fix, NotebookCell, Position, Range, TextEdit } from '../core/analysis/types';
import { locateInNotebookJson } from '../core/workspace/notebookLocation';
import { MAX_FILE_BYTES, MAX_NOTEBOOK_BYTES, readText, type Target } from './files';

export interface FixPolicy {
  apply: boolean;
  unsafe: boolean;
  /** False for `--diff`: fixes are computed and returned, files are left alone. */
  write?: boolean;
}

/** A fix that was applied (or, with `--diff`, would be). */
export interface AppliedFix {
  rule: Finding['rule'];
  title: string;
}

/** A finding with, for notebooks, where it sits in the `.ipynb` JSON text (SARIF, GitHub and GitLab point at file lines). */
export interface CheckedFinding extends Finding {
  fileRange?: Range;
}

export interface FileResult {
  findings: CheckedFinding[];
  /** Why the file could not be checked; at most one per file. */
  error?: { message: string; line?: number; column?: number };
  fixesApplied: number;
  applied?: AppliedFix[];
  /** The text before and after fixes, when fixes changed it and were not written (`--diff`, standard input). */
  changed?: { before: string; after: string };
  /** How the file was read, when that is worth a line (decoded leniently, say). */
  note?: string;
}

/** Fix passes per file: a fix can reveal or enable another (as in Ruff); bounded so a loop cannot hang. */
const MAX_FIX_PASSES = 8;

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlaps(a: Range, b: Range): boolean {
  return before(a.start, b.end) && before(b.start, a.end);
}

export function eligibleFix(finding: Finding, policy: FixPolicy): Fix | undefined {
  return finding.fixes.find((f) => f.edits.length > 0 && (f.safe || policy.unsafe));
}

/** An edit with the cell it applies to (notebooks; `undefined` for plain files). */
interface PlacedEdit extends TextEdit {
  cell?: number;
}

/** Whole fixes whose edits touch no edit of a fix already chosen (half a fix could break the code). */
function chooseFixes(findings: Finding[], policy: FixPolicy): { fixes: number; edits: PlacedEdit[]; chosen: AppliedFix[] } {
  const edits: PlacedEdit[] = [];
  const chosen: AppliedFix[] = [];
  let fixes = 0;
  for (const finding of findings) {
    const fix = eligibleFix(finding, policy);
    if (!fix) continue;
    const placed = fix.edits.map((e) => ({ ...e, cell: e.cell ?? finding.cell }));
    const clash = placed.some((e) => edits.some((t) => t.cell === e.cell && (overlaps(e.range, t.range) || sameRange(e.range, t.range))));
    if (clash) continue;
    fixes++;
    chosen.push({ rule: finding.rule, title: fix.title });
    edits.push(...placed);
  }
  return { fixes, edits, chosen };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Runs `analyze` and applies chosen fixes until none is left; returns the final text and findings. */
function fixLoop(text: string, analyze: (t: string) => Finding[], policy: FixPolicy, log: AppliedFix[]): { text: string; findings: Finding[]; applied: number } {
  let findings = analyze(text);
  let applied = 0;
  if (!policy.apply) return { text, findings, applied };
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const chosen = chooseFixes(findings, policy);
    if (chosen.fixes === 0) break;
    const next = applyEdits(text, chosen.edits);
    if (next === text) break;
    text = next;
    applied += chosen.fixes;
    log.push(...chosen.chosen);
    findings = analyze(text);
  }
  return { text, findings, applied };
}

function write(file: string, text: string, bom: boolean): string | undefined {
  try {
    fs.writeFileSync(file, (bom ? '\uFEFF' : '') + text);
    return undefined;
  } catch (e) {
    return `cannot write fixes: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Versions pinned by the manifests closest to each file (one lookup per thread, folders read once). */
const libraryVersions = new LibraryVersionLookup();

/** `options` with the versions of the manifests closest to `file`, looked up only if a finding needs them. */
function withVersions(options: AnalysisOptions, file: string): AnalysisOptions {
  return options.libraryVersions !== undefined ? options : { ...options, libraryVersions: () => libraryVersions.forFile(file) };
}

/** A file's text and whether fixes may be written back to it. */
interface Source {
  file: string;
  text: string;
  bom: boolean;
  /** False for standard input. */
  writable: boolean;
}

function finish(source: Source, final: string, findings: CheckedFinding[], applied: number, log: AppliedFix[], policy: FixPolicy): FileResult {
  if (applied === 0) return { findings, fixesApplied: 0 };
  if (!source.writable || policy.write === false) return { findings, fixesApplied: applied, applied: log, changed: { before: source.text, after: final } };
  const error = write(source.file, final, source.bom);
  return error ? { findings, fixesApplied: 0, error: { message: error } } : { findings, fixesApplied: applied, applied: log };
}

function withNote(result: FileResult, note: string | undefined): FileResult {
  return note === undefined ? result : { ...result, note };
}

/** Checks a file from disk, or the text given for it (standard input), with the target's options. */
export function checkFile(target: Target, policy: FixPolicy): FileResult {
  let source: Source;
  let note: string | undefined;
  if (target.text !== undefined) {
    const text = target.text.charCodeAt(0) === 0xfeff ? target.text.slice(1) : target.text;
    source = { file: target.file, text, bom: false, writable: false };
  } else {
    const read = readText(target.file, target.kind === 'notebook' ? MAX_NOTEBOOK_BYTES : MAX_FILE_BYTES, target.kind === 'python');
    if ('error' in read) return { findings: [], error: { message: read.error }, fixesApplied: 0 };
    source = { file: target.file, text: read.text, bom: read.bom, writable: true };
    note = read.note;
    // Fixes are written as UTF-8: a file in another encoding, or read with bytes replaced, is not rewritten.
    if (policy.apply && (read.encoding !== 'utf-8' || read.note)) {
      policy = { ...policy, apply: false };
      note = [note, `fixes not applied: the file is ${read.note ? 'not valid text in its encoding' : `in ${read.encoding}`} and would be rewritten as UTF-8`].filter(Boolean).join('; ');
    }
  }
  // For standard input the versions are those of the manifests around the name it was given.
  const options = withVersions(target.options, target.file);
  try {
    switch (target.kind) {
      case 'python':
        return withNote(checkPython(source, options, policy), note);
      case 'notebook':
        return withNote(checkNotebook(source, options, policy), note);
      case 'manifest':
        return withNote(checkManifest(source, options, policy), note);
    }
  } catch (e) {
    // An engine bug on one file is reported for that file and the run goes on.
    return { findings: [], error: { message: `internal error while checking: ${e instanceof Error ? e.message : String(e)}` }, fixesApplied: 0 };
  }
}

function checkPython(source: Source, options: AnalysisOptions, policy: FixPolicy): FileResult {
  const log: AppliedFix[] = [];
  const code = fixLoop(source.text, (t) => analyzePython(t, options), policy, log);
  let findings = code.findings;
  let applied = code.applied;
  let final = code.text;
  // setup.py is code and a manifest (python_requires, install_requires): both checks apply.
  if (isManifest(source.file)) {
    const manifest = fixLoop(final, (t) => analyzeManifestDetailed(source.file, t, options).findings, policy, log);
    findings = [...findings, ...manifest.findings];
    applied += manifest.applied;
    final = manifest.text;
  }
  return finish(source, final, findings, applied, log, policy);
}

function checkManifest(source: Source, options: AnalysisOptions, policy: FixPolicy): FileResult {
  const first = analyzeManifestDetailed(source.file, source.text, options);
  if (first.error) return { findings: [], error: first.error, fixesApplied: 0 };
  const log: AppliedFix[] = [];
  const result = fixLoop(source.text, (t) => analyzeManifestDetailed(source.file, t, options).findings, policy, log);
  return finish(source, result.text, result.findings, result.applied, log, policy);
}

interface NotebookJson {
  cells: { source?: string | string[] }[];
}

/** Cell sources as nbformat stores them: a list of lines each keeping its `\n`, or one string. */
function storeSource(original: string | string[] | undefined, text: string): string | string[] {
  if (typeof original === 'string') return text;
  return text.split(/(?<=\n)/).filter((l) => l !== '');
}

function inJson(findings: Finding[], json: string, cells: NotebookCell[]): CheckedFinding[] {
  return findings.map((f) => {
    const cell = f.cell ?? 0;
    const source = cells[cell]?.source ?? '';
    const start = locateInNotebookJson(json, cell, source, f.range.start);
    const end = f.range.end.line === f.range.start.line ? { line: start.line, character: start.character + f.range.end.character - f.range.start.character } : locateInNotebookJson(json, cell, source, f.range.end);
    return { ...f, fileRange: { start, end } };
  });
}

function checkNotebook(source: Source, options: AnalysisOptions, policy: FixPolicy): FileResult {
  const text = source.text;
  const parsed = parseNotebook(text);
  if ('error' in parsed) return { findings: [], error: { message: parsed.error }, fixesApplied: 0 };
  let cells: NotebookCell[] = parsed.cells;
  let findings = analyzeNotebook(cells, options);
  if (!policy.apply) return { findings: inJson(findings, text, cells), fixesApplied: 0 };

  let applied = 0;
  const log: AppliedFix[] = [];
  const changed = new Set<number>();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const chosen = chooseFixes(findings, policy);
    const edits = chosen.edits.filter((e) => e.cell !== undefined && e.cell < cells.length);
    if (edits.length === 0) break;
    const next = applyCellEdits(cells, edits);
    let progressed = false;
    next.forEach((cell, i) => {
      if (cell.source !== cells[i].source) {
        changed.add(i);
        progressed = true;
      }
    });
    if (!progressed) break;
    cells = next;
    applied += chosen.fixes;
    log.push(...chosen.chosen);
    findings = analyzeNotebook(cells, options);
  }
  if (changed.size === 0) return { findings: inJson(findings, text, cells), fixesApplied: 0 };

  const out = notebookWithCells(text, cells, changed);
  if (out === undefined) return { findings, fixesApplied: 0, error: { message: 'fixes not written: only nbformat 4 notebooks (with a "cells" list) can be fixed' } };
  return finish(source, out, inJson(findings, out, cells), applied, log, policy);
}

/** The notebook's JSON with only the `changed` cells' `source` rewritten, keeping the rest and its indentation; undefined for a notebook without a "cells" list. */
export function notebookWithCells(text: string, cells: readonly NotebookCell[], changed: Iterable<number>): string | undefined {
  const json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Partial<NotebookJson>;
  if (!Array.isArray(json.cells)) return undefined;
  for (const i of changed) json.cells[i].source = storeSource(json.cells[i].source, cells[i].source);
  const indent = /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? 1;
  return JSON.stringify(json, null, indent) + (text.endsWith('\n') ? '\n' : '');
}
