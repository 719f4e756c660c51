import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consumersOf, NodeType } from '../graph/attack-graph.js';
import { buildAttackGraph } from '../graph/build-attack-graph.js';
import { deriveAll } from '../graph/derive.js';
import { arbitraryAttackModel } from '../reference/random-attack-model.fixture.js';
import { kBestTrees, pathOf } from './attack-paths.js';
import { bestDerivations } from './best-derivation.js';

describe('attack paths on random networks', () => {
  it('lists distinct trees, each of which derives the goal by itself, in an order an attacker can follow', () => {
    fc.assert(
      fc.property(
        arbitraryAttackModel(6),
        fc.constantFrom('likelihood' as const, 'steps' as const),
        (model, kind) => {
          const built = buildAttackGraph(model);
          const { graph } = built;
          const consumers = consumersOf(graph);
          const best = bestDerivations(graph, kind, { consumers });
          const holds = deriveAll(graph, { consumers });
          for (const goal of graph.goals) {
            const trees = kBestTrees(graph, best, goal, 4);
            expect(trees.length > 0).toBe(holds[goal] === 1);
            if (trees[0]) expect(trees[0].cost).toBeCloseTo(best.cost[goal] as number, 9);
            const signatures = new Set<string>();
            for (const { tree } of trees) {
              const used = new Set(tree.ands);
              // The tree alone (every other rule instance failing) derives the goal.
              expect(deriveAll(graph, { consumers, succeeds: (and) => used.has(and) })[goal]).toBe(1);
              // Post-order: every premise of a step is proved before the step.
              const proved = new Set([...tree.leaves]);
              for (const and of tree.ands) {
                for (
                  let p = graph.premiseStart[and] as number;
                  p < (graph.premiseStart[and + 1] as number);
                  p++
                ) {
                  const premise = graph.premises[p] as number;
                  if (graph.type[premise] === NodeType.Or) expect(proved.has(premise)).toBe(true);
                }
                proved.add(and);
                proved.add(consumers.nodes[consumers.start[and] as number] as number);
              }
              const path = pathOf(graph, consumers, tree);
              signatures.add(
                path.steps
                  .map((step) => step.node)
                  .sort((a, b) => a - b)
                  .join(','),
              );
            }
            expect(signatures.size).toBe(trees.length);
          }
        },
      ),
      { numRuns: 500, seed: 11 },
    );
  });
});
