import { describe, expect, it } from 'vitest';
import { readNetboxObjects } from './netbox-objects.js';
import { netboxSmallSample } from './netbox-samples.fixture.js';

describe('readNetboxObjects', () => {
  it('reads every endpoint of a NetBox 4.2 answer without a problem', () => {
    const objects = readNetboxObjects(netboxSmallSample());
    expect(objects.problems).toEqual([]);
    expect(objects.version).toBe('4.2.1');
    expect(objects.devices.find((device) => device.id === 6)).toEqual({
      id: 6,
      index: 5,
      status: 'active',
      tenant: { id: 2, name: 'Shop', slug: 'shop' },
      tags: ['production', 'pci'],
      name: 'web-01',
      role: { id: 4, name: 'Server', slug: 'server' },
      deviceType: {
        id: 1,
        model: 'PowerEdge R650',
        slug: 'poweredge-r650',
        manufacturer: { id: 1, name: 'Dell', slug: 'dell' },
      },
      platform: { id: 1, name: 'Ubuntu 22.04', slug: 'ubuntu-22-04' },
      serial: 'CN7016381C0042',
      site: { id: 1, name: 'dc1', slug: 'dc1' },
      location: { id: 1, name: 'Hall A', slug: 'hall-a' },
      rack: { id: 1, name: 'R01' },
      position: 10,
      primaryIp4: '10.1.0.10',
      primaryIp6: '2001:db8:1::10',
      oobIp: '10.255.1.10',
      interfaceCount: 2,
      powerPortCount: 2,
      rearPortCount: 0,
    });
    expect(objects.cables[0]).toMatchObject({
      a: [{ type: 'dcim.interface', id: 9, deviceId: 6 }],
      b: [{ type: 'dcim.interface', id: 1, deviceId: 1 }],
    });
    expect(objects.cables[4]).toMatchObject({
      a: [{ type: 'dcim.powerfeed', id: 1 }],
      b: [{ type: 'dcim.powerport', id: 1, deviceId: 4 }],
    });
    expect(objects.ipAddresses[4]).toMatchObject({
      address: '10.1.0.101',
      assignedType: 'virtualization.vminterface',
      assignedVirtualMachineId: 1,
    });
    expect(objects.prefixes[1]).toMatchObject({
      prefix: '10.1.0.0/24',
      vlan: { id: 1, vid: 100 },
      site: { id: 1 },
    });
    expect(objects.powerFeeds[0]).toMatchObject({ phase: 'three-phase', voltage: 400, amperage: 32 });
    expect(objects.virtualMachines[1]).toMatchObject({ vcpus: 2.5, memoryMb: 4096, hasSerialField: true });
  });

  it('skips unusable items, keeps the rest, and names every bad field by its JSON path', () => {
    const objects = readNetboxObjects({
      results: {
        'dcim/sites': [
          { id: 1, name: 'dc1', slug: 'dc1', region: { id: 'x' } },
          { id: 2, slug: 'nameless' },
          { id: 3, name: '  ', slug: 'blank' },
          { id: 1, name: 'again', slug: 'again' },
        ],
        'dcim/devices': [
          { id: 1, name: 'a', rack: { id: 4, name: 7 }, position: 'high', tags: [{ id: 1 }, 'loose'] },
          { id: 2, name: 'b', primary_ip4: { id: 3, address: '10.0.0.300/24' }, device_type: 'x' },
          { id: 3, name: 'c', site: 5 },
        ],
        'dcim/interfaces': [
          { id: 1, name: 'eth0' },
          { id: 2, name: 'eth1', device: { id: 1 }, speed: '10000' },
        ],
        'dcim/cables': [
          {
            id: 1,
            a_terminations: [{ object_type: 'dcim.interface' }],
            b_terminations: { object_type: 'dcim.interface', object_id: 2 },
          },
        ],
        'ipam/prefixes': [{ id: 1, prefix: '10.0.0.1/24' }],
        'ipam/ip-addresses': [{ id: 1, address: 'not-an-ip' }],
      },
    });
    expect(objects.problems).toEqual([
      { path: 'dcim/sites results[0].region.id', message: 'not an integer' },
      { path: 'dcim/sites results[1].name', message: 'missing' },
      { path: 'dcim/sites results[2].name', message: 'empty' },
      { path: 'dcim/sites results[3].id', message: 'duplicate id 1: an earlier item has it' },
      { path: 'dcim/devices results[0].tags[0]', message: 'not a tag with a slug' },
      { path: 'dcim/devices results[0].rack.name', message: 'not a string' },
      { path: 'dcim/devices results[0].position', message: 'not a number' },
      { path: 'dcim/devices results[1].device_type', message: 'not an object' },
      {
        path: 'dcim/devices results[1].primary_ip4.address',
        message: "'10.0.0.300/24' is not an IP address",
      },
      { path: 'dcim/devices results[2].site', message: 'not an object' },
      { path: 'dcim/interfaces results[0].device', message: 'missing' },
      {
        path: 'dcim/cables results[0].a_terminations[0]',
        message: 'not a termination with object_type and object_id',
      },
      { path: 'dcim/cables results[0].b_terminations', message: 'not a list' },
      {
        path: 'ipam/prefixes results[0].prefix',
        message: "'10.0.0.1/24' has host bits set; the network is 10.0.0.0/24",
      },
      { path: 'ipam/ip-addresses results[0].address', message: "'not-an-ip' is not an IP address" },
    ]);
    expect(objects.sites.map((site) => site.name)).toEqual(['dc1']);
    expect(objects.devices.map((device) => [device.name, device.rack, device.tags])).toEqual([
      ['a', { id: 4 }, ['loose']],
      ['b', undefined, []],
      ['c', undefined, []],
    ]);
    expect(objects.interfaces).toMatchObject([{ id: 2, speedKbps: 10000 }]);
    expect(objects.cables).toMatchObject([{ id: 1, a: [], b: [] }]);
    expect(objects.prefixes).toEqual([]);
  });

  it('reads the names older NetBox versions use', () => {
    const objects = readNetboxObjects({
      results: {
        'dcim/devices': [
          { id: 1, name: 'sw1', device_role: { id: 2, name: 'Access Switch', slug: 'access-switch' } },
        ],
        'dcim/interfaces': [
          {
            id: 5,
            name: 'Gi0/1',
            device: { id: 1 },
            mac_address: '00:1A:2B:3C:4D:5E',
            connected_endpoint_type: 'dcim.interface',
            connected_endpoint: { id: 9, device: { id: 2 } },
          },
          {
            id: 6,
            name: 'Gi0/2',
            device: { id: 1 },
            primary_mac_address: { id: 1, mac_address: 'AA:BB:CC:00:11:22' },
          },
        ],
        'dcim/cables': [
          {
            id: 3,
            termination_a_type: 'dcim.interface',
            termination_a_id: 5,
            termination_a: { id: 5, device: { id: 1 } },
            termination_b_type: 'circuits.circuittermination',
            termination_b_id: 8,
            termination_b: { id: 8, circuit: { id: 1 } },
          },
        ],
        'ipam/prefixes': [{ id: 1, prefix: '2001:DB8::/32', site: { id: 3, slug: 'dc3' } }],
      },
    });
    expect(objects.problems).toEqual([]);
    expect(objects.devices[0]?.role).toEqual({ id: 2, name: 'Access Switch', slug: 'access-switch' });
    expect(objects.interfaces.map((iface) => [iface.macAddress, iface.connectedInterfaceIds])).toEqual([
      ['00:1a:2b:3c:4d:5e', [9]],
      ['aa:bb:cc:00:11:22', []],
    ]);
    expect(objects.cables[0]).toMatchObject({
      a: [{ type: 'dcim.interface', id: 5, deviceId: 1 }],
      b: [{ type: 'circuits.circuittermination', id: 8 }],
    });
    expect(objects.prefixes[0]).toMatchObject({ prefix: '2001:db8::/32', site: { id: 3, slug: 'dc3' } });
  });

  it('carries the problems of the export itself first', () => {
    const objects = readNetboxObjects({
      results: {},
      problems: [{ path: 'dcim/widgets', message: 'ignored' }],
    });
    expect(objects.problems).toEqual([{ path: 'dcim/widgets', message: 'ignored' }]);
  });
});
