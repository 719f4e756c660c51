import type { DecodeIssue, DecodeResult, RawSample } from '../raw-sample.js';
import { issueAt, quoted } from './decode-issue-text.js';
import { setLabel } from './label-set.js';
import { allDigits, digitsExceed, int64Max, parseDecimal, parseScaledInt64 } from './numeric-text.js';

export type TimestampPrecision = 'ns' | 'us' | 'ms' | 's';

export interface LineProtocolOptions {
  precision: TimestampPrecision;
  /** Epoch milliseconds for points without a timestamp. */
  nowMs: number;
}

/**
 * InfluxDB line protocol (what Telegraf sends), read after the v2 reference:
 * https://docs.influxdata.com/influxdb/v2/reference/syntax/line-protocol/
 *
 * `measurement[,tag=value...] field=value[,field=value...] [timestamp]`, one point a line.
 * Every numeric or boolean field becomes one gauge sample named `<measurement>_<field>`, as
 * Telegraf's Prometheus output names them (`cpu` + `usage_idle` → `cpu_usage_idle`); booleans are
 * 1 or 0. String fields carry no measurement of a quantity and are skipped without an issue.
 *
 * A point is all or nothing: a line with any bad part yields one issue and no samples (InfluxDB
 * rejects the point the same way), and the lines around it are read as usual.
 *
 * Escapes follow the reference decoder (github.com/influxdata/line-protocol/v2): a backslash escapes
 * `,` and space in the measurement, and `,`, `=` and space in tag keys, tag values and field keys;
 * before any other character it is a literal backslash. A newline always ends the line, so string
 * field values cannot span lines (the spec does not allow newlines in values).
 *
 * Samples of one line share one `labels` object (the tag set): treat it as read-only.
 */
export function parseLineProtocol(text: string, options: LineProtocolOptions): DecodeResult {
  const reader = new LineProtocolReader(text, options);
  reader.readAll();
  return { samples: reader.samples, issues: reader.issues };
}

const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const COMMA = 44;
const MINUS = 45;
const EQUALS = 61;
const BACKSLASH = 92;
const LOWER_I = 105;
const LOWER_U = 117;

const precisionShift: Record<TimestampPrecision, number> = { ns: -6, us: -3, ms: 0, s: 3 };

/** Date's own limit; anything beyond is not a time the twin can hold. */
const maxEpochMs = 8.64e15;

const int64MinMagnitude = '9223372036854775808';
const uint64Max = '18446744073709551615';

/** What a backslash may escape in a token: the measurement's set, or the keys' and tag values'. */
enum Escapes {
  Measurement = 0,
  Key = 1,
}

function isEscapable(code: number, escapes: Escapes): boolean {
  return code === COMMA || code === SPACE || (escapes === Escapes.Key && code === EQUALS);
}

class LineProtocolReader {
  readonly samples: RawSample[] = [];
  readonly issues: DecodeIssue[] = [];
  readonly #text: string;
  readonly #shift: number;
  readonly #nowMs: number;
  #line = 0;
  #lineStart = 0;
  #lineEnd = 0;
  /** The last token read by #scanToken: its unescaped text. */
  #token = '';
  #measurement = '';
  #labels: Record<string, string> = {};
  /** Sample names by field key, per measurement; #names is the current measurement's. */
  readonly #namesByMeasurement = new Map<string, Map<string, string>>();
  #names = new Map<string, string>();

  constructor(text: string, options: LineProtocolOptions) {
    this.#text = text;
    this.#shift = precisionShift[options.precision];
    this.#nowMs = options.nowMs;
  }

  readAll(): void {
    const text = this.#text;
    let start = 0;
    while (start < text.length) {
      let newline = text.indexOf('\n', start);
      if (newline === -1) newline = text.length;
      this.#line++;
      this.#lineStart = start;
      this.#lineEnd = newline > start && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
      this.#readLine();
      start = newline + 1;
    }
  }

