// Regenerates the catalogue tables of media/rules/deprecated-api.md from src/core/rules/deprecated-apis.yaml
// (the section between "## The catalogue" and the paragraph that starts with "`pd.np` is rewritten").
//   node test/tools/update-deprecated-api-page.mjs
// The rule-docs unit test fails when the page misses an API or a source of the catalogue.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAGE = path.join(ROOT, 'media', 'rules', 'deprecated-api.md');
const entries = parse(fs.readFileSync(path.join(ROOT, 'src', 'core', 'rules', 'deprecated-apis.yaml'), 'utf8'));

const LIBRARY = { numpy: 'NumPy', pandas: 'pandas', sklearn: 'scikit-learn', tensorflow: 'TensorFlow', keras: 'Keras', torch: 'PyTorch', torchvision: 'torchvision', scipy: 'SciPy', seaborn: 'seaborn', matplotlib: 'Matplotlib', PIL: 'Pillow', cv2: 'OpenCV' };
const ALIAS = { numpy: 'np', pandas: 'pd', tensorflow: 'tf', seaborn: 'sns', matplotlib: 'mpl' };

function apiCell(e) {
  const api = e.api.replace(/^numpy\./, 'np.').replace(/^pandas\./, 'pd.').replace(/^tensorflow\./, 'tf.');
  if (e.kind === 'method') {
    if (e.name === 'append') return '`DataFrame.append / Series.append`';
    if (e.name === 'ix') return '`.ix[…]`';
    return `\`.${e.name}()\``;
  }
  if (e.kind === 'kwarg') return `\`${api}(${e.name}=…)\``;
  if (e.kind === 'module') return `\`${api}\` (module)`;
  return `\`${api}\``;
}

function fixCell(e, top) {
  if (!e.fix || e.fix === 'none') return '—';
  const [kind] = Object.keys(e.fix);
  const value = String(e.fix[kind]);
  const parent = e.api.replace(/^numpy\./, 'np.').replace(/^pandas\./, 'pd.').replace(/^tensorflow\./, 'tf.').split('.').slice(0, -1).join('.');
  let text;
  if (kind === 'rename') text = e.kind === 'attribute' ? `\`${parent}.${value}\`` : e.kind === 'kwarg' ? `\`${value}=\`` : `\`.${value}()\``;
  else if (kind === 'replace') text = `\`${value.replace('{parent}', parent).replace('{alias:numpy}', 'np').replace('{alias}', ALIAS[top] ?? top)}\``;
  else if (kind === 'module') text = `import from \`${value}\``;
  else text = '`pd.concat([df, other])`';
  return `${text} (${e.safe ? 'safe' : 'unsafe'})`;
}

const lines = [];
let current = '';
for (const e of entries) {
  const top = e.api.split('.')[0];
  if (top !== current) {
    current = top;
    lines.push('', `### ${LIBRARY[top] ?? top}`, '', '| API | deprecated in | removed in | fix | source |', '|---|---|---|---|---|');
  }
  const version = (v) => (v ? String(v).replace(/^\S+ /, '') : '—');
  lines.push(`| ${apiCell(e)} | ${version(e.deprecatedIn)} | ${version(e.removedIn)} | ${fixCell(e, top)} | [source](${e.source}) |`);
}

const page = fs.readFileSync(PAGE, 'utf8');
const start = page.indexOf('## The catalogue\n') + '## The catalogue\n'.length;
const end = page.indexOf('\n`pd.np` is rewritten');
if (start < '## The catalogue\n'.length || end === -1) throw new Error('deprecated-api.md lacks the catalogue section markers');
fs.writeFileSync(PAGE, page.slice(0, start) + lines.join('\n') + '\n' + page.slice(end));
console.log(`wrote ${entries.length} entries to ${path.relative(ROOT, PAGE)}`);
