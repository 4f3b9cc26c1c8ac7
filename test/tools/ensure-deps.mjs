// Lets `npm test` and `npm start` work on a fresh clone: installs the npm dependencies (npm ci) when
// they are missing or older than package-lock.json, and the test VS Code + Chromium when missing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, isInstalled } from './code-server.mjs';

export function ensureNodeModules() {
  // A worktree whose node_modules links to another checkout's: npm ci would empty the linked folder (it deletes
  // node_modules' contents through the link), breaking every checkout that shares it. Leave it alone.
  const linked = path.join(ROOT, 'node_modules');
  if (fs.existsSync(linked) && fs.lstatSync(linked).isSymbolicLink()) return true;
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs - 1000) return true;
  console.log('Installing npm dependencies (npm ci)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit', timeout: 15 * 60_000 });
  return r.status === 0;
}

export function ensureTestVSCode() {
  if (isInstalled()) return true;
  const r = spawnSync('bash', [path.join(ROOT, 'test/tools/setup-vscode.sh')], { cwd: ROOT, stdio: 'inherit', timeout: 25 * 60_000 });
  return r.status === 0;
}
