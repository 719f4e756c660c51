import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeOtlpMetrics } from './index.js';
import { exportRequestType } from './otlp-schema.js';

/**
 * Property: any ExportMetricsServiceRequest, encoded once as protobuf (by protobufjs) and once as
 * OTLP/JSON, decodes to the same samples, rejections and messages.
 */

const nowMs = 1_700_000_000_000;

const uint64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String);
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String);
const small = fc.bigInt({ min: 0n, max: 1000n }).map(String);
const timestamp = fc.oneof(
  fc.constant('0'),
  fc.bigInt({ min: 1_500_000_000_000_000_000n, max: 1_900_000_000_000_000_000n }).map(String),
  uint64,
);
// JSON cannot tell -0 from 0 (JSON.stringify(-0) is "0"): that is JSON's limit, not the decoder's.
const double = fc.double().map((value) => (Object.is(value, -0) ? 0 : value));
const name = fc.oneof(fc.constantFrom('', 'cpu.usage', 'http.requests', 'le'), fc.string({ maxLength: 6 }));

const { anyValue } = fc.letrec<{ anyValue: object }>((tie) => ({
  anyValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant({}),
    fc.record({ stringValue: fc.string({ maxLength: 8 }) }),
    fc.record({ boolValue: fc.boolean() }),
    fc.record({ intValue: int64 }),
    fc.record({ doubleValue: double }),
    fc.record({ bytesValue: fc.uint8Array({ maxLength: 6 }) }),
    fc.record({ arrayValue: fc.record({ values: fc.array(tie('anyValue'), { maxLength: 3 }) }) }),
    fc.record({
      kvlistValue: fc.record({
        values: fc.array(fc.record({ key: name, value: tie('anyValue') }), { maxLength: 3 }),
      }),
    }),
  ),
}));

const attributes = fc.array(fc.record({ key: name, value: anyValue }, { requiredKeys: ['key'] }), {
  maxLength: 4,
});

const exemplar = fc.record(
  {
    timeUnixNano: timestamp,
    asDouble: double,
    spanId: fc.uint8Array({ minLength: 8, maxLength: 8 }),
    traceId: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  },
  { requiredKeys: [] },
);

const pointBase = {
  attributes,
  startTimeUnixNano: timestamp,
  timeUnixNano: timestamp,
  flags: fc.constantFrom(0, 0, 0, 1, 2, 3),
};

const numberPoint = fc
  .tuple(
    fc.record({ ...pointBase, exemplars: fc.array(exemplar, { maxLength: 1 }) }, { requiredKeys: [] }),
    fc.oneof(fc.record({ asDouble: double }), fc.record({ asInt: int64 }), fc.constant({})),
  )
  .map(([base, value]) => ({ ...base, ...value }));

const histogramPoint = fc.integer({ min: 0, max: 4 }).chain((bounds) =>
  fc.record(
    {
      ...pointBase,
      count: uint64,
      sum: double,
      min: double,
      max: double,
      explicitBounds: fc.array(double, { minLength: bounds, maxLength: bounds }),
      // Mostly the right length (bounds + 1), sometimes not: the latter are rejected.
      bucketCounts: fc.oneof(
        fc.array(small, { minLength: bounds + 1, maxLength: bounds + 1 }),
        fc.array(small, { maxLength: 6 }),
      ),
    },
    { requiredKeys: [] },
  ),
);

const exponentialPoint = fc.record(
  {
    ...pointBase,
    count: uint64,
    sum: double,
    scale: fc.integer({ min: -10, max: 20 }),
    zeroCount: uint64,
    positive: fc.record({
      offset: fc.integer({ min: -5, max: 5 }),
      bucketCounts: fc.array(small, { maxLength: 3 }),
    }),
  },
  { requiredKeys: [] },
);

const summaryPoint = fc.record(
  {
    ...pointBase,
    count: uint64,
    sum: double,
    quantileValues: fc.array(fc.record({ quantile: double, value: double }, { requiredKeys: [] }), {
      maxLength: 3,
    }),
  },
  { requiredKeys: [] },
);

