// hardcoded-cuda: code that puts tensors on a CUDA GPU in a file or notebook that never asks
// whether one is there (`torch.cuda.is_available()`, MPS, device_count, CUDA_VISIBLE_DEVICES).
import type { Program } from '../../python/program';
import { Tok } from '../../python/tokens';
import { msg } from '../../l10n/text';
import type { OffsetEdit, OffsetFix, PythonRule, RuleContext } from './rule';
import { PYTORCH_MODULES, usesPyTorch } from './torchGate';

const CUDA_STRING = /^cuda(:\d+)?$/;
const GUARD_METHODS = new Set(['is_available', 'device_count', 'is_built']);

const MESSAGE = msg(
  'This assumes a CUDA GPU, but the code never checks `torch.cuda.is_available()`: on a laptop, a Mac or a CPU-only CI machine it fails ("Torch not compiled with CUDA enabled"). Choose the device once — `device = torch.device("cuda" if torch.cuda.is_available() else "cpu")` — and use `.to(device)`.',
);

/** A flag that says whether to use the GPU (`use_cuda`, `train_on_gpu`, `args.cuda`). */
const GPU_FLAG = /gpu|cuda/i;

/**
 * Whether the condition after the `if`/`elif`/`while` at token `t` (or a conditional expression's
 * `if`) tests a GPU flag: `if train_on_gpu:` with the flag set from `is_available()` elsewhere, often
 * in another file (course helpers receive it as a parameter), is a check.
 */
function testsGpuFlag(program: Program, t: number): boolean {
  const { scan } = program;
  const depth = scan.depth[t];
  for (let j = t + 1; j < scan.count; j++) {
    const k = scan.kind[j];
    if (k === Tok.Newline || k === Tok.Semi || (k === Tok.Colon && scan.depth[j] === depth) || (k === Tok.Name && scan.isName(j, 'else'))) return false;
    if (scan.depth[j] < depth) return false;
    if (k === Tok.Name && GPU_FLAG.test(scan.tokenText(j))) return true;
  }
  return false;
}

function hasGuard(program: Program): boolean {
  const { scan } = program;
  for (let t = 0; t + 1 < scan.count; t++) {
    const k = scan.kind[t];
    if (k === Tok.Dot && scan.kind[t + 1] === Tok.Name && GUARD_METHODS.has(scan.tokenText(t + 1))) return true;
    if (k === Tok.String && program.stringValue(t) === 'CUDA_VISIBLE_DEVICES') return true;
    if (k === Tok.Name && (scan.isName(t, 'if') || scan.isName(t, 'elif') || scan.isName(t, 'while')) && testsGpuFlag(program, t)) return true;
  }
  return false;
}

function isCudaString(program: Program, t: number): boolean {
  const v = program.stringValue(t);
  return v !== undefined && CUDA_STRING.test(v);
}

/** Where a hit is and how the fix rewrites it once a device variable exists. */
interface Hit {
  /** What the diagnostic underlines. */
  start: number;
  end: number;
  /** What the fix replaces (the whole `torch.device("cuda")` call where the hit is its string). */
  editStart: number;
  editEnd: number;
  /** The replacement that uses the device variable `name`; undefined for a GPU picked by index. */
  useDevice?: (name: string) => string;
  /** The replacement without a device variable: the availability check inline (`"cuda:1" if … else "cpu"`). */
  inline?: string;
  /** A top-level `device = "cuda"` or `device = torch.device("cuda")`: it can become the definition itself. */
  definesName?: string;
}

/** Names the fix may give the device variable, in order of preference. */
const DEVICE_NAMES = ['device', 'torch_device', 'compute_device'];

class CudaCheck {
  private readonly torch: string | undefined;
  private readonly hits: Hit[] = [];

  constructor(
    private readonly context: RuleContext,
    private readonly program: Program,
  ) {
    this.torch = program.moduleAlias('torch');
  }

  private available(): string {
    return `${this.torch}.cuda.is_available()`;
  }

  /** A CUDA device string: becomes the device variable (plain "cuda") or keeps its index, checked inline. */
  private stringHit(t: number, definesName?: string): void {
    const { scan, text } = this.program;
    const literal = text.slice(scan.start[t], scan.end[t]);
    const q = literal.endsWith("'") ? "'" : '"';
    const hit: Hit = { start: scan.start[t], end: scan.end[t], editStart: scan.start[t], editEnd: scan.end[t], definesName };
    if (this.torch !== undefined) {
      hit.inline = `${literal} if ${this.available()} else ${q}cpu${q}`;
      // "cuda:1" names one GPU of several: the device chosen once is the default GPU, so that place keeps its index.
      if (this.program.stringValue(t) === 'cuda') hit.useDevice = (name) => name;
    }
    this.hits.push(hit);
  }

