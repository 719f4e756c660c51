import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveAll } from '../graph/derive.js';
import { TreeStore, TriggerDeriver } from './proof-trees.js';
import { buildHardeningGraph, hardeningGraphSpec } from './random-hardening-graph.fixture.js';

const fixBits = fc.array(fc.boolean(), { minLength: 10, maxLength: 10 });

describe('TriggerDeriver', () => {
  it('derives what deriveAll derives, with proof trees that really derive their goal', () => {
    fc.assert(
      fc.property(hardeningGraphSpec(), fixBits, (spec, bits) => {
        const { graph, orNodes } = buildHardeningGraph(spec);
        const removed = Uint8Array.from(graph.fixes, (_, f) => (bits[f] ? 1 : 0));
        const deriver = new TriggerDeriver(graph);
        deriver.derive(removed);
        const expected = deriveAll(graph, { removedFixes: removed });
        expect(Array.from(deriver.holds)).toEqual(Array.from(expected));
        expect(deriver.derivedCount).toBe(expected.reduce((sum, h) => sum + h, 0));
        for (const node of orNodes) {
          if (deriver.holds[node] !== 1) continue;
          // Applying every fix outside the tree leaves the node derivable.
          const tree = new Set(deriver.proofTree(node));
          const others = Uint8Array.from(graph.fixes, (_, f) => (tree.has(f) ? 0 : 1));
          expect(deriveAll(graph, { removedFixes: others })[node]).toBe(1);
          for (const fix of tree) expect(removed[fix]).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('brings a fix back from the current fixpoint, and undoes it', () => {
    fc.assert(
      fc.property(
        hardeningGraphSpec(),
        fixBits,
        fc.nat({ max: 9 }),
        fixBits,
        (spec, bits, pick, stopBits) => {
          const { graph } = buildHardeningGraph(spec);
          const fix = pick % graph.fixes.length;
          const removed = Uint8Array.from(graph.fixes, (_, f) => (bits[f] || f === fix ? 1 : 0));
          const fewer = removed.slice();
          fewer[fix] = 0;
          const before = deriveAll(graph, { removedFixes: removed });
          const after = deriveAll(graph, { removedFixes: fewer });
          const deriver = new TriggerDeriver(graph);
          const none = new Uint8Array(graph.nodeCount);

          deriver.derive(removed);
          expect(deriver.unfix(fix, none)).toBe(-1);
          expect(Array.from(deriver.holds)).toEqual(Array.from(after));
          deriver.rollback();
          expect(Array.from(deriver.holds)).toEqual(Array.from(before));

          // Stopping early: the node returned holds without the fix, and rolling back still restores.
          const stop = Uint8Array.from({ length: graph.nodeCount }, (_, node) =>
            stopBits[node % 10] ? 1 : 0,
          );
          const reached = deriver.unfix(fix, stop);
          if (reached >= 0) {
            expect(stop[reached]).toBe(1);
            expect(before[reached]).toBe(0);
            expect(after[reached]).toBe(1);
          }
          deriver.rollback();
          expect(Array.from(deriver.holds)).toEqual(Array.from(before));

          // Committing keeps the fixpoint without the fix; later runs start clean.
          deriver.unfix(fix, none);
          deriver.commit();
          expect(Array.from(deriver.holds)).toEqual(Array.from(after));
          deriver.derive(removed);
          expect(Array.from(deriver.holds)).toEqual(Array.from(before));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('TreeStore', () => {
  it('keeps each set of fixes once and indexes trees by fix', () => {
    const store = new TreeStore(5);
    expect(store.add([3, 1])).toBe(true);
    expect(store.add([1, 3])).toBe(false);
    expect(store.add([1, 4, 2])).toBe(true);
    expect(store.count).toBe(2);
    expect(store.fixesOf(0)).toEqual([1, 3]);
    expect(store.fixesOf(1)).toEqual([1, 2, 4]);
    expect(store.size(1)).toBe(3);
    expect(store.treesOf(1)).toEqual([0, 1]);
    expect(store.treesOf(0)).toEqual([]);
    expect(store.hits(1, Uint8Array.from([0, 1, 1, 0, 0]))).toBe(2);
  });
});
