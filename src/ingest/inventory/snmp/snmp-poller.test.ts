// Polling against an in-memory agent. This is the one place a mock stands in for snmpd: Debian's
// snmpd serves no LLDP-MIB, and a real multi-vendor network is not at hand. The agent answers the
// two session calls the poller makes (get, subtree) with varbinds shaped as net-snmp 3.x delivers
// them: OCTET STRINGs as Buffers, Counter64 as BER content bytes, integers as numbers, exceptions
// as types 128–130. snmp-live.test.ts polls the real snmpd for everything else.
import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { MemoryTwinStore, Twin } from '../../../model/index.js';
import { estateToOperations } from '../../estate-file.js';
import { SnmpPollError, SnmpTimeoutError } from './snmp-errors.js';
import { snmpInventory } from './snmp-mapping.js';
import { pollDevice } from './snmp-poller.js';
import { snmpSamples } from './snmp-samples.js';
import type { SnmpSession, SnmpVarbind } from './snmp-session.js';

const T = {
  Integer: 2,
  OctetString: 4,
  OID: 6,
  IpAddress: 64,
  Counter32: 65,
  Gauge32: 66,
  TimeTicks: 67,
  Counter64: 70,
};

function compareOids(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  }
  return x.length - y.length;
}

/** Counter64 as net-snmp decodes it: the BER integer's content octets. */
function counter64(value: bigint): Buffer {
  const hex = value.toString(16);
  const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  return bytes[0] !== undefined && bytes[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}

const text = (oid: string, value: string): SnmpVarbind => ({
  oid,
  type: T.OctetString,
  value: Buffer.from(value),
});
const int = (oid: string, value: number, type = T.Integer): SnmpVarbind => ({ oid, type, value });
const octets = (oid: string, value: number[]): SnmpVarbind => ({
  oid,
  type: T.OctetString,
  value: Buffer.from(value),
});

class InMemoryAgent implements SnmpSession {
  readonly #varbinds: SnmpVarbind[];
  closed = 0;
  requests = 0;
  constructor(varbinds: SnmpVarbind[]) {
    this.#varbinds = [...varbinds].sort((a, b) => compareOids(a.oid, b.oid));
  }
  get(oids: string[], callback: (error: Error | null, varbinds?: SnmpVarbind[]) => void): void {
    this.requests++;
    const answer = oids.map(
      (oid) => this.#varbinds.find((vb) => vb.oid === oid) ?? { oid, type: 128, value: null },
    );
    setImmediate(() => callback(null, answer));
  }
  subtree(
    oid: string,
    maxRepetitions: number,
    feed: (varbinds: SnmpVarbind[]) => boolean | undefined,
    done: (error: Error | null) => void,
  ): void {
    // As net-snmp's subtree: GETBULK pages, cut at the end of the subtree.
    const inside = this.#varbinds.filter((vb) => vb.oid.startsWith(`${oid}.`));
    const page = (from: number) => {
      this.requests++;
      const chunk = inside.slice(from, from + maxRepetitions);
      if (chunk.length === 0 || feed(chunk) || from + maxRepetitions >= inside.length) done(null);
      else setImmediate(() => page(from + maxRepetitions));
    };
    setImmediate(() => page(0));
  }
  close(): void {
    this.closed++;
  }
}

const sys = '1.3.6.1.2.1.1';
const ifT = '1.3.6.1.2.1.2.2.1';
const ifX = '1.3.6.1.2.1.31.1.1.1';
const lldpLoc = '1.0.8802.1.1.2.1.3.7.1';
const lldpRem = '1.0.8802.1.1.2.1.4.1.1';
const mac = (last: number) => [0x00, 0x1c, 0x73, 0x00, 0x00, last];

function iface(
  index: number,
  name: string,
  options: {
    type?: number;
    mac?: number[];
    highSpeed?: number;
    alias?: string;
    inOctets: bigint;
    outOctets: bigint;
  },
): SnmpVarbind[] {
  return [
    text(`${ifT}.2.${index}`, name),
    int(`${ifT}.3.${index}`, options.type ?? 6),
    int(`${ifT}.5.${index}`, 4_294_967_295, T.Gauge32),
    octets(`${ifT}.6.${index}`, options.mac ?? []),
    int(`${ifT}.7.${index}`, 1),
    int(`${ifT}.8.${index}`, 1),
    int(`${ifT}.10.${index}`, Number(options.inOctets % 2n ** 32n), T.Counter32),
    int(`${ifT}.16.${index}`, Number(options.outOctets % 2n ** 32n), T.Counter32),
    text(`${ifX}.1.${index}`, name),
    { oid: `${ifX}.6.${index}`, type: T.Counter64, value: counter64(options.inOctets) },
    { oid: `${ifX}.10.${index}`, type: T.Counter64, value: counter64(options.outOctets) },
    int(`${ifX}.15.${index}`, options.highSpeed ?? 10_000, T.Gauge32),
    text(`${ifX}.18.${index}`, options.alias ?? ''),
  ];
}

function system(name: string, descr: string, objectId: string, uptimeTicks = 123_456): SnmpVarbind[] {
  return [
    text(`${sys}.1.0`, descr),
    { oid: `${sys}.2.0`, type: T.OID, value: objectId },
    int(`${sys}.3.0`, uptimeTicks, T.TimeTicks),
    text(`${sys}.4.0`, 'noc@example.com'),
    text(`${sys}.5.0`, name),
    text(`${sys}.6.0`, 'dc1/a/r01'),
  ];
}

/** lldpRemTable row `timeMark.portNum.remIndex`. */
function neighbour(
  row: string,
  remote: {
    sysName: string;
    chassisMac: number[];
    portSubtype: number;
    portId: string | number[];
    portDesc: string;
  },
): SnmpVarbind[] {
  return [
    int(`${lldpRem}.4.${row}`, 4),
    octets(`${lldpRem}.5.${row}`, remote.chassisMac),
    int(`${lldpRem}.6.${row}`, remote.portSubtype),
    typeof remote.portId === 'string'
      ? text(`${lldpRem}.7.${row}`, remote.portId)
      : octets(`${lldpRem}.7.${row}`, remote.portId),
    text(`${lldpRem}.8.${row}`, remote.portDesc),
    text(`${lldpRem}.9.${row}`, remote.sysName),
  ];
}

/** An Arista leaf: ifIndex ≠ lldpLocPortNum, so ports must be matched by name. */
function leaf(
  counters = { in: 5_000_000_000n, out: 2n ** 64n - 2048n },
  uptimeTicks = 123_456,
): SnmpVarbind[] {
  return [
    ...system(
      'sw-1',
      'Arista Networks EOS version 4.28.3M running on an Arista Networks DCS-7050SX-64',
      '1.3.6.1.4.1.30065.1.3011.7050.3741.64',
      uptimeTicks,
    ),
    ...iface(1001, 'Ethernet1', {
      mac: mac(1),
      alias: 'uplink to core-1',
      inOctets: counters.in,
      outOctets: counters.out,
    }),
    ...iface(1002, 'Ethernet2', { mac: mac(2), inOctets: 10n, outOctets: 20n }),
    ...iface(5000, 'Loopback0', { type: 24, inOctets: 0n, outOctets: 0n }),
    ...iface(999001, 'Management1', { mac: mac(9), highSpeed: 1000, inOctets: 1n, outOctets: 2n }),
    int('1.3.6.1.2.1.4.20.1.2.10.0.0.11', 999001),
    // ipAddressTable: the same IPv4 address, a broadcast address, a global and a link-local IPv6 one.
    int('1.3.6.1.2.1.4.34.1.3.1.4.10.0.0.11', 999001),
    int('1.3.6.1.2.1.4.34.1.4.1.4.10.0.0.11', 1),
    int('1.3.6.1.2.1.4.34.1.3.1.4.10.0.0.255', 999001),
    int('1.3.6.1.2.1.4.34.1.4.1.4.10.0.0.255', 3),
    int('1.3.6.1.2.1.4.34.1.3.2.16.253.0.0.0.0.0.0.0.0.0.0.0.0.0.0.17', 999001),
    int('1.3.6.1.2.1.4.34.1.4.2.16.253.0.0.0.0.0.0.0.0.0.0.0.0.0.0.17', 1),
    int('1.3.6.1.2.1.4.34.1.3.2.16.254.128.0.0.0.0.0.0.2.28.115.255.254.0.0.9', 999001),
    int('1.3.6.1.2.1.4.34.1.4.2.16.254.128.0.0.0.0.0.0.2.28.115.255.254.0.0.9', 1),
    // lldpLocPortTable: port 1 is Ethernet1 (interfaceName), port 2 is Ethernet2.
    int(`${lldpLoc}.2.1`, 5),
    text(`${lldpLoc}.3.1`, 'Ethernet1'),
    text(`${lldpLoc}.4.1`, ''),
    int(`${lldpLoc}.2.2`, 5),
    text(`${lldpLoc}.3.2`, 'Ethernet2'),
    text(`${lldpLoc}.4.2`, ''),
    // core-1 on port 1 names its port in short form; its description is the ifName.
    ...neighbour('3021.1.1', {
      sysName: 'core-1.dc1.example.com',
      chassisMac: [0x00, 0x5e, 0, 0, 0, 1],
      portSubtype: 5,
      portId: 'Hu0/0/0/1',
      portDesc: 'HundredGigE0/0/0/1',
    }),
    // A printer nobody polled, on port 2.
    ...neighbour('3021.2.7', {
      sysName: 'printer-7',
      chassisMac: [0x00, 0x80, 0x77, 0x12, 0x34, 0x56],
      portSubtype: 3,
      portId: [0x00, 0x80, 0x77, 0x12, 0x34, 0x56],
      portDesc: 'eth0',
    }),
  ];
}

/** A Cisco IOS XR router seeing sw-1 by its MAC address, and a port sw-1 does not have. */
function core(): SnmpVarbind[] {
  return [
    ...system(
      'core-1',
      'Cisco IOS XR Software, Version 7.5.2\nCopyright (c) 2013-2022 by Cisco Systems, Inc.',
      '1.3.6.1.4.1.9.1.2658',
    ),
    ...iface(10, 'HundredGigE0/0/0/1', {
      mac: [0x00, 0x5e, 0, 0, 0, 1],
      highSpeed: 100_000,
      inOctets: 1n,
      outOctets: 1n,
    }),
    ...iface(11, 'HundredGigE0/0/0/2', {
      mac: [0x00, 0x5e, 0, 0, 0, 2],
      highSpeed: 100_000,
      inOctets: 1n,
      outOctets: 1n,
    }),
    int(`${lldpLoc}.2.10`, 5),
    text(`${lldpLoc}.3.10`, 'HundredGigE0/0/0/1'),
    int(`${lldpLoc}.2.11`, 5),
    text(`${lldpLoc}.3.11`, 'HundredGigE0/0/0/2'),
    ...neighbour('0.10.1', {
      sysName: 'sw-1',
      chassisMac: mac(9),
      portSubtype: 3,
      portId: mac(1),
      portDesc: '',
    }),
    ...neighbour('0.11.1', {
      sysName: 'sw-1',
      chassisMac: mac(9),
      portSubtype: 5,
      portId: 'Ethernet48',
      portDesc: 'Ethernet48',
    }),
  ];
}

function poll(agent: InMemoryAgent, host: string, now = () => 1_700_000_000_000) {
  return pollDevice({ host, community: 'sEcReT-c0mmunity', openSession: () => agent, now });
}

describe('pollDevice (in-memory agent)', () => {
  it('joins ifTable and ifXTable, prefers the 64-bit counters and ifHighSpeed, and reads addresses', async () => {
    const agent = new InMemoryAgent(leaf());
    const device = await poll(agent, '10.0.0.11');
    expect(device.system).toEqual({
      name: 'sw-1',
      descr: 'Arista Networks EOS version 4.28.3M running on an Arista Networks DCS-7050SX-64',
      objectId: '1.3.6.1.4.1.30065.1.3011.7050.3741.64',
      uptimeSeconds: 1234.56,
      location: 'dc1/a/r01',
      contact: 'noc@example.com',
    });
    expect(device.interfaces.map((i) => i.index)).toEqual([1001, 1002, 5000, 999001]);
    expect(device.interfaces[0]).toEqual({
      index: 1001,
      name: 'Ethernet1',
      descr: 'Ethernet1',
      alias: 'uplink to core-1',
      type: 6,
      speedBitsPerSecond: 10e9,
      mac: '00:1c:73:00:00:01',
      adminUp: true,
      operUp: true,
      inOctets: 5_000_000_000,
      outOctets: 2 ** 64 - 2048,
      counterBits: 64,
      ipAddresses: [],
    });
    expect(device.interfaces[3]?.ipAddresses).toEqual(['10.0.0.11', 'fd00::11']);
    expect(device.polledAt).toBe(1_700_000_000_000);
    expect(agent.closed).toBe(1);
  });

  it('reads LLDP neighbours with the local port found by name, not by port number', async () => {
    const device = await poll(new InMemoryAgent(leaf()), '10.0.0.11');
    expect(device.neighbours).toEqual([
      {
        localPort: 'Ethernet1',
        localIfIndex: 1001,
        remoteSysName: 'core-1.dc1.example.com',
        remotePortId: 'Hu0/0/0/1',
        remotePortIdSubtype: 5,
        remotePortDesc: 'HundredGigE0/0/0/1',
        remoteChassisId: '00:5e:00:00:00:01',
        remoteChassisIdSubtype: 4,
      },
      {
        localPort: 'Ethernet2',
        localIfIndex: 1002,
        remoteSysName: 'printer-7',
        remotePortId: '00:80:77:12:34:56',
        remotePortIdSubtype: 3,
        remotePortDesc: 'eth0',
        remoteChassisId: '00:80:77:12:34:56',
        remoteChassisIdSubtype: 4,
      },
    ]);
  });

  it('polls an old agent without ifXTable, IP-MIB or LLDP-MIB: ifDescr names, 32-bit counters, ifSpeed', async () => {
    const old = leaf().filter(
      (vb) =>
        !vb.oid.startsWith(`${ifX}.`) &&
        !vb.oid.startsWith('1.0.8802.') &&
        !vb.oid.startsWith('1.3.6.1.2.1.4.'),
    );
    const device = await poll(new InMemoryAgent(old), '10.0.0.11');
    expect(device.neighbours).toEqual([]);
    expect(device.interfaces[0]).toMatchObject({
      name: 'Ethernet1',
      alias: '',
      counterBits: 32,
      inOctets: Number(5_000_000_000n % 2n ** 32n),
      speedBitsPerSecond: 4_294_967_295,
      ipAddresses: [],
    });
  });

  it('turns a timeout into an error naming host and port, closes the session, and hides the community', async () => {
    const agent = new InMemoryAgent([]);
    agent.get = (_oids, callback) => {
      const error = new Error('Request timed out');
      error.name = 'RequestTimedOutError';
      setImmediate(() => callback(error));
    };
    const failure = pollDevice({
      host: 'fd00::1',
      port: 1161,
      community: 'sEcReT',
      timeoutMs: 500,
      retries: 0,
      openSession: () => agent,
    });
    await expect(failure).rejects.toThrow(SnmpTimeoutError);
    await expect(failure).rejects.toThrow(
      'no SNMP answer from [fd00::1]:1161 in 0.5 s — wrong community, port or ACL?',
    );
    expect(agent.closed).toBe(1);
  });

  it('times out through net-snmp itself when nothing listens on the port', async () => {
    const socket = createSocket('udp4');
    const port = await new Promise<number>((resolve) =>
      socket.bind(0, '127.0.0.1', () => resolve(socket.address().port)),
    );
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    const failure = pollDevice({ host: '127.0.0.1', port, community: 'sEcReT', timeoutMs: 200, retries: 0 });
    await expect(failure).rejects.toThrow(
      `no SNMP answer from 127.0.0.1:${port} in 0.2 s — wrong community, port or ACL?`,
    );
  });

  it('redacts the community from an agent error that quotes it', async () => {
    const agent = new InMemoryAgent(leaf());
    agent.subtree = (_oid, _max, _feed, done) => {
      setImmediate(() =>
        done(new Error("Community 'sEcReT-c0mmunity' in request does not match community 'x' in response")),
      );
    };
    const failure = poll(agent, 'sw-1.example.com');
    await expect(failure).rejects.toThrow(SnmpPollError);
    await expect(failure).rejects.toThrow(
      /^SNMP poll of sw-1\.example\.com:161 failed reading the interface tables: Community '\*\*\*'/,
    );
    await failure.catch((error: Error) => expect(error.message).not.toContain('sEcReT'));
    expect(agent.closed).toBe(1);
  });
});

describe('LLDP mapping of polled devices', () => {
  it('links the two ends of a cable once, keeps a port the neighbour lacks as a placeholder, reports unknown neighbours', async () => {
    const sw = await poll(new InMemoryAgent(leaf()), '10.0.0.11');
    const router = await poll(new InMemoryAgent(core()), '10.0.0.1');
    const result = snmpInventory([sw, router], { name: 'dc1' });
    const { document } = result;
    expect(document.source).toBe('snmp:dc1');
    expect(document.entities.map((e) => e.id)).toEqual([
      'switch:sw-1',
      'interface:sw-1/ethernet1',
      'interface:sw-1/ethernet2',
      'interface:sw-1/management1',
      'router:core-1',
      'interface:core-1/hundredgige0/0/0/1',
      'interface:core-1/hundredgige0/0/0/2',
      'interface:sw-1/ethernet48',
    ]);
    const connects = document.relations.filter((r) => r.type === 'connects');
    expect(connects).toEqual([
      // sw-1 reports it by name (via the port description), core-1 by sw-1's MAC: one relation.
      {
        type: 'connects',
        from: 'interface:core-1/hundredgige0/0/0/1',
        to: 'interface:sw-1/ethernet1',
        props: { capacityBitsPerSecond: 10e9 },
      },
      {
        type: 'connects',
        from: 'interface:core-1/hundredgige0/0/0/2',
        to: 'interface:sw-1/ethernet48',
        props: { capacityBitsPerSecond: 100e9 },
      },
    ]);
    expect(document.relations).toContainEqual({
      type: 'contains',
      from: 'switch:sw-1',
      to: 'interface:sw-1/ethernet48',
    });
    expect(document.entities.find((e) => e.id === 'interface:sw-1/ethernet48')?.labels).toEqual({
      'snmp-placeholder': 'lldp',
    });
    expect(result.problems).toEqual([
      {
        path: 'devices[0].neighbours[1]',
        message: expect.stringContaining("unknown neighbour 'printer-7'"),
      },
      {
        path: 'devices[1].neighbours[1]',
        message: expect.stringContaining('placeholder interface:sw-1/ethernet48 created'),
      },
    ]);
    expect(result.counts).toEqual({ devices: 2, interfaces: 6, neighbours: 4 });

    const twin = await Twin.open({ store: new MemoryTwinStore() });
    await twin.apply({
      actor: 'test',
      reason: 'snmp',
      source: document.source,
      ops: estateToOperations(document),
    });
    expect(twin.live.entity('router:core-1')?.props).toMatchObject({
      managementIp: '10.0.0.1',
      model: 'Cisco IOS XR Software, Version 7.5.2',
    });
  });

  it('gives rates through a 64-bit wrap on the interfaces it maps', async () => {
    let clock = 1_700_000_000_000;
    const first = await poll(new InMemoryAgent(leaf()), '10.0.0.11', () => clock);
    clock += 60_000;
    const second = await poll(
      new InMemoryAgent(leaf({ in: 5_000_000_000n + 7_500_000_000n, out: 5000n }, 129_456)),
      '10.0.0.11',
      () => clock,
    );
    const samples = snmpSamples(second, first, { name: 'dc1' });
    const ethernet1 = samples.filter((s) => s.entityId === 'interface:sw-1/ethernet1');
    expect(ethernet1).toEqual([
      {
        entityId: 'interface:sw-1/ethernet1',
        metric: 'receive_bits_per_second',
        value: 1e9,
        ts: clock,
        source: 'snmp:dc1',
      },
      {
        entityId: 'interface:sw-1/ethernet1',
        metric: 'transmit_bits_per_second',
        value: (7048 * 8) / 60,
        ts: clock,
        source: 'snmp:dc1',
      },
      {
        entityId: 'interface:sw-1/ethernet1',
        metric: 'utilization_ratio',
        value: 0.1,
        ts: clock,
        source: 'snmp:dc1',
      },
    ]);
    expect(samples.some((s) => s.entityId.includes('loopback'))).toBe(false);
    // sysUpTime went back: the agent restarted, no rate can be trusted.
    const rebooted = await poll(new InMemoryAgent(leaf(undefined, 100)), '10.0.0.11', () => clock + 60_000);
    expect(snmpSamples(rebooted, second)).toEqual([]);
  });
});
