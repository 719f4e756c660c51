import { hash2, unitFromHash } from './random.js';

/**
 * Noise in [-1, 1] that depends only on (key, time): the hashed value of each time bucket,
 * interpolated smoothly to the next, so a series has no jumps and the same time gives the same
 * value however often or in whatever order it is asked for.
 */
export function smoothNoise(key: number, timeMs: number, bucketMs: number): number {
  const position = timeMs / bucketMs;
  const bucket = Math.floor(position);
  const fraction = position - bucket;
  const from = unitFromHash(hash2(key, bucket)) * 2 - 1;
  const to = unitFromHash(hash2(key, bucket + 1)) * 2 - 1;
  const eased = fraction * fraction * (3 - 2 * fraction);
  return from + (to - from) * eased;
}
