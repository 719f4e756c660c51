import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../model/index.js';
import { mserTruncation } from './mser.js';

describe('mserTruncation', () => {
  it('cuts an initial transient and keeps a stationary series', () => {
    const random = RandomStream.fromSeed(1);
    const noise = () => random.nextNormal();
    // Starts at +20 and decays over ~50 points.
    const biased = Array.from({ length: 2000 }, (_, i) => 20 * Math.exp(-i / 50) + noise());
    const cut = mserTruncation(biased);
    expect(cut).toBeGreaterThan(100);
    expect(cut).toBeLessThan(400);
    expect(mserTruncation(Array.from({ length: 2000 }, noise))).toBeLessThan(100);
    expect(mserTruncation([1, 2])).toBe(0);
  });
});
