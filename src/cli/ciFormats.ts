// Output formats for CI services: SARIF 2.1.0 (GitHub code scanning and other viewers), GitHub
// workflow annotations, GitLab code quality, JUnit XML, reviewdog's rdjson, Azure Pipelines logging commands. Notebook findings point at the lines of the
// .ipynb file itself (the cell and its own line are kept in the message or properties).
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { allRules, ruleMeta } from '../core/analysis/catalogue';
import { eligibleFix } from './check';
import type { Position, Range, Severity } from '../core/analysis/types';
import { oneBased, type ReportedFinding, type RunReport } from './report';

/** Where a finding is in its file: for a notebook, on the .ipynb JSON's lines. */
function fileRange(f: ReportedFinding): Range {
  return f.fileRange ?? f.range;
}

/** The message with the cell named, for formats that show only file lines. */
export function messageWithCell(f: ReportedFinding): string {
  return f.cell !== undefined ? `Cell ${f.cell + 1}, line ${f.range.start.line + 1}: ${f.message}` : f.message;
}

function artifact(file: string): Sarif.ArtifactLocation {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: encodeURI(file.split(path.sep).join('/')), uriBaseId: '%SRCROOT%' };
}

const SARIF_LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 with every rule's metadata; file URIs are relative to `%SRCROOT%` (the working folder). */
export function toSarif(report: RunReport, version: string, cwdUri: string): Sarif.Log {
  const rules = allRules();
  const index = new Map(rules.map((r, i) => [r.id as string, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pyai-lint',
            version,
            informationUri: 'https://github.com/python-for-ai/python-for-ai-vscode',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.title,
              shortDescription: { text: r.title },
              fullDescription: { text: r.summary },
              helpUri: r.url,
              help: { text: `${r.summary} See ${r.url}` },
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            // Files that could not be read or checked: the run went on, and says so here.
            toolExecutionNotifications: report.fileErrors.map((e) => ({
              level: 'error',
              message: { text: e.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: artifact(e.file),
                    ...(e.line !== undefined ? { region: { startLine: e.line, startColumn: e.column ?? 1 } } : {}),
                  },
                },
              ],
            })),
          },
        ],
        originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri } },
        results: report.findings.map((f) => {
          const region = oneBased(fileRange(f));
          return {
            ruleId: f.rule,
            ruleIndex: index.get(f.rule),
            level: SARIF_LEVEL[f.severity],
            message: { text: messageWithCell(f) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifact(f.file),
                  region: { startLine: region.line, startColumn: region.column, endLine: region.endLine, endColumn: region.endColumn },
                },
              },
            ],
            // Notebooks: the region is on the .ipynb file's lines; the cell and the position within it are kept here.
            ...(f.cell !== undefined ? { properties: { cell: f.cell, cellLine: f.range.start.line + 1, cellColumn: f.range.start.character + 1 } } : {}),
          };
        }),
      },
    ],
  };
}

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Workflow commands escape `%`, CR and LF in data, and also `:` and `,` in properties. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::warning file=…,line=…::…` lines: annotations on the pull request, free on every repository. */
export function toGithub(report: RunReport): string {
  const lines = report.findings.map((f) => {
    const r = oneBased(fileRange(f));
    const file = f.file.split(path.sep).join('/');
    const props = [`title=${escapeProperty(`pyai-lint (${f.rule})`)}`, `file=${escapeProperty(file)}`, `line=${r.line}`, `col=${r.column}`, `endLine=${r.endLine}`, `endColumn=${r.endColumn}`];
    return `::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${escapeData(`${file}:${r.line}:${r.column}: ${f.rule} ${messageWithCell(f)}`)}`;
  });
  for (const e of report.fileErrors) {
    const props = [`title=${escapeProperty('pyai-lint')}`, `file=${escapeProperty(e.file.split(path.sep).join('/'))}`, ...(e.line !== undefined ? [`line=${e.line}`] : [])];
    lines.push(`::error ${props.join(',')}::${escapeData(`${e.file}: ${e.message}`)}`);
  }
  return lines.map((l) => l + '\n').join('');
}

const GITLAB_SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end: number } };
}

/** GitLab code quality report (`artifacts: reports: codequality`): a JSON array with stable fingerprints. */
export function toGitlab(report: RunReport): GitlabIssue[] {
  const seen = new Map<string, number>();
  return report.findings.map((f) => {
    const r = oneBased(fileRange(f));
    const file = f.file.split(path.sep).join('/');
    // Stable across runs while the finding stays: path, rule and message (not the line), numbered when repeated.
    const key = `${file}\0${f.rule}\0${f.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return {
      description: `${f.rule}: ${messageWithCell(f)}`,
      check_name: f.rule,
      fingerprint: createHash('md5').update(`${key}\0${n}`).digest('hex'),
      severity: GITLAB_SEVERITY[f.severity],
      location: { path: file, lines: { begin: r.line, end: r.endLine } },
    };
  });
}

