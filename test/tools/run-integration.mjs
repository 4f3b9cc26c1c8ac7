// Runs the integration suite (out/test/integration) inside a real VS Code, once per run in
// test/integration/runs.json. Launchers:
//   code-server (default here): code-server 4.100.3 + Debian Chromium, offline; takes screenshots.
//   electron: @vscode/test-electron, where desktop VS Code can be downloaded.
// Pick with PYAI_LAUNCHER=code-server|electron or --launcher NAME. Other flags: --run NAME, --grep TEXT,
// --no-build. Prints "N passed, N failed" and writes test-output/integration-results.json.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { ROOT, isInstalled, launchBrowser, startServer, workbenchUrl } from './code-server.mjs';

const argv = process.argv.slice(2);
const flag = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const launcher = flag('--launcher') ?? process.env.PYAI_LAUNCHER ?? 'code-server';
const onlyRun = flag('--run');
const grep = flag('--grep') ?? '';
const SUITE_TIMEOUT_MS = Number(process.env.PYAI_SUITE_TIMEOUT_MS ?? 15 * 60_000);

const OUT = path.join(ROOT, 'test-output');
const SHOTS_ROOT = path.join(OUT, 'screenshots');
const LOGS = path.join(OUT, 'logs');
fs.mkdirSync(LOGS, { recursive: true });

const NOISE = [/Resolv(ing|ed) connection token/, /Creating a socket/, /Service Worker/, /builtin extensions cache/, /ChatSessionStore/, /open-vsx\.org/, /vsda/, /allowScripts/, /Failed to load resource/, /ERR_NAME_NOT_RESOLVED/, /marketplace/i];

