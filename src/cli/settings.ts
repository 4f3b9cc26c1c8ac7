// `--show-settings`: what one file is checked with (as Ruff's), resolved from the configuration file
// that governs it, the `--config` overrides and the flags.
import { allRules, severityOf } from '../core/analysis/catalogue';
import { excludePatterns } from '../core/config/resolve';
import { displayPath, governingConfig, type Selection, type Target } from './files';

const toml = (v: unknown) => JSON.stringify(v);
/** The engine's defaults when nothing sets them (see AnalysisOptions). */
const DEFAULT_MINIMUM_PYTHON = '3.11';
const DEFAULT_FRAMEWORK_THRESHOLD = 2;

export function showSettings(target: Target, selection: Selection): string {
  const config = governingConfig(target.file, selection);
  const options = target.options;
  const source = config === undefined ? 'none (defaults)' : config.file === '--config' ? '--config overrides only' : displayPath(config.file);
  const lines = [
    `Resolved settings for: ${toml(target.text !== undefined ? target.file : displayPath(target.file))}`,
    `Settings path: ${source}${config && config.file !== '--config' && selection.inline ? ' (with --config overrides)' : ''}`,
    '',
    '# Rules (severity in this file; off: not checked)',
    ...allRules().map((r) => `${r.id} = ${toml(severityOf(r.id, options) ?? 'off')}`),
    '',
    '# Options',
    `min-python = ${toml(options.minimumPython ?? DEFAULT_MINIMUM_PYTHON)}`,
    `framework-threshold = ${options.frameworkThreshold ?? DEFAULT_FRAMEWORK_THRESHOLD}`,
    `exclude = ${toml(excludePatterns(config?.config, selection))}`,
    `respect-gitignore = ${selection.respectGitignore ?? config?.config.respectGitignore ?? true}`,
  ];
  return lines.join('\n') + '\n';
}
