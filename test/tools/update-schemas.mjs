#!/usr/bin/env node
// Writes the JSON schemas editors use to complete and check our files, from the data they describe
// (rule ids from src/core/rules/rules.yaml, file detectors from src/core/roadmap/types.ts):
//   schemas/pyai-lint.schema.json   pyai-lint.toml, and the [tool.pyai-lint] table of pyproject.toml
//   schemas/roadmap.schema.json     a teacher's roadmap YAML (pythonForAI.roadmap.file)
//   node test/tools/update-schemas.mjs           rewrite them
//   node test/tools/update-schemas.mjs --check   exit 1 if one is stale (the unit tests run this)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ruleIds = YAML.parse(fs.readFileSync(path.join(root, 'src/core/rules/rules.yaml'), 'utf8')).map((r) => r.id);
const detectors = JSON.parse(/DETECTOR_IDS = (\[[^\]]*\])/.exec(fs.readFileSync(path.join(root, 'src/core/roadmap/types.ts'), 'utf8'))[1].replace(/'/g, '"'));
const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'];

const ruleList = (description) => ({ type: 'array', description, items: { type: 'string', enum: [...ruleIds, 'ALL'] }, uniqueItems: true });
const globList = (description) => ({ type: 'array', description, items: { type: 'string', minLength: 1 } });

export function pyaiLintSchema() {
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    id: 'https://github.com/python-for-ai/python-for-ai-vscode/blob/main/schemas/pyai-lint.schema.json',
    title: 'pyai-lint configuration',
    description: 'pyai-lint.toml, or the [tool.pyai-lint] table of pyproject.toml. The pyai-lint CLI and the Python for AI extension read the closest one above each file.',
    type: 'object',
    additionalProperties: false,
    properties: {
      select: ruleList('Only these rules (ALL: every rule). Replaces the default, which is every rule.'),
      'extend-select': ruleList('These rules in addition to the selected ones.'),
      ignore: ruleList('Not these rules.'),
      severity: {
        type: 'object',
        description: 'Severity per rule.',
        additionalProperties: false,
        properties: Object.fromEntries(ruleIds.map((id) => [id, { type: 'string', enum: SEVERITIES }])),
      },
      'per-file-ignores': {
        type: 'object',
        description: 'Rules turned off for files matching a glob (a pattern without "/" matches a file or folder name anywhere).',
        additionalProperties: ruleList('Rules turned off for these files.'),
      },
      exclude: globList('Files and folders never checked; replaces the default list (Ruff\'s: .git, .venv, venv, build, dist, node_modules, site-packages, …).'),
      'extend-exclude': globList('Files and folders never checked, in addition to exclude.'),
      'min-python': { type: 'string', pattern: '^3\\.\\d{1,2}$', description: 'The oldest Python a project should allow, like "3.11".' },
      'framework-threshold': { type: 'integer', minimum: 2, description: 'Deep-learning frameworks allowed before too-many-frameworks reports (default 2).' },
      'respect-gitignore': { type: 'boolean', description: 'Skip files that .gitignore, .ignore or .git/info/exclude ignore (default true).' },
    },
  };
}

export function roadmapSchema() {
  const text = { type: 'string', minLength: 1 };
  const step = {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'title'],
    properties: {
      id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Lowercase letters, digits and "-"; progress is stored under it.' },
      title: text,
      why: { type: 'string' },
      subtasks: { type: 'array', items: text },
      docs: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['title', 'url'], properties: { title: text, url: { type: 'string', pattern: '^https://\\S+$' } } } },
      snippets: { type: 'array', items: text, description: 'Snippet prefixes.' },
      starter: {
        type: 'object',
        additionalProperties: false,
        required: ['fileName'],
        properties: { fileName: text, template: text, content: { type: 'string' } },
        oneOf: [{ required: ['template'] }, { required: ['content'] }],
      },
      evidence: {
        type: 'array',
        description: 'Alternatives; any one completes the step. Every key of an alternative must hold.',
        items: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            python: { type: 'string', pattern: '^\\d+\\.\\d+$', description: 'The selected interpreter is at least this version.' },
            packages: { type: 'array', items: text, description: 'Installed in the selected interpreter.' },
            file: { type: 'string', enum: detectors, description: 'A workspace file this detector recognises.' },
            git: { type: 'boolean', description: 'The folder is in a git repository.' },
            explain: { type: 'string', description: 'What completes the step this way, in the learner\'s words (the tooltip shows "Completes when: ...").' },
          },
          anyOf: [{ required: ['python'] }, { required: ['packages'] }, { required: ['file'] }, { required: ['git'] }],
        },
      },
      rules: { type: 'array', items: { type: 'string', enum: ruleIds }, description: 'Pitfall rules whose findings belong to this step.' },
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/python-for-ai/python-for-ai-vscode/blob/main/schemas/roadmap.schema.json',
    title: 'Python for AI roadmap',
    description: 'A roadmap for the Python for AI extension (setting pythonForAI.roadmap.file), the same schema as the built-in one.',
    type: 'object',
    additionalProperties: false,
    properties: {
      title: { type: 'string' },
      steps: { type: 'array', items: { $ref: '#/definitions/step' } },
      next: { type: 'object', additionalProperties: false, properties: { title: { type: 'string' }, steps: { type: 'array', items: { $ref: '#/definitions/step' } } } },
    },
    definitions: { step },
  };
}

const FILES = { 'schemas/pyai-lint.schema.json': pyaiLintSchema, 'schemas/roadmap.schema.json': roadmapSchema };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, make] of Object.entries(FILES)) {
    const full = path.join(root, file);
    const text = JSON.stringify(make(), null, 2) + '\n';
    const current = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : '';
    if (current === text) continue;
    if (check) {
      console.error(`${file} is stale: run node test/tools/update-schemas.mjs`);
      stale++;
    } else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, text);
      console.log(`wrote ${file}`);
    }
  }
  process.exit(stale ? 1 : 0);
}
