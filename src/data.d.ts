// Content files are bundled by esbuild: `*.yaml` as text (parsed at run time with `yaml`), `*.yaml?data` parsed at build time.
declare module '*.yaml' {
  const text: string;
  export default text;
}
// `?data`: parsed at build time (see esbuild.js); the module is the parsed value.
declare module '*.yaml?data' {
  const value: unknown;
  export default value;
}
declare module '*.md' {
  const text: string;
  export default text;
}
