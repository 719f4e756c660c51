import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads Prometheus-style durations', () => {
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('15s')).toBe(15_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(parseDuration('250ms')).toBe(250);
  });

  it('refuses what is not a duration', () => {
    for (const text of ['', '24', 'h', '1x', '-1h', '0s', '1h 30m', '__proto__']) {
      expect(() => parseDuration(text), text).toThrow(/not a duration/);
    }
  });
});

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration((3 * 24 + 4) * 3_600_000)).toBe('3 d 4 h');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(86_400_000)).toBe('1 d');
    expect(formatDuration(3_599_999)).toBe('1 h');
  });

  it('is within half the smaller unit shown of the value (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 400 * 86_400_000 }), (ms) => {
        const text = formatDuration(ms);
        const back = [...text.matchAll(/(\d+) (d|h|min|s)/g)].reduce(
          (sum, [, n, unit]) =>
            sum + Number(n) * { d: 86_400_000, h: 3_600_000, min: 60_000, s: 1_000 }[unit as 'd'],
          0,
        );
        const smallest = text.endsWith('d')
          ? 86_400_000
          : text.endsWith(' h')
            ? 3_600_000
            : text.endsWith('min')
              ? 60_000
              : 1_000;
        expect(Math.abs(back - ms)).toBeLessThanOrEqual(smallest / 2);
      }),
    );
  });
});
