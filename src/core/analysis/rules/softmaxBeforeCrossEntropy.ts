// softmax-before-cross-entropy: probabilities reach a loss that applies softmax (or sigmoid)
// itself — a PyTorch model whose forward ends in softmax trained with CrossEntropyLoss, softmax
// into NLLLoss, sigmoid into BCEWithLogitsLoss, softmax into TensorFlow's *_with_logits ops, or a
// Keras model whose last layer applies softmax/sigmoid compiled with `from_logits=True`.
import type { Program } from '../../python/program';
import { msg, type Msg } from '../../l10n/text';
import { frameworkImports } from '../frameworks';
import type { Argument } from '../../python/structure';
import { Tok } from '../../python/tokens';
import { receiverStart, shortText } from './expressions';
import { importsAny, type OffsetFix, type PythonRule, type RuleContext } from './rule';
import { type Activation, NONE, V, type Value, Values } from './softmaxValues';

const RULE = 'softmax-before-cross-entropy';

/** Functional losses that expect logits: which activation they must not receive, which argument holds the input. */
interface LogitsOp {
  label: string;
  act: 'softmax' | 'sigmoid' | 'nll';
  /** positional index of the input, and its keyword */
  position: number;
  keyword: string;
  tf?: boolean;
}
const OPS = new Map<string, LogitsOp>([
  ['torch.nn.functional.cross_entropy', { label: 'F.cross_entropy', act: 'softmax', position: 0, keyword: 'input' }],
  ['torch.nn.functional.nll_loss', { label: 'F.nll_loss', act: 'nll', position: 0, keyword: 'input' }],
  ['torch.nn.functional.binary_cross_entropy_with_logits', { label: 'F.binary_cross_entropy_with_logits', act: 'sigmoid', position: 0, keyword: 'input' }],
  ['tensorflow.nn.softmax_cross_entropy_with_logits', { label: 'tf.nn.softmax_cross_entropy_with_logits', act: 'softmax', position: 1, keyword: 'logits', tf: true }],
  ['tensorflow.nn.softmax_cross_entropy_with_logits_v2', { label: 'tf.nn.softmax_cross_entropy_with_logits_v2', act: 'softmax', position: 1, keyword: 'logits', tf: true }],
  ['tensorflow.nn.sparse_softmax_cross_entropy_with_logits', { label: 'tf.nn.sparse_softmax_cross_entropy_with_logits', act: 'softmax', position: 1, keyword: 'logits', tf: true }],
  ['tensorflow.losses.softmax_cross_entropy', { label: 'tf.losses.softmax_cross_entropy', act: 'softmax', position: 1, keyword: 'logits', tf: true }],
  ['tensorflow.compat.v1.losses.softmax_cross_entropy', { label: 'tf.compat.v1.losses.softmax_cross_entropy', act: 'softmax', position: 1, keyword: 'logits', tf: true }],
  ['tensorflow.losses.sparse_softmax_cross_entropy', { label: 'tf.losses.sparse_softmax_cross_entropy', act: 'softmax', position: 1, keyword: 'logits', tf: true }],
  ['tensorflow.compat.v1.losses.sparse_softmax_cross_entropy', { label: 'tf.compat.v1.losses.sparse_softmax_cross_entropy', act: 'softmax', position: 1, keyword: 'logits', tf: true }],
  ['tensorflow.nn.sigmoid_cross_entropy_with_logits', { label: 'tf.nn.sigmoid_cross_entropy_with_logits', act: 'sigmoid', position: 1, keyword: 'logits', tf: true }],
]);
/** Keras function forms that take `from_logits=` in the call. */
const KERAS_FUNCTIONS = new Map<string, Activation>([
  ['sparse_categorical_crossentropy', 'softmax'],
  ['categorical_crossentropy', 'softmax'],
  ['binary_crossentropy', 'sigmoid'],
]);
/** Callee names worth evaluating: everything else is skipped without reading its value. */
const LOSS_WORDS = /loss|crit|entropy|nll|cost|forward|compile|objective/i;

class SoftmaxCheck {
  private readonly values: Values;
  private readonly reported = new Set<number>();
  private readonly paramNames = new Set<string>();

  constructor(
    private readonly context: RuleContext,
    private readonly program: Program,
  ) {
    this.values = new Values(program);
    for (const fn of program.structure().functions) for (const p of fn.params) this.paramNames.add(p.name);
  }

  run(): void {
    const { scan } = this.program;
    for (let t = 1; t < scan.count; t++) {
      if (scan.kind[t] !== Tok.LPar) continue;
      const p = scan.kind[t - 1];
      if (p !== Tok.Name && p !== Tok.RPar) continue;
      if (p === Tok.Name && (scan.isName(t - 2, 'def') || scan.isName(t - 2, 'class'))) continue;
      if (!this.worthReading(t)) continue;
      const s = scan.statementOf(t);
      const callee = receiverStart(scan, t - 1, scan.stFirst[s]);
      // a method of a computed value (`model(x).forward(y)`) is not followed
      if (callee < 0 || scan.kind[callee - 1] === Tok.Dot) continue;
      this.checkCall(callee, t, s);
    }
  }

