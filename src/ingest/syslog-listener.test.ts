import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { hostname } from 'node:os';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyslogMessage } from './formats/syslog-message.js';
import { SyslogListener, type SyslogListenerOptions } from './syslog-listener.js';

const run = promisify(execFile);
const hasLogger = existsSync('/usr/bin/logger') || existsSync('/bin/logger');
const shortHost = hostname().split('.')[0]!;

interface Received {
  message: SyslogMessage;
  peer: string;
}

const listeners: SyslogListener[] = [];

afterEach(async () => {
  await Promise.all(listeners.splice(0).map((listener) => listener.close()));
});

async function startListener(options: Partial<SyslogListenerOptions> = {}) {
  const received: Received[] = [];
  const dropped: string[] = [];
  const listener = await SyslogListener.start({
    udpPort: 0,
    tcpPort: 0,
    onMessage: (message, peer) => received.push({ message, peer }),
    onDropped: (reason) => dropped.push(reason),
    ...options,
  });
  listeners.push(listener);
  return {
    listener,
    received,
    dropped,
    udpPort: listener.udpAddress()!.port,
    tcpPort: listener.tcpAddress()!.port,
  };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function sendUdp(port: number, ...datagrams: Array<string | Buffer>): Promise<void> {
  const socket = dgram.createSocket('udp4');
  for (const datagram of datagrams) {
    await new Promise<void>((resolve, reject) =>
      socket.send(datagram, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
    );
  }
  socket.close();
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe.skipIf(!hasLogger)('syslog listener: what logger(1) sends', () => {
  it('receives RFC 5424 over UDP with structured data', async () => {
    const { received, udpPort } = await startListener();
    await run('logger', [
      ...['--server', '127.0.0.1', '--port', String(udpPort), '--udp', '--rfc5424'],
      ...['-t', 'myapp', '-p', 'local3.warning', '--msgid', 'ID47'],
      ...[
        '--sd-id',
        'exampleSDID@32473',
        '--sd-param',
        'iut="3"',
        '--sd-param',
        'eventSource="App\\]li\\"ca"',
      ],
      'hello over udp',
    ]);
    await waitFor(() => received.length === 1, 'the message');
    const [{ message, peer }] = received as [Received];
    expect(message).toMatchObject({
      format: 'rfc5424',
      facility: 19,
      severity: 4,
      severityName: 'warning',
      appName: 'myapp',
      msgId: 'ID47',
      message: 'hello over udp',
    });
    expect(message.hostname?.startsWith(shortHost)).toBe(true);
    expect(message.structuredData['exampleSDID@32473']).toEqual({ iut: '3', eventSource: 'App]li"ca' });
    expect(message.structuredData.timeQuality).toBeDefined();
    expect(Math.abs(message.ts - Date.now())).toBeLessThan(60_000);
    expect(peer).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('receives RFC 3164 over UDP', async () => {
    const { received, udpPort } = await startListener();
    await run('logger', [
      '--server',
      '127.0.0.1',
      '--port',
      String(udpPort),
      '--udp',
      '--rfc3164',
      '-t',
      'myapp',
      '-i',
      'hello 3164',
    ]);
    await waitFor(() => received.length === 1, 'the message');
    expect(received[0]?.message).toMatchObject({
      format: 'rfc3164',
      facility: 1,
      severityName: 'notice',
      hostname: shortHost,
      appName: 'myapp',
      message: 'hello 3164',
    });
    expect(received[0]?.message.procId).toMatch(/^\d+$/);
  });

  it('receives octet-counted RFC 5424 and LF-framed RFC 3164 over TCP', async () => {
    const { received, tcpPort } = await startListener();
    const server = ['--server', '127.0.0.1', '--port', String(tcpPort), '--tcp'];
    await run('logger', [
      ...server,
      '--rfc5424',
      '--octet-count',
      '-t',
      'counted',
      '-p',
      'auth.err',
      'first',
    ]);
    await run('logger', [...server, '--rfc3164', '-t', 'lf', '-p', 'daemon.debug', 'second']);
    await waitFor(() => received.length === 2, 'both messages');
    const byApp = Object.fromEntries(received.map(({ message }) => [message.appName, message]));
    expect(byApp.counted).toMatchObject({
      format: 'rfc5424',
      facility: 4,
      severityName: 'err',
      message: 'first',
    });
    expect(byApp.lf).toMatchObject({
      format: 'rfc3164',
      facility: 3,
      severityName: 'debug',
      message: 'second',
    });
  });
});

describe('syslog listener: raw clients', () => {
  it('drops and counts bad and oversized datagrams, and delivers the good ones', async () => {
    const { listener, received, dropped, udpPort } = await startListener({ maxMessageBytes: 64 });
    await sendUdp(udpPort, 'no pri here', `<13>${'x'.repeat(100)}`, '<13>1 - host app 42 - - fine\n');
    await waitFor(() => listener.stats().received === 3, 'three datagrams');
    expect(received.map((r) => r.message)).toMatchObject([
      { hostname: 'host', procId: '42', message: 'fine' },
    ]);
    expect(dropped).toEqual([
      'invalid: column 1: expected "<PRI>" at the start of the message',
      'oversized: datagram of 104 bytes exceeds the limit of 64',
    ]);
    expect(listener.stats()).toEqual({
      received: 3,
      dropped: { invalid: 1, oversized: 1, framing: 0, connections: 0, handler: 0 },
      errors: 0,
      connections: 0,
    });
  });

  it('keeps a TCP connection open past bad messages, with both framings on it', async () => {
    const { listener, received, dropped, tcpPort } = await startListener({ maxMessageBytes: 64 });
    const socket = await connect(tcpPort);
    const counted = '<14>1 2026-01-02T03:04:05.678+01:00 h app - - [a@1 k="v"] é🙂';
    socket.write(`${Buffer.byteLength(counted)} ${counted}garbage\n<13>Jan  2 03:04:05 h t: one`);
    socket.write(`\n999 ${'z'.repeat(999)}<13>Jan  2 03:04:05 h t: two\n`);
    await waitFor(() => received.length === 3, 'three messages');
    expect(dropped).toEqual([
      'invalid: column 1: expected "<PRI>" at the start of the message',
      'oversized: at byte 104 of the stream: message of 999 bytes exceeds the limit of 64',
    ]);
    socket.write('<13>Jan  2 03:04:05 h t: after the bad ones\n');
    await waitFor(() => received.length === 4, 'the message after the bad ones');
    expect(received.map((r) => r.message.message)).toEqual(['é🙂', 'one', 'two', 'after the bad ones']);
    expect(received[0]?.message).toMatchObject({
      ts: Date.UTC(2026, 0, 2, 2, 4, 5, 678),
      structuredData: { 'a@1': { k: 'v' } },
    });
    expect(listener.stats().connections).toBe(1);
    socket.end('<13>Jan  2 03:04:05 h t: unterminated at close');
    await waitFor(() => received.length === 5, 'the message flushed at close');
    await waitFor(() => listener.stats().connections === 0, 'the connection to close');
  });

  it('refuses connections over the cap and survives resets', async () => {
    const { listener, tcpPort } = await startListener({ maxConnections: 1 });
    const first = await connect(tcpPort);
    await waitFor(() => listener.stats().connections === 1, 'the first connection');
    const second = await connect(tcpPort);
    await new Promise((resolve) => second.on('close', resolve));
    expect(listener.stats().dropped.connections).toBe(1);
    first.resetAndDestroy();
    await waitFor(() => listener.stats().connections === 0, 'the reset connection to go');
    const third = await connect(tcpPort);
    await waitFor(() => listener.stats().connections === 1, 'a new connection after the reset');
    third.destroy();
  });

  it('counts a throwing onMessage and goes on; dates nil timestamps with its clock', async () => {
    let calls = 0;
    const { listener, udpPort } = await startListener({
      clock: () => 1_234_000,
      onMessage: (message) => {
        calls++;
        if (message.message === 'boom') throw new Error('handler failed');
        expect(message.ts).toBe(1_234_000);
      },
    });
    await sendUdp(udpPort, '<13>1 - h a - - - boom', '<13>1 - h a - - - fine');
    await waitFor(() => calls === 2, 'both messages');
    expect(listener.stats().dropped.handler).toBe(1);
  });

  it('binds only what it is asked to, on 127.0.0.1 by default, and releases the ports on close', async () => {
    const listener = await SyslogListener.start({ tcpPort: 0, onMessage: () => {} });
    expect(listener.udpAddress()).toBeUndefined();
    const { address, port } = listener.tcpAddress()!;
    expect(address).toBe('127.0.0.1');
    await listener.close();
    const again = await SyslogListener.start({ tcpPort: port, onMessage: () => {} });
    listeners.push(again);
    expect(again.tcpAddress()?.port).toBe(port);
  });

  it('rejects start when a port is taken, leaving nothing open', async () => {
    const { udpPort } = await startListener();
    await expect(SyslogListener.start({ udpPort, onMessage: () => {} })).rejects.toThrow(/EADDRINUSE/);
  });
});
