// Which files a folder walk checks, shared by `pyai-lint` and the editor's workspace scan: the exclude
// patterns in force (Ruff's defaults, or the configuration's `exclude`, plus `extend-exclude`),
// Python environments under any name (pyvenv.cfg, conda-meta/), and .gitignore / .ignore /
// .git/info/exclude. Uses Node's fs; never `vscode`.
import * as path from 'node:path';
import { isEnvironment } from '../analysis/project';
import type { LoadedConfig } from '../config/discover';
import { createPathMatcher, excludePatterns, relativeTo } from '../config/resolve';
import { IgnoreRules } from './ignoreFiles';

/** What the command line (or the editor) sets on top of the configuration files. */
export interface ExcludeOverrides {
  /** Replaces the default excludes and the configuration's `exclude`. */
  exclude?: readonly string[];
  extendExclude?: readonly string[];
  /** Overrides the configuration's `respect-gitignore` (default true). */
  respectGitignore?: boolean;
}

/** The exclusion rules of each folder, from the configuration that governs it. */
export class FolderExcludes {
  private readonly matchers = new Map<string, (relative: string) => boolean>();

  /**
   * `configFor(folder)`: the configuration in force in a folder; `fallbackRoot`: where patterns are
   * relative to when no configuration governs (the working folder, the workspace folder).
   */
  constructor(
    private readonly configFor: (folder: string) => LoadedConfig | undefined,
    private readonly fallbackRoot: string,
    private readonly overrides: ExcludeOverrides = {},
  ) {}

  respectsIgnoreFiles(folder: string): boolean {
    return this.overrides.respectGitignore ?? this.configFor(folder)?.config.respectGitignore ?? true;
  }

  /** Whether `absolute` (a file or folder inside `folder`) matches the exclude patterns in force in `folder`. */
  excludes(absolute: string, folder = path.dirname(absolute)): boolean {
    const config = this.configFor(folder);
    const key = config?.file ?? '';
    let matcher = this.matchers.get(key);
    if (!matcher) {
      matcher = createPathMatcher(excludePatterns(config?.config, this.overrides));
      this.matchers.set(key, matcher);
    }
    const relative = relativeTo(config?.root ?? this.fallbackRoot, absolute) ?? path.basename(absolute);
    return matcher(relative);
  }
}

/** One folder of a walk: the ignore rules in force in it, and how to decide about what it holds. */
export class WalkedFolder {
  private respect: boolean | undefined;

  private constructor(
    readonly folder: string,
    private readonly rules: IgnoreRules,
    private readonly excludes: FolderExcludes,
  ) {}

  /** The walk's starting folder (its own ignore files and those of its repository above it apply). */
  static start(folder: string, excludes: FolderExcludes): WalkedFolder {
    const absolute = path.resolve(folder);
    return new WalkedFolder(absolute, excludes.respectsIgnoreFiles(absolute) ? IgnoreRules.forFolder(absolute) : IgnoreRules.none(), excludes);
  }

  private respects(): boolean {
    return (this.respect ??= this.excludes.respectsIgnoreFiles(this.folder));
  }

  /** The subfolder `name`, or undefined when the walk does not enter it (excluded, ignored or a Python environment). */
  enter(name: string): WalkedFolder | undefined {
    const child = path.join(this.folder, name);
    if (this.excludes.excludes(child, this.folder) || isEnvironment(child) || (this.respects() && this.rules.ignores(child, true))) return undefined;
    return new WalkedFolder(child, this.respects() ? this.rules.enter(child) : this.rules, this.excludes);
  }

  /** Whether the file `name` in this folder is left out (excluded or ignored). */
  skipsFile(name: string): boolean {
    const file = path.join(this.folder, name);
    return this.excludes.excludes(file, this.folder) || (this.respects() && this.rules.ignores(file, false));
  }
}

/**
 * The same decisions for files listed rather than walked (the editor's `findFiles`): a file under
 * `root` is included when a walk from `root` would reach it. Folders are decided once each.
 */
export class ListedFiles {
  private readonly folders = new Map<string, WalkedFolder | undefined>();
  private readonly root: string;

  constructor(root: string, private readonly excludes: FolderExcludes) {
    this.root = path.resolve(root);
  }

  private folder(dir: string): WalkedFolder | undefined {
    if (this.folders.has(dir)) return this.folders.get(dir);
    let state: WalkedFolder | undefined;
    if (dir === this.root) state = WalkedFolder.start(dir, this.excludes);
    else state = this.folder(path.dirname(dir))?.enter(path.basename(dir));
    this.folders.set(dir, state);
    return state;
  }

  /** Whether `file` is checked; files outside `root` are judged from their own folder. */
  includes(file: string): boolean {
    const absolute = path.resolve(file);
    const inside = relativeTo(this.root, absolute);
    const dir = path.dirname(absolute);
    const folder = inside === undefined || inside === '' ? WalkedFolder.start(dir, this.excludes) : this.folder(dir);
    return folder !== undefined && !folder.skipsFile(path.basename(absolute));
  }
}
