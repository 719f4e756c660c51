import type { EstateConditions, PlacedReplica } from './estate-conditions.js';
import type { EstateModel } from './estate-model.js';

export interface PlacementRequest {
  readonly service: number;
  readonly cores: number;
  readonly memoryBytes?: number;
  readonly diskBytes?: number;
  /** The host the replica ran on (its role and site guide where it may go), or -1. */
  readonly from: number;
  /** Labels a host must have, for new deployments. */
  readonly placeOn?: Readonly<Record<string, string>>;
}

/**
 * Where a replica goes when it has to move or start: a host that is up, of the same role and
 * site as the one it left (or matching `placeOn`), with cores not yet promised to guests. Hosts
 * without a replica of the same service come first (anti-affinity), then racks without one, then
 * the most free cores. `free` (cores per host) is updated as replicas are placed.
 */
export function placeReplica(
  model: EstateModel,
  conditions: EstateConditions,
  free: Float64Array,
  request: PlacementRequest,
  id: string,
): PlacedReplica | undefined {
  const origin = request.from >= 0 ? model.hosts[request.from] : undefined;
  const used = hostsOfService(model, conditions, request.service);
  const usedRacks = new Set([...used].map((h) => model.hosts[h]?.rack ?? -1));
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  model.hosts.forEach((host, h) => {
    if (conditions.hostDown[h] === 1 || h === request.from || (free[h] as number) < request.cores) return;
    if (origin && (host.role !== origin.role || host.site !== origin.site)) return;
    if (request.placeOn && !matches(model, h, request.placeOn)) return;
    const score =
      (used.has(h) ? 0 : 2e6) + (usedRacks.has(host.rack) ? 0 : 1e6) + (free[h] as number) * 1000 - h * 1e-6;
    if (score > bestScore) {
      bestScore = score;
      best = h;
    }
  });
  if (best < 0) return undefined;
  free[best] = (free[best] as number) - request.cores;
  return {
    id,
    service: request.service,
    host: best,
    cores: request.cores,
    memoryBytes: request.memoryBytes ?? 0,
    diskBytes: request.diskBytes ?? 0,
  };
}

/** Cores each host can still give: its cores minus those promised to its guests and to placed replicas. */
export function freeCores(model: EstateModel, conditions: EstateConditions): Float64Array {
  const free = Float64Array.from(model.hosts, (host) => host.cores - host.allocatedCores);
  for (const placed of conditions.placed) free[placed.host] = (free[placed.host] as number) - placed.cores;
  return free;
}

function hostsOfService(model: EstateModel, conditions: EstateConditions, service: number): Set<number> {
  const hosts = new Set<number>();
  for (const r of model.services[service]?.replicas ?? []) {
    const replica = model.replicas[r];
    if (
      replica &&
      replica.host >= 0 &&
      conditions.replicaDown[r] !== 1 &&
      conditions.hostDown[replica.host] !== 1
    )
      hosts.add(replica.host);
  }
  for (const placed of conditions.placed) if (placed.service === service) hosts.add(placed.host);
  return hosts;
}

function matches(model: EstateModel, host: number, labels: Readonly<Record<string, string>>): boolean {
  const entity = model.view.entity(model.hosts[host]?.id ?? '');
  if (!entity) return false;
  return Object.entries(labels).every(([key, value]) => entity.labels[key] === value);
}
