import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import type { DecodeIssue, RawSample } from '../raw-sample.js';
import { MqttSubscriber, type MqttSubscriberOptions, type MqttTopicRule } from './index.js';

const brokerUrl = 'mqtt://127.0.0.1:1883';
const run = promisify(execFile);

/** Why a peer cannot be used, or undefined when it can. */
async function probeTcp(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(`nothing answered on 127.0.0.1:${port} within 1 s`);
    });
    socket.once('error', (error) => resolve(`127.0.0.1:${port}: ${error.message}`));
  });
}

async function probeCommand(command: string, args: string[]): Promise<string | undefined> {
  try {
    await run(command, args, { timeout: 5000 });
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `${command} is not installed (apt-get install mosquitto-clients)` : undefined;
  }
}

/** In CI a missing peer is a failure; on a workstation a loud skip. */
function requirePeer(what: string, problem: string | undefined): boolean {
  if (problem === undefined) return true;
  if (process.env.CI === 'true') {
    it(`has ${what}`, () => {
      throw new Error(`${what} is required in CI: ${problem}`);
    });
  } else {
    console.warn(`SKIPPING tests that need ${what}: ${problem}`);
  }
  return false;
}

const brokerUp = requirePeer('Mosquitto on 127.0.0.1:1883', await probeTcp(1883));
const mosquittoPubUp = requirePeer('mosquitto_pub', await probeCommand('mosquitto_pub', ['--help']));

const prefix = `infratwin-test/${randomUUID()}`;

interface Received {
  samples: Array<{ samples: RawSample[]; entityId: string | undefined; topic: string }>;
  issues: Array<{ issue: DecodeIssue; topic: string }>;
}

