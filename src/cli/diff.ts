// Unified diffs for `--diff`: a line diff (Myers' algorithm) grouped into hunks with three lines of
// context, as `diff -u` and Ruff print them, so that `patch -p0` and `git apply -p0` take the output.

/** Lines that differ more than this between the common start and end are shown as one change (bounded time and memory). */
const MAX_EDIT_DISTANCE = 4000;
const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Lines with their ending kept (`"x\n"`, `"x"` for a last line without one), so that the two differ as in diff. */
function splitLines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((l) => l !== '');
}

/** The shortest edit script from `a` to `b`, or undefined when it is longer than `limit`. */
function myers(a: readonly string[], b: readonly string[], limit: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, limit);
  // trace[d] holds V (furthest x on each diagonal k) for k in [-d, d], offset by d.
  const trace: Int32Array[] = [];
  let previous: Int32Array | undefined;
  for (let d = 0; d <= max; d++) {
    const v = new Int32Array(2 * d + 1);
    for (let k = -d; k <= d; k += 2) {
      const get = (kk: number) => previous![kk + d - 1];
      let x: number;
      if (d === 0) x = 0;
      else if (k === -d || (k !== d && get(k - 1) < get(k + 1))) x = get(k + 1);
      else x = get(k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + d] = x;
      if (x >= n && y >= m) {
        trace.push(v);
        return backtrack(a, b, trace);
      }
    }
    trace.push(v);
    previous = v;
  }
  return undefined;
}

function backtrack(a: readonly string[], b: readonly string[], trace: Int32Array[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1];
    const get = (kk: number) => prev[kk + d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && get(k - 1) < get(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = get(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: a[x] });
    }
    if (down) ops.push({ kind: '+', line: b[--y] });
    else ops.push({ kind: '-', line: a[--x] });
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    ops.push({ kind: ' ', line: a[x] });
  }
  return ops.reverse();
}

/** The edit script of `a` → `b`: common start and end kept as context, the middle by Myers (or as one change when too different). */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const middle = myers(midA, midB, MAX_EDIT_DISTANCE) ?? [...midA.map((line) => ({ kind: '-' as const, line })), ...midB.map((line) => ({ kind: '+' as const, line }))];
  return [...a.slice(0, head).map((line) => ({ kind: ' ' as const, line })), ...middle, ...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line }))];
}

function printed(op: Op): string[] {
  if (op.line.endsWith('\n')) return [op.kind + op.line.slice(0, -1)];
  return [op.kind + op.line, '\\ No newline at end of file'];
}

/** `start,count` of a hunk side as diff -u writes it: `,1` left out, an empty side naming the line before it. */
function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`;
}

/**
 * A unified diff of `before` → `after` for `file` (`--- file` / `+++ file`): one hunk per group of
 * changes, three lines of context, changes closer than seven lines sharing a hunk. Empty when equal.
 */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const ops = editScript(splitLines(before), splitLines(after));
  const out = [`--- ${file}`, `+++ ${file}`];
  let i = 0;
  // Line numbers (1-based) of ops[i] in each file.
  const aLine: number[] = [];
  const bLine: number[] = [];
  for (let a = 1, b = 1, j = 0; j < ops.length; j++) {
    aLine.push(a);
    bLine.push(b);
    if (ops[j].kind !== '+') a++;
    if (ops[j].kind !== '-') b++;
  }
  while (i < ops.length) {
    while (i < ops.length && ops[i].kind === ' ') i++;
    if (i === ops.length) break;
    const start = Math.max(0, i - CONTEXT);
    // Extend over changes until a run of more than 2 × CONTEXT unchanged lines (or the end).
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end].kind !== ' ') end++;
      let same = end;
      while (same < ops.length && ops[same].kind === ' ') same++;
      if (same === ops.length || same - end > 2 * CONTEXT) {
        end = Math.min(end + CONTEXT, same);
        break;
      }
      end = same;
    }
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${range(aLine[start], aCount)} +${range(bLine[start], bCount)} @@`);
    for (const op of hunk) out.push(...printed(op));
    i = end;
  }
  return out.join('\n') + '\n';
}
