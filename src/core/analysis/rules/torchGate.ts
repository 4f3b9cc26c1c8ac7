// Shared by the PyTorch rules: whether a program uses the PyTorch family.
import type { Program } from '../../python/program';
import { frameworkImports } from '../frameworks';
import { importsAny } from './rule';

/** Top-level import names of the PyTorch family (torch, torchvision, lightning, …). */
export const PYTORCH_MODULES: ReadonlySet<string> = new Set(frameworkImports('PyTorch'));

export function usesPyTorch(program: Program): boolean {
  return importsAny(program, PYTORCH_MODULES);
}
