// Known answers of the MulVAL 3-host example (fixtures/security.md §5.3–5.4, encoded in
// mulval-3host.test-graph.ts).
import { describe, expect, it } from 'vitest';
import { NodeType } from '../graph/attack-graph.js';
import { deriveAll } from '../graph/derive.js';
import { exactProbabilityByEnumeration } from './exact-probability.js';
import { propagate } from './monte-carlo.js';
import { mulval3Host, mulval3HostEdges, mulval3HostGraph } from './mulval-3host.fixture.js';

const graph = mulval3HostGraph();

function removing(...ids: string[]): Uint8Array {
  return Uint8Array.from(graph.fixes, (fix) => (ids.includes(fix.id) ? 1 : 0));
}

describe('MulVAL 3-host graph', () => {
  it('has the published shape: 26 nodes (7 OR, 8 AND, 11 LEAF) and its 26 edges', () => {
    expect(graph.nodeCount).toBe(26);
    const count = (type: number) => graph.type.filter((t) => t === type).length;
    expect([count(NodeType.Or), count(NodeType.And), count(NodeType.Leaf)]).toEqual([7, 8, 11]);
    const edges: string[] = [];
    for (let node = 0; node < graph.nodeCount; node++) {
      for (let p = graph.premiseStart[node]!; p < graph.premiseStart[node + 1]!; p++) {
        edges.push(`${graph.premises[p]! + 1}→${node + 1}`);
      }
    }
    expect(edges.sort()).toEqual(mulval3HostEdges.split(' ').sort());
    expect(Array.from(graph.goals)).toEqual([mulval3Host.goal]);
    expect(graph.fact(mulval3Host.goal).label).toBe('execCode(workStation,root)');
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
    const p = (...ids: string[]) =>
      exactProbabilityByEnumeration(graph, mulval3Host.goal, { removedFixes: removing(...ids) });
    expect(p('patch-vulID')).toBeCloseTo(0.8 * 0.8, 12); // path B only
    expect(p('block-web-file-nfs')).toBeCloseTo(0.8 * 0.5, 12); // path A only
    expect(p('patch-CAN-2002-0392')).toBe(0);
    expect(p('block-internet-web-80')).toBe(0);
    expect(p('patch-vulID', 'block-web-file-nfs')).toBe(0);
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
    const patched = propagate(graph, { trials: 100_000, seed: 7, removedFixes: removing('patch-vulID') });
    expect(Math.abs(patched.nodes[0]!.probability - 0.64)).toBeLessThanOrEqual(0.0046);
    const blocked = propagate(graph, { removedFixes: removing('patch-CAN-2002-0392') });
    expect(blocked.nodes[0]).toMatchObject({ probability: 0, trialsReached: 0, meanSteps: null, low: 0 });
    expect(blocked.nodes[0]?.cumulativeByStep).toEqual([]);
  });
});
