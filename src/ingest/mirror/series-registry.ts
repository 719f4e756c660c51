import type { EntityId } from '../../model/index.js';
import type { NodeExporterHost } from '../resolution/node-exporter-host.js';

/** What the mirror knows of one series beyond its samples (those live in the series store). */
export interface SeriesInfo {
  /** Names the series in rollup batches; unlike series numbers, never reused. */
  rollupKey: number;
  entityId: EntityId;
  name: string;
  counter: boolean;
  stateMetric: string | undefined;
  stateScale: ((value: number) => number) | undefined;
  node: NodeExporterHost | undefined;
}

/** Series numbers by entity and series name, and the reverse. */
export class SeriesRegistry {
  readonly #byKey = new Map<string, number>();
  readonly #info: Array<SeriesInfo | undefined> = [];
  readonly #byEntity = new Map<EntityId, Set<number>>();

  find(entityId: EntityId, name: string): number | undefined {
    return this.#byKey.get(`${entityId}\u0000${name}`);
  }

  add(series: number, info: SeriesInfo): void {
    this.#byKey.set(`${info.entityId}\u0000${info.name}`, series);
    this.#info[series] = info;
    let set = this.#byEntity.get(info.entityId);
    if (!set) {
      set = new Set();
      this.#byEntity.set(info.entityId, set);
    }
    set.add(series);
  }

  info(series: number): SeriesInfo | undefined {
    return this.#info[series];
  }

  ofEntity(entityId: EntityId): number[] {
    return [...(this.#byEntity.get(entityId) ?? [])];
  }

  /** Forgets an entity's series and returns their numbers, for the store to free. */
  removeEntity(entityId: EntityId): number[] {
    const series = this.ofEntity(entityId);
    for (const number of series) {
      const info = this.#info[number];
      if (info) this.#byKey.delete(`${info.entityId}\u0000${info.name}`);
      this.#info[number] = undefined;
    }
    this.#byEntity.delete(entityId);
    return series;
  }

  get size(): number {
    return this.#byKey.size;
  }
}
