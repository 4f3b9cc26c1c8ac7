// The severity scheme: code that fails on current library versions is an error, code that still runs
// (deprecated, risky) a warning, advice info; a severity the user sets applies to every finding of the rule.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../src/core/analysis/catalogue';
import { findingsOf } from './python-testkit';
import { repoRoot } from './repoRoot';
import { localizedManifest } from './nlsManifest';

const ROOT = repoRoot();

describe('severity scheme', () => {
  it('reports load_boston (ImportError on scikit-learn 1.2+) as an error, a Boston download that still works as a warning', () => {
    assert.equal(findingsOf('from sklearn.datasets import load_boston\n', 'boston-dataset')[0].severity, 'error');
    assert.equal(findingsOf('from sklearn.datasets import fetch_openml\nd = fetch_openml("boston")\n', 'boston-dataset')[0].severity, 'warning');
  });

  it('reports a removed API as an error and one that is only deprecated as a warning', () => {
    assert.equal(findingsOf('import numpy as np\nx = np.float(1)\n', 'deprecated-api')[0].severity, 'error');
    assert.equal(findingsOf('import pandas as pd\ndf = pd.DataFrame()\ndf = df.append(df)\n', 'deprecated-api')[0].severity, 'error');
    assert.equal(findingsOf('import torch\nx = torch.autograd.Variable(t)\n', 'deprecated-api')[0].severity, 'warning');
    assert.equal(findingsOf('import torch\nx = torch.chain_matmul(a, b)\n', 'deprecated-api')[0].severity, 'warning');
  });

  it('keeps Python 2 syntax an error', () => {
    assert.equal(findingsOf('print "x"\n', 'python2')[0].severity, 'error');
  });

  it('applies a severity the user set to every finding of the rule, failing or not', () => {
    const options = { severities: { 'deprecated-api': 'info' as const, 'boston-dataset': 'hint' as const } };
    assert.equal(findingsOf('import numpy as np\nx = np.float(1)\n', 'deprecated-api', options)[0].severity, 'info');
    assert.equal(findingsOf('from sklearn.datasets import load_boston\n', 'boston-dataset', options)[0].severity, 'hint');
  });

  it('documents each rule that has a failSeverity on its page and in the settings', () => {
    const pkg = localizedManifest() as { contributes: { configuration: { properties: Record<string, { properties: Record<string, { markdownDescription: string }> }> } } };
    const settings = pkg.contributes.configuration.properties['pythonForAI.rules'].properties;
    const raw = parse(fs.readFileSync(path.join(ROOT, 'src/core/rules/rules.yaml'), 'utf8')) as { id: string; failSeverity?: string }[];
    for (const rule of allRules()) {
      const failSeverity = raw.find((r) => r.id === rule.id)?.failSeverity;
      if (!failSeverity) continue;
      const page = fs.readFileSync(path.join(ROOT, rule.docsPath), 'utf8');
      assert.ok(page.includes(`**${failSeverity}** where the code fails`), `${rule.docsPath} states the ${failSeverity} for failing code`);
      assert.match(settings[rule.id].markdownDescription, new RegExp(`\`${failSeverity}\` where the code fails`), `package.json describes ${rule.id}'s ${failSeverity}`);
    }
  });
});
