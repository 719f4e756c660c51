/**
 * RFC 3339 timestamps as syslog (RFC 5424 §6.2.3) writes them: `2003-08-24T05:14:15.000003-07:00`.
 * Fractions beyond milliseconds are cut (RFC 5424 allows six digits; longer ones are accepted);
 * the offset is required, as RFC 5424 requires it.
 */

const ZERO = 48;

/** Days in `month` (1–12) of `year`, leap years included. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The number of `count` digits at `start`, or −1 when any of them is not a digit. */
export function readDigits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Whether hour, minute and second are a valid time of day (no leap second, as RFC 5424 §6.2.3). */
export function isTimeOfDay(hour: number, minute: number, second: number): boolean {
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

/** Epoch milliseconds of `text[start, end)`, or undefined when it is not an RFC 3339 date-time. */
export function parseRfc3339(text: string, start: number, end: number): number | undefined {
  const year = readDigits(text, start, 4);
  const month = readDigits(text, start + 5, 2);
  const day = readDigits(text, start + 8, 2);
  const hour = readDigits(text, start + 11, 2);
  const minute = readDigits(text, start + 14, 2);
  const second = readDigits(text, start + 17, 2);
  if (end - start < 20 || !separatorsAt(text, start)) return undefined;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (!isTimeOfDay(hour, minute, second)) return undefined;
  let pos = start + 19;
  let ms = 0;
  if (text.charCodeAt(pos) === 46 /* . */) {
    const fractionStart = ++pos;
    while (pos < end && readDigits(text, pos, 1) >= 0) pos++;
    if (pos === fractionStart) return undefined;
    ms = readFractionMs(text, fractionStart, pos);
  }
  const offset = readOffsetMinutes(text, pos, end);
  if (offset === undefined) return undefined;
  return utcMs(year, month, day, hour, minute, second, ms) - offset * 60_000;
}

/** 400 Gregorian years, which repeat the calendar exactly. */
const fourCenturiesMs = 146_097 * 86_400_000;

/** Date.UTC, except that years 0–99 are those years and not 1900–1999. */
export function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) - fourCenturiesMs;
}

function separatorsAt(text: string, start: number): boolean {
  const t = text.charCodeAt(start + 10) | 0x20;
  return (
    text.charCodeAt(start + 4) === 45 &&
    text.charCodeAt(start + 7) === 45 &&
    t === 116 /* T or t */ &&
    text.charCodeAt(start + 13) === 58 &&
    text.charCodeAt(start + 16) === 58
  );
}

/** The first three fraction digits as milliseconds (`.5` → 500, `.000003` → 0). */
function readFractionMs(text: string, start: number, end: number): number {
  let ms = 0;
  for (let i = 0; i < 3; i++) ms = ms * 10 + (start + i < end ? text.charCodeAt(start + i) - ZERO : 0);
  return ms;
}

/** `Z` → 0, `+02:00` → 120, `-07:00` → −420; undefined when the rest is not exactly an offset. */
function readOffsetMinutes(text: string, pos: number, end: number): number | undefined {
  const sign = text.charCodeAt(pos);
  if ((sign | 0x20) === 122 /* Z or z */) return pos + 1 === end ? 0 : undefined;
  if ((sign !== 43 && sign !== 45) || end - pos !== 6 || text.charCodeAt(pos + 3) !== 58) return undefined;
  const hours = readDigits(text, pos + 1, 2);
  const minutes = readDigits(text, pos + 4, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return undefined;
  const offset = hours * 60 + minutes;
  return sign === 45 ? -offset : offset;
}
