import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricWindow } from './metric-window.js';

const minute = 60_000;

describe('MetricWindow', () => {
  it('keeps the last raw points, minute and hour means, and ignores out-of-order or non-finite samples', () => {
    const window = new MetricWindow({ rawPoints: 4, minutes: 3, hours: 2 });
    for (let i = 0; i < 12; i++) window.push(i * 15_000, i);
    expect(window.push(100, 99)).toBe(false);
    expect(window.push(200_000, Number.NaN)).toBe(false);
    expect(window.raw().values).toStrictEqual([8, 9, 10, 11]);
    expect(window.minutes().values).toStrictEqual([1.5, 5.5, 9.5]);
    expect(window.minutes().ts).toStrictEqual([30_000, 90_000, 150_000]);
    expect(window.hours().values).toStrictEqual([5.5]);
    expect(window.lastValue).toBe(11);
    expect(window.count).toBe(12);
    expect(window.historyMs()).toBe(165_000);
  });

  it('holds a bounded number of points whatever is pushed', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 1, max: 10 * minute }), fc.double({ noNaN: true, min: -1e9, max: 1e9 })),
          { maxLength: 400 },
        ),
        (steps) => {
          const window = new MetricWindow({ rawPoints: 8, minutes: 5, hours: 3 });
          let ts = 0;
          for (const [gap, value] of steps) {
            ts += gap;
            window.push(ts, value);
          }
          expect(window.raw().ts.length).toBeLessThanOrEqual(8);
          expect(window.minutes().ts.length).toBeLessThanOrEqual(5);
          expect(window.hours().ts.length).toBeLessThanOrEqual(3);
          const times = window.minutes().ts;
          for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] as number);
        },
      ),
    );
  });

  it('serves a span from raw points when they reach back far enough, else from minute means', () => {
    const window = new MetricWindow({ rawPoints: 8 });
    for (let i = 0; i <= 240; i++) window.push(i * 15_000, i);
    expect(window.span(60_000).values).toStrictEqual([237, 238, 239, 240]);
    const hour = window.span(30 * minute);
    expect(hour.values.length).toBe(31);
    expect(window.mean(60_000)).toBe(238.5);
  });
});
