import * as assert from 'node:assert/strict';
import { findingsOf, flagged } from './python-testkit';

const H = 'import pandas as pd\nfrom sklearn.model_selection import train_test_split\n';

describe('rule unchecked-data', () => {
  it('reports a table that reaches fit or train_test_split without inspection', () => {
    assert.deepEqual(flagged(H + 'df = pd.read_csv("d.csv")\nmodel.fit(df[["a"]], df["y"])\n', 'unchecked-data'), ['fit(df[["a"]], df["y"])']);
    assert.deepEqual(flagged(H + 'df = pd.read_excel("d.xlsx")\nX = df.drop("y", axis=1)\ny = df["y"]\nX_tr, X_te, y_tr, y_te = train_test_split(X, y)\n', 'unchecked-data'), ['train_test_split(X, y)']);
    const [f] = findingsOf(H + 'df = pd.read_csv("d.csv")\nX = df.drop("y", axis=1)\nm.fit(X, df.y)\n', 'unchecked-data');
    assert.equal(f.severity, 'info');
    assert.match(f.message, /`X` \(from `df`\)/);
  });
  it('stays silent once the table is inspected or cleaned', () => {
    for (const step of ['df.info()', 'print(df.isna().sum())', 'df = df.dropna()', 'df.fillna(0, inplace=True)', 'df.describe()', 'assert df.notna().all().all()', 'df.head()', 'df', 'print(df.shape)', 'df.drop_duplicates(inplace=True)']) {
      assert.deepEqual(flagged(H + `df = pd.read_csv("d.csv")\n${step}\nmodel.fit(df[["a"]], df["y"])\n`, 'unchecked-data'), [], step);
    }
    assert.deepEqual(flagged(H + 'df = pd.read_csv("d.csv").dropna()\nmodel.fit(df, y)\n', 'unchecked-data'), []);
  });
  it('follows the table when it reaches fit by another road: converted, as values, sliced, dropped', () => {
    const fit = 'from sklearn.linear_model import LinearRegression\n';
    const cases: [string, string][] = [
      ['import numpy as np\ndata = np.asarray(pd.read_csv("d.csv"))\nX = data[:, :-1]\ny = data[:, -1]\nLinearRegression().fit(X, y)\n', '`X` (from `data`)'],
      ['import numpy as np\nX = np.array(pd.read_csv("x.csv", header=None))\nLinearRegression().fit(X, t)\n', '`X` is read'],
      ['df = pd.read_csv("d.csv")\nX = df.values[:, :-1]\nLinearRegression().fit(X, t)\n', '`X` (from `df`)'],
      ['df = pd.read_csv("d.csv")\nX = df.drop(columns=["y"]).to_numpy()\nLinearRegression().fit(X, df["y"].to_numpy())\n', '`X` (from `df`)'],
      ['dataset = pd.read_csv("Data.csv")\nX = dataset.iloc[:, :-1].values\ny = dataset.iloc[:, -1].values\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)\n', '`X` (from `dataset`)'],
      ['X = pd.read_csv("x.csv").values\nLinearRegression().fit(X, t)\n', '`X` is read'],
      ['frames = pd.concat([pd.read_csv(f) for f in files])\nLinearRegression().fit(frames[["a"]], frames["y"])\n', '`frames` is read'],
      ['from sklearn.model_selection import cross_val_score\ndf = pd.read_csv("d.csv")\ncross_val_score(LinearRegression(), df[["a"]], df["y"])\n', '`df` is read'],
    ];
    for (const [body, via] of cases) {
      const found = findingsOf(H + fit + body, 'unchecked-data');
      assert.equal(found.length, 1, body);
      assert.ok(found[0].message.startsWith(via), `${body}\n${found[0].message}`);
    }
  });
  it('counts column-wise cleaning, imputers and pipelines that impute, and looking at the data', () => {
    const fit = 'from sklearn.linear_model import LinearRegression\nfrom sklearn.impute import SimpleImputer, KNNImputer\nfrom sklearn.pipeline import Pipeline, make_pipeline\nfrom sklearn.compose import ColumnTransformer\nfrom sklearn.preprocessing import StandardScaler\n';
    for (const body of [
      'df = pd.read_csv("d.csv")\ndf["age"] = df["age"].fillna(df["age"].median())\nLinearRegression().fit(df[["age"]], df["y"])\n',
      'df = pd.read_csv("d.csv")\ndf[["a", "b"]] = df[["a", "b"]].fillna(0)\nLinearRegression().fit(df[["a", "b"]], df.y)\n',
      'df = pd.read_csv("d.csv")\ndf.loc[:, "a"].fillna(0, inplace=True)\nLinearRegression().fit(df[["a"]], df.y)\n',
      'df = pd.read_csv("d.csv")\nprint(df.isnull().sum())\nLinearRegression().fit(df[["a"]], df.y)\n',
      'df = pd.read_csv("d.csv")\ndf.head()\nLinearRegression().fit(df[["a"]], df.y)\n',
      'df = pd.read_csv("d.csv")\nprint(df.shape)\nLinearRegression().fit(df[["a"]], df.y)\n',
      'df = pd.read_csv("d.csv")\nX = df.iloc[:, :-1].values\nimputer = SimpleImputer(strategy="mean")\nimputer.fit(X[:, 1:3])\nX[:, 1:3] = imputer.transform(X[:, 1:3])\nLinearRegression().fit(X, df.y)\n',
      'df = pd.read_csv("d.csv")\nX = KNNImputer(n_neighbors=3).fit_transform(df.drop(columns="y"))\nLinearRegression().fit(X, df["y"])\n',
      'df = pd.read_csv("d.csv")\nmodel = make_pipeline(SimpleImputer(), LinearRegression())\nmodel.fit(df[["a"]], df["y"])\n',
      'df = pd.read_csv("d.csv")\nX_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"])\nnum = Pipeline([("imp", SimpleImputer(strategy="median")), ("scale", StandardScaler())])\npre = ColumnTransformer([("num", num, ["a", "b"])])\nmodel = Pipeline([("pre", pre), ("lr", LinearRegression())])\nmodel.fit(X_train, y_train)\n',
      'df = pd.read_csv("d.csv")\nX_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"])\nprint(X_train.isna().sum())\nLinearRegression().fit(X_train, y_train)\n',
    ]) {
      assert.deepEqual(flagged(H + fit + body, 'unchecked-data'), [], body);
    }
  });
  it('still reports when the pipeline has no imputer, or the split data is never looked at', () => {
    const fit = 'from sklearn.linear_model import LinearRegression\nfrom sklearn.pipeline import make_pipeline\nfrom sklearn.preprocessing import StandardScaler\n';
    const split = 'df = pd.read_csv("d.csv")\nX_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"])\n';
    // the finding stays on the split, where the unchecked table first went
    assert.deepEqual(flagged(H + fit + split + 'model = make_pipeline(StandardScaler(), LinearRegression())\nmodel.fit(X_train, y_train)\n', 'unchecked-data'), ['train_test_split(df.drop(columns="y"), df["y"])']);
    assert.deepEqual(flagged(H + fit + split, 'unchecked-data'), ['train_test_split(df.drop(columns="y"), df["y"])']);
    // a name that held an imputer and was rebound to a plain model no longer cleans
    assert.equal(flagged(H + fit + 'from sklearn.impute import SimpleImputer\ndf = pd.read_csv("d.csv")\nm = SimpleImputer()\nm = LinearRegression()\nm.fit(df[["a"]], df["y"])\n', 'unchecked-data').length, 1);
    // a user's own function may clean the table: not followed
    assert.deepEqual(flagged(H + fit + 'df = prepare(pd.read_csv("d.csv"))\nLinearRegression().fit(df[["a"]], df["y"])\n', 'unchecked-data'), []);
  });
  it('ignores inspection that comes after the fit, but reports once per table', () => {
    assert.equal(flagged(H + 'df = pd.read_csv("d.csv")\nm.fit(df, y)\nm2.fit(df, y)\ndf.info()\n', 'unchecked-data').length, 1);
  });
  it('ignores data not read from files, names rebound, strings and files without pandas', () => {
    for (const src of [
      H + 'df = make_data()\nm.fit(df, y)\n',
      H + 'df = pd.read_csv("d.csv")\ndf = load_clean()\nm.fit(df, y)\n',
      H + 'df = pd.read_csv("d.csv")\ns = "m.fit(df, y)"\n',
      'df = pd.read_csv("d.csv")\nm.fit(df, y)\n',
    ]) {
      assert.deepEqual(flagged(src, 'unchecked-data'), [], src);
    }
  });
});
