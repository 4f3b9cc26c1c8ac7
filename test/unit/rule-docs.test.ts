// Every rule has a documentation page shipped in media/rules, and every page backs its facts with sources.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { allRules } from '../../src/core/analysis/catalogue';
import { analyzeManifest } from '../../src/core/analysis/manifests';
import { analyzePython } from '../../src/core/analysis/python';
import { RULE_IDS } from '../../src/core/analysis/types';
import { repoRoot } from './repoRoot';

const ROOT = repoRoot();

function page(docsPath: string): string {
  return fs.readFileSync(path.join(ROOT, docsPath), 'utf8');
}

/** The text of `## heading` up to the next `## `. */
function section(markdown: string, heading: string): string | undefined {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) return undefined;
  const next = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, next === -1 ? undefined : next);
}

describe('rule documentation pages', () => {
  const rules = allRules();

  it('covers every rule id', () => {
    assert.equal(rules.length, RULE_IDS.length);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('has its page at media/rules/<id>.md, titled with the id', () => {
        assert.equal(rule.docsPath, `media/rules/${rule.id}.md`);
        assert.ok(fs.existsSync(path.join(ROOT, rule.docsPath)), `${rule.docsPath} is missing`);
        assert.match(page(rule.docsPath).split('\n')[0], new RegExp(`^# \`${rule.id}\` — `));
      });

      it('has the sections a reader looks for', () => {
        const text = page(rule.docsPath);
        for (const heading of ['What it finds', 'Why it matters', 'Fix', 'Suppress', 'Configure', 'Sources']) {
          assert.ok(section(text, heading) !== undefined, `${rule.id}: no "## ${heading}" section`);
        }
        assert.ok(section(text, 'Examples') ?? section(text, 'Example'), `${rule.id}: no examples`);
      });

      it('lists at least one https source', () => {
        const sources = section(page(rule.docsPath), 'Sources')!;
        assert.match(sources, /https:\/\/\S+/);
        assert.doesNotMatch(sources, /http:\/\//, 'sources use https');
      });

      it('documents suppression and configuration with the real names', () => {
        const text = page(rule.docsPath);
        assert.ok(text.includes('pythonForAI.rules'), 'mentions the pythonForAI.rules setting');
        if (rule.id !== 'missing-git-repo') assert.ok(text.includes(`pyai: ignore[${rule.id}]`), 'shows the suppression comment');
        assert.ok(text.includes(`**Default severity:** ${rule.defaultSeverity}`), 'states the default severity from rules.yaml');
      });
    });
  }

  it('cites every source of the deprecated-api catalogue on the deprecated-api page', () => {
    const catalogue = parse(fs.readFileSync(path.join(ROOT, 'src/core/rules/deprecated-apis.yaml'), 'utf8')) as { api: string; source?: string }[];
    const text = page('media/rules/deprecated-api.md');
    const missing = [...new Set(catalogue.map((e) => e.source).filter((s): s is string => !!s))].filter((s) => !text.includes(s));
    assert.deepEqual(missing, [], 'add these sources to the Sources section of media/rules/deprecated-api.md');
  });

  it('lists every catalogued API on the deprecated-api page', () => {
    const catalogue = parse(fs.readFileSync(path.join(ROOT, 'src/core/rules/deprecated-apis.yaml'), 'utf8')) as { api: string; name?: string }[];
    const text = page('media/rules/deprecated-api.md');
    const missing = catalogue
      .map((e) => e.name ?? e.api.split('.').pop()!)
      .filter((leaf) => !text.includes(leaf));
    assert.deepEqual(missing, [], 'regenerate the table: node test/tools/update-deprecated-api-page.mjs');
  });
});

describe('rule documentation examples behave as the pages say', () => {
  interface Example {
    reported: boolean;
    lang: string;
    code: string;
  }

  /** Fenced blocks that follow a "Reported" or "Not reported" paragraph. */
  function examples(markdown: string): Example[] {
    const out: Example[] = [];
    let reported: boolean | undefined;
    const re = /^(Reported[^\n]*:|Not reported[^\n]*:)$|^```(\w+)\n([\s\S]*?)^```$/gm;
    for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
      if (m[1]) reported = m[1].startsWith('Reported');
      else if (reported !== undefined) out.push({ reported, lang: m[2], code: m[3] });
    }
    return out;
  }

  const manifestName: Record<string, string> = { toml: 'pyproject.toml', yaml: 'environment.yml' };

  for (const rule of allRules()) {
    it(rule.id, () => {
      const list = examples(page(rule.docsPath)).filter((e) => e.lang === 'python' || manifestName[e.lang]);
      if (rule.id !== 'missing-git-repo') assert.ok(list.some((e) => e.reported) && list.some((e) => !e.reported), 'has reported and not-reported examples');
      for (const e of list) {
        const findings =
          e.lang === 'python'
            ? analyzePython(e.code, { severities: { [rule.id]: rule.defaultSeverity } }) // rules that are off by default too
            : analyzeManifest(/environment\.yml/.test(e.code) ? 'environment.yml' : manifestName[e.lang], e.code);
        const hit = findings.some((f) => f.rule === rule.id);
        assert.equal(hit, e.reported, `${e.reported ? 'expected' : 'did not expect'} ${rule.id} in:\n${e.code}`);
      }
    });
  }
});
