import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSyslogMessage, type SyslogMessage, severityNames } from './syslog-message.js';

const nowMs = Date.UTC(2026, 10, 28, 17, 50, 0);
const options = { nowMs };

function parsed(line: string, receivedFrom?: string): SyslogMessage {
  const result = parseSyslogMessage(line, receivedFrom === undefined ? options : { nowMs, receivedFrom });
  if (!result.ok) throw new Error(`not parsed: ${result.issue.message}`);
  return result.message;
}

describe('RFC 5424: the spec examples', () => {
  // RFC 5424 §6.5, Example 1 - with no STRUCTURED-DATA (BOM before MSG).
  it('reads example 1', () => {
    const line =
      "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8";
    expect(parsed(line)).toEqual({
      facility: 4,
      severity: 2,
      severityName: 'crit',
      ts: Date.UTC(2003, 9, 11, 22, 14, 15, 3),
      hostname: 'mymachine.example.com',
      appName: 'su',
      msgId: 'ID47',
      structuredData: {},
      message: "'su root' failed for lonvick on /dev/pts/8",
      format: 'rfc5424',
    });
  });

  // §6.5, Example 2 - microseconds and a numeric offset.
  it('reads example 2', () => {
    const line =
      "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.";
    expect(parsed(line)).toEqual({
      facility: 20,
      severity: 5,
      severityName: 'notice',
      ts: Date.UTC(2003, 7, 24, 12, 14, 15),
      hostname: '192.0.2.1',
      appName: 'myproc',
      procId: '8710',
      structuredData: {},
      message: "%% It's time to make the do-nuts.",
      format: 'rfc5424',
    });
  });

  // §6.5, Examples 3 and 4 - STRUCTURED-DATA, with a MSG and without one.
  it('reads examples 3 and 4', () => {
    const header = '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 ';
    const sd = '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"]';
    const three = parsed(`${header}${sd} \uFEFFAn application event log entry...`);
    expect(three.structuredData).toEqual({
      'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
    });
    expect(three.message).toBe('An application event log entry...');
    const four = parsed(`${header}${sd}[examplePriority@32473 class="high"]`);
    expect(four.structuredData).toEqual({
      'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
      'examplePriority@32473': { class: 'high' },
    });
    expect(four.message).toBe('');
  });

  // §6.3.5, Examples 3 and 4 - Invalid: a space between elements, a space after "[".
  it('refuses the invalid structured data of §6.3.5', () => {
    const header = '<165>1 2003-10-11T22:14:15.003Z host app - ID47 ';
    const three = parseSyslogMessage(
      `${header}[exampleSDID@32473 iut="3"] [examplePriority@32473 class="high"]`,
      options,
    );
    const four = parseSyslogMessage(
      `${header}[ exampleSDID@32473 iut="3"][examplePriority@32473 class="high"]`,
      options,
    );
    // Example 3 is valid syntax with "[examplePriority..." as MSG; RFC 5424 calls it invalid SD only.
    expect(three.ok && three.message.message).toBe('[examplePriority@32473 class="high"]');
    expect(four).toEqual({ ok: false, issue: { column: 50, message: 'expected SD-ID, found " "' } });
  });

  // §6.3.3: `"`, `\` and `]` are escaped in PARAM-VALUE; any other backslash is itself.
  it('unescapes parameter values', () => {
    const line = String.raw`<13>1 - h a - - [x@1 a="q\"b\\s\]e" b="c:\dir" c=""] m`;
    expect(parsed(line).structuredData).toEqual({ 'x@1': { a: 'q"b\\s]e', b: 'c:\\dir', c: '' } });
  });

  it('reads what logger(1) sends', () => {
    const sd =
      '[timeQuality tzKnown="1" isSynced="0"][exampleSDID@32473 iut="3" eventSource="App\\]li\\"ca\\\\"]';
    const message = parsed(`<156>1 2026-11-28T17:50:27.204299+00:00 vm myapp - ID47 ${sd} hello udp 5424`);
    expect(message).toMatchObject({
      facility: 19,
      severityName: 'warning',
      hostname: 'vm',
      appName: 'myapp',
    });
    expect(message.structuredData['exampleSDID@32473']).toEqual({ iut: '3', eventSource: 'App]li"ca\\' });
    expect(message.ts).toBe(Date.UTC(2026, 10, 28, 17, 50, 27, 204));
    // --rfc5424=notime,nohost: nil timestamp and hostname; the sender's address stands in.
    expect(parsed('<13>1 - - myapp - - - hello notime\n', '10.0.0.7')).toEqual({
      facility: 1,
      severity: 5,
      severityName: 'notice',
      ts: nowMs,
      hostname: '10.0.0.7',
      appName: 'myapp',
      structuredData: {},
      message: 'hello notime',
      format: 'rfc5424',
    });
  });

  it.each([
    ['', 1, 'empty message'],
    ['hello', 1, 'expected "<PRI>" at the start of the message'],
    ['<1234>1 - - - - - -', 2, 'PRI must be 1 to 3 digits between "<" and ">"'],
    ['<192>1 - - - - - -', 2, 'PRI "192" is not a number from 0 to 191'],
    ['<13>2 - - - - - -', 5, 'syslog version "2" is not supported (only 1, RFC 5424)'],
    [
      '<13>1 2003-13-11T22:14:15Z h a - - -',
      7,
      'TIMESTAMP "2003-13-11T22:14:15Z" is not an RFC 3339 date-time',
    ],
    [
      '<13>1 2003-10-11T22:14:15 h a - - -',
      7,
      'TIMESTAMP "2003-10-11T22:14:15" is not an RFC 3339 date-time',
    ],
    [
      '<13>1 1900-02-29T00:00:00Z h a - - -',
      7,
      'TIMESTAMP "1900-02-29T00:00:00Z" is not an RFC 3339 date-time',
    ],
    [
      '<13>1 2003-10-11T24:00:00Z h a - - -',
      7,
      'TIMESTAMP "2003-10-11T24:00:00Z" is not an RFC 3339 date-time',
    ],
    ['<13>1 -  a - - -', 9, 'expected HOSTNAME, found " "'],
    ['<13>1 - h a - -', 15, 'message ends after MSGID'],
    ['<13>1 - h a - - x', 17, 'expected STRUCTURED-DATA ("-" or "["), found "x"'],
    [
      '<13>1 - h a - - [x a="b"',
      25,
      'expected a space, "]" or parameter in [x], found the end of the message',
    ],
    ['<13>1 - h a - - [x a=b]', 21, 'expected ="value" after a in [x]'],
    ['<13>1 - h a - - [x a="b]', 22, 'parameter value has no closing quote'],
    ['<13>1 - h a - - []', 18, 'expected SD-ID, found "]"'],
    ['<13>1 - h a - - -x', 18, 'expected a space before MSG, found "x"'],
  ])('%j → column %i: %s', (line, column, message) => {
    expect(parseSyslogMessage(line, options)).toEqual({ ok: false, issue: { column, message } });
  });
});

