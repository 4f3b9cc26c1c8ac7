// Snippets never get in the way of ordinary typing: lines of everyday ML code, typed character by character with
// the `type` command and ended with a real Enter key press, give exactly the text typed (issue 14, bug 1). And a
// snippet is still one library prefix + Enter away.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as path from 'node:path';
import { DEFAULT_VARIABLES, loadSnippetCatalogue, resolveSnippet } from '../../src/core/snippets';
import { SNIPPET_LIBRARIES as LIBRARIES } from '../../src/core/snippets/catalogue';
import { activateExtension, closeAllEditors, fixtureUri, pressKeys, sleep, typeLikeAPerson } from './helpers';

/** Lines learners type all the time; each ends in a word that once opened a snippet suggestion. */
const ORDINARY_LINES = [
  'import numpy as np',
  'import pandas as pd',
  'import matplotlib.pyplot as plt',
  'import tensorflow as tf',
  'import torch',
  'import torch.nn as nn',
  'from sklearn.model_selection import train_test_split',
  'from sklearn import svm',
  'import cv2',
  'np',
  'pd',
  'torch.nn',
  'df = pd.read_csv("x.csv")',
  'plt.show()',
  'x = data',
  'keep = mask',
  'loss = loss',
  'model = keras',
];

let fileCounter = 0;

async function freshPythonEditor(): Promise<vscode.TextEditor> {
  const uri = fixtureUri(`snippets/typing-${++fileCounter}.py`);
  await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

/** Types `line`, waits as long as a person reads the suggestion list, then presses Enter. */
async function typeLineAndEnter(line: string): Promise<void> {
  await typeLikeAPerson(line);
  await sleep(600);
  await pressKeys(['Enter']);
  await sleep(150);
}

describe('snippets while typing', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('leaveSnippet');
    await vscode.commands.executeCommand('hideSuggestWidget');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();
  });

  it('typing ordinary lines followed by Enter gives exactly what was typed', async function () {
    this.timeout(240_000);
    const editor = await freshPythonEditor();
    const differences: string[] = [];
    for (const line of ORDINARY_LINES) {
      const before = editor.document.getText();
      await typeLineAndEnter(line);
      const added = editor.document.getText().slice(before.length);
      if (added !== `${line}\n`) {
        differences.push(`typed ${JSON.stringify(line)} + Enter, got ${JSON.stringify(added.slice(0, 80))}`);
        // Start the next line clean after a snippet took over this one.
        await vscode.commands.executeCommand('leaveSnippet');
        await vscode.commands.executeCommand('hideSuggestWidget');
        const doc = editor.document;
        await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), `${before}${line}\n`));
        const end = doc.positionAt(doc.getText().length);
        editor.selection = new vscode.Selection(end, end);
      }
    }
    assert.deepEqual(differences, []);
    assert.equal(editor.document.getText(), ORDINARY_LINES.map((l) => `${l}\n`).join(''));
  });

  it('typing a library prefix offers that library\'s snippets and Enter inserts one', async function () {
    this.timeout(120_000);
    const catalogue = loadSnippetCatalogue();
    for (const library of LIBRARIES) {
      const prefix = library.prefixes[0];
      const editor = await freshPythonEditor();
      await typeLikeAPerson(prefix);
      const doc = editor.document;
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(doc.getText().length));
      const offered = new Set(list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label)));
      const expected = catalogue.filter((s) => s.library === library.id && s.prefix.startsWith(prefix)).map((s) => s.prefix);
      assert.ok(expected.length > 0, `${library.id}: no snippet starts with ${prefix}`);
      assert.deepEqual(expected.filter((p) => !offered.has(p)), [], `${library.id}: typing ${prefix} does not offer these`);
      await sleep(600);
      await pressKeys(['Enter']);
      await sleep(300);
      const text = doc.getText();
      const base = path.posix.basename(doc.uri.path);
      const inserted = catalogue.find((s) => s.library === library.id && text === resolveSnippet(s.body, { indentUnit: '    ', variables: { ...DEFAULT_VARIABLES, TM_FILENAME: base, TM_FILENAME_BASE: base.replace(/\.py$/, '') } }));
      assert.ok(inserted, `${library.id}: ${prefix} + Enter gave ${JSON.stringify(text.slice(0, 80))}`);
      await vscode.commands.executeCommand('leaveSnippet');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
