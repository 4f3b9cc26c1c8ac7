// Reads a roadmap YAML file and checks it against the roadmap schema. Every problem carries the
// 1-based line and column of the node it is about, so a teacher can find a typo in their file.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { isRuleId } from '../analysis/catalogue';
import { DETECTOR_IDS, type DetectorId, type DocLink, type EvidenceClause, type Roadmap, type RoadmapError, type RoadmapStep, type Starter, type Subtask } from './types';

export type ParseResult = { roadmap: Roadmap; errors: [] } | { roadmap?: undefined; errors: RoadmapError[] };

const STEP_KEYS = ['id', 'title', 'why', 'subtasks', 'docs', 'snippets', 'starter', 'evidence', 'rules'];
const EVIDENCE_KEYS = ['python', 'packages', 'file', 'git', 'explain'];
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

class Checker {
  readonly errors: RoadmapError[] = [];
  constructor(private readonly lines: LineCounter) {}

  error(node: Node | null | undefined, message: string): void {
    const offset = node?.range?.[0];
    if (offset === undefined) {
      this.errors.push({ message });
      return;
    }
    const pos = this.lines.linePos(offset);
    this.errors.push({ message, line: pos.line, column: pos.col });
  }

  map(node: unknown, what: string, allowed: string[]): YAMLMap | undefined {
    if (!isMap(node)) {
      this.error(node as Node, `${what} must be a mapping (key: value).`);
      return undefined;
    }
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || !allowed.includes(key)) {
        this.error(pair.key as Node, `Unknown key "${key ?? '?'}" in ${what}; expected one of: ${allowed.join(', ')}.`);
      }
    }
    return node;
  }

  string(parent: YAMLMap, key: string, what: string, required: boolean): string | undefined {
    const node = parent.get(key, true);
    if (node === undefined || node === null) {
      if (required) this.error(parent, `${what} needs "${key}".`);
      return undefined;
    }
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
      this.error(node as Node, `"${key}" in ${what} must be text.`);
      return undefined;
    }
    const text = String(node.value).trim();
    if (required && !text) this.error(node, `"${key}" in ${what} must not be empty.`);
    return text;
  }

  seq(parent: YAMLMap, key: string, what: string): Node[] {
    const node = parent.get(key, true);
    if (node === undefined || node === null) return [];
    if (!isSeq(node)) {
      this.error(node as Node, `"${key}" in ${what} must be a list.`);
      return [];
    }
    return node.items as Node[];
  }

  stringList(parent: YAMLMap, key: string, what: string): { value: string; node: Node }[] {
    const out: { value: string; node: Node }[] = [];
    for (const item of this.seq(parent, key, what)) {
      if (isScalar(item) && typeof item.value === 'string' && item.value.trim()) out.push({ value: item.value.trim(), node: item });
      else this.error(item, `Items of "${key}" in ${what} must be text.`);
    }
    return out;
  }
}

/** Parses and validates a roadmap file. Never throws: malformed input gives errors with positions. */
export function parseRoadmap(text: string): ParseResult {
  const lines = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    return { errors: [{ message: `Could not read the YAML: ${(e as Error).message}` }] };
  }
  if (doc.errors.length) {
    return {
      errors: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return { message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), line: pos.line, column: pos.col };
      }),
    };
  }
  const c = new Checker(lines);
  const root = c.map(doc.contents, 'The roadmap', ['title', 'steps', 'next']);
  if (!root) return { errors: c.errors };

  const seen = new Set<string>();
  const title = c.string(root, 'title', 'The roadmap', false) || 'Roadmap';
  const steps = readSteps(c, root, 'steps', seen);
  let next: Roadmap['next'] = { title: 'What comes next', steps: [] };
  const nextNode = root.get('next', true);
  if (nextNode !== undefined && nextNode !== null) {
    const nextMap = c.map(nextNode, '"next"', ['title', 'steps']);
    if (nextMap) next = { title: c.string(nextMap, 'title', '"next"', false) || next.title, steps: readSteps(c, nextMap, 'steps', seen) };
  }
  if (!steps.length && !next.steps.length && !c.errors.length) c.error(root, 'The roadmap has no steps.');
  if (c.errors.length) return { errors: c.errors };
  return { roadmap: { title, steps, next }, errors: [] };
}

function readSteps(c: Checker, parent: YAMLMap, key: string, seen: Set<string>): RoadmapStep[] {
  const steps: RoadmapStep[] = [];
  for (const node of c.seq(parent, key, `"${key}"`)) {
    const step = readStep(c, node);
    if (!step) continue;
    if (seen.has(step.id)) {
      c.error((node as YAMLMap).get('id', true) as Node, `Step id "${step.id}" is used twice.`);
      continue;
    }
    seen.add(step.id);
    steps.push(step);
  }
  return steps;
}

