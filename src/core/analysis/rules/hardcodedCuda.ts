import type { PythonRule } from './rule';

export const hardcodedCudaRule: PythonRule = {
  id: 'hardcoded-cuda',
  run() {
    // implemented in the next commit
  },
};
