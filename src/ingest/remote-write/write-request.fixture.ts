import fc from 'fast-check';
import protobuf from 'protobufjs';
import snappy from 'snappy';
import type { DecodedWriteRequest } from './write-request-decoder.js';

/**
 * remote_write 1.0's WriteRequest as protobufjs reflection types (prometheus/prompb types.proto and
 * remote.proto): the reference encoder the decoder's tests compare against. Test-only.
 */
const root = protobuf.Root.fromJSON({
  nested: {
    prometheus: {
      nested: {
        WriteRequest: {
          fields: {
            timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 },
            metadata: { rule: 'repeated', type: 'MetricMetadata', id: 3 },
          },
        },
        MetricMetadata: {
          fields: {
            type: { type: 'int32', id: 1 },
            metricFamilyName: { type: 'string', id: 2 },
            help: { type: 'string', id: 4 },
            unit: { type: 'string', id: 5 },
          },
        },
        TimeSeries: {
          fields: {
            labels: { rule: 'repeated', type: 'Label', id: 1 },
            samples: { rule: 'repeated', type: 'Sample', id: 2 },
          },
        },
        Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
      },
    },
  },
});

export const WriteRequestType = root.lookupType('prometheus.WriteRequest');

export interface TestSeries {
  labels: Array<[string, string]>;
  samples: Array<[ts: number, value: number]>;
}

export function encodeWriteRequest(series: readonly TestSeries[], metadata = 0): Buffer {
  const message = WriteRequestType.fromObject({
    timeseries: series.map((s) => ({
      labels: s.labels.map(([name, value]) => ({ name, value })),
      samples: s.samples.map(([timestamp, value]) => ({ value, timestamp })),
    })),
    metadata: Array.from({ length: metadata }, (_, i) => ({ type: 1, metricFamilyName: `m${i}`, help: 'h' })),
  });
  return Buffer.from(WriteRequestType.encode(message).finish());
}

export function compressedWriteRequest(series: readonly TestSeries[]): Buffer {
  return snappy.compressSync(encodeWriteRequest(series)) as Buffer;
}

const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,20}$/).filter((name) => name !== '__name__');
const labelValue = fc.string({ maxLength: 200, unit: 'grapheme' });
const timestamp = fc.integer({ min: -(2 ** 40), max: 2 ** 52 });
const sampleValue = fc.double({ noNaN: true });

/** Any series remote_write can carry: a metric name and up to eight other labels, up to five samples. */
export const testSeriesArbitrary: fc.Arbitrary<TestSeries> = fc.record({
  labels: fc
    .tuple(
      fc.stringMatching(/^[a-z_:][a-z0-9_:]{0,30}$/),
      fc.uniqueArray(fc.tuple(labelName, labelValue), { maxLength: 8, selector: ([name]) => name }),
    )
    .map(([name, others]) => [['__name__', name] as [string, string], ...others]),
  samples: fc.array(fc.tuple(timestamp, sampleValue), { maxLength: 5 }),
});

/** A decoded request read back as series with their labels and samples, through its public accessors. */
export function seriesOfRequest(request: DecodedWriteRequest): TestSeries[] {
  const out: TestSeries[] = [];
  for (let s = 0; s < request.seriesCount; s++)
    out.push({ labels: request.labels(s).map(([n, v]) => [n, v]), samples: [] });
  for (let i = 0; i < request.sampleCount; i++) {
    out[request.sampleSeries[i] as number]?.samples.push([
      request.sampleTs[i] as number,
      request.sampleValues[i] as number,
    ]);
  }
  return out;
}
