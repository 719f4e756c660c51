import type { WebSocket } from '@fastify/websocket';
import { Value } from '@sinclair/typebox/value';
import {
  type LiveChangeMessage,
  type LiveServerMessage,
  type LiveStateMessage,
  type LiveSubscribeMessage,
  LiveSubscribeMessageSchema,
} from '../contract/index.js';
import {
  type AlertBook,
  type AlertChange,
  type Entity,
  type EntityId,
  formatLabelSelector,
  InputError,
  kindOfId,
  type LabelSelector,
  type MetricValue,
  matchesSelector,
  parseLabelSelector,
  type Twin,
  type TwinEvent,
  type TwinView,
} from '../model/index.js';
import type { AuthService, Principal } from './auth-service.js';

export interface LiveSessionOptions {
  /** State messages of one entity are merged over this window. */
  coalesceMs: number;
  /** Above this many bytes queued on the socket, messages are dropped rather than buffered. */
  maxBufferedBytes: number;
  /** A client that sends no `auth` message within this time is disconnected. */
  authTimeoutMs: number;
  /** Ping interval; a client that missed the previous pong is disconnected. */
  heartbeatMs: number;
}

export const defaultLiveSessionOptions: LiveSessionOptions = {
  coalesceMs: 50,
  maxBufferedBytes: 1024 * 1024,
  authTimeoutMs: 10_000,
  heartbeatMs: 30_000,
};

/** Close codes in the private range, mirroring HTTP: the client can tell why it was closed. */
const closeUnauthenticated = 4401;
const closeInternalError = 1011;
const maxEntityIdsPerChange = 1000;

interface Filter {
  ids: ReadonlySet<EntityId> | undefined;
  kinds: ReadonlySet<string> | undefined;
  selector: LabelSelector | undefined;
  /** `health`: a state update is passed on only when it changed the entity's health. */
  states: NonNullable<LiveSubscribeMessage['states']>;
}

/**
 * One live WebSocket client: authentication (header or first message), its subscription filter,
 * coalescing of state updates and dropping for slow readers. Subscribes to the twin only once
 * the client has subscribed, and always unsubscribes on close.
 */
export class LiveSession {
  readonly #socket: WebSocket;
  readonly #twin: Twin;
  readonly #auth: AuthService;
  readonly #options: LiveSessionOptions;
  readonly #onError: (error: unknown) => void;
  #principal: Principal | null;
  #filter: Filter | undefined;
  #unsubscribe: (() => void) | undefined;
  #unsubscribeAlerts: (() => void) | undefined;
  readonly #alerts: AlertBook | undefined;
  readonly #pending = new Map<EntityId, { kind: string; metrics: Record<string, MetricValue> }>();
  #flushTimer: NodeJS.Timeout | undefined;
  #lastFlushAt = 0;
  #authTimer: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #alive = true;
  #dropped = 0;
  #closed = false;

  constructor(
    socket: WebSocket,
    deps: { twin: Twin; auth: AuthService; alerts?: AlertBook; onError: (error: unknown) => void },
    principal: Principal | null,
    options: LiveSessionOptions,
  ) {
    this.#socket = socket;
    this.#onError = deps.onError;
    this.#twin = deps.twin;
    this.#alerts = deps.alerts;
    this.#auth = deps.auth;
    this.#principal = principal;
    this.#options = options;
  }

