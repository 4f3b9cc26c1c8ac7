// Starts the real VS Code (code-server 4.100.3 = VS Code 1.100.3) on loopback and drives its workbench
// with Debian's Chromium through playwright-core. Everything is bounded in time and stopped by pid.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { installLanguagePacks } from './language-packs.mjs';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const ENTRY = path.join(ROOT, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function isInstalled() {
  return fs.existsSync(ENTRY) && fs.existsSync(CHROMIUM);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Kills a detached process group, then the process, SIGTERM first and SIGKILL if it lingers. */
export async function killTree(pid) {
  if (!pid) return;
  const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
  for (const sig of ['SIGTERM', 'SIGKILL']) {
    try { process.kill(-pid, sig); } catch { /* not a group leader */ }
    try { process.kill(pid, sig); } catch { /* gone */ }
    for (let i = 0; i < 30 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    if (!alive()) return;
  }
}

/**
 * Starts code-server. `userSettings` go to the throwaway profile; `env` reaches the extension host.
 * `locale` (e.g. "zh-cn") is the display language, with `languagePacks` (folders relative to the repository)
 * installed first so VS Code can resolve it (see language-packs.mjs).
 * Resolves once the server prints "HTTP server listening".
 */
export async function startServer({ workspace, trusted = true, env = {}, userSettings = {}, locale, languagePacks = [], port, log = () => {} }) {
  port ??= await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pyai-vscode-'));
  const userDir = path.join(tmp, 'ud');
  fs.mkdirSync(path.join(userDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDir, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'workbench.enableExperiments': false,
    'git.openRepositoryInParentFolders': 'never',
    ...userSettings,
  }, null, 2));
  const extensionsDir = path.join(tmp, 'exts');
  if (languagePacks.length) {
    await installLanguagePacks({ entry: ENTRY, packDirs: languagePacks.map((d) => path.join(ROOT, d)), userDataDir: userDir, extensionsDir, tmp, log })
      .catch((e) => {
        fs.rmSync(tmp, { recursive: true, force: true });
        throw e;
      });
  }
  const args = [ENTRY, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
    '--disable-update-check', '--user-data-dir', userDir, '--extensions-dir', extensionsDir];
  if (locale) args.push('--locale', locale);
  if (trusted) args.push('--disable-workspace-trust');
  args.push(workspace);
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const server = {
    port,
    pid: child.pid,
    tmp,
    userDir,
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      await killTree(child.pid);
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not start within 60 s')), 60_000);
    const onData = (buf) => {
      const text = buf.toString();
      log(text);
      if (text.includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with code ${code} before it was ready`));
    });
  }).catch(async (e) => {
    await server.stop();
    throw e;
  });
  return server;
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
  });
}

/** The workbench URL that loads the extension in development mode, optionally with a test suite. */
export function workbenchUrl(server, workspace, { extensionPath = ROOT, testsPath } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extensionPath)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
