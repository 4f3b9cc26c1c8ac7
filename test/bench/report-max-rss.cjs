// Preloaded into the CLI by bench.mjs (`node --require`): prints the process's peak RSS on exit.
process.on('exit', () => {
  process.stderr.write(`maxRSS-kB ${process.resourceUsage().maxRSS}\n`);
});