  start(): void {
    const socket = this.#socket;
    socket.on('message', (data, isBinary) => this.#guard(() => this.#onMessage(data.toString(), isBinary)));
    socket.on('close', () => this.#close());
    socket.on('error', () => this.#close());
    socket.on('pong', () => {
      this.#alive = true;
    });
    this.#heartbeat = setInterval(() => this.#guard(() => this.#beat()), this.#options.heartbeatMs);
    this.#heartbeat.unref();
    if (this.#principal === null) {
      this.#authTimer = setTimeout(
        () => this.#end(closeUnauthenticated, 'no auth message in time'),
        this.#options.authTimeoutMs,
      );
      this.#authTimer.unref();
    } else {
      this.#ready(this.#principal);
    }
  }

  #onMessage(text: string, isBinary: boolean): void {
    const message = isBinary ? undefined : parseJson(text);
    if (message === undefined) {
      this.#error('a message must be a JSON object in a text frame');
    } else if (this.#principal === null) {
      this.#authenticate(message);
    } else if (message.type === 'subscribe') {
      this.#subscribe(message);
    } else if (message.type === 'auth') {
      this.#error('already authenticated');
    } else {
      this.#error(`unknown message type ${JSON.stringify(message.type)}: expected subscribe`);
    }
  }

  #authenticate(message: Record<string, unknown>): void {
    const principal =
      message.type === 'auth' && typeof message.token === 'string'
        ? this.#auth.verify(message.token)
        : undefined;
    if (principal === undefined) {
      const why =
        message.type === 'auth'
          ? 'the token is unknown or revoked'
          : 'the first message must be {"type":"auth","token":"…"}';
      this.#end(closeUnauthenticated, why);
      return;
    }
    clearTimeout(this.#authTimer);
    this.#principal = principal;
    this.#ready(principal);
  }

  #ready(principal: Principal): void {
    this.#send({ type: 'ready', name: principal.name, role: principal.role });
  }

