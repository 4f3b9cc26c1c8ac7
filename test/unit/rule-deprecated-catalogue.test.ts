// Data-driven checks of the deprecated-API catalogue: every entry fires on a minimal use written
// the way tutorials write it, every fix parses and removes its finding, near-misses stay silent,
// and Ruff's NPY201 cases (restated here as plain expressions) are all found.
import * as assert from 'node:assert/strict';
import { deprecatedApis, type DeprecatedApi } from '../../src/core/analysis/rules/deprecatedApi';
import { assertFixesWork, flagged } from './python-testkit';

const RULE = 'deprecated-api';
/** The names tutorials bind the libraries to; anything else is imported under its own name. */
const ALIASES: Record<string, string> = { numpy: 'np', pandas: 'pd', tensorflow: 'tf', seaborn: 'sns', matplotlib: 'mpl' };

interface Use {
  source: string;
  /** The text the finding covers. */
  shown: string;
}

function importTop(top: string): [string, string] {
  const alias = ALIASES[top];
  return alias ? [`import ${top} as ${alias}\n`, alias] : [`import ${top}\n`, top];
}

/** The smallest program that uses entry `e` through the module's usual alias. */
/** A name bound to an object of the receiver library: a DataFrame from `pd.read_csv`, a Keras model from `Sequential()`. */
function receiverSetup(e: DeprecatedApi): string {
  const receivers = e.receivers === 'any' || e.receivers === undefined ? [e.api.split('.', 1)[0]] : e.receivers;
  if (receivers.includes('pandas')) return `${importTop('pandas')[0]}obj = pd.read_csv("a.csv")\n`;
  if (receivers.includes('keras')) return 'from keras.models import Sequential\nobj = Sequential()\n';
  throw new Error(`no test receiver for ${e.api}: ${String(receivers)}`);
}

function minimalUse(e: DeprecatedApi): Use {
  const [top, ...rest] = e.api.split('.');
  const [header, alias] = importTop(top);
  const dotted = [alias, ...rest].join('.');
  switch (e.kind) {
    case 'attribute':
      return { source: `${header}x = ${dotted}\n`, shown: dotted };
    case 'kwarg':
      // A keyword of a method (`api: pandas.DataFrame.fillna`) is used on an object of its class.
      if (e.receivers !== undefined) return { source: `${receiverSetup(e)}y = obj.${rest[rest.length - 1]}(x, ${e.name}=1)\n`, shown: e.name! };
      return { source: `${header}y = ${dotted}(x, ${e.name}=1)\n`, shown: e.name! };
    case 'module':
      return { source: `from ${e.api} import something\n`, shown: e.api };
    case 'method': {
      const access = e.name === 'ix' ? `obj.${e.name}[0]` : `obj.${e.name}(1)`;
      return { source: `${receiverSetup(e)}z = ${access}\n`, shown: e.name! };
    }
  }
}

/** A second spelling of the same use: `from a.b import c` for attributes, `import a.b.c` for modules. */
function importedUse(e: DeprecatedApi): Use | undefined {
  const dot = e.api.lastIndexOf('.');
  if (e.kind === 'attribute' && dot > 0) return { source: `from ${e.api.slice(0, dot)} import ${e.api.slice(dot + 1)}\n`, shown: e.api.slice(dot + 1) };
  if (e.kind === 'module') return { source: `import ${e.api}\n`, shown: e.api };
  return undefined;
}

/** A use whose fix can apply: `pd.np` needs numpy imported to know its alias. */
function fixableUse(e: DeprecatedApi): string {
  const use = minimalUse(e).source;
  if (typeof e.fix === 'object' && e.fix.replace?.includes('{alias:numpy}')) return `import numpy as np\n${use}`;
  return use;
}

