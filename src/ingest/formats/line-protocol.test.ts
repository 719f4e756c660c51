import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawSample } from '../raw-sample.js';
import { describeIssue } from './decode-issue-text.js';
import { parseLineProtocol, type TimestampPrecision } from './line-protocol.js';

const nowMs = 1_700_000_000_000;
const ns = { precision: 'ns', nowMs } as const;

function gauge(name: string, labels: Record<string, string>, value: number, ts: number): RawSample {
  return { name, labels, value, ts, type: 'gauge' };
}

describe('line protocol: the spec examples', () => {
  // Spec § "Elements of line protocol" and its example.
  it('reads measurement, tags, fields and timestamp; string fields are not samples', () => {
    const result = parseLineProtocol(
      'myMeasurement,tag1=value1,tag2=value2 fieldKey="fieldValue",count=3i 1556813561098000000',
      ns,
    );
    expect(result.issues).toEqual([]);
    expect(result.samples).toEqual([
      gauge('myMeasurement_count', { tag1: 'value1', tag2: 'value2' }, 3, 1556813561098),
    ]);
  });

  // Spec § "Data types and format": Float, Integer, UInteger, Boolean.
  it('reads every numeric and boolean spelling of the spec', () => {
    const lines = [
      'm fieldKey=1.0',
      'm fieldKey=1',
      'm fieldKey=-1.234456e+78',
      'm fieldKey=1i',
      'm fieldKey=12485903i',
      'm fieldKey=-12485903i',
      'm fieldKey=-9223372036854775808i',
      'm fieldKey=9223372036854775807i',
      'm fieldKey=1u',
      'm fieldKey=18446744073709551615u',
      ...['t', 'T', 'true', 'True', 'TRUE', 'f', 'F', 'false', 'False', 'FALSE'].map(
        (b) => `m fieldKey=${b}`,
      ),
    ];
    const result = parseLineProtocol(lines.join('\n'), ns);
    expect(result.issues).toEqual([]);
    expect(result.samples.map((s) => s.value)).toEqual([
      1,
      1,
      -1.234456e78,
      1,
      12485903,
      -12485903,
      -(2 ** 63),
      2 ** 63,
      1,
      2 ** 64,
      1,
      1,
      1,
      1,
      1,
      0,
      0,
      0,
      0,
      0,
    ]);
    expect(new Set(result.samples.map((s) => s.ts))).toEqual(new Set([nowMs]));
  });

  // Spec § "Special characters": the four examples, then a field after an escaped string.
  it('unescapes measurements, tag keys and values, and skips escaped strings', () => {
    const text = [
      '# Measurement name with spaces',
      'my\\ Measurement fieldKey="string value",n=1',
      '# Double quotes in a string field value',
      'myMeasurement fieldKey="\\"string\\" within a string",n=2',
      '# Tag keys and values with spaces',
      'myMeasurement,tag\\ Key1=tag\\ Value1,tag\\ Key2=tag\\ Value2 fieldKey=100',
      '# Emojis',
      'myMeasurement,tagKey=🍭 fieldKey="Launch 🚀",n=4 1556813561098000000',
      'cpu\\,01,a\\=b=c\\,d\\=e f\\ g\\,h\\=i=5,j="x\\\\" 0',
    ].join('\n');
    const result = parseLineProtocol(text, ns);
    expect(result.issues).toEqual([]);
    expect(result.samples).toEqual([
      gauge('my Measurement_n', {}, 1, nowMs),
      gauge('myMeasurement_n', {}, 2, nowMs),
      gauge('myMeasurement_fieldKey', { 'tag Key1': 'tag Value1', 'tag Key2': 'tag Value2' }, 100, nowMs),
      gauge('myMeasurement_n', { tagKey: '🍭' }, 4, 1556813561098),
      gauge('cpu,01_f g,h=i', { 'a=b': 'c,d=e' }, 5, 0),
    ]);
  });

  // Spec § "Escaping backslashes": a backslash before a character it does not escape is itself.
  it('keeps backslashes that escape nothing, as the reference decoder does', () => {
    const result = parseLineProtocol('C:\\dir,path=C:\\tmp\\x v\\n=1 0', ns);
    expect(result.samples).toEqual([gauge('C:\\dir_v\\n', { path: 'C:\\tmp\\x' }, 1, 0)]);
  });

  it('skips comments, blank lines and CRLF line ends', () => {
    const result = parseLineProtocol(
      '# a comment\r\n\r\n   \n  # indented\ncpu v=1 1000000\r\ncpu v=2\r\n',
      ns,
    );
    expect(result.issues).toEqual([]);
    expect(result.samples).toEqual([gauge('cpu_v', {}, 1, 1), gauge('cpu_v', {}, 2, nowMs)]);
  });

  it('converts each timestamp precision to milliseconds without losing precision', () => {
    const at = (precision: TimestampPrecision, ts: string) =>
      parseLineProtocol(`m v=1 ${ts}`, { precision, nowMs }).samples[0]?.ts;
    expect(at('ns', '1556813561098999999')).toBe(1556813561098);
    expect(at('ns', '9223372036854775807')).toBe(9223372036854);
    expect(at('ns', '-1')).toBe(-1);
    expect(at('ns', '-1000000')).toBe(-1);
    expect(at('us', '1556813561098999')).toBe(1556813561098);
    expect(at('ms', '1556813561098')).toBe(1556813561098);
    expect(at('s', '1556813561')).toBe(1556813561000);
  });
});

