import type { PythonRule } from './rule';

export const bostonDatasetRule: PythonRule = {
  id: 'boston-dataset',
  run() {
    // implemented in the next commit
  },
};
