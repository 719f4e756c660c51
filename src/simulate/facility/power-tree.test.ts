import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { analysePowerTree, type PowerTreeInput, type PowerTreeNode } from './power-tree.js';

/** Utility → UPS A/B (10 kWh each) → PDU A/B (rated 5 kW), three dual-corded hosts and one single-corded. */
function dualFeedRoom(): PowerTreeInput {
  return {
    nodes: [
      { id: 'feed-a', kind: 'feed' },
      { id: 'feed-b', kind: 'feed' },
      { id: 'ups-a', kind: 'ups', parent: 'feed-a', ratingWatts: 20_000, batteryWh: 10_000 },
      { id: 'ups-b', kind: 'ups', parent: 'feed-b', ratingWatts: 20_000, batteryWh: 10_000 },
      { id: 'pdu-a', kind: 'pdu', parent: 'ups-a', ratingWatts: 5000, side: 'A' },
      { id: 'pdu-b', kind: 'pdu', parent: 'ups-b', ratingWatts: 5000, side: 'B' },
    ],
    loads: [
      { id: 'h1', watts: 2000, supplies: ['pdu-a', 'pdu-b'] },
      { id: 'h2', watts: 2000, supplies: ['pdu-a', 'pdu-b'] },
      { id: 'h3', watts: 2000, supplies: ['pdu-a', 'pdu-b'] },
      { id: 'h4', watts: 500, supplies: ['pdu-b'] },
    ],
  };
}

const node = (result: ReturnType<typeof analysePowerTree>, id: string) =>
  result.nodes.find((n) => n.id === id)!;

