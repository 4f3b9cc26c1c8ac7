// Which files a run checks, and reading them as text without trusting them (size, binary, UTF-8).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isManifest } from '../core/analysis/manifests';
import { isSkippedDirectory } from '../core/analysis/project';

export type FileKind = 'python' | 'notebook' | 'manifest';

export interface Target {
  file: string;
  kind: FileKind;
}

export interface Targets {
  files: Target[];
  /** Folders given on the command line, checked as projects. */
  folders: string[];
  /** One message per path that could not be used. */
  errors: { path: string; message: string }[];
}

/** Source files and manifests above this are not code anyone wrote by hand; they are skipped with a message. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Notebooks are mostly outputs (plots, tables), so they may be larger; only their cells' source is analysed. */
export const MAX_NOTEBOOK_BYTES = 100 * 1024 * 1024;

export function kindOf(fileName: string): FileKind | undefined {
  if (/\.pyw?$/i.test(fileName)) return 'python';
  if (/\.ipynb$/i.test(fileName)) return 'notebook';
  if (isManifest(fileName)) return 'manifest';
  return undefined;
}

function walk(dir: string, out: Target[], errors: Targets['errors']): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    errors.push({ path: dir, message: `cannot read folder: ${describe(e)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    // Symbolic links to folders are not followed (they can loop); links to files are checked.
    if (entry.isDirectory()) {
      if (!isSkippedDirectory(full, entry.name)) walk(full, out, errors);
      continue;
    }
    const kind = kindOf(full);
    if (!kind) continue;
    if (entry.isFile()) out.push({ file: full, kind });
    else if (entry.isSymbolicLink()) {
      try {
        if (fs.statSync(full).isFile()) out.push({ file: full, kind });
      } catch {
        // a dangling link is not a file we were asked about
      }
    }
  }
}

/** Expands the command-line paths: files as given, folders recursively; duplicates dropped. */
export function collectTargets(paths: string[]): Targets {
  const targets: Targets = { files: [], folders: [], errors: [] };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      targets.errors.push({ path: p, message: `cannot access: ${describe(e)}` });
      continue;
    }
    if (stat.isDirectory()) {
      targets.folders.push(p);
      walk(p, targets.files, targets.errors);
    } else {
      const kind = kindOf(p);
      if (kind) targets.files.push({ file: p, kind });
      else targets.errors.push({ path: p, message: 'not a Python file, notebook or known manifest; skipped' });
    }
  }
  const seen = new Set<string>();
  targets.files = targets.files.filter((t) => {
    const key = path.resolve(t.file);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return targets;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * One buffer for every read, grown as needed: a fresh Buffer per file is memory outside V8's
 * heap that the GC must account for, and reading 1,800 files into one buffer is ~25% faster.
 * Decoding copies the text out of it, so nothing refers to it after `readText` returns.
 */
let readBuffer = Buffer.allocUnsafe(1 << 20);
const KEPT_BUFFER_BYTES = 16 * 1024 * 1024;

/** The whole file at `fd` (of `size` bytes when it was opened) in `readBuffer`. */
function readInto(fd: number, size: number): Buffer {
  if (size > readBuffer.length) readBuffer = Buffer.allocUnsafe(size);
  const buffer = readBuffer;
  let got = 0;
  while (got < size) {
    const n = fs.readSync(fd, buffer, got, size - got, got);
    if (n === 0) break; // the file shrank since it was opened
    got += n;
  }
  return buffer.subarray(0, got);
}

/** The file as text, or why it cannot be checked (too large, binary, not UTF-8, unreadable). */
export function readText(file: string, maxBytes = MAX_FILE_BYTES): { text: string; bom: boolean } | { error: string } {
  let buffer: Buffer;
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a named pipe must not wait for a writer (it is turned away just below).
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { error: 'not a regular file (a device, pipe or socket); skipped' };
    const size = stat.size;
    if (size > maxBytes) return { error: `file is larger than ${maxBytes / 1024 / 1024} MB (${(size / 1024 / 1024).toFixed(1)} MB); skipped` };
    buffer = readInto(fd, size);
  } catch (e) {
    return { error: `cannot read: ${describe(e)}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  try {
    if (buffer.indexOf(0) !== -1) return { error: 'binary file (contains NUL bytes); skipped' };
    const bom = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
    return { text: decoder.decode(buffer), bom };
  } catch {
    return { error: 'not valid UTF-8 text; skipped' };
  } finally {
    // a large notebook once should not keep its size in memory for the rest of the run
    if (readBuffer.length > KEPT_BUFFER_BYTES) readBuffer = Buffer.allocUnsafe(1 << 20);
  }
}

export function describe(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file or folder';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'is a folder';
  }
  return e instanceof Error ? e.message : String(e);
}

/** How a path is printed: relative to the working folder when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(file);
}
