// Known answers of the MulVAL 3-host example (fixtures/security.md §5.3–5.4, encoded in
// mulval-3host.test-graph.ts).
import { describe, expect, it } from 'vitest';
import { deriveAll } from '../graph/derive.js';
import {
  buildMulval3Host,
  mulval3HostExpected,
  mulvalLeafFix,
  mulvalNode,
} from '../hardening/mulval-3host.fixture.js';
import { exactProbabilityByEnumeration } from './exact-probability.js';
import { propagate } from './monte-carlo.js';

// The graph is the hardening tests' encoding of MulVAL's published output (its shape is checked there).
const graph = buildMulval3Host();
const mulval3Host = {
  goal: mulvalNode(mulval3HostExpected.goal),
  execCodeFileServer: mulvalNode(8),
  execCodeWebServer: mulvalNode(13),
  accessFileExport: mulvalNode(5),
};
/** The §5.4 patch scenarios by the MulVAL leaf they remove. */
const leaf = { internetToWeb80: 17, cve20020392: 20, vulId: 22, webToFileNfs: 24 } as const;

function removing(...leaves: number[]): Uint8Array {
  const fixes = new Set(leaves.map((id) => mulvalLeafFix(graph, id)));
  return Uint8Array.from(graph.fixes, (_, index) => (fixes.has(index) ? 1 : 0));
}

describe('MulVAL 3-host graph', () => {
  it('derives the goal execCode(workStation,root)', () => {
    expect(Array.from(graph.goals)).toEqual([mulval3Host.goal]);
    expect(graph.fact(mulval3Host.goal).label).toMatch(/^execCode\(workStation,root\)/);
    expect(deriveAll(graph)[mulval3Host.goal]).toBe(1);
  });

  it('exact: the goal has probability 0.72 = 0.8 × (1 − 0.5 × 0.2)', () => {
    expect(exactProbabilityByEnumeration(graph, mulval3Host.goal)).toBeCloseTo(0.72, 12);
    expect(Math.abs(exactProbabilityByEnumeration(graph, mulval3Host.goal) - 0.72)).toBeLessThan(1e-12);
    expect(exactProbabilityByEnumeration(graph, mulval3Host.execCodeFileServer)).toBeCloseTo(0.5, 12);
    expect(exactProbabilityByEnumeration(graph, mulval3Host.accessFileExport)).toBeCloseTo(0.9, 12);
    // Both paths take 3 attacker actions: webServer exploit, then mountd exploit or NFS shell, then the Trojan.
    expect(exactProbabilityByEnumeration(graph, mulval3Host.goal, { maxSteps: 2 })).toBe(0);
    expect(exactProbabilityByEnumeration(graph, mulval3Host.goal, { maxSteps: 3 })).toBeCloseTo(0.72, 12);
  });

  it('exact: the patch scenarios of §5.4', () => {
    const p = (...ids: number[]) =>
      exactProbabilityByEnumeration(graph, mulval3Host.goal, { removedFixes: removing(...ids) });
    expect(p(leaf.vulId)).toBeCloseTo(0.8 * 0.8, 12); // path B only
    expect(p(leaf.webToFileNfs)).toBeCloseTo(0.8 * 0.5, 12); // path A only
    expect(p(leaf.cve20020392)).toBe(0);
    expect(p(leaf.internetToWeb80)).toBe(0);
    expect(p(leaf.vulId, leaf.webToFileNfs)).toBe(0);
  });

  it('Monte Carlo, 100,000 trials: 0.72 ± 0.0043, reached in exactly 3 steps', () => {
    const result = propagate(graph, { trials: 100_000, seed: 2024 });
    const [goal] = result.nodes;
    expect(goal?.node).toBe(mulval3Host.goal);
    expect(Math.abs(goal!.probability - 0.72)).toBeLessThanOrEqual(0.0043);
    expect(goal!.low).toBeLessThan(0.72);
    expect(goal!.high).toBeGreaterThan(0.72);
    expect(goal!.meanSteps).toBe(3);
    expect(goal!.cumulativeByStep).toEqual([0, 0, 0, goal!.probability]);
  });

  it('Monte Carlo: each uncertain rule alone, and the patch scenarios', () => {
    const nodes = [
      mulval3Host.execCodeWebServer,
      mulval3Host.execCodeFileServer,
      mulval3Host.accessFileExport,
    ];
    const result = propagate(graph, { trials: 100_000, seed: 7, nodes });
    const [web, file, access] = result.nodes;
    expect(web?.probability).toBe(1);
    expect(web?.meanSteps).toBe(1);
    expect(Math.abs(file!.probability - 0.5)).toBeLessThanOrEqual(0.0048);
    expect(file?.meanSteps).toBe(2);
    expect(Math.abs(access!.probability - 0.9)).toBeLessThanOrEqual(0.0029);
    const patched = propagate(graph, { trials: 100_000, seed: 7, removedFixes: removing(leaf.vulId) });
    expect(Math.abs(patched.nodes[0]!.probability - 0.64)).toBeLessThanOrEqual(0.0046);
    const blocked = propagate(graph, { removedFixes: removing(leaf.cve20020392) });
    expect(blocked.nodes[0]).toMatchObject({ probability: 0, trialsReached: 0, meanSteps: null, low: 0 });
    expect(blocked.nodes[0]?.cumulativeByStep).toEqual([]);
  });
});
