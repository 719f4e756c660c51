import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diurnalFactor } from './diurnal-factor.js';
import { latencyP99Seconds } from './queueing-latency.js';
import { hashString, SeededRandom } from './random.js';
import { smoothNoise } from './smooth-noise.js';

describe('SeededRandom', () => {
  it('gives a stream that depends only on seed and key', () => {
    const a = new SeededRandom(7, 'host:x');
    const b = new SeededRandom(7);
    b.reset('other');
    b.next();
    b.reset('host:x');
    expect([a.next(), a.next(), a.next()]).toEqual([b.next(), b.next(), b.next()]);
    expect(new SeededRandom(8, 'host:x').next()).not.toBe(new SeededRandom(7, 'host:x').next());
  });

  it('stays in range and is roughly uniform', () => {
    const random = new SeededRandom(1, 'uniform');
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = random.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const bucket = Math.floor(x * 10);
      buckets[bucket] = (buckets[bucket] as number) + 1;
    }
    for (const count of buckets) expect(Math.abs(count - 1000)).toBeLessThan(150);
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 50 }), (min, span) => {
        const value = random.int(min, min + span);
        return Number.isInteger(value) && value >= min && value <= min + span;
      }),
    );
  });

  it('hashes differently for different seeds and texts', () => {
    expect(hashString('abc', 1)).not.toBe(hashString('abc', 2));
    expect(hashString('abc', 1)).not.toBe(hashString('abd', 1));
  });
});

describe('smoothNoise', () => {
  it('is a function of time, within [-1, 1], without jumps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 2 ** 40 }), (key, time) => {
        const value = smoothNoise(key, time, 60_000);
        expect(value).toBe(smoothNoise(key, time, 60_000));
        expect(Math.abs(value)).toBeLessThanOrEqual(1);
        expect(Math.abs(smoothNoise(key, time + 1000, 60_000) - value)).toBeLessThan(0.1);
      }),
    );
  });
});

describe('diurnalFactor', () => {
  it('peaks mid-afternoon and bottoms out at night', () => {
    const day = Date.UTC(2024, 4, 15);
    expect(diurnalFactor(day + 15 * 3_600_000)).toBeCloseTo(1, 5);
    expect(diurnalFactor(day + 3 * 3_600_000)).toBeCloseTo(0.3, 5);
    expect(diurnalFactor(Date.UTC(2024, 4, 18, 15))).toBeCloseTo(0.8, 5);
  });
});

describe('latencyP99Seconds', () => {
  it('grows without bound as utilisation nears 1, up to the timeout', () => {
    const low = latencyP99Seconds(0.01, 0.3, 4);
    const high = latencyP99Seconds(0.01, 0.9, 4);
    const saturated = latencyP99Seconds(0.01, 0.999, 4);
    expect(low).toBeLessThan(0.05);
    expect(high).toBeGreaterThan(2 * low);
    expect(saturated).toBeGreaterThan(5 * high);
    expect(latencyP99Seconds(1, 2, 1)).toBeLessThanOrEqual(10);
  });
});
