// Entry point: the pitfall findings of one Python source file.
import { scanText } from '../python/scanner';
import { warmUpReaders } from '../python/skim';
import { analyzeScan, Locator, worthScanning } from './engine';
import type { AnalysisOptions, Finding } from './types';

// Every rule runs on this, and reports (see warmUpForManyFiles).
const EVERY_RULE = `#!/usr/bin/env python2
import numpy as np, pandas as pd, torch, tensorflow as tf
from sklearn.datasets import load_boston
from sklearn.cross_validation import train_test_split
df = pd.read_csv("a.csv")
df = df.append({"a": 1}, ignore_index=True)
x = np.float(df.ix[0]) + np.NaN
criterion = torch.nn.MSELoss(); total = 0
for a, b in loader:
    loss = criterion(model(a.cuda()), b.to("cuda"))
    loss.backward(); total += loss
    print "x", 0777, 10L
model.fit(df.drop("y", axis=1), df["y"])  # pyai: ignore[python2]
`;

/**
 * Runs the skim, the scanner and every rule on a little code so that V8 optimizes them on a
 * background thread. A caller about to check many files calls this before other work (the CLI,
 * before it walks the folders): otherwise the first files are read by unoptimized code, which
 * is some 50 times slower (measured: the first 200 stdlib files took ~100 ms instead of ~25 ms).
 */
export function warmUpForManyFiles(): void {
  warmUpReaders();
  for (let k = 0; k < 5; k++) analyzePython(EVERY_RULE);
}

/** Findings for a Python file's text. Never throws; text that is not Python yields few or no findings. */
export function analyzePython(source: string, options: AnalysisOptions = {}): Finding[] {
  if (!worthScanning(source, options)) return [];
  const scan = scanText(source);
  return analyzeScan(scan, options, new Locator(source), false);
}
