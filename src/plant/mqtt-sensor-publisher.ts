import mqtt, { type MqttClient } from 'mqtt';
import type { Sample } from '../model/index.js';

/** The topic rule a twin needs to read what this publisher sends (see docs/ingest.md). */
export function demoRackTopicRule(prefix: string) {
  return {
    topic: `${prefix}/{site}/{room}/{rack}/{metric}`,
    entity: 'rack:{site}/{room}/{rack}',
    metric: '{metric}',
    valuePath: 'value',
    timestampPath: 'ts',
  };
}

/**
 * The demo plant's rack sensors as facility systems publish them: one MQTT message per reading
 * on `<prefix>/<site>/<room>/<rack>/<metric>`, payload `{"value": 24.5, "ts": 1764000000000}`.
 */
export class MqttSensorPublisher {
  readonly #client: MqttClient;
  readonly #prefix: string;
  #published = 0;

  private constructor(client: MqttClient, prefix: string) {
    this.#client = client;
    this.#prefix = prefix;
  }

  /** Connects, or rejects within `timeoutMs` when no broker answers. */
  static connect(url: string, prefix: string, timeoutMs = 3_000): Promise<MqttSensorPublisher> {
    return new Promise((resolve, reject) => {
      const client = mqtt.connect(url, {
        clientId: `infratwin-plant-${process.pid}`,
        connectTimeout: timeoutMs,
        reconnectPeriod: 1_000,
      });
      const timer = setTimeout(() => {
        client.end(true);
        reject(new Error(`no MQTT broker answered at ${url} within ${timeoutMs} ms`));
      }, timeoutMs);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve(new MqttSensorPublisher(client, prefix));
      });
    });
  }

  /** Publishes the rack samples among `samples`; returns the others, for another path. */
  publishRacks(samples: readonly Sample[]): Sample[] {
    const rest: Sample[] = [];
    for (const sample of samples) {
      if (!sample.entityId.startsWith('rack:') || !this.#client.connected) {
        rest.push(sample);
        continue;
      }
      const path = sample.entityId.slice('rack:'.length);
      this.#client.publish(
        `${this.#prefix}/${path}/${sample.metric}`,
        JSON.stringify({ value: sample.value, ts: sample.ts }),
      );
      this.#published++;
    }
    return rest;
  }

  get published(): number {
    return this.#published;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#client.end(false, {}, () => resolve()));
  }
}
