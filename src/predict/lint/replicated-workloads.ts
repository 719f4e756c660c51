import type { Entity, EntityId, TwinView } from '../../model/index.js';

/** A workload that runs on several replicas: a service or database and the guests under it. */
export interface ReplicatedWorkload {
  readonly workload: Entity;
  /** The distinct runs-on targets, sorted by id. */
  readonly replicas: readonly Entity[];
}

/** Every entity with two or more runs-on targets, in id order. */
export function replicatedWorkloads(view: TwinView): ReplicatedWorkload[] {
  const targets = new Map<EntityId, Set<EntityId>>();
  for (const relation of view.relations('runs-on')) {
    const set = targets.get(relation.from) ?? new Set<EntityId>();
    set.add(relation.to);
    targets.set(relation.from, set);
  }
  const workloads: ReplicatedWorkload[] = [];
  for (const [id, replicaIds] of targets) {
    if (replicaIds.size < 2) continue;
    const workload = view.entity(id);
    const replicas = [...replicaIds]
      .sort()
      .map((replica) => view.entity(replica))
      .filter((replica): replica is Entity => replica !== undefined);
    if (workload && replicas.length >= 2) workloads.push({ workload, replicas });
  }
  return workloads.sort((a, b) => a.workload.id.localeCompare(b.workload.id));
}
