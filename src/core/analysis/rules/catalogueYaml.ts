// A fast reader for the flat YAML the deprecated-API catalogue is written in: a list of maps whose
// values are plain or double-quoted scalars, `[a, b]` lists or `{ key: value }` maps. The general
// `yaml` parser takes a few hundred milliseconds on a cold start for this file, which a CLI run
// over a folder would pay every time; anything outside this subset falls back to it.
import { yamlLibrary } from '../../util/yamlLibrary';

type Scalar = string | number | boolean | null;
type Value = Scalar | Scalar[] | Record<string, Scalar>;

class Unsupported extends Error {}

function scalar(raw: string): Scalar {
  const s = raw.trim();
  if (s.startsWith('"')) {
    if (!s.endsWith('"') || s.length < 2) throw new Unsupported(s);
    return JSON.parse(s) as string;
  }
  if (s.startsWith("'") || s.startsWith('&') || s.startsWith('*') || s.startsWith('!') || s.startsWith('|') || s.startsWith('>')) throw new Unsupported(s);
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === 'null' || s === '~' || s === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (/[#:]\s|\s#|[{}[\],]/.test(s)) throw new Unsupported(s);
  return s;
}

/** Splits a flow collection body at top-level commas (quoted strings may contain commas). */
function splitFlow(body: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"' && body[i - 1] !== '\\') quoted = !quoted;
    if (c === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  if (current.trim()) parts.push(current);
  return parts;
}

function value(raw: string): Value {
  const s = raw.trim();
  if (s.startsWith('[')) {
    if (!s.endsWith(']')) throw new Unsupported(s);
    return splitFlow(s.slice(1, -1)).map(scalar);
  }
  if (s.startsWith('{')) {
    if (!s.endsWith('}')) throw new Unsupported(s);
    const out: Record<string, Scalar> = {};
    for (const part of splitFlow(s.slice(1, -1))) {
      const colon = part.indexOf(':');
      if (colon < 0) throw new Unsupported(part);
      out[part.slice(0, colon).trim()] = scalar(part.slice(colon + 1));
    }
    return out;
  }
  return scalar(s);
}

/** Parses the subset described above; undefined when the text uses anything else. */
export function parseFlatList(text: string): Record<string, Value>[] | undefined {
  const out: Record<string, Value>[] = [];
  let item: Record<string, Value> | undefined;
  try {
    for (const line of text.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      let body: string;
      if (line.startsWith('- ')) {
        item = {};
        out.push(item);
        body = line.slice(2);
      } else if (line.startsWith('  ') && item && !line.startsWith('   ')) body = line.slice(2);
      else return undefined;
      const m = /^([A-Za-z_][\w-]*):(?:\s+(.*))?$/.exec(body);
      if (!m || m[2] === undefined) return undefined;
      item[m[1]] = value(m[2]);
    }
  } catch (e) {
    if (e instanceof Unsupported || e instanceof SyntaxError) return undefined;
    throw e;
  }
  return out;
}

/** The catalogue list: the fast subset reader when it applies, the full YAML parser otherwise. */
export function parseCatalogue<T>(text: string): T[] {
  return (parseFlatList(text) ?? yamlLibrary().parse(text)) as T[];
}
