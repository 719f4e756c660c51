import { describe, expect, it } from 'vitest';
import { ConflictError, InputError } from './errors.js';
import type { KindSpec } from './kind-catalog.js';
import { MemoryTwinStore } from './memory-twin-store.js';
import { Twin, type TwinEvent } from './twin.js';

function pump(version: number, flowType: 'number' | 'string' = 'number'): KindSpec {
  return {
    kind: 'pump',
    description: `a pump, version ${version}`,
    props: { flowRate: { type: flowType, unit: 'litrePerSecond', description: 'rated flow' } },
    metrics: { temperature: { unit: 'celsius', description: 'water temperature' } },
    relations: { 'relates-to': ['*'], 'powered-by': ['pdu'] },
    dtmi: `dtmi:com:example:Pump;${version}`,
  };
}

const addPump = (flowRate: number | string) => ({
  actor: 'alice',
  ops: [{ op: 'upsert-entity' as const, entity: { id: 'pump:p1', kind: 'pump', props: { flowRate } } }],
});

describe('user-defined kinds on the twin', () => {
  it('accepts entities of a kind once defined, checks their props, and announces the kind', async () => {
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    await expect(twin.apply(addPump(3))).rejects.toThrow(/unknown kind 'pump'/);
    const events: TwinEvent[] = [];
    twin.subscribe((event) => events.push(event));
    const catalogBefore = twin.catalog;
    expect(await twin.defineKinds([pump(1)])).toStrictEqual({ define: [pump(1)], unchanged: [] });
    expect(twin.catalog).toBe(catalogBefore);
    expect(twin.catalog.get('pump')?.dtmi).toBe('dtmi:com:example:Pump;1');
    expect(events).toContainEqual({ type: 'kinds', defined: ['pump'], removed: [] });
    await expect(twin.apply(addPump('fast'))).rejects.toThrow(/flowRate/);
    await twin.apply(addPump(3));
    expect(twin.live.entity('pump:p1')?.props).toStrictEqual({ flowRate: 3 });
  });

  it('keeps a published version immutable and takes only later versions', async () => {
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    await twin.defineKinds([pump(2)]);
    expect(await twin.defineKinds([pump(2)])).toStrictEqual({ define: [], unchanged: ['pump'] });
    await expect(twin.defineKinds([pump(2, 'string')])).rejects.toThrow(ConflictError);
    await expect(twin.defineKinds([pump(1)])).rejects.toThrow(/version 1 is older/);
    await twin.defineKinds([pump(3, 'string')]);
    expect(twin.catalog.get('pump')?.props.flowRate?.type).toBe('string');
  });

  it('reports every bad field of a definition and defines none of the batch', async () => {
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    const bad: KindSpec[] = [
      { ...pump(1), kind: 'host' },
      { ...pump(1), kind: 'Chiller' },
      { ...pump(1), kind: 'valve', relations: { feeds: ['*'] } as KindSpec['relations'] },
      { ...pump(1), kind: 'tank', relations: { 'relates-to': ['no-such-kind'] } },
      pump(1),
    ];
    const error = await twin.defineKinds(bad).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues.map((issue) => issue.field)).toStrictEqual([
      'kinds[0].kind',
      'kinds[1].kind',
      'kinds[2].relations.feeds',
      'kinds[3].relations.relates-to',
    ]);
    expect(twin.catalog.has('pump')).toBe(false);
  });

  it('restores defined kinds after a restart and replays history written under an older version', async () => {
    const store = new MemoryTwinStore();
    const twin = await Twin.open({ store });
    await twin.defineKinds([pump(1)]);
    await twin.apply(addPump(3));
    const fork = await twin.createFork({ name: 'what-if', actor: 'alice' });
    await twin.apply(addPump(5), { fork: fork.id });
    // Version 2 changes the prop's type: entities written before keep their numbers.
    await twin.defineKinds([pump(2, 'string')]);
    await twin.close();
    const reopened = await Twin.open({ store });
    expect(reopened.catalog.get('pump')?.dtmi).toBe('dtmi:com:example:Pump;2');
    expect(reopened.live.entity('pump:p1')?.props).toStrictEqual({ flowRate: 3 });
    expect(reopened.view({ fork: fork.id }).entity('pump:p1')?.props).toStrictEqual({ flowRate: 5 });
    await expect(reopened.apply(addPump(7))).rejects.toThrow(/flowRate/);
  });

  it('removes a kind only when no entity, live or in a fork, has it', async () => {
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    await twin.defineKinds([pump(1)]);
    const fork = await twin.createFork({ name: 'what-if', actor: 'alice' });
    await twin.apply(addPump(5), { fork: fork.id });
    await expect(twin.removeKind('pump')).rejects.toThrow(/in use by 'pump:p1' \(fork:/);
    await expect(twin.removeKind('host')).rejects.toThrow(/built-in/);
    await twin.deleteFork(fork.id, 'alice');
    await twin.removeKind('pump');
    expect(twin.catalog.has('pump')).toBe(false);
    await expect(twin.removeKind('pump')).rejects.toThrow(/no kind 'pump'/);
  });
});
