// deprecated-api on methods of known objects and their keyword arguments, with entries of the
// kinds the engine supports (`receivers`): Keras models made by a call into keras, pandas objects.
import * as assert from 'node:assert/strict';
import { deprecatedApis } from '../../src/core/analysis/rules/deprecatedApi';
import { useCatalogue, type DeprecatedApi } from '../../src/core/analysis/rules/deprecatedCatalogue';
import { assertFixesWork, findingsOf, flagged } from './python-testkit';

const rule = 'deprecated-api';
// The rule's gate reads the shipped catalogue's libraries; TensorFlow is one of them.
const TF = 'import tensorflow as tf\n';
const source = 'https://keras.io/';
// Entries written for these tests (the shipped catalogue's own entries are tested with the data).
const ENTRIES: DeprecatedApi[] = [
  { api: 'keras.Model', kind: 'method', name: 'predict_classes', removedIn: 'keras 2.6', replacement: '`np.argmax(model.predict(x), axis=-1)`', fix: 'none', safe: false, receivers: ['keras', 'tensorflow.keras'], source },
  { api: 'keras.Model', kind: 'method', name: 'fit_generator', deprecatedIn: 'keras 2.4', replacement: '`model.fit`', fix: { rename: 'fit' }, safe: true, receivers: ['keras', 'tensorflow.keras'], source },
  { api: 'keras.Model', kind: 'method', name: 'legacy_only_name', removedIn: 'keras 3.0', replacement: 'nothing', fix: 'none', safe: false, receivers: 'any', source },
  { api: 'keras.Model.fit', kind: 'kwarg', name: 'nb_epoch', removedIn: 'keras 2.0', replacement: '`epochs=`', fix: { rename: 'epochs' }, safe: true, receivers: ['keras', 'tensorflow.keras'], source },
  { api: 'pandas.DataFrame.fillna', kind: 'kwarg', name: 'method', deprecatedIn: 'pandas 2.1', replacement: '`.ffill()` / `.bfill()`', fix: 'none', safe: false, receivers: ['pandas'], source },
];

describe('rule deprecated-api: methods of known objects', () => {
  // The test entries replace shipped entries of the same name, so each check sees exactly one entry.
  before(() => useCatalogue([...deprecatedApis().filter((e) => !ENTRIES.some((t) => t.kind === e.kind && t.name === e.name)), ...ENTRIES]));
  after(() => useCatalogue());

  it('reports a method on a receiver made by a call into the library, under any import form', () => {
    assert.deepEqual(flagged(TF + 'from keras.models import Sequential\nmodel = Sequential()\ny = model.predict_classes(x)\n', rule), ['predict_classes']);
    assert.deepEqual(flagged('import tensorflow as tf\nmodel = tf.keras.models.load_model("m.h5")\nmodel.fit_generator(gen, epochs=3)\n', rule), ['fit_generator']);
    assert.deepEqual(flagged(TF + 'import keras\ndef build():\n    net = keras.Sequential()\n    net.predict_classes(x)\n', rule), ['predict_classes']);
    const [f] = findingsOf(TF + 'from keras.models import Sequential\nmodel = Sequential()\nmodel.predict_classes(x)\n', rule);
    assert.match(f.message, /`\.predict_classes` was removed in keras 2\.6/);
    assert.equal(f.deprecated, true);
  });
  it('stays silent when the receiver is not known to come from the library', () => {
    for (const src of [
      TF + 'import keras\nmodel = MyModel()\nmodel.predict_classes(x)\n',
      TF + 'from keras.models import Sequential\nmodel = Sequential()\nmodel = wrap(model)\nmodel.predict_classes(x)\n',
      TF + 'import keras\ndef evaluate(model):\n    return model.predict_classes(x)\n',
      TF + 'model = Sequential()\nmodel.predict_classes(x)\n',
      TF + 'import keras\nmodel = keras.Sequential()\nmodel.predict_classes\ns = "model.predict_classes(x)"\n',
      TF + 'import keras\nmodels = [keras.Sequential()]\nmodels[0].fit(x, nb_epoch=3)\n',
    ]) {
      assert.deepEqual(flagged(src, rule), [], src);
    }
  });
  it('reports an `any` method on every receiver, only in files importing the library', () => {
    assert.deepEqual(flagged(TF + 'import keras\nthing.legacy_only_name()\n', rule), ['legacy_only_name']);
    assert.deepEqual(flagged(TF + 'thing.legacy_only_name()\n', rule), []);
  });
  it('reports removed keyword arguments of such methods, on Keras models and pandas objects alike', () => {
    assert.deepEqual(flagged(TF + 'from keras.models import Sequential\nmodel = Sequential()\nmodel.fit(X, y, nb_epoch=10, verbose=0)\nrows.fit(X, nb_epoch=1)\n', rule), ['nb_epoch']);
    assert.deepEqual(flagged('import pandas as pd\ndf = pd.read_csv("a.csv")\ndf = df.fillna(method="ffill")\nother.fillna(method="ffill")\n', rule), ['method']);
  });
  it('fixes renamed methods and keywords, and the finding goes', function () {
    this.timeout(20000);
    const applied = assertFixesWork([TF + 'import keras\nm = keras.Sequential()\nm.fit_generator(g)\n', TF + 'import keras\nm = keras.Sequential()\nm.fit(X, nb_epoch=2)\n'], rule, 2);
    assert.ok(applied.some((a) => a.fixed.endsWith('m.fit(g)\n') && a.safe));
    assert.ok(applied.some((a) => a.fixed.endsWith('m.fit(X, epochs=2)\n')));
  });
  it('applies version pins to method entries', () => {
    const pinned = { libraryVersions: { keras: { upTo: '2.3.1', label: 'keras==2.3.1 (requirements.txt)' } } };
    assert.deepEqual(flagged(TF + 'import keras\nm = keras.Sequential()\nm.fit_generator(g)\n', rule, pinned), [], 'not yet deprecated in 2.3.1');
    const [f] = findingsOf(TF + 'import keras\nm = keras.Sequential()\nm.predict_classes(x)\n', rule, pinned);
    assert.equal(f.severity, 'info');
  });
});
