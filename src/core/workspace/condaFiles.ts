// Conda environment files under any name on disk (`gpu_env.yml`, `conda/linux.yml`), found without
// parsing every YAML file of a large tree: a size cap and a textual sniff for a top-level
// `dependencies:` come first, and only files passing both are parsed. Uses Node's fs; never `vscode`.
import * as fs from 'node:fs';
import { isManifest, isYamlFileName } from '../analysis/manifests';
import { isCondaEnvironment } from '../manifests/conda';

/** Larger YAML files are data or generated configuration, never an environment someone wrote. */
const MAX_SNIFF_BYTES = 64 * 1024;

/** A YAML file not named like a manifest that holds a conda environment. */
export function isCondaEnvironmentFile(file: string): boolean {
  if (!isYamlFileName(file) || isManifest(file)) return false;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_SNIFF_BYTES || stat.size === 0) return false;
    const buffer = Buffer.alloc(stat.size);
    const n = fs.readSync(fd, buffer, 0, stat.size, 0);
    const text = buffer.subarray(0, n).toString('utf8');
    return isCondaEnvironment(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
