import { parseRfc3339 } from './rfc3339-time.js';
import { failure, messageBase, type SyslogPriority } from './syslog-header.js';
import type { SyslogMessage, SyslogParseOptions, SyslogParseResult } from './syslog-message.js';

/**
 * RFC 5424 §6 after the PRI: `VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP
 * STRUCTURED-DATA [SP MSG]`, `-` for a nil field.
 */
export function readRfc5424(
  text: string,
  start: number,
  priority: SyslogPriority,
  options: SyslogParseOptions,
): SyslogParseResult {
  const reader = new Rfc5424Reader(text, start);
  const version = reader.field('VERSION');
  if (version !== undefined && version !== '1') {
    return failure(
      start + 1,
      `syslog version ${JSON.stringify(version)} is not supported (only 1, RFC 5424)`,
    );
  }
  const tsStart = reader.pos;
  const timestamp = reader.field('TIMESTAMP');
  const ts = timestamp === '-' ? options.nowMs : parseRfc3339(text, tsStart, reader.pos - 1);
  if (timestamp !== undefined && ts === undefined) {
    return failure(tsStart + 1, `TIMESTAMP ${JSON.stringify(timestamp)} is not an RFC 3339 date-time`);
  }
  const hostname = nil(reader.field('HOSTNAME'));
  const appName = nil(reader.field('APP-NAME'));
  const procId = nil(reader.field('PROCID'));
  const msgId = nil(reader.field('MSGID'));
  const structuredData = reader.structuredData();
  if (reader.issue !== undefined) return { ok: false, issue: reader.issue };
  const message: SyslogMessage = {
    ...messageBase(priority, 'rfc5424', ts ?? options.nowMs),
    structuredData,
    message: '',
  };
  const host = hostname ?? options.receivedFrom;
  if (host !== undefined) message.hostname = host;
  if (appName !== undefined) message.appName = appName;
  if (procId !== undefined) message.procId = procId;
  if (msgId !== undefined) message.msgId = msgId;
  message.message = reader.rest();
  return { ok: true, message };
}

/** A header field's value, or undefined for the nil value `-`. */
function nil(value: string | undefined): string | undefined {
  return value === '-' ? undefined : value;
}

const SPACE = 32;
const QUOTE = 34;
const EQUALS = 61;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const BOM = 0xfeff;

/** SD-NAME (RFC 5424 §6.3): printable US-ASCII except `=`, space, `]` and `"`. */
function isSdNameChar(code: number): boolean {
  return code > SPACE && code < 127 && code !== EQUALS && code !== CLOSE_BRACKET && code !== QUOTE;
}

/** Reads the fields in order; the first problem stops it and stays in `issue`. */
class Rfc5424Reader {
  pos: number;
  issue: { message: string; column: number } | undefined;
  readonly #text: string;

  constructor(text: string, start: number) {
    this.#text = text;
    this.pos = start;
  }

  /** The next space-terminated header field; undefined after a problem. Leaves `pos` after the space. */
  field(name: string): string | undefined {
    if (this.issue !== undefined) return undefined;
    const start = this.pos;
    const space = this.#text.indexOf(' ', start);
    const end = space === -1 ? this.#text.length : space;
    if (end === start || space === -1) {
      this.#fail(
        start,
        end === start
          ? `expected ${name}, found ${describe(this.#text, start)}`
          : `message ends after ${name}`,
      );
      return undefined;
    }
    this.pos = end + 1;
    return this.#text.slice(start, end);
  }

  structuredData(): Record<string, Record<string, string>> {
    const data: Record<string, Record<string, string>> = {};
    if (this.issue !== undefined) return data;
    const text = this.#text;
    if (text.charCodeAt(this.pos) === 45 /* - */) {
      this.pos++;
    } else if (text.charCodeAt(this.pos) !== OPEN_BRACKET) {
      this.#fail(this.pos, `expected STRUCTURED-DATA ("-" or "["), found ${describe(text, this.pos)}`);
    } else {
      while (this.issue === undefined && text.charCodeAt(this.pos) === OPEN_BRACKET) this.#element(data);
    }
    if (this.issue === undefined && this.pos < text.length && text.charCodeAt(this.pos) !== SPACE) {
      this.#fail(this.pos, `expected a space before MSG, found ${describe(text, this.pos)}`);
    }
    return data;
  }

  /** MSG: everything after the space that follows STRUCTURED-DATA, without its BOM. */
  rest(): string {
    let start = this.pos + 1;
    if (start >= this.#text.length) return '';
    if (this.#text.charCodeAt(start) === BOM) start++;
    return this.#text.slice(start);
  }

  /** `[SD-ID *(SP PARAM-NAME="PARAM-VALUE")]` (RFC 5424 §6.3.1). */
  #element(data: Record<string, Record<string, string>>): void {
    this.pos++;
    const id = this.#sdName('SD-ID');
    if (id === undefined) return;
    const params = Object.hasOwn(data, id) ? data[id]! : defineEntry(data, id, {});
    const text = this.#text;
    while (this.issue === undefined) {
      const code = text.charCodeAt(this.pos);
      if (code === CLOSE_BRACKET) {
        this.pos++;
        return;
      }
      if (code !== SPACE) {
        this.#fail(
          this.pos,
          `expected a space, "]" or parameter in [${id}], found ${describe(text, this.pos)}`,
        );
        return;
      }
      this.pos++;
      this.#param(id, params);
    }
  }

  #param(id: string, params: Record<string, string>): void {
    const name = this.#sdName(`parameter name in [${id}]`);
    if (name === undefined) return;
    const text = this.#text;
    if (text.charCodeAt(this.pos) !== EQUALS || text.charCodeAt(this.pos + 1) !== QUOTE) {
      this.#fail(this.pos, `expected ="value" after ${name} in [${id}]`);
      return;
    }
    const value = this.#paramValue(this.pos + 2);
    if (value !== undefined) defineEntry(params, name, value);
  }

  /** A PARAM-VALUE after its opening quote; `\"`, `\\` and `\]` are escapes (RFC 5424 §6.3.3). */
  #paramValue(start: number): string | undefined {
    const text = this.#text;
    let value = '';
    let chunk = start;
    for (let pos = start; pos < text.length; pos++) {
      const code = text.charCodeAt(pos);
      if (code === QUOTE) {
        this.pos = pos + 1;
        return value + text.slice(chunk, pos);
      }
      if (code !== BACKSLASH) continue;
      const next = text.charCodeAt(pos + 1);
      // Any other backslash is itself (§6.3.3: "the invalid sequence MUST not be altered").
      if (next === QUOTE || next === BACKSLASH || next === CLOSE_BRACKET) {
        value += text.slice(chunk, pos);
        chunk = pos + 1;
        pos++;
      }
    }
    this.#fail(start - 1, 'parameter value has no closing quote');
    return undefined;
  }

  #sdName(what: string): string | undefined {
    const start = this.pos;
    let pos = start;
    while (pos < this.#text.length && isSdNameChar(this.#text.charCodeAt(pos))) pos++;
    if (pos === start) {
      this.#fail(start, `expected ${what}, found ${describe(this.#text, start)}`);
      return undefined;
    }
    this.pos = pos;
    return this.#text.slice(start, pos);
  }

  #fail(pos: number, message: string): void {
    this.issue ??= { message, column: pos + 1 };
  }
}

/** Sets a key on a plain record, `__proto__` included (an SD-ID or parameter may be named so). */
function defineEntry<T>(record: Record<string, T>, key: string, value: T): T {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}

function describe(text: string, pos: number): string {
  return pos >= text.length ? 'the end of the message' : JSON.stringify(text.charAt(pos));
}