describe('deprecated-api catalogue entries', () => {
  const entries = deprecatedApis();

  it('holds at least 350 entries, each once', () => {
    assert.ok(entries.length >= 350, `only ${entries.length} entries`);
    const keys = entries.map((e) => `${e.kind} ${e.api} ${e.name ?? ''}`);
    assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), [], 'duplicate entries');
  });

  it('gives every entry a version and a primary source', () => {
    // Release notes, changelogs and the libraries' own repositories or documentation sites.
    const trusted = /^https:\/\/(github\.com\/(numpy|pandas-dev|scikit-learn|tensorflow|keras-team|pytorch|scipy|mwaskom|matplotlib|python-pillow|opencv|hyperopt|EpistasisLab)\/|numpy\.org\/|pandas\.pydata\.org\/|scikit-learn\.org\/|blog\.tensorflow\.org\/|pytorch\.org\/|docs\.scipy\.org\/|seaborn\.pydata\.org\/|matplotlib\.org\/|pillow\.readthedocs\.io\/|keras\.io\/|docs\.opencv\.org\/)/;
    for (const e of entries) {
      assert.ok(e.deprecatedIn || e.removedIn, `${e.api}: no version`);
      assert.match(e.source, trusted, `${e.api} ${e.name ?? ''}: untrusted source ${e.source}`);
      for (const v of [e.deprecatedIn, e.removedIn]) if (v) assert.match(v, /^[a-z-]+ \d+(\.\d+)*$/, `${e.api}: version "${v}"`);
    }
  });

  for (const e of entries) {
    const label = `${e.kind} ${e.api}${e.name ? ` ${e.name}` : ''}`;
    it(`fires on a minimal use: ${label}`, () => {
      const use = minimalUse(e);
      const found = flagged(use.source, RULE);
      // A keyword of a removed callable (`Variable(x, volatile=True)`) is reported next to the callable.
      if (e.kind === 'kwarg') assert.ok(found.includes(use.shown), `${use.source}: ${found.join(', ')}`);
      else assert.deepEqual(found, [use.shown], use.source);
      const imported = importedUse(e);
      if (imported) assert.deepEqual(flagged(imported.source, RULE), [imported.shown], imported.source);
    });
  }

  it('has fixes that parse and remove their finding', function () {
    this.timeout(60000);
    const withFix = entries.filter((e) => typeof e.fix === 'object');
    assert.ok(withFix.length > 100, `only ${withFix.length} fixes`);
    const applied = assertFixesWork(withFix.map(fixableUse), RULE, withFix.length);
    for (const e of withFix) {
      const source = fixableUse(e);
      assert.ok(applied.some((a) => a.source === source), `${e.api} ${e.name ?? ''}: no fix offered on\n${source}`);
    }
  });

  describe('near-misses stay silent', () => {
    const silent = [
      'import numpy as np\na = np.bool(1)\nb = np.long(2)\nc = np.bool_\n',
      'import numpy as np\nx = np.trapezoid([1, 2]) + np.isin([1], [1]) + np.vstack([[1], [2]])\n',
      'import numpy as np\nx = np.exceptions.AxisError\ny = np.char.compare_chararrays\n',
      'import tensorflow as tf\ns = tf.compat.v1.Session()\np = tf.compat.v1.placeholder(tf.float32)\nr = tf.random.normal([2])\n',
      'import tensorflow as tf\ny = tf.reduce_sum(x, axis=1, keepdims=True)\n',
      'import torch\nimport torchvision\nm = torchvision.models.resnet18(weights=None)\n',
      'import seaborn as sns\ndef distplot(x):\n    return x\ndistplot([1])\nsns.histplot([1])\n',
      'import pandas as pd\nrows = []\nrows.append(1)\nd = {}\nfor k, v in d.items():\n    pass\n',
      'import numpy as np\nclass Model:\n    def predict_classes(self, x):\n        return x\nModel().predict_classes(1)\n',
      'import keras\nfrom sklearn.linear_model import LogisticRegression\nclf = LogisticRegression()\np = clf.predict_proba(X)\nclf.fit(X, y)\n',
      'import pandas as pd\nimport numpy as np\na = np.zeros(3)\nb = a.fillna if False else None\nrows = {}\nrows.info = 1\n',
    ];
    for (const src of silent) {
      it(src.split('\n').slice(1).join(' ').slice(0, 70), () => {
        assert.deepEqual(flagged(src, RULE), [], src);
      });
    }
  });
});

