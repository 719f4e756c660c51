import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AttackGraph, NodeType } from '../graph/attack-graph.js';
import { AttackGraphBuilder } from '../graph/attack-graph-builder.js';
import { deriveAll } from '../graph/derive.js';
import { EarliestTimeSolver, earliestTimes, NEVER } from './earliest-times.js';
import {
  buildSpec,
  graphSpec,
  hostNetworkGraph,
  removedFixes,
  successesFromBits,
} from './random-attack-graph.fixture.js';

/** The definition, iterated from "nothing holds" until nothing changes. */
function bruteForceTimes(graph: AttackGraph, succeeds: Uint8Array, removed?: Uint8Array): Float64Array {
  const n = graph.nodeCount;
  const t = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let changed = true; changed; ) {
    changed = false;
    for (let node = 0; node < n; node++) {
      const premises = Array.from(
        graph.premises.subarray(graph.premiseStart[node]!, graph.premiseStart[node + 1]!),
        (p) => t[p]!,
      );
      let value: number;
      if (graph.type[node] === NodeType.Leaf) {
        const fix = graph.leafFix[node]!;
        value = fix >= 0 && removed?.[fix] === 1 ? Number.POSITIVE_INFINITY : 0;
      } else if (graph.type[node] === NodeType.And) {
        value =
          succeeds[node] === 1 ? Math.max(0, ...premises) + graph.steps[node]! : Number.POSITIVE_INFINITY;
      } else {
        value = Math.min(Number.POSITIVE_INFINITY, ...premises);
      }
      if (value !== t[node]) {
        t[node] = value;
        changed = true;
      }
    }
  }
  return t;
}

const trial = fc.record({
  spec: graphSpec(),
  bits: fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }),
  removeFixes: fc.boolean(),
});

