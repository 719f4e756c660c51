import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AttackGraphBuilder } from '../graph/attack-graph-builder.js';
import { exactProbabilityByEnumeration } from './exact-probability.js';
import { type PropagationResult, propagate } from './monte-carlo.js';
import { buildSpec, graphSpec, hostNetworkGraph, removedFixes } from './random-attack-graph.fixture.js';

const fact = (label: string) => ({ label, entities: [] });

function withoutSeconds(result: PropagationResult): Omit<PropagationResult, 'seconds'> {
  const { seconds: _, ...rest } = result;
  return rest;
}

describe('propagate', () => {
  it('with the same seed gives the same result; another seed, another sample', () => {
    const graph = hostNetworkGraph(200, 2, 3);
    const a = propagate(graph, { trials: 2000, seed: 11 });
    const b = propagate(graph, { trials: 2000, seed: 11 });
    expect(withoutSeconds(a)).toEqual(withoutSeconds(b));
    const c = propagate(graph, { trials: 2000, seed: 12 });
    expect(c.nodes.map((n) => n.trialsReached)).not.toEqual(a.nodes.map((n) => n.trialsReached));
    expect(a).toMatchObject({ trials: 2000, seed: 11, maxSteps: Number.POSITIVE_INFINITY, confidence: 0.95 });
    expect(a.seconds).toBeGreaterThanOrEqual(0);
  });

  it('reports the goals by default, and the nodes asked for in their order', () => {
    const graph = hostNetworkGraph(50, 2, 5);
    expect(propagate(graph, { trials: 10 }).nodes.map((n) => n.node)).toEqual(Array.from(graph.goals));
    expect(propagate(graph, { trials: 10, nodes: [7, 3, 7] }).nodes.map((n) => n.node)).toEqual([7, 3, 7]);
  });

  it('estimates within 4.5 standard errors of the exact probability (20,000 trials)', () => {
    fc.assert(
      fc.property(graphSpec({ maxUncertain: 10 }), fc.nat(), fc.nat({ max: 3 }), (spec, seed, fixes) => {
        const graph = buildSpec(spec);
        const removed = fixes === 0 ? removedFixes(spec) : undefined;
        const nodes = Array.from(graph.goals); // every OR node
        const result = propagate(graph, { trials: 20_000, seed, nodes, removedFixes: removed });
        for (const estimate of result.nodes) {
          const exact = exactProbabilityByEnumeration(graph, estimate.node, { removedFixes: removed });
          const standardError = Math.sqrt((exact * (1 - exact)) / 20_000);
          expect(Math.abs(estimate.probability - exact)).toBeLessThanOrEqual(4.5 * standardError + 1e-9);
        }
      }),
      // A fixed fast-check seed: every case, and its Monte Carlo seed, is the same on every run.
      { seed: 20_240_601, numRuns: 150 },
    );
  });

  it('within maxSteps: the exact probability within that many steps', () => {
    fc.assert(
      fc.property(
        graphSpec({ maxUncertain: 8 }),
        fc.nat(),
        fc.integer({ min: 0, max: 6 }),
        (spec, seed, maxSteps) => {
          const graph = buildSpec(spec);
          const node = spec.leaves + (seed % spec.ors);
          const exact = exactProbabilityByEnumeration(graph, node, { maxSteps });
          const [estimate] = propagate(graph, { trials: 20_000, seed, nodes: [node], maxSteps }).nodes;
          const standardError = Math.sqrt((exact * (1 - exact)) / 20_000);
          expect(Math.abs(estimate!.probability - exact)).toBeLessThanOrEqual(4.5 * standardError + 1e-9);
        },
      ),
      { seed: 7_031_982, numRuns: 80 },
    );
  });

  it('cumulativeByStep[k] is the run with maxSteps = k, from the same draws', () => {
    fc.assert(
      fc.property(graphSpec(), fc.nat(), (spec, seed) => {
        const graph = buildSpec(spec);
        const nodes = Array.from(graph.goals);
        const all = propagate(graph, { trials: 300, seed, nodes });
        const length = all.nodes[0]!.cumulativeByStep.length;
        for (const entry of all.nodes) {
          expect(entry.cumulativeByStep.length).toBe(length);
          if (length > 0) expect(entry.cumulativeByStep[length - 1]).toBe(entry.probability);
          for (let k = 1; k < length; k++)
            expect(entry.cumulativeByStep[k]).toBeGreaterThanOrEqual(entry.cumulativeByStep[k - 1]!);
        }
        for (const k of [0, 1, 2, 3, 254, 255, 256, 600]) {
          const cut = propagate(graph, { trials: 300, seed, nodes, maxSteps: k });
          cut.nodes.forEach((entry, r) => {
            const cumulative = all.nodes[r]!.cumulativeByStep;
            const expected = length === 0 ? 0 : (cumulative[Math.min(k, length - 1)] as number);
            expect(entry.probability).toBe(expected);
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reports mean steps over the trials that reached the node, and a Wilson interval', () => {
    const b = new AttackGraphBuilder();
    const leaf = b.leaf(fact('leaf'));
    const goal = b.or(fact('goal'));
    b.and(fact('fast'), goal, [leaf], 0.5, 1);
    b.and(fact('slow'), goal, [leaf], 1, 4);
    const graph = b.build([goal]);
    const [entry] = propagate(graph, { trials: 40_000, seed: 3 }).nodes;
    expect(entry!.probability).toBe(1);
    expect(entry!.high).toBe(1);
    expect(entry!.low).toBeGreaterThan(0.9999);
    expect(entry!.trialsReached).toBe(40_000);
    // Half the trials at 1 step, half at 4.
    expect(entry!.meanSteps).toBeCloseTo(2.5, 1);
    expect(entry!.cumulativeByStep).toHaveLength(5);
    expect(entry!.cumulativeByStep[0]).toBe(0);
    expect(entry!.cumulativeByStep[1]).toBeCloseTo(0.5, 1);
    expect(entry!.cumulativeByStep[3]).toBe(entry!.cumulativeByStep[1]);
    const within3 = propagate(graph, { trials: 40_000, seed: 3, maxSteps: 3, confidence: 0.99 }).nodes[0]!;
    expect(within3.probability).toBe(entry!.cumulativeByStep[3]);
    expect(within3.meanSteps).toBe(1);
    expect(within3.low).toBeLessThan(within3.probability);
    expect(within3.high).toBeGreaterThan(within3.probability);
  });

  it('grows its step histogram past 16 steps', () => {
    const b = new AttackGraphBuilder();
    let previous = b.leaf(fact('leaf'));
    for (let i = 0; i < 5; i++) {
      const next = b.or(fact(`hop ${i}`));
      b.and(fact(`step ${i}`), next, [previous], 0.9, 200);
      previous = next;
    }
    const graph = b.build([previous]);
    const [entry] = propagate(graph, { trials: 1000, seed: 5 }).nodes;
    expect(entry!.cumulativeByStep).toHaveLength(1001);
    expect(entry!.cumulativeByStep[999]).toBe(0);
    expect(entry!.meanSteps).toBe(1000);
    expect(entry!.cumulativeByStep[1000]).toBe(entry!.probability);
  });

  it('rejects bad options', () => {
    const graph = hostNetworkGraph(20, 2, 1);
    expect(() => propagate(graph, { trials: 0 })).toThrow(RangeError);
    expect(() => propagate(graph, { trials: 1.5 })).toThrow(RangeError);
    expect(() => propagate(graph, { maxSteps: -1 })).toThrow(RangeError);
    expect(() => propagate(graph, { confidence: 1 })).toThrow(RangeError);
    expect(() => propagate(graph, { nodes: [graph.nodeCount] })).toThrow(RangeError);
    expect(() => propagate(graph, { seed: 0.5 })).toThrow(RangeError);
  });
});
