// Glob exclusion for workspace files (`pythonForAI.exclude`, `files.exclude`). Pure: no `vscode`.
import picomatch from 'picomatch';

/**
 * A predicate over workspace-relative paths (`/`-separated). A path is excluded when it or any of its
 * parent folders matches a pattern, so `**∕.venv` excludes everything inside `.venv` as `files.exclude` does.
 */
export function createExcludeMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const usable = patterns.map((p) => p.trim()).filter((p) => p.length > 0);
  if (usable.length === 0) return () => false;
  const isMatch = picomatch(usable, { dot: true });
  return (relativePath: string) => {
    const parts = relativePath.replace(/\\/g, '/').replace(/^\/+/, '').split('/').filter(Boolean);
    for (let i = parts.length; i > 0; i--) {
      if (isMatch(parts.slice(0, i).join('/'))) return true;
    }
    return false;
  };
}
