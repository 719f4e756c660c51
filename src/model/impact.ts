import {
  dependentOf,
  isDependencyRelation,
  isOptionalDependency,
  providerOf,
  redundancyGroupOf,
} from './dependency-rules.js';
import type { EntityId } from './entity.js';
import { NotFoundError } from './errors.js';
import type { Relation, RelationType } from './relation.js';
import type { TwinView } from './twin-view.js';

export type ImpactEffect = 'failed' | 'degraded';

export interface ImpactedEntity {
  id: EntityId;
  kind: string;
  name: string;
  effect: ImpactEffect;
  /** The relation type through which the effect arrived. */
  via: RelationType;
  /** From a failed source to this entity, each step a provider and then its dependent. */
  path: EntityId[];
  /** For redundancy groups: providers lost and providers in the group. */
  lost: number;
  of: number;
}

export interface ImpactReport {
  sources: EntityId[];
  affected: ImpactedEntity[];
  counts: { failed: number; degraded: number };
  byKind: Record<string, { failed: number; degraded: number }>;
}

interface Cause {
  cause: EntityId | undefined;
  via: RelationType | undefined;
  lost: number;
  of: number;
}

/**
 * The blast radius of the failure of `sourceIds`: every entity that fails or is degraded,
 * following dependency relations (see dependency-rules.ts) with redundancy, each with the path
 * that makes it affected. Degradation spreads further only to the callers of a degraded service.
 */
export function computeImpact(view: TwinView, sourceIds: readonly EntityId[]): ImpactReport {
  const failed = new Map<EntityId, Cause>();
  const degraded = new Map<EntityId, Cause>();
  const queue: EntityId[] = [];
  for (const id of sourceIds) {
    if (!view.entity(id)) throw new NotFoundError(`no entity '${id}'`);
    failed.set(id, { cause: undefined, via: undefined, lost: 0, of: 0 });
    queue.push(id);
  }
  for (let head = 0; head < queue.length; head++) {
    const provider = queue[head] as EntityId;
    for (const relation of dependentRelations(view, provider)) {
      const dependent = dependentOf(relation);
      if (failed.has(dependent)) continue;
      const { lost, of } = groupLoss(view, dependent, relation, failed);
      const cause = { cause: provider, via: relation.type, lost, of };
      if (!isOptionalDependency(relation) && lost === of) {
        failed.set(dependent, cause);
        degraded.delete(dependent);
        queue.push(dependent);
      } else if (!degraded.has(dependent)) {
        degraded.set(dependent, cause);
      }
    }
  }
  spreadDegradation(view, failed, degraded);
  return report(view, [...sourceIds], failed, degraded);
}

/** Relations through which `provider` is depended on. */
function dependentRelations(view: TwinView, provider: EntityId): Relation[] {
  const result = view.outgoing(provider, 'contains');
  for (const relation of view.incoming(provider)) {
    if (relation.type !== 'contains' && isDependencyRelation(relation)) result.push(relation);
  }
  return result;
}

/** How many of `dependent`'s providers in the redundancy group of `via` have failed, of how many. */
function groupLoss(
  view: TwinView,
  dependent: EntityId,
  via: Relation,
  failed: ReadonlyMap<EntityId, Cause>,
): { lost: number; of: number } {
  const group =
    via.type === 'contains' ? view.incoming(dependent, 'contains') : view.outgoing(dependent, via.type);
  const key = redundancyGroupOf(via);
  let of = 0;
  let lost = 0;
  for (const relation of group) {
    if (!isDependencyRelation(relation) || isOptionalDependency(relation)) continue;
    if (redundancyGroupOf(relation) !== key) continue;
    of++;
    if (failed.has(providerOf(relation))) lost++;
  }
  return { lost, of: Math.max(of, 1) };
}

/**
 * Capacity loss travels up the call graph: an entity degraded because it lost replicas (runs-on)
 * or a callee (depends-on) degrades its callers. One that lost a redundant PSU, uplink or cooling
 * unit still serves at full capacity, so its degradation stops there.
 */
function spreadDegradation(
  view: TwinView,
  failed: Map<EntityId, Cause>,
  degraded: Map<EntityId, Cause>,
): void {
  const queue = [...degraded.entries()]
    .filter(([, cause]) => cause.via === 'runs-on' || cause.via === 'depends-on')
    .map(([id]) => id);
  for (let head = 0; head < queue.length; head++) {
    const callee = queue[head] as EntityId;
    for (const relation of view.incoming(callee, 'depends-on')) {
      const caller = relation.from;
      if (failed.has(caller) || degraded.has(caller)) continue;
      degraded.set(caller, { cause: callee, via: 'depends-on', lost: 0, of: 0 });
      queue.push(caller);
    }
  }
}

function pathTo(id: EntityId, failed: Map<EntityId, Cause>, degraded: Map<EntityId, Cause>): EntityId[] {
  const path: EntityId[] = [id];
  let current = degraded.get(id) ?? failed.get(id);
  const guard = new Set<EntityId>([id]);
  while (current?.cause !== undefined && !guard.has(current.cause)) {
    path.push(current.cause);
    guard.add(current.cause);
    current = failed.get(current.cause) ?? degraded.get(current.cause);
  }
  return path.reverse();
}

function report(
  view: TwinView,
  sources: EntityId[],
  failed: Map<EntityId, Cause>,
  degraded: Map<EntityId, Cause>,
): ImpactReport {
  const affected: ImpactedEntity[] = [];
  const byKind: ImpactReport['byKind'] = {};
  const add = (id: EntityId, cause: Cause, effect: ImpactEffect) => {
    if (cause.cause === undefined || cause.via === undefined) return;
    const entity = view.entity(id);
    if (!entity) return;
    const path = pathTo(id, failed, degraded);
    affected.push({
      id,
      kind: entity.kind,
      name: entity.name,
      effect,
      via: cause.via,
      path,
      lost: cause.lost,
      of: cause.of,
    });
    const counts = byKind[entity.kind] ?? { failed: 0, degraded: 0 };
    counts[effect]++;
    byKind[entity.kind] = counts;
  };
  for (const [id, cause] of failed) add(id, cause, 'failed');
  for (const [id, cause] of degraded) add(id, cause, 'degraded');
  affected.sort((a, b) => a.path.length - b.path.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const failedCount = affected.reduce((sum, item) => sum + (item.effect === 'failed' ? 1 : 0), 0);
  return {
    sources,
    affected,
    counts: { failed: failedCount, degraded: affected.length - failedCount },
    byKind,
  };
}
