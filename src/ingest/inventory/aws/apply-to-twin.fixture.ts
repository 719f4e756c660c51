// Applies an inventory import to a real in-memory twin, as the importer's caller does: one change
// set upserting every entity, then every relation. The twin validates kinds, prop types and which
// relations each kind may have, so a document that applies is one the catalog accepts.
import { MemoryTwinStore, Twin } from '../../../model/index.js';
import type { InventoryImport } from '../inventory-import.js';

export async function applyToTwin(result: InventoryImport, twin?: Twin): Promise<Twin> {
  const target = twin ?? (await Twin.open({ store: new MemoryTwinStore() }));
  await target.apply({
    actor: 'test',
    reason: 'inventory import',
    source: result.document.source,
    ops: [
      ...result.document.entities.map((entity) => ({ op: 'upsert-entity' as const, entity })),
      ...result.document.relations.map((relation) => ({ op: 'upsert-relation' as const, relation })),
    ],
  });
  return target;
}