describe('RFC 3164', () => {
  // RFC 3164 §5.4, Example 1.
  it('reads example 1', () => {
    expect(parsed("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8")).toEqual({
      facility: 4,
      severity: 2,
      severityName: 'crit',
      ts: Date.UTC(2026, 9, 11, 22, 14, 15),
      hostname: 'mymachine',
      appName: 'su',
      structuredData: {},
      message: "'su root' failed for lonvick on /dev/pts/8",
      format: 'rfc3164',
    });
  });

  // §5.4, Example 3: a space-padded day, and no TAG.
  it('reads example 3', () => {
    const message = parsed('<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!');
    expect(message).toMatchObject({
      hostname: '10.0.0.99',
      message: 'Use the BFG!',
      ts: Date.UTC(2026, 1, 5, 17, 32, 18),
    });
    expect(message.appName).toBeUndefined();
  });

  // §5.4, Example 2 has no PRI at all: a relay would add one, a collector refuses it.
  it('refuses example 2', () => {
    expect(parseSyslogMessage('Use the BFG!', options).ok).toBe(false);
  });

  it('takes a word as the tag only when a space or the end follows its colon', () => {
    const message = parsed('<13>Feb  5 17:32:18 host a:b rest');
    expect(message).toMatchObject({ hostname: 'host', message: 'a:b rest' });
    expect(message.appName).toBeUndefined();
  });

  it('reads what logger(1) sends, with and without a hostname', () => {
    expect(parsed('<13>Nov 28 17:50:20 vm myapp[10597]: hello udp 3164')).toMatchObject({
      hostname: 'vm',
      appName: 'myapp',
      procId: '10597',
      message: 'hello udp 3164',
    });
    expect(parsed('<13>Nov 28 17:50:20 myapp: hello tcp lf\n', '10.0.0.7')).toMatchObject({
      hostname: '10.0.0.7',
      appName: 'myapp',
      message: 'hello tcp lf',
    });
  });

  it('takes the latest year that is not in the future, across New Year both ways', () => {
    const newYear = Date.UTC(2027, 0, 1, 0, 0, 30);
    const lastYear = parseSyslogMessage('<13>Dec 31 23:59:59 h t: m', { nowMs: newYear });
    expect(lastYear.ok && lastYear.message.ts).toBe(Date.UTC(2026, 11, 31, 23, 59, 59));
    const nextYear = parseSyslogMessage('<13>Jan  1 00:00:01 h t: m', {
      nowMs: Date.UTC(2026, 11, 31, 23, 59, 50),
    });
    expect(nextYear.ok && nextYear.message.ts).toBe(Date.UTC(2027, 0, 1, 0, 0, 1));
    expect(parsed('<13>1 2000-02-29T12:00:00Z h a - - -').ts).toBe(Date.UTC(2000, 1, 29, 12));
    const leap = parseSyslogMessage('<13>Feb 29 12:00:00 h t: m', { nowMs: Date.UTC(2029, 0, 15) });
    expect(leap.ok && leap.message.ts).toBe(Date.UTC(2028, 1, 29, 12));
    // A sender a zone ahead of UTC is hours "early"; a day later than now is still this year.
    const ahead = parseSyslogMessage('<13>Nov 29 03:50:00 h t: m', options);
    expect(ahead.ok && ahead.message.ts).toBe(Date.UTC(2026, 10, 29, 3, 50));
  });

  it('reads an RFC 3339 time in place of the date (rsyslog forwarding format)', () => {
    expect(parsed('<30>2026-11-28T17:50:20.5+01:00 host sshd[7]: Accepted')).toMatchObject({
      ts: Date.UTC(2026, 10, 28, 16, 50, 20, 500),
      hostname: 'host',
      appName: 'sshd',
      procId: '7',
    });
  });

  // §4.3.3: no valid TIMESTAMP → the rest is content, received now, from the sender.
  it('takes a message without a valid date as all content', () => {
    expect(parsed('<13>Feb 30 10:00:00 h t: m', '10.0.0.7')).toMatchObject({
      ts: nowMs,
      hostname: '10.0.0.7',
      message: 'Feb 30 10:00:00 h t: m',
    });
  });
});

