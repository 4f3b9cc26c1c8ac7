// Git run: the workspace is a git repository with a script fitting a model on California Housing.
import * as assert from 'node:assert/strict';
import { activateExtension, waitFor } from './helpers';
import { environmentReport, roadmap, step } from './roadmapHelpers';

describe('roadmap in a git repository', () => {
  before(async () => {
    await activateExtension();
  });

  it('shows the California Housing step as detected, with what was found', async () => {
    const r = await waitFor(async () => {
      const x = await roadmap();
      return step(x, 'sklearn-california').state === 'detected' ? x : undefined;
    }, 20_000, 'sklearn-california detected');
    assert.equal(step(r, 'sklearn-california').detected[0], 'fits and evaluates a model on California Housing: roadmap/house_prices.py');
    assert.equal(r.contextKeys['pythonForAI.step.sklearn-california.done'], true);
    assert.equal(r.evidence.git, true);
    // The project step needs git AND a spam/sentiment/weather model: git alone is not enough.
    assert.equal(step(r, 'small-project').state, 'open');
    assert.equal(step(r, 'pytorch-mnist').state, 'open');
  });

  it('Check Environment reports the repository', async () => {
    const report = await environmentReport();
    assert.equal(report.git, 'repository');
    assert.match(report.markdown, /The workspace is in a git repository/);
  });
});
