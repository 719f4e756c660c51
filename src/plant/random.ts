/**
 * Seeded randomness for the plant. Every value is a function of (seed, key) — never of the order
 * in which things are generated — so adding a rack does not reshuffle the hosts of another.
 */

/** A 32-bit FNV-1a-style hash of `text`, mixed with `seed` (murmur3 finaliser for avalanche). */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** Murmur3's 32-bit finaliser: a cheap bijection that spreads every input bit over the output. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines two 32-bit values into one well-mixed hash. */
export function hash2(a: number, b: number): number {
  return mix32((a ^ Math.imul(b >>> 0, 0x9e3779b1)) + 0x7f4a7c15);
}

/** A hash turned into a uniform number in [0, 1). */
export function unitFromHash(hash: number): number {
  return (hash >>> 0) / 4294967296;
}

/**
 * sfc32, reseedable: one instance serves a whole generation run (no allocation per entity), and
 * `reset(key)` makes the stream a function of (seed, key) alone.
 */
export class SeededRandom {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 1;

  constructor(
    private readonly seed: number,
    key = '',
  ) {
    this.reset(key);
  }

  reset(key: string): this {
    const h = hashString(key, this.seed);
    this.a = h;
    this.b = mix32(h ^ 0x9e3779b9);
    this.c = mix32(h ^ 0x243f6a88);
    this.d = 1;
    // sfc32 needs a few rounds before similar seeds diverge.
    for (let i = 0; i < 12; i++) this.next();
    return this;
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}