function prepareWorkspace(run) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pyai-ws-${run.name}-`));
  fs.cpSync(path.join(ROOT, run.workspace), dir, { recursive: true });
  if (run.gitInit) {
    const git = (...a) => execFileSync('git', a, { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'add', '-A');
    git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'fixture', '--allow-empty');
  }
  return dir;
}

/** Each run photographs into its own folder, so concurrent runs never answer each other's requests. */
function shotsDir(run) {
  const dir = path.join(SHOTS_ROOT, run.name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function suiteEnv(run, resultsFile, screenshots) {
  return {
    PYAI_TEST_INCLUDE: run.include.join(','),
    PYAI_TEST_EXCLUDE: run.exclude.join(','),
    PYAI_TEST_GREP: grep,
    PYAI_RESULTS_FILE: resultsFile,
    ...(screenshots ? { PYAI_SCREENSHOT_DIR: shotsDir(run) } : {}),
  };
}

function readResults(file, runName) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { passed: 0, failed: 1, pending: 0, failures: [{ title: `run ${runName}`, error: 'the suite wrote no results (crashed or timed out)' }] };
  }
}

async function runWithCodeServer(run) {
  const workspace = prepareWorkspace(run);
  const resultsFile = path.join(os.tmpdir(), `pyai-results-${run.name}-${process.pid}.json`);
  fs.rmSync(resultsFile, { force: true });
  const logFile = fs.createWriteStream(path.join(LOGS, `${run.name}.log`));
  const log = (line) => logFile.write(line.endsWith('\n') ? line : line + '\n');
  let server;
  let browser;
  let watcher;
  try {
    server = await startServer({
      workspace, trusted: run.trusted, env: suiteEnv(run, resultsFile, true), log, userSettings: run.settings ?? {},
      locale: run.locale, languagePacks: run.languagePacks ?? [],
    });
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    // Screenshot requests from the extension host arrive as files `<name>.request`.
    const SHOTS = shotsDir(run);
    watcher = setInterval(async () => {
      // Key presses from the extension host (`<id>.keys`, a JSON list such as ["Enter"]) go through the
      // browser's keyboard, so keybindings (Enter accepting a suggestion) apply as for a person.
      for (const f of fs.readdirSync(SHOTS).filter((f) => f.endsWith('.keys'))) {
        const id = f.slice(0, -'.keys'.length);
        let keys = [];
        try {
          keys = JSON.parse(fs.readFileSync(path.join(SHOTS, f), 'utf8'));
        } catch (e) {
          log(`key request ${id} unreadable: ${e}`);
        }
        fs.rmSync(path.join(SHOTS, f), { force: true });
        try {
          for (const key of keys) await page.keyboard.press(key);
        } catch (e) {
          log(`key request ${id} failed: ${e}`);
        }
        fs.writeFileSync(path.join(SHOTS, `${id}.keysdone`), '');
      }
      // DOM requests (`<id>.dom`, {selector, click?: text, frames?: boolean}): read what the workbench shows (a walkthrough's
      // checkmarks) or click an element as a person does; the answer is `<id>.domresult`.
      for (const f of fs.readdirSync(SHOTS).filter((f) => f.endsWith('.dom'))) {
        const id = f.slice(0, -'.dom'.length);
        let answer;
        try {
          const request = JSON.parse(fs.readFileSync(path.join(SHOTS, f), 'utf8'));
          fs.rmSync(path.join(SHOTS, f), { force: true });
          // `frames: true` also reads webviews (a walkthrough step's markdown renders in one).
          const frames = request.frames ? page.frames() : [page.mainFrame()];
          const read = async () => (await Promise.all(frames.map((frame) => frame.$$eval(request.selector, (els) => els.map((e) => ({
            text: (e.textContent ?? '').trim().slice(0, 200),
            attrs: Object.fromEntries([...e.attributes].map((a) => [a.name, a.value])),
          }))).catch(() => [])))).flat();
          answer = await read(); // what was there before any click
          if (request.click !== undefined) {
            // A DOM click on the first matching element (toasts animate, so pointer checks are unreliable).
            const clicked = await page.$$eval(request.selector, (els, text) => {
              const target = els.find((e) => (e.textContent ?? '').includes(text));
              target?.click();
              return Boolean(target);
            }, request.click);
            if (!clicked) throw new Error(`nothing matching ${request.selector} contains "${request.click}"`);
          }
        } catch (e) {
          fs.rmSync(path.join(SHOTS, f), { force: true });
          answer = { error: String(e) };
        }
        fs.writeFileSync(path.join(SHOTS, `${id}.domresult`), JSON.stringify(answer));
      }
      for (const f of fs.readdirSync(SHOTS).filter((f) => f.endsWith('.request'))) {
        const name = f.slice(0, -'.request'.length);
        fs.rmSync(path.join(SHOTS, f), { force: true });
        try {
          await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
        } catch (e) {
          log(`screenshot ${name} failed: ${e}`);
        }
      }
    }, 150);
    const exitCode = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      log(`[${type}] ${text}`);
      if (!NOISE.some((re) => re.test(text)) && (type === 'log' || type === 'info' || type === 'error')) {
        process.stdout.write(`  ${text.replace(/\n/g, '\n  ')}\n`);
      }
    });
    page.on('console', (msg) => log(`[page ${msg.type()}] ${msg.text()}`));
    const testsPath = path.join(ROOT, 'out/test/integration/index.js');
    await page.goto(workbenchUrl(server, workspace, { testsPath }), { timeout: 60_000 });
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS));
    const code = await Promise.race([exitCode, timeout]);
    if (code === 'timeout') log(`suite timed out after ${SUITE_TIMEOUT_MS} ms`);
    const results = readResults(resultsFile, run.name);
    if (code === 'timeout') {
      results.failed += 1;
      results.failures.push({ title: `run ${run.name}`, error: `timed out after ${SUITE_TIMEOUT_MS / 1000} s` });
    }
    return results;
  } catch (e) {
    return { passed: 0, failed: 1, pending: 0, failures: [{ title: `run ${run.name}`, error: String(e?.stack ?? e) }] };
  } finally {
    clearInterval(watcher);
    await browser?.close().catch(() => {});
    await server?.stop();
    logFile.end();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(resultsFile, { force: true });
  }
}

async function runWithElectron(run) {
  if (run.locale) {
    // Desktop VS Code also needs an installed language pack for --locale; this launcher does not install one.
    console.log(`  run ${run.name}: skipped, the locale run needs the code-server launcher (it installs the test language pack)`);
    return { passed: 0, failed: 0, pending: 1, failures: [] };
  }
  const { runTests } = await import('@vscode/test-electron');
  const workspace = prepareWorkspace(run);
  const resultsFile = path.join(os.tmpdir(), `pyai-results-${run.name}-${process.pid}.json`);
  let launchError;
  try {
    const launchArgs = [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'];
    if (run.trusted) launchArgs.push('--disable-workspace-trust');
    await runTests({
      version: process.env.PYAI_VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out/test/integration/index.js'),
      launchArgs,
      extensionTestsEnv: suiteEnv(run, resultsFile, false),
    });
  } catch (e) {
    launchError = String(e?.message ?? e);
    console.error(`  run ${run.name}: ${launchError}`);
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  const results = readResults(resultsFile, run.name);
  if (launchError && results.passed === 0) results.failures = [{ title: `run ${run.name}`, error: `@vscode/test-electron could not start VS Code: ${launchError}` }];
  fs.rmSync(resultsFile, { force: true });
  return results;
}

async function main() {
  if (!argv.includes('--no-build')) {
    const build = spawnSync(process.execPath, ['esbuild.js', '--tests'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) {
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
  }
  if (launcher === 'code-server' && !isInstalled()) {
    const setup = spawnSync('bash', [path.join(ROOT, 'test/tools/setup-vscode.sh')], { stdio: 'inherit', timeout: 20 * 60_000 });
    if (setup.status !== 0) {
      console.error('The test VS Code could not be installed (see above). With internet access, PYAI_LAUNCHER=electron uses @vscode/test-electron.');
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
  }
  const runs = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/integration/runs.json'), 'utf8'))
    .filter((r) => !onlyRun || r.name === onlyRun);
  const total = { passed: 0, failed: 0, pending: 0, failures: [], runs: {} };
  for (const run of runs) {
    const started = Date.now();
    console.log(`\nIntegration run "${run.name}" (${launcher}, workspace ${run.workspace}${run.trusted ? '' : ', Restricted Mode'}${run.locale ? `, locale ${run.locale}` : ''})`);
    const r = launcher === 'electron' ? await runWithElectron(run) : await runWithCodeServer(run);
    console.log(`  run "${run.name}": ${r.passed} passed, ${r.failed} failed, ${r.pending} pending in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    total.passed += r.passed;
    total.failed += r.failed;
    total.pending += r.pending;
    total.failures.push(...r.failures.map((f) => ({ ...f, run: run.name })));
    total.runs[run.name] = { passed: r.passed, failed: r.failed, pending: r.pending };
  }
  for (const f of total.failures) console.log(`\n  FAILED [${f.run}] ${f.title}\n    ${String(f.error).split('\n').slice(0, 8).join('\n    ')}`);
  fs.writeFileSync(path.join(OUT, 'integration-results.json'), JSON.stringify(total, null, 2));
  console.log(`\n${total.passed} passed, ${total.failed} failed`);
  process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