const temporality = fc.constantFrom(0, 1, 2, 2, 7);
const data = fc.oneof(
  fc.record({ gauge: fc.record({ dataPoints: fc.array(numberPoint, { maxLength: 3 }) }) }),
  fc.record({
    sum: fc.record({
      dataPoints: fc.array(numberPoint, { maxLength: 3 }),
      aggregationTemporality: temporality,
      isMonotonic: fc.boolean(),
    }),
  }),
  fc.record({
    histogram: fc.record({
      dataPoints: fc.array(histogramPoint, { maxLength: 2 }),
      aggregationTemporality: temporality,
    }),
  }),
  fc.record({
    exponentialHistogram: fc.record({
      dataPoints: fc.array(exponentialPoint, { maxLength: 2 }),
      aggregationTemporality: temporality,
    }),
  }),
  fc.record({ summary: fc.record({ dataPoints: fc.array(summaryPoint, { maxLength: 2 }) }) }),
  fc.constant({}),
);

const metric = fc
  .tuple(
    fc.record({ name, description: fc.string({ maxLength: 4 }), unit: fc.constantFrom('', 'ms', '1') }),
    data,
  )
  .map(([head, body]) => ({ ...head, ...body }));

const request = fc.record({
  resourceMetrics: fc.array(
    fc.record(
      {
        resource: fc.record({ attributes }),
        scopeMetrics: fc.array(
          fc.record(
            {
              scope: fc.record({
                name: fc.constantFrom('', 'shop', 'io.opentelemetry.runtime'),
                version: fc.string(),
              }),
              metrics: fc.array(metric, { maxLength: 3 }),
            },
            { requiredKeys: ['metrics'] },
          ),
          { maxLength: 2 },
        ),
        schemaUrl: fc.constantFrom('', 'https://opentelemetry.io/schemas/1.21.0'),
      },
      { requiredKeys: ['scopeMetrics'] },
    ),
    { maxLength: 2 },
  ),
});

/** How a sender may spell the same JSON: all of them are OTLP/JSON a receiver must take. */
interface JsonStyle {
  /** Safe 64-bit integers as JSON numbers rather than strings. */
  numbers: boolean;
  /** The .proto field names (time_unix_nano) rather than lowerCamelCase. */
  protoNames: boolean;
}

function toOtlpJson(message: protobufMessage, style: JsonStyle): string {
  const object = exportRequestType.toObject(message, { longs: String, bytes: String, json: true });
  return JSON.stringify(restyle(object, style, ''));
}

type protobufMessage = ReturnType<typeof exportRequestType.fromObject>;

const int64Fields = new Set([
  'timeUnixNano',
  'startTimeUnixNano',
  'asInt',
  'intValue',
  'count',
  'zeroCount',
  'bucketCounts',
]);

function restyle(value: unknown, style: JsonStyle, key: string): unknown {
  if (Array.isArray(value)) return value.map((item) => restyle(item, style, key));
  if (typeof value === 'string') {
    if (key === 'spanId' || key === 'traceId') return Buffer.from(value, 'base64').toString('hex');
    if (style.numbers && int64Fields.has(key) && Number.isSafeInteger(Number(value))) return Number(value);
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([field, item]) => [
      style.protoNames ? field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) : field,
      restyle(item, style, field),
    ]),
  );
}

describe('protobuf and JSON encodings of one request', () => {
  it('decode to the same samples, rejections and messages', () => {
    fc.assert(
      fc.property(request, fc.record({ numbers: fc.boolean(), protoNames: fc.boolean() }), (input, style) => {
        const message = exportRequestType.fromObject(input);
        const protobuf = Buffer.from(exportRequestType.encode(message).finish());
        const json = Buffer.from(toOtlpJson(message, style));
        const fromProtobuf = decodeOtlpMetrics(protobuf, 'application/x-protobuf', { nowMs });
        const fromJson = decodeOtlpMetrics(json, 'application/json; charset=utf-8', { nowMs });
        expect(fromJson).toEqual(fromProtobuf);
      }),
      { numRuns: 500 },
    );
  });

  it('the generator reaches every kind of outcome', () => {
    // Guards the property above against a generator that never rejects or never emits.
    let rejected = 0;
    let sampled = 0;
    const kinds = new Set<string>();
    fc.assert(
      fc.property(request, (input) => {
        const message = exportRequestType.fromObject(input);
        const body = Buffer.from(exportRequestType.encode(message).finish());
        const result = decodeOtlpMetrics(body, 'application/x-protobuf', { nowMs });
        rejected += result.rejectedDataPoints;
        sampled += result.samples.length;
        for (const sample of result.samples) kinds.add(sample.type ?? 'none');
      }),
      { numRuns: 300 },
    );
    expect(rejected).toBeGreaterThan(0);
    expect(sampled).toBeGreaterThan(0);
    expect([...kinds].sort()).toEqual(['counter', 'gauge']);
  });
});
