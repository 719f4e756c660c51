import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consumersOf } from '../graph/attack-graph.js';
import { buildAttackGraph } from '../graph/build-attack-graph.js';
import { deriveAll } from '../graph/derive.js';
import { bruteForceReach } from './brute-force-attacker.js';
import { arbitraryAttackModel } from './random-attack-model.fixture.js';

// The validation: a brute-force reference (explicit search over attacker states) agrees with
// the attack graph on at least 1,000 random small networks, each under a random set of fixes.
describe('the attack graph against a brute-force attacker', () => {
  it('derives exactly the privileges and credentials the brute force reaches (1,000 random networks)', () => {
    fc.assert(
      fc.property(
        arbitraryAttackModel(6),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (model, picks) => {
          const built = buildAttackGraph(model);
          const { graph } = built;
          const removedIds = new Set(
            graph.fixes.filter((_, i) => picks[i % picks.length]).map((fix) => fix.id),
          );
          const removedFixes = Uint8Array.from(graph.fixes, (fix) => (removedIds.has(fix.id) ? 1 : 0));
          const holds = deriveAll(graph, { removedFixes, consumers: consumersOf(graph) });
          const reference = bruteForceReach(model, { removedFixes: removedIds });
          const fromGraph = new Set<string>();
          for (const [asset, nodes] of built.execCode) {
            if (holds[nodes.user]) fromGraph.add(`${asset}:user`);
            if (holds[nodes.root]) fromGraph.add(`${asset}:root`);
          }
          expect([...fromGraph].sort()).toEqual([...reference.privileges].sort());
          const credentials = [...built.credentials].filter(([, node]) => holds[node]).map(([id]) => id);
          expect(credentials.sort()).toEqual(
            [...reference.credentials].filter((c) => built.credentials.has(c)).sort(),
          );
        },
      ),
      { numRuns: 1000, seed: 20261129 },
    );
  });

  it('finds nothing to agree about trivially: most random networks let the attacker beyond the entry', () => {
    let beyond = 0;
    fc.assert(
      fc.property(arbitraryAttackModel(6), (model) => {
        const reached = bruteForceReach(model).privileges.size;
        const entries = new Set(model.entries.map((e) => e.asset)).size;
        if (reached > entries) beyond++;
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(beyond).toBeGreaterThan(60);
  });
});
