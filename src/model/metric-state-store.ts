import type { EntityId } from './entity.js';
import type { EntityMetrics, MetricValue } from './metric-state.js';

/**
 * The live twin's latest metric values. Each entity's record is replaced, never mutated, so a
 * reader holding one sees a consistent snapshot. Entities written since the last `takeDirty`
 * are remembered for the store's periodic flush.
 */
export class MetricStateStore {
  #values = new Map<EntityId, EntityMetrics>();
  #dirty = new Map<EntityId, Set<string>>();

  get(id: EntityId): EntityMetrics | undefined {
    return this.#values.get(id);
  }

  get size(): number {
    return this.#values.size;
  }

  /**
   * Records `metric`'s latest value. `fresh` names the records this caller has already replaced in
   * the current batch, which no reader holds yet: those are written in place, so a batch of many
   * metrics of one entity copies its record once rather than once per metric (which was quadratic
   * in the entity's metric count).
   */
  set(id: EntityId, metric: string, value: MetricValue, markDirty = true, fresh?: Set<EntityId>): boolean {
    const current = this.#values.get(id);
    const previous = current?.[metric];
    if (previous && previous.ts > value.ts) return false;
    if (current !== undefined && fresh?.has(id)) (current as Record<string, MetricValue>)[metric] = value;
    else {
      this.#values.set(id, { ...current, [metric]: value });
      fresh?.add(id);
    }
    if (markDirty) {
      const names = this.#dirty.get(id);
      if (names) names.add(metric);
      else this.#dirty.set(id, new Set([metric]));
    }
    return true;
  }

  /** Every entity with metrics, and its metrics. */
  entries(): IterableIterator<[EntityId, EntityMetrics]> {
    return this.#values.entries();
  }

  delete(id: EntityId): void {
    this.#values.delete(id);
    this.#dirty.delete(id);
  }

  /** The values written since the last call, for persisting. */
  takeDirty(): Array<{ entityId: EntityId; metric: string; value: MetricValue }> {
    const out: Array<{ entityId: EntityId; metric: string; value: MetricValue }> = [];
    for (const [entityId, names] of this.#dirty) {
      const metrics = this.#values.get(entityId);
      for (const metric of names) {
        const value = metrics?.[metric];
        if (value) out.push({ entityId, metric, value });
      }
    }
    this.#dirty.clear();
    return out;
  }
}