describe('line protocol: errors say what and where', () => {
  it('reports the line and column, and keeps the good lines around a bad one', () => {
    const text = ['cpu v=1 0', 'cpu v=2 0', 'cpu,host=a usage=12x 0', 'cpu v=4 0'].join('\n');
    const result = parseLineProtocol(text, ns);
    expect(result.samples.map((s) => s.value)).toEqual([1, 2, 4]);
    expect(result.issues.map(describeIssue)).toEqual([
      'line 3, column 18: field "usage": value "12x" is not a number',
    ]);
  });

  it('rejects a point whole: no sample from a line with any bad field', () => {
    const result = parseLineProtocol('cpu a=1,b=2,c=tru 0', ns);
    expect(result.samples).toEqual([]);
    expect(result.issues).toEqual([
      { line: 1, column: 15, message: 'field "c": value "tru" is not a boolean' },
    ]);
  });

  it.each([
    ['cpu', 1, 4, 'point has no fields: expected a space and field=value'],
    ['cpu,host=a ', 1, 12, 'point has no fields: expected field=value'],
    [',host=a v=1', 1, 1, 'expected a measurement name'],
    ['cpu,host v=1', 1, 9, 'expected "=" after tag key "host"'],
    ['cpu,host= v=1', 1, 10, 'tag "host" has an empty value'],
    ['cpu,=a v=1', 1, 5, 'expected a tag key after ","'],
    ['cpu,a=b=c v=1', 1, 8, 'tag "a": "=" in a tag value must be escaped as "\\="'],
    ['cpu v', 1, 6, 'expected "=" after field key "v"'],
    ['cpu v=', 1, 7, 'field "v" has no value'],
    ['cpu v=1,', 1, 9, 'expected a field after ","'],
    ['cpu v="abc', 1, 7, 'field "v": string value has no closing quote'],
    ['cpu v="a"b', 1, 10, 'field "v": expected "," or a space after the value'],
    ['cpu v=1x', 1, 7, 'field "v": value "1x" is not a number'],
    ['cpu v=1e999', 1, 7, 'field "v": value "1e999" is out of range'],
    ['cpu v=1.5i', 1, 7, 'field "v": value "1.5i" is not an integer'],
    ['cpu v=9223372036854775808i', 1, 7, 'field "v": integer "9223372036854775808i" is out of range'],
    ['cpu v=-1u', 1, 7, 'field "v": unsigned integer "-1u" is out of range'],
    [
      'cpu v=18446744073709551616u',
      1,
      7,
      'field "v": unsigned integer "18446744073709551616u" is out of range',
    ],
    ['cpu v=1 12ab', 1, 9, 'timestamp "12ab" is not an integer'],
    ['cpu v=1 1.5', 1, 9, 'timestamp "1.5" is not an integer'],
    ['cpu v=1 9223372036854775808', 1, 9, 'timestamp "9223372036854775808" is out of range'],
    ['cpu v=1 1 2', 1, 11, 'unexpected text after the timestamp'],
  ])('%j → line %i, column %i: %s', (text, line, column, message) => {
    expect(parseLineProtocol(text, ns)).toEqual({ samples: [], issues: [{ line, column, message }] });
  });

  it('rejects a seconds timestamp beyond the dates a Date can hold', () => {
    const result = parseLineProtocol('m v=1 9000000000000', { precision: 's', nowMs });
    expect(result.issues[0]?.message).toBe('timestamp "9000000000000" is out of range');
  });
});

