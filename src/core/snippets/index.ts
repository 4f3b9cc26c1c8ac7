// Public surface of the snippet catalogue (pure: no `vscode`).
export { type SnippetEntry, type SnippetLibrary, SNIPPET_LIBRARIES, checkSnippetCatalogue, findSnippet, loadSnippetCatalogue, validateSnippetFile } from './catalogue';
export { DEFAULT_VARIABLES, type ResolveOptions, resolveSnippet } from './resolve';
export { type ParsedSnippet, type SnippetNode, parseSnippet } from './syntax';
