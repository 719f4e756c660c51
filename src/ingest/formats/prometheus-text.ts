import type { DecodeIssue, DecodeResult, RawSample } from '../raw-sample.js';
import { issueAt, quoted } from './decode-issue-text.js';
import { setLabel } from './label-set.js';
import {
  MetricFamilies,
  type MetricFamilyMetadata,
  openMetricsTypes,
  prometheusTypes,
  skipSample,
} from './metric-families.js';
import { parseDecimal, parseScaledInt64, parseScaledInteger } from './numeric-text.js';

export interface PrometheusTextOptions {
  /** Epoch milliseconds for samples without a timestamp. */
  nowMs: number;
  /** Read OpenMetrics 1.0 instead of text format 0.0.4. */
  openMetrics?: boolean;
}

export interface PrometheusTextResult extends DecodeResult {
  /** By family name as the TYPE/HELP/UNIT lines spelled it. */
  metadata: Map<string, MetricFamilyMetadata>;
}

/**
 * The Prometheus text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/#text-format-details) and
 * OpenMetrics 1.0 text (https://github.com/OpenObservability/OpenMetrics/blob/main/specification/OpenMetrics.md).
 *
 * Differences the option switches: OpenMetrics timestamps are seconds (a float) instead of integer
 * milliseconds, `# UNIT` and `# EOF` are metadata, exemplars (`... 1.0 # {trace_id="x"} 0.5`) may
 * follow a sample and are skipped, and the exposition must end with `# EOF`.
 *
 * Deliberately lenient where a strict reader would lose data: a bad line costs that line only (the
 * OpenMetrics spec would reject the whole exposition), blanks and tabs may separate tokens in both
 * formats, CRLF is accepted. Empty label values are dropped (both specs: same as absent), `_created`
 * samples are skipped (they hold a time, not a value), `__name__` never becomes a label.
 *
 * Each sample owns its labels; `metadata` holds the exposition's families.
 */
export function parsePrometheusText(text: string, options: PrometheusTextOptions): PrometheusTextResult {
  const reader = new ExpositionReader(text, options);
  reader.readAll();
  return { samples: reader.samples, issues: reader.issues, metadata: reader.families.metadata };
}

const TAB = 9;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const COMMA = 44;
const EQUALS = 61;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const LOWER_N = 110;

/** Date's own limit; anything beyond is not a time the twin can hold. */
const maxEpochMs = 8.64e15;

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** `[a-zA-Z_]`, and with `colon` also `:` (metric names may hold colons, label names not). */
function isNameStart(code: number, colon: boolean): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || (colon && code === 58);
}

function isNameChar(code: number, colon: boolean): boolean {
  return isNameStart(code, colon) || (code >= 48 && code <= 57);
}

class ExpositionReader {
  readonly samples: RawSample[] = [];
  readonly issues: DecodeIssue[] = [];
  readonly families = new MetricFamilies();
  readonly #text: string;
  readonly #nowMs: number;
  readonly #openMetrics: boolean;
  #line = 0;
  #lineStart = 0;
  #lineEnd = 0;
  #eofLine = 0;
  /** The last label value read, unescaped. */
  #string = '';
  /** Where the last metadata name ended. */
  #cursor = 0;
  /** Families that had a TYPE line: a second one is an error, a HELP-only family is not. */
  readonly #typed = new Set<string>();

  constructor(text: string, options: PrometheusTextOptions) {
    this.#text = text;
    this.#nowMs = options.nowMs;
    this.#openMetrics = options.openMetrics === true;
  }