  #subscribe(message: Record<string, unknown>): void {
    if (!Value.Check(LiveSubscribeMessageSchema, message)) {
      const issues = [...Value.Errors(LiveSubscribeMessageSchema, message)].slice(0, 20).map((error) => ({
        field: error.path.replace(/^\//, '').replace(/\//g, '.') || 'message',
        message: error.message,
      }));
      this.#send({ type: 'error', message: 'malformed subscribe message', issues });
      return;
    }
    const subscribe = message as LiveSubscribeMessage;
    let selector: LabelSelector | undefined;
    try {
      selector = subscribe.selector ? parseLabelSelector(subscribe.selector) : undefined;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.#send({ type: 'error', message: error.message, issues: error.issues });
      return;
    }
    const ids = subscribe.ids?.length ? new Set(subscribe.ids) : undefined;
    const kinds = subscribe.kinds?.length ? new Set(subscribe.kinds) : undefined;
    const states = subscribe.states ?? 'all';
    this.#filter = { ids, kinds, selector: selector?.length ? selector : undefined, states };
    this.#pending.clear();
    this.#unsubscribe ??= this.#twin.subscribe((event) => this.#guard(() => this.#onEvent(event)));
    this.#unsubscribeAlerts ??= this.#alerts?.onChange((changes) =>
      this.#guard(() => this.#onAlerts(changes)),
    );
    this.#send({
      type: 'subscribed',
      ids: [...(ids ?? [])],
      kinds: [...(kinds ?? [])],
      selector: selector ? formatLabelSelector(selector) : '',
      states,
    });
  }

  #onEvent(event: TwinEvent): void {
    const filter = this.#filter;
    if (filter === undefined || this.#closed) return;
    if (event.type === 'state') {
      if (!this.#matches(filter, event.entityId, event.kind, this.#twin.live)) return;
      const pending = this.#pending.get(event.entityId);
      if (filter.states === 'health') {
        // No metrics, and no memory of what was sent: the twin tells whether this update changed
        // the health. An entity already due goes out with its health as of the flush.
        if (pending !== undefined || !event.healthChanged()) return;
        this.#pending.set(event.entityId, { kind: event.kind, metrics: {} });
      } else if (pending) Object.assign(pending.metrics, event.metrics);
      else this.#pending.set(event.entityId, { kind: event.kind, metrics: { ...event.metrics } });
      if (this.#flushTimer === undefined) {
        // Leading edge: the first change after a quiet window goes out at once (after the events
        // of this tick have been merged); later ones wait for the window's end. Fresh, yet bounded.
        const sinceLast = Date.now() - this.#lastFlushAt;
        const wait = sinceLast >= this.#options.coalesceMs ? 0 : this.#options.coalesceMs - sinceLast;
        this.#flushTimer = setTimeout(() => this.#guard(() => this.#flush()), wait);
      }
    } else if (event.type === 'change') {
      this.#onChange(filter, event);
    } else if (event.type === 'fork') {
      this.#send({ type: 'fork', action: event.action, forkId: event.fork.id, name: event.fork.name });
    }
  }

  /** Alerts that involve an entity the client follows. */
  #onAlerts(changes: readonly AlertChange[]): void {
    const filter = this.#filter;
    if (filter === undefined || this.#closed) return;
    const live = this.#twin.live;
    for (const { action, alert } of changes) {
      const involved = alert.entities.length > 0 ? alert.entities : [alert.entityId];
      if (!involved.some((id) => this.#matches(filter, id, undefined, live))) continue;
      this.#send({ type: 'alert', action, alert });
    }
  }

  #onChange(filter: Filter, event: Extract<TwinEvent, { type: 'change' }>): void {
    const { changeSet, fork } = event;
    let entityIds = event.entityIds;
    if (filter.ids || filter.kinds || filter.selector) {
      const view = fork === undefined ? this.#twin.live : this.#twin.view({ fork });
      // Removed entities are gone from the view: look them up just before this change set.
      const before = fork === undefined ? this.#twin.view({ seq: changeSet.seq - 1 }) : undefined;
      entityIds = entityIds.filter((id) => this.#matches(filter, id, undefined, view, before));
      if (entityIds.length === 0) return;
    }
    const message: LiveChangeMessage = {
      type: 'change',
      seq: changeSet.seq,
      actor: changeSet.actor,
      reason: changeSet.reason,
      opCount: changeSet.opCount,
      entityIds: entityIds.slice(0, maxEntityIdsPerChange),
    };
    if (fork !== undefined) message.fork = fork;
    if (entityIds.length > maxEntityIdsPerChange) message.truncated = true;
    this.#send(message);
  }

  #matches(
    filter: Filter,
    id: EntityId,
    kind: string | undefined,
    view: TwinView,
    before?: TwinView,
  ): boolean {
    if (filter.ids && !filter.ids.has(id)) return false;
    if (filter.kinds && !filter.kinds.has(kind ?? kindOfId(id))) return false;
    if (filter.selector) {
      const entity: Entity | undefined = view.entity(id) ?? before?.entity(id);
      if (entity === undefined || !matchesSelector(entity.labels, filter.selector)) return false;
    }
    return true;
  }

  #flush(): void {
    this.#flushTimer = undefined;
    this.#lastFlushAt = Date.now();
    const live = this.#twin.live;
    for (const [entityId, { kind, metrics }] of this.#pending) {
      const entity = live.entity(entityId);
      if (entity === undefined) continue;
      const { health, reasons } = this.#twin.health(live, entity);
      const message: LiveStateMessage = { type: 'state', entityId, kind, metrics, health, reasons };
      this.#send(message);
    }
    this.#pending.clear();
  }

  #beat(): void {
    if (this.#principal !== null && !this.#auth.isActive(this.#principal.tokenId)) {
      this.#end(closeUnauthenticated, 'the token was revoked');
    } else if (!this.#alive) {
      this.#socket.terminate();
      this.#close();
    } else {
      this.#alive = false;
      this.#socket.ping();
    }
  }

  /** Sends unless the client is too far behind; then counts the drop and says so when it catches up. */
  #send(message: LiveServerMessage): void {
    const socket = this.#socket;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > this.#options.maxBufferedBytes) {
      this.#dropped++;
      return;
    }
    if (this.#dropped > 0) {
      socket.send(JSON.stringify({ type: 'lagged', dropped: this.#dropped }));
      this.#dropped = 0;
    }
    socket.send(JSON.stringify(message));
  }

  #error(message: string): void {
    this.#send({ type: 'error', message });
  }

  #end(code: number, reason: string): void {
    this.#send({ type: 'error', message: reason });
    this.#socket.close(code, reason);
    this.#close();
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    this.#unsubscribeAlerts?.();
    clearTimeout(this.#flushTimer);
    clearTimeout(this.#authTimer);
    clearInterval(this.#heartbeat);
    this.#pending.clear();
  }

  /** A client's message or a twin event must never take the server down. */
  #guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.#onError(error);
      this.#socket.close(closeInternalError, 'internal error');
      this.#close();
    }
  }
}

/** A JSON object, or undefined for anything else. */
function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
