import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  SNIPPET_FILES,
  SNIPPET_LIBRARIES,
  checkSnippetCatalogue,
  findSnippet,
  loadSnippetCatalogue,
  validateSnippetFile,
} from '../../src/core/snippets/catalogue';

const SNIPPETS_DIR = path.resolve('snippets');

function readSnippetFile(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(SNIPPETS_DIR, file), 'utf8'));
}

describe('snippets: the JSON files', () => {
  const files = fs.readdirSync(SNIPPETS_DIR).filter((f) => f.endsWith('.json')).sort();

  it('has exactly one file per library', () => {
    assert.deepEqual(files, SNIPPET_LIBRARIES.map((l) => `${l.id}.json`).sort());
  });

  it('every file parses and the bundled copy is the file on disk', () => {
    for (const file of files) {
      const id = file.replace(/\.json$/, '');
      assert.deepEqual(readSnippetFile(file), SNIPPET_FILES[id], `${file} differs from the bundled catalogue (rebuild)`);
    }
  });

  it('no file repeats a snippet name (JSON.parse would silently keep only the last)', () => {
    for (const file of files) {
      const text = fs.readFileSync(path.join(SNIPPETS_DIR, file), 'utf8');
      const names = [...text.matchAll(/^ {2}"((?:[^"\\]|\\.)*)": \{$/gm)].map((m) => m[1]);
      assert.equal(names.length, Object.keys(readSnippetFile(file) as object).length, `${file}: top-level keys not formatted as expected`);
      assert.equal(new Set(names).size, names.length, `${file} repeats a snippet name`);
    }
  });

  it('passes every catalogue rule: fields, prefix scheme, unique prefixes, defaults, counts', () => {
    const { problems, snippets } = checkSnippetCatalogue();
    assert.deepEqual(problems, []);
    assert.ok(snippets.length >= 80, `${snippets.length} snippets`);
  });

  it('has at least the minimum per library, and more for the core libraries', () => {
    const counts = new Map<string, number>();
    for (const s of loadSnippetCatalogue()) counts.set(s.library, (counts.get(s.library) ?? 0) + 1);
    for (const library of SNIPPET_LIBRARIES) {
      assert.ok((counts.get(library.id) ?? 0) >= Math.max(4, library.minimum), `${library.id}: ${counts.get(library.id)}`);
    }
    for (const core of ['numpy', 'pandas', 'matplotlib', 'scikit-learn', 'pytorch']) assert.ok((counts.get(core) ?? 0) >= 8, core);
  });

  it('covers the roadmap workflows end to end', () => {
    const body = (prefix: string) => findSnippet(prefix)?.body ?? assert.fail(`no snippet ${prefix}`);
    assert.match(body(';pd+read+csv'), /pd\.read_csv[\s\S]*\.info\(\)[\s\S]*\.isna\(\)\.sum\(\)/);
    assert.match(body(';sk+split'), /train_test_split\([\s\S]*random_state=/);
    assert.match(body(';sk+classify'), /\.fit\([\s\S]*\.predict\([\s\S]*accuracy_score/);
    const loop = body(';torch+train+loop');
    assert.match(loop, /torch\.device\("cuda" if torch\.cuda\.is_available\(\) else "cpu"\)/);
    assert.match(loop, /optimizer\.zero_grad\(\)[\s\S]*loss\.backward\(\)[\s\S]*optimizer\.step\(\)/);
    assert.match(loop, /running_loss \+= loss\.item\(\)/);
    assert.match(body(';torch+evaluate'), /\.eval\(\)[\s\S]*with torch\.no_grad\(\):/);
    assert.match(body(';torch+mnist'), /datasets\.MNIST\(/);
    assert.match(body(';torch+pretrained'), /weights=/);
    assert.doesNotMatch(body(';torch+pretrained'), /pretrained=/);
    assert.match(body(';sk+california+housing'), /fetch_california_housing\(/);
    assert.match(body(';torch+checkpoint'), /torch\.load\([^)]*weights_only=True/);
  });

  it('never uses the APIs the pitfall checks report', () => {
    const banned: [RegExp, string][] = [
      [/\bnp\.(float|int|object|bool|str|complex|NaN|Inf|PINF|NINF|float_|string_|unicode_|mat|product|cumproduct|alltrue|sometrue|in1d|row_stack|trapz)\b(?!\w)/, 'removed NumPy alias'],
      [/np\.random\.(seed|rand|randn|randint|random_sample|shuffle|permutation|choice)\(/, 'legacy NumPy random API'],
      [/\b\w*df\w*\.append\(|DataFrame\.append|\.ix\[|\.iteritems\(|pd\.np\./, 'removed pandas API'],
      [/sklearn\.(cross_validation|grid_search|learning_curve|externals)/, 'removed scikit-learn module'],
      [/load_boston|fetch_boston|boston_housing|name=["']boston/i, 'Boston dataset'],
      [/tf\.(Session|placeholder|contrib|ConfigProto|global_variables_initializer)\b/, 'TensorFlow 1 API'],
      [/autograd\.Variable|volatile=|\.data\[0\]/, 'pre-0.4 PyTorch API'],
      [/pretrained=True|pretrained=False/, 'torchvision pretrained='],
      [/\.cuda\(\)|\.to\(["']cuda|device=["']cuda/, 'hard-coded CUDA'],
      [/inplace=True/, 'inplace=True'],
      [/evaluation_strategy=|tokenizer=tokenizer/, 'deprecated transformers argument'],
      [/@app\.on_event/, 'deprecated FastAPI startup event'],
      [/squared=False/, 'removed scikit-learn argument'],
    ];
    const hits: string[] = [];
    for (const s of loadSnippetCatalogue()) {
      for (const [re, what] of banned) if (re.test(s.body)) hits.push(`${s.prefix}: ${what} (${re})`);
      if (/torch\.load\(/.test(s.body) && !/weights_only=True/.test(s.body)) hits.push(`${s.prefix}: torch.load without weights_only=True`);
      if (/"cuda"/.test(s.body) && !/is_available\(\)/.test(s.body)) hits.push(`${s.prefix}: "cuda" without an availability check`);
    }
    assert.deepEqual(hits, []);
  });

  it('uses one deep-learning framework per snippet and one Keras import style', () => {
    for (const s of loadSnippetCatalogue()) {
      const torch = /^\s*(import|from) (torch|torchvision)\b/m.test(s.body);
      const tf = /^\s*(import|from) (tensorflow|keras)\b/m.test(s.body);
      assert.ok(!(torch && tf), `${s.prefix} imports both PyTorch and TensorFlow`);
      assert.doesNotMatch(s.body, /^\s*import keras\b|^\s*from keras\b/m, `${s.prefix}: use "from tensorflow import keras" like the other snippets`);
    }
  });

  it('uses the conventional import aliases', () => {
    const unconventional = /import numpy(?! as np\b)(\s|$)|import pandas(?! as pd\b)(\s|$)|import matplotlib\.pyplot(?! as plt\b)|import seaborn(?! as sns\b)|import tensorflow(?! as tf\b)(\s|$)|import torch\.nn\.functional(?! as F\b)/m;
    for (const s of loadSnippetCatalogue()) assert.doesNotMatch(s.body, unconventional, s.prefix);
  });
});

describe('snippets: validation catches broken entries', () => {
  const library = { id: 'numpy', title: 'NumPy', prefixes: [';np+'], minimum: 1 };
  const good = { prefix: ';np+ok', body: ['import numpy as np', '', '${1:a} = np.zeros(3)', 'print($1)'], description: 'ok' };

  it('accepts a good snippet', () => {
    assert.deepEqual(validateSnippetFile(library, { Good: good }).problems, []);
  });

  const cases: [string, unknown, RegExp][] = [
    ['a missing prefix', { ...good, prefix: undefined }, /"prefix" must be a string/],
    ['a prefix of another library', { ...good, prefix: ';pd+ok' }, /does not start with ;np\+/],
    ['a prefix in the wrong shape', { ...good, prefix: ';np_Ok' }, /not ";" then lower-case words/],
    ['a prefix without the leading ";"', { ...good, prefix: 'np+ok' }, /not ";" then lower-case words/],
    ['a prefix joined by "-"', { ...good, prefix: ';np-ok' }, /not ";" then lower-case words/],
    ['a body given as a string', { ...good, body: 'x = 1' }, /array of lines/],
    ['a one-line body', { ...good, body: ['x = ${1:1}'] }, /fewer than 3 lines/],
    ['an empty description', { ...good, description: ' ' }, /description/],
    ['an extra field', { ...good, scope: 'python' }, /unexpected field "scope"/],
    ['a tab stop without default', { ...good, body: ['import numpy as np', 'a = np.zeros($1)', 'print(a)'] }, /\$1 has no default/],
    ['a stray dollar', { ...good, body: ['import numpy as np', 'cost = "5$ each"', 'x = ${1:1}'] }, /does not start a tab stop/],
    ['space indentation', { ...good, body: ['if ${1:x}:', '    pass', 'y = 1'] }, /indented with spaces/],
    ['trailing whitespace', { ...good, body: ['x = ${1:1} ', 'y = 2', 'z = 3'] }, /ends with whitespace/],
  ];
  for (const [what, snippet, expected] of cases) {
    it(`rejects ${what}`, () => {
      const { problems, snippets } = validateSnippetFile(library, { Broken: snippet });
      assert.match(problems.join('\n'), expected);
      assert.equal(snippets.length, 0);
    });
  }

  it('rejects a prefix used twice across files', () => {
    const files = { ...SNIPPET_FILES, pandas: { ...(SNIPPET_FILES.pandas as object), Copy: { ...good, prefix: ';pd+read+csv' } } };
    assert.match(checkSnippetCatalogue(files).problems.join('\n'), /prefix ";pd\+read\+csv" is used by/);
  });

  it('rejects too few snippets', () => {
    const files = { ...SNIPPET_FILES, ray: {} };
    assert.match(checkSnippetCatalogue(files).problems.join('\n'), /ray\.json: 0 valid snippets, at least 4/);
  });
});

describe('snippets: package.json contributes every file for Python', () => {
  const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { contributes: { snippets?: { language: string; path: string }[] } };

  it('every contributed path exists and every snippet file is contributed once, for python', () => {
    const contributed = manifest.contributes.snippets ?? [];
    for (const entry of contributed) {
      assert.equal(entry.language, 'python', entry.path);
      assert.ok(fs.existsSync(path.resolve(entry.path)), `${entry.path} does not exist`);
    }
    const paths = contributed.map((e) => path.normalize(e.path)).sort();
    const expected = fs.readdirSync(SNIPPETS_DIR).filter((f) => f.endsWith('.json')).map((f) => path.normalize(`./snippets/${f}`)).sort();
    assert.deepEqual(paths, expected);
  });
});

describe('snippets: the catalogue API the editor and the roadmap use', () => {
  it('lists snippets grouped by library in the order of libraries.json', () => {
    const order = SNIPPET_LIBRARIES.map((l) => l.id);
    const seen = loadSnippetCatalogue().map((s) => s.library).filter((id, i, all) => all.indexOf(id) === i);
    assert.deepEqual(seen, order);
  });

  it('gives each entry its library title, name, description and the body as snippet text', () => {
    const entry = findSnippet(';pd+read+csv') ?? assert.fail(';pd+read+csv missing');
    assert.equal(entry.library, 'pandas');
    assert.equal(entry.libraryTitle, 'pandas');
    assert.equal(entry.name, 'Load a CSV and summarize it');
    assert.match(entry.description, /CSV/);
    assert.ok(entry.body.startsWith('import pandas as pd\n\n${1:df} = pd.read_csv("${2:data.csv}")\n'), entry.body);
  });

  it('returns copies, so a caller cannot change the catalogue', () => {
    loadSnippetCatalogue()[0].body = 'changed';
    assert.notEqual(loadSnippetCatalogue()[0].body, 'changed');
  });

  it('finds nothing for an unknown prefix', () => {
    assert.equal(findSnippet(';np+nope'), undefined);
  });
});
