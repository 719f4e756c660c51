import dgram from 'node:dgram';
import net, { type AddressInfo } from 'node:net';
import { describeIssue } from './formats/decode-issue-text.js';
import { type SyslogFrame, SyslogFrameSplitter } from './formats/syslog-framing.js';
import { parseSyslogMessage, type SyslogMessage } from './formats/syslog-message.js';

export interface SyslogListenerOptions {
  /** Default 127.0.0.1: the estate opts in to listening beyond the host. */
  host?: string;
  /** UDP port (RFC 5426); 0 for an ephemeral one; no UDP socket when absent. */
  udpPort?: number;
  /** TCP port (RFC 6587); 0 for an ephemeral one; no TCP server when absent. */
  tcpPort?: number;
  /** Largest message accepted, in bytes; default 65,536 (a UDP datagram cannot be larger). */
  maxMessageBytes?: number;
  /** Open TCP connections at most; further ones are closed at once. Default 256. */
  maxConnections?: number;
  onMessage: (message: SyslogMessage, peer: string) => void;
  onDropped?: (reason: string, peer: string) => void;
  /** Epoch milliseconds of receipt; default Date.now. */
  clock?: () => number;
}

/** Why a message (or, for `connections`, a TCP connection) was dropped. */
export type SyslogDropReason = 'invalid' | 'oversized' | 'framing' | 'connections' | 'handler';

export interface SyslogListenerStats {
  /** Messages that arrived: datagrams and TCP frames, good or bad. */
  received: number;
  /** By reason; `connections` counts refused connections, `handler` messages whose onMessage threw. */
  dropped: Record<SyslogDropReason, number>;
  /** Socket errors survived (resets, aborted connections). */
  errors: number;
  /** TCP connections open now. */
  connections: number;
}

const defaultMaxMessageBytes = 65_536;
const defaultMaxConnections = 256;

/**
 * Receives syslog over UDP (one message a datagram) and TCP (octet-counted or LF-framed, per
 * RFC 6587) and hands each parsed message to `onMessage`. Nothing a peer sends can throw out of it:
 * bad messages, oversized ones, surplus connections, socket errors and a throwing `onMessage` are
 * counted in `stats()` and reported through `onDropped`; a TCP connection stays open past a bad
 * message.
 */
export class SyslogListener {
  readonly #options: SyslogListenerOptions;
  readonly #maxBytes: number;
  readonly #maxConnections: number;
  readonly #clock: () => number;
  readonly #connections = new Set<net.Socket>();
  #udp: dgram.Socket | undefined;
  #tcp: net.Server | undefined;
  #received = 0;
  #errors = 0;
  readonly #dropped: Record<SyslogDropReason, number> = {
    invalid: 0,
    oversized: 0,
    framing: 0,
    connections: 0,
    handler: 0,
  };

  private constructor(options: SyslogListenerOptions) {
    this.#options = options;
    this.#maxBytes = options.maxMessageBytes ?? defaultMaxMessageBytes;
    this.#maxConnections = options.maxConnections ?? defaultMaxConnections;
    this.#clock = options.clock ?? Date.now;
  }

  static async start(options: SyslogListenerOptions): Promise<SyslogListener> {
    const listener = new SyslogListener(options);
    const host = options.host ?? '127.0.0.1';
    try {
      if (options.udpPort !== undefined) await listener.#bindUdp(host, options.udpPort);
      if (options.tcpPort !== undefined) await listener.#listenTcp(host, options.tcpPort);
    } catch (error) {
      await listener.close();
      throw error;
    }
    return listener;
  }

  udpAddress(): AddressInfo | undefined {
    return this.#udp?.address();
  }

  tcpAddress(): AddressInfo | undefined {
    const address = this.#tcp?.address();
    return address !== null && typeof address === 'object' ? address : undefined;
  }

  stats(): SyslogListenerStats {
    return {
      received: this.#received,
      dropped: { ...this.#dropped },
      errors: this.#errors,
      connections: this.#connections.size,
    };
  }

  async close(): Promise<void> {
    const udp = this.#udp;
    const tcp = this.#tcp;
    this.#udp = undefined;
    this.#tcp = undefined;
    for (const socket of this.#connections) socket.destroy();
    this.#connections.clear();
    await Promise.all([
      udp === undefined ? undefined : new Promise<void>((resolve) => udp.close(() => resolve())),
      tcp === undefined ? undefined : new Promise<void>((resolve) => tcp.close(() => resolve())),
    ]);
  }

  async #bindUdp(host: string, port: number): Promise<void> {
    const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    socket.on('error', () => this.#errors++);
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    this.#udp = socket;
    socket.on('message', (datagram, remote) => this.#onDatagram(datagram, remote));
  }

  #onDatagram(datagram: Buffer, remote: dgram.RemoteInfo): void {
    this.#received++;
    const peer = peerName(remote.address, remote.port);
    if (datagram.length > this.#maxBytes) {
      this.#drop(
        'oversized',
        `datagram of ${datagram.length} bytes exceeds the limit of ${this.#maxBytes}`,
        peer,
      );
      return;
    }
    this.#deliver(datagram.toString('utf8'), peer, remote.address);
  }

  async #listenTcp(host: string, port: number): Promise<void> {
    const server = net.createServer((socket) => this.#onConnection(socket));
    this.#tcp = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', () => this.#errors++);
  }

  #onConnection(socket: net.Socket): void {
    const address = socket.remoteAddress ?? 'unknown';
    const peer = peerName(address, socket.remotePort ?? 0);
    socket.on('error', () => this.#errors++);
    if (this.#connections.size >= this.#maxConnections) {
      this.#drop('connections', `already ${this.#connections.size} connections open`, peer);
      socket.destroy();
      return;
    }
    this.#connections.add(socket);
    const splitter = new SyslogFrameSplitter({ maxMessageBytes: this.#maxBytes });
    socket.on('data', (chunk: Buffer) => this.#onFrames(splitter.push(chunk), peer, address));
    socket.on('end', () => {
      this.#onFrames(splitter.end(), peer, address);
      socket.end();
    });
    socket.on('close', () => this.#connections.delete(socket));
  }

  #onFrames(frames: SyslogFrame[], peer: string, address: string): void {
    for (const frame of frames) {
      this.#received++;
      if (frame.ok) this.#deliver(frame.message, peer, address);
      else this.#drop(frame.reason, describeIssue(frame.issue), peer);
    }
  }

  #deliver(text: string, peer: string, address: string): void {
    const parsed = parseSyslogMessage(text, { nowMs: this.#clock(), receivedFrom: address });
    if (!parsed.ok) {
      this.#drop('invalid', describeIssue(parsed.issue), peer);
      return;
    }
    try {
      this.#options.onMessage(parsed.message, peer);
    } catch (error) {
      this.#drop(
        'handler',
        `onMessage threw: ${error instanceof Error ? error.message : String(error)}`,
        peer,
      );
    }
  }

  #drop(reason: SyslogDropReason, detail: string, peer: string): void {
    this.#dropped[reason]++;
    try {
      this.#options.onDropped?.(`${reason}: ${detail}`, peer);
    } catch {
      // A failing report of a drop must not become a crash; the count above still has it.
    }
  }
}

function peerName(address: string, port: number): string {
  return net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}