// ---- Properties -----------------------------------------------------------------------------------

const printable = fc.string({
  unit: fc.integer({ min: 33, max: 126 }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 12,
});
const headerField = fc.option(
  printable.filter((s) => s !== '-'),
  { nil: undefined },
);
const sdName = fc.string({
  unit: fc
    .integer({ min: 33, max: 126 })
    .map((c) => String.fromCharCode(c))
    .filter((c) => !'= ]"'.includes(c)),
  minLength: 1,
  maxLength: 10,
});
const anyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', ']', '[', ' ', '=', '-', '\n', 'é', '🙂'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});
const messageText = anyText.filter((s) => !/[\r\n\0]$/.test(s) && !s.startsWith('\uFEFF'));

const rfc5424 = fc.record({
  facility: fc.integer({ min: 0, max: 23 }),
  severity: fc.integer({ min: 0, max: 7 }),
  seconds: fc.option(fc.integer({ min: 0, max: 253402300799 - 86400 }), { nil: undefined }),
  fraction: fc.stringMatching(/^(\.\d{1,9})?$/),
  offsetMinutes: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
  hostname: headerField,
  appName: headerField,
  procId: headerField,
  msgId: headerField,
  structuredData: fc.dictionary(sdName, fc.dictionary(sdName, anyText, { maxKeys: 3 }), { maxKeys: 3 }),
  message: fc.option(messageText, { nil: undefined }),
  bom: fc.boolean(),
});

type Rfc5424Model = typeof rfc5424 extends fc.Arbitrary<infer T> ? T : never;

function rfc3339(seconds: number, fraction: string, offsetMinutes: number): string {
  const local = new Date((seconds + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(magnitude / 60)).padStart(2, '0')}:${String(magnitude % 60).padStart(2, '0')}`;
  return `${local}${fraction}${offsetMinutes === 0 && fraction.length % 2 === 0 ? 'Z' : offset}`;
}

function encode5424(m: Rfc5424Model): string {
  const ts = m.seconds === undefined ? '-' : rfc3339(m.seconds, m.fraction, m.offsetMinutes);
  const fields = [m.hostname, m.appName, m.procId, m.msgId].map((f) => f ?? '-').join(' ');
  const elements = Object.entries(m.structuredData).map(([id, params]) => {
    const rendered = Object.entries(params).map(
      ([k, v]) => ` ${k}="${v.replace(/["\\\]]/g, (c) => `\\${c}`)}"`,
    );
    return `[${id}${rendered.join('')}]`;
  });
  const sd = elements.length === 0 ? '-' : elements.join('');
  const msg = m.message === undefined ? '' : ` ${m.bom ? '\uFEFF' : ''}${m.message}`;
  return `<${m.facility * 8 + m.severity}>1 ${ts} ${fields} ${sd}${msg}`;
}

