import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  builtinKinds,
  type EntityInput,
  hasPropType,
  isValidEntityId,
  kindOfId,
  MemoryTwinStore,
  type Operation,
  relationPropSpecs,
  Twin,
} from '../../../model/index.js';
import type { InventoryImport } from '../inventory-import.js';
import { netboxInventory, ratedWatts, reportsDiskInMegabytes } from './netbox-mapping.js';
import {
  type NetboxEndpoint,
  type NetboxExport,
  netboxEndpoints,
  readNetboxObjects,
} from './netbox-objects.js';
import { netboxSample, netboxSmallSample } from './netbox-samples.fixture.js';

type Item = Record<string, unknown>;

function importOf(exported: NetboxExport, diskUnit?: 'GB' | 'MB'): InventoryImport {
  return netboxInventory(readNetboxObjects(exported), {
    instance: 'netbox.example.com',
    ...(diskUnit && { diskUnit }),
  });
}

function entity(result: InventoryImport, id: string): EntityInput {
  const found = result.document.entities.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no entity ${id}`);
  return found;
}

function relations(result: InventoryImport, type: string): string[] {
  return result.document.relations
    .filter((relation) => relation.type === type)
    .map((relation) => `${relation.from} -> ${relation.to}`);
}

function operations(result: InventoryImport): Operation[] {
  return [
    ...result.document.entities.map((entity): Operation => ({ op: 'upsert-entity', entity })),
    ...result.document.relations.map((relation): Operation => ({ op: 'upsert-relation', relation })),
  ];
}

/** Every id valid and of its kind, every prop declared with its type, every relation allowed. */
function expectValidDocument(result: InventoryImport): void {
  for (const { id, kind, props, labels } of result.document.entities) {
    expect(isValidEntityId(id), id).toBe(true);
    expect(kindOfId(id)).toBe(kind);
    const spec = builtinKinds.get(kind);
    expect(spec, kind).toBeDefined();
    for (const [name, value] of Object.entries(props ?? {})) {
      const type = spec?.props[name]?.type;
      expect(type, `${id} ${name}`).toBeDefined();
      expect(hasPropType(value, type ?? 'string'), `${id} ${name}`).toBe(true);
    }
    for (const value of Object.values(labels ?? {})) {
      expect(value).toMatch(/^[A-Za-z0-9]([-A-Za-z0-9_./:]*[A-Za-z0-9])?$/);
      expect(value.length).toBeLessThanOrEqual(63);
    }
  }
  const kinds = new Map(result.document.entities.map((e) => [e.id, e.kind]));
  for (const relation of result.document.relations) {
    const allowed = builtinKinds.get(kinds.get(relation.from) ?? '')?.relations[relation.type] ?? [];
    expect(allowed, `${relation.type} ${relation.from} -> ${relation.to}`).toContain(kinds.get(relation.to));
    for (const [name, value] of Object.entries(relation.props ?? {})) {
      const type = relationPropSpecs[relation.type]?.[name]?.type;
      if (type) expect(hasPropType(value, type)).toBe(true);
    }
  }
}

/** The small sample with one endpoint's items changed. */
function withItems(endpoint: NetboxEndpoint, change: (items: Item[]) => unknown[]): NetboxExport {
  const sample = netboxSmallSample();
  const items = (sample.results[endpoint] ?? []) as Item[];
  return {
    ...sample,
    results: { ...sample.results, [endpoint]: change(items.map((item) => ({ ...item }))) },
  };
}

describe('netboxInventory on the small sample', () => {
  const result = importOf(netboxSmallSample());

  it('names its source and reports nothing wrong', () => {
    expect(result.document.source).toBe('netbox:netbox.example.com');
    expect(result.problems).toEqual([]);
  });

  it('maps sites, the location, racks and feeds to the facility kinds', () => {
    expect(entity(result, 'site:dc1')).toMatchObject({
      kind: 'site',
      name: 'dc1',
      labels: { site: 'dc1', 'netbox-region': 'eu-central', tenant: 'ops', facility: 'Equinix-FR5' },
    });
    expect(entity(result, 'room:dc1/hall-a')).toMatchObject({ kind: 'room', name: 'Hall A' });
    expect(entity(result, 'rack:dc1/r01')).toMatchObject({
      props: { units: 42 },
      labels: { room: 'hall-a' },
    });
    expect(entity(result, 'rack:dc2/r01')).toMatchObject({
      kind: 'rack',
      labels: { site: 'dc2', rack: 'r01' },
    });
    expect(entity(result, 'power-feed:dc1/feed-a')).toMatchObject({
      props: { voltage: 400, ratedWatts: 22170 },
      labels: { phase: 'three-phase', 'max-utilization-percent': '80', 'power-panel': 'mdb-1' },
    });
    expect(entity(result, 'power-feed:dc1/feed-b').props).toEqual({ voltage: 230, ratedWatts: 3680 });
  });

  it('gives each device the kind its role names, and the props its kind declares', () => {
    const kinds = Object.fromEntries(
      result.document.entities
        .filter((e) => e.labels?.['netbox-id'] && e.labels.role)
        .map((e) => [e.id, e.kind]),
    );
    expect(kinds).toMatchObject({
      'switch:dc1-leaf-1': 'switch',
      'switch:dc1-leaf-2': 'switch',
      'router:dc1-core-1': 'router',
      'pdu:dc1-r01-pdu-a': 'pdu',
      'pdu:dc1-r01-pdu-b': 'pdu',
      'host:web-01': 'host',
      'host:hv-01': 'host',
      'host:dc2-app-01': 'host',
    });
    expect(entity(result, 'host:web-01')).toMatchObject({
      props: {
        model: 'PowerEdge R650',
        serial: 'CN7016381C0042',
        position: 10,
        heightUnits: 1,
        ipAddresses: ['10.1.0.10', '2001:db8:1::10'],
        os: 'Ubuntu 22.04',
      },
      labels: {
        'management-ip': '10.255.1.10',
        role: 'server',
        platform: 'ubuntu-22-04',
        tenant: 'shop',
        status: 'active',
        'tag-production': 'true',
        'tag-pci': 'true',
      },
    });
    expect(entity(result, 'switch:dc1-leaf-1')).toMatchObject({
      props: { model: 'DCS-7050SX3-48YC8', role: 'leaf', managementIp: '10.255.0.11' },
      labels: { serial: 'JPE21012345', 'rack-position': '42', 'height-units': '1' },
    });
    expect(entity(result, 'router:dc1-core-1').props).toMatchObject({ role: 'core' });
    expect(entity(result, 'pdu:dc1-r01-pdu-a')).toMatchObject({
      labels: { model: 'AP8941', 'height-units': '0' },
    });
  });

  it('maps interfaces with speed in bit/s, MAC and assigned addresses', () => {
    expect(entity(result, 'interface:web-01/eth0')).toMatchObject({
      name: 'eth0',
      props: {
        speedBitsPerSecond: 25e9,
        macAddress: 'b8:ce:f6:12:34:56',
        ipAddresses: ['10.1.0.10', '2001:db8:1::10'],
      },
    });
    expect(entity(result, 'interface:dc1-core-1/et-0/0/0').props).toEqual({ speedBitsPerSecond: 100e9 });
    expect(entity(result, 'interface:dc1-leaf-1/management1').labels).toMatchObject({ 'mgmt-only': 'true' });
    // A PDU holds no interfaces in the catalog: its network card is counted, not mapped.
    expect(result.document.entities.some((e) => e.id.startsWith('interface:dc1-r01-pdu-a/'))).toBe(false);
    expect(result.counts['dcim/interfaces:skipped']).toBe(1);
  });

  it('nests site → room → rack → device → interface', () => {
    expect(relations(result, 'contains')).toEqual(
      expect.arrayContaining([
        'site:dc1 -> room:dc1/hall-a',
        'room:dc1/hall-a -> rack:dc1/r01',
        'site:dc2 -> rack:dc2/r01',
        'site:dc1 -> power-feed:dc1/feed-a',
        'rack:dc1/r01 -> host:web-01',
        'rack:dc1/r02 -> router:dc1-core-1',
        'rack:dc1/r01 -> pdu:dc1-r01-pdu-b',
        'host:web-01 -> interface:web-01/eth0',
        'router:dc1-core-1 -> interface:dc1-core-1/et-0/0/1',
      ]),
    );
    expect(relations(result, 'contains')).toHaveLength(4 + 8 + 11 + 2);
  });

  it('cables interfaces from the server side up, with the slower speed as capacity', () => {
    expect(result.document.relations.filter((relation) => relation.type === 'connects')).toEqual([
      {
        type: 'connects',
        from: 'interface:web-01/eth0',
        to: 'interface:dc1-leaf-1/ethernet1',
        props: { capacityBitsPerSecond: 25e9, netboxCableId: 1 },
      },
      {
        type: 'connects',
        from: 'interface:hv-01/eth0',
        to: 'interface:dc1-leaf-2/ethernet1',
        props: { capacityBitsPerSecond: 10e9, netboxCableId: 2 },
      },
      {
        type: 'connects',
        from: 'interface:dc1-leaf-1/ethernet49/1',
        to: 'interface:dc1-core-1/et-0/0/0',
        props: { capacityBitsPerSecond: 100e9, netboxCableId: 3 },
      },
      {
        type: 'connects',
        from: 'interface:dc1-leaf-2/ethernet49/1',
        to: 'interface:dc1-core-1/et-0/0/1',
        props: { capacityBitsPerSecond: 100e9, netboxCableId: 4 },
      },
    ]);
  });

  it('follows power cables and feed racks to powered-by', () => {
    expect(relations(result, 'powered-by').sort()).toEqual([
      'host:web-01 -> pdu:dc1-r01-pdu-a',
      'pdu:dc1-r01-pdu-a -> power-feed:dc1/feed-a',
      'pdu:dc1-r01-pdu-b -> power-feed:dc1/feed-b',
      'rack:dc1/r01 -> power-feed:dc1/feed-a',
      'rack:dc1/r01 -> power-feed:dc1/feed-b',
    ]);
    expect(result.counts).toMatchObject({ 'dcim/cables': 7, 'dcim/cables:data': 4, 'dcim/cables:power': 3 });
  });

  it('maps prefixes and VLANs to segments, leaving out containers', () => {
    expect(entity(result, 'network-segment:10.1.0.0/24')).toMatchObject({
      props: { cidrs: ['10.1.0.0/24'] },
      labels: { vlan: '100', 'vlan-name': 'servers', role: 'production', site: 'dc1' },
    });
    expect(entity(result, 'network-segment:10.255.0.0/16').labels).toMatchObject({ role: 'management' });
    expect(entity(result, 'network-segment:vlan-dc1-200')).toMatchObject({
      name: 'storage',
      labels: { vlan: '200', site: 'dc1' },
    });
    expect(result.document.entities.some((e) => e.id === 'network-segment:10.0.0.0/8')).toBe(false);
    expect(result.counts['ipam/prefixes:containers']).toBe(1);
  });

  it('maps VMs with bytes, and runs-on their pinned host', () => {
    expect(entity(result, 'vm:web-vm-1')).toMatchObject({
      props: {
        cpuCores: 4,
        memoryBytes: 8192 * 2 ** 20,
        diskBytes: 80_000 * 1e6,
        ipAddresses: ['10.1.0.101'],
        os: 'Ubuntu 22.04',
      },
      labels: { cluster: 'prod-cluster', 'cluster-type': 'vmware-vsphere', role: 'server', tenant: 'shop' },
    });
    // 2.5 vCPUs is no integer: kept as a label, not as cpuCores.
    expect(entity(result, 'vm:web-vm-2').props?.cpuCores).toBeUndefined();
    expect(entity(result, 'vm:web-vm-2').labels?.vcpus).toBe('2.5');
    expect(relations(result, 'runs-on')).toEqual(['vm:web-vm-1 -> host:hv-01', 'vm:web-vm-2 -> host:hv-01']);
  });

  it('counts what it read per endpoint', () => {
    expect(result.counts).toMatchObject({
      'dcim/sites': 2,
      'dcim/locations': 1,
      'dcim/racks': 3,
      'dcim/devices': 8,
      'dcim/interfaces': 12,
      'dcim/power-feeds': 2,
      'ipam/prefixes': 3,
      'ipam/vlans': 2,
      'ipam/ip-addresses': 6,
      'virtualization/clusters': 1,
      'virtualization/virtual-machines': 3,
    });
  });

  it('writes only valid ids, declared props of the declared type, and allowed relations', () => {
    expectValidDocument(result);
    expect(new Set(result.document.entities.map((e) => e.id)).size).toBe(result.document.entities.length);
  });

  it('applies to a twin, and a second identical import changes nothing', async () => {
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    const first = await twin.apply({ actor: 'test', reason: 'netbox', ops: operations(result) });
    expect(first).not.toBeNull();
    const again = importOf(netboxSmallSample());
    expect(again).toEqual(result);
    expect(await twin.apply({ actor: 'test', reason: 'netbox', ops: operations(again) })).toBeNull();
  });
});

describe('netboxInventory on older and odd NetBox data', () => {
  it('reads NetBox 3.x: device_role, termination_a/_b cables, prefix site, GB disks', () => {
    const sample = netboxSmallSample();
    const v3: NetboxExport = {
      version: '3.5.9',
      results: {
        ...sample.results,
        'dcim/devices': (sample.results['dcim/devices'] as Item[]).map(({ role, ...rest }) => ({
          ...rest,
          device_role: role,
        })),
        'dcim/cables': (sample.results['dcim/cables'] as Item[]).map(
          ({ a_terminations, b_terminations, ...rest }) => {
            const [a] = a_terminations as Item[];
            const [b] = b_terminations as Item[];
            return {
              ...rest,
              termination_a_type: a?.object_type,
              termination_a_id: a?.object_id,
              termination_a: a?.object,
              termination_b_type: b?.object_type,
              termination_b_id: b?.object_id,
              termination_b: b?.object,
            };
          },
        ),
        'ipam/prefixes': (sample.results['ipam/prefixes'] as Item[]).map(
          ({ scope, scope_type, scope_id, ...rest }) => ({
            ...rest,
            site: scope_type === 'dcim.site' ? scope : null,
          }),
        ),
        'virtualization/virtual-machines': (sample.results['virtualization/virtual-machines'] as Item[]).map(
          ({ serial, ...rest }) => ({ ...rest, disk: 80 }),
        ),
      },
    };
    const old = importOf(v3);
    const current = importOf(sample);
    expect(old.problems).toEqual([]);
    expect(old.document.relations).toEqual(current.document.relations);
    expect(entity(old, 'network-segment:10.1.0.0/24').labels?.site).toBe('dc1');
    expect(entity(old, 'vm:web-vm-1').props?.diskBytes).toBe(80e9);
    // Without a version, the VMs' shape tells: no `serial` field, so before 4.1, so GB.
    expect(entity(importOf({ results: v3.results }), 'vm:db-vm-1').props?.diskBytes).toBe(80e9);
    expect(entity(importOf({ results: sample.results }), 'vm:db-vm-1').props?.diskBytes).toBe(500_000e6);
    expect(entity(importOf({ results: v3.results }, 'MB'), 'vm:db-vm-1').props?.diskBytes).toBe(80e6);
  });

  it('reports malformed items with their paths and maps the rest', () => {
    const exported = withItems('dcim/devices', (items) => [
      ...items.map((item) => (item.id === 7 ? { ...item, rack: { id: 2, name: 5 } } : item)),
      { id: 'nine', name: 'broken' },
      { id: 10, name: 'ghost', role: { id: 4, slug: 'server' }, rack: { id: 99, name: 'R99' } },
      42,
    ]);
    const result = importOf(exported);
    expect(result.problems).toEqual([
      { path: 'dcim/devices results[6].rack.name', message: 'not a string' },
      { path: 'dcim/devices results[8].id', message: 'not a number' },
      { path: 'dcim/devices results[10]', message: 'not an object' },
      { path: 'dcim/devices results[9].rack', message: 'rack 99 is not in dcim/racks (said once per rack)' },
    ]);
    // hv-01 keeps its rack (its id is fine), ghost is mapped without one, nine is skipped.
    expect(relations(result, 'contains')).toContain('rack:dc1/r02 -> host:hv-01');
    expect(entity(result, 'host:ghost').labels?.rack).toBeUndefined();
    expect(result.counts['dcim/devices']).toBe(9);
  });

  it('says once per missing device what it could not attach, and refuses VMs on non-hosts', () => {
    const sample = netboxSmallSample();
    const vms = sample.results['virtualization/virtual-machines'] as Item[];
    const exported: NetboxExport = {
      ...sample,
      results: {
        ...sample.results,
        'dcim/interfaces': [
          ...(sample.results['dcim/interfaces'] as Item[]),
          { id: 50, name: 'eth0', device: { id: 77 } },
          { id: 51, name: 'eth1', device: { id: 77 } },
        ],
        'virtualization/virtual-machines': [
          { ...vms[0], device: { id: 1, name: 'dc1-leaf-1' } },
          { ...vms[1], device: { id: 77 } },
          { ...vms[2], device: { id: 77 } },
        ],
      },
    };
    const result = importOf(exported);
    expect(result.problems).toEqual([
      {
        path: 'dcim/interfaces results[12].device',
        message: 'device 77 is not among the mapped dcim/devices (said once per device)',
      },
      {
        path: 'virtualization/virtual-machines results[0].device',
        message: 'a vm cannot run on switch:dc1-leaf-1 (a switch)',
      },
      {
        path: 'virtualization/virtual-machines results[1].device',
        message: 'device 77 is not among the mapped dcim/devices (said once per device)',
      },
    ]);
    expect(result.counts['dcim/interfaces:skipped']).toBe(3);
    expect(relations(result, 'runs-on')).toEqual([]);
  });

  it('gives unnamed devices and clashing names distinct ids, and says so', () => {
    const exported = withItems('dcim/devices', (items) => [
      ...items,
      { id: 20, name: null, role: { id: 1, slug: 'leaf' } },
      { id: 21, name: 'WEB 01', role: { id: 4, slug: 'server' } },
    ]);
    const result = importOf(exported);
    expect(entity(result, 'switch:netbox-20').name).toBeUndefined();
    expect(entity(result, 'host:web-01-netbox-21').name).toBe('WEB 01');
    expect(result.problems).toEqual([
      {
        path: 'dcim/devices results[9]',
        message: "id 'host:web-01' is taken by dcim/devices results[5]; this one is 'host:web-01-netbox-21'",
      },
    ]);
  });

  it('keeps unknown roles as hosts labelled netbox-role, and leaves patch panels out', () => {
    const exported = withItems('dcim/devices', (items) => [
      ...items,
      { id: 30, name: 'kvm-1', role: { id: 9, slug: 'kvm-console' } },
      { id: 31, name: 'pp-1', role: { id: 10, slug: 'patch-panel' } },
      { id: 32, name: 'pp-2', interface_count: 0, power_port_count: 0, rear_port_count: 24 },
      { id: 33, name: 'fw-1', role: { id: 11, name: 'Edge Firewall' }, site: { id: 1, slug: 'dc1' } },
    ]);
    const result = importOf(exported);
    expect(entity(result, 'host:kvm-1').labels).toMatchObject({
      role: 'kvm-console',
      'netbox-role': 'kvm-console',
    });
    expect(entity(result, 'host:web-01').labels?.['netbox-role']).toBeUndefined();
    expect(result.document.entities.some((e) => e.id.endsWith(':pp-1') || e.id.endsWith(':pp-2'))).toBe(
      false,
    );
    expect(result.counts['dcim/devices:passive']).toBe(2);
    // A firewall outside a rack sits in its site, which the catalog allows.
    expect(relations(result, 'contains')).toContain('site:dc1 -> firewall:fw-1');
  });

  it('links interfaces NetBox traced through patch panels, once', () => {
    const exported = withItems('dcim/interfaces', (items) =>
      items.map((item) => {
        if (item.id === 12)
          return { ...item, connected_endpoints: [{ id: 4 }], connected_endpoints_type: 'dcim.interface' };
        if (item.id === 9)
          return { ...item, connected_endpoints: [{ id: 1 }], connected_endpoints_type: 'dcim.interface' };
        return item;
      }),
    );
    const result = importOf(exported);
    expect(relations(result, 'connects')).toContain(
      'interface:dc2-app-01/eth0 -> interface:dc1-leaf-2/ethernet1',
    );
    expect(relations(result, 'connects')).toHaveLength(5);
    expect(result.counts['dcim/interfaces:traced-links']).toBe(1);
  });

  it('marks links between devices of one tier as peers', () => {
    const exported = withItems('dcim/cables', (items) => [
      ...items,
      {
        id: 40,
        a_terminations: [
          { object_type: 'dcim.interface', object_id: 3, object: { id: 3, device: { id: 1 } } },
        ],
        b_terminations: [
          { object_type: 'dcim.interface', object_id: 4, object: { id: 4, device: { id: 2 } } },
        ],
        status: { value: 'planned', label: 'Planned' },
      },
      {
        id: 41,
        a_terminations: [{ object_type: 'dcim.frontport', object_id: 1 }],
        b_terminations: [{ object_type: 'dcim.interface', object_id: 12 }],
      },
    ]);
    const result = importOf(exported);
    expect(result.document.relations).toContainEqual({
      type: 'connects',
      from: 'interface:dc1-leaf-1/management1',
      to: 'interface:dc1-leaf-2/ethernet1',
      props: { capacityBitsPerSecond: 1e9, peer: true, netboxCableId: 40, status: 'planned' },
    });
    expect(result.counts['dcim/cables:skipped']).toBe(1);
  });
});

describe('netboxInventory on damaged data', () => {
  it('never throws, and what it maps is always valid and applies to a twin', async () => {
    const damage = fc.array(
      fc.record({
        endpoint: fc.constantFrom(...netboxEndpoints),
        item: fc.nat(),
        field: fc.nat(),
        value: fc.jsonValue({ maxDepth: 2 }),
      }),
      { minLength: 1, maxLength: 10 },
    );
    await fc.assert(
      fc.asyncProperty(damage, async (changes) => {
        const sample = netboxSmallSample();
        const results: Record<string, readonly unknown[]> = { ...sample.results };
        for (const change of changes) {
          const items = [...(results[change.endpoint] ?? [])] as Item[];
          const target = items[change.item % Math.max(items.length, 1)];
          if (target === undefined) continue;
          const keys = Object.keys(target);
          const key = keys[change.field % keys.length] as string;
          items[change.item % items.length] = { ...target, [key]: change.value };
          results[change.endpoint] = items;
        }
        const result = importOf({ ...sample, results });
        expectValidDocument(result);
        for (const problem of result.problems) expect(problem.path).toMatch(/^(dcim|ipam|virtualization)\//);
        const twin = await Twin.open({ store: new MemoryTwinStore() });
        await twin.apply({ actor: 'test', reason: 'netbox', ops: operations(result) });
      }),
      { numRuns: 60 },
    );
  });
});

describe('units', () => {
  it('rates feeds at V × A, × √3 for three-phase, regardless of max utilisation', () => {
    expect(ratedWatts(230, 16, 'single-phase')).toBe(3680);
    expect(ratedWatts(400, 32, 'three-phase')).toBe(22170);
    expect(ratedWatts(-48, 60, undefined)).toBe(2880);
    expect(ratedWatts(undefined, 16, 'single-phase')).toBeUndefined();
  });

  it('knows from the version when disks are in MB', () => {
    expect(reportsDiskInMegabytes('4.1')).toBe(true);
    expect(reportsDiskInMegabytes('v4.2.3')).toBe(true);
    expect(reportsDiskInMegabytes('4.0.11')).toBe(false);
    expect(reportsDiskInMegabytes('3.7.8-docker')).toBe(false);
    expect(reportsDiskInMegabytes('5.0')).toBe(true);
    expect(reportsDiskInMegabytes('unknown')).toBeUndefined();
  });
});

describe('netboxInventory on a generated estate', () => {
  it('maps 2,000 devices deterministically into a document a twin accepts', async () => {
    const first = importOf(netboxSample(2000));
    expect(first.problems).toEqual([]);
    expect(first.counts['dcim/devices']).toBe(2000);
    expect(importOf(netboxSample(2000))).toEqual(first);
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    await expect(
      twin.apply({ actor: 'test', reason: 'netbox', ops: operations(first) }),
    ).resolves.not.toBeNull();
    expect([...twin.view().entities()].length).toBe(first.document.entities.length);
  });
});
