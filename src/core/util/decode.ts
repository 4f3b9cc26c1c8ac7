// Bytes of a file on disk to text as Python reads them: a byte-order mark, then for Python source a
// PEP 263 declaration (`# -*- coding: latin-1 -*-`) in the first two lines, else UTF-8. A file that
// is not valid in that encoding is still decoded (invalid bytes become U+FFFD) with a note saying
// so: learners' files from non-English tutorials often are. Pure: no fs, no `vscode`. Open editors
// need none of this: VS Code decodes their documents itself (files.encoding).

export interface Decoded {
  text: string;
  /** The WHATWG name the bytes were decoded with (`utf-8`, `gbk`, `iso-8859-1`…). */
  encoding: string;
  /** A UTF-8 byte-order mark was present (kept when fixes are written back). */
  bom: boolean;
  /** One line for the user when the text is not exactly what the bytes say (invalid bytes, unknown encoding). */
  note?: string;
}

/**
 * Python codec names (and their aliases, after lowercasing and `_`→`-`) to the labels Node's
 * TextDecoder knows. Python's `latin-1` is ISO-8859-1 byte for byte, which TextDecoder would read
 * as windows-1252, so it is decoded by hand.
 */
const PYTHON_CODECS: Record<string, string> = {
  'utf-8': 'utf-8', utf8: 'utf-8', u8: 'utf-8', utf: 'utf-8', 'utf-8-sig': 'utf-8', cp65001: 'utf-8',
  ascii: 'utf-8', 'us-ascii': 'utf-8', '646': 'utf-8',
  'latin-1': 'latin-1', latin1: 'latin-1', latin: 'latin-1', l1: 'latin-1', 'iso-8859-1': 'latin-1', 'iso8859-1': 'latin-1', '8859': 'latin-1', cp819: 'latin-1', 'iso-ir-100': 'latin-1',
  // GB18030 is a superset of GBK, and Node's gbk decoder silently drops invalid bytes even when fatal.
  gbk: 'gb18030', cp936: 'gb18030', ms936: 'gb18030', '936': 'gb18030', gb2312: 'gb18030', 'euc-cn': 'gb18030', euccn: 'gb18030', 'gb2312-1980': 'gb18030',
  gb18030: 'gb18030', 'gb18030-2000': 'gb18030',
  big5: 'big5', 'big5-tw': 'big5', csbig5: 'big5', cp950: 'big5', ms950: 'big5', big5hkscs: 'big5', 'big5-hkscs': 'big5', hkscs: 'big5',
  'shift-jis': 'shift_jis', 'shift_jis': 'shift_jis', shiftjis: 'shift_jis', sjis: 'shift_jis', 's-jis': 'shift_jis', cp932: 'shift_jis', ms932: 'shift_jis', mskanji: 'shift_jis', 'ms-kanji': 'shift_jis',
  'euc-jp': 'euc-jp', eucjp: 'euc-jp', ujis: 'euc-jp', 'u-jis': 'euc-jp',
  'iso-2022-jp': 'iso-2022-jp', csiso2022jp: 'iso-2022-jp',
  'euc-kr': 'euc-kr', euckr: 'euc-kr', cp949: 'euc-kr', ms949: 'euc-kr', uhc: 'euc-kr', 'ks-c-5601': 'euc-kr', 'ks-c-5601-1987': 'euc-kr', ksc5601: 'euc-kr',
  'koi8-r': 'koi8-r', 'koi8-u': 'koi8-u', cp866: 'ibm866', ibm866: 'ibm866', '866': 'ibm866',
  'mac-roman': 'macintosh', macroman: 'macintosh', macintosh: 'macintosh', 'mac-cyrillic': 'x-mac-cyrillic', maccyrillic: 'x-mac-cyrillic',
  'utf-16': 'utf-16le', utf16: 'utf-16le', 'utf-16-le': 'utf-16le', 'utf-16le': 'utf-16le', 'utf-16-be': 'utf-16be', 'utf-16be': 'utf-16be',
  tis620: 'windows-874', 'tis-620': 'windows-874', cp874: 'windows-874',
};
for (let n = 1250; n <= 1258; n++) {
  for (const alias of [`cp${n}`, `windows-${n}`, `${n}`]) PYTHON_CODECS[alias] = `windows-${n}`;
}
for (const n of [2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16]) {
  for (const alias of [`iso-8859-${n}`, `iso8859-${n}`]) PYTHON_CODECS[alias] = `iso-8859-${n}`;
}
Object.assign(PYTHON_CODECS, {
  'latin-2': 'iso-8859-2', latin2: 'iso-8859-2', l2: 'iso-8859-2', cyrillic: 'iso-8859-5', arabic: 'iso-8859-6', greek: 'iso-8859-7', hebrew: 'iso-8859-8',
  'latin-9': 'iso-8859-15', latin9: 'iso-8859-15', l9: 'iso-8859-15',
});

