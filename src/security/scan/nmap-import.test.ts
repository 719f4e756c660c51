import { describe, expect, it } from 'vitest';
import { type EntityInput, MemoryTwinStore, type Operation, Twin } from '../../model/index.js';
import { type NmapImportOptions, nmapOperations } from './nmap-import.js';
import { section91Sample } from './nmap-samples.fixture.js';
import type { NmapHost, NmapPort, NmapScan, NmapScanInfo } from './nmap-scan.js';
import { parseNmapXml } from './nmap-xml.js';

const discover: NmapImportOptions = { mode: 'discover' };
const strict: NmapImportOptions = { mode: 'strict' };

async function twinWith(entities: EntityInput[], relations: Operation[] = []): Promise<Twin> {
  const twin = await Twin.open({ store: new MemoryTwinStore() });
  const ops: Operation[] = [
    ...entities.map((entity): Operation => ({ op: 'upsert-entity', entity })),
    ...relations,
  ];
  if (ops.length > 0) await twin.apply({ actor: 'test', reason: 'estate', ops });
  return twin;
}

/** Imports the scan the way a caller would: operations from the live view, applied as one change set. */
async function importScan(twin: Twin, scan: NmapScan, options: NmapImportOptions = discover) {
  const result = nmapOperations(twin.live, scan, options);
  const changeSet = await twin.apply({ actor: 'test', reason: 'nmap import', ops: result.operations });
  return { result, changeSet };
}

function servicesOn(twin: Twin, assetId: string): string[] {
  return twin.live
    .incoming(assetId, 'runs-on')
    .map((relation) => relation.from)
    .filter((id) => id.startsWith('network-service:'))
    .sort();
}

function port(number: number, state: NmapPort['state'], name?: string, protocol = 'tcp'): NmapPort {
  return name === undefined
    ? { protocol, port: number, state }
    : { protocol, port: number, state, service: { name, cpes: [] } };
}

function host(addr: string, ports: NmapPort[], more: Partial<NmapHost> = {}): NmapHost {
  const type = addr.includes(':') ? 'ipv6' : 'ipv4';
  return {
    state: 'up',
    addresses: [{ addr, type }],
    hostnames: [],
    ports,
    extraPorts: [],
    osMatches: [],
    timedOut: false,
    ...more,
  };
}

function scanOf(hosts: NmapHost[], scanned: NmapScanInfo[] = []): NmapScan {
  return { scanner: 'nmap', scanned, hosts, problems: [] };
}

const web01: EntityInput = { id: 'host:web01', kind: 'host', props: { ipAddresses: ['10.0.0.5'] } };

describe('nmapOperations: the §9.1 sample into a twin that knows web01', () => {
  it('matches 10.0.0.5 by IP and records its two open services, running on it', async () => {
    const twin = await twinWith([web01]);
    const { result } = await importScan(twin, parseNmapXml(section91Sample));
    expect(result.matched).toEqual([{ address: '10.0.0.5', entityId: 'host:web01', by: 'ip' }]);
    expect(result).toMatchObject({ created: [], unmatched: [], services: 2, problems: [] });
    expect(servicesOn(twin, 'host:web01')).toEqual([
      'network-service:web01/tcp/22',
      'network-service:web01/tcp/80',
    ]);
    const ssh = twin.live.entity('network-service:web01/tcp/22');
    expect(ssh).toMatchObject({ kind: 'network-service', name: 'ssh/tcp' });
    expect(ssh?.props).toEqual({
      port: 22,
      protocol: 'tcp',
      name: 'ssh',
      product: 'OpenSSH',
      version: '8.9p1',
      cpes: ['cpe:/a:openbsd:openssh:8.9p1'],
      source: 'nmap',
    });
    expect(twin.live.entity('network-service:web01/tcp/80')?.props).toEqual({
      port: 80,
      protocol: 'tcp',
      name: 'http',
      product: 'nginx',
      version: '1.18.0',
      source: 'nmap',
    });
  });

  it('makes no service of the filtered port 443 and ignores the down host', async () => {
    const twin = await twinWith([
      web01,
      { id: 'host:web02', kind: 'host', props: { ipAddresses: ['10.0.0.6'] } },
    ]);
    const { result } = await importScan(twin, parseNmapXml(section91Sample));
    expect(twin.live.entity('network-service:web01/tcp/443')).toBeUndefined();
    expect(result.matched.map((match) => match.entityId)).toEqual(['host:web01']);
    expect(servicesOn(twin, 'host:web02')).toEqual([]);
  });

  it('is idempotent: the same scan again gives the same ids, no removals and no change', async () => {
    const twin = await twinWith([web01]);
    const scan = parseNmapXml(section91Sample);
    const first = await importScan(twin, scan);
    const second = await importScan(twin, scan);
    const ids = (ops: Operation[]) => ops.map((op) => (op.op === 'upsert-entity' ? op.entity.id : op.op));
    expect(ids(second.result.operations)).toEqual(ids(first.result.operations));
    expect(second.result.operations.some((op) => op.op.startsWith('remove'))).toBe(false);
    expect(second.changeSet).toBeNull();
    // The twin freezes what it is given; the scan must not be frozen with it.
    expect(Object.isFrozen(scan.hosts[0]?.ports[0]?.service?.cpes)).toBe(false);
  });
});

