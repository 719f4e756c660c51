import type { EstateConditions } from './estate-conditions.js';
import type { EstateModel } from './estate-model.js';

/**
 * The replicas that work under some conditions, per service, in flat arrays (compressed rows):
 * service s owns entries start[s] … start[s + 1] − 1 of host and cores. An evaluation of a large
 * estate touches tens of thousands of replicas several times; flat arrays keep that free of
 * allocation.
 */
export class WorkingReplicas {
  readonly start: Int32Array;
  host: Int32Array;
  cores: Float64Array;

  constructor(private readonly model: EstateModel) {
    this.start = new Int32Array(model.services.length + 1);
    this.host = new Int32Array(model.replicas.length);
    this.cores = new Float64Array(model.replicas.length);
  }

  count(s: number): number {
    return (this.start[s + 1] as number) - (this.start[s] as number);
  }

  /** Fills the arrays for `conditions`: replicas not down on hosts not down, then failover placements. */
  fill(conditions: EstateConditions): void {
    const { services, replicas } = this.model;
    const needed = replicas.length + conditions.placed.length;
    if (this.host.length < needed) {
      this.host = new Int32Array(needed);
      this.cores = new Float64Array(needed);
    }
    const placedBy = new Map<number, Array<{ host: number; cores: number }>>();
    for (const placed of conditions.placed) {
      if (conditions.hostDown[placed.host] === 1) continue;
      const list = placedBy.get(placed.service) ?? [];
      list.push(placed);
      placedBy.set(placed.service, list);
    }
    let at = 0;
    services.forEach((service, s) => {
      this.start[s] = at;
      for (const r of service.replicas) {
        const replica = replicas[r];
        if (!replica || conditions.replicaDown[r] === 1) continue;
        if (replica.host >= 0 && conditions.hostDown[replica.host] === 1) continue;
        this.host[at] = replica.host;
        this.cores[at] = replica.cores;
        at++;
      }
      for (const placed of placedBy.get(s) ?? []) {
        this.host[at] = placed.host;
        this.cores[at] = placed.cores;
        at++;
      }
    });
    this.start[services.length] = at;
  }

  /** The hosts of each service's working replicas, for routing. */
  hostLists(): number[][] {
    return this.model.services.map((_, s) =>
      Array.from(this.host.subarray(this.start[s], this.start[s + 1])),
    );
  }
}
