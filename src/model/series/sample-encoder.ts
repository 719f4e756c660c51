import { BitWriter } from './bit-writer.js';
import {
  DECIMAL_LIMIT,
  MAX_DECIMAL_SCALE,
  SCORE_LIMIT,
  WINDOW_NEGATIVE,
  WINDOW_SHIFT_MASK,
  WINDOW_SIGNED,
  WINDOW_WASTE_LIMIT,
  XOR_MODE,
} from './chunk-format.js';
import { bitLength, floatToBits, POW2, POW10, trailingZeros, trailingZeros32 } from './number-bits.js';
import {
  DOD_SCORE,
  F64_STRIDE,
  FLAG_BUSY,
  FLAG_DOD,
  FLAG_REGULAR,
  FLAGS,
  I32_STRIDE,
  JOINT_SCORE,
  K_DELTA,
  LAST_TS,
  LAST_VALUE,
  RECORD_BYTES,
  type RecordChunk,
  SCALE,
  TS_DELTA,
  WIN_BITS,
  WIN_SHIFT,
  ZERO_SCORE,
} from './series-records.js';

/**
 * Stages one sample of a series in the format of `chunk-format.ts`. The encoder state it changes
 * is kept in its own fields until `commit`, so a staged sample that does not fit the tail page
 * can be re-staged as the header of a new page without undoing anything.
 */
export class SampleEncoder {
  readonly writer = new BitWriter();
  #scale = 0;
  #winBits = 0;
  #winShift = 0;
  #kDelta = 0;
  #tsDelta = 0;
  #dodScore = 0;
  #zeroScore = 0;
  #dod = false;
  #busy = false;
  #jointScore = 0;
  #regular = false;
  /** The value just staged took the page's 1-bit value code. */
  #short = false;
  readonly #bits = new Uint32Array(2);
  readonly #previousBits = new Uint32Array(2);

