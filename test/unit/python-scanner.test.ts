import * as assert from 'node:assert/strict';
import { analyzePython } from '../../src/core/analysis/python';
import { scanText, type Scan } from '../../src/core/python/scanner';
import { Key, Tok } from '../../src/core/python/tokens';

function tokens(source: string): string[] {
  const scan = scanText(source);
  const out: string[] = [];
  for (let i = 0; i < scan.count; i++) if (scan.kind[i] !== Tok.Newline) out.push(scan.tokenText(i));
  return out;
}
function kinds(source: string): Tok[] {
  const scan = scanText(source);
  return Array.from(scan.kind.subarray(0, scan.count));
}
function statements(scan: Scan): { text: string; indent: number; key: Key; header: boolean }[] {
  const out = [];
  for (let s = 0; s < scan.statements; s++) {
    const first = scan.stFirst[s];
    let last = scan.stEnd[s] - 1;
    if (scan.kind[last] === Tok.Newline || scan.kind[last] === Tok.Semi) last--;
    out.push({ text: scan.text.slice(scan.start[first], scan.end[last]), indent: scan.stIndent[s], key: scan.stKey[s] as Key, header: scan.stHeader[s] === 1 });
  }
  return out;
}

describe('python scanner', () => {
  describe('strings', () => {
    it('reads every prefix, in any case, as one string token', () => {
      for (const p of ['', 'r', 'R', 'b', 'B', 'u', 'U', 'f', 'F', 'rb', 'Rb', 'bR', 'BR', 'fr', 'rF', 'ur', 'Ur', 't']) {
        assert.deepEqual(tokens(`x = ${p}'a # b' + ${p}"c"`), ['x', '=', `${p}'a # b'`, '+', `${p}"c"`], p);
      }
    });
    it('reads triple-quoted strings across lines, with quotes and escapes inside', () => {
      const src = 'x = """one "two" \\""" three\nfour""" + \'\'\'a\nb\'\'\'';
      assert.deepEqual(tokens(src), ['x', '=', '"""one "two" \\""" three\nfour"""', '+', "'''a\nb'''"]);
    });
    it('does not end a raw string at an escaped quote', () => {
      assert.deepEqual(tokens('x = r"\\"" + y'), ['x', '=', 'r"\\""', '+', 'y']);
    });
    it('reads f-strings with nested quotes, format specs and {{ }}', () => {
      const cases = [
        `f"{a['b']!r:>{width}} {{literal}} {c}"`,
        `f'{"nested"}'`,
        `f'{x:{"y"}}'`,
        `f"{'a' + "b"}"`,
        `f'{f'{x}'}'`, // Python 3.12: the same quote inside a replacement field
        `f"{x['}']}"`,
        `rf"\\d{x}\\{{"`,
        `f"""{\nx\n}"""`,
        `f"{ {'a': 1}['a'] }"`,
      ];
      for (const c of cases) assert.deepEqual(tokens(`y = ${c} + z`), ['y', '=', c, '+', 'z'], c);
    });
    it('handles escaped quotes, escaped backslashes and backslash-newline inside strings', () => {
      assert.deepEqual(tokens("x = 'a\\'b' + y"), ['x', '=', "'a\\'b'", '+', 'y']);
      assert.deepEqual(tokens("x = 'a\\\\' + y"), ['x', '=', "'a\\\\'", '+', 'y']);
      assert.deepEqual(tokens("x = 'a\\\nb' + y"), ['x', '=', "'a\\\nb'", '+', 'y']);
      assert.deepEqual(tokens('x = """a\\""" b""" + y'), ['x', '=', '"""a\\""" b"""', '+', 'y']);
    });
    it('reads files with CR and CRLF line ends', () => {
      assert.deepEqual(tokens("x = 'a\ry = 2\r\nz = \"b\"\r"), ['x', '=', "'a", 'y', '=', '2', 'z', '=', '"b"']);
      assert.equal(scanText('a = 1\rb = 2\r\nc = 3').statements, 3);
    });
    it('ends an unterminated single-quoted string at the end of its line and keeps going', () => {
      assert.deepEqual(tokens('x = "abc\nimport os'), ['x', '=', '"abc', 'import', 'os']);
      assert.deepEqual(tokens("x = f'{a\nimport os"), ['x', '=', "f'{a", 'import', 'os']);
    });
    it('ends an unterminated triple-quoted string at the end of the file', () => {
      assert.deepEqual(tokens('x = """abc\nimport os'), ['x', '=', '"""abc\nimport os']);
    });
  });

  describe('comments, continuations and brackets', () => {
    it('keeps comments out of the tokens and records them', () => {
      const scan = scanText('x = 1  # comment "with quotes"\n# another\n');
      assert.deepEqual(tokens('x = 1  # comment "with quotes"\n# another\n'), ['x', '=', '1']);
      assert.equal(scan.comments, 2);
    });
    it('joins lines after a backslash and inside brackets into one statement', () => {
      const s = statements(scanText('x = 1 + \\\n    2\ny = [1,\n  2,\n]\nz = 3\n'));
      assert.deepEqual(s.map((x) => x.text), ['x = 1 + \\\n    2', 'y = [1,\n  2,\n]', 'z = 3']);
    });
    it('splits statements at ; and after the colon of a one-line compound statement', () => {
      const s = statements(scanText('for i in r: a = 1; b = 2\nif x:\n    pass\n'));
      assert.deepEqual(
        s.map((x) => [x.text, x.indent, x.header]),
        [
          ['for i in r:', 0, true],
          ['a = 1', 1, false],
          ['b = 2', 1, false],
          ['if x:', 0, true],
          ['pass', 4, false],
        ],
      );
    });
    it('does not end a header at a colon inside brackets, lambdas in calls or slices', () => {
      const s = statements(scanText('if f(lambda: 1)[1:2] and {a: b}: pass\n'));
      assert.deepEqual(s.map((x) => x.text), ['if f(lambda: 1)[1:2] and {a: b}:', 'pass']);
    });
    it('knows decorators and async statements', () => {
      const s = statements(scanText('@decorator(x)\nasync def f():\n    async for a in b:\n        pass\n'));
      assert.deepEqual(s.map((x) => x.key), [Key.None, Key.Def, Key.For, Key.None]);
      assert.equal(kinds('@d\n')[0], Tok.At);
    });
    it('recovers from an unclosed bracket at the next definition', () => {
      const s = statements(scanText('x = foo(1,\n\ndef g():\n    import os\n'));
      assert.deepEqual(s.map((x) => x.key), [Key.None, Key.Def, Key.Import]);
    });
    it('measures indentation with tabs as Python does', () => {
      const s = statements(scanText('if x:\n\ty = 1\n        z = 2\n'));
      assert.deepEqual(s.map((x) => x.indent), [0, 8, 8]);
    });
  });

  describe('numbers and operators', () => {
    it('reads number forms as one token', () => {
      assert.deepEqual(tokens('1 1.5 .5 1e-3 1E+3j 0x1F 0o17 0b1 1_000 10L 0777'), ['1', '1.5', '.5', '1e-3', '1E+3j', '0x1F', '0o17', '0b1', '1_000', '10L', '0777']);
    });
    it('tells apart the operators rules care about', () => {
      assert.deepEqual(kinds('a += b <> c >> d == e = f -> g'), [Tok.Name, Tok.PlusEqual, Tok.Name, Tok.LessGreater, Tok.Name, Tok.RightShift, Tok.Name, Tok.Operator, Tok.Name, Tok.Equal, Tok.Name, Tok.Arrow, Tok.Name, Tok.Newline]);
    });
  });

  describe('bad input', () => {
    it('handles an empty file, whitespace only, and NUL bytes', () => {
      assert.deepEqual(analyzePython(''), []);
      assert.deepEqual(analyzePython('\n\n   \n'), []);
      assert.deepEqual(analyzePython('\0\0import\0numpy\0'), []);
      assert.ok(tokens('x = "\0"').includes('"\0"'));
    });
    it('handles unterminated brackets and strings at the end of the file', () => {
      for (const src of ['x = (', 'x = [1, 2', 'x = "abc', "x = '''abc", 'x = f"{', 'x = f"{a[', 'def f(:', '\\']) {
        assert.doesNotThrow(() => analyzePython(src), src);
      }
    });
    it('handles binary-looking text and lone surrogates', () => {
      const noise = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
      assert.doesNotThrow(() => analyzePython(noise));
    });
    it('analyses a 20 MB generated data file quickly', function () {
      this.timeout(30000);
      const row = '    (1, 2.5, "label", None, [0x1F, 1e-3], {"k": \'v\'}),  # row\n';
      const big = 'import numpy as np\nDATA = [\n' + row.repeat(Math.ceil(20e6 / row.length)) + ']\nx = np.float(1)\n';
      const t0 = Date.now();
      const findings = analyzePython(big);
      const ms = Date.now() - t0;
      assert.deepEqual(findings.map((f) => f.rule), ['deprecated-api']);
      assert.ok(ms < 10000, `took ${ms} ms`);
    });
    it('keeps up with a file that has a finding on every few lines', function () {
      this.timeout(30000);
      const chunk = 'import numpy as np\nx = np.float(1)  # comment\ns = """doc\nstring"""\nfor i in range(3):\n    total += i\n';
      const big = chunk.repeat(20000);
      const t0 = Date.now();
      const findings = analyzePython(big);
      const ms = Date.now() - t0;
      assert.equal(findings.length, 20000);
      assert.ok(ms < 10000, `took ${ms} ms`);
    });
  });
});
