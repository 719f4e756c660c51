import { describe, expect, it } from 'vitest';
import { findNode, matchNodes } from './entity-search';
import type { GraphNode } from './graph-node';

const node = (id: string): GraphNode => ({
  id,
  name: id.slice(id.indexOf(':') + 1),
  kind: 'host',
  health: 'ok',
});
const nodes = [
  'host:web-01',
  'host:web-010',
  'host:db-web-01',
  'rack:dc1/a/r01',
  'cooling-unit:dc1/a-crah-1',
].map(node);

describe('entity search', () => {
  it('finds by id or name, case-insensitively, exact before prefix before substring', () => {
    expect(matchNodes(nodes, 'WEB-01', 10).map((n) => n.id)).toEqual([
      'host:web-01',
      'host:web-010',
      'host:db-web-01',
    ]);
    expect(findNode(nodes, 'host:web-010')?.id).toBe('host:web-010');
    expect(findNode(nodes, 'crah-1')?.id).toBe('cooling-unit:dc1/a-crah-1');
    expect(findNode(nodes, 'dc1/a/r01')?.id).toBe('rack:dc1/a/r01');
  });

  it('finds nothing for a blank or unmatched query, and at most `limit`', () => {
    expect(matchNodes(nodes, '  ', 10)).toEqual([]);
    expect(findNode(nodes, 'nothing-like-it')).toBeUndefined();
    expect(matchNodes(nodes, 'e', 2)).toHaveLength(2);
  });
});
