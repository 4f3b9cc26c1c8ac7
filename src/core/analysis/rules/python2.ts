import type { PythonRule } from './rule';

export const python2Rule: PythonRule = {
  id: 'python2',
  run() {
    // implemented in the next commit
  },
};
