// `pyai-lint [paths…]`: the pitfall checks for CI and the terminal, on the same core as the editor.
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { version } from '../package.json';
import { checkProject } from './core/analysis/project';
import { warmUpForManyFiles } from './core/analysis/python';
import type { Severity } from './core/analysis/types';
import { parseCliArgs, USAGE, type CliOptions } from './cli/args';
import type { AppliedFix, FixPolicy } from './cli/check';
import { addNoqa } from './cli/addNoqa';
import { toAzure, toGithub, toGitlab, toJunit, toRdjson, toSarif } from './cli/ciFormats';
import { collectTargets, displayPath, readText, type Targets } from './cli/files';
import { showSettings } from './cli/settings';
import { toFull, toGrouped, toPylint, type SourceLookup } from './cli/textFormats';
import { parseNotebook } from './core/analysis/notebook';
import { checkFiles, isPoolWorker, serveChunks, threadCount } from './cli/pool';
import { unifiedDiff } from './cli/diff';
import { runRule } from './cli/rule';
import { findingLines, fixesLines, plural, statistics, statisticsText, summaryLines, toJson, toJsonLines, toText, type FileError, type ReportedFinding, type RunReport } from './cli/report';

function compareFindings(a: ReportedFinding, b: ReportedFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.cell ?? -1) - (b.cell ?? -1) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** The texts findings refer to, read again when a format shows source (`full`) or counts bytes (`rdjson`). */
function sourceLookup(targets: Targets): { source: SourceLookup; lineText: (file: string, line: number) => string | undefined } {
  const given = new Map(targets.files.filter((t) => t.text !== undefined).map((t) => [t.file, t.text!]));
  const texts = new Map<string, string | undefined>();
  const raw = (file: string) => {
    if (!texts.has(file)) {
      const read = given.has(file) ? { text: given.get(file)! } : readText(file);
      texts.set(file, 'error' in read ? undefined : read.text);
    }
    return texts.get(file);
  };
  const lines = new Map<string, string[] | undefined>();
  return {
    source: (file, cell) => {
      const text = raw(file);
      if (cell === undefined || text === undefined) return text;
      const parsed = parseNotebook(text);
      return 'error' in parsed ? undefined : parsed.cells[cell]?.source;
    },
    lineText: (file, line) => {
      if (!lines.has(file)) lines.set(file, raw(file)?.split(/\r?\n/));
      return lines.get(file)?.[line];
    },
  };
}

const TEXT_FORMATS = new Set(['text', 'concise', 'full', 'grouped']);

