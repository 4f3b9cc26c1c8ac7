// The deprecated-API catalogue (`src/core/rules/deprecated-apis.yaml`), indexed for per-token
// lookups, and the sentences its findings say: which version deprecated or removed an API, and
// what that means for the library version the project uses (`AnalysisOptions.libraryVersions`).
import { lt, lte } from '@renovatebot/pep440';
import catalogueYaml from '../../rules/deprecated-apis.yaml';
import { libraryKey } from '../libraryVersions';
import { msg, type Msg } from '../../l10n/text';
import type { LibraryVersion } from '../types';
import { parseCatalogue } from './catalogueYaml';

export interface DeprecatedApi {
  api: string;
  kind: 'attribute' | 'module' | 'method' | 'kwarg';
  name?: string;
  deprecatedIn?: string;
  removedIn?: string;
  replacement: string;
  fix: 'none' | { replace?: string; rename?: string; module?: string; concat?: boolean };
  safe: boolean;
  safeNames?: string[];
  /**
   * Method entries, and keyword arguments of a method (`api: keras.Model.fit`): the modules whose
   * calls make a receiver of this class (`[keras, tensorflow.keras]`; `pandas` follows DataFrames
   * and Series), or `any` for a method name no other library uses. Methods default to the api's library.
   */
  receivers?: string[] | 'any';
  source: string;
}

