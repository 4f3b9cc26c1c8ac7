// Decoding files read from disk as Python reads them (src/core/util/decode.ts): PEP 263
// declarations, byte-order marks, and invalid bytes decoded leniently with a note.
import * as assert from 'node:assert/strict';
import { codecLabel, declaredEncoding, decodeSource } from '../../src/core/util/decode';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const GBK_ZHONGWEN = [0xd6, 0xd0, 0xce, 0xc4]; // 中文

describe('decoding source files', () => {
  it('honours a PEP 263 declaration on line 1 or 2, in every common spelling', () => {
    const latin = decodeSource(bytes('# -*- coding: latin-1 -*-\ns = "caf', [0xe9], '"\n'), true);
    assert.equal(latin.text, '# -*- coding: latin-1 -*-\ns = "café"\n');
    assert.equal(latin.note, undefined);
    const gbk = decodeSource(bytes('#!/usr/bin/env python\n# coding=gbk\ns = "', GBK_ZHONGWEN, '"\n'), true);
    assert.equal(gbk.encoding, 'gb18030');
    assert.match(gbk.text, /s = "中文"/);
    assert.equal(decodeSource(bytes('# vim: set fileencoding=cp1252 :\nx = "', [0x80], '"\n'), true).text, '# vim: set fileencoding=cp1252 :\nx = "€"\n');
    assert.equal(decodeSource(bytes('# coding: utf_8\nx = 1\n'), true).encoding, 'utf-8');
    for (const [name, label] of [['GB2312', 'gb18030'], ['Shift_JIS', 'shift_jis'], ['euc_kr', 'euc-kr'], ['iso8859_15', 'iso-8859-15'], ['cp1251', 'windows-1251'], ['big5', 'big5'], ['koi8_r', 'koi8-r']]) {
      assert.equal(codecLabel(name), label, name);
      assert.doesNotThrow(() => new TextDecoder(label), label);
    }
  });

  it('ignores a declaration on line 3, or on line 2 after a line of code, as Python does', () => {
    assert.equal(declaredEncoding(bytes('#!/usr/bin/env python\n\n# coding: latin-1\n')), undefined);
    assert.equal(declaredEncoding(bytes('import os\n# coding: latin-1\n')), undefined);
    assert.equal(declaredEncoding(bytes('\n# coding: latin-1\n')), 'latin-1');
    assert.equal(declaredEncoding(bytes('x = "# coding: latin-1"\n')), undefined);
    // Only Python files have declarations; a manifest saying so is still UTF-8.
    assert.equal(decodeSource(bytes('# coding: latin-1\ntorch\n'), false).encoding, 'utf-8');
  });

  it('accepts a UTF-8 byte-order mark, and UTF-16 with one (PowerShell\'s pip freeze > requirements.txt)', () => {
    const bom = decodeSource(bytes([0xef, 0xbb, 0xbf], 'import numpy\n'), true);
    assert.deepEqual([bom.text, bom.bom, bom.note], ['import numpy\n', true, undefined]);
    const utf16 = decodeSource(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('torch==2.0\r\n', 'utf16le')]), false);
    assert.deepEqual([utf16.text, utf16.encoding], ['torch==2.0\r\n', 'utf-16le']);
  });

  it('decodes invalid bytes leniently with a note instead of giving up', () => {
    const broken = decodeSource(bytes('print "caf', [0xe9], '"\nx = 1\n'), true);
    assert.equal(broken.text, 'print "caf\ufffd"\nx = 1\n');
    assert.match(broken.note!, /not valid UTF-8/);
    const wrong = decodeSource(bytes('# coding: gbk\ns = "', [0xff, 0xff], '"\n'), true);
    assert.match(wrong.note!, /not valid gbk as it declares/);
    assert.match(wrong.text, /^# coding: gbk\ns = "/);
    const unknown = decodeSource(bytes('# coding: klingon\nx = 1\n'), true);
    assert.equal(unknown.text, '# coding: klingon\nx = 1\n');
    assert.match(unknown.note!, /does not know \('klingon'\)/);
  });
});
