import { describe, expect, it } from 'vitest';
import { appendLive, toColumns } from './series-points';

const value = (ts: number, v: number) => ({
  value: v,
  ts,
  origin: 'observed' as const,
  source: 'remote_write',
});

describe('appendLive', () => {
  it('appends a newer value and drops what falls out of the range', () => {
    const points = [
      [1_000, 1],
      [2_000, 2],
      [3_000, 3],
    ] as const;
    expect(appendLive(points, value(4_000, 4), 2_500)).toEqual([
      [2_000, 2],
      [3_000, 3],
      [4_000, 4],
    ]);
  });

  it('ignores a value no newer than the last point', () => {
    const points = [[3_000, 3]] as const;
    expect(appendLive(points, value(3_000, 9), 10_000)).toBe(points);
    expect(appendLive([], value(5, 1), 10)).toEqual([[5, 1]]);
  });
});

describe('toColumns', () => {
  it('splits pairs into uPlot columns', () => {
    expect(
      toColumns([
        [1, 10],
        [2, 20],
      ]),
    ).toEqual([
      [1, 2],
      [10, 20],
    ]);
  });
});
