// `npm run screenshots`: runs the "screenshots" integration run on the sample project and copies
// the README pictures it took (test-output/screenshots/screenshots/readme-*.png) to media/screenshots/.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './code-server.mjs';

const r = spawnSync(process.execPath, ['test/tools/run-integration.mjs', '--run', 'screenshots'], { cwd: ROOT, stdio: 'inherit' });
const from = path.join(ROOT, 'test-output/screenshots/screenshots');
const to = path.join(ROOT, 'media/screenshots');
fs.mkdirSync(to, { recursive: true });
const shots = fs.readdirSync(from).filter((f) => /^readme-.*\.png$/.test(f));
for (const f of shots) fs.copyFileSync(path.join(from, f), path.join(to, f));
console.log(`Copied ${shots.length} screenshots to media/screenshots/.`);
process.exit(r.status ?? 1);