/** The WHATWG label for a Python codec name, or undefined when Python or Node would not know it. */
export function codecLabel(pythonName: string): string | undefined {
  return PYTHON_CODECS[pythonName.trim().toLowerCase().replace(/_/g, '-')] ?? PYTHON_CODECS[pythonName.trim().toLowerCase()];
}

const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

/** The encoding a PEP 263 comment declares in the first two lines, as written. */
export function declaredEncoding(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII; only the first two lines are looked at, as Python's tokenizer does.
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024));
  const [first = '', second = ''] = head.split(/\r\n|\r|\n/, 2);
  const m = CODING.exec(first);
  if (m) return m[1];
  // Line two counts only when line one is blank or a comment.
  if (/^[ \t\f]*(#.*)?$/.test(first)) return CODING.exec(second)?.[1];
  return undefined;
}

/** cp1252's 0x80–0x9F (Node's windows-1252 decoder reads them as Latin-1 control characters); 0 = undefined in cp1252. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Latin-1 byte for byte, or cp1252 (Latin-1 with printable characters in 0x80–0x9F). */
function decodeSingleByte(bytes: Uint8Array, cp1252: boolean, fatal: boolean): string {
  const codes = new Array<number>(Math.min(bytes.length, 8192));
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    codes.length = chunk.length;
    for (let k = 0; k < chunk.length; k++) {
      const b = chunk[k];
      let code = b;
      if (cp1252 && b >= 0x80 && b <= 0x9f) {
        code = CP1252_HIGH[b - 0x80] || 0xfffd;
        if (code === 0xfffd && fatal) throw new TypeError(`byte 0x${b.toString(16)} is not defined in cp1252`);
      }
      codes[k] = code;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

function decodeWith(bytes: Uint8Array, label: string, fatal: boolean): string {
  if (label === 'latin-1' || label === 'windows-1252') return decodeSingleByte(bytes, label === 'windows-1252', fatal);
  return new TextDecoder(label, { fatal, ignoreBOM: true }).decode(bytes);
}

function lenient(bytes: Uint8Array, label: string, bom: boolean, what: string): Decoded {
  return { text: decodeWith(bytes, label, false), encoding: label, bom, note: `${what}; checked with the invalid bytes replaced` };
}

/**
 * Decodes a file's bytes. `python`: honour a PEP 263 declaration. Byte-order marks: UTF-8 (as Python
 * accepts), and UTF-16 (how Windows PowerShell writes `pip freeze > requirements.txt`).
 */
export function decodeSource(bytes: Uint8Array, python: boolean): Decoded {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const label = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      return { text: decodeWith(bytes.subarray(2), label, true), encoding: label, bom: false };
    } catch {
      return lenient(bytes.subarray(2), label, false, `not valid ${label.toUpperCase()}`);
    }
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  let label = 'utf-8';
  let unknown: string | undefined;
  if (python && !bom) {
    const declared = declaredEncoding(body);
    if (declared !== undefined) {
      const known = codecLabel(declared);
      if (known) label = known;
      else unknown = declared;
    }
  }
  try {
    const text = decodeWith(body, label, true);
    return unknown ? { text, encoding: label, bom, note: `declares an encoding Python does not know ('${unknown}'); read as UTF-8` } : { text, encoding: label, bom };
  } catch {
    const what = unknown ? `declares an unknown encoding ('${unknown}') and is not valid UTF-8` : label === 'utf-8' ? 'not valid UTF-8 (and declares no other encoding)' : `not valid ${declaredEncoding(body)} as it declares`;
    return lenient(body, label, bom, what);
  }
}
