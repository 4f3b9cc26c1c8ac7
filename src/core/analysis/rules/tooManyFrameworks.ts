import type { PythonRule } from './rule';

export const tooManyFrameworksRule: PythonRule = {
  id: 'too-many-frameworks',
  run() {
    // implemented in the next commit
  },
};
