import protobuf from 'protobufjs';
import snappy from 'snappy';
import type { Sample } from '../model/index.js';

const root = protobuf.Root.fromJSON({
  nested: {
    WriteRequest: { fields: { timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 } } },
    TimeSeries: {
      fields: {
        labels: { rule: 'repeated', type: 'Label', id: 1 },
        samples: { rule: 'repeated', type: 'Sample', id: 2 },
      },
    },
    Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
  },
});
const WriteRequest = root.lookupType('WriteRequest');

/** Samples per request, as Prometheus's default `max_samples_per_send`. */
const samplesPerRequest = 2_000;

/**
 * The demo plant as a Prometheus agent would be: its samples leave as snappy-compressed
 * remote_write requests to the twin's own receiver, so the demo runs the real ingest path.
 * Series carry `infratwin_entity` (the entity id) and `job="plant"`.
 */
export class RemoteWriteSender {
  readonly #url: string;
  readonly #token: string;
  #sent = 0;
  #failed = 0;

  constructor(options: { url: string; token: string }) {
    this.#url = options.url;
    this.#token = options.token;
  }

  /** Sends the samples; resolves with how many the receiver acknowledged. */
  async send(samples: readonly Sample[]): Promise<number> {
    let acknowledged = 0;
    for (let from = 0; from < samples.length; from += samplesPerRequest) {
      const batch = samples.slice(from, from + samplesPerRequest);
      if (await this.#post(encodeRemoteWrite(batch))) acknowledged += batch.length;
    }
    this.#sent += acknowledged;
    return acknowledged;
  }

  stats(): { sent: number; failedRequests: number } {
    return { sent: this.#sent, failedRequests: this.#failed };
  }

  async #post(body: Buffer): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await fetch(this.#url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.#token}`,
          'content-type': 'application/x-protobuf',
          'content-encoding': 'snappy',
          'x-prometheus-remote-write-version': '0.1.0',
        },
        body,
      });
      await response.arrayBuffer();
      if (response.ok) return true;
      // As Prometheus does: 4xx other than 429 is final, 5xx and 429 are retried.
      if (response.status !== 429 && response.status < 500) break;
      const wait = Number(response.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, Math.min(5, wait) * 1000));
    }
    this.#failed++;
    return false;
  }
}

export function encodeRemoteWrite(samples: readonly Sample[]): Buffer {
  const message = WriteRequest.fromObject({
    timeseries: samples.map((sample) => ({
      // Sorted by name, as remote_write requires.
      labels: [
        { name: '__name__', value: sample.metric },
        { name: 'infratwin_entity', value: sample.entityId },
        { name: 'job', value: 'plant' },
      ],
      samples: [{ value: sample.value, timestamp: sample.ts }],
    })),
  });
  return snappy.compressSync(Buffer.from(WriteRequest.encode(message).finish())) as Buffer;
}
