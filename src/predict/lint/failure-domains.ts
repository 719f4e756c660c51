import type { Entity, EntityId, TwinView } from '../../model/index.js';

const empty: ReadonlySet<EntityId> = new Set();
/** Guests: they need something to run on; an entity of another kind that runs on nothing is a machine. */
const guestKinds = new Set(['vm', 'container']);

/**
 * Where replicas can fail together: the machine under each, its rack, and the power and network
 * entities every path of a machine goes through. Memoised per view, so one pass over all
 * services costs about one walk of the power and network trees.
 */
export class FailureDomains {
  readonly #view: TwinView;
  readonly #power = new Map<EntityId, ReadonlySet<EntityId>>();
  readonly #network = new Map<EntityId, ReadonlySet<EntityId>>();

  constructor(view: TwinView) {
    this.#view = view;
  }

  /**
   * The physical machine (or cloud instance) a replica runs on, following runs-on down (container
   * → VM → host); undefined when the chain ends in a guest with no known host, or forks.
   */
  machineOf(id: EntityId): Entity | undefined {
    let current = this.#view.entity(id);
    for (let step = 0; current && step < 16; step++) {
      const targets = this.#view.outgoing(current.id, 'runs-on');
      if (targets.length === 0) return guestKinds.has(current.kind) ? undefined : current;
      if (targets.length > 1) return undefined;
      current = this.#view.entity((targets[0] as { to: EntityId }).to);
    }
    return undefined;
  }

  rackOf(id: EntityId): EntityId | undefined {
    for (const relation of this.#view.incoming(id, 'contains')) {
      if (this.#view.entity(relation.from)?.kind === 'rack') return relation.from;
    }
    return undefined;
  }

  /**
   * Power entities every power path of `id` goes through (the powered-by chains that
   * computePowerPath walks, without its load sums): losing any one of them cuts `id` off. A
   * device with no powered-by of its own takes its rack's feeds.
   */
  powerSpofs(id: EntityId): ReadonlySet<EntityId> {
    return this.#common(id, this.#power, new Set(), (current) => {
      const own = this.#view.outgoing(current, 'powered-by').map((relation) => relation.to);
      if (own.length > 0 || this.#view.entity(current)?.kind === 'rack') return own;
      const rack = this.rackOf(current);
      return rack ? this.#view.outgoing(rack, 'powered-by').map((relation) => relation.to) : [];
    });
  }

  /**
   * Network entities every uplink path of `id` goes through: connects read from a device to its
   * uplink (peer links carry no dependency), through the device's own interfaces where modelled.
   */
  networkSpofs(id: EntityId): ReadonlySet<EntityId> {
    return this.#common(id, this.#network, new Set(), (current) => {
      const uplinks = this.#uplinks(current);
      for (const relation of this.#view.outgoing(current, 'contains')) {
        const child = this.#view.entity(relation.to);
        if (child?.kind === 'interface' && this.#uplinks(child.id).length > 0) uplinks.push(child.id);
      }
      return uplinks;
    });
  }

  #uplinks(id: EntityId): EntityId[] {
    return this.#view
      .outgoing(id, 'connects')
      .filter((relation) => relation.props.peer !== true)
      .map((relation) => relation.to);
  }

  /**
   * What every provider chain of `id` shares: the intersection, over its providers, of each with
   * its own. The entities come nearest first: all of them lie on every chain, so one order fits all.
   */
  #common(
    id: EntityId,
    memo: Map<EntityId, ReadonlySet<EntityId>>,
    visiting: Set<EntityId>,
    providersOf: (id: EntityId) => EntityId[],
  ): ReadonlySet<EntityId> {
    const known = memo.get(id);
    if (known) return known;
    // A cycle (a mistake in the data) would recurse forever; cut it here.
    if (visiting.has(id)) return empty;
    visiting.add(id);
    let shared: Set<EntityId> | undefined;
    for (const provider of new Set(providersOf(id))) {
      // Insertion order is nearest first: the provider, then what it in turn depends on.
      const chain = new Set([provider, ...this.#common(provider, memo, visiting, providersOf)]);
      shared = shared ? intersect(shared, chain) : chain;
      if (shared.size === 0) break;
    }
    visiting.delete(id);
    const result = shared ?? empty;
    memo.set(id, result);
    return result;
  }
}

export function intersect<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): Set<T> {
  const result = new Set<T>();
  for (const item of a) if (b.has(item)) result.add(item);
  return result;
}
