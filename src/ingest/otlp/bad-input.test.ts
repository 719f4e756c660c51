import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import {
  decodeContentEncoding,
  decodeOtlpMetrics,
  encodeOtlpResponse,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from './index.js';
import { exportRequestType } from './otlp-schema.js';

/** Every way a body can be refused whole: the right error class, and a message that says where. */

const options = { nowMs: 1_700_000_000_000 };
const protobufType = 'application/x-protobuf';

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, none was thrown');
}

const validRequest = Buffer.from(
  exportRequestType
    .encode(
      exportRequestType.fromObject({
        resourceMetrics: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
            scopeMetrics: [
              {
                metrics: [
                  {
                    name: 'cpu',
                    gauge: { dataPoints: [{ timeUnixNano: '1700000000000000000', asDouble: 1 }] },
                  },
                ],
              },
            ],
          },
        ],
      }),
    )
    .finish(),
);

describe('protobuf bodies that cannot be decoded', () => {
  it('a truncated body: InputError naming the byte where reading stopped', () => {
    expect(decodeOtlpMetrics(validRequest, protobufType, options).samples).toHaveLength(1);
    const truncated = validRequest.subarray(0, validRequest.length - 5);
    const error = errorOf(() => decodeOtlpMetrics(truncated, protobufType, options));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^OTLP protobuf body is not a valid ExportMetricsServiceRequest: index out of range/,
    );
    expect(error.message).toMatch(new RegExp(`reading stopped at byte \\d+ of ${truncated.length}\\)$`));
  });

  it('an invalid wire type inside a nested message: InputError with its offset', () => {
    // resource_metrics (field 1, length 2) holding a tag of field 1 with wire type 7, which does not exist.
    const body = Buffer.from([0x0a, 0x02, 0x0f, 0x00]);
    const error = errorOf(() => decodeOtlpMetrics(body, protobufType, options));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('invalid wire type 7 at offset 3');
    expect(error.message).toContain('reading stopped at byte 3 of 4');
  });

  it('a length that runs past the end of its enclosing message', () => {
    // resource_metrics of length 3 holding scope_metrics (field 2) that claims 100 bytes.
    const body = Buffer.from([0x0a, 0x03, 0x12, 0x64, 0x00]);
    const error = errorOf(() => decodeOtlpMetrics(body, protobufType, options));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/index out of range.*reading stopped at byte 4 of 5/);
  });

  it('a known field with the wrong (valid) wire type is skipped, as protobuf parsers do', () => {
    // resource_metrics sent as a varint: an unknown field to the parser, so the request is empty.
    const result = decodeOtlpMetrics(Buffer.from([0x08, 0x01]), protobufType, options);
    expect(result).toEqual({ samples: [], issues: [], rejectedDataPoints: 0 });
  });

  it('arbitrary bytes never throw anything but InputError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeOtlpMetrics(Buffer.from(bytes), protobufType, options);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a corrupted valid request never throws anything but InputError', () => {
    fc.assert(
      fc.property(fc.nat(validRequest.length - 1), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const body = Buffer.from(validRequest);
        body[at] = byte;
        try {
          decodeOtlpMetrics(body, protobufType, options);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('JSON bodies that cannot be decoded', () => {
  const json = (text: string) =>
    errorOf(() => decodeOtlpMetrics(Buffer.from(text), 'application/json', options));

  it('malformed JSON: InputError with the line and column of the syntax error', () => {
    const error = json('{\n  "resourceMetrics": [\n    { "scopeMetrics": [ } ]\n  ]\n}');
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe("OTLP JSON body rejected at line 3, column 25: expected a value, found '}'");
    expect((error as InputError).issues).toEqual([
      { line: 3, column: 25, message: "expected a value, found '}'" },
    ]);
  });

  it('an empty body is not JSON', () => {
    expect(json('').message).toBe(
      'OTLP JSON body rejected at line 1, column 1: expected a value, found the end of the file',
    );
  });

  it('timeUnixNano "abc": InputError with the field path, line and column', () => {
    const text = [
      '{"resourceMetrics": [{"scopeMetrics": [{"metrics": [',
      '  {"name": "cpu", "gauge": {"dataPoints": [',
      '    {"asDouble": 1, "timeUnixNano": "1700000000000000000"},',
      '    {"asDouble": 2, "timeUnixNano": "abc"}',
      ']}}]}]}]}',
    ].join('\n');
    const error = json(text);
    expect(error).toBeInstanceOf(InputError);
    const field = 'resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[1].timeUnixNano';
    const message = 'expected an unsigned 64-bit integer (a decimal string or a number), found "abc"';
    expect(error.message).toBe(`OTLP JSON body rejected at line 4, column 37: ${field}: ${message}`);
    expect((error as InputError).issues).toEqual([{ line: 4, column: 37, field, message }]);
  });

  it.each([
    [
      'a number where an object belongs',
      '{"resourceMetrics": [1]}',
      'resourceMetrics[0]',
      'expected an object (ResourceMetrics), found 1',
    ],
    [
      'an object where a list belongs',
      '{"resourceMetrics": {}}',
      'resourceMetrics',
      'expected a list, found an object',
    ],
    [
      'a 64-bit integer out of range',
      '{"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"gauge": {"dataPoints": [{"asInt": "9223372036854775808"}]}}]}]}]}',
      'resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].asInt',
      'expected a 64-bit integer (a decimal string or a number), found "9223372036854775808"',
    ],
    [
      'a fractional count',
      '{"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"summary": {"dataPoints": [{"count": 1.5}]}}]}]}]}',
      'resourceMetrics[0].scopeMetrics[0].metrics[0].summary.dataPoints[0].count',
      'expected an unsigned 64-bit integer (a decimal string or a number), found 1.5',
    ],
    [
      'a string double that is not a number',
      '{"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"gauge": {"dataPoints": [{"asDouble": "1,5"}]}}]}]}]}',
      'resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].asDouble',
      'expected a number, found "1,5"',
    ],
    [
      'an unknown enum name',
      '{"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"sum": {"aggregationTemporality": "SOMETIMES"}}]}]}]}',
      'resourceMetrics[0].scopeMetrics[0].metrics[0].sum.aggregationTemporality',
      'expected a AggregationTemporality (an integer), found "SOMETIMES"',
    ],
    [
      'a trace id that is not hex',
      '{"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"gauge": {"dataPoints": [{"exemplars": [{"traceId": "zz"}]}]}}]}]}]}',
      'resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].exemplars[0].traceId',
      'expected hex bytes, found "zz"',
    ],
    ['a top-level list', '[]', '', 'expected an object (ExportMetricsServiceRequest), found a list'],
  ])('%s: InputError at the field', (_, text, field, message) => {
    const error = json(text);
    expect(error).toBeInstanceOf(InputError);
    const issue = (error as InputError).issues[0];
    expect(issue?.message).toBe(message);
    expect(issue?.field).toBe(field || undefined);
    expect(issue?.line).toBe(1);
  });

  it('attributes nested past the depth limit are refused, not a stack overflow', () => {
    let value = '{"stringValue": "x"}';
    for (let i = 0; i < 200; i++) value = `{"arrayValue": {"values": [${value}]}}`;
    const error = json(
      `{"resourceMetrics": [{"resource": {"attributes": [{"key": "k", "value": ${value}}]}}]}`,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('nested deeper than 100 messages');
  });

  it('arbitrary text and mutated JSON never throw anything but InputError', () => {
    const valid =
      '{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"a","gauge":{"dataPoints":[{"asInt":"3"}]}}]}]}]}';
    const mutated = fc
      .tuple(fc.nat(valid.length - 1), fc.string({ maxLength: 3 }))
      .map(([at, text]) => valid.slice(0, at) + text + valid.slice(at + 1));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), mutated), (text) => {
        try {
          decodeOtlpMetrics(Buffer.from(text), 'application/json', options);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).issues[0]?.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('media types and content encodings', () => {
  it.each([['text/plain'], [''], ['application/protobuf'], ['application/json; charset=iso-8859-1']])(
    'Content-Type %j: UnsupportedMediaTypeError',
    (contentType) => {
      const error = errorOf(() => decodeOtlpMetrics(Buffer.from('{}'), contentType, options));
      expect(error).toBeInstanceOf(UnsupportedMediaTypeError);
      expect(error.message).toMatch(/^unsupported (Content-Type|charset)/);
      expect(errorOf(() => encodeOtlpResponse({ rejectedDataPoints: 0 }, contentType))).toBeInstanceOf(
        UnsupportedMediaTypeError,
      );
    },
  );

  it.each([
    ['application/json; charset=utf-8'],
    ['Application/JSON; Charset="UTF-8"'],
    ['application/x-protobuf; proto=opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest'],
  ])('Content-Type %j is accepted', (contentType) => {
    expect(
      decodeOtlpMetrics(Buffer.from(/json/i.test(contentType) ? '{}' : ''), contentType, options).samples,
    ).toEqual([]);
  });

  it('an unsupported Content-Encoding: UnsupportedMediaTypeError, before any work', () => {
    const error = errorOf(() => decodeContentEncoding(Buffer.from('x'), 'br', 1024));
    expect(error).toBeInstanceOf(UnsupportedMediaTypeError);
    expect(error.message).toBe('unsupported Content-Encoding "br": OTLP/HTTP takes gzip');
  });

  it('identity and no encoding pass the body through; gzip inflates it', () => {
    const body = Buffer.from('hello');
    expect(decodeContentEncoding(body, undefined, 64)).toBe(body);
    expect(decodeContentEncoding(body, 'identity', 64)).toBe(body);
    expect(decodeContentEncoding(gzipSync(body), 'gzip', 64).toString()).toBe('hello');
    expect(decodeContentEncoding(gzipSync(gzipSync(body)), 'gzip, gzip', 64).toString()).toBe('hello');
    expect(decodeContentEncoding(gzipSync(body), 'X-GZIP', 64).toString()).toBe('hello');
  });

  it('a gzip bomb: PayloadTooLargeError without inflating it whole', () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    const before = process.memoryUsage().arrayBuffers;
    const error = errorOf(() => decodeContentEncoding(bomb, 'gzip', 1024 * 1024));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error.message).toBe(
      `the gzip body of ${bomb.length} bytes inflates to more than the limit of 1048576 bytes`,
    );
    expect((error as PayloadTooLargeError).limitBytes).toBe(1024 * 1024);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('a body over the limit before inflating: PayloadTooLargeError', () => {
    const error = errorOf(() => decodeContentEncoding(Buffer.alloc(11), undefined, 10));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error.message).toBe('the body of 11 bytes more than the limit of 10 bytes');
  });

  it('a corrupt gzip stream: InputError', () => {
    const corrupt = gzipSync(Buffer.from('hello world'));
    corrupt[12] = (corrupt[12] as number) ^ 0xff;
    const error = errorOf(() => decodeContentEncoding(corrupt, 'gzip', 1024));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^the body is not valid gzip: /);
  });
});
