import type { ChangeSet } from './change-set.js';
import {
  type Entity,
  type EntityInput,
  isValidEntityId,
  kindOfId,
  type Labels,
  type Props,
} from './entity.js';
import { InputError, type InputIssue } from './errors.js';
import { type JsonValue, jsonEqual } from './json-value.js';
import { hasPropType, type KindCatalog, type PropType, relationPropSpecs } from './kind-catalog.js';
import type { Operation } from './operation.js';
import type { Provenance } from './provenance.js';
import { isRelationType, type Relation, type RelationInput, relationId } from './relation.js';
import type { StagingTarget } from './staging-target.js';
import type { TwinView } from './twin-view.js';

type Meta = Pick<ChangeSet, 'ts' | 'source' | 'origin'> & { seq?: number };

/**
 * `validate` checks every op against the kind catalog; `replay` reads back a log that was checked
 * when it was written, so kinds, their props and allowed relations are not checked again: a kind
 * redefined since (a new DTDL version) must not make the history unreadable.
 */
export type StageMode = 'validate' | 'replay';

/**
 * Validates `ops` and writes their effect into `target`, returning the operations that changed
 * something. No-ops are dropped (re-importing the same estate yields no operations); removing an
 * entity removes its relations first, as explicit operations. All problems are collected into
 * one InputError so a caller sees every bad field at once; the caller then discards the target.
 */
export function stageOperations(
  target: StagingTarget,
  ops: readonly Operation[],
  meta: Meta,
  catalog: KindCatalog,
  mode: StageMode = 'validate',
): Operation[] {
  const provenance: Provenance = { origin: meta.origin, source: meta.source, at: meta.ts };
  if (meta.seq !== undefined) provenance.changeSet = meta.seq;
  const issues: InputIssue[] = [];
  const out: Operation[] = [];
  const stager = { view: target.view, target, provenance, catalog, issues, out, replay: mode === 'replay' };
  ops.forEach((op, index) => {
    const before = issues.length;
    try {
      stageOne(stager, op, `ops[${index}]`);
    } catch (error) {
      if (error instanceof InputError && error.issues.length > 0) issues.push(...error.issues);
      else
        issues.push({
          field: `ops[${index}]`,
          message: error instanceof Error ? error.message : String(error),
        });
    }
    if (issues.length > before && issues.length > 200) throw tooMany(issues);
  });
  if (issues.length > 0) {
    const first = issues[0];
    throw new InputError(
      `change set rejected: ${issues.length} problem(s); first: ${first?.field}: ${first?.message}`,
      issues,
    );
  }
  return out;
}

function tooMany(issues: InputIssue[]): InputError {
  return new InputError(`change set rejected: more than 200 problems; first: ${issues[0]?.message}`, issues);
}

interface Stager {
  view: TwinView;
  target: StagingTarget;
  provenance: Provenance;
  catalog: KindCatalog;
  issues: InputIssue[];
  out: Operation[];
  replay: boolean;
}

function stageOne(stager: Stager, op: Operation, field: string): void {
  switch (op.op) {
    case 'upsert-entity':
      upsertEntity(stager, op.entity, `${field}.entity`, op);
      return;
    case 'patch-entity':
      patchEntity(stager, op, field);
      return;
    case 'remove-entity':
      removeEntity(stager, op.id, field);
      return;
    case 'upsert-relation':
      upsertRelation(stager, op.relation, `${field}.relation`, op);
      return;
    case 'remove-relation':
      removeRelation(stager, op.id, field);
      return;
    case 'set-metric':
      setMetric(stager, op, field);
      return;
    default:
      stager.issues.push({
        field: `${field}.op`,
        message: `unknown operation '${(op as { op?: unknown }).op}'`,
      });
  }
}

