// Makes code-server (VS Code 1.100) show the workbench in another display language, offline.
//
// How VS Code picks the language (read in code-server 4.100.3's lib/vscode/out/server-main.js):
//   1. The locale comes from code-server's --locale flag, else `locale` in the profile's argv.json
//      (what "Configure Display Language" writes), else the browser's Accept-Language, else "en".
//   2. A non-English locale is only used if <user-data-dir>/languagepacks.json lists an installed language
//      pack for it (an extension with contributes.localizations). Otherwise the workbench stays English and
//      `vscode.env.language` is "en", whatever --locale says.
//   3. With a pack, the server builds nls.messages.js from the pack's translations of VS Code itself and
//      sets _VSCODE_NLS_LANGUAGE; that language reaches the extension host (vscode.env.language), the
//      manifest scanner (package.nls.<language>.json, falling back to package.nls.json) and vscode.l10n
//      (l10n/bundle.l10n.<language>.json).
// There is no gallery offline, so the suite installs a minimal pack of its own (test/fixtures/
// language-pack-<locale>: the localization contribution with an empty translation of VS Code's own
// strings, so the workbench's own UI stays English and only this extension's strings change). The VSIX
// is built with @vscode/vsce and installed with code-server's CLI, as a person would install a .vsix.
// The CLI process does not create VS Code's LanguagePackService (it is registered lazily there), so
// installing does not write languagepacks.json; the running server only writes it when a pack is installed
// through it. We write it here in the shape VS Code's LanguagePacksCache writes (vs/platform/languagePacks/
// node/languagePacks.ts): { <languageId>: { hash, extensions: [{ extensionIdentifier, version }],
// translations: { <id>: <absolute path> }, label } }.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Packs each language-pack folder as a VSIX and installs it with code-server's CLI into `extensionsDir`. */
export async function installLanguagePacks({ entry, packDirs, userDataDir, extensionsDir, tmp, log = () => {} }) {
  const { createVSIX } = await import('@vscode/vsce');
  for (const dir of packDirs) {
    const vsix = path.join(tmp, `${path.basename(dir)}.vsix`);
    // vsce prints its file list and advice to the console; keep the suite's output to test results.
    const { log: consoleLog, warn: consoleWarn } = console;
    console.log = console.warn = (...a) => log(a.join(' '));
    try {
      await createVSIX({ cwd: dir, packagePath: vsix, allowMissingRepository: true, skipLicense: true, dependencies: false });
    } finally {
      Object.assign(console, { log: consoleLog, warn: consoleWarn });
    }
    const r = spawnSync(process.execPath, [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
      { encoding: 'utf8', timeout: 60_000 });
    log(`${r.stdout}${r.stderr}`);
    if (r.status !== 0 || !/successfully installed/.test(r.stdout)) throw new Error(`could not install language pack ${dir}: ${r.stdout}${r.stderr}`);
  }
  writeLanguagePacksIndex(userDataDir, extensionsDir);
}

/** Writes <user-data-dir>/languagepacks.json from the installed extensions' localization contributions. */
export function writeLanguagePacksIndex(userDataDir, extensionsDir) {
  const installed = JSON.parse(fs.readFileSync(path.join(extensionsDir, 'extensions.json'), 'utf8'));
  const packs = {};
  for (const ext of installed) {
    const location = ext.location.fsPath ?? ext.location.path;
    const manifest = JSON.parse(fs.readFileSync(path.join(location, 'package.json'), 'utf8'));
    for (const l of manifest.contributes?.localizations ?? []) {
      const pack = (packs[l.languageId] ??= { hash: '', extensions: [], translations: {}, label: l.localizedLanguageName ?? l.languageName });
      pack.extensions.push({ extensionIdentifier: ext.identifier, version: manifest.version });
      for (const t of l.translations) pack.translations[t.id] = path.join(location, t.path);
    }
  }
  for (const pack of Object.values(packs)) {
    // VS Code's cache key: md5 over each pack extension's uuid (or id) and version.
    const md5 = createHash('md5');
    for (const e of pack.extensions) md5.update(e.extensionIdentifier.uuid || e.extensionIdentifier.id).update(e.version);
    pack.hash = md5.digest('hex');
  }
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
  return packs;
}