  /**
   * Whether the call whose `(` is `open` may be a loss, a model's forward or compile, from the callee's
   * last name alone (`criterion`, `self.loss_fn`, `nn.CrossEntropyLoss()`, a parameter): cheap, text only.
   */
  private worthReading(open: number): boolean {
    const { scan } = this.program;
    let last = open - 1;
    if (scan.kind[last] === Tok.RPar) {
      // `nn.CrossEntropyLoss()(out, y)`: the constructor's name
      const d = scan.depth[last];
      let k = last - 1;
      while (k > 0 && k > last - 64 && !(scan.depth[k] === d && scan.kind[k] === Tok.LPar)) k--;
      last = k - 1;
    }
    if (scan.kind[last] !== Tok.Name) return false;
    const word = scan.tokenText(last);
    return LOSS_WORDS.test(word) || this.paramNames.has(word);
  }

  private checkCall(callee: number, open: number, s: number): void {
    const { scan } = this.program;
    const structure = this.program.structure();
    const args = structure.arguments(open);
    const last = open - 1;
    // `model.compile(loss=…)`
    if (scan.isName(last, 'compile') && scan.kind[last - 1] === Tok.Dot) {
      const model = this.values.evaluate(callee, last - 1, s);
      if (model.v !== V.KerasModel || !model.act) return;
      const lossArg = args.find((a) => a.keyword === 'loss') ?? positional(args, 1);
      if (!lossArg) return;
      const loss = this.values.evaluate(lossArg.from, lossArg.to, s);
      if (loss.v === V.KerasLogitsLoss && loss.family === model.act) this.reportKeras(loss.at, model);
      return;
    }
    // imported functions: F.cross_entropy, tf.nn.*_with_logits, keras.losses.*_crossentropy(from_logits=True)
    if (scan.kind[last] === Tok.Name && this.program.isBoundName(callee)) {
      const q = this.program.qualifiedChain(callee);
      if (q === undefined) return;
      const op = OPS.get(q);
      if (op) {
        const arg = args.find((a) => a.keyword === op.keyword) ?? positional(args, op.position);
        if (arg) this.checkInput(arg, s, op.act, callee, open, op.label, op.tf === true);
        return;
      }
      const leaf = q.slice(q.lastIndexOf('.') + 1);
      const family = KERAS_FUNCTIONS.get(leaf);
      if (family && /^(tensorflow|keras|tf_keras)\./.test(q)) {
        const flag = args.find((a) => a.keyword === 'from_logits');
        if (!flag || flag.to !== flag.from + 1 || !scan.isName(flag.from, 'True')) return;
        const pred = args.find((a) => a.keyword === 'y_pred' || a.keyword === 'output') ?? positional(args, 1);
        const out = pred ? this.values.evaluate(pred.from, pred.to, s) : NONE;
        if (out.v === V.KerasOutput && out.act === family) this.reportKeras(flag.from - 2, out);
      }
      return;
    }
    // loss objects: criterion(out, y), criterion.forward(out, y), nn.CrossEntropyLoss()(out, y), loss_fn(y, model(x))
    const forward = scan.isName(last, 'forward') && scan.kind[last - 1] === Tok.Dot;
    const loss = this.values.evaluate(callee, forward ? last - 1 : open, s);
    switch (loss.v) {
      case V.CrossEntropyLoss:
      case V.NLLLoss:
      case V.BCEWithLogitsLoss: {
        const arg = args.find((a) => a.keyword === 'input') ?? positional(args, 0);
        const act = loss.v === V.CrossEntropyLoss ? 'softmax' : loss.v === V.NLLLoss ? 'nll' : 'sigmoid';
        const label = loss.v === V.CrossEntropyLoss ? 'CrossEntropyLoss' : loss.v === V.NLLLoss ? 'NLLLoss' : 'BCEWithLogitsLoss';
        if (arg) this.checkInput(arg, s, act, callee, forward ? last - 1 : open, label, false);
        return;
      }
      case V.KerasLogitsLoss: {
        const pred = args.find((a) => a.keyword === 'y_pred') ?? positional(args, 1);
        const out = pred ? this.values.evaluate(pred.from, pred.to, s) : NONE;
        if (out.v === V.KerasOutput && out.act === loss.family) this.reportKeras(loss.at, out);
        return;
      }
      default:
    }
  }