function upsertEntity(stager: Stager, input: EntityInput, field: string, op: Operation): void {
  const { issues, catalog } = stager;
  const before = issues.length;
  if (typeof input?.id !== 'string' || !isValidEntityId(input.id)) {
    issues.push({
      field: `${field}.id`,
      message: `'${String(input?.id)}' is not an id of the form <kind>:<name>`,
    });
    return;
  }
  const spec = catalog.get(input.kind);
  if (stager.replay) {
    if (kindOfId(input.id) !== input.kind)
      issues.push({ field: `${field}.id`, message: `id '${input.id}' must start with its kind` });
  } else if (!spec) {
    issues.push({
      field: `${field}.kind`,
      message: `unknown kind '${input.kind}' (known: ${[...catalog.keys()].join(', ')})`,
    });
  } else if (kindOfId(input.id) !== input.kind) {
    issues.push({
      field: `${field}.id`,
      message: `id '${input.id}' must start with its kind '${input.kind}:'`,
    });
  }
  checkLabels(input.labels, `${field}.labels`, issues);
  if (!stager.replay) checkProps(input.props, spec?.props, `${field}.props`, issues);
  if (input.name !== undefined && typeof input.name !== 'string') {
    issues.push({ field: `${field}.name`, message: 'must be a string' });
  }
  if (issues.length > before) return;
  const existing = stager.view.entity(input.id);
  const next: Entity = {
    id: input.id,
    kind: input.kind,
    name: input.name ?? input.id.slice(input.id.indexOf(':') + 1),
    labels: ownedOrEmpty(input.labels) as Labels,
    props: ownedOrEmpty(input.props) as Props,
    provenance: stager.provenance,
  };
  if (existing && sameEntity(existing, next)) return;
  stager.target.setEntity(input.id, next);
  stager.out.push(op);
}

function sameEntity(a: Entity, b: Entity): boolean {
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    jsonEqual(a.labels as JsonValue, b.labels as JsonValue) &&
    jsonEqual(a.props as JsonValue, b.props as JsonValue)
  );
}

function patchEntity(stager: Stager, op: Extract<Operation, { op: 'patch-entity' }>, field: string): void {
  const existing = stager.view.entity(op.id);
  if (!existing) {
    stager.issues.push({ field: `${field}.id`, message: `no entity '${op.id}'` });
    return;
  }
  const before = stager.issues.length;
  const labels: Record<string, string> = { ...existing.labels };
  const props: Record<string, JsonValue> = { ...existing.props };
  const propProvenance: Record<string, Provenance> = { ...existing.propProvenance };
  let changed = false;
  for (const [key, value] of Object.entries(op.labels ?? {})) {
    if (value !== null) checkLabels({ [key]: value }, `${field}.labels`, stager.issues);
    if (value === null ? key in labels : labels[key] !== value) changed = true;
    if (value === null) delete labels[key];
    else labels[key] = value;
  }
  const propSpecs = stager.catalog.get(existing.kind)?.props;
  for (const [key, value] of Object.entries(op.props ?? {})) {
    if (value !== null && !stager.replay)
      checkProps({ [key]: value }, propSpecs, `${field}.props`, stager.issues);
    if (value === null ? !(key in props) : jsonEqual(props[key], value)) continue;
    changed = true;
    if (value === null) {
      delete props[key];
      delete propProvenance[key];
    } else {
      props[key] = value;
      propProvenance[key] = stager.provenance;
    }
  }
  const name = op.name ?? existing.name;
  if (name !== existing.name) changed = true;
  if (stager.issues.length > before || !changed) return;
  const next: Entity = { ...existing, name, labels, props, propProvenance };
  stager.target.setEntity(op.id, next);
  stager.out.push(op);
}

function removeEntity(stager: Stager, id: string, field: string): void {
  if (!stager.view.entity(id)) {
    stager.issues.push({ field: `${field}.id`, message: `no entity '${id}'` });
    return;
  }
  const removedHere = new Set<string>();
  for (const relation of [...stager.view.outgoing(id), ...stager.view.incoming(id)]) {
    if (removedHere.has(relation.id)) continue;
    removedHere.add(relation.id);
    stager.target.setRelation(relation.id, null, relation);
    stager.out.push({ op: 'remove-relation', id: relation.id });
  }
  stager.target.setEntity(id, null);
  stager.out.push({ op: 'remove-entity', id });
}

