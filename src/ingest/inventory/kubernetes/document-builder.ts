// Collects the entities and relations of an import, one of each id, and writes them out sorted by
// id: the same objects map to the same document whatever order the API listed them in.
import { type EntityId, type EntityInput, type RelationInput, relationId } from '../../../model/index.js';
import type { EstateDocument } from '../../estate-document.js';

export class DocumentBuilder {
  readonly #entities = new Map<EntityId, EntityInput>();
  readonly #relations = new Map<string, RelationInput>();

  /** Adds `entity` unless its id is taken; false when it was (the caller decides what that means). */
  addEntity(entity: EntityInput): boolean {
    if (this.#entities.has(entity.id)) return false;
    this.#entities.set(entity.id, entity);
    return true;
  }

  entity(id: EntityId): EntityInput | undefined {
    return this.#entities.get(id);
  }

  hasEntity(id: EntityId): boolean {
    return this.#entities.has(id);
  }

  /** Adds `relation`; one already there with the same id (type, ends, key) is kept. */
  addRelation(relation: RelationInput): void {
    const id = relationId(relation);
    if (!this.#relations.has(id)) this.#relations.set(id, relation);
  }

  get relationCount(): number {
    return this.#relations.size;
  }

  build(source: string): EstateDocument & { source: string } {
    const byKey = <T>(map: Map<string, T>): T[] =>
      [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
    return { entities: byKey(this.#entities), relations: byKey(this.#relations), source };
  }
}
