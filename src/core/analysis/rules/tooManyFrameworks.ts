// too-many-frameworks: one file or notebook importing several deep-learning framework families. The
// family the code uses most is what the file is about; the finding sits on the import of each other
// family, the one the user is least likely to mean to keep.
import { frameworkImports, frameworkOfImport } from '../frameworks';
import { Tok } from '../../python/tokens';
import type { Program } from '../../python/program';
import { msg, type Msg } from '../../l10n/text';
import type { PythonRule } from './rule';

const FRAMEWORK_MODULES: ReadonlySet<string> = new Set(frameworkImports());

/** How often the code outside imports refers to a name bound by each family's imports. */
function usesPerFamily(program: Program): Map<string, number> {
  const uses = new Map<string, number>();
  const { scan } = program;
  for (let k = 0; k < scan.nameCount; k++) {
    const t = scan.names[k];
    if (scan.kind[t] !== Tok.Name || !program.isReference(t)) continue;
    const qualified = program.resolveName(t);
    if (qualified === undefined) continue;
    const family = frameworkOfImport(qualified.split('.', 1)[0]);
    if (family === undefined || program.isImportStatement(scan.statementOf(t))) continue;
    uses.set(family, (uses.get(family) ?? 0) + 1);
  }
  return uses;
}

function times(n: number): Msg {
  return n === 1 ? msg('once') : msg('{0} times', n);
}

export const tooManyFrameworksRule: PythonRule = {
  id: 'too-many-frameworks',
  gate: { modules: FRAMEWORK_MODULES },
  run(context) {
    const { program, options } = context;
    const threshold = Math.max(2, options.frameworkThreshold ?? 2);
    const { scan } = program;
    /** family → [start, end] of its first import's module path */
    const first = new Map<string, [number, number]>();
    for (const b of program.imports) {
      if (b.relative || !b.module) continue;
      const family = frameworkOfImport(b.module.split('.', 1)[0]);
      if (family === undefined || first.has(family)) continue;
      first.set(family, [scan.start[b.moduleFirst], scan.end[b.moduleEnd - 1]]);
    }
    if (first.size < threshold) return;
    const families = [...first.keys()];
    const uses = usesPerFamily(program);
    // The most used family is the file's own; on a tie, the one imported first.
    const main = families.reduce((best, f) => ((uses.get(f) ?? 0) > (uses.get(best) ?? 0) ? f : best), families[0]);
    for (const family of families) {
      if (family === main) continue;
      const [start, end] = first.get(family)!;
      context.report({
        rule: 'too-many-frameworks',
        message: msg(
          context.notebook
            ? 'This notebook uses {0} deep-learning frameworks ({1}). It is mostly about {2} (its names are used {3}); {4}, imported here, is used {5}. Each framework claims GPU memory for itself (TensorFlow and JAX reserve most of it when they start), so mixing them causes out-of-memory errors and doubles what a reader must learn. Keep to {2} in this notebook, or move the {4} code to a module of its own.'
            : 'This file uses {0} deep-learning frameworks ({1}). It is mostly about {2} (its names are used {3}); {4}, imported here, is used {5}. Each framework claims GPU memory for itself (TensorFlow and JAX reserve most of it when they start), so mixing them causes out-of-memory errors and doubles what a reader must learn. Keep to {2} in this file, or move the {4} code to a module of its own.',
          families.length,
          families.join(', '),
          main,
          times(uses.get(main) ?? 0),
          family,
          times(uses.get(family) ?? 0),
        ),
        start,
        end,
        fixes: [],
      });
    }
  },
};
