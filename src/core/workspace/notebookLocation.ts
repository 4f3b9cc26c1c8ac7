// Where a notebook cell's position sits inside the `.ipynb` JSON text, for findings of notebooks that are
// not open as notebooks (a workspace scan reports them on the file itself). Pure: no `vscode`.
import type { Position } from '../analysis/types';

/**
 * The JSON position of `position` (line and character within the cell) in cell `cellIndex`, whose text is
 * `cellSource`. Works on the layout Jupyter and VS Code write (one JSON string per source line); anything
 * else falls back to the cell's start, then to the top of the file.
 */
export function locateInNotebookJson(json: string, cellIndex: number, cellSource: string, position: Position): Position {
  const cellStarts: number[] = [];
  for (let at = json.indexOf('"cell_type"'); at >= 0; at = json.indexOf('"cell_type"', at + 1)) cellStarts.push(at);
  const cellStart = cellStarts[cellIndex];
  if (cellStart === undefined) return { line: 0, character: 0 };
  const cellEnd = cellStarts[cellIndex + 1] ?? json.length;
  const sourceKey = json.indexOf('"source"', cellStart);
  if (sourceKey < 0 || sourceKey >= cellEnd) return positionAt(json, cellStart);

  const lines = cellSource.split('\n');
  const lineText = (lines[position.line] ?? '').replace(/\r$/, '');
  // The encoded line without its closing quote (it is followed by `\n"` or `"` in the file); identical
  // lines earlier in the cell are skipped so the n-th copy maps to the n-th occurrence.
  const needle = JSON.stringify(lineText).slice(0, -1);
  let copiesBefore = lines.slice(0, position.line).filter((l) => l.replace(/\r$/, '') === lineText).length;
  let found = json.indexOf(needle, sourceKey);
  while (found >= 0 && found < cellEnd && copiesBefore > 0) {
    found = json.indexOf(needle, found + needle.length);
    copiesBefore--;
  }
  if (found < 0 || found >= cellEnd) return positionAt(json, cellStart);
  const character = Math.min(position.character, lineText.length);
  return positionAt(json, found + JSON.stringify(lineText.slice(0, character)).length - 1);
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
