import type { JsonValue } from '../../model/index.js';
import { type Interval, intervalsCover } from './interval-cover.js';

/** A set of integers written as ranges: ports (`80,443,8000-8100`) or VLAN ids (`100-110`). */
export type NumberRanges = readonly Interval[];

const wildcards = new Set(['any', '*', 'all']);

/**
 * Reads a number, `"443"`, `"8000-8100"`, `"80,443"`, `"any"` or an array of those, every value
 * within [min, max]. Undefined when anything is malformed or out of bounds, so that a typo is
 * reported rather than read as a narrower set.
 */
export function parseNumberRanges(
  value: JsonValue | undefined,
  min: number,
  max: number,
): NumberRanges | undefined {
  const all: Interval = { first: BigInt(min), last: BigInt(max) };
  if (typeof value === 'number') return inBounds(value, value, min, max) ? [point(value)] : undefined;
  if (Array.isArray(value)) {
    const ranges: Interval[] = [];
    for (const item of value) {
      const part = parseNumberRanges(item, min, max);
      if (part === undefined) return undefined;
      ranges.push(...part);
    }
    return ranges;
  }
  if (typeof value !== 'string') return undefined;
  const ranges: Interval[] = [];
  for (const piece of value.split(',')) {
    const text = piece.trim().toLowerCase();
    if (wildcards.has(text)) return [all];
    const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(text);
    if (!match) return undefined;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (!inBounds(first, last, min, max)) return undefined;
    ranges.push({ first: BigInt(first), last: BigInt(last) });
  }
  return ranges;
}

function inBounds(first: number, last: number, min: number, max: number): boolean {
  return Number.isInteger(first) && Number.isInteger(last) && min <= first && first <= last && last <= max;
}

function point(value: number): Interval {
  return { first: BigInt(value), last: BigInt(value) };
}

/** Whether every number of `ranges` is in the union of `cover`. */
export function numberRangesCover(cover: NumberRanges, ranges: NumberRanges): boolean {
  return ranges.every((range) => intervalsCover(cover, range));
}

/** `80,443,8000-8100`, for messages. */
export function formatNumberRanges(ranges: NumberRanges): string {
  return ranges
    .map((range) => (range.first === range.last ? `${range.first}` : `${range.first}-${range.last}`))
    .join(',');
}

/** The members of a small set, for naming what one side has and the other lacks. */
export function numbersIn(ranges: NumberRanges, limit = 4096): Set<number> {
  const members = new Set<number>();
  for (const range of ranges) {
    for (let value = range.first; value <= range.last && members.size < limit; value++) {
      members.add(Number(value));
    }
  }
  return members;
}
