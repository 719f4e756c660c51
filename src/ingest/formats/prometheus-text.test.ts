import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawSample, RawSampleType } from '../raw-sample.js';
import { describeIssue } from './decode-issue-text.js';
import { expositionFormatFromContentType } from './exposition-content-type.js';
import type { MetricFamilyMetadata } from './metric-families.js';
import { parsePrometheusText } from './prometheus-text.js';

const nowMs = 1_700_000_000_000;

function sample(
  name: string,
  labels: Record<string, string>,
  value: number,
  ts: number,
  type: RawSampleType,
) {
  return { name, labels, value, ts, type };
}

describe('Prometheus text format 0.0.4: the spec example', () => {
  // exposition_formats.md, "Text format details": the example at the end of the section.
  const example = String.raw`# HELP http_requests_total The total number of HTTP requests.
# TYPE http_requests_total counter
http_requests_total{method="post",code="200"} 1027 1395066363000
http_requests_total{method="post",code="400"}    3 1395066363000

# Escaping in label values:
msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9

# Minimalistic line:
metric_without_timestamp_and_labels 12.47

# A weird metric from before the epoch:
something_weird{problem="division by zero"} +Inf -3982045

# A histogram, which has a pretty complex representation in the text format:
# HELP http_request_duration_seconds A histogram of the request duration.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.05"} 24054
http_request_duration_seconds_bucket{le="0.1"} 33444
http_request_duration_seconds_bucket{le="0.2"} 100392
http_request_duration_seconds_bucket{le="0.5"} 129389
http_request_duration_seconds_bucket{le="1"} 133988
http_request_duration_seconds_bucket{le="+Inf"} 144320
http_request_duration_seconds_sum 53423
http_request_duration_seconds_count 144320

# Finally a summary, which has a complex representation, too:
# HELP telemetry_requests_metrics_latency_microseconds A summary of the response latency.
# TYPE telemetry_requests_metrics_latency_microseconds summary
telemetry_requests_metrics_latency_microseconds{quantile="0.01"} 3102
telemetry_requests_metrics_latency_microseconds{quantile="0.05"} 3272
telemetry_requests_metrics_latency_microseconds{quantile="0.5"} 4773
telemetry_requests_metrics_latency_microseconds{quantile="0.9"} 9001
telemetry_requests_metrics_latency_microseconds{quantile="0.99"} 76656
telemetry_requests_metrics_latency_microseconds_sum 1.7560473e+07
telemetry_requests_metrics_latency_microseconds_count 2693
`;

  it('reads every sample with its type, labels, value and time', () => {
    const result = parsePrometheusText(example, { nowMs });
    expect(result.issues).toEqual([]);
    const buckets = ['0.05', '0.1', '0.2', '0.5', '1', '+Inf'];
    const bucketValues = [24054, 33444, 100392, 129389, 133988, 144320];
    const quantiles = ['0.01', '0.05', '0.5', '0.9', '0.99'];
    const quantileValues = [3102, 3272, 4773, 9001, 76656];
    const latency = 'telemetry_requests_metrics_latency_microseconds';
    expect(result.samples).toEqual([
      sample('http_requests_total', { method: 'post', code: '200' }, 1027, 1395066363000, 'counter'),
      sample('http_requests_total', { method: 'post', code: '400' }, 3, 1395066363000, 'counter'),
      sample(
        'msdos_file_access_time_seconds',
        { path: 'C:\\DIR\\FILE.TXT', error: 'Cannot find file:\n"FILE.TXT"' },
        1.458255915e9,
        nowMs,
        'unknown',
      ),
      sample('metric_without_timestamp_and_labels', {}, 12.47, nowMs, 'unknown'),
      sample(
        'something_weird',
        { problem: 'division by zero' },
        Number.POSITIVE_INFINITY,
        -3982045,
        'unknown',
      ),
      ...buckets.map((le, i) =>
        sample('http_request_duration_seconds_bucket', { le }, bucketValues[i]!, nowMs, 'counter'),
      ),
      sample('http_request_duration_seconds_sum', {}, 53423, nowMs, 'counter'),
      sample('http_request_duration_seconds_count', {}, 144320, nowMs, 'counter'),
      ...quantiles.map((quantile, i) => sample(latency, { quantile }, quantileValues[i]!, nowMs, 'gauge')),
      sample(`${latency}_sum`, {}, 1.7560473e7, nowMs, 'counter'),
      sample(`${latency}_count`, {}, 2693, nowMs, 'counter'),
    ]);
  });

  it('keeps the metadata of each family', () => {
    const { metadata } = parsePrometheusText(example, { nowMs });
    expect(Object.fromEntries(metadata)).toEqual({
      http_requests_total: { type: 'counter', help: 'The total number of HTTP requests.' },
      http_request_duration_seconds: { type: 'histogram', help: 'A histogram of the request duration.' },
      telemetry_requests_metrics_latency_microseconds: {
        type: 'summary',
        help: 'A summary of the response latency.',
      },
    });
  });

  it('accepts the spellings Go reads: NaN, Inf, signs, exponents, tabs, a trailing comma', () => {
    const text = 'a NaN\nb -Inf\nc +inf\nd Infinity\ne 1e-3\nf\t{x="1",}\t.5\t\t7\n{bad} 1\n';
    const result = parsePrometheusText(text, { nowMs });
    expect(result.samples.map((s) => [s.name, s.value, s.ts])).toEqual([
      ['a', Number.NaN, nowMs],
      ['b', Number.NEGATIVE_INFINITY, nowMs],
      ['c', Number.POSITIVE_INFINITY, nowMs],
      ['d', Number.POSITIVE_INFINITY, nowMs],
      ['e', 0.001, nowMs],
      ['f', 0.5, 7],
    ]);
    expect(result.issues.map(describeIssue)).toEqual(['line 7, column 1: expected a metric name, found "{"']);
  });

  it('drops empty label values and never makes __name__ a label', () => {
    const result = parsePrometheusText('up{job="",__name__="up",instance="a"} 1\n', { nowMs });
    expect(result.samples).toEqual([sample('up', { instance: 'a' }, 1, nowMs, 'unknown')]);
  });

  it('unescapes HELP text: backslash and newline (0.0.4 defines no others)', () => {
    const result = parsePrometheusText(`${String.raw`# HELP x a\\b\nc\"d`}\n# TYPE x gauge\n`, { nowMs });
    expect(result.metadata.get('x')).toEqual({ type: 'gauge', help: 'a\\b\nc\\"d' });
  });
});

describe('OpenMetrics 1.0: the spec examples', () => {
  const om = { nowMs, openMetrics: true };

  // OpenMetrics.md, "Overall Structure": the complete exposition.
  it('reads the complete exposition of the spec', () => {
    const text = `# TYPE acme_http_router_request_seconds summary
# UNIT acme_http_router_request_seconds seconds
# HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.
acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32
acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0
# TYPE go_goroutines gauge
# HELP go_goroutines Number of goroutines that currently exist.
go_goroutines 69
# TYPE process_cpu_seconds counter
# UNIT process_cpu_seconds seconds
# HELP process_cpu_seconds Total user and system CPU time spent in seconds.
process_cpu_seconds_total 4.20072246e+06
# EOF
`;
    const result = parsePrometheusText(text, om);
    expect(result.issues).toEqual([]);
    const labels = { path: '/api/v1', method: 'GET' };
    expect(result.samples).toEqual([
      sample('acme_http_router_request_seconds_sum', labels, 9036.32, nowMs, 'counter'),
      sample('acme_http_router_request_seconds_count', labels, 807283, nowMs, 'counter'),
      sample('go_goroutines', {}, 69, nowMs, 'gauge'),
      sample('process_cpu_seconds_total', {}, 4.20072246e6, nowMs, 'counter'),
    ]);
    expect(result.metadata.get('process_cpu_seconds')).toEqual({
      type: 'counter',
      unit: 'seconds',
      help: 'Total user and system CPU time spent in seconds.',
    });
  });

  // "Histogram" → "Exemplars": the example with exemplars, a timestamped one included.
  it('skips exemplars and _created, and reads timestamps as seconds', () => {
    const text = `# TYPE foo histogram
foo_bucket{le="0.01"} 0
foo_bucket{le="0.1"} 8 # {} 0.054
foo_bucket{le="1"} 11 # {trace_id="KOO5S4vxi0o"} 0.67
foo_bucket{le="10"} 17 # {trace_id="oHg5SJYRHA0"} 9.8 1520879607.789
foo_bucket{le="+Inf"} 17
foo_count 17
foo_sum 324789.3
foo_created  1520430000.123
# TYPE bar counter
bar_total 17.0 1520879607.789 # {trace_id="x"} 1
# EOF
`;
    const result = parsePrometheusText(text, om);
    expect(result.issues).toEqual([]);
    expect(result.samples.map((s) => [s.name, s.labels.le, s.value, s.ts, s.type])).toEqual([
      ['foo_bucket', '0.01', 0, nowMs, 'counter'],
      ['foo_bucket', '0.1', 8, nowMs, 'counter'],
      ['foo_bucket', '1', 11, nowMs, 'counter'],
      ['foo_bucket', '10', 17, nowMs, 'counter'],
      ['foo_bucket', '+Inf', 17, nowMs, 'counter'],
      ['foo_count', undefined, 17, nowMs, 'counter'],
      ['foo_sum', undefined, 324789.3, nowMs, 'counter'],
      ['bar_total', undefined, 17, 1520879607789, 'counter'],
    ]);
  });

  // "StateSet", "Info", "GaugeHistogram", "Unknown": one example each.
  it('types the samples of every other family type', () => {
    const text = `# TYPE foo stateset
foo{entity="controller",foo="a"} 1.0
# TYPE build info
build_info{name="pretty name",version="8.2.7"} 1
# TYPE q gaugehistogram
q_bucket{le="0.01"} 20.0
q_bucket{le="+Inf"} 42.0
q_gcount 42.0
q_gsum 3289.3
# TYPE u unknown
u 42.23
# EOF
`;
    const result = parsePrometheusText(text, om);
    expect(result.issues).toEqual([]);
    expect(result.samples.map((s) => [s.name, s.type])).toEqual([
      ['foo', 'gauge'],
      ['build_info', 'gauge'],
      ['q_bucket', 'gauge'],
      ['q_bucket', 'gauge'],
      ['q_gcount', 'gauge'],
      ['q_gsum', 'gauge'],
      ['u', 'unknown'],
    ]);
  });

  it('requires "# EOF" at the end and ignores what follows it', () => {
    expect(parsePrometheusText('a 1\nb 2\n', om).issues).toEqual([
      { line: 3, column: 1, message: 'OpenMetrics exposition does not end with "# EOF"' },
    ]);
    const after = parsePrometheusText('a 1\n# EOF\nb 2\n', om);
    expect(after.samples.map((s) => s.name)).toEqual(['a']);
    expect(after.issues).toEqual([{ line: 3, column: 1, message: 'text after "# EOF" is ignored' }]);
  });

  it('reads an exemplar only in OpenMetrics', () => {
    expect(parsePrometheusText('a 1 # {x="y"} 2\n', { nowMs }).issues.map(describeIssue)).toEqual([
      'line 1, column 5: timestamp "#" is not a time in integer milliseconds',
    ]);
  });
});

describe('Prometheus text: errors say what and where', () => {
  it.each([
    ['a{b="c} 1', 1, 5, 'label value has no closing quote'],
    ['a{b="c"', 1, 8, 'expected "," or "}" after a label'],
    ['a{b="c" d="e"} 1', 1, 9, 'expected "," or "}" after a label'],
    ['a{1="c"} 1', 1, 3, 'expected a label name'],
    ['a{b} 1', 1, 4, 'expected "=" after label name "b"'],
    ['a{b=c} 1', 1, 5, 'expected a quoted value for label "b"'],
    ['a{b="1",b="2"} 1', 1, 9, 'label "b" appears twice'],
    ['a', 1, 2, 'sample has no value'],
    ['a{}x 1', 1, 4, 'expected a space before the value'],
    ['a 12x', 1, 3, 'value "12x" is not a number'],
    ['a 1 1.5', 1, 5, 'timestamp "1.5" is not a time in integer milliseconds'],
    ['a 1 2 3', 1, 7, 'unexpected text after the sample: "3"'],
    [
      '# TYPE a countr',
      1,
      10,
      'unknown metric type "countr"; expected one of counter, gauge, histogram, summary, untyped',
    ],
    ['# TYPE', 1, 7, 'expected a metric name after "# TYPE"'],
    ['# HELP a-b x', 1, 9, 'invalid character in metric name after "# HELP"'],
  ])('%j → line %i, column %i: %s', (text, line, column, message) => {
    const result = parsePrometheusText(`${text}\n`, { nowMs });
    expect(result.samples).toEqual([]);
    expect(result.issues).toEqual([{ line, column, message }]);
  });

  it('reports a second TYPE or HELP line and keeps the first', () => {
    const result = parsePrometheusText(
      '# TYPE a gauge\n# HELP a one\n# TYPE a counter\n# HELP a two\na 1\n',
      { nowMs },
    );
    expect(result.issues.map(describeIssue)).toEqual([
      'line 3, column 1: second TYPE line for "a" is ignored',
      'line 4, column 1: second HELP line for "a" is ignored',
    ]);
    expect(result.metadata.get('a')).toEqual({ type: 'gauge', help: 'one' });
    expect(result.samples[0]?.type).toBe('gauge');
  });

  it('applies a TYPE line to the samples after it, even to a name it has seen untyped', () => {
    const result = parsePrometheusText('foo_total 1\n# TYPE foo counter\nfoo_total 2\n', {
      nowMs,
      openMetrics: true,
    });
    expect(result.samples.map((s) => s.type)).toEqual(['unknown', 'counter']);
  });

  it('refuses a UNIT that is not the suffix of the name (OpenMetrics "MetricFamily metadata")', () => {
    const result = parsePrometheusText('# TYPE foo counter\n# UNIT foo seconds\n# EOF\n', {
      nowMs,
      openMetrics: true,
    });
    expect(result.issues.map(describeIssue)).toEqual([
      'line 2, column 12: unit "seconds" is not the suffix of the metric name "foo"',
    ]);
  });
});

describe('exposition format from content type', () => {
  it.each([
    ['application/openmetrics-text; version=1.0.0; charset=utf-8', 'openmetrics-text'],
    ['application/openmetrics-text; version=0.0.1', 'openmetrics-text'],
    ['text/plain; version=0.0.4; charset=utf-8', 'prometheus-text'],
    ['Text/Plain', 'prometheus-text'],
    ['', 'prometheus-text'],
    [undefined, 'prometheus-text'],
    [
      'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited',
      undefined,
    ],
    ['application/json', undefined],
  ])('%j → %j', (contentType, format) => {
    expect(expositionFormatFromContentType(contentType)).toBe(format);
  });
});

// ---- Properties -----------------------------------------------------------------------------------

type FamilyType =
  | 'counter'
  | 'gauge'
  | 'histogram'
  | 'summary'
  | 'untyped'
  | 'gaugehistogram'
  | 'stateset'
  | 'info';

interface ModelSample {
  /** Appended to the family name: `_total`, `_bucket`, ... or ''. */
  suffix: string;
  labels: Record<string, string>;
  value: number;
  ts: number | undefined;
  exemplar: boolean;
}

interface Family {
  name: string;
  type: FamilyType;
  writeType: boolean;
  help: string | undefined;
  unit: string | undefined;
  samples: ModelSample[];
}

/** Per family type, the suffixes its samples may carry, and the sample type each one is. */
const suffixes: Record<'text' | 'om', Partial<Record<FamilyType, Record<string, RawSampleType | 'skip'>>>> = {
  text: {
    counter: { '': 'counter' },
    gauge: { '': 'gauge' },
    untyped: { '': 'unknown' },
    histogram: { _bucket: 'counter', _sum: 'counter', _count: 'counter' },
    summary: { '': 'gauge', _sum: 'counter', _count: 'counter' },
  },
  om: {
    counter: { _total: 'counter', _created: 'skip' },
    gauge: { '': 'gauge' },
    untyped: { '': 'unknown' },
    histogram: { _bucket: 'counter', _sum: 'counter', _count: 'counter', _created: 'skip' },
    summary: { '': 'gauge', _sum: 'counter', _count: 'counter', _created: 'skip' },
    gaugehistogram: { _bucket: 'gauge', _gsum: 'gauge', _gcount: 'gauge' },
    stateset: { '': 'gauge' },
    info: { _info: 'gauge' },
  },
};

const labelName = fc
  .stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,6}$/)
  .filter((name) => name !== '__name__' && name !== 'le' && name !== 'quantile');

