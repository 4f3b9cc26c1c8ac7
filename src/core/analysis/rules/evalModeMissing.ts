// eval-mode-missing: a model with Dropout/BatchNorm evaluated while still in training mode (inside
// `torch.no_grad()`, in a loop over validation/test data, or in an evaluate/test helper) with no
// `model.eval()` before it. Strict by default (spec learning-bugs.md §4): the model's layers must be
// visible in the file (or the file calls `model.train()`), the evaluation site explicit, and no
// eval switch anywhere on the way.
import type { Program } from '../../python/program';
import { msg, type Msg } from '../../l10n/text';
import { BindingKind, BlockKind, type FunctionInfo } from '../../python/structure';
import { Key, Tok } from '../../python/tokens';
import { Mode, ModelModes } from './modelModes';
import type { OffsetEdit, PythonRule, RuleContext } from './rule';
import { PYTORCH_MODULES, usesPyTorch } from './torchGate';
import { insertBefore } from './torchCalls';

/** Loop iterables and argument names that hold evaluation data (`val_loader`, `X_test`, `dataloaders['val']`). */
const EVAL_DATA = /(^|[_'"])(test|val|valid|validation|eval|dev)(_|$|['"]|loader|set|data|dl|ds)|^(test|val|valid|eval|dev)/i;
const EVAL_FUNCTION = /^(test|evaluate|evaluation|eval|validate|validation|valid|val|predict|inference|infer)(_|$)|_(test|evaluate|eval|validate|validation|predict|inference)$/;
const LIGHTNING_STEP = /^(validation|test|predict)_(step|epoch_end)$|^on_(validation|test|predict)_/;

function message(model: string): Msg {
  return msg('`{0}` has Dropout/BatchNorm layers but is evaluated here in training mode: dropout still drops units and BatchNorm uses this batch\'s statistics (and updates its running averages with evaluation data), so the accuracy/loss you measure is wrong. Call `{0}.eval()` before evaluating, and `{0}.train()` before training resumes. `torch.no_grad()` only turns off gradient tracking; it does not change the mode.', model);
}

interface Site {
  /** The statement the fix inserts `model.eval()` before (the no_grad block, the loop, or the helper's first statement). */
  container: number;
}

class EvalModeCheck {
  private readonly modes: ModelModes;
  private readonly reported = new Set<string>();

  constructor(
    private readonly context: RuleContext,
    modes: ModelModes,
  ) {
    this.modes = modes;
  }

  run(): void {
    const { program, st } = this.modes;
    const { scan } = program;
    const candidates = this.candidateNames();
    if (candidates.size === 0) return;
    for (let i = 0; i < scan.nameCount; i++) {
      const t = scan.names[i];
      if (t > 0 && scan.kind[t - 1] === Tok.Dot) continue;
      const forward = scan.kind[t + 1] === Tok.LPar ? t + 1 : scan.kind[t + 1] === Tok.Dot && scan.isName(t + 2, 'forward') && scan.kind[t + 3] === Tok.LPar ? t + 3 : -1;
      if (forward < 0) continue;
      const name = scan.tokenText(t);
      if (!candidates.has(name)) continue;
      const s = scan.statementOf(t);
      if (st.kindOf[s] === BlockKind.Function || st.kindOf[s] === BlockKind.Class) continue;
      const site = this.evaluationSite(s);
      if (!site) continue;
      const key = `${name}@${site.container}`;
      if (this.reported.has(key) || !this.inTrainingMode(name, s)) continue;
      this.reported.add(key);
      this.report(name, t, forward, site);
    }
  }

  /** Names bound somewhere to a model, or parameters: the only names whose calls can be forward passes we judge. */
  private candidateNames(): Set<string> {
    const { st } = this.modes;
    const names = new Set<string>();
    for (const b of st.allAssignments()) if (b.kind === BindingKind.Assign && !b.name.includes('.')) names.add(b.name);
    for (const fn of st.functions) for (const p of fn.params) names.add(p.name);
    names.delete('self');
    return names;
  }

  /** Whether statement `s` (holding a forward call) evaluates, and where `model.eval()` would go. */
  private evaluationSite(s: number): Site | undefined {
    const { st } = this.modes;
    const fn = st.functionOf(s);
    if (fn && (LIGHTNING_STEP.test(fn.name) || this.inLightningModule(fn))) return undefined;
    const scope = st.scope[s];
    let container = -1;
    let evaluating = false;
    let noGrad = -1;
    let innerLoop = false;
    for (let p = st.parent[s]; p >= 0 && p !== scope; p = st.parent[p]) {
      if (st.kindOf[p] === BlockKind.Loop) {
        if (this.modes.callsBackward(p, st.bodyEnd[p])) {
          if (noGrad < 0 && !evaluating) return undefined; // the forward pass of a training step
          break; // the training loop around an evaluation block
        }
        if (noGrad < 0) innerLoop = true;
        if (this.iteratesEvalData(p)) {
          evaluating = true;
          container = p;
        }
      } else if (this.modes.isWith(p) && this.modes.isNoGrad(p)) {
        if (this.modes.callsBackward(p, st.bodyEnd[p])) return undefined;
        noGrad = p;
        container = p;
      }
    }
    if (noGrad >= 0 && !evaluating) {
      // a no_grad block inside a training loop is evaluation only when it loops over data or names
      // evaluation data; a single call there is logging (a GAN sampling fixed noise)
      const trainingLoop = st.loop[noGrad] >= 0 && this.modes.isTrainingLoop(st.loop[noGrad]);
      evaluating = !trainingLoop || innerLoop || this.mentionsEvalData(s);
    }
    if (!evaluating && fn && !this.modes.callsBackward(fn.header, fn.bodyEnd) && (EVAL_FUNCTION.test(fn.name) || this.decoratedNoGrad(fn))) {
      evaluating = true;
      container = this.firstBodyStatement(fn);
    }
    return evaluating && container >= 0 ? { container } : undefined;
  }

  private inLightningModule(fn: FunctionInfo): boolean {
    const cls = fn.classHeader >= 0 ? this.modes.st.classAtHeader(fn.classHeader) : undefined;
    return cls !== undefined && /Lightning/.test(textRange(this.modes, cls.basesFrom, cls.basesTo));
  }

  private decoratedNoGrad(fn: FunctionInfo): boolean {
    for (let d = fn.decoratorFrom; d < fn.header; d++) if (this.modes.isNoGrad(d)) return true;
    return false;
  }

  /** The first statement of a def's body after its docstring, or -1. */
  private firstBodyStatement(fn: FunctionInfo): number {
    const { scan } = this.modes.program;
    let s = fn.header + 1;
    if (s < fn.bodyEnd && scan.kind[scan.stFirst[s]] === Tok.String && scan.stEnd[s] === scan.stFirst[s] + 2) s = this.modes.st.bodyEnd[s];
    return s < fn.bodyEnd ? s : -1;
  }

  private iteratesEvalData(loop: number): boolean {
    const { scan } = this.modes.program;
    const f = scan.stFirst[loop];
    let k = f;
    while (k < scan.stEnd[loop] && !scan.isName(k, 'in')) k++;
    for (; k < scan.stEnd[loop]; k++) if ((scan.kind[k] === Tok.Name || scan.kind[k] === Tok.String) && EVAL_DATA.test(scan.tokenText(k))) return true;
    return false;
  }

  private mentionsEvalData(s: number): boolean {
    const { scan } = this.modes.program;
    for (let k = scan.stFirst[s]; k < scan.stEnd[s]; k++) if (scan.kind[k] === Tok.Name && EVAL_DATA.test(scan.tokenText(k))) return true;
    return false;
  }

  /** Whether `name` may be in training mode at statement `s` (mode-sensitive, and not switched to eval on the way). */
  private inTrainingMode(name: string, s: number): boolean {
    const { st } = this.modes;
    const b = st.bindingBefore(name, s);
    const fn = st.functionOf(s);
    if (b?.kind === BindingKind.Param && fn && b.scope === fn.header) {
      if (this.modes.hasSwitchIn(name, Mode.Eval, fn.header + 1, fn.bodyEnd)) return false;
      return st.callsTo(fn.name).some((call) => {
        if (call.onSelf) return false;
        const p = fn.params.find((x) => x.name === name)!;
        const a = st.argumentFor(call, fn, p);
        const { scan } = this.modes.program;
        if (!a || a.to !== a.from + 1 || scan.kind[a.from] !== Tok.Name) return false;
        const arg = scan.tokenText(a.from);
        return this.modes.isSensitiveName(arg, call.stmt) && this.modeBefore(arg, call.stmt) !== Mode.Eval;
      });
    }
    if (!this.modes.isSensitiveName(name, s)) return false;
    if (fn && (!b || b.scope !== fn.header)) {
      // a module-level model used in a function: any eval switch at module level or in the function counts
      return !this.modes.hasSwitchIn(name, Mode.Eval, 0, st.kindOf.length);
    }
    return this.modeBefore(name, s) !== Mode.Eval;
  }

  /**
   * The mode `name` was last switched to before statement `s` in `s`'s scope (statement order), or
   * Eval when an eval switch in an enclosing loop or a sibling branch may run first; undefined when never switched.
   */
  private modeBefore(name: string, s: number): Mode | undefined {
    const { st, program } = this.modes;
    for (let l = st.loop[s]; l >= 0; l = st.loop[l]) if (this.modes.hasSwitchIn(name, Mode.Eval, l + 1, st.bodyEnd[l])) return Mode.Eval;
    const last = this.modes.lastSwitchBefore(name, s);
    if (last?.mode === Mode.Train) {
      // `if phase == "train": model.train() else: model.eval()`: the mode depends on the branch
      const branch = st.parent[last.stmt];
      const key = branch >= 0 ? program.scan.stKey[branch] : Key.None;
      if ((key === Key.If || key === Key.Elif || key === Key.Else) && this.modes.hasSwitchIn(name, Mode.Eval, st.parent[branch] + 1, s)) return Mode.Eval;
    }
    return last?.mode;
  }

  private report(name: string, t: number, open: number, site: Site): void {
    const { program, st } = this.modes;
    const { scan } = program;
    const close = scan.closing(open);
    const end = close >= 0 && !program.text.slice(scan.start[t], scan.end[close]).includes('\n') ? scan.end[close] : scan.end[t];
    const edits: OffsetEdit[] = [insertBefore(program, site.container, `${name}.eval()`)];
    // training resumes in the same loop: put train() back for it
    for (let l = st.loop[site.container]; l >= 0; l = st.loop[l]) {
      if (!this.modes.isTrainingLoop(l)) continue;
      if (!this.modes.hasSwitchIn(name, Mode.Train, l + 1, st.bodyEnd[l])) {
        const restore = this.modes.restoreTrainEdit(l, this.modes.childOf(l, site.container), name);
        if (restore && restore.start !== edits[0].start) edits.push(restore);
      }
      break;
    }
    this.context.report({
      rule: 'eval-mode-missing',
      message: message(name),
      start: scan.start[t],
      end,
      fixes: [{ title: edits.length > 1 ? msg('Call `{0}.eval()` before evaluating and `{0}.train()` before training', name) : msg('Call `{0}.eval()` before evaluating', name), safe: true, edits }],
    });
  }
}

function textRange(modes: ModelModes, from: number, to: number): string {
  const { scan, text } = modes.program;
  return from < to ? text.slice(scan.start[from], scan.end[to - 1]) : '';
}

export const evalModeMissingRule: PythonRule = {
  id: 'eval-mode-missing',
  gate: { modules: PYTORCH_MODULES },
  run(context) {
    const { program } = context;
    // a mode-sensitive model needs a Dropout/BatchNorm/RNN layer, a torchvision model or a `.train()` call in the file
    if (!usesPyTorch(program) || !mentionsModeSignal(program)) return;
    new EvalModeCheck(context, new ModelModes(program)).run();
  },
};

const MODE_SIGNAL = /^(Dropout[123]?d?|AlphaDropout|FeatureAlphaDropout|(Lazy)?BatchNorm[123]d|SyncBatchNorm|LSTM|GRU|RNN|dropout\w*|train|models)$/;

function mentionsModeSignal(program: Program): boolean {
  const { scan } = program;
  for (let i = 0; i < scan.nameCount; i++) {
    const t = scan.names[i];
    const length = scan.end[t] - scan.start[t];
    if (length >= 3 && length <= 19 && MODE_SIGNAL.test(scan.tokenText(t))) return true;
  }
  return false;
}
