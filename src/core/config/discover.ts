// Finding the configuration that governs a path as Ruff does: the closest pyai-lint.toml,
// .pyai-lint.toml or pyproject.toml with a [tool.pyai-lint] table in the path's folder or above.
// Uses Node's fs (the CLI, and the editor for files on disk); never `vscode`.
import { msg, said } from '../l10n/text';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES, parseConfigText, type ConfigError, type PyaiConfig } from './schema';

export interface LoadedConfig {
  /** The configuration file. */
  file: string;
  /** Its folder, where relative patterns start. */
  root: string;
  config: PyaiConfig;
  errors: ConfigError[];
}

/** Real configuration files are small; a huge one is not read. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Reads and checks one configuration file; `undefined` for a pyproject.toml without our section. */
export function loadConfigFile(file: string): LoadedConfig | undefined {
  const root = path.dirname(path.resolve(file));
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_CONFIG_BYTES) return { file, root, config: {}, errors: [{ ...said(msg('configuration file is larger than 1 MB; not read')), line: 1, column: 1 }] };
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { file, root, config: {}, errors: [{ ...said(msg('cannot read configuration: {0}', e instanceof Error ? e.message : String(e))), line: 1, column: 1 }] };
  }
  const parsed = parseConfigText(file, text);
  if (!parsed.found) return undefined;
  return { file, root, config: parsed.config, errors: parsed.errors };
}

/** Looks up configurations folder by folder, remembering each folder's answer for the run. */
export class ConfigFinder {
  private readonly byFolder = new Map<string, LoadedConfig | null>();

  /** The configuration for files in `folder`: its own, else its parent's, up to the file system root. */
  forFolder(folder: string): LoadedConfig | undefined {
    const start = path.resolve(folder);
    const visited: string[] = [];
    let current = start;
    let found: LoadedConfig | null = null;
    for (;;) {
      const known = this.byFolder.get(current);
      if (known !== undefined) {
        found = known;
        break;
      }
      visited.push(current);
      const own = this.ownConfig(current);
      if (own) {
        found = own;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const dir of visited) this.byFolder.set(dir, found);
    return found ?? undefined;
  }

  forFile(file: string): LoadedConfig | undefined {
    return this.forFolder(path.dirname(path.resolve(file)));
  }

  /** Forgets what was read (a configuration file changed). */
  clear(): void {
    this.byFolder.clear();
  }

  private ownConfig(dir: string): LoadedConfig | undefined {
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(dir, name);
      let isFile = false;
      try {
        isFile = fs.statSync(file).isFile();
      } catch {
        continue;
      }
      if (!isFile) continue;
      const loaded = loadConfigFile(file);
      if (loaded) return loaded;
    }
    return undefined;
  }
}
