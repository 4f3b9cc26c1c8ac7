import * as assert from 'node:assert/strict';
import { analyzeNotebook } from '../../src/core/analysis/notebook';
import { assertFixesWork, findingsOf, flagged } from './python-testkit';

const RULE = 'test-data-leakage';
const HEAD = `import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler, MinMaxScaler, LabelEncoder, OneHotEncoder, PolynomialFeatures
from sklearn.linear_model import LogisticRegression
`;
const SPLIT = 'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)\n';

function leaks(body: string, head = HEAD): string[] {
  return flagged(head + body, RULE);
}

describe('rule test-data-leakage', () => {
  describe('(A) fit on the test split', () => {
    it('reports fit_transform and fit on test rows, with the receiver named', () => {
      assert.deepEqual(leaks(`${SPLIT}sc = StandardScaler()\nX_train = sc.fit_transform(X_train)\nX_test = sc.fit_transform(X_test)\n`), ['sc.fit_transform']);
      assert.deepEqual(leaks(`${SPLIT}scaler = MinMaxScaler()\nscaler.fit(X_train)\nscaler.fit(X_test)\n`), ['scaler.fit']);
      assert.deepEqual(leaks(`${SPLIT}X_test = StandardScaler().fit_transform(X_test)\n`), ['StandardScaler().fit_transform']);
      assert.deepEqual(leaks(`${SPLIT}sc = StandardScaler()\nX_test[["age"]] = sc.fit_transform(X_test[["age"]])\n`), ['sc.fit_transform']);
      assert.deepEqual(leaks(`${SPLIT}sc = StandardScaler()\nt = sc.fit_transform(X_test.values)\n`), ['sc.fit_transform']);
      const [f] = findingsOf(`${HEAD}${SPLIT}sc = StandardScaler()\nX_train = sc.fit_transform(X_train)\nX_test = sc.fit_transform(X_test)\n`, RULE);
      assert.match(f.message, /`sc` is fitted on the test set \(`X_test`\)/);
      assert.match(f.message, /`sc\.transform\(X_test\)` with the StandardScaler fitted on `X_train`/);
      assert.match(f.message, /never call `fit` on test data/);
      assert.equal(f.severity, 'warning');
    });

    it('reads the split: odd outputs are test rows whatever their names', () => {
      assert.deepEqual(leaks('a, b, c, d = train_test_split(X, y)\nsc = StandardScaler()\nsc.fit_transform(b)\n'), ['sc.fit_transform']);
      assert.deepEqual(leaks('a, b, c, d = train_test_split(X, y)\nsc = StandardScaler()\nsc.fit_transform(a)\nsc.fit_transform(c)\n'), []);
      // three-way split: every odd position is held out
      assert.deepEqual(leaks('tr, va, ytr, yva = train_test_split(X, y)\nsc = StandardScaler().fit(tr)\nsc.fit_transform(va)\n'), ['sc.fit_transform']);
    });

    it('resolves import aliases and module attributes', () => {
      const head = 'from sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler as SS\nfrom sklearn import preprocessing, decomposition\n';
      assert.deepEqual(leaks(`${SPLIT}s = SS()\ns.fit_transform(X_test)\n`, head), ['s.fit_transform']);
      assert.deepEqual(leaks(`${SPLIT}m = preprocessing.MinMaxScaler(feature_range=(0, 1))\nm.fit(X_test)\n`, head), ['m.fit']);
      assert.deepEqual(leaks(`${SPLIT}p = decomposition.PCA(n_components=5)\nX_test = p.fit_transform(X_test)\n`, head), ['p.fit_transform']);
    });

    it('takes test-named data when no split is visible (Keras loaders, Kaggle test.csv)', () => {
      assert.deepEqual(leaks('(x_train, y_train), (x_test, y_test) = mnist.load_data()\nsc = StandardScaler()\nx_test = sc.fit_transform(x_test)\n'), ['sc.fit_transform']);
      assert.deepEqual(leaks('test = pd.read_csv("test.csv")\nsc = StandardScaler()\nX_sub = sc.fit_transform(test)\n'), ['sc.fit_transform']);
      assert.deepEqual(leaks('test_df = pd.read_csv("test.csv")\nsc = StandardScaler()\nsc.fit_transform(test_df.drop("id", axis=1))\n'), ['sc.fit_transform']);
      assert.deepEqual(leaks('X_te = load()\nStandardScaler().fit(X_te)\n'), ['StandardScaler().fit']);
    });

    it('follows names derived from test rows', () => {
      assert.deepEqual(leaks(`${SPLIT}Xv = X_test[["a", "b"]]\nsc = StandardScaler()\nsc.fit_transform(Xv)\n`), ['sc.fit_transform']);
      assert.deepEqual(leaks(`${SPLIT}Xv = X_test[["a", "b"]]\nXv = X_train[["a", "b"]]\nsc = StandardScaler()\nsc.fit_transform(Xv)\n`), []);
    });

    it('reports category encoders refitted on test rows, unless their categories are fixed', () => {
      assert.deepEqual(leaks(`${SPLIT}enc = OneHotEncoder()\nenc.fit(X_train)\nenc.fit_transform(X_test)\n`), ['enc.fit_transform']);
      assert.deepEqual(leaks(`${SPLIT}enc = OneHotEncoder(categories=[["a", "b"]])\nenc.fit_transform(X_test)\n`), []);
    });

    it('reports a Pipeline with a scaler fitted on test rows, not one made only of estimators', () => {
      const head = `${HEAD}from sklearn.pipeline import make_pipeline, Pipeline\n`;
      assert.deepEqual(leaks(`${SPLIT}pipe = make_pipeline(StandardScaler(), LogisticRegression())\npipe.fit(X_test, y_test)\n`, head), ['pipe.fit']);
      assert.deepEqual(leaks(`${SPLIT}sc = StandardScaler()\npipe = Pipeline([("sc", sc), ("lr", LogisticRegression())])\npipe.fit(X_test, y_test)\n`, head), ['pipe.fit']);
      assert.deepEqual(leaks(`${SPLIT}pipe = make_pipeline(LogisticRegression())\npipe.fit(X_test, y_test)\n`, head), []);
    });

    it('follows self.<attr> set in __init__ into another method', () => {
      const src = 'class Prep:\n    def __init__(self):\n        self.scaler = StandardScaler()\n\n    def run(self, X_train, X_test):\n        a = self.scaler.fit_transform(X_train)\n        b = self.scaler.fit_transform(X_test)\n        return a, b\n';
      assert.deepEqual(leaks(src), ['self.scaler.fit_transform']);
      assert.deepEqual(leaks(src.replace('StandardScaler()', 'LogisticRegression()')), []);
    });

    it('reports inside functions whose parameters are test data', () => {
      const src = 'def scale(X_train, X_test):\n    sc = StandardScaler()\n    a = sc.fit_transform(X_train)\n    b = sc.fit_transform(X_test)\n    return a, b\n';
      assert.deepEqual(leaks(src), ['sc.fit_transform']);
    });

    it('fixes fit_transform → transform when the same object was fitted on the training data (safe)', () => {
      const sources = [
        `${HEAD}${SPLIT}sc = StandardScaler()\nX_train = sc.fit_transform(X_train)\nX_test = sc.fit_transform(X_test)\n`,
        `${HEAD}def scale(X_train, X_test):\n    sc = StandardScaler()\n    sc.fit(X_train)\n    return sc.transform(X_train), sc.fit_transform(X_test)\n`,
      ];
      const applied = assertFixesWork(sources, RULE, 2);
      assert.ok(applied.every((a) => a.safe));
      assert.ok(applied[0].fixed.includes('X_test = sc.transform(X_test)\n'));
      assert.match(applied[0].title, /Use `sc\.transform\(X_test\)`/);
    });

    it('offers no fix when nothing was fitted on the training data, or the object was rebuilt since', () => {
      for (const body of [
        `${SPLIT}sc = StandardScaler()\nX_test = sc.fit_transform(X_test)\n`,
        `${SPLIT}X_test = StandardScaler().fit_transform(X_test)\n`,
        `${SPLIT}sc = StandardScaler()\nsc.fit(X_train)\nsc = StandardScaler()\nX_test = sc.fit_transform(X_test)\n`,
        `${SPLIT}sc = StandardScaler()\nsc.fit(X_train)\nsc.fit(X_test)\n`,
      ]) {
        const found = findingsOf(HEAD + body, RULE);
        assert.equal(found.length, 1, body);
        assert.deepEqual(found[0].fixes, [], body);
      }
    });
  });

  describe('(B) fit on all rows before the split', () => {
    it('reports fit_transform whose output is split', () => {
      assert.deepEqual(leaks(`sc = StandardScaler()\nX = sc.fit_transform(X)\n${SPLIT}`), ['sc.fit_transform']);
      assert.deepEqual(leaks(`X_scaled = StandardScaler().fit_transform(X)\nX_df = pd.DataFrame(X_scaled, columns=cols)\nX_train, X_test, y_train, y_test = train_test_split(X_df, y)\n`), [
        'StandardScaler().fit_transform',
      ]);
      assert.deepEqual(leaks(`X_train, X_test, y_train, y_test = train_test_split(StandardScaler().fit_transform(X), y)\n`), ['StandardScaler().fit_transform']);
      const [f] = findingsOf(`${HEAD}sc = StandardScaler()\nX = sc.fit_transform(X)\n\n${SPLIT}`, RULE);
      assert.match(f.message, /`StandardScaler` is fitted on all rows here and its output is split into train\/test at line 8/);
      assert.match(f.message, /make_pipeline\(StandardScaler\(\), model\)/);
      assert.deepEqual(f.fixes, []);
    });

    it('reports fit followed by transform of the same data, and in-place column updates', () => {
      assert.deepEqual(leaks(`sc = StandardScaler()\nsc.fit(X)\nX_s = sc.transform(X)\nX_train, X_test, y_train, y_test = train_test_split(X_s, y)\n`), ['sc.fit']);
      assert.deepEqual(leaks(`sc = StandardScaler().fit(X)\nX_s = sc.transform(X)\nX_train, X_test, y_train, y_test = train_test_split(X_s, y)\n`), ['StandardScaler().fit']);
      assert.deepEqual(
        leaks(`df = pd.read_csv("d.csv")\nsc = MinMaxScaler()\ndf[cols] = sc.fit_transform(df[cols])\nX = df.drop("y", axis=1)\ny = df["y"]\n${SPLIT}`),
        ['sc.fit_transform'],
      );
    });

    it('reports feature selection on all rows (the scikit-learn pitfalls example)', () => {
      const head = `${HEAD}from sklearn.feature_selection import SelectKBest\n`;
      assert.deepEqual(leaks(`X_sel = SelectKBest(k=25).fit_transform(X, y)\nX_train, X_test, y_train, y_test = train_test_split(X_sel, y)\n`, head), ['SelectKBest(k=25).fit_transform']);
    });

    it('reports once per fit, even when several outputs are split', () => {
      assert.deepEqual(leaks(`sc = StandardScaler()\nX = sc.fit_transform(X)\n${SPLIT}A, B, C, D = train_test_split(X, y)\n`), ['sc.fit_transform']);
    });
  });

  describe('(C) resampling before the split', () => {
    const head = `${HEAD}from imblearn.over_sampling import SMOTE, RandomOverSampler\n`;
    it('reports fit_resample (and fit_sample) whose output is split', () => {
      assert.deepEqual(leaks(`X_res, y_res = SMOTE().fit_resample(X, y)\nX_train, X_test, y_train, y_test = train_test_split(X_res, y_res)\n`, head), ['SMOTE().fit_resample']);
      assert.deepEqual(leaks(`sm = SMOTE(random_state=42)\nX, y = sm.fit_resample(X, y)\n${SPLIT}`, head), ['sm.fit_resample']);
      assert.deepEqual(leaks(`ros = RandomOverSampler()\nX, y = ros.fit_sample(X, y)\n${SPLIT}`, head), ['ros.fit_sample']);
      const [f] = findingsOf(`${head}sm = SMOTE()\nX, y = sm.fit_resample(X, y)\n${SPLIT}`, RULE);
      assert.match(f.message, /`SMOTE` resampled the data before the train\/test split \(line 8\)/);
      assert.match(f.message, /imblearn\.pipeline\.make_pipeline\(SMOTE\(\), model\)/);
    });

    it('reports a training split resampled and split again, and resampling of test rows', () => {
      const src = `${SPLIT}sm = SMOTE()\nX_tr, y_tr = sm.fit_resample(X_train, y_train)\nA, B, C, D = train_test_split(X_tr, y_tr)\n`;
      assert.deepEqual(leaks(src, head), ['sm.fit_resample']);
      assert.deepEqual(leaks(`${SPLIT}sm = SMOTE()\nXt, yt = sm.fit_resample(X_test, y_test)\n`, head), ['sm.fit_resample']);
      assert.match(findingsOf(`${head}${SPLIT}sm = SMOTE()\nXt, yt = sm.fit_resample(X_test, y_test)\n`, RULE)[0].message, /resamples the test set \(`X_test`\)/);
    });

    it('stays silent when only the training split is resampled', () => {
      assert.deepEqual(leaks(`${SPLIT}sm = SMOTE()\nX_train, y_train = sm.fit_resample(X_train, y_train)\nmodel.fit(X_train, y_train)\n`, head), []);
    });
  });

  describe('must stay silent', () => {
    it('fit on the training split, transform on the test split', () => {
      assert.deepEqual(leaks(`${SPLIT}sc = StandardScaler()\nX_train = sc.fit_transform(X_train)\nX_test = sc.transform(X_test)\n`), []);
      assert.deepEqual(leaks(`${SPLIT}sc = StandardScaler()\nsc.fit(X_train)\nX_train_s = sc.transform(X_train)\nX_test_s = sc.transform(X_test)\n`), []);
    });

    it('pipelines fitted on the training split, cross_val_score and GridSearchCV on a pipeline', () => {
      const head = `${HEAD}from sklearn.pipeline import make_pipeline\nfrom sklearn.model_selection import cross_val_score, GridSearchCV\n`;
      assert.deepEqual(leaks(`${SPLIT}pipe = make_pipeline(StandardScaler(), LogisticRegression())\npipe.fit(X_train, y_train)\npipe.score(X_test, y_test)\n`, head), []);
      assert.deepEqual(leaks(`pipe = make_pipeline(StandardScaler(), LogisticRegression())\nscores = cross_val_score(pipe, X, y, cv=5)\n`, head), []);
      assert.deepEqual(leaks(`${SPLIT}gs = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression()), {"logisticregression__C": [1, 10]})\ngs.fit(X_train, y_train)\n`, head), []);
    });

    it('a fit on all rows whose output is never split, or is re-bound to raw data before the split', () => {
      assert.deepEqual(leaks('sc = StandardScaler()\nX = sc.fit_transform(X)\nmodel = LogisticRegression().fit(X, y)\n'), []);
      assert.deepEqual(leaks(`sc = StandardScaler()\nX = sc.fit_transform(X)\nX = df[cols].values\n${SPLIT}`), []);
      assert.deepEqual(leaks(`sc = StandardScaler()\nsc.fit(X)\nX_other = sc.transform(X_new)\nX_train, X_test, y_train, y_test = train_test_split(X_other, y)\n`), []);
      // a fit inside a function does not taint the module's names
      assert.deepEqual(leaks(`def prep(X):\n    X = StandardScaler().fit_transform(X)\n    return X\n${SPLIT}`), []);
    });

    it('estimators, clustering and plotting helpers fitted on test rows', () => {
      const head = `${HEAD}from sklearn.tree import DecisionTreeClassifier\nfrom sklearn.cluster import KMeans\nfrom sklearn.decomposition import PCA\nimport matplotlib.pyplot as plt\n`;
      assert.deepEqual(leaks(`${SPLIT}LogisticRegression().fit(X_test, y_test)\nsurrogate = DecisionTreeClassifier(max_depth=3).fit(X_test, preds)\nKMeans(3).fit(X_test)\nvisualizer.fit(X_test, y_test)\n`, head), []);
      assert.deepEqual(leaks(`${SPLIT}plt.scatter(*PCA(2).fit_transform(X_test).T)\n`, head), []);
    });

    it('category encoders and LabelEncoder fitted on all rows before the split', () => {
      assert.deepEqual(leaks(`le = LabelEncoder()\ndf["y"] = le.fit_transform(df["y"])\nenc = OneHotEncoder()\nX = enc.fit_transform(df[["c"]])\n${SPLIT}`), []);
    });

    it('stateless transformers on test rows, pandas statistics, comments and strings', () => {
      const head = `${HEAD}from sklearn.preprocessing import Normalizer, FunctionTransformer\n`;
      assert.deepEqual(leaks(`${SPLIT}X_test = PolynomialFeatures(2).fit_transform(X_test)\nNormalizer().fit_transform(X_test)\nFunctionTransformer(f).fit_transform(X_test)\n`, head), []);
      assert.deepEqual(leaks(`${SPLIT}X_test = X_test.fillna(X_test.mean())\nX_test = (X_test - X_test.mean()) / X_test.std()\n`), []);
      assert.deepEqual(leaks(`${SPLIT}sc = StandardScaler()\n# X_test = sc.fit_transform(X_test)\ns = "sc.fit_transform(X_test)"\n`), []);
    });

    it('refitting on the training split before splitting it again into train/validation', () => {
      assert.deepEqual(leaks(`${SPLIT}sc = StandardScaler()\nX_train = sc.fit_transform(X_train)\nX_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train)\n`), []);
    });

    it('files that do not import scikit-learn or imbalanced-learn', () => {
      const src = `class StandardScaler:\n    pass\n\n${SPLIT.replace('train_test_split(', 'split(')}sc = StandardScaler()\nsc.fit_transform(X_test)\n`;
      assert.deepEqual(flagged(src, RULE), []);
    });
  });

  describe('notebooks', () => {
    it('reads cells in order: a fit in one cell, the split in a later one, with cell and line in the message', () => {
      const cells = [
        { kind: 'code' as const, source: 'import pandas as pd\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import train_test_split' },
        { kind: 'markdown' as const, source: '# Scale' },
        { kind: 'code' as const, source: '%matplotlib inline\nX = StandardScaler().fit_transform(X)' },
        { kind: 'code' as const, source: 'X_train, X_test, y_train, y_test = train_test_split(X, y)' },
      ];
      const found = analyzeNotebook(cells).filter((f) => f.rule === RULE);
      assert.equal(found.length, 1);
      assert.equal(found[0].cell, 2);
      assert.equal(found[0].range.start.line, 1);
      assert.match(found[0].message, /at line 1 of cell 4/);
    });

    it('uses the latest binding before the use (a scaler re-created in a later cell)', () => {
      const cells = [
        { kind: 'code' as const, source: `${HEAD}${SPLIT}sc = StandardScaler()\nsc.fit(X_train)` },
        { kind: 'code' as const, source: 'sc = StandardScaler()\nX_test = sc.fit_transform(X_test)' },
      ];
      const found = analyzeNotebook(cells).filter((f) => f.rule === RULE);
      assert.equal(found.length, 1);
      assert.equal(found[0].cell, 1);
      assert.deepEqual(found[0].fixes, []);
    });
  });
});
