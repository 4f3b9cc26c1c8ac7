// Content files (rule catalogue, roadmap) are bundled as text by esbuild and parsed with `yaml`.
declare module '*.yaml' {
  const text: string;
  export default text;
}
declare module '*.md' {
  const text: string;
  export default text;
}
