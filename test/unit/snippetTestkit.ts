// Helpers for the snippet tests.
import { parseSnippet, type SnippetNode } from '../../src/core/snippets/syntax';

/** Each choice tab stop of a snippet body with all its options, to also check the variants a learner can pick. */
export function choiceStops(body: string): Map<number, string[]> {
  const stops = new Map<number, string[]>();
  const walk = (nodes: SnippetNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'tabstop' && node.choices && !stops.has(node.index)) stops.set(node.index, node.choices);
      if (node.kind !== 'text' && node.children) walk(node.children);
    }
  };
  walk(parseSnippet(body).nodes);
  return stops;
}
