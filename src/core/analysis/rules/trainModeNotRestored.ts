// train-mode-not-restored (off by default): `model.eval()` inside a training loop with no
// `model.train()` anywhere in that loop, so from the second iteration on the model trains in eval
// mode (dropout off, BatchNorm frozen on its running statistics). Spec learning-bugs.md §4, sibling.
import { BlockKind } from '../../python/structure';
import { msg, type Msg } from '../../l10n/text';
import { mentions } from './missingZeroGrad';
import { Mode, ModelModes } from './modelModes';
import type { PythonRule } from './rule';
import { PYTORCH_MODULES, usesPyTorch } from './torchGate';

function message(model: string): Msg {
  return msg('`{0}.eval()` runs inside this training loop, but nothing in the loop calls `{0}.train()` again: from the next iteration on, `{0}` trains in evaluation mode (dropout off, BatchNorm frozen on its running statistics). Call `{0}.train()` before the training part of the loop.', model);
}

export const trainModeNotRestoredRule: PythonRule = {
  id: 'train-mode-not-restored',
  gate: { modules: PYTORCH_MODULES },
  run(context) {
    const { program } = context;
    if (!usesPyTorch(program) || !(mentions(program, 'eval') || mentions(program, 'train')) || !(mentions(program, 'backward') || mentions(program, 'manual_backward'))) return;
    const modes = new ModelModes(program);
    const { st } = modes;
    for (const [name, switches] of modes.allSwitches()) {
      for (const w of switches) {
        if (w.mode !== Mode.Eval || w.first === w.last) continue; // helper calls are judged in the helper
        let loop = st.loop[w.stmt];
        while (loop >= 0 && !modes.isTrainingLoop(loop)) loop = st.loop[loop];
        if (loop < 0 || st.kindOf[w.stmt] === BlockKind.Function) continue;
        if (modes.hasSwitchIn(name, Mode.Train, loop + 1, st.bodyEnd[loop])) continue;
        const restore = modes.restoreTrainEdit(loop, modes.childOf(loop, w.stmt), name);
        context.report({
          rule: 'train-mode-not-restored',
          message: message(name),
          start: program.scan.start[w.first],
          end: program.scan.end[w.last],
          fixes: restore ? [{ title: msg('Call `{0}.train()` before training resumes', name), safe: true, edits: [restore] }] : [],
        });
      }
    }
  },
};