/** The report in the chosen format (`quiet`: the findings without the summary lines). */
function render(report: RunReport, options: CliOptions, targets: Targets): string {
  const quiet = options.log === 'quiet';
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
    case 'pylint':
      return toPylint(report);
    case 'rdjson':
      return JSON.stringify(toRdjson(report, sourceLookup(targets).lineText), null, 2) + '\n';
    case 'azure':
      return toAzure(report);
    case 'full':
      text = toFull(report, sourceLookup(targets).source, !quiet);
      break;
    case 'grouped':
      text = toGrouped(report, !quiet);
      break;
    default:
      text = quiet ? findingLines(report.findings, report.policy).map((l) => l + '\n').join('') : toText(report);
  }
  return options.showFixes ? text + fixesLines(report).join('\n') + '\n' : text;
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

  // -s: nothing on either stream; the exit status (and --output-file) carry the result.
  if (options.log === 'silent') {
    out = () => undefined;
    err = () => undefined;
  }
  const verbose = options.log === 'verbose' ? (s: string) => err(`pyai-lint: ${s}\n`) : () => undefined;
  const started = performance.now();
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
  if (options.showFiles) {
    out([...new Set(targets.files.map((t) => (t.text !== undefined ? t.file : displayPath(t.file))))].sort().map((f) => f + '\n').join(''));
    return 0;
  }
  if (options.showSettings) {
    const first = targets.files[0];
    if (!first) {
      err('pyai-lint: --show-settings: no file to check under the given paths\n');
      return 2;
    }
    out(showSettings(first, options.selection));
    return 0;
  }
  const fileErrors: FileError[] = targets.errors.map((e) => ({ file: e.path, message: e.message }));
  for (const e of targets.errors) err(`pyai-lint: ${e.path}: ${e.message}\n`);
  if (options.addNoqa) {
    let added = 0;
    for (const target of targets.files) {
      const result = addNoqa(target);
      added += result.added;
      if (result.skipped) err(`pyai-lint: ${displayPath(target.file)}: ${result.skipped}\n`);
      if (result.added > 0) verbose(`${displayPath(target.file)}: ${plural(result.added, 'suppression comment')} added`);
    }
    if (options.log !== 'quiet') err(`Added ${plural(added, 'suppression comment')}.\n`);
    return fileErrors.length > 0 ? 1 : 0;
  }
  verbose(`${plural(targets.files.length, 'file')} to check${targets.folders.length ? `, ${plural(targets.folders.length, 'folder')} as projects` : ''}`);
  for (const config of targets.configFiles) verbose(`configuration: ${displayPath(config)}`);
  if (options.selection.inline) verbose(`--config overrides: ${Object.keys(options.selection.inline).join(', ')}`);

  const findings: ReportedFinding[] = [];
  const applied = new Map<string, AppliedFix[]>();
  const diffs: string[] = [];
  let stdinFixed: string | undefined;
  const threads = threadCount(targets.files.length, options.jobs);
  verbose(`checking on ${plural(threads, 'thread')}`);
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
  verbose(`checked in ${(performance.now() - started).toFixed(0)} ms`);
  const report: RunReport = { findings, fileErrors, applied, policy };

  if (options.diff) {
    // As Ruff's --diff: the diffs on standard output, what they would fix on standard error.
    out(diffs.join(''));
    const count = [...applied.values()].reduce((n, list) => n + list.length, 0);
    if (options.log !== 'quiet') err(count > 0 ? `Would fix ${plural(count, 'problem')}.\n` : 'No fixes available.\n');
    if (options.showFixes) err(fixesLines(report).join('\n') + '\n');
    if (options.exitZero) return 0;
    return count > 0 || fileErrors.length > 0 ? 1 : 0;
  }

  if (options.fixOnly) {
    // As Ruff's --fix-only: what was fixed, nothing about what is left.
    const fixed = [...applied.values()].reduce((n, list) => n + list.length, 0);
    const onlyFixes: RunReport = { ...report, findings: [] };
    let text = TEXT_FORMATS.has(options.format) && !options.statistics ? (fixed > 0 && options.log !== 'quiet' ? `Fixed ${plural(fixed, 'problem')}.\n` : '') : render(onlyFixes, options, targets);
    if (options.showFixes && TEXT_FORMATS.has(options.format)) text += fixesLines(report).join('\n') + '\n';
    if (stdinFixed !== undefined) {
      err(text);
      text = stdinFixed;
    }
    if (!writeOutput(text, options, out, err)) return 2;
    if (options.exitZero) return 0;
    return (fixed > 0 && options.exitNonZeroOnFix) || fileErrors.length > 0 ? 1 : 0;
  }

  let output = render(report, options, targets);
  if (stdinFixed !== undefined) {
    // `--fix -`: the fixed source is the output (what editors and pre-commit wrappers read); the report goes to stderr.
    err(TEXT_FORMATS.has(options.format) ? (options.log === 'quiet' ? '' : summaryLines(report).join('\n') + '\n') : output);
    output = stdinFixed;
  }
  if (!writeOutput(output, options, out, err)) return 2;

  if (options.exitZero) return 0;
  const failing = findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[options.level]);
  const fixed = applied.size > 0 && options.exitNonZeroOnFix;
  return failing || fixed || fileErrors.length > 0 ? 1 : 0;
}

/** The output to --output-file or standard output; false when the file cannot be written. */
function writeOutput(output: string, options: CliOptions, out: (s: string) => void, err: (s: string) => void): boolean {
  if (options.outputFile === undefined) {
    out(output);
    return true;
  }
  try {
    fs.writeFileSync(options.outputFile, output);
    return true;
  } catch (e) {
    err(`pyai-lint: cannot write ${options.outputFile}: ${e instanceof Error ? e.message : String(e)}\n`);
    return false;
  }
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
