import type { SeriesPoint } from './series-point.js';

/** A seeded generator of standard normal noise (for tests and examples that must repeat). */
export function seededNormal(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** `count` points every `stepMs` from `startMs`, valued by `value(i, timeMs)`. */
export function makeSeries(
  count: number,
  stepMs: number,
  value: (i: number, timeMs: number) => number,
  startMs = Date.UTC(2024, 0, 1),
): SeriesPoint[] {
  return Array.from({ length: count }, (_, i) => ({
    timeMs: startMs + i * stepMs,
    value: value(i, startMs + i * stepMs),
  }));
}
