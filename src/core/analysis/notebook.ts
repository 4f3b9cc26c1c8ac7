// Jupyter notebooks: reading .ipynb JSON (nbformat 4 and 3) and analysing the code cells as one
// program, so an import in the first cell counts in the fifth. IPython magics and shell lines
// are blanked (same length, so offsets stay put) before scanning.
import { scanRegions } from '../python/scanner';
import { analyzeScan, Locator, worthScanning } from './engine';
import type { AnalysisOptions, Finding, NotebookCell, TextEdit } from './types';
import { applyEdits } from './edits';

function sourceText(source: unknown): string | undefined {
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((s) => typeof s === 'string')) return source.join('');
  if (source === undefined || source === null) return '';
  return undefined;
}

function cellKind(type: unknown): NotebookCell['kind'] {
  if (type === 'code') return 'code';
  if (type === 'markdown' || type === 'heading') return 'markdown';
  return 'raw';
}

/** The cells of an .ipynb file, or a message saying why it cannot be read. */
export function parseNotebook(text: string): { cells: NotebookCell[] } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { error: `not a valid notebook: the file is not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { error: 'not a valid notebook: expected a JSON object with a "cells" list' };
  }
  const nb = json as { cells?: unknown; worksheets?: unknown };
  let rawCells: unknown[];
  if (Array.isArray(nb.cells)) rawCells = nb.cells;
  else if (Array.isArray(nb.worksheets)) {
    // nbformat 3: cells live in worksheets, code cells keep their text in `input`
    rawCells = [];
    for (const ws of nb.worksheets) {
      const cells = (ws as { cells?: unknown } | null)?.cells;
      if (Array.isArray(cells)) rawCells.push(...cells);
    }
  } else {
    return { error: 'not a valid notebook: no "cells" list (nbformat 4) or "worksheets" (nbformat 3)' };
  }
  const cells: NotebookCell[] = [];
  for (let k = 0; k < rawCells.length; k++) {
    const c = rawCells[k] as { cell_type?: unknown; source?: unknown; input?: unknown } | null;
    if (typeof c !== 'object' || c === null) return { error: `not a valid notebook: cell ${k} is not an object` };
    const kind = cellKind(c.cell_type);
    const source = sourceText(kind === 'code' && c.source === undefined ? c.input : c.source);
    if (source === undefined) return { error: `not a valid notebook: cell ${k} has a "source" that is neither a string nor a list of strings` };
    cells.push({ kind, source });
  }
  return { cells };
}

/** Cell magics whose body is still Python (`%%time` then code); any other `%%` magic makes the cell not Python. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'memit', 'snakeviz', 'scalene']);

function blank(line: string): string {
  return ' '.repeat(line.length);
}

/** The cell's source with IPython-only lines replaced by spaces (same length, so offsets hold). */
export function maskMagics(source: string): string {
  if (!/^[ \t]*[%!?]|[?]$|=\s*[%!]|^[ \t]*[\w.]+\?/m.test(source)) return source;
  const lines = source.split(/(\r\n|\r|\n)/); // keeps separators at odd indexes
  let first = true;
  for (let k = 0; k < lines.length; k += 2) {
    const line = lines[k];
    const trimmed = line.trimStart();
    if (trimmed === '') continue;
    if (first && trimmed.startsWith('%%')) {
      const name = /^%%(\w+)/.exec(trimmed)?.[1] ?? '';
      if (!PYTHON_CELL_MAGICS.has(name)) return source.replace(/[^\r\n]/g, ' ');
      lines[k] = blank(line);
      first = false;
      continue;
    }
    first = false;
    if (/^[%][%A-Za-z]|^!(?!=)|^\?/.test(trimmed) || /^[\w.]+\s*=\s*[!%][A-Za-z]/.test(trimmed) || /^[\w.]+\?{1,2}$/.test(trimmed.trimEnd())) {
      lines[k] = blank(line);
    }
  }
  return lines.join('');
}

/**
 * Findings for a notebook's cells: the code cells are read as one program, in order; each
 * finding carries `cell` (index into `cells`, markdown included) and a range within that cell.
 */
export function analyzeNotebook(cells: readonly NotebookCell[], options: AnalysisOptions = {}): Finding[] {
  const parts: string[] = [];
  const regions: [number, number][] = [];
  const cellStarts: [number, number][] = [];
  let offset = 0;
  cells.forEach((cell, index) => {
    if (cell.kind !== 'code') return;
    const source = maskMagics(cell.source);
    regions.push([offset, offset + source.length]);
    cellStarts.push([offset, index]);
    parts.push(source, '\n');
    offset += source.length + 1;
  });
  if (regions.length === 0) return [];
  const text = parts.join('');
  if (!worthScanning(text, options, regions)) return [];
  const scan = scanRegions(text, regions);
  return analyzeScan(scan, options, new Locator(text, cellStarts), true);
}

/** Applies edits that carry `cell` to a copy of `cells` (edits without `cell` are ignored). */
export function applyCellEdits(cells: readonly NotebookCell[], edits: readonly TextEdit[]): NotebookCell[] {
  const byCell = new Map<number, TextEdit[]>();
  for (const e of edits) {
    if (e.cell === undefined) continue;
    const list = byCell.get(e.cell) ?? [];
    list.push(e);
    byCell.set(e.cell, list);
  }
  return cells.map((cell, index) => {
    const list = byCell.get(index);
    return list ? { ...cell, source: applyEdits(cell.source, list) } : cell;
  });
}
