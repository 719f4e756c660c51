/**
 * Epoch numbers below this are seconds, above it milliseconds: 1e11 s is the year 5138, 1e11 ms
 * is March 1973, so real server metrics are never ambiguous.
 */
const EPOCH_SECONDS_LIMIT = 1e11;

const CALENDAR =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const EPOCH = /^-?\d+(?:\.\d+)?$/;

/**
 * Milliseconds since the epoch for the timestamp forms metric files use: NAB's
 * `2014-02-19 10:50:00` (read as UTC), ISO 8601 (`2014-02-19T10:50:00.5+02:00`; no zone means UTC),
 * and epoch seconds or milliseconds. `undefined` when the text is none of these or names an
 * impossible date, so the caller can say which line is wrong.
 */
export function parseTimestamp(text: string): number | undefined {
  const trimmed = text.trim();
  if (EPOCH.test(trimmed)) {
    const epoch = Number(trimmed);
    if (!Number.isFinite(epoch)) return undefined;
    return Math.abs(epoch) < EPOCH_SECONDS_LIMIT ? Math.round(epoch * 1000) : Math.round(epoch);
  }
  const match = CALENDAR.exec(trimmed);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  const fields = [Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second)];
  const [y, mo, d, h, mi, s] = fields as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  const millis = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  return Date.UTC(y, mo - 1, d, h, mi, s, millis) - zoneOffsetMs(zone);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}
