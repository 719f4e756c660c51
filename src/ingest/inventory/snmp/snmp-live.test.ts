// SNMP discovery against the real net-snmp agent (Debian's snmpd), started on a free high port of
// 127.0.0.1 with a throw-away configuration (snmpd-agent.fixture.ts). Without snmpd the suite is
// skipped with a loud warning, except in CI (CI=true), where it fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTwinStore, Twin } from '../../../model/index.js';
import { estateToOperations } from '../../estate-file.js';
import { SnmpTimeoutError } from './snmp-errors.js';
import { snmpInventory } from './snmp-mapping.js';
import { pollDevice } from './snmp-poller.js';
import { snmpSamples } from './snmp-samples.js';
import { type Agent, snmpd, startSnmpd, stopSnmpd, warnSnmpdMissing } from './snmpd-agent.fixture.js';

warnSnmpdMissing('Discovery against a real agent');

const community = 'public';

describe.skipIf(snmpd.skip)('SNMP discovery against a real snmpd', () => {
  let agent: Agent | undefined;

  beforeAll(async () => {
    agent = await startSnmpd({ community });
  }, 20_000);

  afterAll(async () => {
    if (agent) await stopSnmpd(agent);
  });

  const target = () => ({ host: '127.0.0.1', port: (agent as Agent).port, community });

  it('reads the system group, the interfaces with their counters and addresses, and no LLDP', async () => {
    const device = await pollDevice(target());
    expect(device.system).toMatchObject({
      name: 'it-switch-1',
      location: 'dc1/a/r01',
      contact: 'noc@example.com',
    });
    expect(device.system.objectId).toMatch(/^1\.3\.6\.1\.4\.1\.8072\.3\.2\./);
    expect(device.system.uptimeSeconds).toBeGreaterThanOrEqual(0);
    const lo = device.interfaces.find((iface) => iface.name === 'lo');
    expect(lo).toMatchObject({ type: 24, mac: null, adminUp: true, operUp: true, counterBits: 64 });
    expect(lo?.ipAddresses).toContain('127.0.0.1');
    for (const iface of device.interfaces) {
      expect(typeof iface.inOctets).toBe('number');
      expect(typeof iface.outOctets).toBe('number');
      expect(iface.index).toBeGreaterThan(0);
    }
    expect(device.neighbours).toEqual([]);
  });

  it('maps onto a real twin and records non-negative rates from two polls a second apart', async () => {
    const first = await pollDevice(target());
    const { document, problems } = snmpInventory([first], { name: 'live' });
    expect(problems).toEqual([]);
    // net-snmp on Linux is a host, whatever it is called.
    expect(document.entities[0]).toMatchObject({
      id: 'host:it-switch-1',
      labels: { 'snmp-location': 'dc1/a/r01' },
      props: { managementIp: '127.0.0.1', os: expect.stringMatching(/^Linux /) },
    });
    expect(document.entities.find((e) => e.id === 'interface:it-switch-1/lo')?.props?.ipAddresses).toContain(
      '127.0.0.1',
    );
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    await twin.apply({
      actor: 'test',
      reason: 'snmp',
      source: document.source,
      ops: estateToOperations(document),
    });
    expect(twin.live.entity('host:it-switch-1')?.kind).toBe('host');

    await new Promise((resolve) => setTimeout(resolve, 1000));
    const second = await pollDevice(target());
    const samples = snmpSamples(second, first, { name: 'live' });
    expect(samples.length).toBeGreaterThanOrEqual(2);
    // Non-negative, not positive: snmpd caches interface counters for a few seconds, so two polls a
    // second apart may read the same values although the polls themselves crossed lo.
    for (const sample of samples) {
      expect(Number.isFinite(sample.value)).toBe(true);
      expect(sample.value).toBeGreaterThanOrEqual(0);
    }
    expect(samples.map((s) => s.metric)).toContain('receive_bits_per_second');
    expect(twin.recordSamples(samples)).toEqual({ accepted: samples.length, rejected: [] });
  });

  it('times out on a wrong community, naming host and port but not the community', async () => {
    const secret = 'wrong-community-x9';
    const failure = pollDevice({ ...target(), community: secret, timeoutMs: 300, retries: 1 });
    await expect(failure).rejects.toThrow(SnmpTimeoutError);
    await expect(failure).rejects.toThrow(
      `no SNMP answer from 127.0.0.1:${(agent as Agent).port} in 0.6 s (2 tries of 0.3 s) — wrong community, port or ACL?`,
    );
    await failure.catch((error: Error) => expect(`${error.message}${error.stack}`).not.toContain(secret));
  });
});
