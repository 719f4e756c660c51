import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttackGraph } from '../graph/attack-graph.js';
import { deriveAll } from '../graph/derive.js';
import { bruteForceHardening } from './brute-force-hardening.js';
import { minimalHardeningSet } from './minimal-hardening.js';
import { buildMulval3Host, mulval3HostExpected, mulvalLeafFix } from './mulval-3host.fixture.js';
import { buildHardeningGraph, hardeningGraphSpec } from './random-hardening-graph.fixture.js';

const key = (sets: readonly (readonly number[])[]) => sets.map((set) => set.join(',')).sort();

/** The chosen goals that hold once `fixes` are applied. */
function holding(graph: AttackGraph, fixes: readonly number[], goals: readonly number[]): number[] {
  const removedFixes = new Uint8Array(graph.fixes.length);
  for (const fix of fixes) removedFixes[fix] = 1;
  const holds = deriveAll(graph, { removedFixes });
  return goals.filter((goal) => holds[goal] === 1);
}

describe('bruteForceHardening', () => {
  it('finds the 3-host minimal cut sets of section 5.4', () => {
    const graph = buildMulval3Host();
    const fixOf = (id: number) => mulvalLeafFix(graph, id);
    const all = bruteForceHardening(graph);
    expect(all.cost).toBe(1);
    expect(key(all.optimalSets)).toEqual(key(mulval3HostExpected.singleCuts.map((id) => [fixOf(id)])));
    const banned = new Set(mulval3HostExpected.singleCuts.map(fixOf));
    const pairs = bruteForceHardening(graph, { allowedFixes: (fix) => !banned.has(fix) });
    expect(pairs.cost).toBe(2);
    expect(key(pairs.optimalSets)).toEqual(
      key(mulval3HostExpected.pairCuts.map((pair) => pair.map(fixOf).sort((a, b) => a - b))),
    );
    const nothing = bruteForceHardening(graph, { allowedFixes: () => false });
    expect(nothing).toEqual({ cost: 0, optimalSets: [[]], uncuttableGoals: [0] });
  });

  it('refuses too many fixes', () => {
    expect(() => bruteForceHardening(buildMulval3Host(), { maxFixes: 10 })).toThrow(RangeError);
  });

  it('agrees with the exact and greedy solvers on random AND/OR graphs with cycles and shared fixes', async () => {
    let cuttable = 0;
    await fc.assert(
      fc.asyncProperty(
        hardeningGraphSpec({ maxFixes: 10 }),
        fc.array(
          fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
          {
            minLength: 10,
            maxLength: 10,
          },
        ),
        async (spec, allowBits) => {
          const { graph } = buildHardeningGraph(spec);
          const allowedFixes = (fix: number) => allowBits[fix] !== false;
          const brute = bruteForceHardening(graph, { allowedFixes });
          const goals = [...new Set(graph.goals)];
          const cut = goals.filter((goal) => !brute.uncuttableGoals.includes(goal));
          if (brute.cost > 0) cuttable++;

          const exact = await minimalHardeningSet(graph, {
            method: 'exact',
            allowedFixes,
            enumerate: true,
            maxSolutions: 1000,
          });
          expect(exact.cost).toBe(brute.cost);
          expect(exact.optimal).toBe(true);
          expect(exact.lowerBound).toBe(brute.cost);
          expect([...exact.uncuttableGoals].sort()).toEqual([...brute.uncuttableGoals].sort());
          expect(exact.alternativesComplete).toBe(true);
          expect(key(exact.alternatives ?? [])).toEqual(key(brute.optimalSets));

          const greedy = await minimalHardeningSet(graph, { method: 'greedy', allowedFixes });
          expect(greedy.method).toBe('greedy');
          expect(greedy.cost).toBeGreaterThanOrEqual(brute.cost);
          expect(greedy.lowerBound).toBeLessThanOrEqual(brute.cost + 1e-9);
          expect(greedy.fixes.every(allowedFixes)).toBe(true);
          expect(holding(graph, greedy.fixes, cut)).toEqual([]);
          for (const fix of greedy.fixes) {
            const without = greedy.fixes.filter((f) => f !== fix);
            expect(holding(graph, without, cut).length).toBeGreaterThan(0);
          }
          expect([...greedy.uncuttableGoals].sort()).toEqual([...brute.uncuttableGoals].sort());
          if (greedy.optimal) expect(greedy.cost).toBe(brute.cost);

          // 'auto' may stop at the greedy when its bound proves it, and must still be optimal.
          const auto = await minimalHardeningSet(graph, { allowedFixes });
          expect(auto.cost).toBe(brute.cost);
          expect(auto.optimal).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
    // The generator must produce enough graphs with something to cut for the property to mean much.
    expect(cuttable).toBeGreaterThan(100);
  }, 120_000);
});