function readStep(c: Checker, node: Node): RoadmapStep | undefined {
  const m = c.map(node, 'A step', STEP_KEYS);
  if (!m) return undefined;
  const id = c.string(m, 'id', 'A step', true);
  if (id === undefined) return undefined;
  if (!ID_PATTERN.test(id)) c.error(m.get('id', true) as Node, `Step id "${id}" may use only lowercase letters, digits and "-".`);
  const what = `step "${id}"`;
  const subtasks: Subtask[] = [];
  c.seq(m, 'subtasks', what).forEach((item, i) => {
    if (isScalar(item) && typeof item.value === 'string' && item.value.trim()) {
      subtasks.push({ id: `${id}/${i + 1}`, title: item.value.trim() });
    } else c.error(item, `Items of "subtasks" in ${what} must be text.`);
  });
  const docs: DocLink[] = [];
  for (const item of c.seq(m, 'docs', what)) {
    const d = c.map(item, `a link of ${what}`, ['title', 'url']);
    if (!d) continue;
    const title = c.string(d, 'title', `a link of ${what}`, true);
    const url = c.string(d, 'url', `a link of ${what}`, true);
    if (url && !/^https:\/\/[^\s]+$/.test(url)) c.error(d.get('url', true) as Node, `Link "${url}" in ${what} must be an https:// address.`);
    if (title && url) docs.push({ title, url });
  }
  const rules: string[] = [];
  for (const { value, node: r } of c.stringList(m, 'rules', what)) {
    if (isRuleId(value)) rules.push(value);
    else c.error(r, `Unknown rule "${value}" in ${what}.`);
  }
  return {
    id,
    title: c.string(m, 'title', what, true) ?? id,
    why: c.string(m, 'why', what, false) ?? '',
    subtasks,
    docs,
    snippets: c.stringList(m, 'snippets', what).map((s) => s.value),
    starter: readStarter(c, m, what),
    evidence: readEvidence(c, m, what),
    rules,
  };
}

function readStarter(c: Checker, step: YAMLMap, what: string): Starter | undefined {
  const node = step.get('starter', true);
  if (node === undefined || node === null) return undefined;
  const m = c.map(node, `the starter of ${what}`, ['fileName', 'template', 'content']);
  if (!m) return undefined;
  const fileName = c.string(m, 'fileName', `the starter of ${what}`, true);
  const template = c.string(m, 'template', `the starter of ${what}`, false);
  const content = m.has('content') ? c.string(m, 'content', `the starter of ${what}`, false) : undefined;
  if (fileName && (/^([/\\]|[a-zA-Z]:)/.test(fileName) || fileName.split(/[/\\]/).includes('..'))) {
    c.error(m.get('fileName', true) as Node, `The starter file name "${fileName}" of ${what} must be a relative path inside the workspace.`);
    return undefined;
  }
  if ((template === undefined) === (content === undefined)) {
    c.error(m, `The starter of ${what} needs exactly one of "template" or "content".`);
    return undefined;
  }
  if (template && template.split(/[/\\]/).includes('..')) {
    c.error(m.get('template', true) as Node, `The starter template "${template}" of ${what} must not leave its folder.`);
    return undefined;
  }
  return fileName ? { fileName, template, content: content === undefined ? undefined : String(m.get('content')) } : undefined;
}

function readEvidence(c: Checker, step: YAMLMap, what: string): EvidenceClause[] {
  const clauses: EvidenceClause[] = [];
  for (const item of c.seq(step, 'evidence', what)) {
    const m = c.map(item, `the evidence of ${what}`, EVIDENCE_KEYS);
    if (!m) continue;
    if (!m.items.length) {
      c.error(m, `An evidence entry of ${what} is empty.`);
      continue;
    }
    const clause: EvidenceClause = {};
    const python = c.string(m, 'python', `the evidence of ${what}`, false);
    if (python !== undefined) {
      if (/^\d+(\.\d+)?$/.test(python)) clause.python = python;
      else c.error(m.get('python', true) as Node, `"python" in the evidence of ${what} must be a version like 3.11.`);
    }
    if (m.has('packages')) clause.packages = c.stringList(m, 'packages', `the evidence of ${what}`).map((p) => p.value);
    const file = c.string(m, 'file', `the evidence of ${what}`, false);
    if (file !== undefined) {
      if ((DETECTOR_IDS as readonly string[]).includes(file)) clause.file = file as DetectorId;
      else c.error(m.get('file', true) as Node, `Unknown file detector "${file}" in ${what}; expected one of: ${DETECTOR_IDS.join(', ')}.`);
    }
    const git = m.get('git', true);
    if (git !== undefined) {
      if (isScalar(git) && typeof git.value === 'boolean') clause.git = git.value;
      else c.error(git as Node, `"git" in the evidence of ${what} must be true or false.`);
    }
    const explain = c.string(m, 'explain', `the evidence of ${what}`, false);
    if (explain) clause.explain = explain;
    if (Object.keys(clause).every((k) => k === 'explain')) {
      c.error(m, `An evidence entry of ${what} needs python, packages, file or git besides "explain".`);
      continue;
    }
    clauses.push(clause);
  }
  return clauses;
}
