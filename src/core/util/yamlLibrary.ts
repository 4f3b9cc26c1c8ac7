// The `yaml` library, loaded on first use. Loading it costs ~10 ms, and a CLI run usually parses no
// YAML at all (the rule data is parsed at build time): only conda manifests and odd catalogue
// entries need it.
import type * as Yaml from 'yaml';

let library: typeof Yaml | undefined;

export function yamlLibrary(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  library ??= require('yaml') as typeof Yaml;
  return library;
}