const labelValue = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\\', '"', '\n', ' ', ',', '}', '=', '#', 'é', '🙂'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  minLength: 1,
  maxLength: 8,
});

const helpText = labelValue.filter((text) => text.trim() === text && !/^[ \t]|[ \t\r]$/.test(text));

const value = fc
  .oneof(
    fc.double(),
    fc.integer(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  )
  .map((v) => (Object.is(v, -0) ? 0 : v));

function familyArbitrary(mode: 'text' | 'om', index: number): fc.Arbitrary<Family> {
  const types = Object.keys(suffixes[mode]) as FamilyType[];
  return fc.constantFrom(...types).chain((type) => {
    const owned = Object.keys(suffixes[mode][type]!);
    const modelSample = fc.record({
      suffix: fc.constantFrom(...owned),
      labels: fc.dictionary(labelName, labelValue, { maxKeys: 3 }),
      value,
      ts: fc.option(fc.integer({ min: -8.64e15, max: 8.64e15 }), { nil: undefined }),
      exemplar: fc.boolean(),
    });
    return fc.record({
      name: fc.stringMatching(/^[a-z:]{0,5}$/).map((tail) => `m${index}x${tail}`),
      type: fc.constant(type),
      writeType: type === 'untyped' ? fc.boolean() : fc.constant(true),
      help: fc.option(helpText, { nil: undefined }),
      unit:
        mode === 'om'
          ? fc.option(fc.constantFrom('seconds', 'bytes'), { nil: undefined })
          : fc.constant(undefined),
      samples: fc.array(modelSample, { maxLength: 4 }),
    });
  });
}

function exposition(mode: 'text' | 'om'): fc.Arbitrary<Family[]> {
  return fc
    .integer({ min: 0, max: 4 })
    .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => familyArbitrary(mode, i))));
}

