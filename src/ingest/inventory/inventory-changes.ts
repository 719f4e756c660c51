// What applying an inventory import would do to the twin, before it is done: the dry-run diff
// (docs/integrations.md). Re-importing an unchanged source changes nothing; what the source no
// longer has is listed as removals and removed only when asked (`prune`).
import {
  type EntityId,
  type EntityInput,
  type JsonValue,
  jsonEqual,
  type Operation,
  type RelationInput,
  relationId,
  type TwinView,
} from '../../model/index.js';
import type { EstateDocument } from '../estate-document.js';

export interface InventoryChanges {
  /** The change set to apply (removals included only with `prune`). */
  readonly operations: Operation[];
  readonly added: EntityId[];
  /** Entities whose name, labels or props the source states differently from the twin. */
  readonly changed: Array<{ readonly id: EntityId; readonly fields: string[] }>;
  readonly unchanged: number;
  readonly relationsAdded: number;
  /** What this source imported before and no longer has. */
  readonly removedEntities: EntityId[];
  readonly removedRelations: string[];
}

/**
 * The diff between what `source` declares now and what the twin holds from it. Entities and
 * relations already equal produce no operation, so a re-import of an unchanged source applies
 * nothing; an entity the twin already holds from elsewhere is patched with the source's props and
 * labels only, never replaced (other sources' facts stay; reconciliation reports conflicts).
 */
export function inventoryChanges(
  view: TwinView,
  document: EstateDocument & { source: string },
  options: { readonly prune: boolean },
): InventoryChanges {
  const operations: Operation[] = [];
  const added: EntityId[] = [];
  const changed: Array<{ id: EntityId; fields: string[] }> = [];
  let unchanged = 0;
  for (const entity of document.entities) {
    const existing = view.entity(entity.id);
    if (!existing) {
      added.push(entity.id);
      operations.push({ op: 'upsert-entity', entity });
      continue;
    }
    const fields = differingFields(entity, existing);
    if (fields.length === 0) {
      unchanged++;
      continue;
    }
    changed.push({ id: entity.id, fields });
    operations.push(
      existing.provenance.source === document.source
        ? { op: 'upsert-entity', entity }
        : {
            op: 'patch-entity',
            id: entity.id,
            ...(entity.labels ? { labels: entity.labels } : {}),
            ...(entity.props ? { props: entity.props } : {}),
          },
    );
  }
  let relationsAdded = 0;
  for (const relation of document.relations) {
    const existing = view.relation(relationId(relation));
    if (existing && jsonEqual(existing.props, relation.props ?? {})) continue;
    if (!existing) relationsAdded++;
    operations.push({ op: 'upsert-relation', relation });
  }
  const { entities: removedEntities, relations: removedRelations } = staleFromSource(view, document);
  if (options.prune) {
    for (const id of removedRelations) operations.push({ op: 'remove-relation', id });
    for (const id of removedEntities) operations.push({ op: 'remove-entity', id });
  }
  return { operations, added, changed, unchanged, relationsAdded, removedEntities, removedRelations };
}

function differingFields(
  wanted: EntityInput,
  existing: {
    name: string;
    labels: Readonly<Record<string, string>>;
    props: Readonly<Record<string, JsonValue>>;
  },
): string[] {
  const fields: string[] = [];
  if (wanted.name !== undefined && wanted.name !== existing.name) fields.push('name');
  for (const [key, value] of Object.entries(wanted.labels ?? {}))
    if (existing.labels[key] !== value) fields.push(`labels.${key}`);
  for (const [key, value] of Object.entries(wanted.props ?? {}))
    if (!jsonEqual(existing.props[key], value)) fields.push(`props.${key}`);
  return fields;
}

/** Entities and relations the source wrote before and no longer declares; relations of removed entities go with them. */
function staleFromSource(
  view: TwinView,
  document: { source: string; entities: readonly EntityInput[]; relations: readonly RelationInput[] },
): { entities: EntityId[]; relations: string[] } {
  const keepEntities = new Set(document.entities.map((entity) => entity.id));
  const keepRelations = new Set(document.relations.map((relation) => relationId(relation)));
  const entities: EntityId[] = [];
  for (const entity of view.entities())
    if (entity.provenance.source === document.source && !keepEntities.has(entity.id))
      entities.push(entity.id);
  const gone = new Set(entities);
  const relations: string[] = [];
  for (const relation of view.relations()) {
    if (relation.provenance.source !== document.source || keepRelations.has(relation.id)) continue;
    if (gone.has(relation.from) || gone.has(relation.to)) continue;
    relations.push(relation.id);
  }
  return { entities, relations };
}
