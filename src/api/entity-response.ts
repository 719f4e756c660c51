import type { EntityRecord, Entity as EntityResponse } from '../contract/index.js';
import type { Entity, EntityMetrics, Twin, TwinView } from '../model/index.js';

const noMetrics: EntityMetrics = Object.freeze({});

/** An entity as the API answers it: the record plus its latest metrics and derived health. */
export function entityResponse(twin: Twin, view: TwinView, entity: Entity): EntityResponse {
  const { health, reasons } = twin.health(view, entity);
  const state = { metrics: view.metrics(entity.id) ?? noMetrics, health, reasons };
  const { id, kind, name, labels, props, provenance, propProvenance } = entity;
  return propProvenance === undefined
    ? { id, kind, name, labels, props, provenance, state }
    : { id, kind, name, labels, props, provenance, propProvenance, state };
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

/**
 * The record's JSON without its closing brace, per entity version. Entities are immutable (every
 * change makes a new record), so the text stays right for as long as the version lives, and the
 * WeakMap lets it go with the version. It spares the hot read path serializing props and labels,
 * the bulk of an answer, on every request.
 */
const recordJson = new WeakMap<Entity, string>();

/** `entityResponse` as JSON text, with the same fields in the same order. */
export function entityResponseJson(twin: Twin, view: TwinView, entity: Entity): string {
  let record = recordJson.get(entity);
  if (record === undefined) {
    record = JSON.stringify(entityRecord(entity)).slice(0, -1);
    recordJson.set(entity, record);
  }
  const { health, reasons } = twin.health(view, entity);
  const metrics = view.metrics(entity.id);
  const metricsJson = metrics === undefined ? '{}' : JSON.stringify(metrics);
  const reasonsJson = reasons.length === 0 ? '[]' : JSON.stringify(reasons);
  return `${record},"state":{"metrics":${metricsJson},"health":"${health}","reasons":${reasonsJson}}}`;
}
