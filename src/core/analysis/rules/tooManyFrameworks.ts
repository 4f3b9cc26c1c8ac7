// too-many-frameworks: one file or notebook importing several deep-learning framework families.
import { frameworkImports, frameworkOfImport } from '../frameworks';
import type { PythonRule } from './rule';

const FRAMEWORK_MODULES: ReadonlySet<string> = new Set(frameworkImports());

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
    const what = context.notebook ? 'notebook' : 'file';
    families.slice(1).forEach((family) => {
      const [start, end] = first.get(family)!;
      context.report({
        rule: 'too-many-frameworks',
        message: `This ${what} uses ${families.length} deep-learning frameworks (${families.join(', ')}); here it adds ${family}. Each framework claims GPU memory for itself (TensorFlow and JAX preallocate most of it by default), so mixing them causes out-of-memory errors and doubles what a reader must learn. Keep to one framework, or move the other to its own module.`,
        start,
        end,
        fixes: [],
      });
    });
  },
};