/** XML text and attribute values: escaped, and without the control characters XML 1.0 forbids. */
function xml(s: string): string {
  let clean = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) clean += ch;
  }
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JUnit XML as Ruff writes it: one test suite per file, one failing test case per finding. */
export function toJunit(report: RunReport): string {
  const byFile = new Map<string, ReportedFinding[]>();
  for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const total = report.findings.length + report.fileErrors.length;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="pyai-lint" tests="${Math.max(total, 1)}" failures="${report.findings.length}" errors="${report.fileErrors.length}">`];
  if (total === 0) {
    out.push('  <testsuite name="pyai-lint" tests="1" disabled="0" errors="0" failures="0" package="pyai-lint">', '    <testcase name="No problems found"/>', '  </testsuite>');
  }
  for (const [file, findings] of byFile) {
    out.push(`  <testsuite name="${xml(file)}" tests="${findings.length}" disabled="0" errors="0" failures="${findings.length}" package="pyai-lint">`);
    for (const f of findings) {
      const where = `${f.cell !== undefined ? `cell ${f.cell + 1}, ` : ''}line ${f.range.start.line + 1}, col ${f.range.start.character + 1}`;
      out.push(
        `    <testcase name="pyai-lint.${xml(f.rule)}" classname="${xml(file.replace(/\.[^./\\]+$/, ''))}" line="${fileRange(f).start.line + 1}" column="${fileRange(f).start.character + 1}">`,
        `      <failure message="${xml(f.message)}">${xml(`${where}, ${f.message}`)}</failure>`,
        '    </testcase>',
      );
    }
    out.push('  </testsuite>');
  }
  if (report.fileErrors.length > 0) {
    out.push(`  <testsuite name="files that could not be checked" tests="${report.fileErrors.length}" disabled="0" errors="${report.fileErrors.length}" failures="0" package="pyai-lint">`);
    for (const e of report.fileErrors) out.push(`    <testcase name="${xml(e.file)}"><error message="${xml(e.message)}"/></testcase>`);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

/** reviewdog's Diagnostic Format (rdjson): positions are 1-based, columns count UTF-8 bytes, ends are exclusive. */
interface RdPosition {
  line: number;
  column: number;
}
interface RdRange {
  start: RdPosition;
  end: RdPosition;
}
interface RdDiagnostic {
  message: string;
  location: { path: string; range: RdRange };
  severity: 'ERROR' | 'WARNING' | 'INFO';
  code: { value: string; url: string };
  suggestions?: { range: RdRange; text: string }[];
}
export interface RdJson {
  source: { name: string; url: string };
  diagnostics: RdDiagnostic[];
}

const RD_SEVERITY: Record<Severity, RdDiagnostic['severity']> = { error: 'ERROR', warning: 'WARNING', info: 'INFO', hint: 'INFO' };

/**
 * rdjson for `reviewdog -f=rdjson`: one diagnostic per finding with its rule page, and the fix the
 * run would apply as a suggestion (plain files only: a notebook's edits are on its cells, not its JSON lines).
 * `lineText(file, line)`: the text of a 0-based line of the file, to count columns in UTF-8 bytes.
 */
export function toRdjson(report: RunReport, lineText: (file: string, line: number) => string | undefined): RdJson {
  const position = (file: string, p: Position): RdPosition => {
    const text = lineText(file, p.line);
    const column = text === undefined ? p.character + 1 : Buffer.byteLength(text.slice(0, p.character), 'utf8') + 1;
    return { line: p.line + 1, column };
  };
  const range = (file: string, r: Range): RdRange => ({ start: position(file, r.start), end: position(file, r.end) });
  return {
    source: { name: 'pyai-lint', url: 'https://github.com/python-for-ai/python-for-ai-vscode' },
    diagnostics: report.findings.map((f) => {
      const file = f.file.split(path.sep).join('/');
      const fix = f.cell === undefined ? eligibleFix(f, { apply: true, unsafe: report.policy.unsafe }) : undefined;
      return {
        message: messageWithCell(f),
        location: { path: file, range: range(f.file, fileRange(f)) },
        severity: RD_SEVERITY[f.severity],
        code: { value: f.rule, url: ruleMeta(f.rule).url },
        ...(fix ? { suggestions: fix.edits.map((e) => ({ range: range(f.file, e.range), text: e.newText })) } : {}),
      };
    }),
  };
}

/** What Azure Pipelines decodes in a logging command's message (`%` first, as `%AZP25`)... */
const escapeAzureData = (s: string) => s.replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** ...and in its property values, also `;` and `]`. */
const escapeAzureProperty = (s: string) => escapeAzureData(s).replace(/;/g, '%3B').replace(/\]/g, '%5D');

/**
 * Azure Pipelines logging commands (`##vso[task.logissue …]message`): each finding an error or
 * warning in the run's summary, on its file and line. Azure has no lower level, so info and hint are warnings.
 */
export function toAzure(report: RunReport): string {
  const lines = report.findings.map((f) => {
    const r = oneBased(fileRange(f));
    const props = [`type=${f.severity === 'error' ? 'error' : 'warning'}`, `sourcepath=${escapeAzureProperty(path.resolve(f.file))}`, `linenumber=${r.line}`, `columnnumber=${r.column}`, `code=${escapeAzureProperty(f.rule)}`];
    return `##vso[task.logissue ${props.join(';')};]${escapeAzureData(`${f.rule}: ${messageWithCell(f)}`)}`;
  });
  for (const e of report.fileErrors) {
    const props = ['type=error', `sourcepath=${escapeAzureProperty(path.resolve(e.file))}`, ...(e.line !== undefined ? [`linenumber=${e.line}`] : [])];
    lines.push(`##vso[task.logissue ${props.join(';')};]${escapeAzureData(`${e.file}: ${e.message}`)}`);
  }
  return lines.map((l) => l + '\n').join('');
}
