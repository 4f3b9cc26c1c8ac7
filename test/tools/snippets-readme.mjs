#!/usr/bin/env node
// Rewrites the README section between <!-- snippets:start --> and <!-- snippets:end --> from snippets/*.json:
// one table (prefix, name, description) per library, in the order of src/core/snippets/libraries.json.
//   node test/tools/snippets-readme.mjs            rewrite README.md
//   node test/tools/snippets-readme.mjs --check    exit 1 if README.md is stale (the unit tests run this)
//   --readme PATH                                  another file (tests use a temp copy)
// Exit codes: 0 up to date / rewritten, 1 stale (with --check), 2 markers missing or a file unreadable.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const START = '<!-- snippets:start -->';
const END = '<!-- snippets:end -->';

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

export function renderSection() {
  const libraries = JSON.parse(fs.readFileSync(path.join(root, 'src/core/snippets/libraries.json'), 'utf8'));
  const tables = [];
  let total = 0;
  for (const library of libraries) {
    const snippets = Object.entries(JSON.parse(fs.readFileSync(path.join(root, 'snippets', `${library.id}.json`), 'utf8')));
    total += snippets.length;
    const prefixes = library.prefixes.map((p) => `\`${p}\``).join(', ');
    tables.push(
      [
        `### ${library.title} (${prefixes})`,
        '',
        '| Prefix | Name | Description |',
        '| --- | --- | --- |',
        ...snippets.map(([name, s]) => `| \`${cell(s.prefix)}\` | ${cell(name)} | ${cell(s.description)} |`),
      ].join('\n'),
    );
  }
  return [
    START,
    '<!-- Generated from snippets/*.json by `node test/tools/snippets-readme.mjs`; edit the JSON files, not this list. -->',
    '',
    `${total} snippets for ${libraries.length} libraries:`,
    '',
    tables.join('\n\n'),
    END,
  ].join('\n');
}

/** The README text with its snippets section replaced, or undefined when the markers are missing. */
export function withSection(readme, section) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start + START.length);
  if (start < 0 || end < 0) return undefined;
  return readme.slice(0, start) + section + readme.slice(end + END.length);
}

function main(argv) {
  const check = argv.includes('--check');
  const at = argv.indexOf('--readme');
  const readmePath = at >= 0 && argv[at + 1] ? path.resolve(argv[at + 1]) : path.join(root, 'README.md');
  let readme;
  try {
    readme = fs.readFileSync(readmePath, 'utf8');
  } catch (e) {
    console.error(`snippets-readme: cannot read ${readmePath}: ${e.message}`);
    return 2;
  }
  const updated = withSection(readme, renderSection());
  if (updated === undefined) {
    console.error(`snippets-readme: ${readmePath} has no "${START}" … "${END}" markers`);
    return 2;
  }
  if (updated === readme) {
    console.log(`snippets-readme: ${path.relative(process.cwd(), readmePath) || readmePath} is up to date`);
    return 0;
  }
  if (check) {
    console.error(`snippets-readme: the snippets section of ${readmePath} is stale; run: node test/tools/snippets-readme.mjs`);
    return 1;
  }
  fs.writeFileSync(readmePath, updated);
  console.log(`snippets-readme: rewrote the snippets section of ${readmePath}`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
