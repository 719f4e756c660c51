import { describe, expect, it } from 'vitest';
import { MemoryTwinStore, Twin } from '../../model/index.js';
import { inventoryChanges } from './inventory-changes.js';
import { resolveIdentities } from './resolve-identities.js';

async function twinWithEstate() {
  const twin = await Twin.open({ store: new MemoryTwinStore() });
  await twin.apply({
    actor: 'test',
    reason: 'estate',
    source: 'estate:dc1.yaml',
    ops: [
      {
        op: 'upsert-entity',
        entity: {
          id: 'host:web-01',
          kind: 'host',
          props: { serial: 'ABC123', cpuCores: 16, ipAddresses: ['10.0.0.5'] },
        },
      },
      { op: 'upsert-entity', entity: { id: 'host:db', kind: 'host', props: { ipAddresses: ['10.0.0.9'] } } },
      { op: 'upsert-entity', entity: { id: 'vm:db', kind: 'vm', props: {} } },
      {
        op: 'upsert-entity',
        entity: { id: 'cloud-instance:i-0abc', kind: 'cloud-instance', props: { instanceId: 'i-0abc' } },
      },
    ],
  });
  return twin;
}

describe('resolveIdentities', () => {
  it('joins the same machine by serial, instance id, address and host name, and rewrites relations to it', async () => {
    const twin = await twinWithEstate();
    const resolved = resolveIdentities(twin.view(), {
      source: 'netbox:nb',
      entities: [
        { id: 'host:web-01-prod', kind: 'host', props: { serial: 'abc123 ' } },
        { id: 'host:ip-10-0-0-9', kind: 'host', props: { ipAddresses: ['10.0.0.9/24'] } },
        { id: 'cloud-instance:web-aws', kind: 'cloud-instance', props: { instanceId: 'i-0abc' } },
        { id: 'host:WEB-01.prod.example.com', kind: 'host', name: 'WEB-01.prod.example.com' },
        { id: 'interface:web-01-prod/eth0', kind: 'interface' },
      ],
      relations: [{ type: 'contains', from: 'host:web-01-prod', to: 'interface:web-01-prod/eth0' }],
    });
    expect(resolved.matches.map((m) => [m.declared, m.entity, m.by])).toEqual([
      ['host:web-01-prod', 'host:web-01', 'serial'],
      ['host:ip-10-0-0-9', 'host:db', 'ip-address'],
      ['cloud-instance:web-aws', 'cloud-instance:i-0abc', 'instance-id'],
      ['host:WEB-01.prod.example.com', 'host:web-01', 'hostname'],
    ]);
    expect(resolved.document.relations[0]).toMatchObject({
      from: 'host:web-01',
      to: 'interface:web-01-prod/eth0',
    });
    expect(resolved.ambiguous).toEqual([]);
  });

  it('reports a fact another source states differently, and leaves it as it was', async () => {
    const twin = await twinWithEstate();
    const resolved = resolveIdentities(twin.view(), {
      source: 'netbox:nb',
      entities: [{ id: 'host:web-01', kind: 'host', props: { cpuCores: 32, model: 'R650' } }],
      relations: [],
    });
    expect(resolved.conflicts).toEqual([
      {
        entity: 'host:web-01',
        field: 'props.cpuCores',
        held: { value: 16, source: 'estate:dc1.yaml' },
        declared: { value: 32, source: 'netbox:nb' },
      },
    ]);
    const changes = inventoryChanges(twin.view(), resolved.document, { prune: false });
    await twin.apply({ actor: 'test', reason: 'netbox', source: 'netbox:nb', ops: changes.operations });
    expect(twin.view().entity('host:web-01')?.props).toMatchObject({
      cpuCores: 16,
      model: 'R650',
      serial: 'ABC123',
    });
  });

  it('does not merge a machine two twin entities could be', async () => {
    const twin = await twinWithEstate();
    const resolved = resolveIdentities(twin.view(), {
      source: 'k8s:c',
      entities: [{ id: 'host:db-node', kind: 'host', name: 'db' }],
      relations: [],
    });
    expect(resolved.matches).toEqual([]);
    expect(resolved.ambiguous).toEqual([
      { declared: 'host:db-node', candidates: ['host:db', 'vm:db'], by: 'hostname' },
    ]);
  });
});
