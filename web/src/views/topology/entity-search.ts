import type { GraphNode } from './graph-node';

/**
 * Nodes whose id or name contains the query (case-insensitive), best first: exact matches, then
 * those that start with it, then the rest, shorter names before longer.
 */
export function matchNodes(nodes: readonly GraphNode[], query: string, limit: number): GraphNode[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [];
  const scored: Array<{ node: GraphNode; score: number }> = [];
  for (const node of nodes) {
    const score = matchScore(node, needle);
    if (score !== undefined) scored.push({ node, score });
  }
  scored.sort((a, b) => a.score - b.score || a.node.name.length - b.node.name.length);
  return scored.slice(0, limit).map((entry) => entry.node);
}

function matchScore(node: GraphNode, needle: string): number | undefined {
  const id = node.id.toLowerCase();
  const name = node.name.toLowerCase();
  if (id === needle || name === needle) return 0;
  if (name.startsWith(needle) || id.startsWith(needle)) return 1;
  if (name.includes(needle) || id.includes(needle)) return 2;
  return undefined;
}

/** The node a search means: the best match, if any. */
export function findNode(nodes: readonly GraphNode[], query: string): GraphNode | undefined {
  return matchNodes(nodes, query, 1)[0];
}
