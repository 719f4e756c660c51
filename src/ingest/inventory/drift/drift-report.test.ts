import { describe, expect, it } from 'vitest';
import { type EntityInput, MemoryTwinStore, type RelationInput, Twin } from '../../../model/index.js';
import { applyInventory } from '../apply-inventory.js';
import type { InventoryImport } from '../inventory-import.js';
import { computeDrift, type DriftItem } from './drift-report.js';
import { SourceClaimsBook } from './source-claims-book.js';

const minute = 60_000;

function inventory(source: string, entities: EntityInput[], relations: RelationInput[]): InventoryImport {
  return { document: { source, entities, relations }, problems: [], counts: {} };
}

const host = (name: string, props: EntityInput['props'] = {}): EntityInput => ({
  id: `host:${name}`,
  kind: 'host',
  props,
});
const port = (device: string, name: string): EntityInput => ({
  id: `interface:${device}/${name}`,
  kind: 'interface',
});
const contains = (from: string, to: string): RelationInput => ({ type: 'contains', from, to });
const cable = (from: string, to: string): RelationInput => ({ type: 'connects', from, to });

/** NetBox declares three hosts and a switch with their ports and cables. */
const netbox = inventory(
  'netbox:dc1',
  [
    host('web-01', { serial: 'ABC123', ipAddresses: ['10.0.0.5/24'] }),
    host('web-02', { serial: 'DEF456' }),
    host('db-01'),
    { id: 'switch:tor-1', kind: 'switch' },
    port('web-01', 'eth0'),
    port('web-01', 'eth1'),
    port('db-01', 'eth0'),
    port('tor-1', 'ge-0-0-1'),
    port('tor-1', 'ge-0-0-2'),
  ],
  [
    contains('host:web-01', 'interface:web-01/eth0'),
    contains('host:web-01', 'interface:web-01/eth1'),
    contains('host:db-01', 'interface:db-01/eth0'),
    contains('switch:tor-1', 'interface:tor-1/ge-0-0-1'),
    contains('switch:tor-1', 'interface:tor-1/ge-0-0-2'),
    cable('interface:web-01/eth0', 'interface:tor-1/ge-0-0-1'),
  ],
);

/** SNMP and LLDP see web-01 (with another address and the cable on another port), and a stranger. */
const snmp = inventory(
  'snmp:discovery',
  [
    host('web-01', { serial: 'abc123', ipAddresses: ['10.0.0.6'] }),
    host('stranger'),
    { id: 'switch:tor-1', kind: 'switch' },
    port('web-01', 'eth0'),
    port('tor-1', 'ge-0-0-1'),
    port('tor-1', 'ge-0-0-2'),
  ],
  [
    contains('host:web-01', 'interface:web-01/eth0'),
    contains('switch:tor-1', 'interface:tor-1/ge-0-0-1'),
    contains('switch:tor-1', 'interface:tor-1/ge-0-0-2'),
    cable('interface:tor-1/ge-0-0-2', 'interface:web-01/eth0'),
  ],
);

/** Kubernetes observes pods: no source of truth declares containers, so they are no drift. */
const k8s = inventory('k8s:prod', [{ id: 'container:prod/api-0', kind: 'container' }], []);

async function estate() {
  let now = 1_000_000;
  const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => now });
  const claims = await SourceClaimsBook.open(twin.store);
  const apply = (item: InventoryImport, origin: 'declared' | 'observed') =>
    applyInventory(twin, item, { actor: 'test', dryRun: false, prune: false, origin, claims });
  await apply(netbox, 'declared');
  await apply(snmp, 'observed');
  await apply(k8s, 'observed');
  const report = () => computeDrift(twin.live, claims.list(), { now, staleAfterMs: 5 * minute });
  return { twin, claims, report, advance: (ms: number) => (now += ms), now: () => now };
}

const of = (items: DriftItem[], type: DriftItem['type']) => items.filter((item) => item.type === type);

