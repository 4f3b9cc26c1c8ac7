// package.json's user-facing strings live in package.nls.json (English) and are translated in full in
// package.nls.zh-cn.json and package.nls.es.json: same keys everywhere, every key used, and each
// translation keeps what VS Code or the reader acts on (code spans, command links, setting links, {0}).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TRANSLATIONS, nlsBundle, referencedKeys } from './nlsManifest';
import { repoRoot } from './repoRoot';

const ROOT = repoRoot();
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as unknown;
const english = nlsBundle();

/** Names that stay the same in every language (the product's name). */
const SAME_IN_EVERY_LANGUAGE = new Set(['extension.displayName']);

/** Keys whose value is a file path (a walkthrough step's markdown), not a sentence. */
const isPathKey = (key: string) => /\.media\.markdown$/.test(key);

/** What a translation must keep exactly: `{0}` placeholders, `code spans`, (command:…) links, #setting# links. */
function tokens(text: string): string[] {
  const codeSpans = [...text.matchAll(/`[^`\n]+`/g)].map((m) => m[0]);
  const prose = text.replace(/`[^`\n]+`/g, ' ');
  const found = [
    ...codeSpans,
    ...[...prose.matchAll(/\{\d+\}/g)].map((m) => m[0]),
    ...[...prose.matchAll(/\]\((command:[^)]+)\)/g)].map((m) => m[1]),
    ...[...prose.matchAll(/#[A-Za-z][\w.-]*\.[\w.-]+#/g)].map((m) => m[0]),
  ];
  return found.sort();
}

describe('package.nls bundles (manifest strings in every language)', () => {
  it('every %key% of package.json is in package.nls.json, and every key there is used', () => {
    const used = new Set(referencedKeys(pkg));
    assert.ok(used.size > 50, `only ${used.size} %key% references in package.json`);
    assert.deepEqual([...used].filter((k) => !(k in english)), [], 'keys used in package.json but missing from package.nls.json');
    assert.deepEqual(Object.keys(english).filter((k) => !used.has(k)), [], 'keys of package.nls.json that package.json never uses');
  });

  it('package.json has no user-facing literal left (node test/tools/nls-extract.mjs converts them)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'test/tools/nls-extract.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  for (const language of TRANSLATIONS) {
    describe(`package.nls.${language}.json`, () => {
      const translated = nlsBundle(language);

      it('has exactly the keys of package.nls.json', () => {
        assert.deepEqual(Object.keys(english).filter((k) => !(k in translated)), [], `missing from package.nls.${language}.json`);
        assert.deepEqual(Object.keys(translated).filter((k) => !(k in english)), [], `in package.nls.${language}.json but not in package.nls.json`);
      });

      it('translates every sentence (none left empty or in English)', () => {
        const untranslated = Object.keys(english).filter((k) => !SAME_IN_EVERY_LANGUAGE.has(k) && !isPathKey(k) && (!translated[k]?.trim() || translated[k] === english[k]));
        assert.deepEqual(untranslated, []);
      });

      it('keeps code spans, command links, setting links and {0} placeholders as in English', () => {
        const differ = Object.keys(english).filter((k) => k in translated && !isPathKey(k))
          .filter((k) => JSON.stringify(tokens(english[k])) !== JSON.stringify(tokens(translated[k])))
          .map((k) => `${k}: English ${JSON.stringify(tokens(english[k]))}, ${language} ${JSON.stringify(tokens(translated[k]))}`);
        assert.deepEqual(differ, []);
      });

      it('keeps the line structure of multi-line texts (each walkthrough button on its own line)', () => {
        const lines = (s: string) => s.split('\n').map((l) => (/^\[[^\]]+\]\(command:[^)]+\)$/.test(l) ? 'button' : 'text'));
        const differ = Object.keys(english).filter((k) => k in translated && JSON.stringify(lines(english[k])) !== JSON.stringify(lines(translated[k])));
        assert.deepEqual(differ, []);
      });

      it('points each walkthrough step at a translated page that keeps the English page\'s code spans', () => {
        const pages = Object.keys(english).filter(isPathKey);
        assert.equal(pages.length, 7, 'one page per walkthrough step');
        const codeSpans = (file: string) => tokens(fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/^[ \t]*```[\s\S]*?^[ \t]*```/gm, ''))
          .filter((t) => t.startsWith('`'));
        for (const key of pages) {
          assert.ok(fs.existsSync(path.join(ROOT, english[key])), `${key}: ${english[key]}`);
          assert.notEqual(translated[key], english[key], `${key}: no ${language} page`);
          assert.ok(fs.existsSync(path.join(ROOT, translated[key])), `${key} (${language}): ${translated[key]}`);
          assert.deepEqual(codeSpans(translated[key]), codeSpans(english[key]), `${translated[key]} and ${english[key]}`);
        }
      });
    });
  }
});

describe('tokens() (what a translation must keep)', () => {
  it('finds placeholders, code spans, command links and setting links, and ignores prose', () => {
    assert.deepEqual(tokens('Run {0} with `pip` ([Go](command:a.b?%5B1%5D)) see `#files.exclude#` and #editor.tabSize#'),
      ['#editor.tabSize#', '`#files.exclude#`', '`pip`', 'command:a.b?%5B1%5D', '{0}'].sort());
    assert.deepEqual(tokens('plain words, a # sign and {x}'), []);
  });

  it('tells a translation that dropped or changed a code span from one that kept them', () => {
    assert.notDeepEqual(tokens('Severity of `python2`'), tokens('`python` 的严重级别'));
    assert.deepEqual(tokens('Severity of `python2` (default `error`)'), tokens('`python2` 的严重级别（默认 `error`）'));
  });
});
