import { describe, expect, it } from 'vitest';
import { dropRedundantFixes, openGoals, removedMask, totalCost } from './cut-check.js';
import { buildMulval3Host, mulvalLeafFix, mulvalNode } from './mulval-3host.fixture.js';

describe('cut checks', () => {
  const graph = buildMulval3Host();
  const fixOf = (id: number) => mulvalLeafFix(graph, id);
  const goals = [mulvalNode(1)];

  it('masks, costs and open goals', () => {
    expect(Array.from(removedMask(graph, [0, 3]))).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(totalCost(graph, [0, 3, 5])).toBe(3);
    expect(openGoals(graph, [], goals)).toEqual(goals);
    expect(openGoals(graph, [fixOf(22)], goals)).toEqual(goals);
    expect(openGoals(graph, [fixOf(22), fixOf(24)], goals)).toEqual([]);
  });

  it('drops fixes the goals do not need, leaving a minimal set', () => {
    const all = graph.fixes.map((_, fix) => fix);
    const minimal = dropRedundantFixes(graph, all, goals);
    expect(openGoals(graph, minimal, goals)).toEqual([]);
    expect(minimal).toHaveLength(1);
    // 7 and 22 both cut path A: one goes (the later index, as costs tie), 24 stays for path B.
    expect(dropRedundantFixes(graph, [fixOf(22), fixOf(24), fixOf(7)], goals)).toEqual(
      [fixOf(7), fixOf(24)].sort((a, b) => a - b),
    );
  });
});
