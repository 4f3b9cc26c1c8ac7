// A large Python file generated on demand (never committed): ordinary training-script code, one
// block of functions and a class after another with fresh names, so the engine does its full work
// on every line and finds nothing until a test types a pitfall into it.
const HEADER = `"""A generated training module: many small, correct functions."""
import json
import math

import numpy as np
import torch
from torch import nn

`;

function block(i: number): string {
  return `
def train_step_${i}(model, batch, optimizer, loss_fn):
    """Runs optimisation step ${i} and returns the loss as a float."""
    inputs, targets = batch
    optimizer.zero_grad()
    outputs = model(inputs)
    loss = loss_fn(outputs, targets)
    loss.backward()
    optimizer.step()
    return loss.item()


class Scaler${i}:
    def __init__(self, factor=${i % 97 + 1}):
        self.factor = factor
        self.mean = 0.0

    def fit(self, values):
        total = sum(values)
        self.mean = total / max(len(values), 1)
        return self

    def transform(self, values):
        return [(v - self.mean) * self.factor for v in values]


def summarize_${i}(rows, path="report_${i}.json"):
    counts = {}
    for row in rows:
        key = row.get("label", "unknown")
        counts[key] = counts.get(key, 0) + 1
    with open(path, "w") as handle:
        json.dump(counts, handle)
    return sorted(counts.items(), key=lambda kv: kv[1], reverse=True)


def distance_${i}(a, b):
    return math.sqrt(float(np.sum((np.asarray(a) - np.asarray(b)) ** 2)))

`;
}

/** Python text of about `chars` characters (a little less, never more). */
export function largePython(chars: number): string {
  const parts = [HEADER];
  let length = HEADER.length;
  for (let i = 0; ; i++) {
    const next = block(i);
    if (length + next.length > chars) break;
    parts.push(next);
    length += next.length;
  }
  return parts.join('');
}
