// Exports the strings the editor passes to vscode.l10n.t (Microsoft's @vscode/l10n-dev reads the source)
// into l10n/bundle.l10n.json. Keys already in the bundle stay (the core's message templates are added
// there by their own tool), new ones are appended; the translations are then completed by hand.
//   node test/tools/l10n-export.mjs          update l10n/bundle.l10n.json
//   node test/tools/l10n-export.mjs --check  list the strings missing from it, exit 1 if any
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bundlePath = path.join(root, 'l10n', 'bundle.l10n.json');

/** The strings of every vscode.l10n.t call under src/extension.ts and src/editor, as l10n-dev exports them. */
export function exportedStrings() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-export-'));
  try {
    const cli = path.join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
    const run = spawnSync(process.execPath, [cli, 'export', '--outDir', out, 'src/extension.ts', 'src/editor'], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`l10n-dev export failed: ${run.stderr || run.stdout}`);
    const file = path.join(out, 'bundle.l10n.json');
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function main() {
  const exported = exportedStrings();
  const bundle = fs.existsSync(bundlePath) ? JSON.parse(fs.readFileSync(bundlePath, 'utf8')) : {};
  const missing = Object.keys(exported).filter((k) => !(k in bundle));
  if (process.argv.includes('--check')) {
    for (const key of missing) console.log(key);
    process.exit(missing.length ? 1 : 0);
  }
  for (const key of missing) bundle[key] = exported[key];
  fs.mkdirSync(path.dirname(bundlePath), { recursive: true });
  fs.writeFileSync(bundlePath, JSON.stringify(bundle, null, 2) + '\n');
  console.log(`${missing.length} new string(s); ${Object.keys(bundle).length} in ${path.relative(root, bundlePath)}.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
