import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AttackGraph, NodeType } from '../graph/attack-graph.js';
import { AttackGraphBuilder } from '../graph/attack-graph-builder.js';
import { deriveAll } from '../graph/derive.js';
import { buildMulval3Host, mulvalLeafFix, mulvalNode } from './mulval-3host.fixture.js';
import { buildHardeningGraph, hardeningGraphSpec } from './random-hardening-graph.fixture.js';
import { relevantSubgraph } from './relevant-subgraph.js';

const fact = (label: string) => ({ label, entities: [] });
const fix = (builder: AttackGraphBuilder, id: string, cost = 1) =>
  builder.fix({ id, kind: 'patch', target: `host:${id}`, description: id, cost });

function allowedExcept(graph: AttackGraph, banned: readonly number[]): Uint8Array {
  const allowed = new Uint8Array(graph.fixes.length).fill(1);
  for (const f of banned) allowed[f] = 0;
  return allowed;
}

describe('relevantSubgraph', () => {
  it('keeps the 3-host graph’s fixes, one leaf each, and collapses its single-premise chains', () => {
    const graph = buildMulval3Host();
    const relevant = relevantSubgraph(graph);
    expect(relevant.cuttableGoals).toEqual([mulvalNode(1)]);
    expect(relevant.uncuttableGoals).toEqual([]);
    expect(relevant.fixes).toHaveLength(11);
    const sub = relevant.graph;
    // The goal ← RULE 4 ← accessFile(workStation) ← RULE 16 chain becomes the RULE 16 node.
    const goal = relevant.goalNodes[0] as number;
    expect(relevant.origin[goal]).toBe(mulvalNode(4));
    expect(Array.from(sub.goals)).toEqual([goal]);
    expect(sub.nodeCount).toBeLessThan(graph.nodeCount);
    for (let node = 0; node < relevant.fixes.length; node++) {
      expect(sub.type[node]).toBe(NodeType.Leaf);
      expect(sub.leafFix[node]).toBe(relevant.fixes[node]);
    }
    // Every node of the subgraph holds unfixed, and the goal falls with fix 20 (CAN-2002-0392).
    expect(deriveAll(sub).every((h) => h === 1)).toBe(true);
    const removedFixes = new Uint8Array(graph.fixes.length);
    removedFixes[mulvalLeafFix(graph, 20)] = 1;
    expect(deriveAll(sub, { removedFixes })[goal]).toBe(0);
  });

  it('drops leaves no allowed fix removes, and what only they derive', () => {
    const graph = buildMulval3Host();
    const banned = [17, 18].map((id) => mulvalLeafFix(graph, id));
    const relevant = relevantSubgraph(graph, { allowed: allowedExcept(graph, banned) });
    expect(relevant.cuttableGoals).toEqual([mulvalNode(1)]);
    expect(Array.from(relevant.fixes)).not.toContain(banned[0]);
    expect(Array.from(relevant.fixes)).not.toContain(banned[1]);
    // netAccess(webServer,tcp,80) and its RULE 6 instance are constants now.
    const origins = new Set(relevant.origin);
    expect(origins.has(mulvalNode(15))).toBe(false);
    expect(origins.has(mulvalNode(16))).toBe(false);
  });

  it('reports a goal as uncuttable when an AND node of constants derives it', () => {
    const builder = new AttackGraphBuilder();
    const a = builder.leaf(fact('a'), fix(builder, 'a'));
    const b = builder.leaf(fact('b'), fix(builder, 'b'));
    const goal = builder.or(fact('goal'));
    const other = builder.or(fact('other'));
    builder.and(fact('rule'), goal, [a, b], 1, 1);
    builder.and(fact('rule'), other, [a], 1, 1);
    const graph = builder.build([goal, other]);
    const relevant = relevantSubgraph(graph, { allowed: Uint8Array.from([0, 0]) });
    expect(relevant.uncuttableGoals).toEqual([goal, other]);
    expect(relevant.cuttableGoals).toEqual([]);
    expect(relevant.graph.nodeCount).toBe(0);
    // With b allowed, only the goal can be cut.
    const some = relevantSubgraph(graph, { allowed: Uint8Array.from([0, 1]) });
    expect(some.cuttableGoals).toEqual([goal]);
    expect(some.uncuttableGoals).toEqual([other]);
  });

  it('reports goals that hold even unfixed as unreachable, and takes a subset of goals', () => {
    const builder = new AttackGraphBuilder();
    const a = builder.leaf(fact('a'), fix(builder, 'a'));
    const never = builder.or(fact('never'));
    const reached = builder.or(fact('reached'));
    const goal = builder.or(fact('goal'));
    builder.and(fact('rule'), goal, [a, never], 1, 1);
    builder.and(fact('rule'), reached, [a], 1, 1);
    const graph = builder.build([goal, reached]);
    const relevant = relevantSubgraph(graph);
    expect(relevant.unreachableGoals).toEqual([goal]);
    expect(relevant.cuttableGoals).toEqual([reached]);
    const only = relevantSubgraph(graph, { goals: [goal] });
    expect(only.cuttableGoals).toEqual([]);
    expect(only.graph.nodeCount).toBe(0);
  });

  it('collapses a long chain to the leaf at its end', () => {
    const builder = new AttackGraphBuilder();
    const leaf = builder.leaf(fact('leaf'), fix(builder, 'f'));
    const constant = builder.leaf(fact('constant'));
    let previous = leaf;
    for (let i = 0; i < 50_000; i++) {
      const or = builder.or(fact(`or ${i}`));
      builder.and(fact(`and ${i}`), or, i % 2 === 0 ? [previous, constant] : [previous], 1, 1);
      previous = or;
    }
    const graph = builder.build([previous]);
    const relevant = relevantSubgraph(graph);
    expect(relevant.graph.nodeCount).toBe(1);
    expect(relevant.graph.type[0]).toBe(NodeType.Leaf);
    expect(Array.from(relevant.goalNodes)).toEqual([0]);
    expect(relevant.origin[0]).toBe(leaf);
  });

  it('rejects goals that are not nodes and an allowed mask of the wrong size', () => {
    const graph = buildMulval3Host();
    expect(() => relevantSubgraph(graph, { goals: [26] })).toThrow(RangeError);
    expect(() => relevantSubgraph(graph, { goals: [-1] })).toThrow(RangeError);
    expect(() => relevantSubgraph(graph, { allowed: new Uint8Array(3) })).toThrow(RangeError);
  });

  it('keeps, for every set of allowed fixes, which chosen goals hold (random graphs with cycles)', () => {
    fc.assert(
      fc.property(
        hardeningGraphSpec(),
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        fc.array(fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), { minLength: 1, maxLength: 6 }),
        (spec, allowBits, fixSets) => {
          const { graph } = buildHardeningGraph(spec);
          const allowed = Uint8Array.from(graph.fixes, (_, f) => (allowBits[f] !== false ? 1 : 0));
          const relevant = relevantSubgraph(graph, { allowed });
          const unfixed = deriveAll(graph);
          const allFixed = deriveAll(graph, { removedFixes: allowed });
          for (const goal of relevant.unreachableGoals) expect(unfixed[goal]).toBe(0);
          for (const goal of relevant.uncuttableGoals) expect(allFixed[goal]).toBe(1);
          for (const goal of relevant.cuttableGoals) expect([unfixed[goal], allFixed[goal]]).toEqual([1, 0]);
          expect(
            relevant.cuttableGoals.length +
              relevant.uncuttableGoals.length +
              relevant.unreachableGoals.length,
          ).toBe(new Set(graph.goals).size);
          for (const leaf of relevant.fixes) expect(allowed[leaf]).toBe(1);
          for (const bits of fixSets) {
            const removedFixes = Uint8Array.from(graph.fixes, (_, f) =>
              bits[f] && allowed[f] === 1 ? 1 : 0,
            );
            const whole = deriveAll(graph, { removedFixes });
            const sub = deriveAll(relevant.graph, { removedFixes });
            relevant.cuttableGoals.forEach((goal, index) => {
              expect(sub[relevant.goalNodes[index] as number]).toBe(whole[goal]);
            });
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
