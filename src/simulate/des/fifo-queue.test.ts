import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FifoQueue } from './fifo-queue.js';

describe('FifoQueue', () => {
  it('behaves as an array queue across wrap-around and growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ noNaN: true }), { nil: undefined }), { maxLength: 300 }),
        (ops) => {
          const queue = new FifoQueue(4);
          const model: number[] = [];
          for (const op of ops) {
            if (op !== undefined) {
              queue.push(op);
              model.push(op);
            } else if (model.length > 0) {
              expect(queue.shift()).toBe(model.shift());
            }
            expect(queue.size).toBe(model.length);
          }
        },
      ),
      { seed: 3 },
    );
  });
});
