import { describe, expect, it } from 'vitest';
import type { AttackGraph } from '../graph/attack-graph.js';
import { AttackGraphBuilder } from '../graph/attack-graph-builder.js';
import { deriveAll } from '../graph/derive.js';
import { exactHardening } from './exact-hardening.js';
import { greedyHardening, greedyNodeThreshold } from './greedy-hardening.js';
import { buildMulval3Host, mulval3HostExpected, mulvalLeafFix } from './mulval-3host.fixture.js';
import { layeredNetwork } from './random-hardening-graph.fixture.js';
import { relevantSubgraph } from './relevant-subgraph.js';

const fact = (label: string) => ({ label, entities: [] });

function openGoals(graph: AttackGraph, fixes: readonly number[]): number[] {
  const removedFixes = new Uint8Array(graph.fixes.length);
  for (const fix of fixes) removedFixes[fix] = 1;
  const holds = deriveAll(graph, { removedFixes });
  return Array.from(graph.goals).filter((goal) => holds[goal] === 1);
}

function expectMinimalCut(graph: AttackGraph, fixes: readonly number[]): void {
  expect(openGoals(graph, fixes)).toEqual([]);
  for (const fix of fixes)
    expect(
      openGoals(
        graph,
        fixes.filter((f) => f !== fix),
      ).length,
    ).toBeGreaterThan(0);
}

describe('greedyHardening', () => {
  it('cuts the 3-host graph with one fix, proved optimal by its lower bound', () => {
    const graph = buildMulval3Host();
    const result = greedyHardening(relevantSubgraph(graph));
    expect(result.cost).toBe(1);
    expect(result.lowerBound).toBe(1);
    expect(result.ratioBound).toBe(1);
    const singles = mulval3HostExpected.singleCuts.map((id) => mulvalLeafFix(graph, id));
    expect(singles).toContain(result.fixes[0]);
    expectMinimalCut(graph, result.fixes);
  });

  it('finds a minimum pair when the five single cuts are not allowed', () => {
    const graph = buildMulval3Host();
    const allowed = new Uint8Array(graph.fixes.length).fill(1);
    for (const id of mulval3HostExpected.singleCuts) allowed[mulvalLeafFix(graph, id)] = 0;
    const result = greedyHardening(relevantSubgraph(graph, { allowed }));
    expect(result.cost).toBe(2);
    expect(result.lowerBound).toBeLessThanOrEqual(2);
    expectMinimalCut(graph, result.fixes);
  });

  it('takes a shared expensive fix over many cheap ones (the proof-tree hitting set wins)', () => {
    // goal ← s_i ∧ t for i = 1..5: five fixes of cost 1, or t of cost 3 once.
    const builder = new AttackGraphBuilder();
    const fix = (id: string, cost: number) =>
      builder.fix({ id, kind: 'patch', target: `host:${id}`, description: id, cost });
    const t = builder.leaf(fact('t'), fix('t', 3));
    const goal = builder.or(fact('goal'));
    for (let i = 1; i <= 5; i++)
      builder.and(fact(`via ${i}`), goal, [builder.leaf(fact(`s${i}`), fix(`s${i}`, 1)), t], 1, 1);
    const graph = builder.build([goal]);
    const result = greedyHardening(relevantSubgraph(graph));
    expect(result.relaxationCutCost).toBe(5);
    expect(result).toMatchObject({
      fixes: [0],
      cost: 3,
      construction: 'hitting-set',
      lowerBound: 3,
      ratioBound: 1,
    });
  });

  it('shares trees of one expensive fix in its lower bound', () => {
    // goal ← a_i ∧ x (i = 1, 2) with x of cost 4 and a_i of cost 2: the two trees meet on x, so no
    // two disjoint trees exist, yet each can take 2 of x's cost: the bound is 4 = the optimum.
    const builder = new AttackGraphBuilder();
    const fix = (id: string, cost: number) =>
      builder.fix({ id, kind: 'patch', target: `host:${id}`, description: id, cost });
    const x = builder.leaf(fact('x'), fix('x', 4));
    const goal = builder.or(fact('goal'));
    for (let i = 1; i <= 2; i++)
      builder.and(fact(`via ${i}`), goal, [builder.leaf(fact(`a${i}`), fix(`a${i}`, 2)), x], 1, 1);
    const result = greedyHardening(relevantSubgraph(builder.build([goal])));
    expect(result.cost).toBe(4);
    expect(result.lowerBound).toBe(4);
  });

  it('stays within its stated bound of the optimum on layered networks', async () => {
    for (const seed of [1, 2, 3]) {
      const graph = layeredNetwork({
        hostsPerLayer: 12,
        layers: 6,
        servicesPerHost: 2,
        sources: 3,
        fixes: 120,
        goals: 2,
        seed,
      });
      const relevant = relevantSubgraph(graph);
      const greedy = greedyHardening(relevant);
      const exact = await exactHardening(relevant);
      expect(exact.optimal).toBe(true);
      expect(greedy.cost).toBeGreaterThanOrEqual(exact.cost);
      expect(greedy.lowerBound).toBeLessThanOrEqual(exact.cost + 1e-9);
      expect(greedy.cost).toBeLessThanOrEqual(greedy.ratioBound * exact.cost + 1e-9);
      expectMinimalCut(graph, greedy.fixes);
    }
  });

  it('handles a graph of a hundred thousand nodes with many goals', () => {
    const graph = layeredNetwork({
      hostsPerLayer: 100,
      layers: 40,
      servicesPerHost: 2,
      sources: 4,
      fixes: 5000,
      goals: 20,
      seed: 11,
      leafPool: 8000,
      hopLeaves: 2,
    });
    expect(graph.nodeCount).toBeGreaterThan(greedyNodeThreshold * 10);
    const relevant = relevantSubgraph(graph);
    const result = greedyHardening(relevant);
    expect(openGoals(graph, result.fixes)).toEqual([]);
    expect(result.lowerBound).toBeGreaterThan(0);
    expect(result.lowerBound).toBeLessThanOrEqual(result.cost);
    expect(result.ratioBound).toBeCloseTo(result.cost / result.lowerBound, 12);
    // Minimal: spot-check the five most expensive fixes.
    const costly = [...result.fixes].sort(
      (a, b) => (graph.fixes[b]?.cost ?? 0) - (graph.fixes[a]?.cost ?? 0),
    );
    for (const fix of costly.slice(0, 5))
      expect(
        openGoals(
          graph,
          result.fixes.filter((f) => f !== fix),
        ).length,
      ).toBeGreaterThan(0);
  });

  it('has nothing to do without goals', () => {
    const result = greedyHardening(relevantSubgraph(buildMulval3Host(), { goals: [] }));
    expect(result).toMatchObject({ fixes: [], cost: 0, lowerBound: 0, ratioBound: 1 });
  });
});
