// pip requirements files and PEP 508 requirement strings: only the distribution name and where it is.
import { emptyModel, lines, type DeclaredPackage, type ManifestModel } from './text';

const NAME = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/y;

/**
 * The distribution name of a PEP 508 requirement (`torch[cuda]>=2; python_version>"3.8"`,
 * `torch @ https://…`) or of a direct URL/path that names it (`git+https://…#egg=torch`,
 * `…/torch-2.1.0-cp311-….whl`). `offset` is where `requirement` starts in the file.
 */
export function requirementName(requirement: string, offset: number): DeclaredPackage | undefined {
  const lead = requirement.length - requirement.trimStart().length;
  const body = requirement.slice(lead);
  if (body === '') return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(body) || /^(?:\.{1,2}|~)?[\\/]/.test(body) || /^[A-Za-z]:[\\/]/.test(body)) {
    return nameFromUrl(body, offset + lead);
  }
  NAME.lastIndex = 0;
  const m = NAME.exec(body);
  if (!m) return undefined;
  // `name` must be followed by nothing or by extras/specifier/marker/URL syntax, else it is not a requirement.
  const rest = body.slice(m[0].length);
  if (rest !== '' && !/^\s*(?:[[(<>=!~;@]|$)/.test(rest)) return undefined;
  return { name: m[0], start: offset + lead, end: offset + lead + m[0].length };
}

/** Longest file name or fragment worth matching; anything longer is not a real package URL. */
const MAX_URL_PART = 512;

function nameFromUrl(url: string, offset: number): DeclaredPackage | undefined {
  const hash = url.indexOf('#');
  if (hash !== -1) {
    // `#egg=name` among `&`-separated fragment parameters.
    let at = hash + 1;
    for (const part of url.slice(hash + 1, hash + 1 + MAX_URL_PART).split('&')) {
      const egg = /^egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(part);
      if (egg) return { name: egg[1], start: offset + at + 4, end: offset + at + 4 + egg[1].length };
      at += part.length + 1;
    }
  }
  // Wheel or sdist file name, the last path segment: `<name>-<version>…`; the name's `-` are `_` in wheels.
  const pathEnd = Math.min(...[url.indexOf('#'), url.indexOf('?'), url.length].filter((i) => i >= 0));
  const segmentStart = Math.max(url.lastIndexOf('/', pathEnd - 1), url.lastIndexOf('\\', pathEnd - 1)) + 1;
  const segment = url.slice(segmentStart, pathEnd);
  if (segment.length > MAX_URL_PART) return undefined;
  const file = /^([A-Za-z0-9][A-Za-z0-9._]*?)-\d.*\.(?:whl|tar\.gz|zip|tar\.bz2)$/.exec(segment);
  if (file) return { name: file[1], start: offset + segmentStart, end: offset + segmentStart + file[1].length };
  return undefined;
}

/** Drops a comment: `#` at the start of a line or after whitespace (pip's rule; `…#egg=` stays). */
function withoutComment(line: string): string {
  const m = /(^|\s)#/.exec(line);
  return m ? line.slice(0, m.index) : line;
}

/** requirements*.txt: one requirement or option per logical line; `\` continues a line. */
export function parseRequirements(text: string): ManifestModel {
  const model = emptyModel();
  // A trailing backslash joins lines; replacing `\`+newline by two spaces keeps every offset.
  const joined = text.replace(/\\\r?\n/g, (m) => ' '.repeat(m.length));
  for (const line of lines(joined)) {
    const content = withoutComment(line.text);
    const trimmed = content.trim();
    if (trimmed === '') continue;
    const lead = content.length - content.trimStart().length;
    if (trimmed.startsWith('-')) {
      const option = /^(-[a-zA-Z]|--[a-z-]+)(?:\s*=\s*|\s+|(?=\S))(\S.*)?$/.exec(trimmed);
      if (!option) continue;
      const [, flag, value = ''] = option;
      if (['-r', '--requirement', '-c', '--constraint'].includes(flag) && value) model.includes.push(value.trim());
      if (['-e', '--editable'].includes(flag) && value) {
        const valueStart = line.start + lead + trimmed.indexOf(value);
        const found = requirementName(value.trim(), valueStart);
        if (found) model.packages.push(found);
      }
      continue;
    }
    // Per-requirement options (`--hash=…`) follow the requirement after whitespace.
    const option = /\s--?[a-z]/.exec(trimmed);
    const requirement = option ? trimmed.slice(0, option.index).trimEnd() : trimmed;
    const found = requirementName(requirement, line.start + lead);
    if (found) model.packages.push(found);
  }
  return model;
}
