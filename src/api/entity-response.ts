import type { EntityRecord, Entity as EntityResponse } from '../contract/index.js';
import type { Entity, EntityMetrics, Twin, TwinView } from '../model/index.js';

const noMetrics: EntityMetrics = Object.freeze({});

/** An entity as the API answers it: the record plus its latest metrics and derived health. */
export function entityResponse(twin: Twin, view: TwinView, entity: Entity): EntityResponse {
  const { health, reasons } = twin.health(view, entity);
  return {
    ...entityRecord(entity),
    state: { metrics: view.metrics(entity.id) ?? noMetrics, health, reasons },
  };
}

/** The record alone; listing the fields keeps internal ones, if the model grows any, out of answers. */
export function entityRecord(entity: Entity): EntityRecord {
  const record: EntityRecord = {
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    labels: entity.labels,
    props: entity.props,
    provenance: entity.provenance,
  };
  if (entity.propProvenance !== undefined) record.propProvenance = entity.propProvenance;
  return record;
}
