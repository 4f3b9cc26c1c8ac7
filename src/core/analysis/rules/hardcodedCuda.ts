// hardcoded-cuda: code that puts tensors on a CUDA GPU in a file or notebook that never asks
// whether one is there (`torch.cuda.is_available()`, MPS, device_count, CUDA_VISIBLE_DEVICES).
import type { Program } from '../../python/program';
import { Tok } from '../../python/tokens';
import type { OffsetEdit, OffsetFix, PythonRule, RuleContext } from './rule';
import { PYTORCH_MODULES, usesPyTorch } from './torchGate';

const CUDA_STRING = /^cuda(:\d+)?$/;
const GUARD_METHODS = new Set(['is_available', 'device_count', 'is_built']);

const MESSAGE =
  'This assumes a CUDA GPU, but the code never checks `torch.cuda.is_available()`: on a laptop, a Mac or a CPU-only CI machine it fails ("Torch not compiled with CUDA enabled"). Choose the device once — `device = torch.device("cuda" if torch.cuda.is_available() else "cpu")` — and use `.to(device)`.';

function hasGuard(program: Program): boolean {
  const { scan } = program;
  for (let t = 0; t + 1 < scan.count; t++) {
    const k = scan.kind[t];
    if (k === Tok.Dot && scan.kind[t + 1] === Tok.Name && GUARD_METHODS.has(scan.tokenText(t + 1))) return true;
    if (k === Tok.String && program.stringValue(t) === 'CUDA_VISIBLE_DEVICES') return true;
  }
  return false;
}

function isCudaString(program: Program, t: number): boolean {
  const v = program.stringValue(t);
  return v !== undefined && CUDA_STRING.test(v);
}

interface Hit {
  start: number;
  end: number;
  edit: OffsetEdit | undefined;
}

class CudaCheck {
  private readonly torch: string | undefined;
  private readonly hits: Hit[] = [];

  constructor(
    private readonly context: RuleContext,
    private readonly program: Program,
  ) {
    this.torch = program.moduleAlias('torch');
  }

  /** `"cuda"` → `"cuda" if torch.cuda.is_available() else "cpu"` (same quotes). */
  private stringHit(t: number): void {
    const { scan, text } = this.program;
    const literal = text.slice(scan.start[t], scan.end[t]);
    const q = literal.endsWith("'") ? "'" : '"';
    const edit = this.torch === undefined ? undefined : { start: scan.start[t], end: scan.end[t], newText: `${literal} if ${this.torch}.cuda.is_available() else ${q}cpu${q}` };
    this.hits.push({ start: scan.start[t], end: scan.end[t], edit });
  }

  /** `.cuda()` / `.cuda(0)` → `.to("cuda" if torch.cuda.is_available() else "cpu")`. */
  private cudaCallHit(name: number, open: number): void {
    const { scan } = this.program;
    const close = scan.closing(open);
    const end = close >= 0 ? scan.end[close] : scan.end[open];
    let device: string | undefined;
    if (close === open + 1) device = 'cuda';
    else if (close === open + 2 && scan.kind[open + 1] === Tok.Number && /^\d+$/.test(scan.tokenText(open + 1))) device = `cuda:${scan.tokenText(open + 1)}`;
    const edit = device === undefined || this.torch === undefined ? undefined : { start: scan.start[name], end, newText: `to("${device}" if ${this.torch}.cuda.is_available() else "cpu")` };
    this.hits.push({ start: scan.start[name], end, edit });
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
        if ((kwarg && (after === Tok.RPar || after === Tok.Comma)) || assignment) this.stringHit(t + 2);
        continue;
      }
      if (k === Tok.Name && program.isReference(t) && scan.isName(t + 2, 'device') && scan.kind[t + 1] === Tok.Dot && scan.kind[t + 3] === Tok.LPar) {
        if (program.resolveName(t) === 'torch' && scan.kind[t + 4] === Tok.String && isCudaString(program, t + 4)) {
          const after = scan.kind[t + 5];
          if (after === Tok.RPar || after === Tok.Comma) this.stringHit(t + 4);
        }
      }
    }
    this.report();
  }

  /**
   * One fix for all places: fixing a single one would add an availability check that silences
   * the rule for the rest of the file while the others still assume a GPU. Shared: the first
   * finding carries the edits, the others refer to it (n findings × n edits would not fit in memory).
   */
  private report(): void {
    const edits = this.hits.filter((h) => h.edit).map((h) => h.edit!);
    const fixes: OffsetFix[] =
      edits.length > 0
        ? [{ title: edits.length > 1 ? `Use the GPU only when one is available (all ${edits.length} places)` : 'Use the GPU only when one is available', safe: true, edits, shared: true }]
        : [];
    for (const h of this.hits) {
      this.context.report({ rule: 'hardcoded-cuda', message: MESSAGE, start: h.start, end: h.end, fixes: h.edit ? fixes : [] });
    }
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
