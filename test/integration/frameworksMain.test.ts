// too-many-frameworks in the editor: the squiggle is on the import of the framework the file uses
// least, and the message names the framework the file is mostly about.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, fixtureUri } from './helpers';
import { openNewFile, waitForRule } from './diagnosticsSupport';

describe('too-many-frameworks marks the framework used least', () => {
  before(async () => {
    await activateExtension();
  });
  after(async () => {
    await closeAllEditors();
  });

  it('underlines the stray torch import of a TensorFlow file and says the file is mostly about TensorFlow', async () => {
    const text = 'import torch\nimport tensorflow as tf\n\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nx = tf.constant([1.0])\n';
    const document = await openNewFile(fixtureUri('pitfalls/scratch_frameworks_main.py'), text);
    await vscode.window.showTextDocument(document);
    const found = await waitForRule(document.uri, 'too-many-frameworks');
    assert.deepStrictEqual(found.map((d) => document.getText(d.range)), ['torch']);
    assert.match(found[0].message, /mostly about TensorFlow/);
    assert.doesNotMatch(found[0].message, /\b(delete|remove)\b/i);
  });
});
