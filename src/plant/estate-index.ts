import type { EntityInput, JsonValue, RelationInput, RelationType } from '../model/index.js';

/**
 * The estate as the emulator reads it: entities by dense index, relations by end and type.
 * Built once; the emulator's per-step arrays are indexed the same way.
 */
export class EstateIndex {
  readonly ids: string[] = [];
  readonly kinds: string[] = [];
  readonly entities: EntityInput[] = [];
  private readonly byId = new Map<string, number>();
  private readonly out = new Map<RelationType, Map<number, number[]>>();
  private readonly in = new Map<RelationType, Map<number, number[]>>();
  private readonly relations: RelationInput[];

  constructor(estate: { entities: readonly EntityInput[]; relations: readonly RelationInput[] }) {
    for (const entity of estate.entities) {
      if (this.byId.has(entity.id)) continue;
      this.byId.set(entity.id, this.ids.length);
      this.ids.push(entity.id);
      this.kinds.push(entity.kind);
      this.entities.push(entity);
    }
    this.relations = estate.relations.filter(
      (relation) => this.byId.has(relation.from) && this.byId.has(relation.to),
    );
    this.relations.forEach((relation, r) => {
      const from = this.byId.get(relation.from) as number;
      const to = this.byId.get(relation.to) as number;
      push(this.out, relation.type, from, r);
      push(this.in, relation.type, to, r);
    });
  }

  get size(): number {
    return this.ids.length;
  }

  indexOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  /** Indexes of every entity of a kind, in estate order. */
  ofKind(kind: string): number[] {
    const result: number[] = [];
    for (let i = 0; i < this.kinds.length; i++) if (this.kinds[i] === kind) result.push(i);
    return result;
  }

  /** Relations of `type` leaving entity `i`. */
  outgoing(i: number, type: RelationType): RelationInput[] {
    return (this.out.get(type)?.get(i) ?? []).map((r) => this.relations[r] as RelationInput);
  }

  incoming(i: number, type: RelationType): RelationInput[] {
    return (this.in.get(type)?.get(i) ?? []).map((r) => this.relations[r] as RelationInput);
  }

  /** Indexes of the entities `i` points to through `type`. */
  targets(i: number, type: RelationType): number[] {
    return (this.out.get(type)?.get(i) ?? []).map(
      (r) => this.byId.get((this.relations[r] as RelationInput).to) as number,
    );
  }

  sources(i: number, type: RelationType): number[] {
    return (this.in.get(type)?.get(i) ?? []).map(
      (r) => this.byId.get((this.relations[r] as RelationInput).from) as number,
    );
  }

  /** The container of `i` of one of `kinds`, following `contains` upward. */
  parentOfKind(i: number, kinds: readonly string[]): number | undefined {
    for (const parent of this.sources(i, 'contains'))
      if (kinds.includes(this.kinds[parent] as string)) return parent;
    return undefined;
  }

  /** The physical host under a guest, following runs-on (container → vm → host); `i` if it is one. */
  hostOf(i: number): number | undefined {
    let current = i;
    for (let depth = 0; depth < 4; depth++) {
      if (this.kinds[current] === 'host') return current;
      const next = this.targets(current, 'runs-on')[0];
      if (next === undefined) return undefined;
      current = next;
    }
    return undefined;
  }

  prop(i: number, name: string): JsonValue | undefined {
    return this.entities[i]?.props?.[name];
  }

  numberProp(i: number, name: string, fallback: number): number {
    const value = this.prop(i, name);
    return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  }
}

function push(
  map: Map<RelationType, Map<number, number[]>>,
  type: RelationType,
  key: number,
  value: number,
): void {
  let byEntity = map.get(type);
  if (!byEntity) {
    byEntity = new Map();
    map.set(type, byEntity);
  }
  const list = byEntity.get(key);
  if (list) list.push(value);
  else byEntity.set(key, [value]);
}
