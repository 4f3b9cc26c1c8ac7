// Checking one file: read it, run the engine that fits its kind, apply fixes when asked, write it back.
import * as fs from 'node:fs';
import { applyEdits } from '../core/analysis/edits';
import { LibraryVersionLookup } from '../core/analysis/libraryVersions';
import { analyzeManifestDetailed, isManifest } from '../core/analysis/manifests';
import { analyzeNotebook, applyCellEdits, parseNotebook } from '../core/analysis/notebook';
import { analyzePython } from '../core/analysis/python';
import type { AnalysisOptions, Finding, Fix, NotebookCell, Position, Range, TextEdit } from '../core/analysis/types';
import { MAX_FILE_BYTES, MAX_NOTEBOOK_BYTES, readText, type Target } from './files';

export interface FixPolicy {
  apply: boolean;
  unsafe: boolean;
}

export interface FileResult {
  findings: Finding[];
  /** Why the file could not be checked; at most one per file. */
  error?: { message: string; line?: number; column?: number };
  fixesApplied: number;
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
function chooseFixes(findings: Finding[], policy: FixPolicy): { fixes: number; edits: PlacedEdit[] } {
  const edits: PlacedEdit[] = [];
  let fixes = 0;
  for (const finding of findings) {
    const fix = eligibleFix(finding, policy);
    if (!fix) continue;
    const placed = fix.edits.map((e) => ({ ...e, cell: e.cell ?? finding.cell }));
    const clash = placed.some((e) => edits.some((t) => t.cell === e.cell && (overlaps(e.range, t.range) || sameRange(e.range, t.range))));
    if (clash) continue;
    fixes++;
    edits.push(...placed);
  }
  return { fixes, edits };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Runs `analyze` and applies chosen fixes until none is left; returns the final text and findings. */
function fixLoop(text: string, analyze: (t: string) => Finding[], policy: FixPolicy): { text: string; findings: Finding[]; applied: number } {
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

export function checkFile(target: Target, options: AnalysisOptions, policy: FixPolicy): FileResult {
  options = withVersions(options, target.file);
  const read = readText(target.file, target.kind === 'notebook' ? MAX_NOTEBOOK_BYTES : MAX_FILE_BYTES);
  if ('error' in read) return { findings: [], error: { message: read.error }, fixesApplied: 0 };
  try {
    switch (target.kind) {
      case 'python':
        return checkPython(target.file, read.text, read.bom, options, policy);
      case 'notebook':
        return checkNotebook(target.file, read.text, read.bom, options, policy);
      case 'manifest':
        return checkManifest(target.file, read.text, read.bom, options, policy);
    }
  } catch (e) {
    // An engine bug on one file is reported for that file and the run goes on.
    return { findings: [], error: { message: `internal error while checking: ${e instanceof Error ? e.message : String(e)}` }, fixesApplied: 0 };
  }
}

function checkPython(file: string, text: string, bom: boolean, options: AnalysisOptions, policy: FixPolicy): FileResult {
  const code = fixLoop(text, (t) => analyzePython(t, options), policy);
  let findings = code.findings;
  let applied = code.applied;
  let final = code.text;
  // setup.py is code and a manifest (python_requires, install_requires): both checks apply.
  if (isManifest(file)) {
    const manifest = fixLoop(final, (t) => analyzeManifestDetailed(file, t, options).findings, policy);
    findings = [...findings, ...manifest.findings];
    applied += manifest.applied;
    final = manifest.text;
  }
  const error = applied > 0 ? write(file, final, bom) : undefined;
  return { findings, fixesApplied: error ? 0 : applied, error: error ? { message: error } : undefined };
}

function checkManifest(file: string, text: string, bom: boolean, options: AnalysisOptions, policy: FixPolicy): FileResult {
  const first = analyzeManifestDetailed(file, text, options);
  if (first.error) return { findings: [], error: first.error, fixesApplied: 0 };
  const result = fixLoop(text, (t) => analyzeManifestDetailed(file, t, options).findings, policy);
  const error = result.applied > 0 ? write(file, result.text, bom) : undefined;
  return { findings: result.findings, fixesApplied: error ? 0 : result.applied, error: error ? { message: error } : undefined };
}

interface NotebookJson {
  cells: { source?: string | string[] }[];
}

/** Cell sources as nbformat stores them: a list of lines each keeping its `\n`, or one string. */
function storeSource(original: string | string[] | undefined, text: string): string | string[] {
  if (typeof original === 'string') return text;
  return text.split(/(?<=\n)/).filter((l) => l !== '');
}

function checkNotebook(file: string, text: string, bom: boolean, options: AnalysisOptions, policy: FixPolicy): FileResult {
  const parsed = parseNotebook(text);
  if ('error' in parsed) return { findings: [], error: { message: parsed.error }, fixesApplied: 0 };
  let cells: NotebookCell[] = parsed.cells;
  let findings = analyzeNotebook(cells, options);
  if (!policy.apply) return { findings, fixesApplied: 0 };

  let applied = 0;
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
    findings = analyzeNotebook(cells, options);
  }
  if (changed.size === 0) return { findings, fixesApplied: 0 };

  // Rewrite only the changed cells' `source`, keeping the rest of the JSON and its indentation.
  const json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Partial<NotebookJson>;
  if (!Array.isArray(json.cells)) {
    return { findings, fixesApplied: 0, error: { message: 'fixes not written: only nbformat 4 notebooks (with a "cells" list) can be fixed' } };
  }
  for (const i of changed) json.cells[i].source = storeSource(json.cells[i].source, cells[i].source);
  const indent = /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? 1;
  const out = JSON.stringify(json, null, indent) + (text.endsWith('\n') ? '\n' : '');
  const error = write(file, out, bom);
  return { findings, fixesApplied: error ? 0 : applied, error: error ? { message: error } : undefined };
}
