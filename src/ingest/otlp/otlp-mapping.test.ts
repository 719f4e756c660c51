import { describe, expect, it } from 'vitest';
import { decodeOtlpMetrics, encodeOtlpResponse } from './index.js';
import { exportResponseType } from './otlp-schema.js';

/** How each kind of OTLP metric becomes RawSamples, and what is rejected: one metric at a time. */

const nowMs = 1_700_000_000_000;
const t0 = '1700000000000000000';
/** 10 s after t0, with sub-millisecond digits that a detour through a double would round up. */
const t10 = '1700000010123999999';

function decodeMetric(metric: object, resource: object[] = [], scope: object = {}) {
  const body = {
    resourceMetrics: [{ resource: { attributes: resource }, scopeMetrics: [{ scope, metrics: [metric] }] }],
  };
  return decodeOtlpMetrics(Buffer.from(JSON.stringify(body)), 'application/json', { nowMs });
}

const at = 'resourceMetrics[0].scopeMetrics[0].metrics[0]';

describe('number points', () => {
  it('a gauge keeps its name (dots and all), value and time, to the exact millisecond', () => {
    const { samples } = decodeMetric({
      name: 'cpu.usage',
      gauge: { dataPoints: [{ asDouble: 0.25, timeUnixNano: t10 }] },
    });
    expect(samples).toEqual([
      { name: 'cpu.usage', labels: {}, value: 0.25, ts: 1_700_000_010_123, type: 'gauge' },
    ]);
  });

  it('a time of 0, or none, is the receiver clock', () => {
    const points = [{ asInt: '3', timeUnixNano: '0' }, { asInt: 4 }];
    const { samples } = decodeMetric({ name: 'x', gauge: { dataPoints: points } });
    expect(samples.map((sample) => [sample.value, sample.ts])).toEqual([
      [3, nowMs],
      [4, nowMs],
    ]);
  });

  it.each([
    [2, true, 'counter', 'requests'],
    [2, false, 'gauge', 'requests'],
  ])('a cumulative sum (monotonic %s) is a %s', (temporality, isMonotonic, type, name) => {
    const sum = {
      aggregationTemporality: temporality,
      isMonotonic,
      dataPoints: [{ asInt: '42', timeUnixNano: t10 }],
    };
    expect(decodeMetric({ name: 'requests', sum }).samples).toEqual([
      { name, labels: {}, value: 42, ts: 1_700_000_010_123, type },
    ]);
  });

  it('a delta sum with a start time is a per-second rate named <name>:rate', () => {
    const sum = {
      aggregationTemporality: 1,
      isMonotonic: true,
      dataPoints: [{ asInt: '50', startTimeUnixNano: t0, timeUnixNano: '1700000010000000000' }],
    };
    expect(decodeMetric({ name: 'requests', sum }).samples).toEqual([
      { name: 'requests:rate', labels: {}, value: 5, ts: 1_700_000_010_000, type: 'gauge' },
    ]);
  });

  it('a delta sum without a usable interval is its raw delta, as a gauge', () => {
    const points = [
      { asInt: '50', timeUnixNano: t10 },
      { asInt: '60', startTimeUnixNano: t10, timeUnixNano: t10 },
      { asInt: '70', startTimeUnixNano: t10 },
    ];
    const { samples } = decodeMetric({
      name: 'requests',
      sum: { aggregationTemporality: 1, dataPoints: points },
    });
    expect(samples.map((sample) => [sample.name, sample.value, sample.type])).toEqual([
      ['requests', 50, 'gauge'],
      ['requests', 60, 'gauge'],
      ['requests', 70, 'gauge'],
    ]);
  });
});