  /**
   * Stages `(ts, value)` as the first sample of a new page. The page starts from the window (and
   * with delta-of-delta, the Δk) the previous page ended with, adapted to a change of decimal
   * scale, so it does not pay again for growing a window from nothing; the header carries them.
   */
  stageHeader(records: RecordChunk, slot: number, ts: number, value: number): void {
    const writer = this.writer;
    const byte = slot * RECORD_BYTES;
    writer.clear();
    writeSignedWide(writer, ts);
    const previousScale = records.u8[byte + SCALE]!;
    this.#tsDelta = 0;
    this.#winBits = records.u8[byte + WIN_BITS]!;
    this.#winShift = records.u8[byte + WIN_SHIFT]!;
    this.#kDelta = records.f64[slot * F64_STRIDE + K_DELTA]!;
    this.#dodScore = records.i8[byte + DOD_SCORE]!;
    this.#zeroScore = records.i8[byte + ZERO_SCORE]!;
    this.#dod = this.#dodScore > 0;
    this.#busy = this.#zeroScore < 0;
    this.#jointScore = records.i8[byte + JOINT_SCORE]!;
    this.#regular = this.#jointScore > 0;
    this.#scale = smallestExactScale(value);
    writer.write((this.#scale << 1) | (this.#regular ? 1 : 0), 5);
    if (this.#scale === XOR_MODE) {
      if (previousScale !== XOR_MODE) this.#winBits = 0;
      floatToBits(value, this.#bits);
      writer.write(this.#bits[0]!, 32);
      writer.write(this.#bits[1]!, 32);
      this.#writeXorWindow();
      return;
    }
    writer.write((this.#dod ? 2 : 0) | (this.#busy ? 1 : 0), 2);
    writeSignedWide(writer, Math.round(value * POW10[this.#scale]!));
    if (previousScale === XOR_MODE) {
      this.#winBits = 0;
      this.#kDelta = 0;
    } else {
      this.#rescaleCarried(this.#scale - previousScale);
    }
    this.#writeDecimalWindow();
    if (this.#dod) writeSignedWide(writer, this.#kDelta);
    else this.#kDelta = 0;
  }

  /** Adapts the carried window and Δk to `shift` more decimals (fewer when negative). */
  #rescaleCarried(shift: number): void {
    if (shift !== 0) {
      const kDelta = Math.round(this.#kDelta * 10 ** shift);
      this.#kDelta = Math.abs(kDelta) <= 2 * DECIMAL_LIMIT ? kDelta : 0;
    }
    if (this.#winBits === 0 || shift === 0) return;
    const window = this.#winShift;
    const zeros = Math.max(0, Math.min(WINDOW_SHIFT_MASK, (window & WINDOW_SHIFT_MASK) + shift));
    const bits = this.#winBits + Math.round(shift * Math.log2(5));
    this.#winBits = Math.max(1, Math.min(53, bits));
    this.#winShift = (window & ~WINDOW_SHIFT_MASK) | zeros;
  }

  #writeDecimalWindow(): void {
    const window = this.#winShift;
    if (this.#winBits === 0) {
      this.writer.write(0, 1);
      return;
    }
    const sign = (window & WINDOW_SIGNED ? 2 : 0) | (window & WINDOW_NEGATIVE ? 1 : 0);
    this.writer.write(
      (1 << 14) | ((this.#winBits - 1) << 8) | ((window & WINDOW_SHIFT_MASK) << 2) | sign,
      15,
    );
  }

  #writeXorWindow(): void {
    if (this.#winBits === 0) this.writer.write(0, 1);
    else this.writer.write((1 << 11) | (this.#winShift << 6) | (this.#winBits - 1), 12);
  }

  /** Stages `(ts, value)` after the series' latest sample; 0 < ts − latest ≤ MAX_TS_DELTA. */
  stageNext(records: RecordChunk, slot: number, ts: number, value: number): void {
    const writer = this.writer;
    const f64 = slot * F64_STRIDE;
    const byte = slot * RECORD_BYTES;
    const u8 = records.u8;
    const flags = u8[byte + FLAGS]!;
    this.#regular = (flags & FLAG_REGULAR) !== 0;
    this.#dod = (flags & FLAG_DOD) !== 0;
    this.#busy = (flags & FLAG_BUSY) !== 0;
    this.#scale = u8[byte + SCALE]!;
    this.#winBits = u8[byte + WIN_BITS]!;
    this.#winShift = u8[byte + WIN_SHIFT]!;
    this.#dodScore = records.i8[byte + DOD_SCORE]!;
    this.#zeroScore = records.i8[byte + ZERO_SCORE]!;
    this.#kDelta = records.f64[f64 + K_DELTA]!;
    writer.clear();
    const delta = ts - records.f64[f64 + LAST_TS]!;
    const tsDod = delta - records.i32[slot * I32_STRIDE + TS_DELTA]!;
    this.#tsDelta = delta;
    // On a regular page with a regular timestamp, bet on the joint code: it is the 1-bit value
    // code itself ('0'), so nothing goes before the value unless the bet fails.
    const bet = this.#regular && tsDod === 0;
    if (!bet) {
      if (this.#regular) writer.write(1, 1);
      writeTimestampDod(writer, tsDod);
    }
    this.#short = false;
    const last = records.f64[f64 + LAST_VALUE]!;
    if (this.#scale === XOR_MODE) this.#stageXor(value, last);
    else this.#stageDecimal(value, last);
    const joint = tsDod === 0 && this.#short;
    this.#jointScore = clampScore(records.i8[byte + JOINT_SCORE]! + (joint ? 1 : -1));
    if (bet && !joint) writer.insertHead(0b10, 2); // not joint ('1'), then timestamp delta-of-delta '0'
  }

  /** Stores the encoder state left by the staged sample into the series' record slot. */
  commit(records: RecordChunk, slot: number): void {
    const byte = slot * RECORD_BYTES;
    const u8 = records.u8;
    u8[byte + SCALE] = this.#scale;
    u8[byte + WIN_BITS] = this.#winBits;
    u8[byte + WIN_SHIFT] = this.#winShift;
    records.i8[byte + DOD_SCORE] = this.#dodScore;
    records.i8[byte + ZERO_SCORE] = this.#zeroScore;
    records.i8[byte + JOINT_SCORE] = this.#jointScore;
    records.f64[slot * F64_STRIDE + K_DELTA] = this.#kDelta;
    records.i32[slot * I32_STRIDE + TS_DELTA] = this.#tsDelta;
    const flags = u8[byte + FLAGS]! & ~(FLAG_DOD | FLAG_BUSY | FLAG_REGULAR);
    u8[byte + FLAGS] =
      flags | (this.#dod ? FLAG_DOD : 0) | (this.#busy ? FLAG_BUSY : 0) | (this.#regular ? FLAG_REGULAR : 0);
  }

  #stageDecimal(value: number, last: number): void {
    const scale = this.#scale;
    const p = POW10[scale]!;
    const k = Math.round(value * p);
    if (isExactDecimal(k, p, value)) {
      this.#stageResidual(k - Math.round(last * p));
      return;
    }
    for (let up = scale + 1; up <= MAX_DECIMAL_SCALE; up++) {
      if (this.#tryScaleUp(up, value, last)) {
        this.#short = false; // the escape came first: no 1-bit value code to fold into the joint code
        return;
      }
    }
    this.writer.write(0b1111, 4);
    this.#scale = XOR_MODE;
    this.#winBits = 0;
    this.#winShift = 0;
    this.#stageXor(value, last);
    this.#short = false;
  }

  /** The value needs more decimals than the page had so far: rescale k and Δk, if still exact. */
  #tryScaleUp(up: number, value: number, last: number): boolean {
    const p = POW10[up]!;
    const k = Math.round(value * p);
    if (!isExactDecimal(k, p, value)) return false;
    const factor = POW10[up - this.#scale]!;
    const previousK = Math.round(last * POW10[this.#scale]!) * factor;
    const kDelta = this.#kDelta * factor;
    if (Math.abs(previousK) > DECIMAL_LIMIT || Math.abs(kDelta) > 2 * DECIMAL_LIMIT) return false;
    this.writer.write((0b1110 << 4) | up, 8);
    this.#scale = up;
    this.#kDelta = kDelta;
    this.#stageResidual(k - previousK);
    return true;
  }

  #stageResidual(delta: number): void {
    const dodResidual = delta - this.#kDelta;
    // The extra bit is the sign a delta-of-delta residual almost always needs and a counter's delta does not.
    const saved = bitLength(Math.abs(delta)) - bitLength(Math.abs(dodResidual)) - 1;
    this.#dodScore = clampScore(this.#dodScore + saved);
    this.#kDelta = delta;
    this.#writeResidual(this.#dod ? dodResidual : delta);
  }

  #writeResidual(residual: number): void {
    const writer = this.writer;
    const busy = this.#busy;
    if (residual === 0) {
      writer.write(busy ? 0b10 : 0, busy ? 2 : 1);
      this.#short = !busy;
      this.#zeroScore = clampScore(this.#zeroScore + 1);
      return;
    }
    const negative = residual < 0;
    const magnitude = negative ? -residual : residual;
    const windowBits = this.#winBits;
    const window = this.#winShift;
    const signed = (window & WINDOW_SIGNED) !== 0;
    if (windowBits > 0 && (signed || negative === ((window & WINDOW_NEGATIVE) !== 0))) {
      const q = magnitude / POW2[window & WINDOW_SHIFT_MASK]!;
      if (q === Math.floor(q)) {
        const length = bitLength(q);
        if (length <= windowBits && windowBits - length <= WINDOW_WASTE_LIMIT) {
          writer.write(busy ? 0 : 0b10, busy ? 1 : 2);
          this.#short = busy;
          if (signed) writer.writeBit(negative);
          writer.writeWide(q, windowBits);
          this.#zeroScore = clampScore(this.#zeroScore - 1);
          return;
        }
      }
    }
    this.#openWindow(magnitude, negative);
  }

  /**
   * A new window for this residual. Its shift never exceeds the previous window's, else a value
   * with fewer trailing zeros would miss it again; it is signed once the page has seen both signs.
   */
  #openWindow(magnitude: number, negative: boolean): void {
    const previous = this.#winBits > 0 ? this.#winShift : -1;
    const zeros = trailingZeros(magnitude);
    const shift = previous >= 0 ? Math.min(zeros, previous & WINDOW_SHIFT_MASK) : zeros;
    const signed =
      previous >= 0 &&
      ((previous & WINDOW_SIGNED) !== 0 || negative !== ((previous & WINDOW_NEGATIVE) !== 0));
    const q = magnitude / POW2[shift]!;
    const length = bitLength(q);
    this.writer.write(
      (0b110 << 14) | ((length - 1) << 8) | (shift << 2) | (signed ? 2 : 0) | (negative ? 1 : 0),
      17,
    );
    this.writer.writeWide(q, length);
    this.#winBits = length;
    this.#winShift = shift | (signed ? WINDOW_SIGNED : negative ? WINDOW_NEGATIVE : 0);
  }

  #stageXor(value: number, last: number): void {
    const writer = this.writer;
    floatToBits(value, this.#bits);
    floatToBits(last, this.#previousBits);
    const hi = (this.#bits[0]! ^ this.#previousBits[0]!) >>> 0;
    const lo = (this.#bits[1]! ^ this.#previousBits[1]!) >>> 0;
    if (hi === 0 && lo === 0) {
      writer.write(0, 1);
      this.#short = true;
      return;
    }
    const leading = Math.min(31, hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo));
    const trailing = lo !== 0 ? trailingZeros32(lo) : 32 + trailingZeros32(hi);
    const windowBits = this.#winBits;
    const windowLeading = this.#winShift;
    const windowTrailing = 64 - windowLeading - windowBits;
    if (windowBits > 0 && leading >= windowLeading && trailing >= windowTrailing) {
      writer.write(0b10, 2);
      writer.writeSlice64(hi, lo, windowTrailing, windowBits);
      return;
    }
    const length = 64 - leading - trailing;
    writer.write((0b11 << 11) | (leading << 6) | (length - 1), 13);
    writer.writeSlice64(hi, lo, trailing, length);
    this.#winBits = length;
    this.#winShift = leading;
  }
}

function clampScore(score: number): number {
  return Math.max(-SCORE_LIMIT, Math.min(SCORE_LIMIT, score));
}

/** k / 10^d reproduces the value bit for bit (−0 excluded: k = 0 would decode as +0). */
function isExactDecimal(k: number, p: number, value: number): boolean {
  return k <= DECIMAL_LIMIT && k >= -DECIMAL_LIMIT && k / p === value && (value !== 0 || 1 / value > 0);
}

/** The smallest decimal scale that holds `value` exactly, or XOR_MODE. */
function smallestExactScale(value: number): number {
  for (let scale = 0; scale <= MAX_DECIMAL_SCALE; scale++) {
    const p = POW10[scale]!;
    if (isExactDecimal(Math.round(value * p), p, value)) return scale;
  }
  return XOR_MODE;
}

/** sign(1) length(6) magnitude(length), for any safe integer. */
function writeSignedWide(writer: BitWriter, x: number): void {
  const magnitude = Math.abs(x);
  const length = bitLength(magnitude);
  writer.write(((x < 0 ? 1 : 0) << 6) | length, 7);
  writer.writeWide(magnitude, length);
}

function writeTimestampDod(writer: BitWriter, dod: number): void {
  if (dod === 0) {
    writer.write(0, 1);
    return;
  }
  const zigzag = ((dod << 1) ^ (dod >> 31)) >>> 0;
  if (zigzag < 64) writer.write((0b10 << 6) | zigzag, 8);
  else if (zigzag < 1024) writer.write((0b110 << 10) | zigzag, 13);
  else if (zigzag < 65536) writer.write((0b1110 << 16) | zigzag, 20);
  else {
    writer.write(0b1111, 4);
    writer.write(zigzag, 32);
  }
}
