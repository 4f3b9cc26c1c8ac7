// Bundles the extension, its analysis worker, the `pyai-lint` CLI and (with --tests) the test suites.
//   node esbuild.js               development build (sourcemaps)
//   node esbuild.js --production  minified, no sourcemaps (what the .vsix ships)
//   node esbuild.js --watch       rebuild on change; errors in the format of the `$esbuild-watch` problem matcher
//   node esbuild.js --tests       also bundle test/unit and test/integration into out/
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** Prints build start/end and errors as `✘ [ERROR] message` + `file:line:column:`, which VS Code's problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/**
 * `import data from './x.yaml?data'` bundles the YAML file already parsed (as JSON), so the
 * extension and the CLI do not run a YAML parser for their own data files at start-up (~35 ms of
 * a CLI run). Plain `./x.yaml` imports still give the text.
 */
const yamlDataPlugin = {
  name: 'yaml-data',
  setup(build) {
    build.onResolve({ filter: /\.ya?ml\?data$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path.slice(0, -'?data'.length)),
      namespace: 'yaml-data',
    }));
    build.onLoad({ filter: /.*/, namespace: 'yaml-data' }, (args) => ({
      contents: JSON.stringify(require('yaml').parse(fs.readFileSync(args.path, 'utf8'))),
      loader: 'json',
      watchFiles: [args.path],
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  loader: { '.yaml': 'text', '.md': 'text' },
  plugins: [problemMatcherPlugin, yamlDataPlugin],
};

function filesUnder(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => f.endsWith(suffix) && fs.statSync(f).isFile());
}

function configs() {
  const list = [
    { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
    { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
    // The extension host starts this as a worker thread for large documents (src/editor/pitfalls/offThread.ts).
    { ...common, entryPoints: ['src/core/worker/analysisWorkerMain.ts'], outfile: 'dist/analysisWorker.js' },
  ];
  if (tests) {
    const unit = filesUnder('test/unit', '.test.ts');
    if (unit.length) {
      list.push({ ...common, minify: false, sourcemap: 'inline', entryPoints: unit, outdir: 'out/test/unit', outbase: 'test/unit', external: ['mocha', '@astral-sh/ruff-wasm-nodejs', 'typescript'] });
    }
    const integration = filesUnder('test/integration', '.ts');
    if (integration.length) {
      list.push({ ...common, minify: false, sourcemap: 'inline', entryPoints: integration, outdir: 'out/test/integration', outbase: 'test/integration', external: ['vscode', 'mocha'] });
    }
  }
  return list;
}

async function main() {
  const contexts = await Promise.all(configs().map((c) => esbuild.context(c)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  let failed = false;
  for (const ctx of contexts) {
    try {
      await ctx.rebuild();
    } catch {
      failed = true; // errors already printed by the plugin
    }
    await ctx.dispose();
  }
  if (failed) process.exit(1);
  try { fs.chmodSync('dist/cli.js', 0o755); } catch { /* built on a file system without modes */ }
}

module.exports = { yamlDataPlugin };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