function expected5424(m: Rfc5424Model, receivedFrom: string): SyslogMessage {
  const ms = Number(`${m.fraction.slice(1)}000`.slice(0, 3));
  const message: SyslogMessage = {
    facility: m.facility,
    severity: m.severity,
    severityName: severityNames[m.severity]!,
    ts: m.seconds === undefined ? nowMs : m.seconds * 1000 + ms,
    structuredData: m.structuredData,
    message: m.message ?? '',
    format: 'rfc5424',
    hostname: m.hostname ?? receivedFrom,
  };
  if (m.appName !== undefined) message.appName = m.appName;
  if (m.procId !== undefined) message.procId = m.procId;
  if (m.msgId !== undefined) message.msgId = m.msgId;
  return message;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const hostname = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,10}$/);
const tagName = fc.stringMatching(/^[a-zA-Z0-9_/.-]{1,12}$/);

const rfc3164 = fc
  .record({
    facility: fc.integer({ min: 0, max: 23 }),
    severity: fc.integer({ min: 0, max: 7 }),
    /** A time from 300 days before the receive time to a day after it, whole seconds. */
    offsetSeconds: fc.integer({ min: -300 * 86400, max: 86400 }),
    hostname: fc.option(hostname, { nil: undefined }),
    tag: fc.option(
      fc.record({ name: tagName, pid: fc.option(fc.stringMatching(/^\d{1,7}$/), { nil: undefined }) }),
      {
        nil: undefined,
      },
    ),
    message: messageText,
  })
  .filter(
    (m) =>
      (m.tag !== undefined || m.hostname !== undefined) &&
      (m.tag !== undefined || !/^\S*:( |$)/.test(m.message)),
  );

type Rfc3164Model = typeof rfc3164 extends fc.Arbitrary<infer T> ? T : never;

function encode3164(m: Rfc3164Model): string {
  const date = new Date(nowMs + m.offsetSeconds * 1000);
  const day = String(date.getUTCDate()).padStart(2, ' ');
  const stamp = `${months[date.getUTCMonth()]} ${day} ${date.toISOString().slice(11, 19)}`;
  const tag = m.tag === undefined ? '' : `${m.tag.name}${m.tag.pid === undefined ? '' : `[${m.tag.pid}]`}: `;
  return `<${m.facility * 8 + m.severity}>${stamp} ${m.hostname === undefined ? '' : `${m.hostname} `}${tag}${m.message}`;
}

function expected3164(m: Rfc3164Model, receivedFrom: string): SyslogMessage {
  const message: SyslogMessage = {
    facility: m.facility,
    severity: m.severity,
    severityName: severityNames[m.severity]!,
    ts: nowMs + m.offsetSeconds * 1000,
    hostname: m.hostname ?? receivedFrom,
    structuredData: {},
    message: m.message,
    format: 'rfc3164',
  };
  if (m.tag !== undefined) message.appName = m.tag.name;
  if (m.tag?.pid !== undefined) message.procId = m.tag.pid;
  return message;
}

describe('syslog: properties', () => {
  it('reads back any RFC 5424 message', () => {
    fc.assert(
      fc.property(rfc5424, (m) => {
        expect(parseSyslogMessage(encode5424(m), { nowMs, receivedFrom: '192.0.2.9' })).toEqual({
          ok: true,
          message: expected5424(m, '192.0.2.9'),
        });
      }),
    );
  });

  it('reads back any RFC 3164 message', () => {
    fc.assert(
      fc.property(rfc3164, (m) => {
        expect(parseSyslogMessage(encode3164(m), { nowMs, receivedFrom: '192.0.2.9' })).toEqual({
          ok: true,
          message: expected3164(m, '192.0.2.9'),
        });
      }),
    );
  });

  it('never throws on a corrupted message, and locates every issue inside it', () => {
    const corruption = fc.record({
      at: fc.nat(),
      with: fc.constantFrom('', ' ', '"', ']', '[', '\\', '<', '>', 'x', '-', '9'),
    });
    fc.assert(
      fc.property(
        fc.oneof(rfc5424.map(encode5424), rfc3164.map(encode3164), anyText),
        corruption,
        (line, c) => {
          const at = c.at % (line.length + 1);
          const bad = line.slice(0, at) + c.with + line.slice(at + 1);
          const result = parseSyslogMessage(bad, options);
          if (!result.ok) {
            expect(result.issue.column).toBeGreaterThanOrEqual(1);
            expect(result.issue.column).toBeLessThanOrEqual(bad.length + 1);
          } else {
            expect(result.message.severityName).toBe(severityNames[result.message.severity]);
          }
        },
      ),
    );
  });
});
