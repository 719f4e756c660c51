/**
 * The page format, shared by `SampleEncoder` and `PageDecoder`.
 *
 * Each page is a self-contained bit stream (MSB-first in 32-bit words), so the oldest page can be
 * dropped and any page decoded without the ones before it. Its bit length is kept beside it.
 *
 * Header (the page's first sample, ~60–150 bits):
 *   ts      sign(1) len(6) |ts|(len)           epoch ms, any safe integer
 *   mode    4 bits: 0..14 = decimal scale d, 15 = XOR; then regular(1)
 *   decimal: dod(1) busy(1) sign(1) len(6) |k|(len)      value = k / 10^d
 *            window: '0' none | '1' bits−1(6) shift(6) signed(1) sign(1)
 *            when dod: the previous Δk as sign(1) len(6) |Δk|(len)
 *   XOR:     the 64 raw bits of the float; window: '0' none | '1' leading(5) length−1(6)
 *   The window and Δk are carried over from the previous page, so a page does not pay again
 *   for growing them from nothing; any values decode correctly, they only cost or save bits.
 *
 * Every further sample: on a regular page, first '0' = the joint code (timestamp delta-of-delta
 * 0 and the 1-bit value code below, followed by that code's payload), or '1' = what follows is a
 * full sample. A full sample: timestamp, then value.
 *   timestamp: delta-of-delta (the page starts from a previous delta of 0), zigzag-coded:
 *     '0' = 0 | '10'+6 bits | '110'+10 bits | '1110'+16 bits | '1111'+32 bits
 *     A delta ≥ 2^31 ms never reaches the codec: it opens a new page.
 *   value, decimal mode (the improvement over Gorilla, see below): the integer k = v·10^d is
 *   predicted (dod = 0: previous k; dod = 1: previous k + previous Δk) and the residual r written
 *   inside a window of (bits, shift = trailing zeros, sign mode), Gorilla-style:
 *     Z    r = 0                                      '0', or '10' when busy
 *     W    [sign(1) if the window is signed] (|r| >> shift)(bits)    reuse the window:
 *                                                     '10', or '0' when busy
 *     N    '110' bits−1(6) shift(6) signed(1) sign(1) (|r| >> shift)(bits)   new window; an
 *          unsigned window takes only residuals of the sign it was opened with
 *     S    '1110' d'(4), then Z, W or N at scale d' (d' > d; k and Δk are multiplied by 10^(d'−d))
 *     X    '1111', then this value and the rest of the page in XOR mode
 *   value, XOR mode: Gorilla's XOR with the previous value's bits:
 *     '0' same value | '10' meaningful bits in the previous window |
 *     '11' leading(5) length−1(6) meaningful bits(length)
 *
 * Why decimal mode: telemetry values are mostly short decimals (cpu seconds with 2 decimals,
 * byte counts, temperatures with 1). Their float64 mantissas are full of noise bits, so Gorilla's
 * XOR of two consecutive values keeps ~40–50 meaningful bits, ~7 bytes a sample. Written as
 * integers at the smallest exact decimal scale (the idea of ALP/Elf, "adaptive lossless floating
 * point"), the change between samples costs the bits of its magnitude only. A value is taken in
 * decimal mode only if k / 10^d reproduces it bit for bit (and it is not −0), so the round trip
 * stays exact for every non-NaN float64; anything else falls back to XOR for the rest of the page.
 *
 * Why the per-page choices (each costs one header bit, made from a running score of the series):
 * smooth counters (idle cpu seconds) have a nearly constant Δk, so delta-of-delta is small, while
 * irregular counters and gauges do better with plain deltas; and series that mostly repeat their
 * value want the 1-bit code for r = 0, the others for a reused window; and series scraped at a
 * steady interval whose value takes that 1-bit code most of the time pay 1 bit instead of 2 for
 * timestamp plus code. Unsigned windows save the sign bit on counters, whose deltas are never
 * negative but at a reset.
 */
export const XOR_MODE = 15;
export const MAX_DECIMAL_SCALE = 14;
/** |k| bound for decimal mode: keeps k, Δk and the residual exact in float64 (< 2^53). */
export const DECIMAL_LIMIT = 2 ** 50;
/** Deltas at or above this open a new page, so deltas and their differences fit in int32. */
export const MAX_TS_DELTA = 2 ** 31 - 1;
/** A window wasting more bits than this is replaced by a tighter one (a new window costs ~16 bits more). */
export const WINDOW_WASTE_LIMIT = 15;
/** Bound of the per-series scores: recent behaviour decides within a few dozen samples. */
export const SCORE_LIMIT = 32;
/** The window-shift byte: shift in the low 6 bits, sign mode above. */
export const WINDOW_SHIFT_MASK = 63;
export const WINDOW_SIGNED = 64;
export const WINDOW_NEGATIVE = 128;
