import type { EntityId } from '../model/index.js';
import type { SyslogMessage } from './formats/syslog-message.js';
import type { RawSample } from './raw-sample.js';

/** One syslog message, attached to the entity of the host that sent it. */
export interface SyslogEvent {
  ts: number;
  /** Undefined while the sender resolves to no entity (strict mode, unknown host). */
  entityId: EntityId | undefined;
  hostname: string;
  severity: number;
  severityName: string;
  facility: number;
  appName?: string;
  procId?: string;
  msgId?: string;
  message: string;
  structuredData: Record<string, Record<string, string>>;
}

/** err (3) and worse count as errors: emerg, alert, crit, err. */
export const errorSeverity = 3;

/**
 * Syslog events per entity (bounded rings: the newest first) and, per sending host, the counts
 * that become its `syslog_messages_total` and `syslog_errors_total` counters, whose rates are the
 * message and error rates shown in the entity's state.
 */
export class SyslogEventLog {
  readonly #byEntity = new Map<EntityId, SyslogEvent[]>();
  readonly #recent: SyslogEvent[] = [];
  readonly #counts = new Map<string, { messages: number; errors: number }>();
  readonly #perEntity: number;
  readonly #overall: number;

  constructor(options: { perEntity?: number; overall?: number } = {}) {
    this.#perEntity = options.perEntity ?? 200;
    this.#overall = options.overall ?? 10_000;
  }

  /** The host name a message is attributed by: its own HOSTNAME field, else the sender's address. */
  static hostnameOf(message: SyslogMessage, peer: string): string {
    return message.hostname ?? peerAddress(peer);
  }

  add(message: SyslogMessage, peer: string, entityId: EntityId | undefined): SyslogEvent {
    const hostname = SyslogEventLog.hostnameOf(message, peer);
    const event: SyslogEvent = {
      ts: message.ts,
      entityId,
      hostname,
      severity: message.severity,
      severityName: message.severityName,
      facility: message.facility,
      ...(message.appName ? { appName: message.appName } : {}),
      ...(message.procId ? { procId: message.procId } : {}),
      ...(message.msgId ? { msgId: message.msgId } : {}),
      message: message.message,
      structuredData: message.structuredData,
    };
    pushBounded(this.#recent, event, this.#overall);
    if (entityId) {
      let ring = this.#byEntity.get(entityId);
      if (!ring) {
        ring = [];
        this.#byEntity.set(entityId, ring);
      }
      pushBounded(ring, event, this.#perEntity);
    }
    let counts = this.#counts.get(hostname);
    if (!counts) {
      counts = { messages: 0, errors: 0 };
      this.#counts.set(hostname, counts);
    }
    counts.messages++;
    if (message.severity <= errorSeverity) counts.errors++;
    return event;
  }

  /** Newest first; `maxSeverity` 3 gives errors and worse. */
  list(options: { entityId?: EntityId; maxSeverity?: number; limit?: number } = {}): SyslogEvent[] {
    const source = options.entityId ? (this.#byEntity.get(options.entityId) ?? []) : this.#recent;
    const out: SyslogEvent[] = [];
    const limit = options.limit ?? 100;
    for (let i = source.length - 1; i >= 0 && out.length < limit; i--) {
      const event = source[i] as SyslogEvent;
      if (options.maxSeverity === undefined || event.severity <= options.maxSeverity) out.push(event);
    }
    return out;
  }

  /** The per-host counters as cumulative samples, for the mirror to turn into rates. */
  counterSamples(nowMs: number): RawSample[] {
    const out: RawSample[] = [];
    for (const [hostname, counts] of this.#counts) {
      const labels = { hostname };
      out.push({ name: 'syslog_messages_total', labels, value: counts.messages, ts: nowMs, type: 'counter' });
      out.push({ name: 'syslog_errors_total', labels, value: counts.errors, ts: nowMs, type: 'counter' });
    }
    return out;
  }
}

function pushBounded<T>(ring: T[], item: T, max: number): void {
  ring.push(item);
  if (ring.length > max * 1.25) ring.splice(0, ring.length - max);
}

/** `127.0.0.1:51234` or `[::1]:514` → the address alone. */
function peerAddress(peer: string): string {
  if (peer.startsWith('[')) return peer.slice(1, peer.indexOf(']'));
  const colon = peer.lastIndexOf(':');
  return colon > 0 && peer.indexOf(':') === colon ? peer.slice(0, colon) : peer;
}
