// Command-line arguments of `pyai-lint`, validated into options the checker understands.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { isRuleId } from '../core/analysis/catalogue';
import { RULE_IDS, type RuleId, type Severity } from '../core/analysis/types';
import type { Overrides } from '../core/config/resolve';
import { parseConfigText, type PyaiConfig } from '../core/config/schema';
import type { Selection } from './files';

export const OUTPUT_FORMATS = ['text', 'concise', 'full', 'grouped', 'json', 'json-lines', 'sarif', 'github', 'gitlab', 'junit', 'pylint', 'rdjson', 'azure'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
const LEVELS: readonly Severity[] = ['hint', 'info', 'warning', 'error'];

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  unsafeFixes: boolean;
  /** `--diff`: with fixes, print what they would change instead of writing files. */
  diff: boolean;
  /** `--fix-only`: apply fixes, report nothing about what is left. */
  fixOnly: boolean;
  /** `--add-noqa`: write a suppression comment on each finding's line. */
  addNoqa: boolean;
  showFiles: boolean;
  showSettings: boolean;
  /** `-q`: findings only, no summary; `-s`: nothing at all (the exit status says it); `-v`: what the run does, on stderr. */
  log: 'normal' | 'quiet' | 'silent' | 'verbose';
  showFixes: boolean;
  statistics: boolean;
  outputFile?: string;
  exitZero: boolean;
  exitNonZeroOnFix: boolean;
  /** The least severity that makes the exit status 1 (`--level`); hint by default (every finding). */
  level: Severity;
  help: boolean;
  version: boolean;
  /** Threads to check files on; undefined: automatic (up to 4, fewer for small runs). */
  jobs?: number;
  selection: Selection;
}

export const USAGE = `Usage: pyai-lint [options] [paths...]
       pyai-lint rule <rule-id> | --all   Print a rule's documentation (deprecated-api: with its catalogue)

Checks Python files, Jupyter notebooks and project manifests (requirements*.txt, pyproject.toml,
setup.cfg, setup.py, Pipfile, conda environment files, .python-version, runtime.txt) for common
machine learning pitfalls. Folders are searched recursively and are also checked as projects (git
repository, frameworks declared across manifests). Without paths, checks the current folder; "-"
reads standard input.

Configuration: the closest pyai-lint.toml, .pyai-lint.toml or pyproject.toml with a [tool.pyai-lint]
table above each file (select, extend-select, ignore, severity, per-file-ignores, exclude,
extend-exclude, min-python, framework-threshold, respect-gitignore). Flags override it.
  --config <path>             Use this configuration file for every path.
  --config "<key> = <value>"  Override one key (a TOML value: --config 'ignore = ["python2"]');
                              repeatable, applied over whichever file governs each path.
  --isolated                  Ignore all configuration files.

Rule selection:
  --select <rules>            Only these rules (comma-separated ids, or ALL).
  --extend-select <rules>     These rules in addition to the selected ones.
  --ignore <rules>            Not these rules.
  --threshold <n>             Deep-learning frameworks allowed before too-many-frameworks
                              reports (default 2, the minimum).
  --min-python <3.x>          Oldest Python a project should allow (default 3.11).

File selection:
  --exclude <globs>           Replace the default excludes (comma-separated globs).
  --extend-exclude <globs>    Exclude these too.
  --no-respect-gitignore      Check files that .gitignore, .ignore or .git/info/exclude ignore.
  --force-exclude             Apply excludes and ignore files to paths given by name too.
  --stdin-filename <name>     The name of the file read from standard input ("-").
  Skipped by default: Ruff's default excludes (.git, .venv, venv, build, dist, node_modules,
  site-packages, .ipynb_checkpoints, tool caches, …) and Python environments under any name
  (a folder with pyvenv.cfg or conda-meta/).

Fixes:
  --fix                       Apply safe fixes in place (to standard output for "-").
  --unsafe-fixes              With --fix, also apply fixes that change behaviour
                              (another dataset, another Python version).
  --no-unsafe-fixes           Do not (the default; the last of the two wins).
  --fix-only                  Apply fixes and report nothing about what is left.
  --diff                      Print the fixes as a unified diff instead of writing them.
  --show-fixes                List the fixes applied (or available) after the findings.

Output:
  --output-format, --format <${OUTPUT_FORMATS.join('|')}>
                              text (default; "concise" is the same), full (with the source
                              lines around each finding), grouped (by file), json (one array of
                              1-based findings; notebook findings carry the 0-based "cell" and
                              count lines within it), json-lines (one finding per line), sarif
                              (2.1.0, for code scanning), github (workflow annotations), gitlab
                              (code quality report), junit (XML), pylint (path:line: [rule]
                              message), rdjson (reviewdog), azure (Azure Pipelines logging
                              commands).
  -o, --output-file <path>    Write the output to a file instead of standard output.
  --statistics                Count findings per rule instead of listing them.
  --add-noqa                  Add "# pyai: ignore[rule]" to each finding's line in Python
                              files and notebooks (to adopt the checks on old code).
  --show-files                List the files that would be checked, and stop.
  --show-settings             Print the settings used for the first file, and stop.
  -q, --quiet                 Findings only: no summary lines.
  -s, --silent                No output; the exit status says whether there are findings.
  -v, --verbose               Say on stderr which configuration files apply and what the run does.
  -e, --exit-zero             Exit 0 even when there are findings.
  --exit-non-zero-on-fix      Exit 1 when fixes were applied, even if nothing remains.
  --level <hint|info|warning|error>
                              Only findings at this severity or above make the exit status 1
                              (all are still shown).
  --jobs <n>                  Threads to check files on (default: one less than the CPUs,
                              at most 4; one for small runs).
  -h, --help                  Show this help.
  -V, --version               Show the version.

Rules: ${RULE_IDS.join(', ')}
Suppress a finding with "# pyai: ignore[rule]" on its line, or "# pyai: ignore-file[rule]".

Files that cannot be checked (binary, over 10 MB or notebooks over 100 MB, a notebook that is not
JSON, TOML or YAML that does not parse) get one line on stderr; the run goes on. Python files are
decoded as Python does (a "# coding: gbk" declaration in the first two lines, a UTF-8 BOM); a file
not valid in its encoding is still checked, with its invalid bytes replaced and a note on stderr.
Fixes are written only to UTF-8 files.

Exit status: 0 no findings, 1 findings (or a file that could not be read or checked), 2 bad
options, a bad configuration file or an internal error.`;

