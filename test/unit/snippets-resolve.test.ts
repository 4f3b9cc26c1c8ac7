import * as assert from 'node:assert/strict';
import { resolveSnippet } from '../../src/core/snippets/resolve';
import { parseSnippet } from '../../src/core/snippets/syntax';

describe('snippets: resolving a body to its default text', () => {
  it('keeps plain text, including braces outside placeholders', () => {
    assert.equal(resolveSnippet('d = {"a": 1}\nprint(f"{d}")'), 'd = {"a": 1}\nprint(f"{d}")');
  });

  it('replaces placeholders with their defaults and mirrors them', () => {
    assert.equal(resolveSnippet('${1:df} = load()\nprint($1.shape, ${1})'), 'df = load()\nprint(df.shape, df)');
  });

  it('lets a mirror come before the placeholder that defines it', () => {
    assert.equal(resolveSnippet('print($1)\n${1:x} = 1'), 'print(x)\nx = 1');
  });

  it('uses the first option of a choice, also in its mirrors', () => {
    assert.equal(resolveSnippet('agg = "${2|mean,median,sum|}"; f = $2'), 'agg = "mean"; f = mean');
  });

  it('unescapes \\, and \\| inside choices', () => {
    assert.equal(resolveSnippet('sep = "${1|\\,,\\|,;|}"'), 'sep = ","');
  });

  it('resolves nested placeholders, mirrors inside them included', () => {
    assert.equal(resolveSnippet('${1:n} = 3\nk = ${2:int($1) + ${3:1}}\nprint($2, $3)'), 'n = 3\nk = int(n) + 1\nprint(int(n) + 1, 1)');
  });

  it('makes $0 and tab stops without a default empty', () => {
    assert.equal(resolveSnippet('a = 1$0\nb = 2$3'), 'a = 1\nb = 2');
    assert.equal(resolveSnippet('x = ${0}'), 'x = ');
  });

  it('unescapes \\$, \\} and \\\\ and keeps other backslashes', () => {
    assert.equal(resolveSnippet('cost = "\\$5"  # ${1:a\\}b}\npath = "C:\\\\dir\\n"'), 'cost = "$5"  # a}b\npath = "C:\\dir\\n"');
  });

  it('fills known variables, uses defaults for empty ones and inserts unknown names', () => {
    const variables = { TM_FILENAME: 'train.py', TM_SELECTED_TEXT: '' };
    assert.equal(resolveSnippet('# $TM_FILENAME ${TM_FILENAME}', { variables }), '# train.py train.py');
    assert.equal(resolveSnippet('x = ${TM_SELECTED_TEXT:data}', { variables }), 'x = data');
    assert.equal(resolveSnippet('x = $TM_SELECTED_TEXT.', { variables }), 'x = .');
    assert.equal(resolveSnippet('x = $NOT_A_VARIABLE', { variables }), 'x = NOT_A_VARIABLE');
    assert.equal(resolveSnippet('x = ${NOT_A_VARIABLE:fallback}', { variables }), 'x = fallback');
  });

  it('uses sensible default variable values when none are given', () => {
    assert.equal(resolveSnippet('name = "$TM_FILENAME_BASE"'), 'name = "main"');
  });

  it('applies transforms to mirrors and variables', () => {
    assert.equal(resolveSnippet('@app.get("/${1:user-info}")\ndef ${1/-/_/g}():'), '@app.get("/user-info")\ndef user_info():');
    assert.equal(resolveSnippet('${1:my model} ${1/(.*)/${1:/upcase}/}'), 'my model MY MODEL');
    assert.equal(resolveSnippet('${1:my_model} ${1/(.*)/${1:/pascalcase}/}'), 'my_model MyModel');
    assert.equal(resolveSnippet('${1:x} ${1/(y)?/${1:?yes:no}/}'), 'x nox');
    assert.equal(resolveSnippet('${TM_FILENAME/(.*)\\.py$/$1/}', { variables: { TM_FILENAME: 'app.py' } }), 'app');
  });

  it('turns leading tabs into the indent unit, and only leading ones', () => {
    assert.equal(resolveSnippet('if x:\n\tif y:\n\t\tpass'), 'if x:\n    if y:\n        pass');
    assert.equal(resolveSnippet('if x:\n\tpass', { indentUnit: '  ' }), 'if x:\n  pass');
    assert.equal(resolveSnippet('s = "a\tb"'), 's = "a\tb"');
  });
});

describe('snippets: syntax problems', () => {
  it('reports a lone $ and keeps it literally, like VS Code', () => {
    const parsed = parseSnippet('price = 5$ + 1');
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0], /line 1, column 10/);
    assert.equal(resolveSnippet('price = 5$ + 1'), 'price = 5$ + 1');
  });

  it('reports an unterminated placeholder and keeps the text', () => {
    const body = 'x = ${1:df\ny = 2';
    assert.equal(parseSnippet(body).problems.length, 1);
    assert.equal(resolveSnippet(body), 'x = ${1:df\ny = 2');
  });

  it('reports an invalid transform regex', () => {
    assert.match(parseSnippet('${1:a} ${1/(/x/}').problems.join(), /invalid regular expression/);
  });

  it('finds no problem in well-formed bodies', () => {
    assert.deepEqual(parseSnippet('${1:df}.groupby("${2:k}")["${3:v}"].${4|mean,sum|}()\n$0').problems, []);
  });
});
