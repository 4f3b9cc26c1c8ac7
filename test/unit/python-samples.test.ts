import * as assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/analysis/edits';
import { analyzePython } from '../../src/core/analysis/python';
import { pythonParseErrors } from './python-testkit';

// Whole files as people write them: a current training script must be clean; an old tutorial
// gets exactly the findings a reviewer would point at, and applying every fix yields valid Python.
const MODERN = "\"\"\"A modern training script: nothing here should be reported.\"\"\"\nimport argparse\nimport numpy as np\nimport pandas as pd\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nfrom torch.utils.data import DataLoader\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.datasets import fetch_california_housing\n\ndevice = torch.device(\"cuda\" if torch.cuda.is_available() else \"cpu\")\n\ndef load(path: str) -> pd.DataFrame:\n    df = pd.read_csv(path)\n    print(df.info())\n    df = df.dropna().drop_duplicates()\n    return df\n\nclass Net(nn.Module):\n    def __init__(self, n: int) -> None:\n        super().__init__()\n        self.fc = nn.Linear(n, 1)\n\n    def forward(self, x: torch.Tensor) -> torch.Tensor:\n        return self.fc(x)\n\ndef train(model: Net, loader: DataLoader, epochs: int = 3) -> list[float]:\n    criterion = nn.MSELoss()\n    opt = torch.optim.Adam(model.parameters(), lr=1e-3)\n    history = []\n    for epoch in range(epochs):\n        running = 0.0\n        for xb, yb in loader:\n            xb, yb = xb.to(device), yb.to(device)\n            opt.zero_grad()\n            loss = criterion(model(xb), yb)\n            loss.backward()\n            opt.step()\n            running += loss.item()\n            history.append(loss.item())\n        print(f\"epoch {epoch}: {running / len(loader):.4f} {np.nan} {x['k']!r}\")\n    return history\n\n@torch.no_grad()\ndef evaluate(model: Net, loader: DataLoader) -> float:\n    total = 0.0\n    for xb, yb in loader:\n        total += F.mse_loss(model(xb.to(device)), yb.to(device))\n    return float(total)\n\nif __name__ == \"__main__\":\n    data = fetch_california_housing(as_frame=True)\n    X_train, X_test, y_train, y_test = train_test_split(data.data, data.target, test_size=0.2, random_state=0)\n    rows = []\n    rows.append({\"a\": 1})\n    arr = np.array([1.0, np.inf, np.float64(2)], dtype=np.bool_)\n    s = pd.Series([1, 2])\n    for k, v in s.items():\n        print(k, v)\n";
const OLD_TUTORIAL = "import numpy as np\nimport pandas as pd\nimport torch\nfrom torch.autograd import Variable\nfrom sklearn.datasets import load_boston\nfrom sklearn.cross_validation import train_test_split\nfrom sklearn.externals import joblib\n\nboston = load_boston()\ndf = pd.DataFrame(boston.data, columns=boston.feature_names)\ndf = df.append(pd.DataFrame({\"x\": [1]}))\nX = df.ix[:, :-1].values.astype(np.float)\nmodel = Net().cuda()\ncriterion = torch.nn.MSELoss()\ntotal_loss = 0\nfor epoch in range(10):\n    for xb, yb in loader:\n        out = model(Variable(xb).cuda())\n        loss = criterion(out, Variable(yb).cuda())\n        loss.backward()\n        total_loss += loss\n    print \"epoch\", epoch, total_loss\njoblib.dump(model, \"m.pkl\")\n";

const where = (src: string) => analyzePython(src).map((f) => `${f.range.start.line + 1}:${f.rule}`);

/** Applies the first fix of every finding, re-analysing until nothing is left to fix (as `--fix --unsafe-fixes` would). */
function fixAll(src: string): string {
  for (let round = 0; round < 10; round++) {
    const edits = analyzePython(src).flatMap((f) => f.fixes[0]?.edits ?? []);
    if (edits.length === 0) return src;
    src = applyEdits(src, edits);
  }
  return src;
}

describe('python analysis on whole files', () => {
  it('reports nothing in a modern training script', () => {
    assert.deepEqual(where(MODERN), []);
  });
  it('reports each pitfall of an old tutorial once, on its line', () => {
    assert.deepEqual(where(OLD_TUTORIAL), [
      '4:deprecated-api',
      '5:boston-dataset',
      '6:deprecated-api',
      '7:deprecated-api',
      '9:boston-dataset',
      '11:deprecated-api',
      '12:deprecated-api',
      '12:deprecated-api',
      '13:hardcoded-cuda',
      '18:deprecated-api',
      '18:hardcoded-cuda',
      '19:deprecated-api',
      '19:hardcoded-cuda',
      '21:loss-accumulation',
      '22:python2',
      '23:deprecated-api',
    ]);
  });
  it('applying every fix leaves valid Python and only the findings without a fix', () => {
    const fixed = fixAll(OLD_TUTORIAL);
    assert.deepEqual(pythonParseErrors([fixed]), [null]);
    // The hardcoded-cuda fix adds one line (the device chosen once), so later findings move down.
    assert.deepEqual(where(fixed), ['4:deprecated-api', '13:deprecated-api', '19:deprecated-api', '20:deprecated-api']);
    assert.match(fixed, /from sklearn\.datasets import fetch_california_housing\n/);
    assert.match(fixed, /total_loss \+= loss\.item\(\)/);
    assert.match(fixed, /print\("epoch", epoch, total_loss\)/);
  });
});
