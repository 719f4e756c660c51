import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { longestPathTiers, type TierEdge, tieredPositions } from './tiered-layout';

/** An acyclic graph: edges only from a lower index to a higher one. */
const acyclicGraph = fc.integer({ min: 1, max: 40 }).chain((size) =>
  fc.record({
    ids: fc.constant(Array.from({ length: size }, (_, k) => `n${k}`)),
    edges: fc
      .array(
        fc
          .tuple(fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 0, max: size - 1 }))
          .map(([a, b]): TierEdge => ({ from: `n${Math.min(a, b)}`, to: `n${Math.max(a, b)}` })),
        { maxLength: size > 1 ? 80 : 0 },
      )
      .map((edges) => edges.filter((edge) => edge.from !== edge.to)),
  }),
);

describe('longestPathTiers', () => {
  it('puts every callee below its caller in an acyclic graph, sources at the top', () => {
    fc.assert(
      fc.property(acyclicGraph, ({ ids, edges }) => {
        const tiers = longestPathTiers(ids, edges);
        expect(tiers.size).toBe(ids.length);
        for (const { from, to } of edges)
          expect(tiers.get(to)).toBeGreaterThan(tiers.get(from) ?? Number.NaN);
        const targets = new Set(edges.map((edge) => edge.to));
        for (const id of ids) if (!targets.has(id)) expect(tiers.get(id)).toBe(0);
      }),
    );
  });

  it('tiers by the longest path', () => {
    const tiers = longestPathTiers(
      ['a', 'b', 'c', 'd'],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'a', to: 'c' },
        { from: 'c', to: 'd' },
      ],
    );
    expect(Object.fromEntries(tiers)).toEqual({ a: 0, b: 1, c: 2, d: 3 });
  });

  it('gives every node of a cycle a tier, and ignores edges to unknown nodes', () => {
    const tiers = longestPathTiers(
      ['x', 'y', 'z'],
      [
        { from: 'x', to: 'y' },
        { from: 'y', to: 'z' },
        { from: 'z', to: 'x' },
        { from: 'x', to: 'elsewhere' },
      ],
    );
    expect([...tiers.keys()].sort()).toEqual(['x', 'y', 'z']);
    expect(tiers.get('x')).toBe(0);
  });
});

describe('tieredPositions', () => {
  it('places tiers top to bottom, no two nodes at one place', () => {
    fc.assert(
      fc.property(acyclicGraph, fc.integer({ min: 1, max: 10 }), ({ ids, edges }, maxPerRow) => {
        const tiers = longestPathTiers(ids, edges);
        const positions = tieredPositions(tiers, edges, { maxPerRow });
        expect(positions.size).toBe(ids.length);
        const places = new Set([...positions.values()].map(({ x, y }) => `${x},${y}`));
        expect(places.size).toBe(ids.length);
        for (const { from, to } of edges)
          expect(positions.get(to)?.y).toBeGreaterThan(positions.get(from)?.y ?? Number.NaN);
      }),
    );
  });

  it('puts ranked nodes first and children under their parents', () => {
    const tiers = new Map([
      ['b', 0],
      ['a', 0],
      ['a1', 1],
      ['b1', 1],
    ]);
    const edges = [
      { from: 'a', to: 'a1' },
      { from: 'b', to: 'b1' },
    ];
    const positions = tieredPositions(tiers, edges, { rank: (id) => (id === 'b' ? 0 : 1) });
    expect(positions.get('b')?.x).toBeLessThan(positions.get('a')?.x ?? 0);
    expect(positions.get('b1')?.x).toBeLessThan(positions.get('a1')?.x ?? 0);
  });

  it('brings each switch over its hosts, so that its links fall rather than fan out', () => {
    // A spine pair over four ToR pairs, ten hosts under each pair (each host to both ToRs).
    const spines = ['spine-a', 'spine-b'];
    const tors = Array.from({ length: 8 }, (_, k) => `tor-${k}`);
    const hosts = Array.from({ length: 40 }, (_, k) => `host-${k}`);
    const edges = [
      ...spines.flatMap((spine) => tors.map((tor) => ({ from: spine, to: tor }))),
      ...hosts.flatMap((host, k) => {
        const pair = Math.floor(k / 10);
        return [
          { from: `tor-${2 * pair}`, to: host },
          { from: `tor-${2 * pair + 1}`, to: host },
        ];
      }),
    ];
    const gap = 70;
    const positions = tieredPositions(longestPathTiers([...spines, ...tors, ...hosts], edges), edges, {
      maxPerRow: 80,
      columnGap: gap,
    });
    const x = (id: string) => positions.get(id)?.x ?? Number.NaN;
    for (const [k, tor] of tors.entries()) {
      const mine = hosts.slice(Math.floor(k / 2) * 10, Math.floor(k / 2) * 10 + 10).map(x);
      // Over its hosts: within their span, at most a gap from their middle.
      expect(x(tor)).toBeGreaterThanOrEqual(Math.min(...mine));
      expect(x(tor)).toBeLessThanOrEqual(Math.max(...mine));
      expect(
        Math.abs(x(tor) - mine.reduce((sum, value) => sum + value, 0) / mine.length),
      ).toBeLessThanOrEqual(gap);
    }
    // Still a gap apart, in one row per tier.
    const torXs = tors.map(x).sort((a, b) => a - b);
    for (let k = 1; k < torXs.length; k++)
      expect((torXs[k] ?? 0) - (torXs[k - 1] ?? 0)).toBeGreaterThanOrEqual(gap - 1e-9);
  });

  // Its speed is measured by bench/ui.ts, not timed here.
  it('places each of a few thousand nodes at a place of its own', () => {
    const ids = Array.from({ length: 5000 }, (_, k) => `h${k}`);
    const edges = ids.slice(100).map((id, k) => ({ from: `h${k % 100}`, to: id }));
    const positions = tieredPositions(longestPathTiers(ids, edges), edges);
    expect(positions.size).toBe(ids.length);
    expect(new Set([...positions.values()].map((p) => `${p.x},${p.y}`)).size).toBe(ids.length);
  });
});
