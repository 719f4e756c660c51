import { describe, expect, it } from 'vitest';
import { createStreams, RandomStream } from './random-stream.js';

/** Pearson's chi-square statistic of `draw` over `buckets` equal buckets of [0, 1). */
function chiSquare(draw: () => number, buckets: number, samples: number): number {
  const counts = new Float64Array(buckets);
  for (let i = 0; i < samples; i++) counts[Math.floor(draw() * buckets)]!++;
  const expected = samples / buckets;
  let statistic = 0;
  for (const count of counts) statistic += (count - expected) ** 2 / expected;
  return statistic;
}

/** Correlation of x[i] with x[i + lag]. */
function serialCorrelation(draw: () => number, lag: number, samples: number): number {
  const values = Float64Array.from({ length: samples }, draw);
  let sumX = 0;
  let sumY = 0;
  let sumXY = 0;
  let sumXX = 0;
  let sumYY = 0;
  const n = samples - lag;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    const y = values[i + lag]!;
    sumX += x;
    sumY += y;
    sumXY += x * y;
    sumXX += x * x;
    sumYY += y * y;
  }
  return (n * sumXY - sumX * sumY) / Math.sqrt((n * sumXX - sumX ** 2) * (n * sumYY - sumY ** 2));
}

// χ² with 999 degrees of freedom: the 0.1 % upper critical value is about 1143.
const chiSquareCritical = 1143;

describe('RandomStream', () => {
  it('matches the reference xoshiro128** outputs from state {1, 2, 3, 4}', () => {
    const random = RandomStream.fromState(1, 2, 3, 4);
    expect([random.nextUint32(), random.nextUint32(), random.nextUint32()]).toEqual([11520, 0, 5927040]);
  });

  it('repeats a sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const random = RandomStream.fromSeed(seed);
      return Array.from({ length: 5 }, () => random.nextDouble());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(0)).not.toEqual(draw(1));
  });

  it('gives doubles in [0, 1) with 53 random bits', () => {
    const random = RandomStream.fromSeed(7);
    let min = 1;
    let max = 0;
    let oddMantissa = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = random.nextDouble();
      min = Math.min(min, x);
      max = Math.max(max, x);
      // x·2^53 is an integer; its low bit is random only if all 53 bits are.
      if ((x * 2 ** 53) % 2 === 1) oddMantissa++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(oddMantissa / 200_000).toBeGreaterThan(0.49);
    expect(oddMantissa / 200_000).toBeLessThan(0.51);
  });

  it('passes chi-square on 1000 buckets and shows no serial correlation', () => {
    const random = RandomStream.fromSeed(2024);
    const draw = () => random.nextDouble();
    expect(chiSquare(draw, 1000, 1_000_000)).toBeLessThan(chiSquareCritical);
    // 4 standard errors of a correlation over 10^6 values.
    for (const lag of [1, 2, 3, 7])
      expect(Math.abs(serialCorrelation(draw, lag, 1_000_000))).toBeLessThan(0.004);
  });

  it('has every output bit fair, low bits included', () => {
    const random = RandomStream.fromSeed(99);
    const ones = new Float64Array(32);
    const samples = 200_000;
    for (let i = 0; i < samples; i++) {
      const word = random.nextUint32();
      for (let bit = 0; bit < 32; bit++) if ((word >>> bit) & 1) ones[bit]!++;
    }
    // 5 standard deviations of a binomial(200 000, ½) count: ±1118.
    for (const count of ones) expect(Math.abs(count - samples / 2)).toBeLessThan(1118);
  });

  it('catches a weak generator: the same tests fail on a 16-bit LCG and on a correlated stream', () => {
    let state = 1;
    const lcg = () => {
      state = (Math.imul(state, 25_173) + 13_849) & 0xffff;
      return state / 65_536;
    };
    // A full-period 16-bit LCG repeats every 65 536 draws: far too even over 10^6 draws.
    const lcgStatistic = chiSquare(lcg, 1000, 1_000_000);
    expect(lcgStatistic < 857 || lcgStatistic > chiSquareCritical).toBe(true);
    const random = RandomStream.fromSeed(1);
    let previous = 0.5;
    const smoothed = () => {
      previous = 0.9 * previous + 0.1 * random.nextDouble();
      return previous;
    };
    expect(Math.abs(serialCorrelation(smoothed, 1, 100_000))).toBeGreaterThan(0.5);
  });

  it('makes independent streams by jumping', () => {
    const [a, b, c] = createStreams(5, 3) as [RandomStream, RandomStream, RandomStream];
    const first = [a.nextUint32(), b.nextUint32(), c.nextUint32()];
    expect(new Set(first).size).toBe(3);
    const again = createStreams(5, 3).map((stream) => stream.nextUint32());
    expect(again).toEqual(first);
    // Interleaving two streams must look like one good stream.
    let turn = 0;
    const interleaved = () => (turn++ % 2 === 0 ? a.nextDouble() : b.nextDouble());
    expect(Math.abs(serialCorrelation(interleaved, 1, 1_000_000))).toBeLessThan(0.004);
    expect(chiSquare(interleaved, 1000, 1_000_000)).toBeLessThan(chiSquareCritical);
  });

  it('draws standard normals', () => {
    const random = RandomStream.fromSeed(3);
    let sum = 0;
    let squares = 0;
    let beyond = 0;
    const n = 400_000;
    for (let i = 0; i < n; i++) {
      const z = random.nextNormal();
      sum += z;
      squares += z * z;
      if (Math.abs(z) > 1.959964) beyond++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.01);
    expect(Math.abs(beyond / n - 0.05)).toBeLessThan(0.0025);
  });
});
