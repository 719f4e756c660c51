import type { Entity, EntityId, TwinView } from '../../model/index.js';

/**
 * Names a source may use for an entity: its id, the id without the kind, its name, hostname,
 * serial, addresses and the `instance` label. Sources rarely know the twin's ids (Prometheus's
 * `instance` is the exporter's host:port, OpenTelemetry sends `host.name`), so resolution goes
 * through this index.
 */
export class AliasIndex {
  readonly #byAlias = new Map<string, EntityId[]>();
  readonly #aliasesOf = new Map<EntityId, string[]>();

  static build(view: TwinView): AliasIndex {
    const index = new AliasIndex();
    for (const entity of view.entities()) index.update(entity);
    return index;
  }

  /** Re-indexes one entity, or forgets it when `entity` is undefined. */
  update(entity: Entity | undefined, id: EntityId | undefined = entity?.id): void {
    if (!id) return;
    for (const alias of this.#aliasesOf.get(id) ?? []) {
      const ids = this.#byAlias.get(alias);
      if (!ids) continue;
      const remaining = ids.filter((other) => other !== id);
      if (remaining.length === 0) this.#byAlias.delete(alias);
      else this.#byAlias.set(alias, remaining);
    }
    this.#aliasesOf.delete(id);
    if (!entity) return;
    const aliases = aliasesOf(entity);
    this.#aliasesOf.set(id, aliases);
    for (const alias of aliases) {
      const ids = this.#byAlias.get(alias);
      if (!ids) this.#byAlias.set(alias, [id]);
      else if (!ids.includes(id)) ids.push(id);
    }
  }

  /** The entity a source calls `alias`, preferring the kinds in order; undefined when none is known. */
  resolve(alias: string, preferredKinds: readonly string[]): EntityId | undefined {
    const ids = this.#byAlias.get(alias.toLowerCase());
    if (!ids) return undefined;
    for (const kind of preferredKinds) {
      const match = ids.find((id) => id.startsWith(`${kind}:`));
      if (match) return match;
    }
    return undefined;
  }

  get size(): number {
    return this.#byAlias.size;
  }
}

function aliasesOf(entity: Entity): string[] {
  const out = new Set<string>([entity.id, entity.id.slice(entity.id.indexOf(':') + 1), entity.name]);
  const { props, labels } = entity;
  for (const key of ['hostname', 'serial', 'managementIp', 'cloudInstanceId', 'instance']) {
    const value = props[key] ?? labels[key];
    if (typeof value === 'string') out.add(value);
  }
  const addresses = props.ipAddresses;
  if (Array.isArray(addresses))
    for (const address of addresses) if (typeof address === 'string') out.add(address);
  return [...out].filter((alias) => alias !== '').map((alias) => alias.toLowerCase());
}
