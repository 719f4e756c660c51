import type { EntityInput, Props, RelationInput, RelationType } from '../model/index.js';

/** What the generator produces: a whole estate, ready to be written as one change set. */
export interface GeneratedEstate {
  entities: EntityInput[];
  relations: RelationInput[];
  /** Count per entity kind and per relation type, plus `entities` and `relations` totals. */
  summary: Record<string, number>;
}

/** Collects entities and relations as plain objects and counts them as it goes. */
export class EstateBuilder {
  readonly entities: EntityInput[] = [];
  readonly relations: RelationInput[] = [];
  private readonly counts = new Map<string, number>();

  add(entity: EntityInput): EntityInput {
    this.entities.push(entity);
    this.count(entity.kind);
    return entity;
  }

  relate(type: RelationType, from: string, to: string, props?: Props): void {
    this.relations.push(props ? { type, from, to, props } : { type, from, to });
    this.count(type);
  }

  build(): GeneratedEstate {
    const summary: Record<string, number> = {};
    for (const [key, value] of [...this.counts].sort(([a], [b]) => a.localeCompare(b))) summary[key] = value;
    summary.entities = this.entities.length;
    summary.relations = this.relations.length;
    return { entities: this.entities, relations: this.relations, summary };
  }

  private count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}