describe('earliest times', () => {
  it('finite exactly where deriveAll holds, with the same successes', () => {
    fc.assert(
      fc.property(trial, ({ spec, bits, removeFixes }) => {
        const graph = buildSpec(spec);
        const succeeds = successesFromBits(graph, bits);
        const removed = removeFixes ? removedFixes(spec) : undefined;
        const holds = deriveAll(graph, { succeeds: (a) => succeeds[a] === 1, removedFixes: removed });
        const time = earliestTimes(graph, succeeds, { removedFixes: removed });
        for (let node = 0; node < graph.nodeCount; node++) {
          expect(Number.isFinite(time[node]), `node ${node}`).toBe(holds[node] === 1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('equal the brute-force fixed point of the time formulas', () => {
    fc.assert(
      fc.property(trial, ({ spec, bits, removeFixes }) => {
        const graph = buildSpec(spec);
        const succeeds = successesFromBits(graph, bits);
        const removed = removeFixes ? removedFixes(spec) : undefined;
        expect(Array.from(earliestTimes(graph, succeeds, { removedFixes: removed }))).toEqual(
          Array.from(bruteForceTimes(graph, succeeds, removed)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('with a horizon: the same times up to it, NEVER beyond', () => {
    fc.assert(
      fc.property(trial, fc.integer({ min: 0, max: 600 }), ({ spec, bits }, horizon) => {
        const graph = buildSpec(spec);
        const succeeds = successesFromBits(graph, bits);
        const all = earliestTimes(graph, succeeds);
        const cut = earliestTimes(graph, succeeds, { horizon });
        for (let node = 0; node < graph.nodeCount; node++) {
          expect(cut[node]).toBe(all[node]! <= horizon ? all[node] : Number.POSITIVE_INFINITY);
        }
      }),
    );
  });

  it('gives the same answer for a predicate, an array, and a reused solver', () => {
    fc.assert(
      fc.property(trial, trial, ({ spec, bits }, other) => {
        const graph = buildSpec(spec);
        const first = successesFromBits(graph, bits);
        const second = successesFromBits(graph, other.bits);
        const solver = new EarliestTimeSolver(graph);
        const a = Array.from(solver.solve(first));
        const b = Array.from(solver.solve(second));
        expect(Array.from(solver.solve((node) => first[node] === 1))).toEqual(a);
        expect(Array.from(new EarliestTimeSolver(graph).solve(second))).toEqual(b);
      }),
    );
  });

  it('without successes every AND node succeeds, as in deriveAll', () => {
    fc.assert(
      fc.property(graphSpec(), (spec) => {
        const graph = buildSpec(spec);
        const holds = deriveAll(graph);
        const time = new EarliestTimeSolver(graph).solve();
        for (let node = 0; node < graph.nodeCount; node++)
          expect(time[node] !== NEVER).toBe(holds[node] === 1);
      }),
    );
  });

  it('settles zero-step rules within the bucket and wraps the bucket ring', () => {
    const b = new AttackGraphBuilder();
    const fact = (label: string) => ({ label, entities: [] });
    const leaf = b.leaf(fact('leaf'));
    const a = b.or(fact('a'));
    const c = b.or(fact('c'));
    const d = b.or(fact('d'));
    // a ← leaf (255 steps); c ← a (0); a ← c (0): a zero-step cycle; d ← a, c in 255 + 255 + 1 steps.
    b.and(fact('a1'), a, [leaf], 1, 255);
    b.and(fact('c1'), c, [a], 1, 0);
    b.and(fact('a2'), a, [c], 1, 0);
    const d1 = b.or(fact('d1'));
    b.and(fact('to d1'), d1, [a, c], 1, 255);
    b.and(fact('to d'), d, [d1], 1, 1);
    const graph = b.build([d]);
    const time = earliestTimes(graph);
    expect([time[a], time[c], time[d1], time[d]]).toEqual([255, 255, 510, 511]);
    expect(earliestTimes(graph, undefined, { horizon: 510 })[d]).toBe(Number.POSITIVE_INFINITY);
  });

  it('an AND node without premises holds at its own steps; an OR node without AND nodes never', () => {
    const b = new AttackGraphBuilder();
    const fact = (label: string) => ({ label, entities: [] });
    const a = b.or(fact('a'));
    const empty = b.or(fact('empty'));
    const rule = b.and(fact('free'), a, [], 1, 2);
    const graph = b.build([a]);
    expect(Array.from(earliestTimes(graph))).toEqual([2, Number.POSITIVE_INFINITY, 2]);
    const failed = new Uint8Array(graph.nodeCount);
    expect(earliestTimes(graph, failed)[a]).toBe(Number.POSITIVE_INFINITY);
    expect([empty, rule]).toEqual([1, 2]);
  });

  it('an OR node with a leaf as premise (not made by the builder) holds at 0, as in deriveAll', () => {
    // 0 leaf; 1 OR ← 0; 2 AND ← 1 (2 steps); 3 OR ← 2.
    const graph: AttackGraph = {
      nodeCount: 4,
      type: Uint8Array.of(NodeType.Leaf, NodeType.Or, NodeType.And, NodeType.Or),
      premiseStart: Uint32Array.of(0, 0, 1, 2, 3),
      premises: Uint32Array.of(0, 1, 2),
      probability: Float64Array.of(1, 1, 1, 1),
      steps: Uint8Array.of(0, 0, 2, 0),
      leafFix: Int32Array.of(-1, -1, -1, -1),
      fixes: [],
      goals: Uint32Array.of(3),
      fact: () => ({ label: '', entities: [] }),
    };
    expect(Array.from(earliestTimes(graph))).toEqual([0, 0, 2, 2]);
    expect(Array.from(deriveAll(graph))).toEqual([1, 1, 1, 1]);
    expect(Array.from(bruteForceTimes(graph, Uint8Array.of(0, 0, 1, 0)))).toEqual([0, 0, 2, 2]);
  });

  it('rejects a negative horizon and a short success array', () => {
    const graph = buildSpec({ leaves: 1, ors: 1, ands: [], removed: [false] });
    const solver = new EarliestTimeSolver(graph);
    expect(() => solver.solve(undefined, -1)).toThrow(RangeError);
    expect(() => solver.solve(new Uint8Array(0))).toThrow(RangeError);
  });

  it('agrees with deriveAll on a 100,000-node host network', () => {
    const graph = hostNetworkGraph(10_000, 3, 7);
    expect(graph.nodeCount).toBe(100_004);
    const solver = new EarliestTimeSolver(graph);
    for (const bits of [[true], [true, false], [true, true, false]]) {
      const succeeds = successesFromBits(graph, bits);
      const time = solver.solve(succeeds);
      const holds = deriveAll(graph, { succeeds: (a) => succeeds[a] === 1 });
      let reached = 0;
      for (let node = 0; node < graph.nodeCount; node++) {
        if ((time[node] !== NEVER) !== (holds[node] === 1)) throw new Error(`node ${node} disagrees`);
        reached += holds[node]!;
      }
      expect(reached).toBeGreaterThan(1000);
    }
  });
});
