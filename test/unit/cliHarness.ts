// Runs the built CLI (`node dist/cli.js`, from `node esbuild.js`) on temporary fixture folders.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './repoRoot';

export const ROOT = repoRoot();
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd: string, input?: string | Buffer): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function json(run: Run): Record<string, unknown>[] {
  return JSON.parse(run.stdout) as Record<string, unknown>[];
}

const temps: string[] = [];

/** A temporary folder with `files` (and a `.git` folder unless `git` is false); removed by `removeTrees`. */
export function tree(files: Record<string, string | Buffer>, git = true): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pyai-cli-'));
  temps.push(root);
  if (git) fs.mkdirSync(path.join(root, '.git'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return root;
}

export function removeTrees(): void {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}
