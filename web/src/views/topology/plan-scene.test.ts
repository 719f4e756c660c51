import { describe, expect, it } from 'vitest';
import type { PlacedNode } from './physical-tree';
import { unplacedId } from './physical-tree';
import { extentOf, itemAt, planScene } from './plan-scene';

function node(id: string, kind: string, children: PlacedNode[] = []): PlacedNode {
  return { id, name: id.split(':')[1] ?? id, kind, health: 'ok', children };
}

const estate: PlacedNode[] = [
  node('site:dc1', 'site', [
    node('rack:dc1/r1', 'rack', [
      node('host:dc1/r1-h1', 'host', [node('vm:dc1/r1-h1-web', 'vm'), node('vm:dc1/r1-h1-db', 'vm')]),
      node('pdu:dc1/r1-a', 'pdu'),
    ]),
  ]),
  { ...node(unplacedId, 'group', [node('host:stray', 'host')]), name: 'without a place' },
];

describe('the plan of the physical layer', () => {
  it('lists every entity once, each box before what it holds, with its depth', () => {
    const { items } = planScene(estate);
    expect(items.map((item) => item.id)).toEqual([
      'site:dc1',
      'rack:dc1/r1',
      'host:dc1/r1-h1',
      'vm:dc1/r1-h1-web',
      'vm:dc1/r1-h1-db',
      'pdu:dc1/r1-a',
      unplacedId,
      'host:stray',
    ]);
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get('host:dc1/r1-h1')).toMatchObject({ box: true, depth: 2 });
    expect(byId.get('vm:dc1/r1-h1-web')).toMatchObject({ box: false, depth: 3, label: 'web' });
    expect(byId.get(unplacedId)?.synthetic).toBe(true);
    expect(byId.get('host:stray')).toMatchObject({ box: false, synthetic: false });
  });

  it('puts every item inside its box, and the bounds around all', () => {
    const scene = planScene(estate);
    const byId = new Map(scene.items.map((item) => [item.id, item]));
    const inside = (inner: string, outer: string) => {
      const a = byId.get(inner);
      const b = byId.get(outer);
      if (a === undefined || b === undefined) throw new Error('missing');
      return a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
    };
    expect(inside('rack:dc1/r1', 'site:dc1')).toBe(true);
    expect(inside('vm:dc1/r1-h1-db', 'host:dc1/r1-h1')).toBe(true);
    expect(inside('host:stray', unplacedId)).toBe(true);
    expect(scene.bounds).toEqual(extentOf(scene.items));
    for (const item of scene.items) {
      expect(item.x).toBeGreaterThanOrEqual(scene.bounds.x);
      expect(item.x + item.width).toBeLessThanOrEqual(scene.bounds.x + scene.bounds.width);
    }
  });

  it('finds the innermost item under a point, and nothing between boxes', () => {
    const scene = planScene(estate);
    const byId = new Map(scene.items.map((item) => [item.id, item]));
    const centre = (id: string) => {
      const item = byId.get(id);
      if (item === undefined) throw new Error('missing');
      return [item.x + item.width / 2, item.y + item.height / 2] as const;
    };
    expect(itemAt(scene.items, ...centre('vm:dc1/r1-h1-db'))?.id).toBe('vm:dc1/r1-h1-db');
    expect(itemAt(scene.items, ...centre('pdu:dc1/r1-a'))?.id).toBe('pdu:dc1/r1-a');
    const host = byId.get('host:dc1/r1-h1');
    if (host === undefined) throw new Error('missing');
    // Its label band: inside the host, above its guests.
    expect(itemAt(scene.items, host.x + 2, host.y + 2)?.id).toBe('host:dc1/r1-h1');
    expect(itemAt(scene.items, scene.bounds.x - 10, scene.bounds.y - 10)).toBeUndefined();
  });

  it('draws nothing for an empty estate', () => {
    expect(planScene([])).toEqual({ items: [], bounds: { x: 0, y: 0, width: 0, height: 0 } });
  });
});
