// Does a declared Python constraint rule out the project's minimum Python? PEP 440 matching is
// @renovatebot/pep440's; this module only turns Poetry, conda and pyenv spellings into PEP 440.
import { satisfies, validRange } from '@renovatebot/pep440';

const VERSION_LITERAL = /\d+(?:\.\d+)*/g;

/**
 * True when no Python at or above `minimum` satisfies `specifier` (a PEP 440 specifier set).
 * `>=3.8` admits 3.11 and is fine; `==3.8`, `<3.10`, `~=3.8.0` are not. Newer-only constraints
 * such as `>=3.12` admit versions above the minimum and are fine too. Invalid specifiers are
 * never reported (someone else's syntax error is not a version problem).
 */
/** No real Python constraint is longer; longer text is not read (and cannot slow the regexes down). */
const MAX_SPECIFIER = 256;

export function specifierRulesOut(specifier: string, minimum: string): boolean {
  const spec = specifier.trim();
  if (spec === '' || spec.length > MAX_SPECIFIER) return false;
  if (!validRange(spec)) return false;
  return !candidatesAtOrAbove(spec, minimum).some((v) => satisfies(v, spec));
}

/** Versions worth trying: the minimum, later minors, and each literal in the spec at or above it plus its next patch. */
function candidatesAtOrAbove(spec: string, minimum: string): string[] {
  const [minMajor, minMinor] = minimum.split('.').map(Number);
  const out = new Set<string>([`${minMajor}.${minMinor}.0`]);
  for (let m = minMinor; m <= minMinor + 40; m++) out.add(`${minMajor}.${m}.0`);
  for (let major = minMajor + 1; major <= minMajor + 2; major++) out.add(`${major}.0.0`);
  for (const literal of spec.match(VERSION_LITERAL) ?? []) {
    const parts = literal.split('.').map(Number);
    while (parts.length < 3) parts.push(0);
    const [a, b, c] = parts;
    if (a < minMajor || (a === minMajor && b < minMinor)) continue;
    out.add(`${a}.${b}.${c}`);
    out.add(`${a}.${b}.${c + 1}`);
    out.add(`${a}.${b + 1}.0`);
  }
  return [...out];
}

/** The minimum as configured (`"3.11"`), or the default when it is not `major.minor`. */
export function normalizeMinimum(minimum: string | undefined): string {
  const m = /^\s*(\d+)\.(\d+)/.exec(minimum ?? '');
  return m ? `${m[1]}.${m[2]}` : '3.11';
}

/** `3.8` (a release series, as pyenv, Pipfile and conda `=` mean it) → `==3.8.*`; `3.8.10` → `==3.8.10`. */
export function seriesSpecifier(version: string): string {
  const parts = version.split('.');
  return parts.length >= 3 ? `==${version}` : `==${version}.*`;
}

/**
 * Poetry constraints → PEP 440 alternatives. `^3.8` is `>=3.8,<4.0`; `~3.8` is `>=3.8,<3.9`;
 * `3.8.*`/`3.8.x` a series; a bare version is exact; `||` separates alternatives; spaces or commas AND.
 */
export function poetryToPep440(constraint: string): string[] {
  if (constraint.length > MAX_SPECIFIER) return [''];
  return constraint.split('||').map((alternative) =>
    alternative
      .trim()
      .split(/\s*,\s*|\s+(?=[<>=!~^\d])/)
      .filter((c) => c !== '' && c !== '*')
      .map(poetryClause)
      .join(','),
  );
}

function poetryClause(clause: string): string {
  const caret = /^\^\s*(\d+(?:\.\d+)*)$/.exec(clause);
  if (caret) {
    const parts = caret[1].split('.').map(Number);
    const firstNonZero = parts.findIndex((p) => p !== 0);
    const bumpAt = firstNonZero === -1 ? parts.length - 1 : firstNonZero;
    const upper = parts.slice(0, bumpAt + 1);
    upper[bumpAt] += 1;
    return `>=${caret[1]},<${upper.join('.')}`;
  }
  const tilde = /^~(?!=)\s*(\d+(?:\.\d+)*)$/.exec(clause);
  if (tilde) {
    const parts = tilde[1].split('.').map(Number);
    const upper = parts.length === 1 ? [parts[0] + 1] : [parts[0], parts[1] + 1];
    return `>=${tilde[1]},<${upper.join('.')}`;
  }
  const wildcard = /^(\d+(?:\.\d+)*)\.[*xX]$/.exec(clause);
  if (wildcard) return `==${wildcard[1]}.*`;
  if (/^\d/.test(clause)) return `==${clause}`;
  return clause;
}

/**
 * Conda match-spec version part → PEP 440 alternatives: `=3.8` (fuzzy) is the 3.8 series, `==3.8`
 * exact, ` 3.8` (space) fuzzy, operators pass through, `|` separates alternatives. A build string
 * after a second `=` or space is dropped.
 */
export function condaToPep440(versionPart: string): string[] {
  if (versionPart.length > MAX_SPECIFIER) return [''];
  let v = versionPart.trim();
  if (v.startsWith('==')) return [`==${v.slice(2).split(/[=\s]/)[0]}`];
  if (v.startsWith('=')) v = v.slice(1);
  v = v.split(/\s+/)[0];
  if (/^\d/.test(v) && !/[<>=!~|,]/.test(v)) {
    v = v.split('=')[0];
    return [v.endsWith('.*') ? `==${v}` : seriesSpecifier(v)];
  }
  return v.split('|').map((alt) => alt.split(',').map((c) => (/^\d/.test(c) ? seriesSpecifier(c.replace(/\.\*$/, '')) : c)).join(','));
}

/** Splits a PEP 440 specifier set into its clauses with their offsets inside `text`. */
export function clauses(text: string): { clause: string; start: number; end: number }[] {
  const out: { clause: string; start: number; end: number }[] = [];
  let pos = 0;
  for (const part of text.split(',')) {
    const lead = part.length - part.trimStart().length;
    const trimmed = part.trim();
    if (trimmed) out.push({ clause: trimmed, start: pos + lead, end: pos + lead + trimmed.length });
    pos += part.length + 1;
  }
  return out;
}
