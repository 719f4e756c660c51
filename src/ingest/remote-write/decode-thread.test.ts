import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecodeThread } from './decode-thread.js';
import { unknownSeries } from './decode-thread-messages.js';
import { WireFormatError } from './protobuf-reader.js';
import { PayloadTooLargeError } from './snappy-block.js';
import {
  compressedWriteRequest,
  seriesOfRequest,
  type TestSeries,
  testSeriesArbitrary,
} from './write-request.fixture.js';

const limit = 1 << 20;
let thread: DecodeThread;

beforeAll(() => {
  thread = new DecodeThread();
});

afterAll(async () => {
  await thread.close();
});

const cpu: TestSeries = {
  labels: [
    ['__name__', 'node_cpu_seconds_total'],
    ['cpu', '0'],
    ['instance', 'db-01:9100'],
  ],
  samples: [[1_000, 12.5]],
};
const load: TestSeries = {
  labels: [
    ['__name__', 'node_load1'],
    ['instance', 'db-01:9100'],
  ],
  samples: [
    [1_000, 0.5],
    [2_000, 0.75],
  ],
};

describe('DecodeThread', () => {
  it('decodes what the sender encoded: labels, timestamps and values bit-exact', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(testSeriesArbitrary, { maxLength: 12 }), async (series) => {
        const { request, known } = await thread.decode(compressedWriteRequest(series), limit);
        expect(seriesOfRequest(request)).toEqual(series);
        // Nothing was assigned: every series is the main thread's to resolve, with its key.
        expect([...(known ?? [])].every((number) => number === unknownSeries)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('decodes many bodies at once, through the shared slots and past them, each its own', async () => {
    // 40 at once: more than the 16 slots, so some go cloned with their message; one body larger
    // than a slot (256 KiB) goes cloned too. Every answer must be its own request's.
    const big: TestSeries = {
      labels: [['__name__', 'wide']],
      samples: Array.from({ length: 30_000 }, (_, i) => [i, Math.sin(i) * 1e6] as [number, number]),
    };
    const requests = Array.from({ length: 40 }, (_, i): TestSeries[] =>
      i === 7 ? [big] : [{ labels: [['__name__', `metric_${i}`]], samples: [[i, i / 3]] }],
    );
    const bodies = requests.map((series) => compressedWriteRequest(series));
    expect(bodies[7]?.byteLength).toBeGreaterThan(256 * 1024);
    const decoded = await Promise.all(bodies.map((body) => thread.decode(body, 1 << 26)));
    decoded.forEach(({ request }, i) => {
      expect(seriesOfRequest(request)).toEqual(requests[i]);
    });
  });

  it('knows the numbers the main thread assigned, and sends keys only for series it does not know', async () => {
    const first = await thread.decode(compressedWriteRequest([cpu, load]), limit);
    const request = first.request;
    thread.assign(
      request.keyBuffer(0),
      request.keyStart[0] as number,
      request.keyEnd[0] as number,
      request.keyHash[0] as number,
      7,
    );
    const second = await thread.decode(compressedWriteRequest([load, cpu]), limit);
    expect([...(second.known ?? [])]).toEqual([unknownSeries, 7]);
    expect(second.request.keyEnd[1]).toBe(second.request.keyStart[1]);
    expect(second.request.labels(0)).toEqual(load.labels);
    expect(second.request.keyString(0)).toBe(request.keyString(1));
  });

  it('sends the keys of dropped series (-1), which the main thread counts by key', async () => {
    const { request } = await thread.decode(compressedWriteRequest([load]), limit);
    thread.assign(
      request.keyBuffer(0),
      request.keyStart[0] as number,
      request.keyEnd[0] as number,
      request.keyHash[0] as number,
      -1,
    );
    const again = await thread.decode(compressedWriteRequest([load]), limit);
    expect([...(again.known ?? [])]).toEqual([-1]);
    expect(again.request.keyString(0)).toBe(request.keyString(0));
  });

  it('returns no numbers for a decode that ran before a forget or clear reached it', async () => {
    const body = compressedWriteRequest([cpu]);
    const pending = thread.decode(body, limit);
    thread.forget(-1);
    expect((await pending).known).toBeUndefined();
    const after = await thread.decode(body, limit);
    expect([...(after.known ?? [])]).toEqual([7]);
    const beforeClear = thread.decode(body, limit);
    thread.clear();
    expect((await beforeClear).known).toBeUndefined();
    expect([...((await thread.decode(body, limit)).known ?? [])]).toEqual([unknownSeries]);
  });

  it('refuses truncated snappy and invalid protobuf with WireFormatError at its byte, and a bomb as too large', async () => {
    const body = compressedWriteRequest([{ labels: [['__name__', 'x'.repeat(300)]], samples: [[1, 2]] }]);
    await expect(thread.decode(body.subarray(0, body.length - 10), limit)).rejects.toBeInstanceOf(
      WireFormatError,
    );
    const valid = compressedWriteRequest([cpu]);
    // A snappy literal of bytes that are no WriteRequest: a field tag with wire type 7.
    const garbage = Buffer.from([0x03, 0x08, 0x0f, 0xff, 0xff]);
    const refused = await thread.decode(garbage, limit).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WireFormatError);
    expect((refused as WireFormatError).offset).toBeGreaterThanOrEqual(0);
    expect((refused as Error).message).toMatch(/at byte \d+$/);
    const bomb = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x08, 0x00]);
    await expect(thread.decode(bomb, limit)).rejects.toBeInstanceOf(PayloadTooLargeError);
    // The thread is still there after bad input.
    expect((await thread.decode(valid, limit)).request.sampleCount).toBe(1);
  });
});
