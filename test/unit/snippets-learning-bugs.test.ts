// Snippets teach the training and evaluation code learners copy: none of them may carry a "model isn't
// learning" bug (gradients never cleared, evaluation in training mode, softmax before a loss that applies
// it, preprocessing fitted on test rows) — alone, with every choice, or inserted one after another the way
// a roadmap step uses them, in a file and in notebook cells.
import * as assert from 'node:assert/strict';
import { analyzeNotebook } from '../../src/core/analysis/notebook';
import { analyzePython } from '../../src/core/analysis/python';
import { type AnalysisOptions, RULE_IDS, type RuleId } from '../../src/core/analysis/types';
import { loadSnippetCatalogue } from '../../src/core/snippets/catalogue';
import { resolveSnippet } from '../../src/core/snippets/resolve';
import { choiceStops } from './snippetTestkit';

/** The learning-bug rules of issue 13 that exist in this build (each on at warning, even the off-by-default ones). */
const LEARNING_RULES = (['missing-zero-grad', 'eval-mode-missing', 'train-mode-not-restored', 'softmax-before-cross-entropy', 'test-data-leakage'] as const).filter((id) =>
  (RULE_IDS as readonly string[]).includes(id),
) as RuleId[];
const ONLY_LEARNING: AnalysisOptions = {
  severities: Object.fromEntries(RULE_IDS.map((id) => [id, LEARNING_RULES.includes(id) ? 'warning' : 'off'])),
};

/** A known-bad program per rule: the check below must see each of them, or a clean result proves nothing. */
const BAD: Record<string, string> = {
  'missing-zero-grad': 'import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nfor x, y in loader:\n    loss = criterion(model(x), y)\n    loss.backward()\n    opt.step()\n',
  'eval-mode-missing':
    'import torch\nfrom torch import nn\nmodel = nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.5), nn.Linear(8, 2))\nwith torch.no_grad():\n    for x, y in test_loader:\n        out = model(x)\n',
  'train-mode-not-restored':
    'import torch\nfrom torch import nn\nmodel = nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.5), nn.Linear(8, 2))\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(3):\n    for x, y in train_loader:\n        opt.zero_grad()\n        loss = criterion(model(x), y)\n        loss.backward()\n        opt.step()\n    model.eval()\n    with torch.no_grad():\n        for x, y in val_loader:\n            out = model(x)\n',
  'softmax-before-cross-entropy': 'import torch\nfrom torch import nn\nmodel = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)\n',
  'test-data-leakage': 'from sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\nX_train, X_test, y_train, y_test = train_test_split(X, y)\nX_test = StandardScaler().fit_transform(X_test)\n',
};

/** Snippets inserted one after another for one piece of work, by their names (prefixes may be renamed). */
const WORKFLOWS: Record<string, string[]> = {
  'PyTorch: model, data, training, evaluation, prediction': ['Define a model (nn.Module)', 'Dataset and DataLoader', 'Training loop', 'Evaluation loop', 'Predict on new data', 'Save and load a checkpoint'],
  'PyTorch: a CNN trained then evaluated': ['Convolutional network', 'Training loop', 'Evaluation loop'],
  'PyTorch: MNIST end to end': ['MNIST end to end with torchvision', 'Predict on new data'],
  'PyTorch: fine-tuning': ['Fine-tune a pretrained torchvision model', 'Training loop', 'Evaluation loop'],
  'scikit-learn: split, scale, classify': ['Train/test split with a seed', 'Scale features without leakage', 'Fit, predict and evaluate a classifier', 'Confusion matrix plot'],
  'scikit-learn: pipeline, cross-validation, search': ['Train/test split with a seed', 'Preprocessing pipeline with ColumnTransformer', 'Cross-validation', 'Hyperparameter search with GridSearchCV'],
  'Keras: build, train, evaluate': ['Sequential model: build, compile, fit', 'Early stopping and checkpoints', 'Save and load a Keras model'],
  'Keras: MNIST and a custom step': ['MNIST with Keras', 'Custom training step with GradientTape'],
  'Kaggle: load, baseline, submit': ['Load competition data (Kaggle or local)', 'Titanic baseline to submission', 'Write a submission file'],
};

function choiceVariants(body: string): string[] {
  const out = [resolveSnippet(body)];
  for (const [index, options] of choiceStops(body)) for (const option of options.slice(1)) out.push(resolveSnippet(body, { values: { [index]: option } }));
  return out;
}

function describeFindings(findings: ReturnType<typeof analyzePython>): string[] {
  return findings.map((f) => `${f.rule}${f.cell === undefined ? '' : ` cell ${f.cell}`} line ${f.range.start.line + 1}: ${f.message.slice(0, 80)}`);
}

describe('snippets stay clean under the "model isn\'t learning" rules', () => {
  const catalogue = loadSnippetCatalogue();

  it('checks the learning-bug rules of this build, and each of them reports its known-bad sample', () => {
    assert.ok(LEARNING_RULES.includes('softmax-before-cross-entropy') && LEARNING_RULES.includes('test-data-leakage'));
    for (const rule of LEARNING_RULES) {
      const sample = BAD[rule] ?? assert.fail(`no known-bad sample for ${rule}`);
      assert.ok(analyzePython(sample, ONLY_LEARNING).some((f) => f.rule === rule), `${rule} did not report its sample`);
    }
  });

  it('every snippet, with its defaults and with every choice, has no learning-bug finding', () => {
    const findings: string[] = [];
    let checked = 0;
    for (const s of catalogue) {
      for (const source of choiceVariants(s.body)) {
        checked++;
        for (const f of describeFindings(analyzePython(source, ONLY_LEARNING))) findings.push(`${s.name}: ${f}`);
      }
    }
    assert.ok(checked > catalogue.length, `${checked} variants`);
    assert.deepEqual(findings, []);
  });

  for (const [workflow, names] of Object.entries(WORKFLOWS)) {
    it(`finds nothing in "${workflow}", as one file and as notebook cells`, () => {
      const sources = names.map((name) => resolveSnippet((catalogue.find((s) => s.name === name) ?? assert.fail(`no snippet named "${name}"`)).body));
      assert.deepEqual(describeFindings(analyzePython(sources.join('\n\n'), ONLY_LEARNING)), []);
      const cells = sources.map((source) => ({ kind: 'code' as const, source }));
      assert.deepEqual(describeFindings(analyzeNotebook(cells, ONLY_LEARNING)), []);
    });
  }
});
