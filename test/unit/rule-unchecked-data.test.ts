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
