// `pyai-lint [paths…]`: the pitfall checks for CI and the terminal, on the same core as the editor.
import { pathToFileURL } from 'node:url';
import { version } from '../package.json';
import { checkProject } from './core/analysis/project';
import { warmUpForManyFiles } from './core/analysis/python';
import { parseCliArgs, USAGE, type CliOptions } from './cli/args';
import type { FixPolicy } from './cli/check';
import { collectTargets, displayPath } from './cli/files';
import { checkFiles, isPoolWorker, serveChunks, threadCount } from './cli/pool';
import { runRule } from './cli/rule';
import { toJson, toSarif, toText, type ReportedFinding } from './cli/report';

function compareFindings(a: ReportedFinding, b: ReportedFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.cell ?? -1) - (b.cell ?? -1) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** Runs the checker; resolves to the exit status (0 clean, 1 findings, 2 usage or I/O error). */
export async function run(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
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

  const policy: FixPolicy = { apply: options.fix, unsafe: options.unsafeFixes };
  warmUpForManyFiles();
  const targets = collectTargets(options.paths);
  let failed = targets.errors.length > 0;
  for (const e of targets.errors) err(`pyai-lint: ${e.path}: ${e.message}\n`);

  const findings: ReportedFinding[] = [];
  let fixed = 0;
  const threads = threadCount(targets.files.length, options.jobs);
  const results = await checkFiles(targets.files, options.analysis, policy, threads, __filename);
  for (let i = 0; i < targets.files.length; i++) {
    const shown = displayPath(targets.files[i].file);
    const result = results[i];
    if (result.error) {
      failed = true;
      const at = result.error.line !== undefined ? `:${result.error.line}:${result.error.column ?? 1}` : '';
      err(`pyai-lint: ${shown}${at}: ${result.error.message}\n`);
    }
    fixed += result.fixesApplied;
    for (const f of result.findings) findings.push({ ...f, file: shown });
  }

  const seen = new Set<string>();
  for (const folder of targets.folders) {
    for (const f of checkProject(folder, options.analysis)) {
      const shown = displayPath(f.file);
      const key = `${shown}\0${f.rule}\0${f.range.start.line}:${f.range.start.character}`;
      if (seen.has(key)) continue; // overlapping folder arguments find the same project
      seen.add(key);
      const { file: _file, command: _command, ...finding } = f;
      findings.push({ ...finding, file: shown });
    }
  }
  findings.sort(compareFindings);

  if (options.format === 'json') out(JSON.stringify(toJson(findings), null, 2) + '\n');
  else if (options.format === 'sarif') out(JSON.stringify(toSarif(findings, version, pathToFileURL(process.cwd() + '/').href), null, 2) + '\n');
  else out(toText(findings, { fixed, policy }));

  if (failed) return 2;
  return findings.length > 0 ? 1 : 0;
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