async function startSubscriber(
  rules: MqttTopicRule[],
  extra: Partial<MqttSubscriberOptions> = {},
): Promise<{ subscriber: MqttSubscriber; received: Received }> {
  const received: Received = { samples: [], issues: [] };
  const subscriber = await MqttSubscriber.start({
    url: brokerUrl,
    rules,
    onSamples: (samples, entityId, topic) => received.samples.push({ samples, entityId, topic }),
    onIssue: (issue, topic) => received.issues.push({ issue, topic }),
    connectTimeoutMs: 3000,
    ...extra,
  });
  subscribers.push(subscriber);
  return { subscriber, received };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const subscribers: MqttSubscriber[] = [];
afterEach(async () => {
  await Promise.all(subscribers.splice(0).map((subscriber) => subscriber.close()));
});

const rackRule: MqttTopicRule = {
  topic: `${prefix}/{site}/{room}/{rack}/{metric}`,
  entity: 'rack:{site}/{room}/{rack}',
  metric: '{metric}',
  timestampPath: 'ts',
  labels: { source: 'bms' },
};
const envRule: MqttTopicRule = {
  topic: `${prefix}/env/{site}/{sensor}`,
  entity: 'sensor:{site}/{sensor}',
  metric: 'env_{field}',
};

describe.runIf(brokerUp)('MqttSubscriber against Mosquitto', () => {
  let publisher: MqttClient;
  beforeAll(async () => {
    publisher = await connectAsync(brokerUrl, { clientId: `infratwin-test-pub-${randomUUID().slice(0, 8)}` });
  });
  afterAll(async () => {
    await publisher?.endAsync();
  });

  it('decodes messages published with mqtt.js into samples with entity ids from the captures', async () => {
    const { subscriber, received } = await startSubscriber([envRule, rackRule]);
    const before = Date.now();
    await publisher.publishAsync(
      `${prefix}/dc1/room-a/rack-12/inlet_temp`,
      '{"value": 24.5, "ts": 1764000000000}',
    );
    await publisher.publishAsync(`${prefix}/dc1/room-a/rack-12/outlet_temp`, '31.25');
    await publisher.publishAsync(`${prefix}/env/dc1/s7`, '{"temperature": 24.5, "humidity": 41}');
    await waitFor(() => received.samples.length === 3, 'three messages');

    const [inlet, outlet, env] = received.samples;
    expect(inlet).toEqual({
      entityId: 'rack:dc1/room-a/rack-12',
      topic: `${prefix}/dc1/room-a/rack-12/inlet_temp`,
      samples: [
        {
          name: 'inlet_temp',
          value: 24.5,
          ts: 1_764_000_000_000,
          labels: {
            source: 'bms',
            __entity: 'rack:dc1/room-a/rack-12',
            topic: `${prefix}/dc1/room-a/rack-12/inlet_temp`,
          },
        },
      ],
    });
    expect(outlet?.samples[0]).toMatchObject({ name: 'outlet_temp', value: 31.25 });
    expect(outlet?.samples[0]?.ts).toBeGreaterThanOrEqual(before);
    expect(outlet?.samples[0]?.ts).toBeLessThanOrEqual(Date.now());
    expect(env?.entityId).toBe('sensor:dc1/s7');
    expect(env?.samples.map(({ name, value }) => [name, value])).toEqual([
      ['env_temperature', 24.5],
      ['env_humidity', 41],
    ]);
    expect(subscriber.stats()).toMatchObject({ messages: 3, samples: 4, connected: true, connects: 1 });
    expect(subscriber.stats().lastMessageAt).toBeGreaterThanOrEqual(before);
  });

  it.runIf(mosquittoPubUp)('decodes messages published with mosquitto_pub, at QoS 0 and 1', async () => {
    const { received } = await startSubscriber([rackRule], { qos: 1 });
    const topic = `${prefix}/dc2/b/r7/power`;
    await run('mosquitto_pub', [
      '-h',
      '127.0.0.1',
      '-p',
      '1883',
      '-t',
      topic,
      '-m',
      '{"value": 812, "ts": 1764000000}',
    ]);
    await run('mosquitto_pub', [
      '-h',
      '127.0.0.1',
      '-p',
      '1883',
      '-q',
      '1',
      '-t',
      topic,
      '-m',
      '{"value": 813}',
    ]);
    await waitFor(() => received.samples.length === 2, 'two messages');
    expect(received.samples.map(({ samples }) => [samples[0]?.value, samples[0]?.labels.__entity])).toEqual([
      [812, received.samples[0]?.samples[0]?.labels.__entity],
      [813, received.samples[0]?.samples[0]?.labels.__entity],
    ]);
    expect(received.samples[0]?.samples[0]?.labels.__entity).toMatch(/r7/);
    expect(received.samples[0]?.samples[0]?.ts).toBe(1_764_000_000_000);
  });

  it('reports bad payloads as issues, counts them, and goes on', async () => {
    const { subscriber, received } = await startSubscriber([rackRule]);
    const topic = `${prefix}/dc1/a/r1/t`;
    await publisher.publishAsync(topic, '{"value": 1,,}');
    await publisher.publishAsync(topic, '{"value": "hot"}');
    await publisher.publishAsync(topic, '{"value": 1, "ts": "yesterday"}');
    await publisher.publishAsync(`${prefix}/dc1/room 1/r1/t`, '1');
    await publisher.publishAsync(topic, '5');
    await waitFor(() => received.samples.length === 1, 'the good message after the bad ones');
    expect(received.issues).toEqual([
      { topic, issue: expect.objectContaining({ kind: 'json', line: 1, column: 13 }) },
      { topic, issue: expect.objectContaining({ kind: 'value', field: 'value' }) },
      { topic, issue: expect.objectContaining({ kind: 'timestamp', field: 'ts' }) },
      { topic: `${prefix}/dc1/room 1/r1/t`, issue: expect.objectContaining({ kind: 'entity' }) },
    ]);
    expect(subscriber.stats().issues).toMatchObject({
      json: 1,
      value: 1,
      timestamp: 1,
      entity: 1,
      handler: 0,
    });
  });

  it('never receives topics no rule asks for, so they cost nothing', async () => {
    const { subscriber, received } = await startSubscriber([rackRule]);
    await publisher.publishAsync(`${prefix}/not/a/rack/topic/at-all`, '1');
    await publisher.publishAsync(`${prefix}/other`, '1');
    await publisher.publishAsync(`${prefix}/dc1/a/r1/sentinel`, '1');
    await waitFor(() => received.samples.length === 1, 'the sentinel');
    expect(received.issues).toEqual([]);
    expect(subscriber.stats().messages).toBe(1);
  });

  it('survives callbacks that throw', async () => {
    let calls = 0;
    const { subscriber } = await startSubscriber([rackRule], {
      onSamples: () => {
        calls++;
        throw new Error('consumer bug');
      },
    });
    await publisher.publishAsync(`${prefix}/dc1/a/r1/t`, '1');
    await publisher.publishAsync(`${prefix}/dc1/a/r1/t`, '2');
    await waitFor(() => calls === 2, 'both messages');
    expect(subscriber.stats()).toMatchObject({ messages: 2, connected: true, issues: { handler: 2 } });
    expect(subscriber.stats().lastError).toMatch(/consumer bug/);
  });

  it('keeps the password out of errors and stats', async () => {
    const { subscriber } = await startSubscriber([rackRule], { username: 'u', password: 'pw-9f2c1d' });
    expect(JSON.stringify(subscriber.stats())).not.toContain('pw-9f2c1d');
  });
});

describe('MqttSubscriber without a broker', () => {
  it('gives up after connectTimeoutMs without showing the password', async () => {
    const port = await freePort();
    const start = Date.now();
    const failure = await MqttSubscriber.start({
      url: `mqtt://127.0.0.1:${port}`,
      rules: [rackRule],
      password: 'pw-7c1e99',
      username: 'u',
      onSamples: () => {},
      connectTimeoutMs: 400,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).toMatch(
      new RegExp(`could not connect to mqtt://127.0.0.1:${port} within 400 ms`),
    );
    expect(String(failure)).not.toContain('pw-7c1e99');
    expect(Date.now() - start).toBeLessThan(3000);
  });

  it('refuses credentials in the URL and bad rules before connecting', async () => {
    const inUrl = await MqttSubscriber.start({
      url: 'mqtt://user:pw-31337@127.0.0.1:1',
      rules: [rackRule],
      onSamples: () => {},
    }).catch((error: unknown) => error);
    expect(inUrl).toBeInstanceOf(InputError);
    expect(String(inUrl)).not.toContain('pw-31337');
    const badRule = await MqttSubscriber.start({
      url: 'mqtt://127.0.0.1:1',
      rules: [{ topic: 'a/{b', entity: 'x:y', metric: 'm' }],
      onSamples: () => {},
    }).catch((error: unknown) => error);
    expect(badRule).toBeInstanceOf(InputError);
    expect((badRule as InputError).issues[0]?.field).toBe('rules[0].topic');
  });
});

const mosquittoUp = brokerUp && requirePeer('the mosquitto daemon', await probeCommand('mosquitto', ['-h']));

describe.runIf(mosquittoUp)('MqttSubscriber with a broker that restarts', () => {
  let dir: string;
  let broker: ChildProcess | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'infratwin-mosquitto-'));
  });
  afterAll(() => {
    broker?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  async function startBroker(port: number): Promise<ChildProcess> {
    const conf = join(dir, 'mosquitto.conf');
    writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
    const child = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
    let ready = false;
    const deadline = Date.now() + 5000;
    while (!ready && child.exitCode === null && Date.now() < deadline) {
      ready = (await probeTcp(port)) === undefined;
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!ready) throw new Error(`mosquitto did not listen on ${port}`);
    return child;
  }

  async function stopBroker(child: ChildProcess): Promise<void> {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  it('reconnects and resubscribes by itself', async () => {
    const port = await freePort();
    broker = await startBroker(port);
    const received: RawSample[] = [];
    const subscriber = await MqttSubscriber.start({
      url: `mqtt://127.0.0.1:${port}`,
      rules: [rackRule],
      onSamples: (samples) => received.push(...samples),
      reconnectPeriodMs: 100,
      connectTimeoutMs: 3000,
    });
    subscribers.push(subscriber);
    await stopBroker(broker);
    await waitFor(() => !subscriber.stats().connected, 'the subscriber to notice');
    broker = await startBroker(port);
    await waitFor(() => subscriber.stats().connected, 'the reconnection');
    expect(subscriber.stats().connects).toBe(2);

    const publisher = await connectAsync(`mqtt://127.0.0.1:${port}`);
    // The resubscription follows the CONNACK; publish until it has reached the broker.
    const deadline = Date.now() + 5000;
    while (received.length === 0 && Date.now() < deadline) {
      await publisher.publishAsync(`${prefix}/dc1/a/r1/after_restart`, '1');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await publisher.endAsync();
    expect(received[0]).toMatchObject({ name: 'after_restart', value: 1 });
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
