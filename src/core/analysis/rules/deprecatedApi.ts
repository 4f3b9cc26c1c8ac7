import type { PythonRule } from './rule';

export const deprecatedApiRule: PythonRule = {
  id: 'deprecated-api',
  run() {
    // implemented in the next commit
  },
};
