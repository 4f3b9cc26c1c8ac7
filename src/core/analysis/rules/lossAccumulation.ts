import type { PythonRule } from './rule';

export const lossAccumulationRule: PythonRule = {
  id: 'loss-accumulation',
  run() {
    // implemented in the next commit
  },
};
