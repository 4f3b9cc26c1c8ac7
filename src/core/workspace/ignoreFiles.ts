// .gitignore, .ignore and .git/info/exclude as git and ripgrep read them, for folder walks: rules of
// a folder apply below it, deeper files override shallower ones, `.ignore` overrides `.gitignore`.
// Uses Node's fs; never `vscode`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { findGitRoot } from '../analysis/project';

interface Layer {
  base: string;
  rules: Ignore;
}

/** Ignore files larger than this are not rules anyone wrote; they are skipped. */
const MAX_IGNORE_BYTES = 1024 * 1024;

function readRules(file: string): Ignore | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_IGNORE_BYTES) return undefined;
    const text = fs.readFileSync(file, 'utf8');
    return text.trim() === '' ? undefined : ignore({ allowRelativePaths: true }).add(text);
  } catch {
    return undefined;
  }
}

/** The ignore rules in force in one folder: its ancestors' and its own. Immutable; `enter` makes a child's. */
export class IgnoreRules {
  private constructor(private readonly layers: readonly Layer[]) {}

  static none(): IgnoreRules {
    return new IgnoreRules([]);
  }

  /**
   * The rules in force in `dir`: `.git/info/exclude` of its repository and every `.gitignore` and
   * `.ignore` from the repository's root down to `dir` (only `dir`'s own outside a repository).
   */
  static forFolder(dir: string): IgnoreRules {
    const target = path.resolve(dir);
    const gitRoot = findGitRoot(target);
    const layers: Layer[] = [];
    const chain: string[] = [];
    if (gitRoot) {
      const exclude = readRules(path.join(gitRoot, '.git', 'info', 'exclude'));
      if (exclude) layers.push({ base: gitRoot, rules: exclude });
      for (let d = target; ; d = path.dirname(d)) {
        chain.unshift(d);
        if (d === gitRoot || path.dirname(d) === d) break;
      }
    } else chain.push(target);
    let rules = new IgnoreRules(layers);
    for (const d of chain.slice(0, -1)) rules = rules.enter(d);
    return rules.enter(target);
  }

  /** The rules for the folder `dir` (a child of this one): these plus its own ignore files. */
  enter(dir: string): IgnoreRules {
    const own: Layer[] = [];
    for (const name of ['.gitignore', '.ignore']) {
      const rules = readRules(path.join(dir, name));
      if (rules) own.push({ base: dir, rules });
    }
    return own.length ? new IgnoreRules([...this.layers, ...own]) : this;
  }

  /** Whether `file` (a folder when `isDir`) is ignored; the last layer with an opinion decides. */
  ignores(file: string, isDir: boolean): boolean {
    let ignored = false;
    for (const layer of this.layers) {
      const rel = path.relative(layer.base, file);
      if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
      const result = layer.rules.test(rel.split(path.sep).join('/') + (isDir ? '/' : ''));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}
