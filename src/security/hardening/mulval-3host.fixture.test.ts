import { describe, expect, it } from 'vitest';
import { NodeType } from '../graph/attack-graph.js';
import { deriveAll } from '../graph/derive.js';
import { buildMulval3Host, mulval3HostExpected, mulvalLeafFix, mulvalNode } from './mulval-3host.fixture.js';

describe('MulVAL 3-host fixture', () => {
  const graph = buildMulval3Host();

  it('has the 26 nodes (7 OR, 8 AND, 11 LEAF) and 26 edges of MulVAL’s output', () => {
    expect(graph.nodeCount).toBe(26);
    const count = (type: number) => graph.type.filter((t) => t === type).length;
    expect([count(NodeType.Or), count(NodeType.And), count(NodeType.Leaf)]).toEqual([7, 8, 11]);
    expect(graph.premises.length).toBe(26);
    expect(Array.from(graph.goals)).toEqual([mulvalNode(1)]);
    expect(graph.fixes).toHaveLength(11);
    expect(graph.fixes.every((fix) => fix.cost === 1)).toBe(true);
    expect(graph.fact(mulvalNode(23))).toMatchObject({ rule: 17, label: 'RULE 17 NFS shell' });
    expect(graph.probability[mulvalNode(23)]).toBe(0.8);
    expect(graph.steps[mulvalNode(23)]).toBe(1);
    expect(graph.probability[mulvalNode(11)]).toBe(0.5);
    expect(graph.steps[mulvalNode(11)]).toBe(0);
  });

  it('reaches the goal with probability 0.72 (every outcome of the 8 rule instances)', () => {
    const ands = Array.from({ length: graph.nodeCount }, (_, node) => node).filter(
      (node) => graph.type[node] === NodeType.And,
    );
    let probability = 0;
    for (let outcome = 0; outcome < 1 << ands.length; outcome++) {
      let weight = 1;
      const succeeded = new Set<number>();
      ands.forEach((and, bit) => {
        const p = graph.probability[and] as number;
        if (outcome & (1 << bit)) {
          weight *= p;
          succeeded.add(and);
        } else weight *= 1 - p;
      });
      if (weight === 0) continue;
      if (deriveAll(graph, { succeeds: (and) => succeeded.has(and) })[mulvalNode(1)] === 1)
        probability += weight;
    }
    expect(probability).toBeCloseTo(mulval3HostExpected.goalProbability, 12);
  });

  it('gives the patch scenarios of section 5.4', () => {
    const goalWith = (...leaves: number[]) => {
      const removedFixes = new Uint8Array(graph.fixes.length);
      for (const leaf of leaves) removedFixes[mulvalLeafFix(graph, leaf)] = 1;
      return deriveAll(graph, { removedFixes })[mulvalNode(1)] === 1;
    };
    expect(goalWith()).toBe(true);
    expect(goalWith(22)).toBe(true); // patch vulID only: path B remains
    expect(goalWith(20)).toBe(false); // patch CAN-2002-0392
    expect(goalWith(24)).toBe(true); // block NFS from webServer: path A remains
    expect(goalWith(24, 22)).toBe(false);
  });

  it('rejects ids outside 1..26 and non-leaves', () => {
    expect(() => mulvalNode(0)).toThrow(RangeError);
    expect(() => mulvalNode(27)).toThrow(RangeError);
    expect(() => mulvalLeafFix(graph, 1)).toThrow(RangeError);
  });
});