  #readLine(): void {
    const text = this.#text;
    let pos = this.#lineStart;
    while (pos < this.#lineEnd && text.charCodeAt(pos) === SPACE) pos++;
    if (pos === this.#lineEnd || text.charCodeAt(pos) === HASH) return;
    const mark = this.samples.length;
    pos = this.#readSeries(pos);
    if (pos >= 0) pos = this.#readFields(pos);
    if (pos >= 0) pos = this.#readTimestamp(pos, mark);
    if (pos < 0) this.samples.length = mark;
  }

  /** Measurement and tags; returns the position of the first field, or −1. */
  #readSeries(start: number): number {
    const text = this.#text;
    let pos = this.#scanToken(start, Escapes.Measurement, false);
    if (pos === start) return this.#fail(start, 'expected a measurement name');
    if (this.#token !== this.#measurement) this.#enterMeasurement(this.#token);
    const labels: Record<string, string> = {};
    this.#labels = labels;
    while (pos < this.#lineEnd && text.charCodeAt(pos) === COMMA) {
      pos = this.#readTag(pos + 1, labels);
      if (pos < 0) return -1;
    }
    if (pos === this.#lineEnd) {
      return this.#fail(pos, 'point has no fields: expected a space and field=value');
    }
    while (pos < this.#lineEnd && text.charCodeAt(pos) === SPACE) pos++;
    if (pos === this.#lineEnd) return this.#fail(pos, 'point has no fields: expected field=value');
    return pos;
  }

  #enterMeasurement(measurement: string): void {
    this.#measurement = measurement;
    let names = this.#namesByMeasurement.get(measurement);
    if (names === undefined) {
      names = new Map();
      this.#namesByMeasurement.set(measurement, names);
    }
    this.#names = names;
  }

  #readTag(start: number, labels: Record<string, string>): number {
    const text = this.#text;
    let pos = this.#scanToken(start, Escapes.Key, true);
    if (pos === start) return this.#fail(start, 'expected a tag key after ","');
    const key = this.#token;
    if (pos === this.#lineEnd || text.charCodeAt(pos) !== EQUALS) {
      return this.#fail(pos, `expected "=" after tag key ${JSON.stringify(key)}`);
    }
    const valueStart = pos + 1;
    pos = this.#scanToken(valueStart, Escapes.Key, true);
    if (pos === valueStart) return this.#fail(valueStart, `tag ${JSON.stringify(key)} has an empty value`);
    if (pos < this.#lineEnd && text.charCodeAt(pos) === EQUALS) {
      return this.#fail(pos, `tag ${JSON.stringify(key)}: "=" in a tag value must be escaped as "\\="`);
    }
    setLabel(labels, key, this.#token);
    return pos;
  }

  /** The field set; returns the position after it (a space or the line end), or −1. */
  #readFields(start: number): number {
    const text = this.#text;
    let pos = start;
    for (;;) {
      pos = this.#readField(pos);
      if (pos < 0 || pos === this.#lineEnd || text.charCodeAt(pos) === SPACE) break;
      pos++; // the comma before the next field
      if (pos === this.#lineEnd) return this.#fail(pos, 'expected a field after ","');
    }
    return pos;
  }

  #readField(start: number): number {
    const text = this.#text;
    const pos = this.#scanToken(start, Escapes.Key, true);
    if (pos === start) return this.#fail(start, 'expected a field key');
    const key = this.#token;
    if (pos === this.#lineEnd || text.charCodeAt(pos) !== EQUALS) {
      return this.#fail(pos, `expected "=" after field key ${JSON.stringify(key)}`);
    }
    const valueStart = pos + 1;
    if (valueStart === this.#lineEnd || text.charCodeAt(valueStart) === SPACE) {
      return this.#fail(valueStart, `field ${JSON.stringify(key)} has no value`);
    }
    if (text.charCodeAt(valueStart) === QUOTE) return this.#skipString(valueStart, key);
    const valueEnd = this.#scanValue(valueStart);
    const value = this.#fieldValue(valueStart, valueEnd, key);
    if (Number.isNaN(value)) return -1;
    this.samples.push({
      name: this.#sampleName(key),
      labels: this.#labels,
      value,
      ts: 0,
      type: 'gauge',
    });
    return valueEnd;
  }

  /**
   * `<measurement>_<field>`, built once per measurement and field: the same few names recur on
   * every line, and concatenating them anew per sample costs more than the rest of the parse.
   */
  #sampleName(key: string): string {
    let name = this.#names.get(key);
    if (name === undefined) {
      name = `${this.#measurement}_${key}`;
      this.#names.set(key, name);
    }
    return name;
  }

  /** The end of an unquoted field value: the next comma, space or line end. */
  #scanValue(start: number): number {
    const text = this.#text;
    let pos = start;
    while (pos < this.#lineEnd) {
      const code = text.charCodeAt(pos);
      if (code === COMMA || code === SPACE) break;
      pos++;
    }
    return pos;
  }

