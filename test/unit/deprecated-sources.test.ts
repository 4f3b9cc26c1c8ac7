// Facts verified: every deprecated-api catalogue entry cites a primary source of its own library
// (src/core/rules/deprecated-sources.yaml says which sites and repositories count).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { deprecatedApis } from '../../src/core/analysis/rules/deprecatedApi';
import { repoRoot } from './repoRoot';

const { pending = [], ...trusted } = parse(fs.readFileSync(path.join(repoRoot(), 'src/core/rules/deprecated-sources.yaml'), 'utf8')) as Record<string, string[]>;
function isTrusted(e: { api: string; source: unknown }): boolean {
  const source = e.source;
  return typeof source === 'string' && (trusted[e.api.split('.', 1)[0]] ?? []).some((p) => source.startsWith(p));
}

describe('deprecated-api catalogue sources', () => {
  it('lists only https prefixes that end at a folder', () => {
    for (const [library, prefixes] of Object.entries(trusted)) {
      assert.ok(Array.isArray(prefixes) && prefixes.length > 0, library);
      for (const p of prefixes) assert.match(p, /^https:\/\/[a-z0-9.-]+\/([\w.-]+\/)*$/i, `${library}: ${p}`);
    }
  });
  it("cites, for every entry, its library's release notes, docs or source on an official site or repository", () => {
    const untrusted: string[] = [];
    for (const e of deprecatedApis()) {
      const library = e.api.split('.', 1)[0];
      if (!trusted[library]) untrusted.push(`${e.api}: no trusted sources listed for '${library}' in deprecated-sources.yaml`);
      else if (!isTrusted(e) && !pending.includes(e.api)) untrusted.push(`${e.api}${e.name ? ` (${e.name})` : ''}: ${String(e.source)}`);
    }
    assert.deepEqual(untrusted, [], `entries citing no primary source:\n${untrusted.join('\n')}`);
  });
  it('lists as pending only entries that exist and still need a primary source', () => {
    for (const api of pending) {
      const entries = deprecatedApis().filter((e) => e.api === api);
      assert.ok(entries.length > 0, `${api} is listed as pending but is not in the catalogue`);
      assert.ok(entries.some((e) => !isTrusted(e)), `${api} cites a primary source now: remove it from pending`);
    }
  });
  it('tells a trusted source from a look-alike', () => {
    const ok = (library: string, url: string) => trusted[library].some((p) => url.startsWith(p));
    assert.ok(ok('numpy', 'https://numpy.org/devdocs/release/2.0.0-notes.html'));
    assert.ok(ok('torch', 'https://github.com/pytorch/pytorch/releases/tag/v0.4.0'));
    assert.ok(!ok('numpy', 'https://numpy.org.evil.example/x'));
    assert.ok(!ok('sklearn', 'https://github.com/hyperopt/hyperopt-sklearn/issues/77'), 'another project quoting a message');
    assert.ok(!ok('torch', 'https://github.com/pytorch/pytorch-fork/x'));
    assert.ok(!ok('pandas', 'http://pandas.pydata.org/docs/'), 'plain http');
  });
});