describe('deprecated-api on code shaped like old tutorials', () => {
  const cases: [string, string[]][] = [
    [
      'from keras.layers import Dense, Dropout, Convolution2D\nfrom keras.optimizers import Adam\nm.add(Convolution2D(16, 3, 3, border_mode="same"))\nm.add(Dense(output_dim=10))\nm.add(Dropout(p=0.2))\nm.compile(optimizer=Adam(lr=0.01))\n',
      ['border_mode', 'output_dim', 'p', 'lr'],
    ],
    ['from keras.models import Sequential\nmodel = Sequential()\nmodel.fit(X, y, nb_epoch=10)\nc = model.predict_classes(X)\nmodel.fit_generator(gen, steps_per_epoch=10)\n', ['nb_epoch', 'predict_classes', 'fit_generator']],
    ['import tensorflow as tf\nmodel = tf.keras.models.Sequential()\np = model.predict_proba(x)\n', ['predict_proba']],
    ['import pandas as pd\ndf = pd.read_csv("a.csv")\ndf = df.fillna(method="ffill")\n', ['method']],
    ['from keras.utils import np_utils\ny = np_utils.to_categorical(labels, 10)\n', ['np_utils', 'np_utils']],
    ['import torch.nn as nn\nimport torch.nn.functional as F\nloss = nn.MSELoss(size_average=False)\nh = F.sigmoid(z)\nnn.init.xavier_uniform(w)\n', ['size_average', 'F.sigmoid', 'nn.init.xavier_uniform']],
    ['from torchvision import models, transforms\nnet = models.vgg16(pretrained=True)\nt = transforms.Scale(256)\n', ['pretrained', 'transforms.Scale']],
    ['from PIL import Image\nsmall = img.resize((32, 32), Image.ANTIALIAS)\n', ['Image.ANTIALIAS']],
    ['from scipy.misc import imread, imresize\nfrom scipy import integrate\na = integrate.simps(y, x)\n', ['imread', 'imresize', 'integrate.simps']],
    ['import seaborn as sns\nsns.distplot(df["age"])\ng = sns.factorplot(x="a", data=df)\nh = sns.lmplot(x="a", y="b", data=df, size=4)\n', ['sns.distplot', 'sns.factorplot', 'size']],
    ['import tensorflow as tf\nw = tf.Variable(tf.random_normal([784, 10]))\nacc = tf.reduce_mean(tf.cast(ok, tf.float32), reduction_indices=0)\n', ['tf.random_normal', 'reduction_indices']],
    ['import pandas as pd\ndf = pd.read_csv("a.csv", delim_whitespace=True)\nv = df.get_value(0, "a")\nm = df.applymap(str)\n', ['delim_whitespace', 'get_value', 'applymap']],
    ['from sklearn.ensemble import BaggingClassifier\nfrom sklearn.metrics import mean_squared_error\nb = BaggingClassifier(base_estimator=tree)\ne = mean_squared_error(y, p, squared=False)\n', ['base_estimator', 'squared']],
    ['import matplotlib.pyplot as plt\nimport matplotlib.mlab as mlab\ny = mlab.normpdf(bins, mu, sigma)\ncmap = plt.cm.get_cmap("jet")\nok = plt.get_cmap("jet")\n', ['mlab.normpdf', 'plt.cm.get_cmap']],
    ['import cv2\nimg = cv2.imread("a.png", cv2.CV_LOAD_IMAGE_GRAYSCALE)\n', ['cv2.CV_LOAD_IMAGE_GRAYSCALE']],
  ];
  for (const [src, expected] of cases) {
    it(expected.join(', '), () => {
      assert.deepEqual(flagged(src, RULE), expected, src);
    });
  }
});

describe("Ruff NPY201's cases", () => {
  // Ruff's fixtures for NPY201, restated: each is a NumPy 2.0 removal that must be reported.
  const npy201 = [
    'np.add_docstring', 'np.add_newdoc', 'np.add_newdoc_ufunc', 'np.asfarray([1, 2, 3])', 'np.byte_bounds(np.array([1, 2, 3]))',
    'np.cast', 'np.cfloat(12 + 34j)', 'np.clongfloat(12 + 34j)', 'np.compat', 'np.complex_(12 + 34j)', 'np.DataSource',
    'np.deprecate', 'np.deprecate_with_doc', 'np.disp(10)', 'np.fastCopyAndTranspose', 'np.find_common_type',
    'np.get_array_wrap', 'np.float_', 'np.geterrobj', 'np.Inf', 'np.Infinity', 'np.infty', 'np.issctype',
    'np.issubclass_(np.int32, np.integer)', 'np.issubsctype', 'np.mat', 'np.maximum_sctype', 'np.NaN', 'np.nbytes[np.int64]',
    'np.NINF', 'np.NZERO', 'np.longcomplex(12 + 34j)', 'np.longfloat(12 + 34j)', 'np.lookfor', 'np.NAN',
    'np.obj2sctype(int)', 'np.PINF', 'np.PZERO', 'np.recfromcsv', 'np.recfromtxt', 'np.round_(12.34)', 'np.safe_eval',
    'np.sctype2char', 'np.sctypes', 'np.seterrobj', 'np.set_numeric_ops', 'np.set_string_function',
    'np.singlecomplex(12 + 1j)', 'np.string_("asdf")', 'np.source', 'np.tracemalloc_domain', 'np.unicode_("asf")',
    'np.who()', 'np.row_stack(([1, 2], [3, 4]))', 'np.alltrue([True, True])', 'np.sometrue([True, False])',
    'np.cumproduct([1, 2, 3])', 'np.product([1, 2, 3])', 'np.trapz([1, 2, 3])', 'np.in1d([1, 2], [1, 3, 5])',
    'np.AxisError', 'np.ComplexWarning', 'np.compare_chararrays', 'np.DTypePromotionError', 'np.ModuleDeprecationWarning',
    'np.RankWarning', 'np.TooHardError', 'np.VisibleDeprecationWarning', 'np.chararray', 'np.format_parser',
  ];
  for (const expr of npy201) {
    it(expr, () => {
      const src = `import numpy as np\nx = ${expr}\n`;
      const name = /^np\.\w+/.exec(expr)![0];
      assert.deepEqual(flagged(src, RULE), [name], src);
    });
  }
  it('reports the names imported from numpy too', () => {
    assert.deepEqual(flagged('from numpy import DataSource, format_parser, longcomplex\n', RULE), ['DataSource', 'format_parser', 'longcomplex']);
  });
});