// ---- Properties -----------------------------------------------------------------------------------

type FieldValue =
  | { kind: 'float'; value: number }
  | { kind: 'int'; value: bigint }
  | { kind: 'uint'; value: bigint }
  | { kind: 'bool'; value: boolean; spelling: string }
  | { kind: 'string'; value: string };

interface Point {
  measurement: string;
  tags: Array<[string, string]>;
  fields: Array<[string, FieldValue]>;
  /** In the unit of the precision under test. */
  timestamp: bigint | undefined;
}

/** Characters that exercise every escape and delimiter, plus any Unicode. */
const unit = fc.oneof(
  fc.constantFrom(',', ' ', '=', '"', '\\', '#', 'é', '🙂', '\t', '_', 'a', 'Z', '0'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** A name or tag value: no newline (nothing can carry one), no trailing backslash (nothing can escape it). */
const token = fc
  .string({ unit, minLength: 1, maxLength: 8 })
  .filter((s) => !s.includes('\n') && !s.includes('\r') && !s.endsWith('\\'));

const measurement = token.filter((s) => !s.startsWith('#') && !s.startsWith(' '));

const fieldValue: fc.Arbitrary<FieldValue> = fc.oneof(
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .map((value) => ({ kind: 'float' as const, value: Object.is(value, -0) ? 0 : value })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => ({ kind: 'int' as const, value })),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((value) => ({ kind: 'uint' as const, value })),
  fc.constantFrom('t', 'T', 'true', 'True', 'TRUE', 'f', 'F', 'false', 'False', 'FALSE').map((spelling) => ({
    kind: 'bool' as const,
    value: spelling[0] === 't' || spelling[0] === 'T',
    spelling,
  })),
  fc
    .string({ unit, maxLength: 8 })
    .filter((s) => !s.includes('\n'))
    .map((value) => ({ kind: 'string' as const, value })),
);

const timestampRange: Record<TimestampPrecision, bigint> = {
  ns: 2n ** 63n - 1n,
  us: 8_640_000_000_000_000n,
  ms: 8_640_000_000_000_000n,
  s: 8_640_000_000_000n,
};

function point(precision: TimestampPrecision): fc.Arbitrary<Point> {
  const range = timestampRange[precision];
  return fc.record({
    measurement,
    tags: fc.uniqueArray(fc.tuple(token, token), { selector: ([key]) => key, maxLength: 3 }),
    fields: fc.array(fc.tuple(token, fieldValue), { minLength: 1, maxLength: 4 }),
    timestamp: fc.option(fc.bigInt({ min: -range, max: range }), { nil: undefined }),
  });
}

function escaped(text: string, special: RegExp): string {
  return text.replace(special, (c) => `\\${c}`);
}

function encodeValue(field: FieldValue): string {
  switch (field.kind) {
    case 'float':
      return String(field.value);
    case 'int':
      return `${field.value}i`;
    case 'uint':
      return `${field.value}u`;
    case 'bool':
      return field.spelling;
    case 'string':
      return `"${field.value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  }
}

function encode(p: Point): string {
  const series = [
    escaped(p.measurement, /[, ]/g),
    ...p.tags.map(([k, v]) => `${escaped(k, /[,= ]/g)}=${escaped(v, /[,= ]/g)}`),
  ];
  const fields = p.fields.map(([k, v]) => `${escaped(k, /[,= ]/g)}=${encodeValue(v)}`).join(',');
  return `${series.join(',')} ${fields}${p.timestamp === undefined ? '' : ` ${p.timestamp}`}`;
}

/** floor(ts × 10^shift) in exact integer arithmetic. */
function expectedMs(ts: bigint, precision: TimestampPrecision): number {
  const divisor = { ns: 1_000_000n, us: 1000n, ms: 1n, s: 1n }[precision];
  const scaled = precision === 's' ? ts * 1000n : ts;
  const quotient = scaled / divisor;
  return Number(scaled < 0n && quotient * divisor !== scaled ? quotient - 1n : quotient);
}

function expected(p: Point, precision: TimestampPrecision): RawSample[] {
  const ts = p.timestamp === undefined ? nowMs : expectedMs(p.timestamp, precision);
  const labels = Object.fromEntries(p.tags);
  return p.fields.flatMap(([key, field]) => {
    if (field.kind === 'string') return [];
    const value = field.kind === 'bool' ? (field.value ? 1 : 0) : Number(field.value);
    return [gauge(`${p.measurement}_${key}`, labels, value, ts)];
  });
}

describe('line protocol: properties', () => {
  it.each(['ns', 'us', 'ms', 's'] as const)('reads back any points it is given (%s)', (precision) => {
    fc.assert(
      fc.property(fc.array(point(precision), { maxLength: 5 }), (points) => {
        const text = points.map(encode).join('\n');
        const result = parseLineProtocol(text, { precision, nowMs });
        expect(result.issues).toEqual([]);
        expect(result.samples).toEqual(points.flatMap((p) => expected(p, precision)));
      }),
    );
  });

  it('decodes each line on its own: a corrupted line costs that line only', () => {
    const corruption = fc.record({
      line: fc.nat(),
      at: fc.nat(),
      with: fc.constantFrom(',', ' ', '=', '"', '\\', 'x', '', '#', '\r', 'i', 'u', '.', '-'),
    });
    fc.assert(
      fc.property(fc.array(point('ns'), { minLength: 1, maxLength: 6 }), corruption, (points, c) => {
        const lines = points.map(encode);
        const index = c.line % lines.length;
        const bad = lines[index]!;
        const at = c.at % (bad.length + 1);
        lines[index] = bad.slice(0, at) + c.with + bad.slice(at + 1);
        const whole = parseLineProtocol(lines.join('\n'), ns);
        const separately = lines.map((line) => parseLineProtocol(line, ns));
        expect(whole.samples).toEqual(separately.flatMap((r) => r.samples));
        expect(whole.issues).toEqual(
          separately.flatMap((r, i) => r.issues.map((issue) => ({ ...issue, line: i + 1 }))),
        );
        for (const [i, p] of points.entries()) {
          if (i !== index) expect(separately[i]?.samples).toEqual(expected(p, 'ns'));
        }
      }),
    );
  });

  it('never throws on arbitrary input, and locates every issue inside the input', () => {
    const text = fc.string({
      unit: fc.oneof(unit, fc.constantFrom('\n', '\r\n', '1', '.', 'e', '-')),
      maxLength: 80,
    });
    fc.assert(
      fc.property(text, (input) => {
        const result = parseLineProtocol(input, ns);
        const lines = input.split('\n');
        for (const issue of result.issues) {
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.line).toBeLessThanOrEqual(lines.length);
          expect(issue.column).toBeGreaterThanOrEqual(1);
          expect(issue.column).toBeLessThanOrEqual((lines[(issue.line ?? 1) - 1]?.length ?? 0) + 1);
        }
        for (const sample of result.samples) {
          expect(Number.isFinite(sample.value) && Number.isFinite(sample.ts)).toBe(true);
        }
      }),
    );
  });
});