  /**
   * A field's number, 1/0 for booleans; NaN (after reporting) when it is not a valid value. The
   * first character tells a boolean from a number, as in the reference decoder.
   */
  #fieldValue(start: number, end: number, key: string): number {
    const text = this.#text;
    if (isBooleanStart(text.charCodeAt(start))) {
      const boolean = readBoolean(text, start, end);
      if (boolean !== undefined) return boolean;
      return this.#failValue(
        start,
        `field ${JSON.stringify(key)}: value ${quoted(text, start, end)} is not a boolean`,
      );
    }
    const last = text.charCodeAt(end - 1);
    if (last === LOWER_I) return this.#integer(start, end - 1, key, false);
    if (last === LOWER_U) return this.#integer(start, end - 1, key, true);
    const value = parseDecimal(text, start, end);
    if (Number.isNaN(value)) {
      return this.#failValue(
        start,
        `field ${JSON.stringify(key)}: value ${quoted(text, start, end)} is not a number`,
      );
    }
    if (!Number.isFinite(value)) {
      return this.#failValue(
        start,
        `field ${JSON.stringify(key)}: value ${quoted(text, start, end)} is out of range`,
      );
    }
    return value;
  }

  /** A signed (`12i`) or unsigned (`12u`) integer in `[start, end)`, suffix excluded, checked against its 64-bit range. */
  #integer(start: number, end: number, key: string, unsigned: boolean): number {
    const text = this.#text;
    const negative = text.charCodeAt(start) === MINUS;
    const digitsStart = negative ? start + 1 : start;
    const kind = unsigned ? 'unsigned integer' : 'integer';
    const shown = quoted(text, start, end + 1);
    if (!allDigits(text, digitsStart, end)) {
      return this.#failValue(start, `field ${JSON.stringify(key)}: value ${shown} is not an ${kind}`);
    }
    const limit = unsigned ? uint64Max : negative ? int64MinMagnitude : int64Max;
    if ((unsigned && negative) || digitsExceed(text, digitsStart, end, limit)) {
      return this.#failValue(start, `field ${JSON.stringify(key)}: ${kind} ${shown} is out of range`);
    }
    return parseDecimal(text, start, end);
  }

  /** Skips a quoted string field value; strings are not samples. Returns the position after it. */
  #skipString(quote: number, key: string): number {
    const text = this.#text;
    for (let pos = quote + 1; pos < this.#lineEnd; pos++) {
      const code = text.charCodeAt(pos);
      if (code === BACKSLASH) pos++;
      else if (code === QUOTE) return this.#afterValue(pos + 1, key);
    }
    return this.#fail(quote, `field ${JSON.stringify(key)}: string value has no closing quote`);
  }

  #afterValue(pos: number, key: string): number {
    if (pos === this.#lineEnd) return pos;
    const code = this.#text.charCodeAt(pos);
    if (code === COMMA || code === SPACE) return pos;
    return this.#fail(pos, `field ${JSON.stringify(key)}: expected "," or a space after the value`);
  }

  /** The optional timestamp after the fields; fills in every sample of the line. */
  #readTimestamp(start: number, mark: number): number {
    const text = this.#text;
    let pos = start;
    while (pos < this.#lineEnd && text.charCodeAt(pos) === SPACE) pos++;
    let ts = this.#nowMs;
    if (pos < this.#lineEnd) {
      const tsStart = pos;
      while (pos < this.#lineEnd && text.charCodeAt(pos) !== SPACE) pos++;
      ts = this.#timestamp(tsStart, pos);
      if (Number.isNaN(ts)) return -1;
      while (pos < this.#lineEnd && text.charCodeAt(pos) === SPACE) pos++;
      if (pos < this.#lineEnd) return this.#fail(pos, 'unexpected text after the timestamp');
    }
    const samples = this.samples;
    for (let i = mark; i < samples.length; i++) samples[i]!.ts = ts;
    return pos;
  }

  #timestamp(start: number, end: number): number {
    const ms = parseScaledInt64(this.#text, start, end, this.#shift);
    if (Number.isNaN(ms)) {
      return this.#failValue(start, `timestamp ${quoted(this.#text, start, end)} is not an integer`);
    }
    if (!(Math.abs(ms) <= maxEpochMs)) {
      return this.#failValue(start, `timestamp ${quoted(this.#text, start, end)} is out of range`);
    }
    return ms;
  }

  /**
   * Scans a measurement, key or tag value from `start` to its first unescaped delimiter (comma or
   * space; `=` too for keys and values) and leaves its unescaped text in #token. A substring is cut
   * only once, and unescaping runs only when the token had a backslash.
   */
  #scanToken(start: number, escapes: Escapes, stopAtEquals: boolean): number {
    const text = this.#text;
    const end = this.#lineEnd;
    let pos = start;
    let escaped = false;
    while (pos < end) {
      const code = text.charCodeAt(pos);
      if (code === BACKSLASH && pos + 1 < end && isEscapable(text.charCodeAt(pos + 1), escapes)) {
        escaped = true;
        pos += 2;
        continue;
      }
      if (code === COMMA || code === SPACE || (stopAtEquals && code === EQUALS)) break;
      pos++;
    }
    this.#token = escaped ? unescapeToken(text, start, pos, escapes) : text.slice(start, pos);
    return pos;
  }

  #fail(pos: number, message: string): number {
    this.issues.push(issueAt(this.#line, pos - this.#lineStart + 1, message));
    return -1;
  }

  #failValue(pos: number, message: string): number {
    this.#fail(pos, message);
    return Number.NaN;
  }
}

function unescapeToken(text: string, start: number, end: number, escapes: Escapes): string {
  let out = '';
  let chunk = start;
  for (let pos = start; pos < end; pos++) {
    if (
      text.charCodeAt(pos) === BACKSLASH &&
      pos + 1 < end &&
      isEscapable(text.charCodeAt(pos + 1), escapes)
    ) {
      out += text.slice(chunk, pos);
      chunk = pos + 1;
      pos++;
    }
  }
  return out + text.slice(chunk, end);
}

function isBooleanStart(code: number): boolean {
  return code === 116 || code === 84 || code === 102 || code === 70;
}

/** The spec's boolean spellings (t, T, true, True, TRUE and the same for false) as 1 or 0; called after a t, T, f or F. */
function readBoolean(text: string, start: number, end: number): number | undefined {
  const first = text.charCodeAt(start);
  const length = end - start;
  if (first === 116 || first === 84) {
    if (length === 1) return 1;
    return length === 4 && isSpelling(text, start, 'true') ? 1 : undefined;
  }
  if (length === 1) return 0;
  return length === 5 && isSpelling(text, start, 'false') ? 0 : undefined;
}

/** `word`, `Word` or `WORD` (the spec lists exactly these three casings). */
function isSpelling(text: string, start: number, word: string): boolean {
  const candidate = text.slice(start, start + word.length);
  return (
    candidate === word ||
    candidate === word.toUpperCase() ||
    candidate === word.charAt(0).toUpperCase() + word.slice(1)
  );
}
