import type { DecodeIssue } from '../raw-sample.js';
import { failure, isDigit, type severityNames } from './syslog-header.js';
import { readRfc3164 } from './syslog-rfc3164.js';
import { readRfc5424 } from './syslog-rfc5424.js';

export { severityNames } from './syslog-header.js';

/** One syslog message, RFC 5424 or RFC 3164, in one shape. */
export interface SyslogMessage {
  /** 0–23: kern, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, ..., local0–local7. */
  facility: number;
  /** 0 emerg … 7 debug. */
  severity: number;
  severityName: SeverityName;
  /** Epoch milliseconds: the message's own time, or the receive time when it has none. */
  ts: number;
  hostname?: string;
  appName?: string;
  procId?: string;
  msgId?: string;
  /** SD-ID → parameter → value (RFC 5424); empty for RFC 3164. */
  structuredData: Record<string, Record<string, string>>;
  message: string;
  format: 'rfc5424' | 'rfc3164';
}

export type SeverityName = (typeof severityNames)[number];

export interface SyslogParseOptions {
  /** Epoch milliseconds of receipt: the time of a message without one, and the year of RFC 3164 dates. */
  nowMs: number;
  /** The sender's address: the hostname of a message that names none. */
  receivedFrom?: string;
}

export type SyslogParseResult = { ok: true; message: SyslogMessage } | { ok: false; issue: DecodeIssue };

/**
 * Reads one syslog message (one UDP datagram, or one TCP frame). RFC 5424 when a version follows
 * the PRI (`<34>1 ...`), RFC 3164 otherwise. Trailing line ends and NULs are not part of the message
 * (senders add them as frame ends). Issues carry the 1-based column within the message.
 *
 * Lenient where senders differ and nothing is lost: RFC 5424 field lengths are not enforced, more
 * than six fraction digits are read, a repeated SD-ID or parameter keeps the last value. An RFC
 * 3164 message without a valid timestamp is all content, received now (RFC 3164 §4.3.3).
 */
export function parseSyslogMessage(line: string, options: SyslogParseOptions): SyslogParseResult {
  const end = trimFrameEnd(line);
  if (end === 0) return failure(1, 'empty message');
  if (line.charCodeAt(0) !== 60 /* < */) return failure(1, 'expected "<PRI>" at the start of the message');
  const close = line.indexOf('>', 1);
  if (close === -1 || close > 4) return failure(2, 'PRI must be 1 to 3 digits between "<" and ">"');
  const prival = readPrival(line, 1, close);
  if (prival === undefined) {
    return failure(2, `PRI ${JSON.stringify(line.slice(1, close))} is not a number from 0 to 191`);
  }
  const priority = { facility: prival >> 3, severity: prival & 7 };
  const text = end === line.length ? line : line.slice(0, end);
  return isVersioned(text, close + 1)
    ? readRfc5424(text, close + 1, priority, options)
    : readRfc3164(text, close + 1, priority, options);
}

/** `1 ` after the PRI: RFC 5424's version. A digit alone may start an RFC 3339 date in RFC 3164. */
function isVersioned(text: string, start: number): boolean {
  let pos = start;
  while (pos < text.length && pos - start < 3 && isDigit(text.charCodeAt(pos))) pos++;
  return pos > start && text.charCodeAt(pos) === 32;
}

/** The message without the frame ends some senders append (LF, CRLF, NUL). */
function trimFrameEnd(line: string): number {
  let end = line.length;
  while (end > 0) {
    const code = line.charCodeAt(end - 1);
    if (code !== 10 && code !== 13 && code !== 0) break;
    end--;
  }
  return end;
}

function readPrival(line: string, start: number, end: number): number | undefined {
  if (end === start) return undefined;
  let value = 0;
  for (let i = start; i < end; i++) {
    const code = line.charCodeAt(i);
    if (!isDigit(code)) return undefined;
    value = value * 10 + (code - 48);
  }
  return value <= 191 ? value : undefined;
}
