import type { LiveServerMessage, LiveSubscribeMessage } from '../contract';

/** connecting: first attempt; live: subscribed; reconnecting: lost, trying again; refused: the token was refused. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'refused';

/** What to stream; each list given narrows it, as in the protocol's `subscribe` (docs/api.md). */
export interface LiveFilter {
  ids?: readonly string[];
  kinds?: readonly string[];
  selector?: string;
  /**
   * `health`: a `state` message only when an entity's health changes, without metrics; `all`
   * (the default): one for every metric update.
   */
  states?: LiveSubscribeMessage['states'];
}

export interface LiveHandlers {
  onMessage(message: LiveServerMessage): void;
  /** Messages may have been missed (the socket reconnected, or the server dropped some): refetch. */
  onResync?(): void;
  onStatus?(status: LiveStatus): void;
}

export interface LiveConnectionOptions extends LiveHandlers {
  token: string;
  filter: LiveFilter;
  /** ws(s)://host/api/live; by default the origin that served the UI. */
  url?: string;
}

/** The server closes with this code when the token is missing, unknown or revoked. */
const refusedCode = 4401;
const firstRetryMs = 1_000;
const longestRetryMs = 15_000;

/**
 * One WebSocket to /api/live: authenticates in the first message (a browser cannot set the
 * Authorization header, and a token in the URL would end up in logs), subscribes with the filter,
 * and reconnects with a growing delay until closed or refused.
 */
export class LiveConnection {
  private socket: WebSocket | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryMs = firstRetryMs;
  private subscribedBefore = false;
  private closed = false;

  constructor(private readonly options: LiveConnectionOptions) {}

  open(): void {
    this.closed = false;
    this.connect();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket === undefined) return;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = null;
    // Closing a socket that is still connecting makes the browser log an error: let it open first.
    if (socket.readyState === WebSocket.CONNECTING) socket.onopen = () => socket.close(1000);
    else socket.close(1000);
  }

  private connect(): void {
    this.options.onStatus?.(this.subscribedBefore ? 'reconnecting' : 'connecting');
    const socket = new WebSocket(this.options.url ?? defaultLiveUrl());
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token: this.options.token }));
    socket.onmessage = (event) => this.receive(socket, event);
    socket.onclose = (event) => this.lost(event.code);
  }

  private receive(socket: WebSocket, event: MessageEvent): void {
    if (typeof event.data !== 'string') return;
    const message = JSON.parse(event.data) as LiveServerMessage;
    if (message.type === 'ready') {
      socket.send(JSON.stringify(subscribeMessage(this.options.filter)));
    } else if (message.type === 'subscribed') {
      this.retryMs = firstRetryMs;
      this.options.onStatus?.('live');
      if (this.subscribedBefore) this.options.onResync?.();
      this.subscribedBefore = true;
    } else if (message.type === 'lagged') {
      this.options.onResync?.();
    }
    this.options.onMessage(message);
  }

  private lost(code: number): void {
    this.socket = undefined;
    if (this.closed) return;
    if (code === refusedCode) {
      this.options.onStatus?.('refused');
      return;
    }
    this.options.onStatus?.('reconnecting');
    this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, longestRetryMs);
  }
}

/** The protocol's `subscribe` for a filter: empty lists and the defaults are left out. */
export function subscribeMessage(filter: LiveFilter): LiveSubscribeMessage {
  return {
    type: 'subscribe',
    ...(filter.ids?.length ? { ids: [...filter.ids] } : {}),
    ...(filter.kinds?.length ? { kinds: [...filter.kinds] } : {}),
    ...(filter.selector ? { selector: filter.selector } : {}),
    ...(filter.states && filter.states !== 'all' ? { states: filter.states } : {}),
  };
}

function defaultLiveUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/live`;
}