  /** `torch.device("cuda")` as a whole becomes the device variable; `torch.device("cuda", 1)` keeps its index. */
  private torchDeviceHit(first: number, stringToken: number): void {
    const { scan } = this.program;
    const closed = scan.kind[stringToken + 1] === Tok.RPar;
    const s = scan.statementOf(first);
    const defines = closed && scan.stFirst[s] === first - 2 && scan.kind[first - 1] === Tok.Equal && scan.kind[first - 2] === Tok.Name && scan.depth[first] === 0
      && (scan.kind[stringToken + 2] === Tok.Newline || scan.kind[stringToken + 2] === Tok.Semi) && this.isTopLevel(s) ? scan.tokenText(first - 2) : undefined;
    this.stringHit(stringToken, defines);
    const hit = this.hits[this.hits.length - 1];
    if (!closed) hit.useDevice = undefined;
    else if (hit.useDevice) {
      hit.editStart = scan.start[first];
      hit.editEnd = scan.end[stringToken + 1];
    }
  }

  /** `.cuda()` / `.cuda(0)` → `.to(device)` (or the availability check inline for an indexed GPU). */
  private cudaCallHit(name: number, open: number): void {
    const { scan } = this.program;
    const close = scan.closing(open);
    const end = close >= 0 ? scan.end[close] : scan.end[open];
    const hit: Hit = { start: scan.start[name], end, editStart: scan.start[name], editEnd: end };
    let device: string | undefined;
    if (close === open + 1) device = 'cuda';
    else if (close === open + 2 && scan.kind[open + 1] === Tok.Number && /^\d+$/.test(scan.tokenText(open + 1))) device = `cuda:${scan.tokenText(open + 1)}`;
    if (device !== undefined && this.torch !== undefined) {
      hit.inline = `to("${device}" if ${this.available()} else "cpu")`;
      if (device === 'cuda') hit.useDevice = (n) => `to(${n})`;
    }
    this.hits.push(hit);
  }

  run(): void {
    const { scan } = this.program;
    const program = this.program;
    for (let t = 0; t < scan.count; t++) {
      const k = scan.kind[t];
      if (k === Tok.Dot && scan.kind[t + 1] === Tok.Name && scan.kind[t + 2] === Tok.LPar) {
        const name = t + 1;
        const open = t + 2;
        if (scan.isName(name, 'cuda')) {
          // `x.cuda()`; not `torch.cuda(...)`
          if (scan.kind[t - 1] === Tok.Name && program.isReference(t - 1) && program.resolveName(t - 1) === 'torch') continue;
          this.cudaCallHit(name, open);
        } else if (scan.isName(name, 'to') && scan.kind[open + 1] === Tok.String && isCudaString(program, open + 1)) {
          const after = scan.kind[open + 2];
          if (after === Tok.RPar || after === Tok.Comma) this.stringHit(open + 1);
        }
        continue;
      }
      if (k === Tok.Name && scan.kind[t + 1] === Tok.Equal && scan.kind[t + 2] === Tok.String && isCudaString(program, t + 2)) {
        const after = scan.kind[t + 3];
        const prev = scan.kind[t - 1];
        const kwarg = scan.depth[t] > 0 && (prev === Tok.LPar || prev === Tok.Comma) && (scan.isName(t, 'device') || scan.isName(t, 'map_location'));
        const assignment = scan.depth[t] === 0 && (after === Tok.Newline || after === Tok.Semi) && /device/i.test(scan.tokenText(t));
        if (kwarg && (after === Tok.RPar || after === Tok.Comma)) this.stringHit(t + 2);
        else if (assignment) this.stringHit(t + 2, this.isTopLevel(scan.statementOf(t)) && scan.stFirst[scan.statementOf(t)] === t ? scan.tokenText(t) : undefined);
        continue;
      }
      if (k === Tok.Name && program.isReference(t) && scan.isName(t + 2, 'device') && scan.kind[t + 1] === Tok.Dot && scan.kind[t + 3] === Tok.LPar) {
        if (program.resolveName(t) === 'torch' && scan.kind[t + 4] === Tok.String && isCudaString(program, t + 4)) {
          const after = scan.kind[t + 5];
          if (after === Tok.RPar || after === Tok.Comma) this.torchDeviceHit(t, t + 4);
        }
      }
    }
    this.report();
  }

  /** A statement at the left margin of the file or cell, not inside a block. */
  private isTopLevel(s: number): boolean {
    const { scan, text } = this.program;
    if (scan.stIndent[s] !== 0) return false;
    const at = scan.start[scan.stFirst[s]];
    return at === 0 || text.charCodeAt(at - 1) === 10 || text.charCodeAt(at - 1) === 13;
  }

