import { findJsonSyntaxError } from '../json-source.js';
import { countLines, positionAt } from '../source-position.js';
import type { MqttDecodeIssue } from './mqtt-issue.js';

/**
 * Sensor payloads are a few dozen bytes; a megabyte is a misrouted file or an attack, and parsing
 * it on the client's only thread would stall every other topic.
 */
export const maxPayloadBytes = 1024 * 1024;

export type Read<T> = { ok: true; value: T } | { ok: false; issue: MqttDecodeIssue };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The payload as JSON: a bare `24.5` is JSON too. */
export function readJsonPayload(payload: Uint8Array): Read<unknown> {
  if (payload.length === 0) {
    return fail('payload', 'the payload is empty (a retained message being cleared?)');
  }
  if (payload.length > maxPayloadBytes) {
    return fail('payload', `the payload has ${payload.length} bytes; the limit is ${maxPayloadBytes}`);
  }
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    return fail('payload', 'the payload is not valid UTF-8');
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return jsonIssue(text, error);
  }
}

function jsonIssue(text: string, error: unknown): Read<never> {
  const found = findJsonSyntaxError(text);
  if (found === undefined) return fail('json', `the payload is not JSON: ${String(error)}`);
  const { line, column } = positionAt(countLines(text), found.offset);
  return {
    ok: false,
    issue: { kind: 'json', message: `the payload is not JSON: ${found.message}`, line, column },
  };
}

/** The value at a dotted path; a numeric part indexes an array. */
export function readPath(root: unknown, path: readonly string[]): { found: boolean; value: unknown } {
  let current = root;
  for (const part of path) {
    if (Array.isArray(current) && /^\d+$/.test(part)) {
      current = current[Number(part)];
      if (current === undefined) return { found: false, value: undefined };
    } else if (isPlainObject(current) && Object.hasOwn(current, part)) {
      current = current[part];
    } else {
      return { found: false, value: undefined };
    }
  }
  return { found: true, value: current };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a string`, `an object`: for messages that say what was found instead of a number. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? `a string (${JSON.stringify(value).slice(0, 40)})` : `a ${typeof value}`;
}

/** Epoch seconds are below this (year 5138 in seconds, 1973 in milliseconds). */
const secondsBelow = 1e11;
/** 9999-12-31T23:59:59.999Z: anything later is microseconds or nanoseconds taken for milliseconds. */
const maxEpochMs = 253_402_300_799_999;
const isoDateTime =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

/** Epoch milliseconds from epoch ms, epoch s (below 1e11) or an ISO 8601 date-time with a zone. */
export function readTimestamp(raw: unknown): Read<number> {
  if (typeof raw === 'number') return epochTimestamp(raw);
  if (typeof raw === 'string') return isoTimestamp(raw);
  return fail(
    'timestamp',
    `the timestamp is ${describeJson(raw)}, not epoch ms, epoch s or an ISO 8601 string`,
  );
}

function epochTimestamp(raw: number): Read<number> {
  const ms = Math.round(raw < secondsBelow ? raw * 1000 : raw);
  if (!Number.isFinite(raw) || raw < 0 || ms > maxEpochMs) {
    return fail('timestamp', `the timestamp ${raw} is out of range for epoch milliseconds or seconds`);
  }
  return { ok: true, value: ms };
}

function isoTimestamp(raw: string): Read<number> {
  const match = isoDateTime.exec(raw);
  const ms = match ? Date.parse(raw.replace(' ', 'T')) : Number.NaN;
  if (!match || !(ms >= 0 && ms <= maxEpochMs) || !isCalendarDate(match)) {
    const hint = /^\d{4}-\d{2}-\d{2}[Tt ][\d:.]+$/.test(raw) ? ' (add Z or an offset such as +01:00)' : '';
    return fail(
      'timestamp',
      `the timestamp '${raw.slice(0, 60)}' is not an ISO 8601 date-time with a zone${hint}`,
    );
  }
  return { ok: true, value: ms };
}

/** Date.parse rolls 2025-02-30 over to March; a sensor that sends it is wrong, not early. */
function isCalendarDate(match: RegExpExecArray): boolean {
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function fail(kind: MqttDecodeIssue['kind'], message: string): Read<never> {
  return { ok: false, issue: { kind, message } };
}
