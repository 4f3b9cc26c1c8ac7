// `--add-noqa`: writes `# pyai: ignore[rule]` on the line of each finding (as Ruff adds `# noqa`),
// with the same edit as the editor's "Ignore on this line" fix: an existing directive is extended,
// a line inside a multi-line string or ending in `\` gets it on the statement's next line that can
// take a comment. A second run adds nothing.
import * as fs from 'node:fs';
import { applyEdits } from '../core/analysis/edits';
import { analyzeNotebook, parseNotebook } from '../core/analysis/notebook';
import { analyzePython } from '../core/analysis/python';
import { ignoreLineEdit } from '../core/analysis/suppressions';
import type { Finding, NotebookCell } from '../core/analysis/types';
import { notebookWithCells } from './check';
import { MAX_FILE_BYTES, MAX_NOTEBOOK_BYTES, readText, type Target } from './files';

export interface NoqaResult {
  /** Directives added (or rules added to an existing one). */
  added: number;
  /** Why nothing was written to this file. */
  skipped?: string;
}

/** `text` with a directive for each finding's rule on its line. */
function suppress(text: string, findings: readonly Finding[]): { text: string; added: number } {
  let added = 0;
  for (const f of findings) {
    const edit = ignoreLineEdit(text, f.range.start.line, f.rule);
    if (!edit) continue;
    text = applyEdits(text, [edit]);
    added++;
  }
  return { text, added };
}

/** Adds directives to one Python file or notebook; manifests and standard input are left alone. */
export function addNoqa(target: Target): NoqaResult {
  if (target.text !== undefined) return { added: 0, skipped: 'standard input cannot be changed' };
  if (target.kind === 'manifest') return { added: 0 };
  const read = readText(target.file, target.kind === 'notebook' ? MAX_NOTEBOOK_BYTES : MAX_FILE_BYTES, target.kind === 'python');
  if ('error' in read) return { added: 0, skipped: read.error };
  if (read.encoding !== 'utf-8' || read.note) return { added: 0, skipped: 'not written: the file is not UTF-8 and would be rewritten as UTF-8' };
  let out: string | undefined;
  let added = 0;
  if (target.kind === 'python') {
    const result = suppress(read.text, analyzePython(read.text, target.options));
    out = result.text;
    added = result.added;
  } else {
    const parsed = parseNotebook(read.text);
    if ('error' in parsed) return { added: 0, skipped: parsed.error };
    const findings = analyzeNotebook(parsed.cells, target.options);
    const cells: NotebookCell[] = parsed.cells.map((c) => ({ ...c }));
    const changed = new Set<number>();
    for (const [i, cell] of cells.entries()) {
      const result = suppress(cell.source, findings.filter((f) => f.cell === i));
      if (result.added === 0) continue;
      cells[i] = { ...cell, source: result.text };
      changed.add(i);
      added += result.added;
    }
    if (added === 0) return { added: 0 };
    out = notebookWithCells(read.text, cells, changed);
    if (out === undefined) return { added: 0, skipped: 'only nbformat 4 notebooks (with a "cells" list) can be changed' };
  }
  if (added === 0) return { added: 0 };
  try {
    fs.writeFileSync(target.file, (read.bom ? '\uFEFF' : '') + out);
  } catch (e) {
    return { added: 0, skipped: `cannot write: ${e instanceof Error ? e.message : String(e)}` };
  }
  return { added };
}