function upsertRelation(stager: Stager, input: RelationInput, field: string, op: Operation): void {
  const { issues, view, catalog } = stager;
  const before = issues.length;
  if (!isRelationType(String(input?.type))) {
    issues.push({ field: `${field}.type`, message: `unknown relation type '${String(input?.type)}'` });
    return;
  }
  const from = view.entity(input.from);
  const to = view.entity(input.to);
  if (!from) issues.push({ field: `${field}.from`, message: `no entity '${input.from}'` });
  if (!to) issues.push({ field: `${field}.to`, message: `no entity '${input.to}'` });
  if (input.from === input.to)
    issues.push({ field: `${field}.to`, message: 'a relation cannot link an entity to itself' });
  if (from && to && !stager.replay) {
    const allowed = catalog.get(from.kind)?.relations[input.type];
    if (!allowed || !(allowed.includes('*') || allowed.includes(to.kind))) {
      const list = allowed?.length
        ? `${from.kind} ${input.type} → ${allowed.join(', ')}`
        : `none from ${from.kind}`;
      issues.push({
        field: `${field}.type`,
        message: `relation ${input.type} from ${from.kind} to ${to.kind} is not allowed (allowed: ${list})`,
      });
    }
  }
  if (!stager.replay) checkProps(input.props, relationPropSpecs[input.type], `${field}.props`, issues);
  if (issues.length > before) return;
  const id = relationId(input);
  const existing = view.relation(id);
  const props = ownedOrEmpty(input.props) as Props;
  if (existing && jsonEqual(existing.props as JsonValue, props as JsonValue)) return;
  const { type, from: fromId, to: toId, key } = input;
  const { provenance } = stager;
  // Two literal shapes rather than a spread: a million relations, one allocation each.
  const next: Relation = key
    ? { id, type, from: fromId, to: toId, key, props, provenance }
    : { id, type, from: fromId, to: toId, props, provenance };
  stager.target.setRelation(id, next, existing);
  stager.out.push(op);
}

function removeRelation(stager: Stager, id: string, field: string): void {
  const existing = stager.view.relation(id);
  if (!existing) {
    stager.issues.push({ field: `${field}.id`, message: `no relation '${id}'` });
    return;
  }
  stager.target.setRelation(id, null, existing);
  stager.out.push({ op: 'remove-relation', id });
}

function setMetric(stager: Stager, op: Extract<Operation, { op: 'set-metric' }>, field: string): void {
  const entity = stager.view.entity(op.id);
  if (!entity) {
    stager.issues.push({ field: `${field}.id`, message: `no entity '${op.id}'` });
    return;
  }
  if (typeof op.value !== 'number' || Number.isNaN(op.value)) {
    stager.issues.push({ field: `${field}.value`, message: 'must be a number' });
    return;
  }
  if (typeof op.metric !== 'string' || op.metric === '') {
    stager.issues.push({ field: `${field}.metric`, message: 'must be a metric name' });
    return;
  }
  const { origin, source, at } = stager.provenance;
  stager.target.setMetric(op.id, op.metric, {
    value: op.value,
    ts: op.ts ?? at,
    origin,
    source,
    ...(op.confidence !== undefined ? { confidence: op.confidence } : {}),
  });
  stager.out.push(op);
}

const empty: Readonly<Record<string, never>> = Object.freeze({});

/**
 * The twin takes ownership of the labels and props it is given: it freezes them rather than copy
 * them (a million-entity import would otherwise allocate a million copies), so a caller that
 * changes them afterwards gets an error instead of silently changing the twin's history. An empty
 * map becomes one shared frozen object: most relations have no props.
 */
function ownedOrEmpty<T extends object>(value: T | undefined): Readonly<T> | Readonly<Record<string, never>> {
  if (value === undefined) return empty;
  for (const _ in value) return Object.isFrozen(value) ? value : Object.freeze(value);
  return empty;
}

const labelKey = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function checkLabels(labels: unknown, field: string, issues: InputIssue[]): void {
  if (labels === undefined) return;
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
    issues.push({ field, message: 'labels must be a map of strings' });
    return;
  }
  const record = labels as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    if (!labelKey.test(key) || key.length > 317)
      issues.push({ field: `${field}.${key}`, message: 'not a valid label key' });
    if (typeof value !== 'string')
      issues.push({ field: `${field}.${key}`, message: 'label values must be strings' });
  }
}

function checkProps(
  props: unknown,
  specs: Record<string, { type: PropType }> | undefined,
  field: string,
  issues: InputIssue[],
): void {
  if (props === undefined) return;
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    issues.push({ field, message: 'props must be an object' });
    return;
  }
  const record = props as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    const type = specs?.[key]?.type;
    if (type && !hasPropType(value, type)) {
      issues.push({
        field: `${field}.${key}`,
        message: `must be ${type === 'integer' ? 'an' : 'a'} ${type}`,
      });
    }
  }
}
