// The core's messages in every language: each template `msg(...)` says (rule messages, fix titles,
// manifest, project, interpreter and configuration findings) is a key of l10n/bundle.l10n.json, and
// each translation has it with the same placeholders and the same code spans, and is translated.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeNotebook } from '../../src/core/analysis/notebook';
import { analyzePython } from '../../src/core/analysis/python';
import type { Finding } from '../../src/core/analysis/types';
import { format, msg, placeholdersOf, render, templatesOf } from '../../src/core/l10n/text';
import { coreTemplates } from './coreTemplates';
import { repoRoot } from './repoRoot';

const ROOT = repoRoot();
const LOCALES = ['zh-cn', 'es'];

function bundle(locale?: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', locale ? `bundle.l10n.${locale}.json` : 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
}

/** Inline code spans (`x`) of a text: code is never translated. */
function codeSpans(text: string): string[] {
  return Array.from(text.matchAll(/`[^`]+`/g), (m) => m[0]).sort();
}

/** Whether a template has words to translate (not only placeholders, code and punctuation). */
function hasWords(template: string): boolean {
  return /[A-Za-z]{3,}/.test(template.replace(/`[^`]*`/g, '').replace(/\{\d+\}/g, ''));
}

describe('core messages in every language', () => {
  const { templates, problems } = coreTemplates(ROOT);

  it('finds every template in the source as a literal, with an argument for each placeholder', () => {
    assert.deepEqual(problems, []);
    // The scan really reads the rules: a sample of templates from several places.
    assert.ok(templates.size > 100, `${templates.size} templates`);
    for (const t of ['Replace with `{0}`', 'line {0} of cell {1}', 'invalid TOML: {0}', '{0} (changes behaviour)']) assert.ok(templates.has(t), t);
  });

  it('has every template in the English bundle, as its own text', () => {
    const english = bundle();
    const missing = [...templates.keys()].filter((t) => english[t] !== t);
    assert.deepEqual(missing, [], `missing from l10n/bundle.l10n.json (or not mapped to itself): ${missing.map((t) => `${t} (${templates.get(t)![0]})`).join('\n')}`);
  });

  for (const locale of LOCALES) {
    it(`translates every template into ${locale}, keeping placeholders and code`, () => {
      const translated = bundle(locale);
      const problemsFound: string[] = [];
      for (const t of templates.keys()) {
        const text = translated[t];
        if (typeof text !== 'string' || text.trim() === '') {
          problemsFound.push(`missing: ${t}`);
          continue;
        }
        if (placeholdersOf(text).join() !== placeholdersOf(t).join()) problemsFound.push(`placeholders differ: ${t} → ${text}`);
        if (codeSpans(text).join('\u0000') !== codeSpans(t).join('\u0000')) problemsFound.push(`code spans differ: ${t} → ${text}`);
        if (locale === 'zh-cn' && hasWords(t) && !/[\u4e00-\u9fff]/.test(text)) problemsFound.push(`not translated: ${t}`);
      }
      assert.deepEqual(problemsFound, []);
    });
  }

  it('finds the checker too: a bundle without one template, or with a placeholder lost, fails the checks above', () => {
    const t = 'Replace with `{0}`';
    assert.notEqual(placeholdersOf('Reemplazar por `x`').join(), placeholdersOf(t).join());
    assert.notEqual(codeSpans('Reemplazar por {0}').join(), codeSpans(t).join());
    assert.ok(hasWords('Replace the backticks with `repr(…)`') && !hasWords('`{0}` (`{1}`)'));
  });

  it('renders the same English the findings carry, and every template a finding uses is in the source', () => {
    const samples = [
      'import numpy as np\nx = np.float(3)\nprint "hi"\n',
      'import torch\nmodel = torch.nn.Linear(2, 2).cuda()\nfor x, y in train_loader:\n    loss = loss_fn(model(x), y)\n    total += loss\n    loss.backward()\n    optimizer.step()\n',
      'from sklearn.datasets import load_boston\nimport tensorflow as tf\nimport torch\nX = load_boston()\n',
    ];
    const findings: Finding[] = [...samples.flatMap((s) => analyzePython(s)), ...analyzeNotebook([{ kind: 'code', source: samples[0] }, { kind: 'code', source: samples[1] }])];
    assert.ok(findings.length >= 6, `${findings.length} findings`);
    for (const f of findings) {
      assert.ok(f.l10n, `${f.rule} has its template`);
      assert.equal(render(f.l10n), f.message);
      for (const t of templatesOf(f.l10n)) assert.ok(templates.has(t), `${f.rule}: template not found in the source: ${t}`);
      for (const fix of f.fixes) {
        assert.ok(fix.l10n, `${f.rule} fix ${fix.title} has its template`);
        assert.equal(render(fix.l10n), fix.title);
      }
    }
  });

  it('renders nested messages in the translation, arguments that are code as they are', () => {
    const zh = bundle('zh-cn');
    const translate = (template: string, args: Array<string | number>) => format(zh[template] ?? template, args);
    const m = msg('`{0}` is a Python 2 builtin; Python 3 renamed it `{1}`, so this raises NameError ({2}).', 'xrange', 'range', msg('Python 2 reached its end of life on 2020-01-01'));
    const text = render(m, translate);
    assert.match(text, /^`xrange` .*`range`/);
    assert.ok(text.includes(zh['Python 2 reached its end of life on 2020-01-01']), text);
    assert.equal(format('{0} and {1} and {0}', ['a', 7]), 'a and 7 and a');
    assert.equal(format('keeps {x} and {3}', ['a']), 'keeps {x} and {3}');
  });
});
