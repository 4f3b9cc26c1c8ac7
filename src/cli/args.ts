// Command-line arguments of `pyai-lint`, validated into options the checker understands.
import { parseArgs } from 'node:util';
import { isRuleId } from '../core/analysis/catalogue';
import { RULE_IDS, type AnalysisOptions, type RuleId, type SeveritySetting } from '../core/analysis/types';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  unsafeFixes: boolean;
  help: boolean;
  version: boolean;
  /** Threads to check files on; undefined: automatic (up to 4, fewer for small runs). */
  jobs?: number;
  analysis: AnalysisOptions;
}

export const USAGE = `Usage: pyai-lint [options] [paths...]
       pyai-lint rule <rule-id> | --all   Print a rule's documentation (deprecated-api: with its catalogue)

Checks Python files, Jupyter notebooks and project manifests (requirements*.txt, pyproject.toml,
setup.cfg, setup.py, Pipfile, environment.yml, .python-version, runtime.txt) for common machine
learning pitfalls. Folders are searched recursively (skipping .git and other dot-folders,
virtualenvs and conda environments, node_modules and site-packages) and are also checked as
projects (git repository, frameworks declared across manifests). Without paths, checks the
current folder.

Options:
  --format <text|json|sarif>  Output format (default: text). JSON is one array of findings with
                              1-based lines and columns; notebook findings carry the 0-based
                              index of the cell ("cell") and count lines within that cell.
                              Text output numbers notebook cells from 1, as Ruff does.
  --select <rules>            Only these rules (comma-separated ids).
  --ignore <rules>            Not these rules (comma-separated ids).
  --fix                       Apply safe fixes in place.
  --unsafe-fixes              With --fix, also apply fixes that change behaviour
                              (another dataset, another Python version).
  --threshold <n>             Deep-learning frameworks allowed before too-many-frameworks
                              reports (default 2, the minimum).
  --min-python <3.x>          Oldest Python a project should allow (default 3.11).
  --jobs <n>                  Threads to check files on (default: one less than the CPUs,
                              at most 4; one for small runs).
  -h, --help                  Show this help.
  -V, --version               Show the version.

Rules: ${RULE_IDS.join(', ')}
Suppress a finding with "# pyai: ignore[rule]" on its line, or "# pyai: ignore-file[rule]".

Files that cannot be checked (binary, not UTF-8, over 10 MB or notebooks over 100 MB, a notebook
that is not JSON, TOML or YAML that does not parse) get one line on stderr; the run goes on.

Exit status: 0 no findings, 1 findings, 2 usage error or a file that could not be read or parsed.`;

function ruleList(values: string[], flag: string): RuleId[] {
  const out: RuleId[] = [];
  for (const v of values.flatMap((s) => s.split(','))) {
    const id = v.trim();
    if (id === '') continue;
    if (!isRuleId(id)) throw new Error(`${flag}: unknown rule '${id}' (rules: ${RULE_IDS.join(', ')})`);
    out.push(id);
  }
  return out;
}

/** Parses `argv` (without node and script); throws an Error with a usage message on bad input. */
export function parseCliArgs(argv: string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      select: { type: 'string', multiple: true },
      ignore: { type: 'string', multiple: true },
      fix: { type: 'boolean' },
      'unsafe-fixes': { type: 'boolean' },
      threshold: { type: 'string' },
      'min-python': { type: 'string' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'V' },
    },
  });
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new Error(`--format: expected text, json or sarif, got '${format}'`);
  }
  const severities: Partial<Record<RuleId, SeveritySetting>> = {};
  if (values.select) {
    const selected = new Set(ruleList(values.select, '--select'));
    if (selected.size === 0) throw new Error('--select: no rule ids given');
    for (const id of RULE_IDS) if (!selected.has(id)) severities[id] = 'off';
  }
  for (const id of ruleList(values.ignore ?? [], '--ignore')) severities[id] = 'off';
  const analysis: AnalysisOptions = { severities };
  if (values.threshold !== undefined) {
    const n = Number(values.threshold);
    if (!Number.isInteger(n) || n < 2) throw new Error(`--threshold: expected a whole number of at least 2, got '${values.threshold}'`);
    analysis.frameworkThreshold = n;
  }
  if (values['min-python'] !== undefined) {
    if (!/^3\.\d{1,2}$/.test(values['min-python'])) throw new Error(`--min-python: expected a version like 3.11, got '${values['min-python']}'`);
    analysis.minimumPython = values['min-python'];
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new Error(`--jobs: expected a whole number from 1 to 64, got '${values.jobs}'`);
  }
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format,
    fix: values.fix ?? false,
    unsafeFixes: values['unsafe-fixes'] ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    jobs,
    analysis,
  };
}