  /** The loss input `arg` must be logits: report when it went through the activation the loss applies. */
  private checkInput(arg: Argument, s: number, act: 'softmax' | 'sigmoid' | 'nll', callee: number, calleeEnd: number, label: string, tf: boolean): void {
    const value = this.values.evaluate(arg.from, arg.to, s);
    const wanted = act === 'sigmoid' ? V.Sig : V.Prob;
    if (value.v !== wanted || value.at < 0) return;
    const { scan } = this.program;
    const name = shortText(this.program, callee, calleeEnd);
    const input = shortText(this.program, arg.from, arg.to);
    const where = this.context.where(scan.start[value.at]);
    const start = scan.start[callee];
    if (this.reported.has(start)) return;
    this.reported.add(start);
    let message: Msg;
    if (act === 'nll') {
      const article = label === 'NLLLoss' ? msg('an NLLLoss') : '`nll_loss`';
      message = msg('`{0}` is {1}, which expects log-probabilities, but `{2}` went through softmax ({3}), not log-softmax: the loss is computed on the wrong values and its gradients shrink. Use `F.log_softmax` (or `nn.LogSoftmax`) there, or return the raw logits and use `nn.CrossEntropyLoss`.', name, article, input, where);
    } else if (tf) {
      message = msg('`{0}` applies {1} itself and expects unscaled logits, but `{2}` already went through {1} ({3}). TensorFlow: "Do not call this op with the output of softmax, as it will produce incorrect results." Pass the logits (the values before the {1}) and keep the {1} for predictions.', name, act, input, where);
    } else if (act === 'sigmoid') {
      const article = label === 'BCEWithLogitsLoss' ? msg('a BCEWithLogitsLoss') : '`binary_cross_entropy_with_logits`';
      message = msg('`{0}` is {1}, which applies sigmoid itself and expects raw logits, but `{2}` already went through sigmoid ({3}). The double sigmoid squeezes the outputs into (0.5, 0.73) and shrinks the gradients. Return the logits (drop the final sigmoid) and apply `torch.sigmoid` only for predictions, or keep the sigmoid and use `nn.BCELoss`.', name, article, input, where);
    } else {
      const article = label === 'CrossEntropyLoss' ? msg('a CrossEntropyLoss') : '`cross_entropy`';
      message = msg('`{0}` is {1}, which applies log-softmax itself and expects raw logits, but `{2}` already went through softmax ({3}). The double softmax flattens the loss and shrinks the gradients. Return the logits from `forward` (drop the final softmax) and apply softmax only when you need probabilities for prediction.', name, article, input, where);
    }
    const end = lineEnd(this.program, callee, calleeEnd);
    this.context.report({ rule: RULE, message, start, end, fixes: [] });
  }

  /** `from_logits=True` (tokens from `at`) given to a loss that receives the output of `model`. */
  private reportKeras(at: number, model: Value): void {
    const { scan } = this.program;
    const start = scan.start[at];
    if (this.reported.has(start)) return;
    this.reported.add(start);
    const value = at + 2;
    const act = model.act === 'softmax' ? 'softmax' : 'sigmoid';
    const fixes: OffsetFix[] = [
      { title: msg('Set `from_logits=False` (the model already outputs probabilities)'), safe: true, edits: [{ start: scan.start[value], end: scan.end[value], newText: 'False' }] },
    ];
    this.context.report({
      rule: RULE,
      message:
        model.at >= 0
          ? msg('`from_logits=True` tells the loss its input is logits, but the model\'s last layer applies `{0}` ({1}), so the loss applies {2} a second time and training slows or stalls (Keras warns about this only at run time). Set `from_logits=False` or remove the activation from the last layer.', model.act ?? act, this.context.where(scan.start[model.at]), act)
          : msg('`from_logits=True` tells the loss its input is logits, but the model\'s last layer applies `{0}`, so the loss applies {1} a second time and training slows or stalls (Keras warns about this only at run time). Set `from_logits=False` or remove the activation from the last layer.', model.act ?? act, act),
      start,
      end: scan.end[value],
      fixes,
    });
  }
}

function positional(args: readonly Argument[], index: number): Argument | undefined {
  let k = 0;
  for (const a of args) {
    if (a.star !== 0) return undefined;
    if (a.keyword !== undefined) continue;
    if (k++ === index) return a;
  }
  return undefined;
}

/** End offset of the callee tokens [from, to) on the line it starts on. */
function lineEnd(program: Program, from: number, to: number): number {
  const { scan, text } = program;
  const start = scan.start[from];
  const end = scan.end[to - 1];
  const newline = text.indexOf('\n', start);
  return newline >= 0 && newline < end ? newline : end;
}

const FRAMEWORK_MODULES: ReadonlySet<string> = new Set(frameworkImports('PyTorch', 'TensorFlow'));

export const softmaxBeforeCrossEntropyRule: PythonRule = {
  id: RULE,
  gate: { modules: FRAMEWORK_MODULES },
  run(context: RuleContext) {
    const { program } = context;
    if (!importsAny(program, FRAMEWORK_MODULES)) return;
    new SoftmaxCheck(context, program).run();
  },
};
