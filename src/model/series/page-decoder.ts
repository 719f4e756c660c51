import { BitReader } from './bit-reader.js';
import { WINDOW_NEGATIVE, WINDOW_SHIFT_MASK, WINDOW_SIGNED, XOR_MODE } from './chunk-format.js';
import { bitsToFloat, floatToBits, POW2, POW10 } from './number-bits.js';
import type { PageArena } from './page-arena.js';

/** Payload bits after the prefixes '10', '110', '1110', '1111' of a timestamp delta-of-delta. */
const TIMESTAMP_PAYLOAD_BITS = [6, 10, 16, 32];

/** Decodes one page at a time, the mirror of `SampleEncoder` (format in `chunk-format.ts`). */
export class PageDecoder {
  ts = 0;
  value = 0;
  readonly #reader = new BitReader();
  #remaining = 0;
  #started = false;
  #tsDelta = 0;
  #scale = 0;
  #dod = false;
  #busy = false;
  #regular = false;
  #k = 0;
  #kDelta = 0;
  #winBits = 0;
  #winShift = 0;
  #hi = 0;
  #lo = 0;
  readonly #bits = new Uint32Array(2);

  open(arena: PageArena, page: number): void {
    this.#reader.reset(arena.words(page), arena.baseWord(page));
    this.#remaining = arena.samplesOf(page);
    this.#started = false;
  }

  /** Moves to the next sample of the page (the first call yields the first); false past the end. */
  next(): boolean {
    if (this.#remaining === 0) return false;
    this.#remaining--;
    if (!this.#started) {
      this.#started = true;
      this.#readHeader();
    } else if (this.#regular && !this.#reader.readBit()) {
      this.ts += this.#tsDelta;
      if (this.#scale !== XOR_MODE) this.#applyResidual(this.#busy ? this.#reuseWindow() : 0);
    } else {
      this.#readTimestamp();
      if (this.#scale === XOR_MODE) this.#readXor();
      else this.#readDecimal();
    }
    return true;
  }

  #readHeader(): void {
    const reader = this.#reader;
    this.ts = readSignedWide(reader);
    this.#tsDelta = 0;
    this.#kDelta = 0;
    const mode = reader.read(5);
    this.#scale = mode >>> 1;
    this.#regular = (mode & 1) !== 0;
    if (this.#scale === XOR_MODE) {
      this.#hi = reader.read(32);
      this.#lo = reader.read(32);
      this.value = bitsToFloat(this.#hi, this.#lo);
      this.#readXorWindow();
      return;
    }
    const choices = reader.read(2);
    this.#dod = (choices & 2) !== 0;
    this.#busy = (choices & 1) !== 0;
    this.#k = readSignedWide(reader);
    this.value = this.#k / POW10[this.#scale]!;
    this.#readDecimalWindow();
    if (this.#dod) this.#kDelta = readSignedWide(reader);
  }

  #readDecimalWindow(): void {
    this.#winBits = 0;
    this.#winShift = 0;
    if (!this.#reader.readBit()) return;
    const head = this.#reader.read(14);
    this.#setDecimalWindow(head);
  }

  /** Takes a window from bits−1(6) shift(6) signed(1) negative(1). */
  #setDecimalWindow(head: number): void {
    const sign = head & 2 ? WINDOW_SIGNED : head & 1 ? WINDOW_NEGATIVE : 0;
    this.#winBits = (head >>> 8) + 1;
    this.#winShift = ((head >>> 2) & WINDOW_SHIFT_MASK) | sign;
  }

  #readXorWindow(): void {
    this.#winBits = 0;
    this.#winShift = 0;
    if (!this.#reader.readBit()) return;
    const head = this.#reader.read(11);
    this.#winShift = head >>> 6;
    this.#winBits = (head & 63) + 1;
  }

  #readTimestamp(): void {
    const reader = this.#reader;
    if (reader.readBit()) {
      let ones = 1;
      while (ones < 4 && reader.readBit()) ones++;
      const zigzag = reader.read(TIMESTAMP_PAYLOAD_BITS[ones - 1]!);
      this.#tsDelta += (zigzag >>> 1) ^ -(zigzag & 1);
    }
    this.ts += this.#tsDelta;
  }

  #readDecimal(): void {
    const reader = this.#reader;
    let residual = this.#readResidual();
    if (Number.isNaN(residual)) {
      if (reader.readBit()) {
        this.#switchToXor();
        return;
      }
      this.#scaleUp(reader.read(4));
      residual = this.#readResidual();
    }
    this.#applyResidual(residual);
  }

  /** A residual, or NaN for the escape prefix '111'. */
  #readResidual(): number {
    const reader = this.#reader;
    if (!reader.readBit()) return this.#busy ? this.#reuseWindow() : 0;
    if (!reader.readBit()) return this.#busy ? 0 : this.#reuseWindow();
    if (reader.readBit()) return Number.NaN;
    const head = reader.read(14);
    const negative = (head & 1) !== 0;
    const signed = (head & 2) !== 0;
    this.#winBits = (head >>> 8) + 1;
    this.#winShift =
      ((head >>> 2) & WINDOW_SHIFT_MASK) | (signed ? WINDOW_SIGNED : negative ? WINDOW_NEGATIVE : 0);
    const magnitude = this.#reader.readWide(this.#winBits) * POW2[this.#winShift & WINDOW_SHIFT_MASK]!;
    return negative ? -magnitude : magnitude;
  }

