import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { detectInFile, detectInSource, fileEvidence, isKaggleFile, notebookCode, starterFingerprints } from '../../src/core/roadmap';
import { formattedFields, tokenize } from '../../src/core/roadmap/pythonTokens';

const CALIFORNIA = `from sklearn.datasets import fetch_california_housing
from sklearn.linear_model import LinearRegression

data = fetch_california_housing()
model = LinearRegression()
model.fit(data.data, data.target)
print(f"R2 on the training data: {model.score(data.data, data.target):.2f}")
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

  it('reads the fields of f-strings as code, and nothing else in strings', () => {
    assert.equal(formattedFields('MAE {mean_absolute_error(y, p):.3f} {{literal}} {a[{1: 2}[1]]}'), 'mean_absolute_error(y, p):.3f\na[{1: 2}[1]]');
    assert.equal(formattedFields('open {never closed'), 'never closed');
    assert.deepEqual(tokenize('f"x" rb"y" F"z" "w"').map((t) => t.formatted === true), [true, false, true, false]);
  });
});

describe('roadmap detectors', () => {
  it('California Housing: a fit AND an evaluation', () => {
    assert.deepEqual(detectInSource(CALIFORNIA), ['sklearn-california']);
    // The lab-exercise shape: split, fit, predict, a metric from sklearn.metrics.
    const lab = [
      'from sklearn.datasets import fetch_california_housing',
      'from sklearn.model_selection import train_test_split',
      'from sklearn.linear_model import Ridge',
      'from sklearn.metrics import mean_absolute_error',
      'ds = fetch_california_housing()',
      'xtr, xte, ytr, yte = train_test_split(ds.data, ds.target, test_size=0.25)',
      'reg = Ridge(alpha=1.0)',
      'reg.fit(xtr, ytr)',
      'print("MAE", mean_absolute_error(yte, reg.predict(xte)))',
    ].join('\n');
    assert.deepEqual(detectInSource(lab), ['sklearn-california']);
    // return_X_y, a model of one's own, and .score / cross_val_score / Keras evaluate all measure it.
    assert.deepEqual(detectInSource('X, y = fetch_california_housing(return_X_y=True)\nm = MyRegressor()\nm.fit(X, y)\nprint(m.score(X, y))\n'), ['sklearn-california']);
    assert.deepEqual(detectInSource('X, y = fetch_california_housing(return_X_y=True)\nm.fit(X, y)\nprint(cross_val_score(m, X, y, cv=5).mean())\n'), ['sklearn-california']);
    assert.deepEqual(detectInSource('h = fetch_california_housing()\nnet.fit(h.data, h.target, epochs=5)\nnet.evaluate(xv, yv)\n'), ['sklearn-california']);
    assert.deepEqual(detectInSource('d = fetch_california_housing()\nm.fit(a, b)\nerr = np.mean((m.predict(c) - e) ** 2)\n'), ['sklearn-california']);
  });

  it('California Housing near misses do not count', () => {
    assert.deepEqual(detectInSource('# fetch_california_housing()\nmodel.fit(x, y)\nmodel.score(x, y)\n'), []);
    assert.deepEqual(detectInSource('print("fetch_california_housing()")\nmodel.fit(x, y)\nmodel.score(x, y)\n'), []);
    assert.deepEqual(detectInSource('data = fetch_california_housing()\n# model.fit(x, y)\nmodel.score(x, y)\n'), []);
    assert.deepEqual(detectInSource('from sklearn.datasets import fetch_california_housing\nfit(x)\n'), []);
    // Fitted but never measured: the step's last sub-task is missing.
    assert.deepEqual(detectInSource('data = fetch_california_housing(as_frame=True)\nmodel = LinearRegression()\nmodel.fit(data.data, data.target)\n'), []);
    // Predictions printed, not measured.
    assert.deepEqual(detectInSource('d = fetch_california_housing()\nm.fit(d.data, d.target)\nprint(m.predict(d.data[:5]))\n'), []);
    // Only the data loaded and looked at.
    assert.deepEqual(detectInSource('df = fetch_california_housing(as_frame=True).frame\nprint(df.describe())\n'), []);
    // A metric named but defined, not called.
    assert.deepEqual(detectInSource('d = fetch_california_housing()\nm.fit(a, b)\ndef mean_squared_error(a, b):\n    pass\n'), []);
  });

  it('CSV, a summary and a plot', () => {
    const src = 'import pandas as pd\nimport matplotlib.pyplot as plt\ndf = pd.read_csv("a.csv")\nprint(df["t"].mean())\nplt.plot(df["x"])\n';
    assert.deepEqual(detectInSource(src), ['csv-plot']);
    // The textbook exercise shape: group by month, average, bar chart from pandas.
    assert.deepEqual(detectInSource('import pandas as pd\nw = pd.read_csv("w.csv")\nm = w.groupby("month").mean()\nm["wind"].plot(kind="bar")\n'), ['csv-plot']);
    assert.deepEqual(detectInSource('import csv\nimport matplotlib.pyplot as plt\nrows = list(csv.reader(open("t.csv")))\nv = [float(r[1]) for r in rows]\nplt.hist(v)\nprint(sum(v) / len(v))\n'), ['csv-plot']);
    assert.deepEqual(detectInSource('import pandas as pd\ndf = pd.read_csv("a.csv")\n# plt.plot(df)\nprint(df.mean())\n'), []);
    assert.deepEqual(detectInSource('import matplotlib.pyplot as plt\nplt.plot([1, 2])\nnote = "pd.read_csv(x)"\n'), []);
    // Read and plotted, nothing computed: the "averages" part is missing.
    assert.deepEqual(detectInSource('import pandas as pd\ndf = pd.read_csv("a.csv")\ndf.plot()\n'), []);
  });

  it('MNIST with torch: backward and an optimizer step in a loop', () => {
    const loop = [
      'import torch',
      'from torchvision.datasets import MNIST',
      'ds = MNIST(root="./data", train=True, download=True)',
      'opt = torch.optim.SGD(net.parameters(), lr=0.01)',
      'for epoch in range(2):',
      '    for xb, yb in DataLoader(ds, batch_size=32):',
      '        opt.zero_grad()',
      '        loss = F.nll_loss(net(xb), yb)',
      '        loss.backward()',
      '        opt.step()',
    ].join('\n');
    assert.deepEqual(detectInSource(loop), ['torch-mnist']);
    // torchvision.datasets.MNIST inline, a single-batch loop with break; Fashion-MNIST as in the PyTorch quickstart.
    assert.deepEqual(detectInSource('import torchvision\nimport torch\nld = torch.utils.data.DataLoader(torchvision.datasets.MNIST("./d", download=True))\nfor a, b in ld:\n    crit(m(a), b).backward()\n    optim.step()\n    break\n'), ['torch-mnist']);
    assert.deepEqual(detectInSource('import torch\nfrom torchvision import datasets\ntr = datasets.FashionMNIST(root="data", train=True, download=True)\nfor X, y in dl:\n    loss = fn(model(X), y)\n    loss.backward()\n    optimizer.step()\n'), ['torch-mnist']);
    // MNIST read from a CSV file (Kaggle's Digit Recognizer style).
    assert.deepEqual(detectInSource('import torch\nimport pandas as pd\ndf = pd.read_csv("mnist_train.csv")\nwhile running:\n    l.backward()\n    o.step()\n'), ['torch-mnist']);
  });

  it('MNIST near misses do not count', () => {
    assert.deepEqual(detectInSource('import tensorflow as tf\n(x, y), _ = tf.keras.datasets.mnist.load_data()\nmodel.fit(x, y, epochs=3)\n'), []);
    assert.deepEqual(detectInSource('import torch\n# datasets.MNIST\nfor a in b:\n    loss.backward()\n    opt.step()\n'), []);
    // Loaded and looked at: no training.
    assert.deepEqual(detectInSource('import torch\nfrom torchvision import datasets\nds = datasets.MNIST("data", download=True)\nimages, labels = next(iter(loader))\nprint(model(images).shape)\n'), []);
    // backward without the optimizer's step (a typo .stop() never updates the weights).
    assert.deepEqual(detectInSource('import torch\nfrom torchvision.datasets import MNIST\nfor x, y in dl:\n    optimizer.zero_grad()\n    loss.backward()\n    optimizer.stop()\n'), []);
    // One step, no loop.
    assert.deepEqual(detectInSource('import torch\nfrom torchvision.datasets import MNIST\nloss = crit(model(x), y)\nloss.backward()\nopt.step()\n'), []);
    // A sentence in a string is not a data set.
    assert.deepEqual(detectInSource('import torch\nprint("this will be MNIST one day")\nfor a in b:\n    l.backward()\n    o.step()\n'), []);
  });

  it('basics: a function called, and a loop', () => {
    assert.deepEqual(detectInSource('def f(xs):\n    for x in xs:\n        print(x)\n\nf([1, 2])\n'), ['python-basics']);
    assert.deepEqual(detectInSource('def grade(s):\n    return "A" if s > 90 else "B"\nscores = [95, 80]\nwhile scores:\n    print(grade(scores.pop()))\n'), ['python-basics']);
    assert.deepEqual(detectInSource('# def f():\n#   for x in y: pass\n'), []);
    // Defined but never called.
    assert.deepEqual(detectInSource('def f(xs):\n    for x in xs:\n        print(x)\n'), []);
    // A call, a loop, no function of one's own.
    assert.deepEqual(detectInSource('for i in range(3):\n    print(i)\n'), []);
  });

  it('Kaggle: a model trained, predictions written to a submission CSV', () => {
    const titanic = [
      'train = pd.read_csv("train.csv")',
      'test = pd.read_csv("test.csv")',
      'clf = RandomForestClassifier(n_estimators=100)',
      'clf.fit(pd.get_dummies(train[cols]), train["Survived"])',
      'preds = clf.predict(pd.get_dummies(test[cols]))',
      'pd.DataFrame({"PassengerId": test.PassengerId, "Survived": preds}).to_csv("submission.csv", index=False)',
    ].join('\n');
    assert.deepEqual(detectInSource(titanic), ['kaggle-submission']);
    // Kaggle's own tutorial writes my_submission.csv.
    assert.deepEqual(detectInSource(titanic.replace('"submission.csv"', '"my_submission.csv"')), ['kaggle-submission']);
    // Near misses: a file written with no model, a different file name, the downloaded sample re-saved.
    assert.deepEqual(detectInSource('sub.to_csv("out/submission.csv", index=False)\n'), []);
    assert.deepEqual(detectInSource(titanic.replace('"submission.csv"', '"output.csv"')), []);
    assert.deepEqual(detectInSource('m.fit(a, b)\np = m.predict(c)\nsample.to_csv("sample_submission.csv")\n'), []);
    assert.ok(isKaggleFile('data/submission.csv'));
    assert.ok(isKaggleFile('my_submission.csv'));
    assert.ok(!isKaggleFile('sample_submission.csv'));
    assert.ok(!isKaggleFile('input/gender_submission.csv'));
    assert.ok(!isKaggleFile('kaggle.json'), 'an API key is setup, not a submission');
    assert.ok(!isKaggleFile('my_submission.csv.bak'));
  });

  it('small projects: trained and evaluated, on a spam, sentiment or weather question', () => {
    assert.deepEqual(detectInSource('spam_model.fit(texts, labels)\nprint(accuracy_score(y, spam_model.predict(texts)))\n'), ['ml-project']);
    assert.deepEqual(detectInSource('df = load("tweets.csv")\nclf.fit(df.text, df.sentiment)\nprint(classification_report(yt, clf.predict(xt)))\n'), ['ml-project']);
    assert.deepEqual(detectInSource('# spam\nclf.fit(x, y)\nclf.score(x, y)\n'), []);
    // Trained, never evaluated.
    assert.deepEqual(detectInSource('spam_model.fit(texts, labels)\nprint(spam_model.predict(["win a prize"]))\n'), []);
  });

  it('what comes next: a library used for its purpose, not merely imported', () => {
    assert.deepEqual(detectInSource('from transformers import pipeline\nclassifier = pipeline("sentiment-analysis")\nprint(classifier("I love this"))\n'), ['hf-transformers']);
    assert.deepEqual(detectInSource('from transformers import AutoModel\nm = AutoModel.from_pretrained("bert-base-uncased")\n'), ['hf-transformers']);
    assert.deepEqual(detectInSource('import transformers\nprint(transformers.__version__)\n'), []);

    const api = 'from fastapi import FastAPI\nimport joblib\napp = FastAPI()\nmodel = joblib.load("model.pkl")\n@app.post("/predict")\ndef predict(x: Item):\n    return {"y": model.predict([x.values]).tolist()}\n';
    assert.deepEqual(detectInSource(api), ['model-api']);
    assert.deepEqual(detectInSource('from flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef hello():\n    return "Hello"\n'), [], 'a hello-world app serves no model');
    // Flask with a pickled model read in a with block; a course template whose route is still a stub does not count.
    assert.deepEqual(detectInSource('import pickle\nfrom flask import Flask, request, jsonify\nsrv = Flask(__name__)\nwith open("clf.pkl", "rb") as fh:\n    clf = pickle.load(fh)\n@srv.route("/score", methods=["POST"])\ndef score():\n    return jsonify(clf.predict([request.json["x"]]).tolist())\n'), ['model-api']);
    assert.deepEqual(detectInSource('from fastapi import FastAPI\nimport joblib\napp = FastAPI()\nmodel = joblib.load("m.joblib")\n@app.post("/predict")\nasync def predict(item: Item) -> Out:\n    ...\n'), []);

    assert.deepEqual(detectInSource('import torch\ntorch.onnx.export(model, dummy, "model.onnx")\n'), ['onnx-export']);
    assert.deepEqual(detectInSource('import onnxruntime as ort\nsess = ort.InferenceSession("m.onnx")\nout = sess.run(None, {"input": x})\n'), ['onnx-export']);
    assert.deepEqual(detectInSource('import onnx\nprint(onnx.__version__)\n'), []);

    assert.deepEqual(detectInSource('import chromadb\nc = chromadb.Client().create_collection("docs")\nc.add(ids=["1"], documents=["a"])\nprint(c.query(query_texts=["a"], n_results=1))\n'), ['vector-search']);
    assert.deepEqual(detectInSource('import faiss\nindex = faiss.IndexFlatL2(64)\nindex.add(xb)\nD, I = index.search(xq, 4)\n'), ['vector-search']);
    assert.deepEqual(detectInSource('import faiss\nindex = faiss.IndexFlatL2(64)\n'), []);
  });

  it('reads notebooks, ignoring markdown cells and magics', () => {
    const nb = JSON.stringify({
      cells: [
        { cell_type: 'markdown', source: ['fetch_california_housing()\n'] },
        { cell_type: 'code', source: ['%pip install scikit-learn\n', 'from sklearn.datasets import fetch_california_housing\n', 'd = fetch_california_housing()\n'] },
        { cell_type: 'code', source: 'm.fit(d.data, d.target)\nm.score(d.data, d.target)' },
      ],
    });
    assert.deepEqual(detectInFile('a.ipynb', nb), ['sklearn-california']);
    assert.equal(notebookCode('{not json'), undefined);
    assert.deepEqual(detectInFile('b.ipynb', '{"cells": 3}'), []);
    const onlyMarkdown = JSON.stringify({ cells: [{ cell_type: 'markdown', source: CALIFORNIA }] });
    assert.deepEqual(detectInFile('c.ipynb', onlyMarkdown), []);
  });

  it('the starter files match their own steps, but an unchanged starter is not evidence', () => {
    const expect: Record<string, string> = {
      'basics.py': 'python-basics',
      'explore_csv.py': 'csv-plot',
      'california_housing.py': 'sklearn-california',
      'mnist_torch.py': 'torch-mnist',
      'titanic_submission.py': 'kaggle-submission',
    };
    const templates = readdirSync('media/starters').map((f) => readFileSync(`media/starters/${f}`, 'utf8'));
    const starters = starterFingerprints(templates);
    for (const [file, detector] of Object.entries(expect)) {
      const text = readFileSync(`media/starters/${file}`, 'utf8');
      const found = detectInSource(text);
      assert.ok(found.includes(detector as never), `${file}: ${found.join(', ')}`);
      // As created, with other line endings, a new docstring or extra comments: still the starter.
      for (const variant of [text, text.replace(/\n/g, '\r\n'), text.replace(/^"""[^]*?"""/, '"""My notes."""'), `# mine now\n${text}`]) {
        assert.equal(fileEvidence(file, variant, starters).unchangedStarter, true, file);
      }
      // A changed line of code makes it the learner's.
      const changed = text.replace(/\n\n\nif __name__/, '\n\nprint("changed")\n\nif __name__');
      assert.notEqual(changed, text, file);
      assert.equal(fileEvidence(file, changed, starters).unchangedStarter, false, file);
    }
    // The spam starter only shows the shape: it never measures the model, so it is not a project.
    assert.ok(!detectInSource(readFileSync('media/starters/spam_classifier.py', 'utf8')).includes('ml-project'));
  });

  it('records the pitfalls of a matching file (the sample project\'s buggy MNIST script)', () => {
    const sample = fileEvidence('mnist.py', readFileSync('test/sample-project/mnist.py', 'utf8'));
    assert.deepEqual(sample.detectors, ['torch-mnist']);
    assert.ok(sample.pitfalls.includes('hardcoded-cuda') && sample.pitfalls.includes('loss-accumulation'), sample.pitfalls.join(', '));
    const starter = fileEvidence('mnist_torch.py', readFileSync('media/starters/mnist_torch.py', 'utf8'));
    assert.deepEqual(starter.pitfalls, []);
    assert.deepEqual(fileEvidence('x.py', 'print(1)\n').detectors, []);
  });
});
