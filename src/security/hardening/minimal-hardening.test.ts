import { describe, expect, it } from 'vitest';
import { AttackGraphBuilder } from '../graph/attack-graph-builder.js';
import { deriveAll } from '../graph/derive.js';
import { minimalHardeningSet } from './minimal-hardening.js';
import { buildMulval3Host, mulval3HostExpected, mulvalLeafFix, mulvalNode } from './mulval-3host.fixture.js';
import { layeredNetwork } from './random-hardening-graph.fixture.js';

const key = (sets: readonly (readonly number[])[]) => sets.map((set) => set.join(',')).sort();
const fact = (label: string) => ({ label, entities: [] });

describe('minimalHardeningSet on MulVAL’s 3-host example (section 5.4)', () => {
  const graph = buildMulval3Host();
  const fixOf = (id: number) => mulvalLeafFix(graph, id);

  it('needs one fix, and exactly five single fixes do: 17, 18, 19, 20, 26', async () => {
    const result = await minimalHardeningSet(graph, { method: 'exact', enumerate: true });
    expect(result).toMatchObject({
      method: 'exact',
      cost: 1,
      optimal: true,
      lowerBound: 1,
      uncuttableGoals: [],
    });
    expect(result.fixes).toHaveLength(1);
    expect(result.alternativesComplete).toBe(true);
    expect(key(result.alternatives ?? [])).toEqual(
      key(mulval3HostExpected.singleCuts.map((id) => [fixOf(id)])),
    );
    expect(result.subgraphNodes).toBeLessThan(graph.nodeCount);
  });

  it('needs two fixes when those five are not allowed, and exactly the eight pairs do', async () => {
    const banned = new Set(mulval3HostExpected.singleCuts.map(fixOf));
    const result = await minimalHardeningSet(graph, {
      enumerate: true,
      allowedFixes: (fix) => !banned.has(fix),
    });
    expect(result).toMatchObject({ method: 'exact', cost: 2, optimal: true, uncuttableGoals: [] });
    const pairs = mulval3HostExpected.pairCuts.map((pair) => pair.map(fixOf).sort((a, b) => a - b));
    expect(key(result.alternatives ?? [])).toEqual(key(pairs));
    expect(result.alternativesComplete).toBe(true);
    // e.g. "patch vulID + block NFS from webServer"
    expect(key(result.alternatives ?? [])).toContain([fixOf(22), fixOf(24)].sort((a, b) => a - b).join(','));
  });

  it('answers the same by the greedy, with a bound that proves it', async () => {
    const result = await minimalHardeningSet(graph, { method: 'greedy' });
    expect(result).toMatchObject({ method: 'greedy', cost: 1, optimal: true, lowerBound: 1 });
    const auto = await minimalHardeningSet(graph);
    expect(auto).toMatchObject({ cost: 1, optimal: true });
  });

  it('cuts another goal: code execution on the file server', async () => {
    const result = await minimalHardeningSet(graph, { goals: [mulvalNode(8)], enumerate: true });
    expect(result.cost).toBe(1);
    expect(key(result.alternatives ?? [])).toEqual(
      key([12, 17, 18, 19, 20, 21, 22].map((id) => [fixOf(id)])),
    );
  });

  it('says which goals stay reachable whatever is fixed', async () => {
    const none = await minimalHardeningSet(graph, { allowedFixes: () => false, enumerate: true });
    expect(none).toMatchObject({
      fixes: [],
      cost: 0,
      optimal: true,
      uncuttableGoals: [mulvalNode(1)],
      alternatives: [[]],
    });
    // With only the NFS-shell leaves (24, 25) allowed, path A (the mountd exploit) stays open.
    const nfsOnly = new Set([24, 25].map(fixOf));
    const result = await minimalHardeningSet(graph, { allowedFixes: (fix) => nfsOnly.has(fix) });
    expect(result.uncuttableGoals).toEqual([mulvalNode(1)]);
    expect(result.fixes).toEqual([]);
  });

  it('cuts the goals it can when another cannot be cut', async () => {
    const builder = new AttackGraphBuilder();
    const fix = (id: string) =>
      builder.fix({ id, kind: 'patch', target: `host:${id}`, description: id, cost: 2 });
    const open = builder.leaf(fact('open'));
    const fixable = builder.leaf(fact('fixable'), fix('f'));
    const stuck = builder.or(fact('stuck'));
    const cut = builder.or(fact('cut'));
    builder.and(fact('r1'), stuck, [open], 1, 1);
    builder.and(fact('r2'), cut, [open, fixable], 1, 1);
    const two = builder.build([stuck, cut]);
    for (const method of ['exact', 'greedy'] as const) {
      const result = await minimalHardeningSet(two, { method });
      expect(result).toMatchObject({ method, fixes: [0], cost: 2, optimal: true, uncuttableGoals: [stuck] });
      const holds = deriveAll(two, { removedFixes: Uint8Array.from([1]) });
      expect([holds[stuck], holds[cut]]).toEqual([1, 0]);
    }
  });

  it('refuses fixes with a negative or non-finite cost', async () => {
    const builder = new AttackGraphBuilder();
    const leaf = builder.leaf(
      fact('leaf'),
      builder.fix({ id: 'bad', kind: 'patch', target: 'host:h', description: 'bad', cost: -1 }),
    );
    const goal = builder.or(fact('goal'));
    builder.and(fact('rule'), goal, [leaf], 1, 1);
    const bad = builder.build([goal]);
    await expect(minimalHardeningSet(bad)).rejects.toThrow(RangeError);
    // A fix that is not allowed is not used, so its cost does not matter.
    await expect(minimalHardeningSet(bad, { allowedFixes: () => false })).resolves.toMatchObject({
      uncuttableGoals: [goal],
    });
  });
});

describe('minimalHardeningSet method choice', () => {
  const graph = layeredNetwork({
    hostsPerLayer: 15,
    layers: 6,
    servicesPerHost: 2,
    sources: 3,
    fixes: 150,
    goals: 2,
    seed: 3,
  });

  it('uses the greedy above exactNodeLimit, and HiGHS when asked', async () => {
    const greedy = await minimalHardeningSet(graph, { exactNodeLimit: 10 });
    expect(greedy.method).toBe('greedy');
    expect(greedy.subgraphNodes).toBeGreaterThan(10);
    const exact = await minimalHardeningSet(graph, { method: 'exact' });
    expect(exact.method).toBe('exact');
    expect(exact.optimal).toBe(true);
    expect(exact.gap).toBe(0);
    expect(greedy.cost).toBeGreaterThanOrEqual(exact.cost);
    expect(greedy.lowerBound).toBeLessThanOrEqual(exact.cost);
    expect(exact.seconds).toBeGreaterThan(0);
  });
});
