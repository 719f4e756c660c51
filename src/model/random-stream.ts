/**
 * xoshiro128** (Blackman & Vigna, 2018): 128 bits of state, period 2^128 − 1, passes BigCrush,
 * and needs only 32-bit operations, which V8 keeps in registers (Math.imul, no BigInt, no
 * allocation). PCG32 would need a 64-bit multiply, emulated in JavaScript at several times the
 * cost. The `**` scrambler leaves no weak low bits, unlike xoshiro128+.
 */
export class RandomStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** The second value of the last polar-method pair, when `hasSpare`. */
  private spareNormal = 0;
  private hasSpare = false;

  private constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    // The all-zero state is the generator's one fixed point.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s3 = 1;
  }

  /** A stream whose state comes from splitmix64 over `seed`, as the authors recommend. */
  static fromSeed(seed: number): RandomStream {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
    const words = splitmix64Words(BigInt(seed), 4);
    return new RandomStream(words[0]!, words[1]!, words[2]!, words[3]!);
  }

  /** Exactly this state; for known-answer tests against the reference implementation. */
  static fromState(s0: number, s1: number, s2: number, s3: number): RandomStream {
    return new RandomStream(s0, s1, s2, s3);
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** Uniform on [0, 1) with all 53 bits of the mantissa random (two outputs). */
  nextDouble(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67_108_864 + low) * 1.1102230246251565e-16;
  }

  /** Standard normal by Marsaglia's polar method; the pair's second value is kept for the next call. */
  nextNormal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.nextDouble() - 1;
      v = 2 * this.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    this.hasSpare = true;
    return u * factor;
  }

  /** A copy at the same point of the sequence. */
  clone(): RandomStream {
    return new RandomStream(this.s0, this.s1, this.s2, this.s3);
  }

  /**
   * Advances by 2^64 outputs: streams made by successive jumps never overlap unless one of them
   * draws more than 2^64 numbers.
   */
  jump(): this {
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    for (const word of jumpPolynomial) {
      for (let bit = 0; bit < 32; bit++) {
        if (word & (1 << bit)) {
          t0 ^= this.s0;
          t1 ^= this.s1;
          t2 ^= this.s2;
          t3 ^= this.s3;
        }
        this.nextUint32();
      }
    }
    this.s0 = t0;
    this.s1 = t1;
    this.s2 = t2;
    this.s3 = t3;
    this.hasSpare = false;
    return this;
  }
}

/** `count` independent streams: stream i is the seed's stream jumped i times (2^64 · i outputs on). */
export function createStreams(seed: number, count: number): RandomStream[] {
  const streams: RandomStream[] = [];
  const cursor = RandomStream.fromSeed(seed);
  for (let i = 0; i < count; i++) {
    streams.push(cursor.clone());
    cursor.jump();
  }
  return streams;
}

const jumpPolynomial = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b] as const;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** splitmix64 outputs as 32-bit words (high then low); BigInt is fine here, it runs once per stream. */
function splitmix64Words(seed: bigint, count: number): number[] {
  const mask = (1n << 64n) - 1n;
  let state = BigInt.asUintN(64, seed);
  const words: number[] = [];
  while (words.length < count) {
    state = (state + 0x9e3779b97f4a7c15n) & mask;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    z ^= z >> 31n;
    words.push(Number(z >> 32n), Number(z & 0xffffffffn));
  }
  return words;
}
