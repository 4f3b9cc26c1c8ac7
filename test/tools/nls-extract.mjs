// Moves every user-facing literal string of package.json (displayName, description, capability
// descriptions and the titles/descriptions/labels under `contributes`) into package.nls.json and
// leaves a `%key%` reference in its place, so VS Code can show it translated (package.nls.<lang>.json).
//   node test/tools/nls-extract.mjs          convert and write package.json + package.nls.json
//   node test/tools/nls-extract.mjs --check  list the literals left, exit 1 if any (the unit test runs this)
// A new key is listed on stdout: add its translation to package.nls.zh-cn.json and package.nls.es.json
// (test/unit/nls-manifest.test.ts fails until every bundle has the same keys). A walkthrough step's
// media.markdown becomes a key too: its translations name the translated page, media/walkthrough/<lang>/.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** Fields whose string values a person reads in the workbench (commands, settings, views, walkthroughs, menus). */
export const USER_FACING_FIELDS = new Set([
  'title', 'shortTitle', 'category', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions',
  'enumItemLabels', 'deprecationMessage', 'markdownDeprecationMessage', 'errorMessage', 'patternErrorMessage', 'name',
  'contextualTitle', 'contents', 'label', 'altText', 'displayName',
]);

/** Contribution points whose strings are code or paths even under a field listed above (a snippet file, a schema). */
const NOT_USER_FACING = new Set(['snippets', 'jsonValidation', 'yamlValidation', 'tomlValidation', 'configurationDefaults', 'keybindings', 'grammars', 'languages']);

export const isReference = (s) => /^%[^%\s]+%$/.test(s);

const shortId = (id) => String(id).replace(/^pythonForAI\./, '');

/** An array element's name in a key: its id (command, view) when it has one, else its index. */
function elementName(element, index) {
  if (element && typeof element === 'object') {
    for (const k of ['id', 'command', 'view']) if (typeof element[k] === 'string') return shortId(element[k]);
  }
  return String(index);
}

/**
 * Every user-facing string of the manifest: { key, value, holder, field } where holder[field] is the
 * string (so a caller can replace it) and key is the package.nls.json key it gets.
 */
export function userFacingStrings(pkg) {
  const found = [];
  for (const field of ['displayName', 'description']) {
    if (typeof pkg[field] === 'string') found.push({ key: `extension.${field}`, value: pkg[field], holder: pkg, field });
  }
  for (const [name, capability] of Object.entries(pkg.capabilities ?? {})) {
    if (capability && typeof capability.description === 'string') {
      found.push({ key: `capabilities.${name}.description`, value: capability.description, holder: capability, field: 'description' });
    }
  }
  const walk = (node, segments) => {
    if (Array.isArray(node)) {
      node.forEach((el, i) => walk(el, [...segments, elementName(el, i)]));
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [field, value] of Object.entries(node)) {
      // Setting ids and nested property names become key segments; the word "properties" does not.
      const next = field === 'properties' ? segments : [...segments, shortId(field)];
      // A walkthrough step's markdown page is a path per language (media/walkthrough/<lang>/<step>.md).
      const isPage = field === 'markdown' && segments.at(-1) === 'media';
      if ((USER_FACING_FIELDS.has(field) || isPage) && typeof value === 'string') {
        found.push({ key: next.join('.'), value, holder: node, field });
      } else if (USER_FACING_FIELDS.has(field) && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
        // enumDescriptions[i] is named after enum[i], so reordering the enum keeps the keys meaningful.
        value.forEach((v, i) => found.push({ key: [...next, Array.isArray(node.enum) ? String(node.enum[i]) : String(i)].join('.'), value: v, holder: value, field: i }));
      } else if (value && typeof value === 'object') {
        walk(value, next);
      }
    }
  };
  for (const [point, value] of Object.entries(pkg.contributes ?? {})) {
    if (!NOT_USER_FACING.has(point)) walk(value, [point]);
  }
  return found;
}

export function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function main() {
  const check = process.argv.includes('--check');
  const pkgFile = path.join(ROOT, 'package.json');
  const nlsFile = path.join(ROOT, 'package.nls.json');
  const pkg = readJson(pkgFile);
  const nls = fs.existsSync(nlsFile) ? readJson(nlsFile) : {};
  const literals = userFacingStrings(pkg).filter((s) => !isReference(s.value));
  if (check) {
    for (const s of literals) console.log(`${s.key}: ${JSON.stringify(s.value)}`);
    if (literals.length) console.log(`${literals.length} literal string(s) left in package.json: run node test/tools/nls-extract.mjs`);
    process.exit(literals.length ? 1 : 0);
  }
  const byValue = new Map(Object.entries(nls).map(([k, v]) => [v, k]));
  const added = [];
  for (const s of literals) {
    // The same English sentence (the product name as a command category, say) is translated once.
    let key = byValue.get(s.value);
    if (!key) {
      key = s.key;
      for (let n = 2; key in nls; n++) key = `${s.key}.${n}`;
      nls[key] = s.value;
      byValue.set(s.value, key);
      added.push(key);
    }
    s.holder[s.field] = `%${key}%`;
  }
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
  fs.writeFileSync(nlsFile, JSON.stringify(nls, null, 2) + '\n');
  console.log(`${literals.length} string(s) moved to package.nls.json, ${added.length} new key(s)${added.length ? ':' : '.'}`);
  for (const k of added) console.log(`  ${k}: ${JSON.stringify(nls[k])}`);
  if (added.length) console.log('Add their translations to package.nls.zh-cn.json and package.nls.es.json.');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
