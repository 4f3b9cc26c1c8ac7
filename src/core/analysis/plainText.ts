// Diagnostic messages and quick fix titles are plain text in VS Code (no markdown is rendered there), so
// the editor shows inline code `like this` as 'like this' instead of raw backticks.

/** `code` spans become 'code'; a lone backtick (Python 2's repr syntax named in a message) stays. */
export function plainText(text: string): string {
  return text.includes('`') ? text.replace(/`([^`\n]+)`/g, "'$1'") : text;
}
