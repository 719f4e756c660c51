import { describe, expect, it } from 'vitest';
import type { EntityBrief } from '../../contract';
import { buildPhysicalTree, type PlacedNode, unplacedId } from './physical-tree';
import { testRelation as relation } from './test-twin';

function entity(id: string): EntityBrief {
  const [kind = '', name = ''] = id.split(':');
  return { id, kind, name, health: 'ok' };
}

/** The tree as nested ids, for comparing at a glance. */
function shape(node: PlacedNode): unknown {
  return node.children.length === 0 ? node.id : { [node.id]: node.children.map(shape) };
}

describe('buildPhysicalTree', () => {
  const entities = [
    'site:dc1',
    'room:a',
    'rack:r2',
    'rack:r10',
    'host:h1',
    'vm:v1',
    'container:c1',
    'service:web',
    'pdu:p1',
    'host:stray',
    'vulnerability:CVE-1',
  ].map(entity);
  const relations = [
    relation('contains', 'site:dc1', 'room:a'),
    relation('contains', 'room:a', 'rack:r10'),
    relation('contains', 'room:a', 'rack:r2'),
    relation('contains', 'rack:r2', 'host:h1'),
    relation('contains', 'rack:r2', 'pdu:p1'),
    relation('runs-on', 'vm:v1', 'host:h1'),
    relation('runs-on', 'container:c1', 'vm:v1'),
    relation('runs-on', 'service:web', 'container:c1'),
    relation('powered-by', 'host:h1', 'pdu:p1'),
    relation('has-vulnerability', 'host:h1', 'vulnerability:CVE-1'),
  ];

  it('nests site → room → rack → host → VM → container, in a natural order, and leaves services out', () => {
    const tree = buildPhysicalTree(entities, relations);
    expect(tree.roots.map(shape)).toEqual([
      {
        'site:dc1': [
          {
            'room:a': [{ 'rack:r2': [{ 'host:h1': [{ 'vm:v1': ['container:c1'] }] }, 'pdu:p1'] }, 'rack:r10'],
          },
        ],
      },
      { [unplacedId]: ['host:stray'] },
    ]);
    expect(tree.nodes.map((node) => node.id).sort()).toEqual(
      [
        'site:dc1',
        'room:a',
        'rack:r2',
        'rack:r10',
        'host:h1',
        'vm:v1',
        'container:c1',
        'pdu:p1',
        'host:stray',
      ].sort(),
    );
  });

  it('survives a relation to an entity it was not given, and a containment cycle', () => {
    const tree = buildPhysicalTree(['site:s', 'room:x', 'room:y'].map(entity), [
      relation('contains', 'site:s', 'room:gone'),
      relation('contains', 'room:x', 'room:y'),
      relation('contains', 'room:y', 'room:x'),
    ]);
    expect(tree.roots.map(shape)).toEqual(['site:s']);
  });
});
