// package.json as VS Code shows it in a given display language: every `%key%` replaced from
// package.nls.json (English) or package.nls.<language>.json, as VS Code's manifest scanner does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './repoRoot';

export const TRANSLATIONS = ['zh-cn', 'es'] as const;

export function nlsBundle(language?: string): Record<string, string> {
  const file = path.join(repoRoot(), language ? `package.nls.${language}.json` : 'package.nls.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

const REFERENCE = /^%([^%\s]+)%$/;

/** Every string value of `node` with its JSON path, depth first. */
export function* stringsOf(node: unknown, at = ''): Generator<{ at: string; value: string }> {
  if (typeof node === 'string') yield { at, value: node };
  else if (Array.isArray(node)) for (const [i, v] of node.entries()) yield* stringsOf(v, `${at}[${i}]`);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) yield* stringsOf(v, at ? `${at}.${k}` : k);
}

/** The `%key%` references in package.json. */
export function referencedKeys(pkg: unknown): string[] {
  return [...stringsOf(pkg)].map((s) => REFERENCE.exec(s.value)?.[1]).filter((k): k is string => Boolean(k));
}

export function localizedManifest(language?: string): ReturnType<typeof JSON.parse> {
  const bundle = { ...nlsBundle(), ...(language ? nlsBundle(language) : {}) };
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
  const resolve = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const key = REFERENCE.exec(node)?.[1];
      return key !== undefined && key in bundle ? bundle[key] : node;
    }
    if (Array.isArray(node)) return node.map(resolve);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v)]));
    return node;
  };
  return resolve(pkg);
}
