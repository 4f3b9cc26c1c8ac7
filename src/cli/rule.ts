// `pyai-lint rule <id>` / `rule --all` / `rule`: a rule's documentation page in the terminal, for
// teachers and learners; for deprecated-api the catalogue comes from the data itself, as a table.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, isRuleId } from '../core/analysis/catalogue';
import { displayVersion, type DeprecatedApi } from '../core/analysis/rules/deprecatedCatalogue';
import { deprecatedApis } from '../core/analysis/rules/deprecatedApi';
import { RULE_IDS, type RuleId } from '../core/analysis/types';

export const RULE_USAGE = `Usage: pyai-lint rule <rule-id>   Print a rule's documentation page
       pyai-lint rule --all       Print every rule's page
       pyai-lint rule             List the rules

For deprecated-api the page ends with the whole catalogue, read from the data the checker uses.
Rules: ${RULE_IDS.join(', ')}`;

/** The folder holding the rule pages: `media/rules` next to the bundle's folder (`dist/`). */
function pagesFolder(): string {
  return path.join(__dirname, '..', 'media', 'rules');
}

/** Runs the `rule` subcommand; resolves to the exit status (0, or 2 for a usage error). */
export function runRule(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  if (args.includes('-h') || args.includes('--help')) {
    out(RULE_USAGE + '\n');
    return 0;
  }
  const all = args.includes('--all');
  const ids = args.filter((a) => a !== '--all');
  const unknown = ids.find((a) => !isRuleId(a));
  if (unknown !== undefined) {
    err(`pyai-lint rule: unknown rule '${unknown}' (rules: ${RULE_IDS.join(', ')})\n`);
    return 2;
  }
  if (!all && ids.length === 0) {
    out(ruleList());
    return 0;
  }
  const chosen = all ? [...RULE_IDS] : (ids as RuleId[]);
  const pages: string[] = [];
  for (const id of chosen) {
    const file = path.join(pagesFolder(), `${id}.md`);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      err(`pyai-lint rule: cannot read the page of ${id} (${file}): ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
    pages.push(id === 'deprecated-api' ? withCatalogue(text) : text);
  }
  out(pages.map((p) => p.trimEnd() + '\n').join('\n---\n\n'));
  return 0;
}

function ruleList(): string {
  const rules = allRules();
  const width = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map((r) => `${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(7)}  ${r.summary}`);
  return `${lines.join('\n')}\n\nRun 'pyai-lint rule <rule-id>' for a rule's page.\n`;
}

/** The page with its `## The catalogue` section replaced by the table made from the catalogue data. */
function withCatalogue(page: string): string {
  const table = catalogueTable(deprecatedApis());
  const start = page.indexOf('\n## The catalogue\n');
  if (start < 0) return `${page.trimEnd()}\n\n${table}`;
  const next = page.indexOf('\n## ', start + 1);
  return `${page.slice(0, start + 1)}${table}${next < 0 ? '' : page.slice(next)}`;
}

const LIBRARIES: Record<string, string> = { numpy: 'NumPy', pandas: 'pandas', sklearn: 'scikit-learn', tensorflow: 'TensorFlow', keras: 'Keras', torch: 'PyTorch', torchvision: 'torchvision' };

/** An entry as the table names it: the full dotted path, a method on its class, a keyword on its callable. */
function apiCell(e: DeprecatedApi): string {
  if (e.kind === 'method') return `\`${e.api.split('.').pop()}.${e.name}()\``;
  if (e.kind === 'kwarg') return `\`${e.api}(${e.name}=…)\``;
  return `\`${e.api}\`${e.kind === 'module' ? ' (module)' : ''}`;
}

function fixCell(e: DeprecatedApi): string {
  if (typeof e.fix !== 'object') return '—';
  return e.safe ? 'safe' : 'may change behaviour';
}

/** The catalogue as markdown tables grouped by library, sources numbered below each table. */
export function catalogueTable(entries: readonly DeprecatedApi[]): string {
  const groups = new Map<string, DeprecatedApi[]>();
  for (const e of entries) {
    const top = e.api.split('.', 1)[0];
    const list = groups.get(top);
    if (list) list.push(e);
    else groups.set(top, [e]);
  }
  const out: string[] = [`## The catalogue\n\n${entries.length} entries, read from the data the checker uses. "Fix" says whether a quick fix exists and whether it keeps behaviour.\n`];
  for (const [top, list] of groups) {
    const sources: string[] = [];
    const rows = list.map((e) => {
      let n = sources.indexOf(e.source);
      if (n < 0) n = sources.push(e.source) - 1;
      const version = (v: string | undefined) => (v ? displayVersion(v).replace(/^\S+\s/, '') : '—');
      return [apiCell(e), version(e.deprecatedIn), version(e.removedIn), e.replacement, fixCell(e), `[${n + 1}]`].map((cell) => cell.replace(/\|/g, '\\|'));
    });
    out.push(`### ${LIBRARIES[top] ?? top}\n`, alignedTable(['API', 'deprecated in', 'removed in', 'use instead', 'fix', 'source'], rows), '');
    out.push(...sources.map((s, i) => `[${i + 1}] ${s}`), '');
  }
  return out.join('\n') + '\n';
}

/** Widest a column is padded to: a few long cells overflow rather than widen every row. */
const MAX_COLUMN = 60;

/** A markdown table padded so its columns line up in a terminal. */
function alignedTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.min(MAX_COLUMN, Math.max(h.length, ...rows.map((r) => r[c].length))));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
