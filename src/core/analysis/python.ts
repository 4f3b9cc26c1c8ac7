// Entry point: the pitfall findings of one Python source file.
import { scanText } from '../python/scanner';
import { analyzeScan, Locator, worthScanning } from './engine';
import type { AnalysisOptions, Finding } from './types';

/** Findings for a Python file's text. Never throws; text that is not Python yields few or no findings. */
export function analyzePython(source: string, options: AnalysisOptions = {}): Finding[] {
  if (!worthScanning(source, options)) return [];
  const scan = scanText(source);
  return analyzeScan(scan, options, new Locator(source), false);
}
