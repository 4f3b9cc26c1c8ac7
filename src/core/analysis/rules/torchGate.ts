// Shared by the PyTorch rules: whether a program uses the PyTorch family, and the name it gives `torch`.
import type { Program } from '../../python/program';
import { frameworkOfImport } from '../frameworks';

export function usesPyTorch(program: Program): boolean {
  for (const top of program.topModules) if (frameworkOfImport(top) === 'PyTorch') return true;
  return false;
}
