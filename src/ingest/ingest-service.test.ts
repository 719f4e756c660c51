import { describe, expect, it } from 'vitest';
import { MemoryTwinStore, Twin } from '../model/index.js';
import { IngestService } from './ingest-service.js';
import { LiveMirror } from './mirror/live-mirror.js';
import { DecodeThread } from './remote-write/decode-thread.js';
import { compressedWriteRequest } from './remote-write/write-request.fixture.js';

const t0 = Date.UTC(2026, 10, 29, 12, 0, 0);

function body(value: number, ts: number): Buffer {
  return compressedWriteRequest([
    {
      labels: [
        ['__name__', 'inlet_temperature_celsius'],
        ['__entity', 'sensor:inlet-1'],
      ],
      samples: [[ts, value]],
    },
  ]);
}

/** 2,000 series of one sensor, each with one sample. */
function wide(batch: number, ts: number): Buffer {
  return compressedWriteRequest(
    Array.from({ length: 2_000 }, (_, i) => ({
      labels: [
        ['__name__', `reading_${batch}_${i}`],
        ['__entity', 'sensor:inlet-1'],
      ] as Array<[string, string]>,
      samples: [[ts, i] as [number, number]],
    })),
  );
}

describe('IngestService with a decode thread', () => {
  it('keeps accepting remote_write when the thread dies, decoding in-line from then on', async () => {
    const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => t0 });
    const mirror = new LiveMirror({ twin });
    const thread = new DecodeThread();
    const service = new IngestService({ mirror, decodeThread: thread });
    try {
      expect((await service.remoteWrite(body(21, t0 - 3_000))).accepted).toBe(1);
      // Killed with bodies in its queue (2,000 series each, so that it cannot finish them all
      // first): those it had not decoded are decoded in-line, none is refused.
      const inFlight = Array.from({ length: 10 }, (_, i) => service.remoteWrite(wide(i, t0 - 2_000)));
      await thread.close();
      const outcomes = await Promise.all(inFlight);
      expect(outcomes.map((outcome) => outcome.accepted)).toStrictEqual(Array(10).fill(2_000));
      expect(thread.usable).toBe(false);
      expect((await service.remoteWrite(body(23, t0 - 1_000))).accepted).toBe(1);
      expect(twin.live.metrics('sensor:inlet-1')?.inlet_temperature_celsius?.value).toBe(23);
      // Bad input is still the sender's fault, not the thread's.
      await expect(service.remoteWrite(Buffer.from([0x03, 0x08, 0x0f, 0xff, 0xff]))).rejects.toThrow(
        /not a valid WriteRequest/,
      );
    } finally {
      await service.close();
      mirror.close();
      await twin.close();
    }
  });
});
