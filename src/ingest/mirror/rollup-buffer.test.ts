import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RollupBucket } from '../../model/index.js';
import { RollupBuffer } from './rollup-buffer.js';

const bucket = (start: number, value: number): RollupBucket => ({
  series: 0,
  resolution: '1m',
  start,
  min: value,
  max: value,
  sum: value,
  count: 1,
  last: value,
  lastTs: start,
});

describe('RollupBuffer', () => {
  it('hands over full chunks oldest first, then the one being filled, announcements with the first', () => {
    const buffer = new RollupBuffer(4);
    buffer.announce(7, 'host:a', 'cpu');
    for (let i = 0; i < 10; i++) buffer.push(7, bucket(i * 60_000, i));
    expect(buffer.length).toBe(10);
    expect(buffer.fullChunks).toBe(2);
    const first = buffer.take();
    expect(first.length).toBe(4);
    expect(first.newSeries).toEqual([[7, 'host:a', 'cpu']]);
    expect([...first.min.subarray(0, 4)]).toEqual([0, 1, 2, 3]);
    const second = buffer.take();
    expect(second.newSeries).toEqual([]);
    expect([...second.min.subarray(0, 4)]).toEqual([4, 5, 6, 7]);
    const rest = buffer.take();
    expect(rest.length).toBe(2);
    expect([...rest.min.subarray(0, 2)]).toEqual([8, 9]);
    expect(rest.resolutionMs[0]).toBe(60_000);
    expect(buffer.pending).toBe(false);
  });

  it('never moves a row once pushed: a taken chunk is not written to again', () => {
    const buffer = new RollupBuffer(2);
    buffer.push(1, bucket(0, 1));
    buffer.push(1, bucket(60_000, 2));
    const chunk = buffer.take();
    buffer.push(1, bucket(120_000, 3));
    expect([...chunk.min]).toEqual([1, 2]);
  });

  it('returns every row in order, each key announced no later than the batch holding its first row', () => {
    type Step = { kind: 'push'; key: number } | { kind: 'take' };
    const step = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), key: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('take' as const) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(step, { maxLength: 60 }),
        (chunkRows, steps: Step[]) => {
          const buffer = new RollupBuffer(chunkRows);
          const announced = new Set<number>();
          const pushed: number[] = [];
          const taken: number[] = [];
          const known = new Set<number>();
          const drain = () => {
            const batch = buffer.take();
            for (const [key] of batch.newSeries) known.add(key);
            for (let i = 0; i < batch.length; i++) {
              expect(known.has(batch.key[i] as number)).toBe(true);
              taken.push(batch.start[i] as number);
            }
          };
          for (const s of steps) {
            if (s.kind === 'take') {
              drain();
              continue;
            }
            if (!announced.has(s.key)) {
              announced.add(s.key);
              buffer.announce(s.key, `e:${s.key}`, 'm');
            }
            buffer.push(s.key, bucket(pushed.length, 0));
            pushed.push(pushed.length);
            expect(buffer.length).toBe(pushed.length - taken.length);
          }
          while (buffer.pending) drain();
          expect(taken).toEqual(pushed);
        },
      ),
    );
  });
});
