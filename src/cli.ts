// `pyai-lint [paths…]`: the pitfall checks for CI and the terminal, on the same core as the editor.
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { version } from '../package.json';
import { checkProject } from './core/analysis/project';
import { warmUpForManyFiles } from './core/analysis/python';
import type { Severity } from './core/analysis/types';
import { parseCliArgs, USAGE, type CliOptions } from './cli/args';
import type { AppliedFix, FixPolicy } from './cli/check';
import { toGithub, toGitlab, toJunit, toSarif } from './cli/ciFormats';
import { collectTargets, displayPath } from './cli/files';
import { checkFiles, isPoolWorker, serveChunks, threadCount } from './cli/pool';
import { unifiedDiff } from './cli/diff';
import { runRule } from './cli/rule';
import { fixesLines, statistics, statisticsText, summaryLines, toJson, toJsonLines, toText, type FileError, type ReportedFinding, type RunReport } from './cli/report';

function compareFindings(a: ReportedFinding, b: ReportedFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.cell ?? -1) - (b.cell ?? -1) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** The report in the chosen format. */
function render(report: RunReport, options: CliOptions): string {
  if (options.statistics) {
    return options.format === 'json' || options.format === 'json-lines' ? JSON.stringify(statistics(report), null, 2) + '\n' : statisticsText(report);
  }
  let text: string;
  switch (options.format) {
    case 'json':
      return JSON.stringify(toJson(report.findings), null, 2) + '\n';
    case 'json-lines':
      return toJsonLines(report.findings);
    case 'sarif':
      return JSON.stringify(toSarif(report, version, pathToFileURL(process.cwd() + '/').href), null, 2) + '\n';
    case 'github':
      return toGithub(report);
    case 'gitlab':
      return JSON.stringify(toGitlab(report), null, 2) + '\n';
    case 'junit':
      return toJunit(report);
    default:
      text = toText(report);
      return options.showFixes ? text + fixesLines(report).join('\n') + '\n' : text;
  }
}

/** Runs the checker; resolves to the exit status (0 clean, 1 findings or unreadable files, 2 bad options or configuration). */
export async function run(argv: string[], out: (s: string) => void, err: (s: string) => void, readStdin: () => string = () => fs.readFileSync(0, 'utf8')): Promise<number> {
  if (argv[0] === 'rule') return runRule(argv.slice(1), out, err);
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (e) {
    err(`pyai-lint: ${e instanceof Error ? e.message : String(e)}\nRun 'pyai-lint --help' for usage.\n`);
    return 2;
  }
  if (options.help) {
    out(USAGE + '\n');
    return 0;
  }
  if (options.version) {
    out(`pyai-lint ${version}\n`);
    return 0;
  }

  const policy: FixPolicy = { apply: options.fix, unsafe: options.unsafeFixes, write: !options.diff };
  warmUpForManyFiles();
  const targets = collectTargets(options.paths, options.selection, readStdin);
  // A configuration that does not say what its author meant stops the run, as in Ruff.
  if (targets.configErrors.length > 0) {
    for (const config of targets.configErrors) {
      for (const e of config.errors) err(`pyai-lint: ${displayPath(config.file)}:${e.line}:${e.column}: ${e.message}\n`);
    }
    return 2;
  }
  const fileErrors: FileError[] = targets.errors.map((e) => ({ file: e.path, message: e.message }));
  for (const e of targets.errors) err(`pyai-lint: ${e.path}: ${e.message}\n`);

  const findings: ReportedFinding[] = [];
  const applied = new Map<string, AppliedFix[]>();
  const diffs: string[] = [];
  let stdinFixed: string | undefined;
  const threads = threadCount(targets.files.length, options.jobs);
  const results = await checkFiles(targets.files, policy, threads, __filename);
  for (let i = 0; i < targets.files.length; i++) {
    const target = targets.files[i];
    const shown = target.text !== undefined ? target.file : displayPath(target.file);
    const result = results[i];
    if (result.error) {
      fileErrors.push({ file: shown, ...result.error });
      const at = result.error.line !== undefined ? `:${result.error.line}:${result.error.column ?? 1}` : '';
      err(`pyai-lint: ${shown}${at}: ${result.error.message}\n`);
    }
    if (result.note) err(`pyai-lint: ${shown}: ${result.note}\n`);
    if (result.applied?.length) applied.set(shown, result.applied);
    if (result.changed && options.diff) diffs.push(unifiedDiff(shown, result.changed.before, result.changed.after));
    if (target.text !== undefined && options.fix && !options.diff) stdinFixed = result.changed?.after ?? target.text;
    for (const f of result.findings) findings.push({ ...f, file: shown });
  }

  const seen = new Set<string>();
  for (const project of targets.folders) {
    for (const f of checkProject(project.folder, project.options)) {
      const shown = displayPath(f.file);
      const key = `${shown}\0${f.rule}\0${f.range.start.line}:${f.range.start.character}`;
      if (seen.has(key)) continue; // overlapping folder arguments find the same project
      seen.add(key);
      const { file: _file, command: _command, ...finding } = f;
      findings.push({ ...finding, file: shown });
    }
  }
  findings.sort(compareFindings);
  const report: RunReport = { findings, fileErrors, applied, policy };

  if (options.diff) {
    // As Ruff's --diff: the diffs on standard output, what they would fix on standard error.
    out(diffs.join(''));
    const count = [...applied.values()].reduce((n, list) => n + list.length, 0);
    err(count > 0 ? `Would fix ${count} problem${count === 1 ? '' : 's'}.\n` : 'No fixes available.\n');
    if (options.showFixes) err(fixesLines(report).join('\n') + '\n');
    if (options.exitZero) return 0;
    return count > 0 || fileErrors.length > 0 ? 1 : 0;
  }

  let output = render(report, options);
  if (stdinFixed !== undefined) {
    // `--fix -`: the fixed source is the output (what editors and pre-commit wrappers read); the report goes to stderr.
    err(options.format === 'text' || options.format === 'concise' ? summaryLines(report).join('\n') + '\n' : output);
    output = stdinFixed;
  }
  if (options.outputFile !== undefined) {
    try {
      fs.writeFileSync(options.outputFile, output);
    } catch (e) {
      err(`pyai-lint: cannot write ${options.outputFile}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
  } else out(output);

  if (options.exitZero) return 0;
  const failing = findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[options.level]);
  const fixed = applied.size > 0 && options.exitNonZeroOnFix;
  return failing || fixed || fileErrors.length > 0 ? 1 : 0;
}

if (isPoolWorker()) {
  serveChunks();
} else if (require.main === module) {
  // `pyai-lint … | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  run(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  ).then(
    (status) => (process.exitCode = status),
    (e: unknown) => {
      process.stderr.write(`pyai-lint: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
