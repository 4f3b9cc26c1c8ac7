// `npm start`: builds the extension and opens it in a real VS Code (code-server on 127.0.0.1) on a
// copy of the sample project in test/sample-project. Prints the URL; Ctrl+C stops everything.
// Environment: PORT (default 8080), PYAI_DEMO_DIR (default: <tmp>/python-for-ai-demo, kept between runs),
// PYAI_LOCALE (zh-cn or es: the display language, with the test language pack from test/fixtures installed).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureNodeModules, ensureTestVSCode } from './ensure-deps.mjs';
import { ROOT, startServer, workbenchUrl } from './code-server.mjs';

async function main() {
  if (!ensureNodeModules()) throw new Error('npm ci failed (see above).');
  const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('The build failed (see above).');
  if (!ensureTestVSCode()) throw new Error('The VS Code for the demo could not be installed (see above).');

  // Outside this repository, so that the sample really has no git repository of its own.
  const workspace = process.env.PYAI_DEMO_DIR ?? path.join(os.tmpdir(), 'python-for-ai-demo');
  if (!fs.existsSync(workspace)) fs.cpSync(path.join(ROOT, 'test/sample-project'), workspace, { recursive: true });
  const port = Number(process.env.PORT ?? 8080);
  const locale = process.env.PYAI_LOCALE;
  const languagePacks = locale ? [`test/fixtures/language-pack-${locale}`] : [];
  if (locale && !fs.existsSync(path.join(ROOT, languagePacks[0]))) throw new Error(`No test language pack for ${locale} (${languagePacks[0]}).`);
  const server = await startServer({ workspace, port, locale, languagePacks, userSettings: { 'workbench.colorTheme': 'Default Light Modern' } });
  const url = workbenchUrl(server, workspace);
  console.log(`\nPython for AI is running in VS Code ${'1.100.3'} (code-server, pid ${server.pid}).`);
  console.log(`Sample project: ${workspace}`);
  console.log(`\nOpen this URL in a browser on this machine:\n\n  ${url}\n`);
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}

main().catch((e) => {
  console.error(`npm start: ${e.message ?? e}`);
  process.exit(1);
});