function familyName(family: Family): string {
  return family.unit === undefined ? family.name : `${family.name}_${family.unit}`;
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}

function formatTs(ms: number, mode: 'text' | 'om'): string {
  if (mode === 'text') return String(ms);
  const magnitude = Math.abs(ms);
  return `${ms < 0 ? '-' : ''}${Math.floor(magnitude / 1000)}.${String(magnitude % 1000).padStart(3, '0')}`;
}

function escapeValue(text: string, quotes: boolean): string {
  return text.replace(quotes ? /[\\"\n]/g : /[\\\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** The labels of a sample as written: the model's, plus `le`/`quantile` where its family needs one. */
function writtenLabels(family: Family, s: ModelSample, index: number): Record<string, string> {
  if (s.suffix === '_bucket') return { ...s.labels, le: String(index) };
  if (family.type === 'summary' && s.suffix === '') return { ...s.labels, quantile: `0.${index}` };
  return s.labels;
}

function encodeFamily(family: Family, mode: 'text' | 'om'): string[] {
  const name = familyName(family);
  const lines: string[] = [];
  if (family.writeType)
    lines.push(`# TYPE ${name} ${mode === 'om' && family.type === 'untyped' ? 'unknown' : family.type}`);
  if (family.unit !== undefined) lines.push(`# UNIT ${name} ${family.unit}`);
  if (family.help !== undefined) lines.push(`# HELP ${name} ${escapeValue(family.help, mode === 'om')}`);
  for (const [i, s] of family.samples.entries()) {
    const labels = Object.entries(writtenLabels(family, s, i)).map(
      ([k, v]) => `${k}="${escapeValue(v, true)}"`,
    );
    const ts = s.ts === undefined ? '' : ` ${formatTs(s.ts, mode)}`;
    const exemplar = mode === 'om' && s.exemplar ? ' # {trace_id="t"} 0.5' : '';
    lines.push(`${name}${s.suffix}{${labels.join(',')}} ${formatValue(s.value)}${ts}${exemplar}`);
  }
  return lines;
}

function encode(families: Family[], mode: 'text' | 'om'): string {
  const lines = families.flatMap((family) => encodeFamily(family, mode));
  if (mode === 'om') lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

function expectedSamples(families: Family[], mode: 'text' | 'om'): RawSample[] {
  return families.flatMap((family) =>
    family.samples.flatMap((s, i) => {
      const typed = family.writeType ? suffixes[mode][family.type]![s.suffix]! : 'unknown';
      if (typed === 'skip') return [];
      return [
        sample(
          `${familyName(family)}${s.suffix}`,
          writtenLabels(family, s, i),
          s.value,
          s.ts ?? nowMs,
          typed,
        ),
      ];
    }),
  );
}

function expectedMetadata(families: Family[], mode: 'text' | 'om'): Map<string, MetricFamilyMetadata> {
  const metadata = new Map<string, MetricFamilyMetadata>();
  for (const family of families) {
    if (!family.writeType && family.help === undefined && family.unit === undefined) continue;
    const untyped = mode === 'om' ? 'unknown' : 'untyped';
    const entry: MetricFamilyMetadata = { type: family.type === 'untyped' ? untyped : family.type };
    if (family.help !== undefined) entry.help = family.help;
    if (family.unit !== undefined) entry.unit = family.unit;
    metadata.set(familyName(family), entry);
  }
  return metadata;
}

describe('Prometheus text: properties', () => {
  it.each(['text', 'om'] as const)('reads back any exposition it is given (%s)', (mode) => {
    fc.assert(
      fc.property(exposition(mode), (families) => {
        const result = parsePrometheusText(encode(families, mode), { nowMs, openMetrics: mode === 'om' });
        expect(result.issues).toEqual([]);
        expect(result.samples).toEqual(expectedSamples(families, mode));
        expect(result.metadata).toEqual(expectedMetadata(families, mode));
      }),
    );
  });

  it('a corrupted sample line costs that line only', () => {
    const corruption = fc.record({
      line: fc.nat(),
      at: fc.nat(),
      with: fc.constantFrom('{', '}', '"', '=', ',', ' ', '\\', 'x', '', '#', '.', '-'),
    });
    fc.assert(
      fc.property(exposition('text'), corruption, (families, c) => {
        const text = encode(families, 'text');
        const lines = text.split('\n');
        const sampleLines = lines.flatMap((line, i) => (line !== '' && !line.startsWith('#') ? [i] : []));
        fc.pre(sampleLines.length > 0);
        const index = sampleLines[c.line % sampleLines.length]!;
        const bad = lines[index]!;
        const at = c.at % (bad.length + 1);
        lines[index] = bad.slice(0, at) + c.with + bad.slice(at + 1);
        const result = parsePrometheusText(lines.join('\n'), { nowMs });
        for (const issue of result.issues) expect(issue.line).toBe(index + 1);
        const expected = expectedSamples(families, 'text');
        const lost = sampleLines.indexOf(index);
        const others = expected.filter((_, i) => i !== lost);
        const kept = result.samples.filter((s) => others.some((o) => isSameSample(o, s)));
        expect(kept.length).toBeGreaterThanOrEqual(others.length);
      }),
    );
  });

  it('never throws on arbitrary input, and locates every issue inside the input', () => {
    const unit = fc.oneof(
      fc.constantFrom('{', '}', '"', '=', ',', ' ', '\\', '#', 'a', '1', '\n', 'TYPE', 'HELP', 'EOF', 'Inf'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), fc.boolean(), (input, openMetrics) => {
        const result = parsePrometheusText(input, { nowMs, openMetrics });
        const lineCount = input.split('\n').length + 1;
        for (const issue of result.issues) {
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.line).toBeLessThanOrEqual(lineCount);
          expect(issue.column).toBeGreaterThanOrEqual(1);
        }
      }),
    );
  });
});

function isSameSample(a: RawSample, b: RawSample): boolean {
  return (
    a.name === b.name &&
    Object.is(a.value, b.value) &&
    a.ts === b.ts &&
    a.type === b.type &&
    JSON.stringify(Object.entries(a.labels).sort()) === JSON.stringify(Object.entries(b.labels).sort())
  );
}
