import * as assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/analysis/edits';
import type { TextEdit } from '../../src/core/analysis/types';

const edit = (l1: number, c1: number, l2: number, c2: number, newText: string): TextEdit => ({ range: { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } }, newText });

describe('applyEdits', () => {
  it('applies non-overlapping edits in any order', () => {
    assert.equal(applyEdits('abc\ndef\n', [edit(1, 0, 1, 1, 'D'), edit(0, 1, 0, 2, 'B')]), 'aBc\nDef\n');
  });
  it('handles insertions, deletions and multi-line ranges', () => {
    assert.equal(applyEdits('abc\ndef', [edit(0, 3, 0, 3, '!'), edit(0, 1, 1, 1, '')]), 'aef');
    assert.equal(applyEdits('abc', [edit(0, 1, 0, 1, 'x'), edit(0, 1, 0, 1, 'y')]), 'axybc');
  });
  it('counts CRLF and CR line ends as VS Code does', () => {
    assert.equal(applyEdits('a\r\nb\rc', [edit(1, 0, 1, 1, 'B'), edit(2, 0, 2, 1, 'C')]), 'a\r\nB\rC');
  });
  it('applies identical duplicates once and drops an edit overlapping an accepted one', () => {
    assert.equal(applyEdits('load_boston()', [edit(0, 0, 0, 11, 'fetch'), edit(0, 0, 0, 11, 'fetch')]), 'fetch()');
    assert.equal(applyEdits('abcdef', [edit(0, 0, 0, 3, 'X'), edit(0, 2, 0, 4, 'Y')]), 'Xdef');
  });
  it('clamps positions past the end of a line or the text', () => {
    assert.equal(applyEdits('ab\ncd', [edit(0, 99, 0, 99, '!'), edit(9, 0, 9, 0, '?')]), 'ab!\ncd?');
  });
});
