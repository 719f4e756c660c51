import type { Operation } from '../model/index.js';
import type { GeneratedEstate } from './estate-builder.js';

/** A generated estate as the operations of one change set: every entity, then every relation. */
export function estateOperations(estate: Pick<GeneratedEstate, 'entities' | 'relations'>): Operation[] {
  return [
    ...estate.entities.map((entity): Operation => ({ op: 'upsert-entity', entity })),
    ...estate.relations.map((relation): Operation => ({ op: 'upsert-relation', relation })),
  ];
}
