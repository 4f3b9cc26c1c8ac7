// Where a notebook cell's line sits inside the `.ipynb` JSON text, for findings of notebooks that are
// not open as notebooks (a workspace scan reports them on the file itself). Pure: no `vscode`.
import type { Position } from '../analysis/types';

/**
 * The JSON position of `character` on line `lineInCell` of cell `cellIndex`, whose text is `lineText`.
 * Works on the layout Jupyter and VS Code write (one JSON string per source line); anything else falls
 * back to the cell's start, then to the top of the file.
 */
export function locateInNotebookJson(json: string, cellIndex: number, lineInCell: number, lineText: string, character: number): Position {
  const cellStarts: number[] = [];
  for (let at = json.indexOf('"cell_type"'); at >= 0; at = json.indexOf('"cell_type"', at + 1)) cellStarts.push(at);
  const cellStart = cellStarts[cellIndex];
  if (cellStart === undefined) return { line: 0, character: 0 };
  const cellEnd = cellStarts[cellIndex + 1] ?? json.length;
  const sourceKey = json.indexOf('"source"', cellStart);
  let offset = cellStart;
  if (sourceKey >= 0 && sourceKey < cellEnd) {
    // The encoded line without its closing quote: it is followed by `\n"` or `"` in the file.
    const needle = JSON.stringify(lineText).slice(0, -1);
    let from = sourceKey;
    let found = -1;
    // Identical lines earlier in the cell: skip as many occurrences as there are equal lines before ours.
    for (let seen = 0; ; seen++) {
      found = json.indexOf(needle, from);
      if (found < 0 || found >= cellEnd) {
        found = -1;
        break;
      }
      if (seen >= lineInCell || !repeatsBefore(lineText)) break;
      from = found + needle.length;
      if (seen >= lineInCell) break;
    }
    if (found >= 0) offset = found + JSON.stringify(lineText.slice(0, character)).length - 1;
  }
  return positionAt(json, offset);
}

// Duplicate lines are rare in real cells; skipping only happens for blank-ish ones we cannot tell apart.
function repeatsBefore(lineText: string): boolean {
  return lineText.trim().length === 0;
}

function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