  #reuseWindow(): number {
    const reader = this.#reader;
    const window = this.#winShift;
    const negative = (window & WINDOW_SIGNED) !== 0 ? reader.readBit() : (window & WINDOW_NEGATIVE) !== 0;
    const magnitude = reader.readWide(this.#winBits) * POW2[window & WINDOW_SHIFT_MASK]!;
    return negative ? -magnitude : magnitude;
  }

  #scaleUp(scale: number): void {
    const factor = POW10[scale - this.#scale]!;
    this.#k *= factor;
    this.#kDelta *= factor;
    this.#scale = scale;
  }

  #switchToXor(): void {
    floatToBits(this.value, this.#bits);
    this.#hi = this.#bits[0]!;
    this.#lo = this.#bits[1]!;
    this.#scale = XOR_MODE;
    this.#winBits = 0;
    this.#winShift = 0;
    this.#readXor();
  }

  #applyResidual(residual: number): void {
    const delta = this.#dod ? this.#kDelta + residual : residual;
    this.#kDelta = delta;
    this.#k += delta;
    this.value = this.#k / POW10[this.#scale]!;
  }

  #readXor(): void {
    const reader = this.#reader;
    if (!reader.readBit()) return;
    if (reader.readBit()) {
      this.#winShift = reader.read(5);
      this.#winBits = reader.read(6) + 1;
    }
    const length = this.#winBits;
    const trailing = 64 - this.#winShift - length;
    const high = length > 32 ? reader.read(length - 32) : 0;
    const low = reader.read(Math.min(length, 32));
    let xorHi = high;
    let xorLo = low;
    if (trailing >= 32) {
      xorHi = low << (trailing - 32);
      xorLo = 0;
    } else if (trailing > 0) {
      xorHi = (high << trailing) | (low >>> (32 - trailing));
      xorLo = low << trailing;
    }
    this.#hi = (this.#hi ^ xorHi) >>> 0;
    this.#lo = (this.#lo ^ xorLo) >>> 0;
    this.value = bitsToFloat(this.#hi, this.#lo);
  }
}

/** The timestamp of a page's first sample, read from its header alone. */
export function firstTimestamp(arena: PageArena, page: number, reader: BitReader): number {
  reader.reset(arena.words(page), arena.baseWord(page));
  return readSignedWide(reader);
}

function readSignedWide(reader: BitReader): number {
  const head = reader.read(7);
  const magnitude = reader.readWide(head & 63);
  return head & 64 ? -magnitude : magnitude;
}
