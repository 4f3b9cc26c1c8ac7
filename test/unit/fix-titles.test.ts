// Every fix that changes behaviour says so in its title, and no safe fix claims to: checked over the
// sample projects, the test fixtures, the starter files, one use of every deprecated-api catalogue entry
// and the Python 2 forms, for every rule's fixes (Python files, notebooks and manifests).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { analyzeManifest, isManifest } from '../../src/core/analysis/manifests';
import { analyzeNotebook, parseNotebook } from '../../src/core/analysis/notebook';
import { analyzePython } from '../../src/core/analysis/python';
import { CHANGES_BEHAVIOUR, fixTitle } from '../../src/core/analysis/fixTitle';
import { msg } from '../../src/core/l10n/text';
import type { Finding } from '../../src/core/analysis/types';
import { repoRoot } from './repoRoot';

const ROOT = repoRoot();

function filesUnder(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return (fs.readdirSync(full, { recursive: true }) as string[]).map((f) => path.join(full, f)).filter((f) => fs.statSync(f).isFile());
}

interface DeprecatedEntry {
  api: string;
  kind: 'attribute' | 'module' | 'method' | 'kwarg';
  name?: string;
}

/** One use of each catalogue entry, written the plain way (the full dotted path after importing its top module). */
function catalogueUses(): string[] {
  const entries = parse(fs.readFileSync(path.join(ROOT, 'src/core/rules/deprecated-apis.yaml'), 'utf8')) as DeprecatedEntry[];
  return entries.map((e) => {
    const top = e.api.split('.')[0];
    const parent = e.api.slice(0, e.api.lastIndexOf('.'));
    const last = e.api.slice(e.api.lastIndexOf('.') + 1);
    switch (e.kind) {
      case 'module':
        return `from ${e.api} import something\n`;
      case 'method':
        return `import pandas as pd\ndf = pd.DataFrame()\ndf = df.${e.name}(df)\n`;
      case 'kwarg':
        return `import ${top}\nfrom ${parent} import ${last}\nr = ${last}(x, ${e.name}=1)\n`;
      default:
        return `import ${top}\nimport ${parent}\nv = ${e.api}(1)\nfrom ${parent} import ${last}\n`;
    }
  });
}

const PYTHON2 = [
  'print "x"\n', 'print\n', 'print >>f, "x"\n', 'exec "code"\n', 'try:\n    pass\nexcept ValueError, e:\n    pass\n',
  'if a <> b:\n    pass\n', 'n = 10L\n', 'm = 0777\n', 's = ur"x"\n', 'r = `x`\n', 'x = xrange(3)\ny = raw_input()\n',
  '!python train.py\n', '#!/usr/bin/env python\nprint "x"\n',
];

function corpusFindings(): Finding[] {
  const findings: Finding[] = [];
  for (const file of [...filesUnder('test/sample-project'), ...filesUnder('test/fixtures'), ...filesUnder('media/starters')]) {
    const name = path.basename(file);
    const text = fs.readFileSync(file, 'utf8');
    if (/\.pyw?$/.test(name)) findings.push(...analyzePython(text));
    if (name.endsWith('.ipynb')) {
      const parsed = parseNotebook(text);
      if (!('error' in parsed)) findings.push(...analyzeNotebook(parsed.cells));
    }
    if (isManifest(name)) findings.push(...analyzeManifest(name, text, {}));
  }
  for (const src of [...catalogueUses(), ...PYTHON2]) findings.push(...analyzePython(src));
  findings.push(...analyzeNotebook([{ kind: 'code', source: 'print "x"\n' }, { kind: 'code', source: 'import torch\nm = Net().cuda()\n' }]));
  findings.push(...analyzeManifest('pyproject.toml', '[project]\nrequires-python = ">=3.7,<3.10"\n', {}));
  return findings;
}

describe('fix titles', () => {
  it('say "changes behaviour" exactly when the fix is unsafe, for every rule\'s fixes on the sample corpus', function () {
    this.timeout(30_000);
    const findings = corpusFindings();
    const fixes = findings.flatMap((f) => f.fixes.map((fix) => ({ rule: f.rule, ...fix })));
    const wrong = fixes.filter((f) => f.safe === CHANGES_BEHAVIOUR.test(f.title)).map((f) => `${f.rule}: ${f.safe ? 'safe' : 'unsafe'}: ${f.title}`);
    assert.deepEqual([...new Set(wrong)], []);
    // The corpus really exercises both kinds, and every rule that has fixes.
    assert.ok(fixes.some((f) => f.safe) && fixes.some((f) => !f.safe), 'both safe and unsafe fixes');
    const rulesWithFixes = new Set(fixes.map((f) => f.rule));
    for (const rule of ['boston-dataset', 'deprecated-api', 'hardcoded-cuda', 'loss-accumulation', 'python2', 'python-version']) {
      assert.ok(rulesWithFixes.has(rule as Finding['rule']), `the corpus has a fix of ${rule}`);
    }
    assert.ok(fixes.length > 100, `${fixes.length} fixes checked`);
  });

  it('marks an unsafe title once, and leaves safe titles alone', () => {
    assert.equal(fixTitle(msg('Call print()'), false).title, 'Call print() (changes behaviour)');
    assert.deepEqual(fixTitle(msg('Call print()'), false).l10n, msg('{0} (changes behaviour)', msg('Call print()')));
    assert.equal(fixTitle(msg('Replace with x (may change behaviour)'), false).title, 'Replace with x (may change behaviour)');
    assert.equal(fixTitle(msg('Use {0}', '!='), true).title, 'Use !=');
  });
});
