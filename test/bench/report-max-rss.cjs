// Preloaded into the CLI by bench.mjs (`node --require`): prints the process's peak RSS on exit.
// On Linux it reads VmHWM, the peak of this program's own memory: getrusage's maxRSS survives
// exec, so a child spawned by a large parent (the bench, with Ruff loaded) would report the parent.
const fs = require('node:fs');

process.on('exit', () => {
  let kb = process.resourceUsage().maxRSS;
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) kb = Number(hwm[1]);
  } catch {
    // not Linux: maxRSS is the best figure there is
  }
  process.stderr.write(`maxRSS-kB ${kb}\n`);
});
