/**
 * Numbers read straight from a slice of the input, without cutting a substring first: the text
 * decoders call these once per value on the ingest hot path.
 */

const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;

/** Powers of ten that a double holds exactly: the limit of the correctly rounded fast path. */
const exactPowersOfTen = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);

/** Digits that a double holds exactly as an integer mantissa (2^53 has 16 digits). */
const exactDigits = 15;

/** The shape of a decimal: where its parts are, found in one scan and shared by both readers. */
interface DecimalShape {
  negative: boolean;
  /** First mantissa digit, and the end of the mantissa (exclusive). */
  digitsStart: number;
  mantissaEnd: number;
  /** Digits before the point. */
  integerDigits: number;
  /** Digits after the point. */
  fractionDigits: number;
  exponent: number;
}

const shape: DecimalShape = {
  negative: false,
  digitsStart: 0,
  mantissaEnd: 0,
  integerDigits: 0,
  fractionDigits: 0,
  exponent: 0,
};

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/**
 * Scans `[sign] digits [. digits] [(e|E) [sign] digits]` (at least one mantissa digit) into the
 * shared `shape`; false when `text[start, end)` is anything else. A leading `+` only when allowed.
 */
function scanDecimal(text: string, start: number, end: number, allowPlus: boolean): boolean {
  let i = start;
  const first = text.charCodeAt(i);
  shape.negative = first === MINUS;
  if (first === MINUS || (allowPlus && first === PLUS)) i++;
  shape.digitsStart = i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  shape.integerDigits = i - shape.digitsStart;
  shape.fractionDigits = 0;
  if (i < end && text.charCodeAt(i) === DOT) {
    const fractionStart = ++i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    shape.fractionDigits = i - fractionStart;
  }
  shape.mantissaEnd = i;
  if (shape.integerDigits + shape.fractionDigits === 0) return false;
  shape.exponent = 0;
  if (i === end) return true;
  const e = text.charCodeAt(i);
  if (e !== LOWER_E && e !== UPPER_E) return false;
  return scanExponent(text, i + 1, end);
}

function scanExponent(text: string, start: number, end: number): boolean {
  let i = start;
  const sign = text.charCodeAt(i);
  if (sign === MINUS || sign === PLUS) i++;
  if (i === end) return false;
  let exponent = 0;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return false;
    // Past this the value is 0 or infinite anyway; the cap keeps the integer exact.
    if (exponent < 100_000) exponent = exponent * 10 + (code - ZERO);
  }
  shape.exponent = sign === MINUS ? -exponent : exponent;
  return true;
}

/**
 * The value of a decimal (`-1.5`, `.5`, `3.`, `1e-7`, `0042`), correctly rounded; NaN when the text
 * is not one. Mantissas of up to 15 digits with a small exponent are computed without a substring
 * (one exact multiplication or division is correctly rounded); anything else goes to `Number`.
 */
export function parseDecimal(text: string, start: number, end: number, allowPlus = false): number {
  if (!scanDecimal(text, start, end, allowPlus)) return Number.NaN;
  let mantissa = 0;
  let significant = 0;
  for (let i = shape.digitsStart; i < shape.mantissaEnd; i++) {
    const code = text.charCodeAt(i);
    if (code === DOT) continue;
    if (mantissa !== 0 || code !== ZERO) significant++;
    mantissa = mantissa * 10 + (code - ZERO);
  }
  const scale = shape.exponent - shape.fractionDigits;
  if (significant > exactDigits || scale > 22 || scale < -22) return Number(text.slice(start, end));
  const magnitude = scale >= 0 ? mantissa * exactPowersOfTen[scale]! : mantissa / exactPowersOfTen[-scale]!;
  return shape.negative ? -magnitude : magnitude;
}

/**
 * `floor(value × 10^shift)` of a decimal, computed on its digits so that no precision is lost to
 * floating point: `1556813561098000000` nanoseconds with shift −6 is exactly `1556813561098` ms,
 * and `1520879607.789` seconds with shift 3 is exactly `1520879607789`. NaN when the text is not a
 * decimal or the result is not a safe integer.
 */
export function parseScaledInteger(text: string, start: number, end: number, shift: number): number {
  if (!scanDecimal(text, start, end, true)) return Number.NaN;
  const digitCount = shape.integerDigits + shape.fractionDigits;
  // How many of the digits (the point ignored) land before the point of the scaled result.
  const wholeDigits = shape.integerDigits + shape.exponent + shift;
  let whole = 0;
  let remainder = false;
  let index = 0;
  for (let i = shape.digitsStart; i < shape.mantissaEnd; i++) {
    const code = text.charCodeAt(i);
    if (code === DOT) continue;
    if (index++ < wholeDigits) whole = whole * 10 + (code - ZERO);
    else if (code !== ZERO) remainder = true;
  }
  for (let padding = wholeDigits - digitCount; padding > 0 && whole !== 0; padding--) {
    whole *= 10;
    if (whole > Number.MAX_SAFE_INTEGER) return Number.NaN;
  }
  if (whole > Number.MAX_SAFE_INTEGER) return Number.NaN;
  if (!shape.negative) return whole;
  return remainder ? -whole - 1 : 0 - whole;
}

/** The largest int64, as digits: the bound of line protocol integers and timestamps. */
export const int64Max = '9223372036854775807';

/**
 * `floor(value × 10^shift)` of an integer `[-]digits` (an int64 timestamp), in one pass over its
 * digits: NaN when it is not an integer, ±Infinity when it is beyond int64 or the result beyond a
 * safe integer. The common 19-digit nanosecond timestamp never goes through a float.
 */
export function parseScaledInt64(text: string, start: number, end: number, shift: number): number {
  let i = start;
  const negative = text.charCodeAt(i) === MINUS;
  if (negative) i++;
  if (i === end) return Number.NaN;
  while (i < end - 1 && text.charCodeAt(i) === ZERO) i++;
  const digits = end - i;
  const wholeDigits = digits + shift;
  let whole = 0;
  let remainder = false;
  for (let k = 0; k < digits; k++) {
    const digit = text.charCodeAt(i + k) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    if (k < wholeDigits) whole = whole * 10 + digit;
    else if (digit !== 0) remainder = true;
  }
  const outOfRange = negative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (digits > int64Max.length || (digits === int64Max.length && digitsExceed(text, i, end, int64Max))) {
    return outOfRange;
  }
  for (let padding = wholeDigits - digits; padding > 0; padding--) whole *= 10;
  if (whole > Number.MAX_SAFE_INTEGER) return outOfRange;
  if (!negative) return whole;
  return remainder ? -whole - 1 : 0 - whole;
}

/**
 * Whether the unsigned integer `text[start, end)` (digits only) is greater than `limit` (digits
 * only, no leading zeros), compared as text so that 64-bit bounds are checked exactly.
 */
export function digitsExceed(text: string, start: number, end: number, limit: string): boolean {
  let i = start;
  while (i < end - 1 && text.charCodeAt(i) === ZERO) i++;
  const length = end - i;
  if (length !== limit.length) return length > limit.length;
  for (let k = 0; k < length; k++) {
    const difference = text.charCodeAt(i + k) - limit.charCodeAt(k);
    if (difference !== 0) return difference > 0;
  }
  return false;
}

/** Whether `text[start, end)` is one or more ASCII digits. */
export function allDigits(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}
