import type { PythonRule } from './rule';

export const uncheckedDataRule: PythonRule = {
  id: 'unchecked-data',
  run() {
    // implemented in the next commit
  },
};
