import { describe, expect, it } from 'vitest';
import { isValidEntityId, MemoryTwinStore, Twin } from '../../../model/index.js';
import { estateToOperations } from '../../estate-file.js';
import type { SnmpDevice, SnmpInterface } from './snmp-device.js';
import { snmpInventory } from './snmp-mapping.js';

function port(index: number, name: string, extra: Partial<SnmpInterface> = {}): SnmpInterface {
  return {
    index,
    name,
    descr: name,
    alias: '',
    type: 6,
    speedBitsPerSecond: 1e9,
    mac: `02:00:00:00:00:${index.toString(16).padStart(2, '0')}`,
    adminUp: true,
    operUp: true,
    inOctets: 0,
    outOctets: 0,
    counterBits: 64,
    ipAddresses: [],
    ...extra,
  };
}

function device(
  host: string,
  name: string,
  descr: string,
  interfaces: SnmpInterface[],
  objectId = '',
): SnmpDevice {
  return {
    host,
    port: 161,
    system: { name, descr, objectId, uptimeSeconds: 100, location: 'dc1/a/r01', contact: '' },
    interfaces,
    neighbours: [],
    polledAt: 1_700_000_000_000,
  };
}

const linux = device(
  '192.0.2.10',
  'web-01',
  'Linux web-01 6.1.0-13-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 x86_64',
  [
    port(1, 'lo', { type: 24, mac: null, speedBitsPerSecond: 10e6, ipAddresses: ['127.0.0.1', '::1'] }),
    port(2, 'eth0', { ipAddresses: ['192.0.2.10'] }),
  ],
  '1.3.6.1.4.1.8072.3.2.10',
);

async function apply(documentOps: ReturnType<typeof estateToOperations>, twin?: Twin) {
  const target = twin ?? (await Twin.open({ store: new MemoryTwinStore() }));
  const changeSet = await target.apply({
    actor: 'test',
    reason: 'snmp',
    source: 'snmp:discovery',
    ops: documentOps,
  });
  return { twin: target, changeSet };
}

describe('snmpInventory', () => {
  it('maps a Linux agent to a host with its OS, location label, interfaces and containment', async () => {
    const { document, problems } = snmpInventory([linux]);
    expect(problems).toEqual([]);
    expect(document.source).toBe('snmp:discovery');
    expect(document.entities).toEqual([
      {
        id: 'host:web-01',
        kind: 'host',
        name: 'web-01',
        labels: { 'snmp-location': 'dc1/a/r01' },
        props: {
          managementIp: '192.0.2.10',
          os: 'Linux web-01 6.1.0-13-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 x86_64',
        },
      },
      {
        id: 'interface:web-01/lo',
        kind: 'interface',
        name: 'lo',
        props: { speedBitsPerSecond: 10e6, ipAddresses: ['127.0.0.1', '::1'] },
      },
      {
        id: 'interface:web-01/eth0',
        kind: 'interface',
        name: 'eth0',
        props: { speedBitsPerSecond: 1e9, macAddress: '02:00:00:00:00:02', ipAddresses: ['192.0.2.10'] },
      },
    ]);
    expect(document.relations).toEqual([
      { type: 'contains', from: 'host:web-01', to: 'interface:web-01/lo' },
      { type: 'contains', from: 'host:web-01', to: 'interface:web-01/eth0' },
    ]);
    const { twin } = await apply(estateToOperations(document));
    // Applying the same import again changes nothing.
    expect((await apply(estateToOperations(document), twin)).changeSet).toBeNull();
  });

  it('puts a network device’s first sysDescr line in model and skips loopbacks without addresses', () => {
    const sw = device(
      'sw-1.example.com',
      '',
      'Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E8\r\nTechnical Support: http://www.cisco.com/techsupport',
      [
        port(1, 'Gi1/0/1'),
        port(2, 'Loopback0', { type: 24, mac: null }),
        port(3, 'Vlan1', { type: 53, mac: null }),
      ],
    );
    const { document } = snmpInventory([sw], { name: 'campus' });
    expect(document.source).toBe('snmp:campus');
    expect(document.entities.map((e) => e.id)).toEqual([
      'switch:sw-1.example.com',
      'interface:sw-1.example.com/gi1/0/1',
      'interface:sw-1.example.com/vlan1',
    ]);
    expect(document.entities[0]).toMatchObject({
      name: 'sw-1.example.com',
      props: {
        managementHost: 'sw-1.example.com',
        model: 'Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E8',
      },
    });
    expect(document.entities.every((e) => isValidEntityId(e.id))).toBe(true);
  });

  it('takes the kind given for a device, and reports a device whose kind it cannot tell', () => {
    const ups = device('192.0.2.50', 'ups-3', 'APC Web/SNMP Management Card', [port(1, 'eth0')]);
    const guessed = snmpInventory([ups]);
    expect(guessed.document.entities[0]?.id).toBe('host:ups-3');
    expect(guessed.problems).toEqual([
      { path: 'devices[0].system', message: expect.stringContaining('kind not recognised') },
    ]);
    const told = snmpInventory([linux], { kinds: { 'web-01': 'router' } });
    expect(told.document.entities[0]).toMatchObject({
      id: 'router:web-01',
      props: { model: expect.any(String) },
    });
    expect(told.problems).toEqual([]);
  });

  it('says so when the agent shows no interfaces (a view limited to the system group)', () => {
    const { document, problems } = snmpInventory([device('192.0.2.12', 'db-1', linux.system.descr, [])]);
    expect(document.entities.map((e) => e.id)).toEqual(['host:db-1']);
    expect(problems).toEqual([
      { path: 'devices[0].interfaces', message: expect.stringContaining('systemonly') },
    ]);
  });

  it('keeps interfaces whose names slug alike apart, and leaves out a device polled twice', () => {
    const twice = device('192.0.2.11', 'web-01', linux.system.descr, [port(1, 'Gi0/1'), port(2, 'gi0/1')]);
    const { document, problems } = snmpInventory([twice, { ...linux, host: '192.0.2.99' }]);
    expect(document.entities.map((e) => e.id)).toEqual([
      'host:web-01',
      'interface:web-01/gi0/1',
      'interface:web-01/gi0/1-2',
    ]);
    expect(problems).toEqual([{ path: 'devices[1]', message: expect.stringContaining('polled twice?') }]);
  });
});