describe('histograms and summaries', () => {
  const point = {
    timeUnixNano: t10,
    count: '6',
    sum: 42.5,
    bucketCounts: ['1', 2, '0', '3'],
    explicitBounds: [0.5, 1, 1000],
    attributes: [{ key: 'route', value: { stringValue: '/a' } }],
  };

  it('a cumulative histogram: _count, _sum and cumulative _bucket{le} counters, +Inf last', () => {
    const { samples } = decodeMetric({
      name: 'latency',
      histogram: { aggregationTemporality: 2, dataPoints: [point] },
    });
    expect(samples.map((sample) => [sample.name, sample.labels, sample.value, sample.type])).toEqual([
      ['latency_count', { route: '/a' }, 6, 'counter'],
      ['latency_sum', { route: '/a' }, 42.5, 'counter'],
      ['latency_bucket', { route: '/a', le: '0.5' }, 1, 'counter'],
      ['latency_bucket', { route: '/a', le: '1' }, 3, 'counter'],
      ['latency_bucket', { route: '/a', le: '1000' }, 3, 'counter'],
      ['latency_bucket', { route: '/a', le: '+Inf' }, 6, 'counter'],
    ]);
  });

  it('a delta histogram: the same series as gauges; no sum, no _sum', () => {
    const { sum: _, ...withoutSum } = point;
    const histogram = { aggregationTemporality: 1, dataPoints: [withoutSum] };
    const { samples } = decodeMetric({ name: 'latency', histogram });
    expect(samples.map((sample) => [sample.name, sample.value, sample.type])).toEqual([
      ['latency_count', 6, 'gauge'],
      ['latency_bucket', 1, 'gauge'],
      ['latency_bucket', 3, 'gauge'],
      ['latency_bucket', 3, 'gauge'],
      ['latency_bucket', 6, 'gauge'],
    ]);
  });

  it('an exponential histogram: only _count and _sum', () => {
    const exponential = {
      aggregationTemporality: 2,
      dataPoints: [
        { timeUnixNano: t10, count: '9', sum: 3.5, scale: 2, positive: { offset: 1, bucketCounts: ['9'] } },
      ],
    };
    const { samples } = decodeMetric({ name: 'size', exponentialHistogram: exponential });
    expect(samples.map((sample) => [sample.name, sample.value, sample.type])).toEqual([
      ['size_count', 9, 'counter'],
      ['size_sum', 3.5, 'counter'],
    ]);
  });

  it('a summary: _count and _sum counters, quantiles as gauges with a quantile label', () => {
    const quantileValues = [
      { quantile: 0.5, value: 10 },
      { quantile: 0.99, value: 80 },
    ];
    const summary = { dataPoints: [{ timeUnixNano: t10, count: '100', sum: 1500, quantileValues }] };
    const { samples } = decodeMetric({ name: 'rpc', summary });
    expect(samples.map((sample) => [sample.name, sample.labels, sample.value, sample.type])).toEqual([
      ['rpc_count', {}, 100, 'counter'],
      ['rpc_sum', {}, 1500, 'counter'],
      ['rpc', { quantile: '0.5' }, 10, 'gauge'],
      ['rpc', { quantile: '0.99' }, 80, 'gauge'],
    ]);
  });

  it('no two samples share a labels object', () => {
    const { samples } = decodeMetric({
      name: 'latency',
      histogram: { aggregationTemporality: 2, dataPoints: [point] },
    });
    expect(new Set(samples.map((sample) => sample.labels)).size).toBe(samples.length);
  });
});

describe('labels', () => {
  it('resource, then otel_scope_name, then data-point attributes, later ones winning; all as strings', () => {
    const resource = [
      { key: 'service.name', value: { stringValue: 'checkout' } },
      { key: 'shared', value: { stringValue: 'from resource' } },
      { key: 'replicas', value: { intValue: '3' } },
    ];
    const attributes = [
      { key: 'shared', value: { stringValue: 'from point' } },
      { key: 'ok', value: { boolValue: true } },
      { key: 'ratio', value: { doubleValue: 0.5 } },
      { key: 'huge', value: { intValue: '9007199254740993' } },
      { key: 'nan', value: { doubleValue: 'NaN' } },
      {
        key: 'list',
        value: {
          arrayValue: { values: [{ intValue: 1 }, { stringValue: 'a' }, { doubleValue: 'Infinity' }, {}] },
        },
      },
      { key: 'map', value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: false } }] } } },
      { key: 'raw', value: { bytesValue: 'AQID' } },
      { key: 'empty', value: {} },
      { key: '', value: { stringValue: 'keyless attributes are dropped' } },
      { key: '__proto__', value: { stringValue: 'a label like any other' } },
    ];
    const { samples } = decodeMetric(
      { name: 'm', gauge: { dataPoints: [{ asInt: 1, attributes }] } },
      resource,
      { name: 'shop', version: '1.0' },
    );
    const labels = samples[0]?.labels ?? {};
    expect(Object.entries(labels)).toEqual([
      ['service.name', 'checkout'],
      ['shared', 'from point'],
      ['replicas', '3'],
      ['otel_scope_name', 'shop'],
      ['ok', 'true'],
      ['ratio', '0.5'],
      ['huge', '9007199254740993'],
      ['nan', 'NaN'],
      ['list', '[1,"a","Infinity",null]'],
      ['map', '{"k":false}'],
      ['raw', 'AQID'],
      ['empty', ''],
      ['__proto__', 'a label like any other'],
    ]);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
  });

  it('a scope without a name adds no otel_scope_name', () => {
    const { samples } = decodeMetric({ name: 'm', gauge: { dataPoints: [{ asInt: 1 }] } }, [], {
      version: '1',
    });
    expect(samples[0]?.labels).toEqual({});
  });
});