describe('nmapOperations: matching scanned hosts to twin assets', () => {
  it('matches however the twin writes the address: mapped, prefixed, zero-padded IPv6, upper case', async () => {
    const twin = await twinWith([
      { id: 'vm:a', kind: 'vm', props: { ipAddresses: ['::ffff:10.0.0.5'] } },
      { id: 'vm:b', kind: 'vm', props: { ipAddresses: ['10.0.0.6/24'] } },
      {
        id: 'cloud-instance:c',
        kind: 'cloud-instance',
        props: { ipAddresses: ['2001:0DB8:0000:0000:0000:0000:0000:0007'] },
      },
    ]);
    const scan = scanOf([host('10.0.0.5', []), host('10.0.0.6', []), host('2001:db8::7', [])]);
    const result = nmapOperations(twin.live, scan, strict);
    expect(result.matched.map((match) => match.entityId)).toEqual(['vm:a', 'vm:b', 'cloud-instance:c']);
    expect(result.unmatched).toEqual([]);
  });

  it('matches a scanned IPv4-mapped address to the plain IPv4 one', async () => {
    const twin = await twinWith([web01]);
    const { matched } = nmapOperations(twin.live, scanOf([host('::ffff:10.0.0.5', [])]), strict);
    expect(matched).toEqual([{ address: '::ffff:10.0.0.5', entityId: 'host:web01', by: 'ip' }]);
  });

  it('refuses dotted quads with leading zeros, as the model does (octal to some tools)', async () => {
    const twin = await twinWith([
      { id: 'host:padded', kind: 'host', props: { ipAddresses: ['010.000.000.005'] } },
    ]);
    const { matched, unmatched } = nmapOperations(twin.live, scanOf([host('10.0.0.5', [])]), strict);
    expect(matched).toEqual([]);
    expect(unmatched).toEqual([{ address: '10.0.0.5' }]);
  });

  it('matches a facility device by managementIp and a switch through an interface it contains', async () => {
    const twin = await twinWith(
      [
        { id: 'pdu:a1', kind: 'pdu', props: { managementIp: '10.9.0.10' } },
        { id: 'switch:leaf1', kind: 'switch' },
        { id: 'interface:leaf1/mgmt0', kind: 'interface', props: { ipAddresses: ['10.9.0.20'] } },
        { id: 'interface:loose', kind: 'interface', props: { ipAddresses: ['10.9.0.30'] } },
      ],
      [
        {
          op: 'upsert-relation',
          relation: { type: 'contains', from: 'switch:leaf1', to: 'interface:leaf1/mgmt0' },
        },
      ],
    );
    const scan = scanOf([host('10.9.0.10', []), host('10.9.0.20', []), host('10.9.0.30', [])]);
    const result = nmapOperations(twin.live, scan, strict);
    expect(result.matched).toEqual([
      { address: '10.9.0.10', entityId: 'pdu:a1', by: 'management-ip' },
      { address: '10.9.0.20', entityId: 'switch:leaf1', by: 'ip' },
    ]);
    // An interface no asset contains is no asset.
    expect(result.unmatched).toEqual([{ address: '10.9.0.30' }]);
  });

  it('falls back to the hostname, case-insensitively, and prefers an address match to it', async () => {
    const twin = await twinWith([
      { id: 'host:db-primary', kind: 'host', name: 'DB01', props: { ipAddresses: ['10.0.1.1'] } },
      { id: 'host:app', kind: 'host', name: 'app01', props: { ipAddresses: ['10.0.2.2'] } },
    ]);
    const scan = scanOf([
      host('10.0.1.99', [], { hostnames: [{ name: 'db01', type: 'PTR' }] }),
      host('10.0.2.2', [], { hostnames: [{ name: 'db01', type: 'user' }] }),
    ]);
    expect(nmapOperations(twin.live, scan, strict).matched).toEqual([
      { address: '10.0.1.99', entityId: 'host:db-primary', by: 'hostname' },
      { address: '10.0.2.2', entityId: 'host:app', by: 'ip' },
    ]);
  });

  it('prefers a host to a container claiming the same address, whatever the listing order', async () => {
    const twin = await twinWith([
      { id: 'container:sidecar', kind: 'container', props: { ipAddresses: ['10.0.0.5'] } },
      web01,
    ]);
    expect(nmapOperations(twin.live, scanOf([host('10.0.0.5', [])]), strict).matched[0]?.entityId).toBe(
      'host:web01',
    );
  });

  it('gives a service on an asset with a path id an id under that path', async () => {
    const twin = await twinWith([
      { id: 'host:dc1/web01', kind: 'host', props: { ipAddresses: ['10.0.0.5'] } },
    ]);
    await importScan(twin, scanOf([host('10.0.0.5', [port(22, 'open', 'ssh')])]));
    expect(servicesOn(twin, 'host:dc1/web01')).toEqual(['network-service:dc1/web01/tcp/22']);
  });
});

