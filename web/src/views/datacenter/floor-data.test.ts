import { describe, expect, it } from 'vitest';
import type { Entity, Relation } from '../../contract';
import { buildFloorData, shortRackName } from './floor-data';

function entity(id: string, name: string): Entity {
  return {
    id,
    kind: id.split(':')[0] as string,
    name,
    labels: {},
    props: {},
    provenance: { origin: 'declared', source: 'test', at: 0, changeSet: 1 },
    state: { metrics: {}, health: 'unknown', reasons: [] },
  };
}

function contains(from: string, to: string): Relation {
  return {
    id: `contains:${from}->${to}`,
    type: 'contains',
    from,
    to,
    props: {},
    provenance: { origin: 'declared', source: 'test', at: 0, changeSet: 1 },
  };
}

describe('buildFloorData', () => {
  it('lists every room by site and name, with its racks in natural order', () => {
    const data = buildFloorData(
      [entity('site:dc2', 'dc2'), entity('site:dc1', 'dc1')],
      [
        entity('room:dc2/a', 'dc2/a'),
        entity('room:dc1/b', 'dc1/b'),
        entity('room:dc1/a', 'dc1/a'),
        entity('room:x', 'x'),
      ],
      [
        entity('rack:dc1/a/r10', 'dc1/a/r10'),
        entity('rack:dc1/a/r9', 'dc1/a/r9'),
        entity('rack:loose', 'loose'),
      ],
      [
        contains('site:dc1', 'room:dc1/a'),
        contains('site:dc1', 'room:dc1/b'),
        contains('site:dc2', 'room:dc2/a'),
        contains('room:dc1/a', 'rack:dc1/a/r10'),
        contains('room:dc1/a', 'rack:dc1/a/r9'),
      ],
    );
    expect(data.rooms.map((info) => [info.room.id, info.site?.id, info.rackIds])).toEqual([
      ['room:dc1/a', 'site:dc1', ['rack:dc1/a/r9', 'rack:dc1/a/r10']],
      ['room:dc1/b', 'site:dc1', []],
      ['room:dc2/a', 'site:dc2', []],
      ['room:x', undefined, []],
    ]);
    expect([...data.racks.keys()].sort()).toEqual(['rack:dc1/a/r10', 'rack:dc1/a/r9']);
  });

  it('names a rack by what it adds to its room', () => {
    expect(shortRackName(entity('rack:dc1/a/r01', 'dc1/a/r01'), entity('room:dc1/a', 'dc1/a'))).toBe('r01');
    expect(shortRackName(entity('rack:z', 'cage-7'), entity('room:dc1/a', 'dc1/a'))).toBe('cage-7');
  });
});
