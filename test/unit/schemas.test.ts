// The JSON schemas contributed for pyai-lint.toml / [tool.pyai-lint] and for roadmap YAML files:
// up to date with the rule catalogue, accepting what our own parsers accept, rejecting mistakes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { parse as parseToml } from 'smol-toml';
import YAML from 'yaml';
import { CONFIG_KEYS, parseConfigText } from '../../src/core/config/schema';
import { parseRoadmap } from '../../src/core/roadmap/schema';
import { repoRoot } from './repoRoot';

const ROOT = repoRoot();
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;

describe('JSON schemas for editors', () => {
  it('are up to date with the rule catalogue (node test/tools/update-schemas.mjs rewrites them)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'test/tools/update-schemas.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('pyai-lint.schema.json accepts what the configuration parser accepts and rejects its errors', () => {
    const schema = load('schemas/pyai-lint.schema.json');
    assert.deepEqual(Object.keys(schema.properties as object).sort(), [...CONFIG_KEYS].sort());
    const validate = new AjvDraft04({ strict: false }).compile(schema);
    const good = 'select = ["ALL"]\nignore = ["python2"]\nmin-python = "3.10"\nframework-threshold = 3\n[severity]\nunchecked-data = "off"\n[per-file-ignores]\n"tests/**" = ["deprecated-api"]\n';
    assert.deepEqual(parseConfigText('pyai-lint.toml', good).errors, []);
    assert.ok(validate(parseToml(good)), JSON.stringify(validate.errors));
    for (const bad of ['select = ["no-such-rule"]\n', 'frobnicate = 1\n', 'min-python = "three"\n', '[severity]\npython2 = "loud"\n', 'framework-threshold = 1\n']) {
      assert.notDeepEqual(parseConfigText('pyai-lint.toml', bad).errors, [], bad);
      assert.equal(validate(parseToml(bad)), false, bad);
    }
  });

  it('roadmap.schema.json accepts the built-in roadmap and rejects what the roadmap loader rejects', () => {
    const validate = new Ajv({ strict: false }).compile(load('schemas/roadmap.schema.json'));
    const builtIn = fs.readFileSync(path.join(ROOT, 'src/core/roadmap/roadmap.yaml'), 'utf8');
    assert.ok(validate(YAML.parse(builtIn)), JSON.stringify(validate.errors));
    const bad = [
      'steps:\n  - id: one\n    title: One\n    colour: red\n',
      'steps:\n  - id: One Step\n    title: One\n',
      'steps:\n  - id: one\n    title: One\n    evidence:\n      - file: no-such-detector\n',
      'steps:\n  - id: one\n    title: One\n    docs:\n      - title: x\n        url: http://insecure.example\n',
    ];
    for (const text of bad) {
      assert.ok(parseRoadmap(text).errors.length > 0, text);
      assert.equal(validate(YAML.parse(text)), false, text);
    }
  });

  it('package.json contributes them (yamlValidation; tomlValidation is Even Better TOML\'s contribution point)', () => {
    const contributes = load('package.json').contributes as { yamlValidation: { url: string }[]; tomlValidation: { url: string; fileMatch: string[] }[] };
    assert.ok(fs.existsSync(path.join(ROOT, contributes.yamlValidation[0].url)));
    assert.match(contributes.tomlValidation[0].url, /\/schemas\/pyai-lint\.schema\.json$/);
    assert.deepEqual(contributes.tomlValidation[0].fileMatch, ['pyai-lint.toml', '.pyai-lint.toml']);
  });
});
