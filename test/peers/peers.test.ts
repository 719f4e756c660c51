import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  freePort,
  type Peer,
  peerAvailable,
  pidAlive,
  prometheusConfig,
  requirePeer,
  startMosquitto,
  startNodeExporter,
  startPrometheus,
  startVictoriaMetrics,
} from './peers.js';

const started: Peer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((peer) => peer.stop()));
});

async function track(peer: Promise<Peer>): Promise<Peer> {
  const value = await peer;
  started.push(value);
  return value;
}

async function expectStopped(peer: Peer): Promise<void> {
  await peer.stop();
  expect(pidAlive(peer.pid)).toBe(false);
  expect(existsSync(peer.dir)).toBe(false);
  await peer.stop();
}

describe('peer helpers', () => {
  it('finds a free loopback port', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => reject(new Error('something listens on the "free" port')));
      socket.once('error', () => resolve());
    });
  });

  it('knows which binaries exist', () => {
    expect(peerAvailable('sh')).toBe(true);
    expect(peerAvailable('no-such-peer-binary-xyz')).toBe(false);
  });

  it('fails a missing peer under CI and skips it loudly elsewhere', () => {
    const saved = process.env.CI;
    try {
      process.env.CI = 'true';
      expect(() => requirePeer('no-such-peer-binary-xyz')).toThrow(/not installed/);
      process.env.CI = '';
      expect(requirePeer('no-such-peer-binary-xyz')).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });

  it('puts a bearer token in the remote_write authorization block, not in headers', () => {
    const yaml = prometheusConfig({
      scrapeTargets: ['127.0.0.1:9100'],
      remoteWriteUrl: 'http://127.0.0.1:1/api/v1/write',
      remoteWriteHeaders: { Authorization: 'Bearer s3cret', 'X-Scope': 'a' },
      extraLabels: { site: 'lab' },
    });
    expect(yaml).toContain('credentials: s3cret');
    expect(yaml).toContain('batch_send_deadline: 1s');
    expect(yaml).toContain('X-Scope: a');
    expect(yaml).not.toContain('Authorization');
    expect(yaml).toContain('site: lab');
  });
});

describe.skipIf(!requirePeer('node-exporter'))('node_exporter', () => {
  it('starts, serves /metrics, stops', async () => {
    const peer = await track(startNodeExporter());
    const text = await (await fetch(`${peer.url}/metrics`)).text();
    expect(text).toContain('node_cpu_seconds_total');
    await expectStopped(peer);
  });
});

describe.skipIf(!requirePeer('victoria-metrics'))('VictoriaMetrics', () => {
  it('starts, is healthy, stops', async () => {
    const peer = await track(startVictoriaMetrics());
    expect((await fetch(`${peer.url}/health`)).status).toBe(200);
    await expectStopped(peer);
  });
});

describe.skipIf(!requirePeer('prometheus') || !requirePeer('node-exporter'))('Prometheus', () => {
  it('scrapes node_exporter and forwards it by remote_write to a receiving Prometheus', async () => {
    const exporter = await track(startNodeExporter());
    const receiver = await track(startPrometheus({ enableRemoteWriteReceiver: true }));
    const sender = await track(
      startPrometheus({
        scrapeTargets: [`127.0.0.1:${exporter.port}`],
        remoteWriteUrl: `${receiver.url}/api/v1/write`,
        // Also proves Prometheus accepts the authorization block the token is turned into.
        remoteWriteHeaders: { Authorization: 'Bearer test-token' },
        extraLabels: { site: 'lab' },
      }),
    );
    expect((await fetch(`${sender.url}/-/ready`)).status).toBe(200);
    // The first remote_write arrives ≈ 6 s after start (PEERS.md).
    let count = 0;
    for (let tries = 0; tries < 100 && count === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const response = await fetch(
        `${receiver.url}/api/v1/query?query=count(node_cpu_seconds_total{site="lab"})`,
      );
      const body = (await response.json()) as { data: { result: Array<{ value: [number, string] }> } };
      count = Number(body.data.result[0]?.value[1] ?? 0);
    }
    expect(count).toBeGreaterThan(0);
    // Sender first: stopped after its receiver it would hang on the flush (PEERS.md).
    await expectStopped(sender);
    await expectStopped(receiver);
    await expectStopped(exporter);
  });
});

describe.skipIf(!requirePeer('mosquitto'))('Mosquitto', () => {
  it('starts a second broker on its own port, accepts a client, stops', async () => {
    const peer = await track(startMosquitto());
    expect(peer.port).not.toBe(1883);
    expect(peer.url).toBe(`mqtt://127.0.0.1:${peer.port}`);
    await expectStopped(peer);
  });
});

describe.skipIf(!requirePeer('victoria-metrics'))('several peers at once', () => {
  it('get distinct ports and all stop', async () => {
    const peers = await Promise.all([0, 1, 2].map(() => track(startVictoriaMetrics())));
    expect(new Set(peers.map((peer) => peer.port)).size).toBe(3);
    for (const peer of peers) await expectStopped(peer);
  });
});