  /**
   * The offset to add the device definition at: the end of the line of the last top-level import
   * before the first place that needs the device, once torch is imported there. Undefined when
   * there is no such import (torch imported in a function or after its first use).
   */
  private definitionOffset(before: number): number | undefined {
    const { scan, text } = this.program;
    let torchSeen = false;
    let last = -1;
    for (const b of this.program.imports) {
      const s = b.statement;
      const first = scan.start[scan.stFirst[s]];
      if (first >= before) break;
      if (!this.isTopLevel(s)) continue;
      if (b.local === this.torch && b.qualified === 'torch') torchSeen = true;
      if (torchSeen) last = s;
    }
    if (last < 0) return undefined;
    let lastToken = scan.stEnd[last] - 1;
    if (scan.kind[lastToken] === Tok.Newline || scan.kind[lastToken] === Tok.Semi) lastToken--;
    const end = scan.end[lastToken];
    let line = end;
    while (line < text.length && text.charCodeAt(line) !== 10 && text.charCodeAt(line) !== 13) line++;
    // A line that goes on after the import (`import torch; x = 1`) is left whole: the definition follows it,
    // unless the first place that needs the device is on that line.
    return line <= before ? line : undefined;
  }

  /** The first of DEVICE_NAMES that the program never uses as a variable (keyword arguments and attributes do not count). */
  private freeDeviceName(): string | undefined {
    const { scan } = this.program;
    const used = new Set<string>();
    for (let t = 0; t < scan.count; t++) if (scan.kind[t] === Tok.Name && this.program.isReference(t)) used.add(scan.tokenText(t));
    return DEVICE_NAMES.find((n) => !used.has(n));
  }

  /**
   * One fix for all places, as the message advises: choose the device once, near the imports
   * (`device = torch.device("cuda" if torch.cuda.is_available() else "cpu")`), and use it at each
   * place. A top-level `device = "cuda"` before every other place becomes that definition. Fixing a
   * single place would add an availability check that silences the rule for the rest of the file
   * while the others still assume a GPU. Shared: the first finding carries the edits, the others
   * refer to it (n findings × n edits would not fit in memory).
   */
  private report(): void {
    const edits = this.fixEdits();
    const places = edits.length;
    const fixes: OffsetFix[] =
      places > 0
        ? [
            {
              title: this.hits.length > 1 ? msg('Choose the device once by GPU availability and use it (all {0} places)', this.hits.length) : msg('Choose the device once by GPU availability and use it'),
              safe: true,
              edits,
              shared: true,
            },
          ]
        : [];
    const fixable = new Set(this.hits.filter((h) => h.inline !== undefined));
    for (const h of this.hits) {
      this.context.report({ rule: 'hardcoded-cuda', message: MESSAGE, start: h.start, end: h.end, fixes: fixable.has(h) ? fixes : [] });
    }
  }

  private fixEdits(): OffsetEdit[] {
    const fixable = this.hits.filter((h) => h.inline !== undefined);
    const inline = (h: Hit): OffsetEdit => ({ start: h.start, end: h.end, newText: h.inline! });
    if (!fixable.some((h) => h.useDevice)) return fixable.map(inline);
    const { text } = this.program;
    const choose = `${this.torch}.device("cuda" if ${this.available()} else "cpu")`;
    // A top-level `device = "cuda"` that comes before every other place is the definition to rewrite.
    const definer = fixable[0].definesName !== undefined && fixable[0].useDevice ? fixable[0] : undefined;
    let name: string | undefined;
    let definition: OffsetEdit | undefined;
    if (definer) {
      name = definer.definesName!;
      definition = { start: definer.editStart, end: definer.editEnd, newText: choose };
    } else {
      name = this.freeDeviceName();
      const at = this.definitionOffset(fixable[0].start);
      if (name !== undefined && at !== undefined) {
        const eol = text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10 ? '\r\n' : text.charCodeAt(at) === 13 ? '\r' : '\n';
        definition = { start: at, end: at, newText: `${eol}${name} = ${choose}` };
      }
    }
    if (definition === undefined || name === undefined) return fixable.map(inline);
    const edits: OffsetEdit[] = [definition];
    for (const h of fixable) {
      if (h === definer) continue;
      edits.push(h.useDevice ? { start: h.editStart, end: h.editEnd, newText: h.useDevice(name) } : inline(h));
    }
    return edits.sort((a, b) => a.start - b.start);
  }
}

export const hardcodedCudaRule: PythonRule = {
  id: 'hardcoded-cuda',
  gate: { modules: PYTORCH_MODULES },
  run(context) {
    const { program } = context;
    if (!usesPyTorch(program) || hasGuard(program)) return;
    new CudaCheck(context, program).run();
  },
};