describe('rejected data points (partial success)', () => {
  it.each([
    [
      { name: 'm', gauge: { dataPoints: [{ asInt: 1, flags: 1 }] } },
      'gauge',
      'the data point has the NoRecordedValue flag',
    ],
    [
      { name: 'm', gauge: { dataPoints: [{ timeUnixNano: t0 }] } },
      'gauge',
      'the data point has no value (neither asDouble nor asInt)',
    ],
    [{ name: '', gauge: { dataPoints: [{ asInt: 1 }] } }, 'gauge', 'the metric has no name'],
    [
      { name: 'm', sum: { dataPoints: [{ asInt: 1 }] } },
      'sum',
      'the aggregation temporality is unspecified (0)',
    ],
    [
      {
        name: 'm',
        histogram: {
          aggregationTemporality: 2,
          dataPoints: [{ bucketCounts: [1, 2], explicitBounds: [1, 2] }],
        },
      },
      'histogram',
      'the histogram has 2 bucket counts for 2 bounds (expected 3)',
    ],
  ])('%j is rejected with a reason and its place', (metric, kind, message) => {
    const result = decodeMetric(metric);
    const field = `${at}.${kind}.dataPoints[0]`;
    expect(result).toEqual({
      samples: [],
      issues: [{ field, message }],
      rejectedDataPoints: 1,
      errorMessage: `1 data point(s) rejected: ${field}: ${message}`,
    });
  });

  it('flags other than NoRecordedValue are ignored', () => {
    expect(decodeMetric({ name: 'm', gauge: { dataPoints: [{ asInt: 1, flags: 2 }] } }).samples).toHaveLength(
      1,
    );
  });

  it('the good points of a request go through; the message lists the first three bad ones', () => {
    const points = [{ asInt: 1 }, ...Array.from({ length: 5 }, () => ({ flags: 1 })), { asDouble: 2 }];
    const result = decodeMetric({ name: 'm', gauge: { dataPoints: points } });
    expect(result.samples.map((sample) => sample.value)).toEqual([1, 2]);
    expect(result.rejectedDataPoints).toBe(5);
    expect(result.issues).toHaveLength(5);
    expect(result.errorMessage).toBe(
      `5 data point(s) rejected: ${at}.gauge.dataPoints[1]: the data point has the NoRecordedValue flag; ` +
        `${at}.gauge.dataPoints[2]: the data point has the NoRecordedValue flag; ` +
        `${at}.gauge.dataPoints[3]: the data point has the NoRecordedValue flag; and 2 more`,
    );
  });

  it('keeps at most 100 issues however many points are rejected', () => {
    const result = decodeMetric({
      name: 'm',
      gauge: { dataPoints: Array.from({ length: 250 }, () => ({})) },
    });
    expect(result.rejectedDataPoints).toBe(250);
    expect(result.issues).toHaveLength(100);
  });
});

describe('the OTLP response', () => {
  it('JSON: empty on full success, partialSuccess with an int64 string otherwise', () => {
    expect(encodeOtlpResponse({ rejectedDataPoints: 0 }, 'application/json')).toEqual({
      body: '{}',
      contentType: 'application/json',
    });
    const partial = encodeOtlpResponse(
      { rejectedDataPoints: 3, errorMessage: 'why' },
      'application/json; charset=utf-8',
    );
    expect(JSON.parse(partial.body as string)).toEqual({
      partialSuccess: { rejectedDataPoints: '3', errorMessage: 'why' },
    });
  });

  it('protobuf: an empty message on full success, partial_success otherwise', () => {
    const empty = encodeOtlpResponse({ rejectedDataPoints: 0 }, 'application/x-protobuf');
    expect(empty).toEqual({ body: Buffer.alloc(0), contentType: 'application/x-protobuf' });
    const partial = encodeOtlpResponse(
      { rejectedDataPoints: 3, errorMessage: 'why' },
      'application/x-protobuf',
    );
    const decoded = exportResponseType.toObject(exportResponseType.decode(partial.body as Buffer), {
      longs: Number,
    });
    expect(decoded).toEqual({ partialSuccess: { rejectedDataPoints: 3, errorMessage: 'why' } });
  });
});
