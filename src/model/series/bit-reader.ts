import { TWO_32 } from './number-bits.js';

/** Reads MSB-first bit fields from 32-bit words, the mirror of `BitWriter.flushTo`. */
export class BitReader {
  #words: Uint32Array = new Uint32Array(0);
  #base = 0;
  /** Bit position relative to the start of the page. */
  position = 0;

  reset(words: Uint32Array, baseWord: number, position = 0): void {
    this.#words = words;
    this.#base = baseWord;
    this.position = position;
  }

  /** Reads `n` bits (1 ≤ n ≤ 32) as an unsigned number. */
  read(n: number): number {
    const pos = this.position;
    const word = this.#base + (pos >>> 5);
    const offset = pos & 31;
    this.position = pos + n;
    const head = this.#words[word]! << offset;
    if (n <= 32 - offset) return head >>> (32 - n);
    const spill = n - (32 - offset);
    return ((head >>> (32 - n)) | (this.#words[word + 1]! >>> (32 - spill))) >>> 0;
  }

  readBit(): boolean {
    const pos = this.position++;
    return ((this.#words[this.#base + (pos >>> 5)]! >>> (31 - (pos & 31))) & 1) === 1;
  }

  /** Reads an integer written by `BitWriter.writeWide` with the same `n`. */
  readWide(n: number): number {
    if (n === 0) return 0;
    if (n <= 32) return this.read(n);
    const hi = this.read(n - 32);
    return hi * TWO_32 + this.read(32);
  }
}