describe('drift between declared and observed', () => {
  it('finds the undeclared, the silent, the differing facts and the moved cable', async () => {
    const { report } = await estate();
    const { items, summary, sources } = report();
    expect(sources.map((source) => [source.source, source.origin, source.entities])).toStrictEqual([
      ['netbox:dc1', 'declared', 9],
      ['snmp:discovery', 'observed', 6],
      ['k8s:prod', 'observed', 1],
    ]);
    expect(of(items, 'undeclared')).toStrictEqual([
      {
        type: 'undeclared',
        entity: 'host:stranger',
        kind: 'host',
        name: 'stranger',
        observedBy: ['snmp:discovery'],
        lastSeen: 1_000_000,
      },
    ]);
    // SNMP walked web-01 and did not list eth1; nobody polled db-01, so its port is not silent.
    expect(of(items, 'silent').map((item) => item.entity)).toStrictEqual([
      'host:db-01',
      'host:web-02',
      'interface:web-01/eth1',
    ]);
    // The serial differs only in case, the address also by its prefix length: only the address drifts.
    expect(of(items, 'differs')).toStrictEqual([
      {
        type: 'differs',
        entity: 'host:web-01',
        kind: 'host',
        field: 'props.ipAddresses',
        declared: [{ source: 'netbox:dc1', value: ['10.0.0.5/24'] }],
        observed: [{ source: 'snmp:discovery', value: ['10.0.0.6'] }],
      },
    ]);
    expect(
      of(items, 'relation').map(
        (item) =>
          item.type === 'relation' && [item.entity, item.relation, item.declaredOnly, item.observedOnly],
      ),
    ).toStrictEqual([
      ['interface:tor-1/ge-0-0-1', 'connects', [{ peer: 'interface:web-01/eth0', source: 'netbox:dc1' }], []],
      [
        'interface:tor-1/ge-0-0-2',
        'connects',
        [],
        [{ peer: 'interface:web-01/eth0', source: 'snmp:discovery' }],
      ],
      [
        'interface:web-01/eth0',
        'connects',
        [{ peer: 'interface:tor-1/ge-0-0-1', source: 'netbox:dc1' }],
        [{ peer: 'interface:tor-1/ge-0-0-2', source: 'snmp:discovery' }],
      ],
    ]);
    expect(summary).toStrictEqual({ undeclared: 1, silent: 3, differs: 1, relation: 3 });
  });

  it('follows telemetry: a silent host that starts reporting is no longer silent until it goes stale', async () => {
    const { twin, report, advance, now } = await estate();
    const silent = () => of(report().items, 'silent').map((item) => item.entity);
    expect(silent()).toContain('host:web-02');
    twin.recordSamples([
      { entityId: 'host:web-02', metric: 'cpu', value: 0.3, ts: now(), source: 'remote_write' },
    ]);
    expect(silent()).not.toContain('host:web-02');
    advance(6 * minute);
    const item = of(report().items, 'silent').find((entry) => entry.entity === 'host:web-02');
    expect(item).toMatchObject({ declaredBy: ['netbox:dc1'], lastSeen: now() - 6 * minute });
  });

  it('counts samples on a part (a filesystem, an interface) as its device being there', async () => {
    const { twin, report, now } = await estate();
    await twin.apply({
      actor: 'test',
      source: 'netbox:dc1',
      ops: [
        { op: 'upsert-entity', entity: { id: 'volume:db-01/var', kind: 'volume' } },
        { op: 'upsert-relation', relation: contains('host:db-01', 'volume:db-01/var') },
      ],
    });
    twin.recordSamples([
      { entityId: 'volume:db-01/var', metric: 'disk', value: 0.5, ts: now(), source: 'remote_write' },
    ]);
    expect(of(report().items, 'silent').map((item) => item.entity)).toStrictEqual([
      'host:web-02',
      'interface:web-01/eth1',
    ]);
  });

  it('sees a host that telemetry discovered and no source declares as undeclared', async () => {
    const { twin, report, now } = await estate();
    await twin.apply({
      actor: 'remote_write',
      source: 'remote_write',
      origin: 'observed',
      ops: [{ op: 'upsert-entity', entity: host('ghost') }],
    });
    twin.recordSamples([
      { entityId: 'host:ghost', metric: 'cpu', value: 0.1, ts: now(), source: 'remote_write' },
    ]);
    const ghost = of(report().items, 'undeclared').find((item) => item.entity === 'host:ghost');
    expect(ghost).toMatchObject({ observedBy: ['remote_write', 'telemetry:remote_write'] });
  });

  it("keeps the claims across a restart, and a re-import replaces its source's claims", async () => {
    const { twin, claims } = await estate();
    await applyInventory(twin, inventory('snmp:discovery', [host('stranger')], []), {
      actor: 'test',
      dryRun: false,
      prune: false,
      origin: 'observed',
      claims,
    });
    const reopened = await SourceClaimsBook.open(twin.store);
    const snmpClaims = reopened.list().find((item) => item.source === 'snmp:discovery');
    expect(snmpClaims?.entities.map((entity) => entity.id)).toStrictEqual(['host:stranger']);
    expect(reopened.list()).toHaveLength(3);
  });

  it('records no claims for a dry run or an import to a fork', async () => {
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    const claims = await SourceClaimsBook.open(twin.store);
    await applyInventory(twin, netbox, {
      actor: 't',
      dryRun: true,
      prune: false,
      origin: 'declared',
      claims,
    });
    const fork = await twin.createFork({ name: 'f', actor: 't' });
    await applyInventory(twin, netbox, {
      actor: 't',
      dryRun: false,
      prune: false,
      origin: 'declared',
      claims,
      fork: fork.id,
    });
    expect(claims.list()).toStrictEqual([]);
  });
});
