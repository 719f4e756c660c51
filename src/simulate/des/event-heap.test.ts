import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap } from './event-heap.js';

describe('EventHeap', () => {
  it('pops in time order, equal times first-in first-out, through growth', () => {
    // Few distinct times, so ties are common.
    const operation = fc.oneof(
      fc.record({ push: fc.integer({ min: 0, max: 20 }).map((t) => t / 4) }),
      fc.constant({ pop: true as const }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 400 }), (operations) => {
        const heap = new EventHeap(2);
        const model: { time: number; payload: number }[] = [];
        let payload = 0;
        for (const op of operations) {
          if ('push' in op) {
            heap.push(op.push, payload);
            model.push({ time: op.push, payload: payload++ });
            continue;
          }
          if (model.length === 0) continue;
          // Stable: the earliest-pushed of the smallest time.
          const index = model.reduce((best, event, i) => (event.time < model[best]!.time ? i : best), 0);
          const [expected] = model.splice(index, 1);
          expect(heap.topTime).toBe(expected!.time);
          expect(heap.pop()).toBe(expected!.payload);
        }
        expect(heap.size).toBe(model.length);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('reports +∞ when empty and starts afresh after clear', () => {
    const heap = new EventHeap();
    expect(heap.topTime).toBe(Number.POSITIVE_INFINITY);
    heap.push(3, 1);
    heap.clear();
    expect(heap.size).toBe(0);
    heap.push(1, 9);
    expect(heap.topPayload).toBe(9);
  });
});
