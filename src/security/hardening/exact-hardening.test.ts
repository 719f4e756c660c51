import { describe, expect, it } from 'vitest';
import { AttackGraphBuilder } from '../graph/attack-graph-builder.js';
import { deriveAll } from '../graph/derive.js';
import { bruteForceHardening } from './brute-force-hardening.js';
import { exactHardening, hardeningLp } from './exact-hardening.js';
import { greedyHardening } from './greedy-hardening.js';
import { buildMulval3Host, mulvalLeafFix } from './mulval-3host.fixture.js';
import { layeredNetwork } from './random-hardening-graph.fixture.js';
import { relevantSubgraph } from './relevant-subgraph.js';

const fact = (label: string) => ({ label, entities: [] });

describe('exactHardening', () => {
  it('cuts a cycle of OR nodes by cutting its one grounded way in', async () => {
    // A ← ground;  A ← B ∧ p;  B ← A ∧ q;  goal B. In the least fixpoint A and B only hold through
    // the ground leaf: removing it (cost 1) is enough, though A and B still "derive" each other.
    // A formulation that lets a cycle justify itself would also have to break the cycle (cost 5).
    const builder = new AttackGraphBuilder();
    const fix = (id: string, cost: number) =>
      builder.fix({ id, kind: 'patch', target: `host:${id}`, description: id, cost });
    const ground = builder.leaf(fact('ground'), fix('ground', 1));
    const p = builder.leaf(fact('p'), fix('p', 5));
    const q = builder.leaf(fact('q'), fix('q', 5));
    const a = builder.or(fact('A'));
    const b = builder.or(fact('B'));
    builder.and(fact('A from ground'), a, [ground], 1, 1);
    builder.and(fact('A from B'), a, [b, p], 1, 1);
    builder.and(fact('B from A'), b, [a, q], 1, 1);
    const graph = builder.build([b]);

    const relevant = relevantSubgraph(graph);
    const result = await exactHardening(relevant, { enumerate: true });
    expect(result).toMatchObject({ fixes: [0], cost: 1, optimal: true, gap: 0, lowerBound: 1 });
    expect(result.alternatives).toEqual([[0]]);
    expect(result.alternativesComplete).toBe(true);
    const removedFixes = Uint8Array.from([1, 0, 0]);
    expect(deriveAll(graph, { removedFixes })[b]).toBe(0);
    expect(bruteForceHardening(graph).cost).toBe(1);
  });

  it('needs every grounded way into a cycle cut', async () => {
    const builder = new AttackGraphBuilder();
    const fix = (id: string, cost: number) =>
      builder.fix({ id, kind: 'patch', target: `host:${id}`, description: id, cost });
    const g1 = builder.leaf(fact('g1'), fix('g1', 2));
    const g2 = builder.leaf(fact('g2'), fix('g2', 2));
    const gate = builder.leaf(fact('gate'), fix('gate', 5));
    const a = builder.or(fact('A'));
    const b = builder.or(fact('B'));
    const goal = builder.or(fact('goal'));
    builder.and(fact('A in'), a, [g1], 1, 1);
    builder.and(fact('B in'), b, [g2], 1, 1);
    builder.and(fact('A from B'), a, [b], 1, 1);
    builder.and(fact('B from A'), b, [a], 1, 1);
    builder.and(fact('goal'), goal, [a, gate], 1, 1);
    const graph = builder.build([goal]);
    const result = await exactHardening(relevantSubgraph(graph), { enumerate: true });
    expect(result.cost).toBe(4);
    expect(result.alternatives).toEqual([[0, 1]]);
  });

  it('lists every optimal set of the 3-host graph, and stops at maxSolutions', async () => {
    const graph = buildMulval3Host();
    const relevant = relevantSubgraph(graph);
    const all = await exactHardening(relevant, { enumerate: true });
    const singles = [17, 18, 19, 20, 26].map((id) => [mulvalLeafFix(graph, id)]);
    expect(all.cost).toBe(1);
    expect(all.alternatives).toHaveLength(5);
    expect(all.alternatives).toEqual(expect.arrayContaining(singles));
    expect(all.alternativesComplete).toBe(true);
    expect(all.alternatives?.[0]).toEqual(all.fixes);

    const two = await exactHardening(relevant, { enumerate: true, maxSolutions: 2 });
    expect(two.alternatives).toHaveLength(2);
    expect(two.alternativesComplete).toBe(false);
    const none = await exactHardening(relevant);
    expect(none.alternatives).toBeUndefined();
  });

  it('returns inclusion-minimal sets when some fixes cost nothing', async () => {
    const builder = new AttackGraphBuilder();
    const fix = (id: string, cost: number) =>
      builder.fix({ id, kind: 'patch', target: `host:${id}`, description: id, cost });
    const a = builder.leaf(fact('a'), fix('a', 0));
    const b = builder.leaf(fact('b'), fix('b', 0));
    const c = builder.leaf(fact('c'), fix('c', 0));
    const goal = builder.or(fact('goal'));
    builder.and(fact('via a'), goal, [a], 1, 1);
    builder.and(fact('via b'), goal, [b], 1, 1);
    builder.and(fact('via a and c'), goal, [a, c], 1, 1);
    const graph = builder.build([goal]);
    const result = await exactHardening(relevantSubgraph(graph), { enumerate: true });
    expect(result.cost).toBe(0);
    expect(result.fixes).toEqual([0, 1]);
    expect(result.alternatives).toEqual([[0, 1]]);
    expect(bruteForceHardening(graph).optimalSets).toEqual([[0, 1]]);
  });

  it('handles a goal that collapses to a single leaf', async () => {
    const builder = new AttackGraphBuilder();
    const leaf = builder.leaf(
      fact('leaf'),
      builder.fix({ id: 'f', kind: 'patch', target: 'host:h', description: 'f', cost: 3 }),
    );
    const or = builder.or(fact('or'));
    builder.and(fact('and'), or, [leaf], 1, 1);
    const graph = builder.build([or]);
    const relevant = relevantSubgraph(graph);
    expect(relevant.graph.nodeCount).toBe(1);
    expect(hardeningLp(relevant)).toContain('1 <= x0 <= 1');
    expect(await exactHardening(relevant)).toMatchObject({ fixes: [0], cost: 3, optimal: true });
  });

  it('writes rows and an objective longer than a line', async () => {
    // wide ← l_1 ∧ … ∧ l_120 (one l to cut: the cheapest, cost 2); goal ← wide, or any of k_1 … k_60
    // (each through its own AND node, cost 1 each): the cut costs 2 + 60.
    const builder = new AttackGraphBuilder();
    const fix = (id: string, cost: number) =>
      builder.fix({ id, kind: 'patch', target: `host:${id}`, description: id, cost });
    const wide = builder.or(fact('wide'));
    const goal = builder.or(fact('goal'));
    const ls = Array.from({ length: 120 }, (_, i) => builder.leaf(fact(`l${i}`), fix(`l${i}`, i + 2)));
    builder.and(fact('all of l'), wide, ls, 1, 1);
    builder.and(fact('via wide'), goal, [wide, builder.leaf(fact('entry'))], 1, 1);
    for (let j = 0; j < 60; j++)
      builder.and(fact(`via k${j}`), goal, [builder.leaf(fact(`k${j}`), fix(`k${j}`, 1))], 1, 1);
    const graph = builder.build([goal]);
    const relevant = relevantSubgraph(graph);
    const lp = hardeningLp(relevant);
    expect(Math.max(...lp.split('\n').map((line) => line.length))).toBeLessThan(300);
    const result = await exactHardening(relevant);
    expect(result.cost).toBe(2 + 60);
    expect(result.fixes).toHaveLength(61);
    expect(result.fixes).toContain(0);
  });

  it('writes LP text with plain variable names only', () => {
    const relevant = relevantSubgraph(buildMulval3Host());
    const lp = hardeningLp(relevant);
    const body = lp.slice(lp.indexOf('Subject To'), lp.indexOf('Bounds'));
    const names = new Set(body.match(/\b[a-z]\w*/g) ?? []);
    names.delete('Subject');
    for (const name of names) expect(name).toMatch(/^(x|d|r)\d+$/);
    const binaries = lp
      .slice(lp.indexOf('Binaries') + 'Binaries'.length, lp.indexOf('End'))
      .trim()
      .split(/\s+/);
    expect(binaries).toEqual(Array.from(relevant.fixes, (_, i) => `x${i}`));
  });

  it('has nothing to solve when no goal can be cut', async () => {
    const relevant = relevantSubgraph(buildMulval3Host(), { goals: [] });
    expect(await exactHardening(relevant, { enumerate: true })).toMatchObject({
      fixes: [],
      cost: 0,
      optimal: true,
      alternatives: [[]],
    });
  });

  it('stops at the time limit with the best incumbent and its gap', async () => {
    // Ten goals deep in a layered network: the MILP's relaxation is weak here, and HiGHS cannot
    // close the gap in a fraction of a second. The greedy answer is handed in as a start.
    const graph = layeredNetwork({
      hostsPerLayer: 30,
      layers: 8,
      servicesPerHost: 2,
      sources: 4,
      fixes: 600,
      goals: 10,
      seed: 8,
      leafPool: 600,
      hopLeaves: 2,
    });
    const relevant = relevantSubgraph(graph);
    const greedy = greedyHardening(relevant);
    const result = await exactHardening(relevant, { timeLimitSeconds: 0.3, start: greedy.fixes });
    expect(result.optimal).toBe(false);
    expect(result.fixes).not.toBeNull();
    expect(result.cost).toBeLessThanOrEqual(greedy.cost);
    expect(result.lowerBound).toBeLessThan(result.cost);
    expect(result.gap).toBeGreaterThan(0);
    expect(result.gap).toBeCloseTo((result.cost - result.lowerBound) / result.cost, 9);
    expect(result.seconds).toBeLessThan(5);
  });

  it('rejects a non-positive time limit and a bad maxSolutions', async () => {
    const relevant = relevantSubgraph(buildMulval3Host());
    await expect(exactHardening(relevant, { timeLimitSeconds: 0 })).rejects.toThrow(RangeError);
    await expect(exactHardening(relevant, { maxSolutions: 0 })).rejects.toThrow(RangeError);
  });
});