describe('nmapOperations: hosts the twin does not know', () => {
  const unknownHost = host('10.0.0.8', [port(22, 'open', 'ssh')], {
    hostnames: [{ name: 'Build07', type: 'PTR' }],
    osMatches: [
      { name: 'Linux 4.15', accuracy: 85 },
      { name: 'Linux 5.x', accuracy: 96 },
    ],
  });

  it('creates them in discover mode, named by hostname, with the confident OS guess and a label', async () => {
    const twin = await twinWith([]);
    const { result } = await importScan(twin, scanOf([unknownHost]));
    expect(result.created).toEqual(['host:build07']);
    expect(twin.live.entity('host:build07')).toMatchObject({
      kind: 'host',
      name: 'Build07',
      labels: { 'discovered-by': 'nmap' },
      props: { ipAddresses: ['10.0.0.8'], os: 'Linux 5.x' },
    });
    expect(servicesOn(twin, 'host:build07')).toEqual(['network-service:build07/tcp/22']);
  });

  it('names a host without hostname by its IP, and leaves a weak OS guess out', async () => {
    const twin = await twinWith([]);
    const weak = host('2001:DB8::9', [], { osMatches: [{ name: 'Windows', accuracy: 89 }] });
    const { result } = await importScan(twin, scanOf([weak]));
    expect(result.created).toEqual(['host:2001:db8::9']);
    expect(twin.live.entity('host:2001:db8::9')?.props).toEqual({ ipAddresses: ['2001:db8::9'] });
  });

  it('creates one host for two addresses with the same hostname, and finds it again next time', async () => {
    const twin = await twinWith([]);
    const named = { hostnames: [{ name: 'dual', type: 'PTR' as const }] };
    const scan = scanOf([
      host('10.0.0.10', [port(22, 'open', 'ssh')], named),
      host('2001:db8::10', [], named),
    ]);
    const { result } = await importScan(twin, scan);
    expect(result.created).toEqual(['host:dual']);
    expect(twin.live.entity('host:dual')?.props.ipAddresses).toEqual(['10.0.0.10', '2001:db8::10']);
    const again = nmapOperations(twin.live, scan, discover);
    expect(again.created).toEqual([]);
    expect(again.matched.map((match) => match.by)).toEqual(['ip', 'ip']);
  });

  it('does not overwrite a host that already has the id it would create', async () => {
    const twin = await twinWith([
      { id: 'host:build07', kind: 'host', name: 'Build server', props: { cpuCores: 8 } },
    ]);
    const { result } = await importScan(twin, scanOf([unknownHost]));
    expect(result.created).toEqual([]);
    expect(result.matched).toEqual([{ address: '10.0.0.8', entityId: 'host:build07', by: 'hostname' }]);
    expect(twin.live.entity('host:build07')?.props).toEqual({ cpuCores: 8 });
  });

  it('does not merge two hostnames that only differ in what an id cannot hold', async () => {
    const twin = await twinWith([]);
    const spaced = host('10.0.0.12', [], { hostnames: [{ name: 'lab box', type: 'user' }] });
    const dashed = host('10.0.0.13', [], { hostnames: [{ name: 'lab-box', type: 'user' }] });
    const { result } = await importScan(twin, scanOf([spaced, dashed]));
    expect(result.created).toEqual(['host:lab-box']);
    expect(twin.live.entity('host:lab-box')?.props.ipAddresses).toEqual(['10.0.0.12']);
    expect(result.unmatched).toEqual([{ address: '10.0.0.13', hostname: 'lab-box' }]);
    expect(result.problems).toEqual([expect.stringContaining("'host:lab-box' is taken")]);
  });

  it('only lists them in strict mode', async () => {
    const twin = await twinWith([]);
    const { result } = await importScan(
      twin,
      scanOf([unknownHost, host('10.0.0.11', [port(80, 'open')])]),
      strict,
    );
    expect(result.operations).toEqual([]);
    expect(result.created).toEqual([]);
    expect(result.unmatched).toEqual([
      { address: '10.0.0.8', hostname: 'Build07' },
      { address: '10.0.0.11' },
    ]);
  });

  it('cannot create a host known only by its MAC address', async () => {
    const twin = await twinWith([]);
    const macOnly: NmapHost = {
      ...host('10.0.0.1', []),
      addresses: [{ addr: '00:1A:2B:3C:4D:5E', type: 'mac' }],
    };
    const result = nmapOperations(twin.live, scanOf([macOnly]), discover);
    expect(result.created).toEqual([]);
    expect(result.unmatched).toEqual([{ address: '00:1A:2B:3C:4D:5E' }]);
  });
});