function ruleList(values: string[], flag: string): RuleId[] {
  const out: RuleId[] = [];
  for (const v of values.flatMap((s) => s.split(','))) {
    const id = v.trim();
    if (id === '') continue;
    if (id === 'ALL') {
      out.push(...RULE_IDS);
      continue;
    }
    if (!isRuleId(id)) throw new Error(`${flag}: unknown rule '${id}' (rules: ${RULE_IDS.join(', ')})`);
    out.push(id);
  }
  return out;
}

function globList(values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  return values.flatMap((s) => s.split(',')).map((g) => g.trim()).filter((g) => g !== '');
}

/** Parses `argv` (without node and script); throws an Error with a usage message on bad input. */
export function parseCliArgs(argv: string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      'output-format': { type: 'string' },
      'output-file': { type: 'string', short: 'o' },
      select: { type: 'string', multiple: true },
      'extend-select': { type: 'string', multiple: true },
      ignore: { type: 'string', multiple: true },
      config: { type: 'string', multiple: true },
      isolated: { type: 'boolean' },
      exclude: { type: 'string', multiple: true },
      'extend-exclude': { type: 'string', multiple: true },
      'respect-gitignore': { type: 'boolean' },
      'no-respect-gitignore': { type: 'boolean' },
      'force-exclude': { type: 'boolean' },
      'stdin-filename': { type: 'string' },
      fix: { type: 'boolean' },
      'unsafe-fixes': { type: 'boolean' },
      'no-unsafe-fixes': { type: 'boolean' },
      'fix-only': { type: 'boolean' },
      'add-noqa': { type: 'boolean' },
      'show-files': { type: 'boolean' },
      'show-settings': { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      silent: { type: 'boolean', short: 's' },
      verbose: { type: 'boolean', short: 'v' },
      diff: { type: 'boolean' },
      'show-fixes': { type: 'boolean' },
      statistics: { type: 'boolean' },
      'exit-zero': { type: 'boolean', short: 'e' },
      'exit-non-zero-on-fix': { type: 'boolean' },
      level: { type: 'string' },
      threshold: { type: 'string' },
      'min-python': { type: 'string' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'V' },
    },
  });
  const format = values['output-format'] ?? values.format ?? 'text';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new Error(`--output-format: expected one of ${OUTPUT_FORMATS.join(', ')}, got '${format}'`);
  }
  const overrides: Overrides = {};
  if (values.select) {
    const selected = ruleList(values.select, '--select');
    if (selected.length === 0) throw new Error('--select: no rule ids given');
    overrides.select = selected;
  }
  if (values['extend-select']) overrides.extendSelect = ruleList(values['extend-select'], '--extend-select');
  if (values.ignore) overrides.ignore = ruleList(values.ignore, '--ignore');
  if (values.threshold !== undefined) {
    const n = Number(values.threshold);
    if (!Number.isInteger(n) || n < 2) throw new Error(`--threshold: expected a whole number of at least 2, got '${values.threshold}'`);
    overrides.frameworkThreshold = n;
  }
  if (values['min-python'] !== undefined) {
    if (!/^3\.\d{1,2}$/.test(values['min-python'])) throw new Error(`--min-python: expected a version like 3.11, got '${values['min-python']}'`);
    overrides.minPython = values['min-python'];
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new Error(`--jobs: expected a whole number from 1 to 64, got '${values.jobs}'`);
  }
  const level = values.level ?? 'hint';
  if (!(LEVELS as readonly string[]).includes(level)) throw new Error(`--level: expected one of ${LEVELS.join(', ')}, got '${level}'`);
  const config = configArguments(values.config ?? []);
  if (config.file !== undefined && values.isolated) throw new Error('--config <path> and --isolated cannot be used together');
  const logLevels = (['quiet', 'silent', 'verbose'] as const).filter((l) => values[l]);
  if (logLevels.length > 1) throw new Error(`--${logLevels[0]} and --${logLevels[1]} cannot be used together`);
  const actions = (['diff', 'fix-only', 'add-noqa', 'show-files', 'show-settings', 'statistics'] as const).filter((a) => values[a]);
  if (actions.length > 1 && !(actions.length === 2 && actions.includes('diff') && actions.includes('fix-only'))) {
    throw new Error(`--${actions[0]} and --${actions[1]} cannot be used together`);
  }
  if (values['respect-gitignore'] && values['no-respect-gitignore']) throw new Error('--respect-gitignore and --no-respect-gitignore cannot be used together');
  const paths = positionals.length > 0 ? positionals : ['.'];
  if (paths.filter((p) => p === '-').length > 1) throw new Error('standard input ("-") can be given once');
  if (values['stdin-filename'] !== undefined && !paths.includes('-')) {
    // As Ruff: --stdin-filename alone means "read standard input as this file".
    if (positionals.length === 0) paths.splice(0, paths.length, '-');
  }
  return {
    paths,
    format: format as OutputFormat,
    fix: (values.fix ?? false) || (values.diff ?? false) || (values['fix-only'] ?? false),
    // As Ruff: --unsafe-fixes and --no-unsafe-fixes override each other, the last one given wins.
    unsafeFixes: argv.lastIndexOf('--unsafe-fixes') > argv.lastIndexOf('--no-unsafe-fixes'),
    diff: values.diff ?? false,
    fixOnly: values['fix-only'] ?? false,
    addNoqa: values['add-noqa'] ?? false,
    showFiles: values['show-files'] ?? false,
    showSettings: values['show-settings'] ?? false,
    log: logLevels[0] ?? 'normal',
    showFixes: values['show-fixes'] ?? false,
    statistics: values.statistics ?? false,
    outputFile: values['output-file'],
    exitZero: values['exit-zero'] ?? false,
    exitNonZeroOnFix: values['exit-non-zero-on-fix'] ?? false,
    level: level as Severity,
    help: values.help ?? false,
    version: values.version ?? false,
    jobs,
    selection: {
      overrides,
      configFile: config.file,
      inline: config.inline,
      isolated: values.isolated ?? false,
      respectGitignore: values['no-respect-gitignore'] ? false : values['respect-gitignore'] ? true : undefined,
      exclude: globList(values.exclude),
      extendExclude: globList(values['extend-exclude']),
      forceExclude: values['force-exclude'] ?? false,
      stdinFilename: values['stdin-filename'],
    },
  };
}

/**
 * `--config` values as Ruff reads them: a path to a configuration file (at most one), or a TOML
 * `key = value` pair overriding one key of the configuration; later pairs win.
 */
function configArguments(values: readonly string[]): { file?: string; inline?: PyaiConfig } {
  let file: string | undefined;
  let inline: PyaiConfig | undefined;
  for (const value of values) {
    if (!value.includes('=') || fs.existsSync(value)) {
      if (file !== undefined) throw new Error(`--config: one configuration file can be given (got ${file} and ${value})`);
      file = value;
      continue;
    }
    const parsed = parseConfigText('--config', value);
    const problem = parsed.errors[0];
    if (problem) throw new Error(`--config: '${value}' is neither a file nor a valid "key = value" override: ${problem.message}`);
    inline = { ...inline, ...parsed.config };
  }
  return { file, inline };
}