  readAll(): void {
    const text = this.#text;
    let start = 0;
    while (start < text.length && this.#eofLine === 0) {
      let newline = text.indexOf('\n', start);
      if (newline === -1) newline = text.length;
      this.#line++;
      this.#lineStart = start;
      this.#lineEnd = this.#trimEnd(start, newline);
      this.#readLine();
      start = newline + 1;
    }
    if (this.#openMetrics) this.#checkEnd(start);
  }

  #trimEnd(start: number, end: number): number {
    let lineEnd = end;
    while (
      lineEnd > start &&
      (isBlank(this.#text.charCodeAt(lineEnd - 1)) || this.#text.charCodeAt(lineEnd - 1) === CR)
    ) {
      lineEnd--;
    }
    return lineEnd;
  }

  #checkEnd(rest: number): void {
    if (this.#eofLine === 0) {
      this.issues.push(issueAt(this.#line + 1, 1, 'OpenMetrics exposition does not end with "# EOF"'));
      return;
    }
    if (this.#text.slice(rest).trim() !== '') {
      this.issues.push(issueAt(this.#eofLine + 1, 1, 'text after "# EOF" is ignored'));
    }
  }

  #readLine(): void {
    const pos = this.#skipBlanks(this.#lineStart);
    if (pos === this.#lineEnd) return;
    if (this.#text.charCodeAt(pos) === HASH) this.#readComment(pos + 1);
    else this.#readSample(pos);
  }

  #readComment(start: number): void {
    let pos = this.#skipBlanks(start);
    const keywordStart = pos;
    while (pos < this.#lineEnd && !isBlank(this.#text.charCodeAt(pos))) pos++;
    const keyword = this.#text.slice(keywordStart, pos);
    if (keyword === 'HELP') this.#readHelp(pos);
    else if (keyword === 'TYPE') this.#readType(pos);
    else if (this.#openMetrics && keyword === 'UNIT') this.#readUnit(pos);
    else if (this.#openMetrics && keyword === 'EOF' && pos === this.#lineEnd) this.#eofLine = this.#line;
    // Any other comment is a comment (0.0.4); OpenMetrics has no others, and a stray one harms nothing.
  }

  /** The metric name after a metadata keyword, or undefined (reported); #cursor is left after it. */
  #metadataName(start: number, keyword: string): string | undefined {
    const pos = this.#skipBlanks(start);
    const end = this.#scanName(pos, true);
    if (end === pos) {
      this.#fail(pos, `expected a metric name after "# ${keyword}"`);
      return undefined;
    }
    if (end < this.#lineEnd && !isBlank(this.#text.charCodeAt(end))) {
      this.#fail(end, `invalid character in metric name after "# ${keyword}"`);
      return undefined;
    }
    this.#cursor = end;
    return this.#text.slice(pos, end);
  }

  #readHelp(start: number): void {
    const name = this.#metadataName(start, 'HELP');
    if (name === undefined) return;
    const family = this.families.family(name, this.#untyped());
    if (family.help !== undefined) {
      this.#fail(this.#lineStart, `second HELP line for ${JSON.stringify(name)} is ignored`);
      return;
    }
    const textStart = this.#skipBlanks(this.#cursor);
    const help = unescapeText(this.#text, textStart, this.#lineEnd, this.#openMetrics);
    if (help !== '') family.help = help;
  }

  #readType(start: number): void {
    const name = this.#metadataName(start, 'TYPE');
    if (name === undefined) return;
    const typeStart = this.#skipBlanks(this.#cursor);
    const type = this.#text.slice(typeStart, this.#lineEnd);
    const known = this.#openMetrics ? openMetricsTypes : prometheusTypes;
    if (!known.has(type)) {
      const choices = [...known].join(', ');
      this.#fail(
        typeStart,
        `unknown metric type ${quoted(this.#text, typeStart, this.#lineEnd)}; expected one of ${choices}`,
      );
      return;
    }
    if (this.#typed.has(name)) {
      this.#fail(this.#lineStart, `second TYPE line for ${JSON.stringify(name)} is ignored`);
      return;
    }
    this.#typed.add(name);
    this.families.family(name, type).type = type;
    this.families.invalidate();
  }

  #readUnit(start: number): void {
    const name = this.#metadataName(start, 'UNIT');
    if (name === undefined) return;
    const unitStart = this.#skipBlanks(this.#cursor);
    const unit = this.#text.slice(unitStart, this.#lineEnd);
    if (unit === '') return;
    if (!name.endsWith(`_${unit}`)) {
      this.#fail(
        unitStart,
        `unit ${JSON.stringify(unit)} is not the suffix of the metric name ${JSON.stringify(name)}`,
      );
      return;
    }
    this.families.family(name, this.#untyped()).unit = unit;
  }

  #untyped(): string {
    return this.#openMetrics ? 'unknown' : 'untyped';
  }

  #readSample(start: number): void {
    const nameEnd = this.#scanName(start, true);
    if (nameEnd === start) {
      this.#fail(start, `expected a metric name, found ${quoted(this.#text, start, start + 1)}`);
      return;
    }
    const name = this.#text.slice(start, nameEnd);
    const labels: Record<string, string> = {};
    let pos = nameEnd;
    const brace = this.#skipBlanks(nameEnd);
    if (brace < this.#lineEnd && this.#text.charCodeAt(brace) === OPEN_BRACE) {
      pos = this.#readLabels(brace + 1, labels);
      if (pos < 0) return;
    }
    if (pos === this.#lineEnd || !isBlank(this.#text.charCodeAt(pos))) {
      this.#fail(pos, pos === this.#lineEnd ? 'sample has no value' : 'expected a space before the value');
      return;
    }
    const valueStart = this.#skipBlanks(pos);
    const valueEnd = this.#scanToken(valueStart);
    const value = readSampleValue(this.#text, valueStart, valueEnd);
    if (value === undefined) {
      this.#fail(valueStart, `value ${quoted(this.#text, valueStart, valueEnd)} is not a number`);
      return;
    }
    const ts = this.#readSampleEnd(valueEnd);
    if (Number.isNaN(ts)) return;
    const type = this.families.sampleType(name);
    if (type === skipSample) return;
    this.samples.push({ name, labels, value, ts, type });
  }

  /** The optional timestamp and exemplar after the value: the sample's time, or NaN (reported). */
  #readSampleEnd(start: number): number {
    let pos = this.#skipBlanks(start);
    if (pos === this.#lineEnd || this.#isExemplar(pos)) return this.#nowMs;
    const tsEnd = this.#scanToken(pos);
    const ts = this.#openMetrics
      ? parseScaledInteger(this.#text, pos, tsEnd, 3)
      : parseScaledInt64(this.#text, pos, tsEnd, 0);
    if (!(Math.abs(ts) <= maxEpochMs)) {
      const unit = this.#openMetrics ? 'seconds' : 'integer milliseconds';
      return this.#failNumber(pos, `timestamp ${quoted(this.#text, pos, tsEnd)} is not a time in ${unit}`);
    }
    pos = this.#skipBlanks(tsEnd);
    if (pos === this.#lineEnd || this.#isExemplar(pos)) return ts;
    return this.#failNumber(
      pos,
      `unexpected text after the sample: ${quoted(this.#text, pos, this.#lineEnd)}`,
    );
  }

  /** An OpenMetrics exemplar (` # {labels} value [timestamp]`): ingestors may discard them, and we do. */
  #isExemplar(pos: number): boolean {
    return this.#openMetrics && this.#text.charCodeAt(pos) === HASH;
  }

  /** `name="value",...}` after the `{`; returns the position after the `}`, or −1 (reported). */
  #readLabels(start: number, labels: Record<string, string>): number {
    let pos = this.#skipBlanks(start);
    while (pos < this.#lineEnd && this.#text.charCodeAt(pos) !== CLOSE_BRACE) {
      pos = this.#readLabel(pos, labels);
      if (pos < 0) return -1;
      pos = this.#skipBlanks(pos);
      const code = this.#text.charCodeAt(pos);
      if (code === COMMA) pos = this.#skipBlanks(pos + 1);
      else if (code !== CLOSE_BRACE) return this.#fail(pos, 'expected "," or "}" after a label');
    }
    if (pos === this.#lineEnd) return this.#fail(pos, 'label set has no closing "}"');
    return pos + 1;
  }

  #readLabel(start: number, labels: Record<string, string>): number {
    const nameEnd = this.#scanName(start, false);
    if (nameEnd === start) return this.#fail(start, 'expected a label name');
    const name = this.#text.slice(start, nameEnd);
    let pos = this.#skipBlanks(nameEnd);
    if (this.#text.charCodeAt(pos) !== EQUALS) {
      return this.#fail(pos, `expected "=" after label name ${JSON.stringify(name)}`);
    }
    pos = this.#skipBlanks(pos + 1);
    if (this.#text.charCodeAt(pos) !== QUOTE) {
      return this.#fail(pos, `expected a quoted value for label ${JSON.stringify(name)}`);
    }
    pos = this.#readQuoted(pos + 1);
    if (pos < 0) return -1;
    if (Object.hasOwn(labels, name)) return this.#fail(start, `label ${JSON.stringify(name)} appears twice`);
    if (this.#string !== '' && name !== '__name__') setLabel(labels, name, this.#string);
    return pos;
  }

  /** A label value after its opening quote into #string; returns the position after the closing quote. */
  #readQuoted(start: number): number {
    const text = this.#text;
    let escaped = false;
    for (let pos = start; pos < this.#lineEnd; pos++) {
      const code = text.charCodeAt(pos);
      if (code === BACKSLASH) {
        escaped = true;
        pos++;
      } else if (code === QUOTE) {
        this.#string = escaped ? unescapeText(text, start, pos, true) : text.slice(start, pos);
        return pos + 1;
      }
    }
    return this.#fail(start - 1, 'label value has no closing quote');
  }

  #scanName(start: number, colon: boolean): number {
    const text = this.#text;
    if (start >= this.#lineEnd || !isNameStart(text.charCodeAt(start), colon)) return start;
    let pos = start + 1;
    while (pos < this.#lineEnd && isNameChar(text.charCodeAt(pos), colon)) pos++;
    return pos;
  }

  #scanToken(start: number): number {
    let pos = start;
    while (pos < this.#lineEnd && !isBlank(this.#text.charCodeAt(pos))) pos++;
    return pos;
  }

  #skipBlanks(start: number): number {
    let pos = start;
    while (pos < this.#lineEnd && isBlank(this.#text.charCodeAt(pos))) pos++;
    return pos;
  }

  #fail(pos: number, message: string): number {
    this.issues.push(issueAt(this.#line, pos - this.#lineStart + 1, message));
    return -1;
  }

  #failNumber(pos: number, message: string): number {
    this.#fail(pos, message);
    return Number.NaN;
  }
}

/**
 * A sample value: a decimal, or (any case, optionally signed) `Inf`/`Infinity`, or `NaN`, as Go's
 * ParseFloat reads them; undefined when it is none of these (NaN is a value here).
 */
function readSampleValue(text: string, start: number, end: number): number | undefined {
  const first = text.charCodeAt(start);
  const signed = first === 43 || first === 45;
  const wordStart = signed ? start + 1 : start;
  const word = text.charCodeAt(wordStart) | 0x20;
  if (word === 105 /* i */) {
    const spelled = text.slice(wordStart, end).toLowerCase();
    if (spelled !== 'inf' && spelled !== 'infinity') return undefined;
    return first === 45 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (word === LOWER_N && !signed) {
    return text.slice(start, end).toLowerCase() === 'nan' ? Number.NaN : undefined;
  }
  const value = parseDecimal(text, start, end, true);
  return Number.isNaN(value) ? undefined : value;
}

/**
 * Undoes `\\`, `\n` and (in label values and OpenMetrics HELP) `\"`. A backslash before anything
 * else stays as written: 0.0.4 does not define it and OpenMetrics reads it as itself.
 */
function unescapeText(text: string, start: number, end: number, quotes: boolean): string {
  let out = '';
  let chunk = start;
  for (let pos = start; pos < end - 1; pos++) {
    if (text.charCodeAt(pos) !== BACKSLASH) continue;
    const next = text.charCodeAt(pos + 1);
    const replacement =
      next === BACKSLASH ? '\\' : next === LOWER_N ? '\n' : next === QUOTE && quotes ? '"' : undefined;
    if (replacement === undefined) {
      pos++;
      continue;
    }
    out += text.slice(chunk, pos) + replacement;
    pos++;
    chunk = pos + 1;
  }
  return out + text.slice(chunk, end);
}
