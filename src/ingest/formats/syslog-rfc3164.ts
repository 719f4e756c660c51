import { daysInMonth, isTimeOfDay, parseRfc3339, readDigits, utcMs } from './rfc3339-time.js';
import { isDigit, messageBase, type SyslogPriority } from './syslog-header.js';
import type { SyslogMessage, SyslogParseOptions, SyslogParseResult } from './syslog-message.js';

/**
 * RFC 3164 §4.1 after the PRI: `Mmm dd hh:mm:ss HOSTNAME TAG[PID]: MSG`.
 *
 * The date has no year and no zone: it is read as UTC, in the latest year that does not put it
 * more than two days after the receive time (so a `Dec 31` message received on January 1st is last
 * year's, a `Jan 1` one received on December 31st next year's). Some senders (logger
 * to a socket, many devices) leave the hostname out; a first word shaped `tag:` or `tag[pid]:` is
 * the tag then, and the hostname is the sender's address. rsyslog's forwarding format puts an
 * RFC 3339 time in the date's place; that is read too.
 */
export function readRfc3164(
  text: string,
  start: number,
  priority: SyslogPriority,
  options: SyslogParseOptions,
): SyslogParseResult {
  const stamp = readTimestamp(text, start, options.nowMs);
  if (stamp === undefined) {
    // RFC 3164 §4.3.3: without a valid TIMESTAMP, everything after PRI is the content.
    return {
      ok: true,
      message: withHost(bsdMessage(priority, options.nowMs, text.slice(start)), options.receivedFrom),
    };
  }
  let pos = stamp.end;
  let hostname: string | undefined;
  if (readTag(text, pos) === undefined) {
    const space = text.indexOf(' ', pos);
    hostname = text.slice(pos, space === -1 ? text.length : space);
    pos = space === -1 ? text.length : space + 1;
  }
  const tag = readTag(text, pos);
  const message = bsdMessage(priority, stamp.ts, text.slice(tag?.end ?? pos));
  if (tag !== undefined) {
    message.appName = tag.appName;
    if (tag.procId !== undefined) message.procId = tag.procId;
  }
  const host = hostname !== undefined && hostname !== '' ? hostname : options.receivedFrom;
  return { ok: true, message: withHost(message, host) };
}

function bsdMessage(priority: SyslogPriority, ts: number, content: string): SyslogMessage {
  return { ...messageBase(priority, 'rfc3164', ts), structuredData: {}, message: content };
}

function withHost(message: SyslogMessage, hostname: string | undefined): SyslogMessage {
  if (hostname !== undefined) message.hostname = hostname;
  return message;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The timestamp at `start` and the position after it and its space; undefined when there is none. */
function readTimestamp(text: string, start: number, nowMs: number): { ts: number; end: number } | undefined {
  if (isDigit(text.charCodeAt(start))) {
    const space = text.indexOf(' ', start);
    const end = space === -1 ? text.length : space;
    const ts = parseRfc3339(text, start, end);
    return ts === undefined ? undefined : { ts, end: space === -1 ? end : end + 1 };
  }
  return readBsdTimestamp(text, start, nowMs);
}

/** `Mmm dd hh:mm:ss`, the day padded with a space (`Feb  5`) or, leniently, not (`Feb 5`). */
function readBsdTimestamp(
  text: string,
  start: number,
  nowMs: number,
): { ts: number; end: number } | undefined {
  const month = months.indexOf(text.slice(start, start + 3)) + 1;
  if (month === 0 || text.charCodeAt(start + 3) !== 32) return undefined;
  let pos = start + 4;
  if (text.charCodeAt(pos) === 32) pos++;
  const dayDigits = isDigit(text.charCodeAt(pos + 1)) ? 2 : 1;
  const day = readDigits(text, pos, dayDigits);
  pos += dayDigits;
  if (
    day < 1 ||
    text.charCodeAt(pos) !== 32 ||
    text.charCodeAt(pos + 3) !== 58 ||
    text.charCodeAt(pos + 6) !== 58
  ) {
    return undefined;
  }
  const hour = readDigits(text, pos + 1, 2);
  const minute = readDigits(text, pos + 4, 2);
  const second = readDigits(text, pos + 7, 2);
  if (!isTimeOfDay(hour, minute, second)) return undefined;
  const end = pos + 9;
  if (end < text.length && text.charCodeAt(end) !== 32) return undefined;
  const ts = yearInferredDate(month, day, hour, minute, second, nowMs);
  return ts === undefined ? undefined : { ts, end: end < text.length ? end + 1 : end };
}

/**
 * How far ahead of the receive time a date may be and still be this year's (or next year's): a
 * sender's zone (RFC 3164 dates have none; up to 14 hours) plus clock skew. Anything later is last
 * year's: logs arrive late, never months early.
 */
const futureToleranceMs = 2 * 86_400_000;

/** The latest date (next year, this year or last year) not beyond the tolerance; undefined when no such day exists. */
function yearInferredDate(
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  nowMs: number,
) {
  const year = new Date(nowMs).getUTCFullYear();
  for (const candidate of [year + 1, year, year - 1]) {
    if (day > daysInMonth(candidate, month)) continue;
    const ts = utcMs(candidate, month, day, hour, minute, second, 0);
    if (ts <= nowMs + futureToleranceMs) return ts;
  }
  return undefined;
}

/**
 * `TAG:` or `TAG[PID]:` at `start`, ended by a space or the message end: the app name, the
 * process id and the position after the colon and its space. Undefined when the word is not a tag.
 */
function readTag(text: string, start: number): { appName: string; procId?: string; end: number } | undefined {
  let pos = start;
  while (pos < text.length) {
    const code = text.charCodeAt(pos);
    if (code === 32 || code === 91 /* [ */ || code === 58 /* : */) break;
    pos++;
  }
  if (pos === start) return undefined;
  const appName = text.slice(start, pos);
  let procId: string | undefined;
  if (text.charCodeAt(pos) === 91) {
    const close = text.indexOf(']', pos);
    const space = text.indexOf(' ', pos);
    if (close === -1 || (space !== -1 && space < close)) return undefined;
    procId = text.slice(pos + 1, close);
    pos = close + 1;
  }
  if (text.charCodeAt(pos) !== 58) return undefined;
  pos++;
  if (pos < text.length && text.charCodeAt(pos) !== 32) return undefined;
  const end = pos < text.length ? pos + 1 : pos;
  return procId === undefined ? { appName, end } : { appName, procId, end };
}
