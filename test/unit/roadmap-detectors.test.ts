import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { detectInFile, detectInSource, isKaggleFile, notebookCode } from '../../src/core/roadmap';
import { tokenize } from '../../src/core/roadmap/pythonTokens';

const CALIFORNIA = `from sklearn.datasets import fetch_california_housing
from sklearn.linear_model import LinearRegression

data = fetch_california_housing()
model = LinearRegression()
model.fit(data.data, data.target)
`;

describe('roadmap tokenizer', () => {
  it('separates code, comments and strings', () => {
    const t = tokenize(`x = f"a{b}" # c\ny = r'\\'' + """multi\nline""" + b'z'\n`);
    assert.deepEqual(t.map((x) => `${x.kind}:${x.value}`), ['name:x', 'op:=', 'string:a{b}', 'comment: c', 'name:y', 'op:=', "string:\\'", 'op:+', 'string:multi\nline', 'op:+', 'string:z']);
  });

  it('survives unterminated strings and odd text', () => {
    assert.deepEqual(tokenize('"""never closed').map((x) => x.kind), ['string']);
    assert.deepEqual(tokenize("'open\nx").map((x) => `${x.kind}:${x.value}`), ['string:open', 'name:x']);
    assert.ok(tokenize('\u0000\uFFFF\\\n').length >= 1);
  });
});

describe('roadmap detectors', () => {
  it('California Housing + fit', () => {
    assert.deepEqual(detectInSource(CALIFORNIA), ['sklearn-california']);
  });

  it('California Housing near misses do not count', () => {
    assert.deepEqual(detectInSource('# fetch_california_housing()\nmodel.fit(x, y)\n'), []);
    assert.deepEqual(detectInSource('print("fetch_california_housing()")\nmodel.fit(x, y)\n'), []);
    assert.deepEqual(detectInSource('data = fetch_california_housing()\n# model.fit(x, y)\n'), []);
    assert.deepEqual(detectInSource('from sklearn.datasets import fetch_california_housing\nfit(x)\n'), []);
  });

  it('CSV and a plot', () => {
    const src = 'import pandas as pd\nimport matplotlib.pyplot as plt\ndf = pd.read_csv("a.csv")\nplt.plot(df["x"])\n';
    assert.deepEqual(detectInSource(src), ['csv-plot']);
    assert.deepEqual(detectInSource('import pandas as pd\ndf = pd.read_csv("a.csv")\ndf.plot()\n'), ['csv-plot']);
    assert.deepEqual(detectInSource('import pandas as pd\ndf = pd.read_csv("a.csv")\n# plt.plot(df)\n'), []);
    assert.deepEqual(detectInSource('import matplotlib.pyplot as plt\nplt.plot([1, 2])\nnote = "pd.read_csv(x)"\n'), []);
  });

  it('MNIST with torch', () => {
    const src = 'import torch\nfrom torchvision import datasets\nds = datasets.MNIST("data", download=True)\nloss = crit(model(x), y)\nloss.backward()\n';
    assert.deepEqual(detectInSource(src), ['torch-mnist']);
    assert.deepEqual(detectInSource('import tensorflow as tf\n(x, y), _ = tf.keras.datasets.mnist.load_data()\n'), []);
    assert.deepEqual(detectInSource('import torch\n# datasets.MNIST\nloss.backward()\n'), []);
  });

  it('basics, Kaggle submission and small projects', () => {
    assert.deepEqual(detectInSource('def f(xs):\n    for x in xs:\n        print(x)\n'), ['python-basics']);
    assert.deepEqual(detectInSource('# def f():\n#   for x in y: pass\n'), []);
    assert.deepEqual(detectInSource('sub.to_csv("out/submission.csv", index=False)\n'), ['kaggle-submission']);
    assert.deepEqual(detectInSource('spam_model.fit(texts, labels)\n'), ['ml-project']);
    assert.deepEqual(detectInSource('df = load("tweets.csv")\nclf.fit(df.text, df.sentiment)\n'), ['ml-project']);
    assert.deepEqual(detectInSource('# spam\nclf.fit(x, y)\n'), []);
    assert.ok(isKaggleFile('data/submission.csv'));
    assert.ok(isKaggleFile('C:\\Users\\me\\kaggle.json'));
    assert.ok(!isKaggleFile('my_submission.csv.bak'));
  });

  it('reads notebooks, ignoring markdown cells and magics', () => {
    const nb = JSON.stringify({
      cells: [
        { cell_type: 'markdown', source: ['fetch_california_housing()\n'] },
        { cell_type: 'code', source: ['%pip install scikit-learn\n', 'from sklearn.datasets import fetch_california_housing\n', 'd = fetch_california_housing()\n'] },
        { cell_type: 'code', source: 'm.fit(d.data, d.target)' },
      ],
    });
    assert.deepEqual(detectInFile('a.ipynb', nb), ['sklearn-california']);
    assert.equal(notebookCode('{not json'), undefined);
    assert.deepEqual(detectInFile('b.ipynb', '{"cells": 3}'), []);
    const onlyMarkdown = JSON.stringify({ cells: [{ cell_type: 'markdown', source: CALIFORNIA }] });
    assert.deepEqual(detectInFile('c.ipynb', onlyMarkdown), []);
  });

  it('the starter files are detected as their own steps', () => {
    const expect: Record<string, string> = {
      'basics.py': 'python-basics',
      'explore_csv.py': 'csv-plot',
      'california_housing.py': 'sklearn-california',
      'mnist_torch.py': 'torch-mnist',
      'titanic_submission.py': 'kaggle-submission',
      'spam_classifier.py': 'ml-project',
    };
    for (const [file, detector] of Object.entries(expect)) {
      const found = detectInSource(readFileSync(`media/starters/${file}`, 'utf8'));
      assert.ok(found.includes(detector as never), `${file}: ${found.join(', ')}`);
    }
  });
});