export interface Catalogue {
  entries: readonly DeprecatedApi[];
  attributes: Map<string, DeprecatedApi>;
  modules: DeprecatedApi[];
  /** Index in `modules` of the first entry for each module path. */
  moduleIndex: Map<string, number>;
  /** Most dots in a module path of the catalogue: longer prefixes of a path cannot match. */
  moduleDots: number;
  /** Method entries by method name. */
  methods: Map<string, DeprecatedApi[]>;
  /** Keyword-argument entries of callables reached through imports, by the callable's path. */
  kwargs: Map<string, DeprecatedApi[]>;
  /** Keyword-argument entries of methods on known receivers (they have `receivers`), by method name. */
  methodKwargs: Map<string, DeprecatedApi[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
let catalogue: Catalogue | undefined;

/** The catalogue, parsed on first use: files importing none of its libraries never pay for the YAML parse. */
export function loadCatalogue(): Catalogue {
  return (catalogue ??= indexCatalogue(parseCatalogue<DeprecatedApi>(catalogueYaml)));
}

/**
 * Checks against `entries` instead of the shipped catalogue until called with no argument: for
 * tests of entry kinds the data does not use yet. (The gate still reads the shipped file's libraries.)
 */
export function useCatalogue(entries?: readonly DeprecatedApi[]): void {
  catalogue = entries ? indexCatalogue(entries) : undefined;
}

function indexCatalogue(entries: readonly DeprecatedApi[]): Catalogue {
  const c: Catalogue = { entries, attributes: new Map(), modules: [], moduleIndex: new Map(), moduleDots: 0, methods: new Map(), kwargs: new Map(), methodKwargs: new Map() };
  for (const e of entries) {
    if (e.kind === 'attribute') c.attributes.set(e.api, e);
    else if (e.kind === 'module') {
      if (!c.moduleIndex.has(e.api)) c.moduleIndex.set(e.api, c.modules.length);
      c.moduleDots = Math.max(c.moduleDots, e.api.split('.').length - 1);
      c.modules.push(e);
    } else if (e.kind === 'method') push(c.methods, e.name!, e);
    else if (e.kind === 'kwarg' && e.receivers !== undefined) push(c.methodKwargs, e.api.slice(e.api.lastIndexOf('.') + 1), e);
    else if (e.kind === 'kwarg') push(c.kwargs, e.api, e);
  }
  return c;
}

/** The modules whose calls make a receiver for a method (or method keyword) entry, or `any`. */
export function receiverModules(e: DeprecatedApi): readonly string[] | 'any' {
  return e.receivers ?? [e.api.split('.', 1)[0]];
}

/** Top-level modules the catalogue covers, read with a regex so the gate needs no YAML parse. */
export const CATALOGUE_TOPS: ReadonlySet<string> = new Set(Array.from(catalogueYaml.matchAll(/^- api: ([A-Za-z_]\w*)/gm), (m) => m[1]));

/**
 * The first catalogue entry (in file order) for a module that is `path` or contains it
 * (`sklearn.cross_validation.KFold` → `sklearn.cross_validation`). Looks up each dotted prefix
 * of the path: this runs for every attribute chain of every file importing numpy.
 */
export function moduleEntry(path: string): DeprecatedApi | undefined {
  const { modules, moduleIndex, moduleDots } = loadCatalogue();
  let best = -1;
  let dot = path.indexOf('.');
  for (let dots = 0; dots <= moduleDots; dots++) {
    const index = moduleIndex.get(dot < 0 ? path : path.slice(0, dot));
    if (index !== undefined && (best < 0 || index < best)) best = index;
    if (dot < 0) break;
    dot = path.indexOf('.', dot + 1);
  }
  return best < 0 ? undefined : modules[best];
}

const PACKAGE_NAMES: Record<string, string> = { numpy: 'NumPy', pandas: 'pandas', 'scikit-learn': 'scikit-learn', tensorflow: 'TensorFlow', torch: 'PyTorch' };

/** `numpy 1.20` → `NumPy 1.20`. */
export function displayVersion(v: string): string {
  const [pkg, ...rest] = v.split(' ');
  return [PACKAGE_NAMES[pkg] ?? pkg, ...rest].join(' ');
}

/** The distribution an entry's versions belong to (`numpy` from `numpy 1.20`), as the versions map is keyed. */
export function entryPackage(e: DeprecatedApi): string | undefined {
  if (packages.has(e)) return packages.get(e);
  const v = e.removedIn ?? e.deprecatedIn;
  const key = v === undefined ? undefined : libraryKey(v.split(' ', 1)[0]);
  packages.set(e, key);
  return key;
}
const packages = new WeakMap<DeprecatedApi, string | undefined>();

function versionPart(v: string | undefined): string | undefined {
  const space = v?.indexOf(' ') ?? -1;
  return space < 0 ? undefined : v!.slice(space + 1).trim();
}

/** Whether every version the project allows is older than `v` (unknown or unbounded: false). */
function allOlderThan(pin: LibraryVersion, v: string): boolean {
  try {
    if (pin.upTo !== undefined && lt(pin.upTo, v)) return true;
    if (pin.below !== undefined && lte(pin.below, v)) return true;
  } catch {
    // a version pep440 cannot read tells us nothing
  }
  return false;
}

/**
 * What an entry means for the library version in use:
 * - `current`: removed (or deprecated) there, or no version known (current versions assumed);
 * - `still-present`: removed only after the version in use, which still has it;
 * - `not-yet`: not deprecated yet in the version in use: nothing to report.
 */
export type EntryStatus = 'current' | 'still-present' | 'not-yet';

export function entryStatus(e: DeprecatedApi, pin: LibraryVersion | undefined): EntryStatus {
  if (!pin) return 'current';
  const removed = versionPart(e.removedIn);
  const deprecated = versionPart(e.deprecatedIn);
  if (removed !== undefined && !allOlderThan(pin, removed)) return 'current';
  if (deprecated !== undefined && allOlderThan(pin, deprecated)) return 'not-yet';
  if (removed === undefined) return 'current';
  return 'still-present';
}

const messages = new Map<string, Msg>();

/**
 * The finding message; memoized because generated files can repeat one API thousands of times.
 * `shown` is the code as written; `via` says how a name imported from a deprecated path relates
 * to it (`Variable` is `torch.autograd.Variable`, `train_test_split` comes from `sklearn.cross_validation`).
 */
export function entryMessage(shown: string, e: DeprecatedApi, pin: LibraryVersion | undefined, via?: 'is' | 'comes from'): Msg {
  const key = `${e.api}\u0000${e.name ?? ''}\u0000${shown}\u0000${via ?? ''}\u0000${pin?.label ?? ''}\u0000${e.replacement}`;
  let m = messages.get(key);
  if (m === undefined) {
    m = composeMessage(shown, e, pin, via);
    if (messages.size > 10000) messages.clear();
    messages.set(key, m);
  }
  return m;
}

/**
 * Whole sentences, one template per case, so that a translation can order them as its language
 * needs. `{0}` is the code as written; `{1}` the API it is (`via`); the versions and the pin label
 * are code; the replacement is the catalogue's text (English: the catalogue is data, not translated).
 */
function composeMessage(shown: string, e: DeprecatedApi, pin: LibraryVersion | undefined, via: 'is' | 'comes from' | undefined): Msg {
  const failure = e.kind === 'module' ? msg('the import fails') : e.kind === 'kwarg' ? msg('the call raises TypeError') : msg('this line raises AttributeError');
  const subject = via === undefined ? msg('`{0}`', shown) : via === 'is' ? msg('`{0}` is `{1}`, which', shown, e.api) : msg('`{0}` comes from `{1}`, which', shown, e.api);
  const deprecated = e.deprecatedIn ? displayVersion(e.deprecatedIn) : undefined;
  const removed = e.removedIn ? displayVersion(e.removedIn) : undefined;
  let status: Msg;
  if (removed && pin && entryStatus(e, pin) === 'still-present') {
    status = deprecated
      ? msg('was deprecated in {0} and is removed in {1}: {2} still has it, but {3} after an upgrade', deprecated, removed, pin.label, failure)
      : msg('is removed in {0}: {1} still has it, but {2} after an upgrade', removed, pin.label, failure);
  } else if (removed && deprecated) {
    status = pin ? msg('was deprecated in {0} and removed in {1}, so {2} with {3}', deprecated, removed, failure, pin.label) : msg('was deprecated in {0} and removed in {1}, so {2} on current versions', deprecated, removed, failure);
  } else if (removed) {
    status = pin ? msg('was removed in {0}, so {1} with {2}', removed, failure, pin.label) : msg('was removed in {0}, so {1} on current versions', removed, failure);
  } else if (deprecated) {
    status = pin ? msg('is deprecated since {0} ({1}) and warns until it is removed', deprecated, pin.label) : msg('is deprecated since {0} and warns until it is removed', deprecated);
  } else {
    status = pin ? msg('is deprecated since its library ({0}) and warns until it is removed', pin.label) : msg('is deprecated since its library and warns until it is removed');
  }
  return msg('{0} {1}. Use {2}.', subject, status, e.replacement);
}

/** A fix that rewrites the code to `newText`; `uses` > 0: it also renames that many uses of an imported name. */
export function replaceTitle(newText: string, safe: boolean, uses = 0): Msg {
  if (uses === 0) return safe ? msg('Replace with `{0}`', newText) : msg('Replace with `{0}` (may change behaviour)', newText);
  if (uses === 1) return safe ? msg('Rename to `{0}` (the import and 1 use)', newText) : msg('Rename to `{0}` (may change behaviour) (the import and 1 use)', newText);
  return safe ? msg('Rename to `{0}` (the import and {1} uses)', newText, uses) : msg('Rename to `{0}` (may change behaviour) (the import and {1} uses)', newText, uses);
}
