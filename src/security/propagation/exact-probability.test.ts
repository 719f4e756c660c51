import { describe, expect, it } from 'vitest';
import { AttackGraphBuilder } from '../graph/attack-graph-builder.js';
import { exactProbabilityByEnumeration } from './exact-probability.js';

const fact = (label: string) => ({ label, entities: [] });

describe('exactProbabilityByEnumeration', () => {
  it('multiplies along a chain and combines alternatives as independent events', () => {
    const b = new AttackGraphBuilder();
    const leaf = b.leaf(fact('leaf'));
    const a = b.or(fact('a'));
    const goal = b.or(fact('goal'));
    b.and(fact('a1'), a, [leaf], 0.6, 1);
    b.and(fact('g1'), goal, [a], 0.5, 1);
    b.and(fact('g2'), goal, [leaf], 0.3, 3);
    const graph = b.build([goal]);
    expect(exactProbabilityByEnumeration(graph, a)).toBeCloseTo(0.6, 15);
    expect(exactProbabilityByEnumeration(graph, goal)).toBeCloseTo(1 - (1 - 0.3) * (1 - 0.6 * 0.5), 15);
    // Within 2 steps only the chain counts; within 3 both.
    expect(exactProbabilityByEnumeration(graph, goal, { maxSteps: 1 })).toBe(0);
    expect(exactProbabilityByEnumeration(graph, goal, { maxSteps: 2 })).toBeCloseTo(0.3, 15);
    expect(exactProbabilityByEnumeration(graph, goal, { maxSteps: 3 })).toBeCloseTo(0.51, 15);
    expect(exactProbabilityByEnumeration(graph, leaf)).toBe(1);
  });

  it('treats probability 1 as certain and 0 as impossible, without enumerating them', () => {
    const b = new AttackGraphBuilder();
    const leaf = b.leaf(fact('leaf'));
    const goal = b.or(fact('goal'));
    const never = b.or(fact('never'));
    for (let i = 0; i < 30; i++) b.and(fact(`sure ${i}`), goal, [leaf], 1, 0);
    for (let i = 0; i < 30; i++) b.and(fact(`impossible ${i}`), never, [leaf], 0, 0);
    const graph = b.build([goal]);
    expect(exactProbabilityByEnumeration(graph, goal)).toBe(1);
    expect(exactProbabilityByEnumeration(graph, never)).toBe(0);
  });

  it('refuses more than 20 uncertain AND nodes and nodes outside the graph', () => {
    const b = new AttackGraphBuilder();
    const leaf = b.leaf(fact('leaf'));
    const goal = b.or(fact('goal'));
    for (let i = 0; i < 21; i++) b.and(fact(`rule ${i}`), goal, [leaf], 0.5, 1);
    const graph = b.build([goal]);
    expect(() => exactProbabilityByEnumeration(graph, goal)).toThrow(/21 uncertain AND nodes/);
    expect(() => exactProbabilityByEnumeration(graph, 99)).toThrow(RangeError);
    expect(() => exactProbabilityByEnumeration(graph, goal, { maxSteps: -1 })).toThrow(RangeError);
  });

  it('sums 2^16 outcomes to the closed form', () => {
    const b = new AttackGraphBuilder();
    const leaf = b.leaf(fact('leaf'));
    const goal = b.or(fact('goal'));
    for (let i = 0; i < 16; i++) b.and(fact(`rule ${i}`), goal, [leaf], 0.1 + i / 40, 1);
    const graph = b.build([goal]);
    let miss = 1;
    for (let i = 0; i < 16; i++) miss *= 1 - (0.1 + i / 40);
    expect(exactProbabilityByEnumeration(graph, goal)).toBeCloseTo(1 - miss, 14);
    expect(exactProbabilityByEnumeration(graph, goal, { maxSteps: 1 })).toBeCloseTo(1 - miss, 14);
  });
});
