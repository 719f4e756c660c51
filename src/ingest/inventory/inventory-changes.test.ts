import { describe, expect, it } from 'vitest';
import { MemoryTwinStore, Twin } from '../../model/index.js';
import { inventoryChanges } from './inventory-changes.js';

const source = 'netbox:test';
const document = {
  source,
  entities: [
    { id: 'host:a', kind: 'host', props: { serial: 'S1', ipAddresses: ['10.0.0.1'] } },
    { id: 'host:b', kind: 'host', labels: { role: 'db' } },
  ],
  relations: [{ type: 'trusts' as const, from: 'host:a', to: 'host:b' }],
};

async function applied(doc: typeof document, prune = false) {
  const twin = await Twin.open({ store: new MemoryTwinStore() });
  const first = inventoryChanges(twin.view(), doc, { prune });
  await twin.apply({ actor: 'test', reason: 'import', source, ops: first.operations });
  return { twin, first };
}

describe('inventoryChanges', () => {
  it('adds everything the first time and nothing the second', async () => {
    const { twin, first } = await applied(document);
    expect(first.added).toEqual(['host:a', 'host:b']);
    expect(first.relationsAdded).toBe(1);
    const again = inventoryChanges(
      twin.view(),
      { ...document, entities: document.entities.map((e) => ({ ...e, props: { ...e.props } })) },
      { prune: true },
    );
    expect(again.operations).toEqual([]);
    expect(again.unchanged).toBe(2);
  });

  it('names the fields a changed entity differs in, whatever the key order', async () => {
    const { twin } = await applied(document);
    const edited = {
      ...document,
      entities: [
        { id: 'host:a', kind: 'host', props: { ipAddresses: ['10.0.0.2'], serial: 'S1' } },
        document.entities[1] as (typeof document.entities)[number],
      ],
    };
    const changes = inventoryChanges(twin.view(), edited, { prune: false });
    expect(changes.changed).toEqual([{ id: 'host:a', fields: ['props.ipAddresses'] }]);
    expect(changes.operations).toHaveLength(1);
  });

  it('lists what the source no longer has, and removes it only with prune', async () => {
    const { twin } = await applied(document);
    const smaller = {
      ...document,
      entities: [document.entities[0] as (typeof document.entities)[number]],
      relations: [],
    };
    const dry = inventoryChanges(twin.view(), smaller, { prune: false });
    expect(dry.removedEntities).toEqual(['host:b']);
    expect(dry.operations).toEqual([]);
    const pruned = inventoryChanges(twin.view(), smaller, { prune: true });
    await twin.apply({ actor: 'test', reason: 'prune', source, ops: pruned.operations });
    expect(twin.view().entity('host:b')).toBeUndefined();
    expect(twin.view().entity('host:a')).toBeDefined();
  });

  it('patches an entity another source created instead of replacing it', async () => {
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    await twin.apply({
      actor: 'test',
      reason: 'other',
      source: 'k8s:c',
      ops: [{ op: 'upsert-entity', entity: { id: 'host:a', kind: 'host', labels: { 'k8s-cluster': 'c' } } }],
    });
    const changes = inventoryChanges(twin.view(), document, { prune: false });
    await twin.apply({ actor: 'test', reason: 'import', source, ops: changes.operations });
    expect(twin.view().entity('host:a')?.labels).toMatchObject({ 'k8s-cluster': 'c' });
    expect(twin.view().entity('host:a')?.props.serial).toBe('S1');
  });
});
