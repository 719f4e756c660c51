import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WireFormatError } from './protobuf-reader.js';
import { PayloadTooLargeError, uncompressSnappyBlock } from './snappy-block.js';
import {
  compressedWriteRequest,
  encodeWriteRequest,
  testSeriesArbitrary as seriesArb,
  seriesOfRequest,
  type TestSeries,
} from './write-request.fixture.js';
import { DecodedWriteRequest, decodeWriteRequest } from './write-request-decoder.js';

function decoded(series: readonly TestSeries[]) {
  const result = decodeWriteRequest(encodeWriteRequest(series), new DecodedWriteRequest());
  return { result, out: seriesOfRequest(result) };
}

describe('decodeWriteRequest', () => {
  it('reads back what protobufjs encodes: labels, timestamps (negative too) and values bit-exact', () => {
    fc.assert(
      fc.property(fc.array(seriesArb, { maxLength: 20 }), (series) => {
        const { out } = decoded(series);
        expect(out).toEqual(series);
      }),
      { numRuns: 300 },
    );
  });

  it('gives equal label sets equal keys and different ones different keys', () => {
    fc.assert(
      fc.property(seriesArb, seriesArb, (a, b) => {
        const { result } = decoded([a, b, a]);
        expect(result.keyString(0)).toBe(result.keyString(2));
        expect(result.keyHash[0]).toBe(result.keyHash[2]);
        const same = JSON.stringify(a.labels) === JSON.stringify(b.labels);
        expect(result.keyString(0) === result.keyString(1)).toBe(same);
      }),
    );
  });

  it("counts Prometheus's stale markers and skips metadata", () => {
    // JavaScript may canonicalise a NaN's payload, so the marker's bytes are patched in.
    const body = encodeWriteRequest(
      [
        {
          labels: [['__name__', 'up']],
          samples: [
            [1000, 1],
            [2000, 1234.5],
          ],
        },
      ],
      3,
    );
    const placeholder = Buffer.alloc(8);
    placeholder.writeDoubleLE(1234.5);
    Buffer.from('020000000000f07f', 'hex').copy(body, body.indexOf(placeholder));
    const result = decodeWriteRequest(body, new DecodedWriteRequest());
    expect(result.staleMarkers).toBe(1);
    expect(result.metadata).toBe(3);
    expect(result.sampleCount).toBe(2);
  });

  it('accepts an empty request (Prometheus sends metadata-only ones)', () => {
    const result = decodeWriteRequest(Buffer.alloc(0), new DecodedWriteRequest());
    expect(result.seriesCount).toBe(0);
  });

  it('refuses a series without __name__ when its labels are read, and says at which byte', () => {
    const body = encodeWriteRequest([{ labels: [['job', 'node']], samples: [[1, 1]] }]);
    const result = decodeWriteRequest(body, new DecodedWriteRequest());
    expect(() => result.labels(0)).toThrow(/no __name__ label at byte \d+/);
  });

  it('refuses every truncation of a valid request with a WireFormatError, never anything else', () => {
    fc.assert(
      fc.property(fc.array(seriesArb, { minLength: 1, maxLength: 5 }), fc.nat(), (series, cut) => {
        const body = encodeWriteRequest(series);
        const at = cut % body.length;
        try {
          const result = decodeWriteRequest(body.subarray(0, at), new DecodedWriteRequest());
          for (let s = 0; s < result.seriesCount; s++) result.labels(s);
        } catch (error) {
          expect(error).toBeInstanceOf(WireFormatError);
        }
      }),
    );
  });

  it('never throws anything but WireFormatError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          const result = decodeWriteRequest(Buffer.from(bytes), new DecodedWriteRequest());
          for (let s = 0; s < result.seriesCount; s++) result.labels(s);
        } catch (error) {
          expect(error).toBeInstanceOf(WireFormatError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('uncompressSnappyBlock', () => {
  it('round-trips a compressed request', () => {
    const series: TestSeries[] = [{ labels: [['__name__', 'up']], samples: [[5, 1]] }];
    expect(uncompressSnappyBlock(compressedWriteRequest(series), 1 << 20)).toEqual(
      encodeWriteRequest(series),
    );
  });

  it('refuses a body declaring more than the limit before decompressing it', () => {
    const bomb = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x08, 0x00]);
    expect(() => uncompressSnappyBlock(bomb, 64 << 20)).toThrow(PayloadTooLargeError);
  });

  it('refuses truncated snappy with a WireFormatError', () => {
    const body = compressedWriteRequest([{ labels: [['__name__', 'x'.repeat(300)]], samples: [[1, 2]] }]);
    expect(() => uncompressSnappyBlock(body.subarray(0, body.length - 10), 1 << 20)).toThrow(WireFormatError);
  });
});
