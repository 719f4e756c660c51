import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { InputError } from '../../model/index.js';
import type { DecodeIssue, RawSample } from '../raw-sample.js';
import { checkBrokerUrl } from './broker-url.js';
import { decodeMqttMessage } from './decode-message.js';
import { type MqttIssueKind, mqttIssueKinds } from './mqtt-issue.js';
import { filterCovers } from './topic-pattern.js';
import { type CompiledTopicRule, compileTopicRules, type MqttTopicRule } from './topic-rule.js';

export interface MqttSubscriberOptions {
  /** `mqtt://127.0.0.1:1883`; credentials go in username and password, never in the URL. */
  url: string;
  rules: MqttTopicRule[];
  /** Default `infratwin-<random>`; two clients with one id throw each other off the broker. */
  clientId?: string;
  username?: string;
  password?: string;
  qos?: 0 | 1;
  /** Called once per message that gave samples; `entityId` is the rule's resolved entity. */
  onSamples: (samples: RawSample[], entityId: string | undefined, topic: string) => void;
  onIssue?: (issue: DecodeIssue, topic: string) => void;
  /** How long `start` waits for the first connection; default 10 s. */
  connectTimeoutMs?: number;
  /** Pause between reconnection attempts; default 1 s. */
  reconnectPeriodMs?: number;
}

/** `handler`: a callback (onSamples, onIssue) threw; the message is counted and dropped. */
export type MqttSubscriberIssueKind = MqttIssueKind | 'handler';

export interface MqttSubscriberStats {
  messages: number;
  samples: number;
  issues: Record<MqttSubscriberIssueKind, number>;
  connected: boolean;
  /** Epoch ms of the last message. */
  lastMessageAt?: number;
  /** Successful connections, the first included: more than one means it reconnected. */
  connects: number;
  /** The last connection or handler error, with the password masked. */
  lastError?: string;
}

/**
 * Subscribes to the rules' topics and hands decoded samples on. mqtt.js reconnects on its own
 * and, with `resubscribe`, renews the subscriptions; this class only keeps count and makes sure
 * that nothing a message or a callback does can throw into mqtt.js's event loop.
 */
export class MqttSubscriber {
  readonly #client: MqttClient;
  readonly #rules: readonly CompiledTopicRule[];
  readonly #options: MqttSubscriberOptions;
  readonly #stats: MqttSubscriberStats;
  #closed = false;

  private constructor(
    client: MqttClient,
    rules: readonly CompiledTopicRule[],
    options: MqttSubscriberOptions,
  ) {
    this.#client = client;
    this.#rules = rules;
    this.#options = options;
    this.#stats = { messages: 0, samples: 0, issues: emptyIssueCounts(), connected: false, connects: 0 };
    client.on('connect', () => {
      this.#stats.connected = true;
      this.#stats.connects++;
    });
    client.on('close', () => {
      this.#stats.connected = false;
    });
    // Without an error listener an EventEmitter throws the error; mqtt.js retries by itself.
    client.on('error', (error) => {
      this.#stats.lastError = this.#redact(error.message);
    });
    client.on('message', (topic, payload) => this.#onMessage(topic, payload));
  }

  /** Connects, subscribes, and resolves once the broker has acknowledged every subscription. */
  static async start(options: MqttSubscriberOptions): Promise<MqttSubscriber> {
    const rules = compileTopicRules(options.rules);
    if (rules.length === 0)
      throw new InputError('MQTT: no topic rules', [{ field: 'rules', message: 'is empty' }]);
    const shownUrl = checkBrokerUrl(options.url);
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    const client = connect(options.url, clientOptions(options, timeoutMs));
    const subscriber = new MqttSubscriber(client, rules, options);
    try {
      await subscriber.#firstConnection(shownUrl, timeoutMs);
      await subscriber.#subscribe(shownUrl);
    } catch (error) {
      await client.endAsync(true);
      throw error;
    }
    return subscriber;
  }

  stats(): MqttSubscriberStats {
    return { ...this.#stats, issues: { ...this.#stats.issues } };
  }

  /** Disconnects cleanly when connected; safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#client.endAsync(!this.#client.connected);
    this.#stats.connected = false;
  }

  async #firstConnection(shownUrl: string, timeoutMs: number): Promise<void> {
    if (this.#client.connected) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const last = this.#stats.lastError ? `: ${this.#stats.lastError}` : '';
        reject(new Error(`MQTT: could not connect to ${shownUrl} within ${timeoutMs} ms${last}`));
      }, timeoutMs);
      this.#client.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async #subscribe(shownUrl: string): Promise<void> {
    const filters = subscriptionFilters(this.#rules);
    const granted = await this.#client.subscribeAsync(filters, { qos: this.#options.qos ?? 0 });
    const refused = granted.filter((grant) => grant.qos === 128).map((grant) => grant.topic);
    if (refused.length > 0)
      throw new Error(`MQTT: ${shownUrl} refused the subscription to ${refused.join(', ')}`);
  }

  #onMessage(topic: string, payload: Buffer): void {
    try {
      const now = Date.now();
      this.#stats.messages++;
      this.#stats.lastMessageAt = now;
      const result = decodeMqttMessage(this.#rules, topic, payload, now);
      for (const issue of result.issues) this.#stats.issues[issue.kind]++;
      if (result.samples.length > 0) {
        this.#stats.samples += result.samples.length;
        this.#options.onSamples(result.samples, result.entityId, topic);
      }
      for (const issue of result.issues) this.#options.onIssue?.(issue, topic);
    } catch (error) {
      this.#stats.issues.handler++;
      this.#stats.lastError = this.#redact(`handling a message on '${topic}': ${describeError(error)}`);
    }
  }

  #redact(text: string): string {
    const { password } = this.#options;
    return password ? text.replaceAll(password, '***') : text;
  }
}

function clientOptions(options: MqttSubscriberOptions, timeoutMs: number): IClientOptions {
  return {
    clientId: options.clientId ?? `infratwin-${Math.random().toString(16).slice(2, 10)}`,
    ...(options.username !== undefined ? { username: options.username } : {}),
    ...(options.password !== undefined ? { password: options.password } : {}),
    clean: true,
    connectTimeout: timeoutMs,
    reconnectPeriod: options.reconnectPeriodMs ?? 1000,
    resubscribe: true,
    // 3.1.1: Mosquitto then delivers one copy per message even when two filters overlap.
    protocolVersion: 4,
  };
}

/** One filter per distinct topic set: a filter covered by another one is left out. */
export function subscriptionFilters(rules: readonly CompiledTopicRule[]): string[] {
  const unique = [...new Map(rules.map((rule) => [rule.filter, rule.levels])).entries()];
  return unique
    .filter(
      ([, levels], index) =>
        !unique.some(
          ([, other], otherIndex) =>
            otherIndex !== index &&
            filterCovers(other, levels) &&
            (otherIndex < index || !filterCovers(levels, other)),
        ),
    )
    .map(([filter]) => filter);
}

function emptyIssueCounts(): Record<MqttSubscriberIssueKind, number> {
  const counts = { handler: 0 } as Record<MqttSubscriberIssueKind, number>;
  for (const kind of mqttIssueKinds) counts[kind] = 0;
  return counts;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
