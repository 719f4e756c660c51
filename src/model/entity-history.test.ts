import { describe, expect, it } from 'vitest';
import { MemoryTwinStore } from './memory-twin-store.js';
import { Twin } from './twin.js';

describe("an entity's history in the change log", () => {
  it('lists the change sets that wrote the entity or one of its relations, newest first', async () => {
    let now = 1_000;
    const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => now++ });
    const upsert = (id: string, kind: string, props = {}) => ({
      op: 'upsert-entity' as const,
      entity: { id, kind, props },
    });
    await twin.apply({ actor: 'a', ops: [upsert('rack:r1', 'rack'), upsert('host:h1', 'host')] }); // 1
    await twin.apply({ actor: 'a', ops: [upsert('host:h2', 'host')] }); // 2: not h1
    await twin.apply({
      actor: 'a',
      ops: [{ op: 'upsert-relation', relation: { type: 'contains', from: 'rack:r1', to: 'host:h1' } }],
    }); // 3: a relation of h1
    await twin.apply({ actor: 'b', ops: [{ op: 'patch-entity', id: 'host:h1', props: { cpuCores: 8 } }] }); // 4
    const relation = twin.live.incoming('host:h1', 'contains')[0];
    expect(relation).toBeDefined();
    await twin.apply({ actor: 'a', ops: [{ op: 'remove-relation', id: relation?.id as string }] }); // 5
    const history = twin.listChanges({ entity: 'host:h1' }).map((change) => change.seq);
    expect(history).toStrictEqual([5, 4, 3, 1]);
    expect(twin.listChanges({ entity: 'host:h2' }).map((change) => change.seq)).toStrictEqual([2]);
    expect(twin.listChanges({ entity: 'host:h1', limit: 2 })).toHaveLength(2);
    expect(twin.listChanges({ entity: 'host:nobody' })).toStrictEqual([]);
    expect(() => twin.listChanges({ entity: 'host:h1', fork: 'f' })).toThrow(/live log/);
  });
});