describe('nmapOperations: which ports become services', () => {
  it('takes open ports, and open|filtered only for UDP; never closed or filtered ones', async () => {
    const twin = await twinWith([web01]);
    const ports = [
      port(53, 'open|filtered', 'domain', 'udp'),
      port(161, 'open', 'snmp', 'udp'),
      port(8080, 'open|filtered', 'http-proxy'),
      port(25, 'closed', 'smtp'),
      port(443, 'filtered', 'https'),
      port(9999, 'open'),
      port(7000, 'open', 'unknown'),
    ];
    const { result } = await importScan(twin, scanOf([host('10.0.0.5', ports)]));
    expect(result.services).toBe(4);
    expect(servicesOn(twin, 'host:web01')).toEqual([
      'network-service:web01/tcp/7000',
      'network-service:web01/tcp/9999',
      'network-service:web01/udp/161',
      'network-service:web01/udp/53',
    ]);
    expect(twin.live.entity('network-service:web01/tcp/9999')?.name).toBe('9999/tcp');
    expect(twin.live.entity('network-service:web01/tcp/7000')).toMatchObject({
      name: '7000/tcp',
      props: { name: 'unknown' },
    });
  });
});

describe('nmapOperations: re-importing a host', () => {
  const firstScan = scanOf([
    host('10.0.0.5', [port(22, 'open', 'ssh'), port(80, 'open', 'http'), port(3306, 'open', 'mysql')]),
  ]);

  async function twinAfterFirstScan(extra: EntityInput[] = []): Promise<Twin> {
    const twin = await twinWith([web01, ...extra]);
    await importScan(twin, firstScan);
    return twin;
  }

  it('removes the services whose port was scanned again and is no longer open; keeps ports not scanned', async () => {
    const twin = await twinAfterFirstScan();
    const rescan = scanOf([host('10.0.0.5', [port(22, 'open', 'ssh'), port(80, 'closed', 'http')])]);
    const { result } = await importScan(twin, rescan);
    expect(result.operations.filter((op) => op.op === 'remove-entity')).toEqual([
      { op: 'remove-entity', id: 'network-service:web01/tcp/80' },
    ]);
    expect(servicesOn(twin, 'host:web01')).toEqual([
      'network-service:web01/tcp/22',
      'network-service:web01/tcp/3306',
    ]);
  });

  it('counts a port in the scanned range but left out of the list (extraports) as not open', async () => {
    const twin = await twinAfterFirstScan();
    const rescan = scanOf(
      [host('10.0.0.5', [port(22, 'open', 'ssh')], { extraPorts: [{ state: 'closed', count: 998 }] })],
      [{ type: 'syn', protocol: 'tcp', ports: [{ from: 1, to: 1000 }] }],
    );
    await importScan(twin, rescan);
    expect(servicesOn(twin, 'host:web01')).toEqual([
      'network-service:web01/tcp/22',
      'network-service:web01/tcp/3306',
    ]);
  });

  it('removes nothing for a host that timed out or that has no port table', async () => {
    const twin = await twinAfterFirstScan();
    const scanned = [{ type: 'syn', protocol: 'tcp', ports: [{ from: 1, to: 65535 }] }];
    const timedOut = host('10.0.0.5', [], { timedOut: true, extraPorts: [{ state: 'closed', count: 10 }] });
    expect(nmapOperations(twin.live, scanOf([timedOut], scanned), discover).operations).toEqual([]);
    expect(nmapOperations(twin.live, scanOf([host('10.0.0.5', [])], scanned), discover).operations).toEqual(
      [],
    );
  });

  it('removes only services it owns: others recorded by hand or another source stay', async () => {
    const twin = await twinAfterFirstScan([
      { id: 'network-service:web01/tcp/25', kind: 'network-service', props: { port: 25, protocol: 'tcp' } },
    ]);
    await twin.apply({
      actor: 'test',
      ops: [
        {
          op: 'upsert-relation',
          relation: { type: 'runs-on', from: 'network-service:web01/tcp/25', to: 'host:web01' },
        },
      ],
    });
    const rescan = scanOf([host('10.0.0.5', [port(25, 'closed'), port(22, 'closed')])]);
    const { result } = await importScan(twin, rescan, { mode: 'strict', source: 'nmap-dmz' });
    expect(result.operations).toEqual([]);
    const { result: own } = await importScan(twin, rescan, strict);
    expect(own.operations).toEqual([{ op: 'remove-entity', id: 'network-service:web01/tcp/22' }]);
  });

  it('keeps what others added to a service: its labels and props such as runsAs, and its owner', async () => {
    const twin = await twinAfterFirstScan([
      {
        id: 'network-service:web01/tcp/8443',
        kind: 'network-service',
        props: { port: 8443, protocol: 'tcp' },
      },
    ]);
    await twin.apply({
      actor: 'alice',
      ops: [
        {
          op: 'patch-entity',
          id: 'network-service:web01/tcp/22',
          labels: { team: 'ops' },
          props: { runsAs: 'root' },
        },
      ],
    });
    await importScan(
      twin,
      scanOf([host('10.0.0.5', [port(22, 'open', 'ssh'), port(8443, 'open', 'https-alt')])]),
    );
    expect(twin.live.entity('network-service:web01/tcp/22')).toMatchObject({
      labels: { team: 'ops' },
      props: { runsAs: 'root', name: 'ssh', source: 'nmap' },
    });
    expect(twin.live.entity('network-service:web01/tcp/8443')?.props).toEqual({
      port: 8443,
      protocol: 'tcp',
      name: 'https-alt',
    });
  });

  it('keeps a service that one of the asset’s addresses shows open while another shows it closed', async () => {
    const twin = await twinWith([
      { id: 'host:multi', kind: 'host', props: { ipAddresses: ['10.0.0.20', '10.0.0.21'] } },
    ]);
    await importScan(twin, scanOf([host('10.0.0.20', [port(22, 'open', 'ssh')])]));
    const rescan = scanOf([
      host('10.0.0.20', [port(22, 'open', 'ssh')]),
      host('10.0.0.21', [port(22, 'closed')]),
    ]);
    const { result } = await importScan(twin, rescan);
    expect(result.operations.some((op) => op.op === 'remove-entity')).toBe(false);
    expect(servicesOn(twin, 'host:multi')).toEqual(['network-service:multi/tcp/22']);
  });
});
