import { TWO_32 } from './number-bits.js';

/**
 * Collects the bit fields of one sample before they go into a page. Staging first means the
 * caller knows the exact size before touching the page, so a sample that does not fit starts a
 * new page instead of being torn across two (pages must decode on their own) and no rollback of
 * half-written bits is ever needed. Fields are written MSB-first into 32-bit words that the
 * arena zeroed beforehand, so writing is OR-ing.
 */
export class BitWriter {
  readonly #values = new Uint32Array(48);
  readonly #lengths = new Uint8Array(48);
  #fields = 0;
  /** Bits staged since the last `clear`. */
  bits = 0;

  clear(): void {
    this.#fields = 0;
    this.bits = 0;
  }

  /** Stages the low `n` bits (1 ≤ n ≤ 32) of `value`. */
  write(value: number, n: number): void {
    const field = this.#fields++;
    this.#values[field] = n === 32 ? value : value & (0xffffffff >>> (32 - n));
    this.#lengths[field] = n;
    this.bits += n;
  }

  /** Puts a field of `n` bits before the staged ones. */
  insertHead(value: number, n: number): void {
    const values = this.#values;
    const lengths = this.#lengths;
    for (let field = this.#fields; field > 0; field--) {
      values[field] = values[field - 1]!;
      lengths[field] = lengths[field - 1]!;
    }
    values[0] = value;
    lengths[0] = n;
    this.#fields++;
    this.bits += n;
  }

  writeBit(bit: boolean): void {
    this.write(bit ? 1 : 0, 1);
  }

  /** Stages an integer 0 ≤ m < 2^53 in `n` bits (n ≥ bitLength(m); n = 0 writes nothing). */
  writeWide(m: number, n: number): void {
    if (n === 0) return;
    if (n <= 32) {
      this.write(m, n);
      return;
    }
    this.write(Math.floor(m / TWO_32), n - 32);
    this.write(m % TWO_32, 32);
  }

  /** Stages `length` bits of the 64-bit pattern (hi, lo) starting `from` bits above its LSB. */
  writeSlice64(hi: number, lo: number, from: number, length: number): void {
    let shiftedHi = hi;
    let shiftedLo = lo;
    if (from >= 32) {
      shiftedLo = hi >>> (from - 32);
      shiftedHi = 0;
    } else if (from > 0) {
      shiftedLo = (lo >>> from) | (hi << (32 - from));
      shiftedHi = hi >>> from;
    }
    if (length > 32) {
      this.write(shiftedHi, length - 32);
      this.write(shiftedLo, 32);
    } else {
      this.write(shiftedLo, length);
    }
  }

  /** Writes the staged fields into `words` at bit `position` of the page at `baseWord`; returns the new position. */
  flushTo(words: Uint32Array, baseWord: number, position: number): number {
    let pos = position;
    for (let field = 0; field < this.#fields; field++) {
      const n = this.#lengths[field]!;
      const value = this.#values[field]!;
      const word = baseWord + (pos >>> 5);
      const free = 32 - (pos & 31);
      if (n <= free) {
        words[word] = words[word]! | (value << (free - n));
      } else {
        const spill = n - free;
        words[word] = words[word]! | (value >>> spill);
        words[word + 1] = words[word + 1]! | (value << (32 - spill));
      }
      pos += n;
    }
    this.clear();
    return pos;
  }
}
