import {
  type EntityInput,
  MemoryTwinStore,
  type Operation,
  type RelationInput,
  Twin,
  type TwinView,
} from '../../model/index.js';

/**
 * A live view of a small hand-made twin, for the rules' tests. It goes through Twin.apply, so a
 * test twin obeys the kind catalog the same way a real estate does.
 */
export async function testView(
  entities: readonly EntityInput[],
  relations: readonly RelationInput[] = [],
): Promise<TwinView> {
  const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => 1_000 });
  const ops: Operation[] = [
    ...entities.map((entity): Operation => ({ op: 'upsert-entity', entity })),
    ...relations.map((relation): Operation => ({ op: 'upsert-relation', relation })),
  ];
  if (ops.length > 0) await twin.apply({ actor: 'test', ops });
  return twin.live;
}
