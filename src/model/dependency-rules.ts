import type { EntityId } from './entity.js';
import type { Relation, RelationType } from './relation.js';

/**
 * Which end of a relation depends on the other. A dependent fails when every provider it has
 * through one relation type has failed (redundancy: two PDUs, two uplinks, several replicas),
 * and is degraded when only some have.
 *
 * - contains: the child depends on its parent (a failed rack takes its hosts);
 * - runs-on, powered-by, cooled-by, stored-on: `from` depends on `to`;
 * - connects: written from a device to its uplink, so `from` depends on `to`; links marked
 *   `peer: true` join devices of one tier and carry no dependency;
 * - depends-on: the caller needs every callee, each on its own; callees that stand in for each
 *   other share a `group` prop (e.g. a site's load balancers) and form one redundancy group;
 *   `optional: true` calls only degrade the caller.
 */
export const dependencyTypes: readonly RelationType[] = [
  'contains',
  'runs-on',
  'powered-by',
  'cooled-by',
  'stored-on',
  'connects',
  'depends-on',
];

export function isDependencyRelation(relation: Relation): boolean {
  if (relation.type === 'connects') return relation.props.peer !== true;
  return dependencyTypes.includes(relation.type);
}

export function dependentOf(relation: Relation): EntityId {
  return relation.type === 'contains' ? relation.to : relation.from;
}

export function providerOf(relation: Relation): EntityId {
  return relation.type === 'contains' ? relation.from : relation.to;
}

/** A failed provider through an optional dependency degrades its dependent but does not fail it. */
export function isOptionalDependency(relation: Relation): boolean {
  return relation.type === 'depends-on' && relation.props.optional === true;
}

/**
 * Relations of one dependent with the same key are alternatives: it fails when all of them have
 * failed. depends-on relations are each their own requirement unless they share a `group`.
 */
export function redundancyGroupOf(relation: Relation): string {
  if (relation.type !== 'depends-on') return relation.type;
  const group = relation.props.group;
  return typeof group === 'string' ? `depends-on#${group}` : `depends-on>${relation.to}`;
}