describe('analysePowerTree', () => {
  it('shares dual-corded loads equally while both sides are up', () => {
    const result = analysePowerTree(dualFeedRoom());
    expect(node(result, 'pdu-a').loadWatts).toBe(3000);
    expect(node(result, 'pdu-b').loadWatts).toBe(3500);
    expect(node(result, 'pdu-b').loadRatio).toBeCloseTo(0.7, 12);
    expect(node(result, 'feed-a').loadWatts).toBe(3000);
    expect(result.overloaded).toEqual([]);
    expect(result.sourceWatts).toBe(6500);
  });

  it('moves the whole load to the surviving side when a PDU fails, and flags its overload', () => {
    const result = analysePowerTree(dualFeedRoom(), { failed: ['pdu-a'] });
    expect(node(result, 'pdu-a').energized).toBe(false);
    expect(node(result, 'pdu-a').loadWatts).toBe(0);
    expect(node(result, 'pdu-b').loadWatts).toBe(6500);
    expect(result.overloaded).toEqual(['pdu-b']);
    expect(result.unpowered).toEqual([]);
    expect(result.loads.find((l) => l.id === 'h1')!.suppliesUp).toBe(1);
  });

  it('with tripOverloaded, the overloaded PDU opens and every load on it goes dark', () => {
    const result = analysePowerTree(dualFeedRoom(), { failed: ['pdu-a'], tripOverloaded: true });
    expect(result.tripped).toEqual(['pdu-b']);
    expect(result.unpowered).toEqual(['h1', 'h2', 'h3', 'h4']);
    expect(result.overloaded).toEqual([]);
  });

  it('a UPS whose feed fails carries on from its battery and reports runtime = Wh / W', () => {
    const result = analysePowerTree(dualFeedRoom(), { failed: ['feed-a'] });
    const ups = node(result, 'ups-a');
    expect(ups.onBattery).toBe(true);
    expect(ups.loadWatts).toBe(3000);
    expect(ups.batteryRuntimeSeconds).toBeCloseTo((10_000 / 3000) * 3600, 9);
    expect(node(result, 'feed-a').loadWatts).toBe(0);
    expect(result.onBattery).toEqual(['ups-a']);
    expect(result.sourceWatts).toBe(6500);
  });

  it('a UPS without battery dies with its feed; single-corded loads on that side lose power', () => {
    const input = dualFeedRoom();
    const nodes = input.nodes.map((n): PowerTreeNode => (n.id === 'ups-b' ? { ...n, batteryWh: 0 } : n));
    const result = analysePowerTree({ ...input, nodes }, { failed: ['feed-b'] });
    expect(node(result, 'ups-b').energized).toBe(false);
    expect(result.unpowered).toEqual(['h4']);
    expect(node(result, 'pdu-a').loadWatts).toBe(6000);
  });

  it('an overload threshold below 1 applies derating (NEC 80 %)', () => {
    const result = analysePowerTree(dualFeedRoom(), { overloadAt: 0.6 });
    expect(result.overloaded).toEqual(['pdu-b']);
  });

  it('refuses unknown parents, unknown supplies, duplicates and cycles, naming the fields', () => {
    const issuesOf = (input: PowerTreeInput, failed: string[] = []) => {
      try {
        analysePowerTree(input, { failed });
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as InputError).issues.map((issue) => issue.field);
      }
      return [];
    };
    expect(
      issuesOf({
        nodes: [{ id: 'p', kind: 'pdu', parent: 'nowhere' }],
        loads: [{ id: 'h', watts: -1, supplies: ['p', 'p', 'x'] }],
      }),
    ).toEqual(['nodes[0].parent', 'loads[0].watts', 'loads[0].supplies[1]', 'loads[0].supplies[2]']);
    expect(
      issuesOf({
        nodes: [
          { id: 'a', kind: 'pdu', parent: 'b' },
          { id: 'b', kind: 'pdu', parent: 'a' },
        ],
        loads: [],
      }),
    ).toEqual(['nodes[0].parent']);
    expect(issuesOf(dualFeedRoom(), ['pdu-z'])).toEqual(['failed[0]']);
  });

  it('conserves power: with everything up, the sum of loads equals the sum at the roots (property)', () => {
    fc.assert(
      fc.property(randomTree(), (input) => {
        const result = analysePowerTree(input);
        const total = input.loads.reduce((sum, load) => sum + load.watts, 0);
        const roots = result.nodes.filter((n) => !input.nodes.find((m) => m.id === n.id)!.parent);
        expect(roots.reduce((sum, n) => sum + n.loadWatts, 0)).toBeCloseTo(total, 6);
        expect(result.unpowered).toEqual([]);
      }),
    );
  });

  it('under failures, powered load equals source load, and a load is dark iff all its supplies are (property)', () => {
    fc.assert(
      fc.property(randomTree(), fc.array(fc.nat(), { maxLength: 5 }), (input, picks) => {
        const failed = [...new Set(picks.map((k) => input.nodes[k % input.nodes.length]!.id))];
        const result = analysePowerTree(input, { failed });
        const powered = result.loads.filter((l) => l.powered).reduce((sum, l) => sum + l.watts, 0);
        expect(result.sourceWatts).toBeCloseTo(powered, 6);
        const energized = new Set(result.nodes.filter((n) => n.energized).map((n) => n.id));
        input.loads.forEach((load, k) => {
          expect(result.loads[k]!.powered).toBe(load.supplies.some((s) => energized.has(s)));
        });
      }),
    );
  });

  it('after tripping, nothing energized is overloaded (property)', () => {
    fc.assert(
      fc.property(randomTree(), fc.nat(), (input, pick) => {
        const failed = [input.nodes[pick % input.nodes.length]!.id];
        const result = analysePowerTree(input, { failed, tripOverloaded: true });
        for (const n of result.nodes) {
          if (n.energized && n.ratingWatts !== undefined)
            expect(n.loadWatts).toBeLessThanOrEqual(n.ratingWatts);
        }
      }),
    );
  });

  it('analyses 100 k dual-corded loads on 2,000 PDUs', () => {
    const nodes: PowerTreeNode[] = [
      { id: 'feed-a', kind: 'feed' },
      { id: 'feed-b', kind: 'feed' },
      { id: 'ups-a', kind: 'ups', parent: 'feed-a', batteryWh: 1e6 },
      { id: 'ups-b', kind: 'ups', parent: 'feed-b', batteryWh: 1e6 },
    ];
    for (let k = 0; k < 1000; k++) {
      nodes.push({ id: `pdu-a${k}`, kind: 'pdu', parent: 'ups-a', ratingWatts: 40_000 });
      nodes.push({ id: `pdu-b${k}`, kind: 'pdu', parent: 'ups-b', ratingWatts: 40_000 });
    }
    const loads = Array.from({ length: 100_000 }, (_, k) => ({
      id: `host-${k}`,
      watts: 300,
      supplies: [`pdu-a${k % 1000}`, `pdu-b${k % 1000}`],
    }));
    const result = analysePowerTree(
      { nodes, loads },
      { failed: ['ups-a', 'feed-b', 'pdu-b7'], tripOverloaded: true },
    );
    expect(result.unpowered).toHaveLength(100);
    expect(result.sourceWatts).toBeCloseTo(99_900 * 300, 3);
    expect(result.onBattery).toEqual(['ups-b']);
  });
});

/** Random forests of feeds, UPSes and PDUs with loads on 1–3 distinct supplies. */
function randomTree() {
  return fc
    .record({
      parents: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
      ratings: fc.array(fc.integer({ min: 100, max: 5000 }), { minLength: 12, maxLength: 12 }),
      loads: fc.array(
        fc.record({
          watts: fc.integer({ min: 0, max: 2000 }),
          supplies: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
        }),
        { maxLength: 20 },
      ),
    })
    .map(({ parents, ratings, loads }): PowerTreeInput => {
      // Node k's parent is an earlier node (or none): a forest by construction.
      const nodes = parents.map((p, k): PowerTreeNode => {
        const parent = k === 0 || p % 3 === 0 ? undefined : `n${p % k}`;
        return {
          id: `n${k}`,
          kind: parent === undefined ? 'feed' : p % 2 === 0 ? 'ups' : 'pdu',
          ratingWatts: ratings[k]!,
          ...(parent !== undefined ? { parent, batteryWh: 100 } : {}),
        };
      });
      return {
        nodes,
        loads: loads.map((load, k) => ({
          id: `l${k}`,
          watts: load.watts,
          supplies: [...new Set(load.supplies.map((s) => `n${s % nodes.length}`))],
        })),
      };
    });
}
