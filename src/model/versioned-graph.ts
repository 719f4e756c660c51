import type { Entity, EntityId } from './entity.js';
import type { MetricValue } from './metric-state.js';
import type { Relation, RelationId, RelationType } from './relation.js';
import type { StagingTarget } from './staging-target.js';
import type { TwinView } from './twin-view.js';

/** One version of a record; `value` undefined is a removal. Newest first, linked to older ones. */
class Version<T> {
  constructor(
    readonly seq: number,
    readonly value: T | undefined,
    readonly prev: Entry<T> | undefined,
  ) {}
}

/**
 * What the maps hold: a record written once, by the change set its provenance names, stands for
 * itself (most records never change, and a million version objects are a million allocations
 * the garbage collector then walks); anything with history is a chain of versions.
 */
type Entry<T> = T | Version<T>;

interface Versioned {
  readonly provenance: { readonly changeSet?: number };
}

function seqOf<T extends Versioned>(entry: Entry<T>): number {
  return entry instanceof Version ? entry.seq : (entry.provenance.changeSet ?? 0);
}

function valueAt<T extends Versioned>(head: Entry<T> | undefined, seq: number): T | undefined {
  let entry = head;
  while (entry !== undefined) {
    if (!(entry instanceof Version)) return seqOf(entry) <= seq ? entry : undefined;
    if (entry.seq <= seq) return entry.value;
    entry = entry.prev;
  }
  return undefined;
}

/** The entry to store for a write of `value` at `seq` over `head`. */
function nextEntry<T extends Versioned>(
  head: Entry<T> | undefined,
  seq: number,
  value: T | undefined,
): Entry<T> {
  const prev =
    head !== undefined && seqOf(head) === seq ? (head instanceof Version ? head.prev : undefined) : head;
  if (prev === undefined && value !== undefined && value.provenance.changeSet === seq) return value;
  return new Version(seq, value, prev);
}

function currentValue<T>(entry: Entry<T> | undefined): T | undefined {
  return entry instanceof Version ? entry.value : entry;
}

/** Subscribers get the ids a change touched, up to this many: a bulk import is announced, not listed. */
export const maxAnnouncedIds = 10_000;

/**
 * The live twin's entities and relations with their whole history. Each record keeps a chain
 * of versions, so a read as of any past change set costs a walk back over that record's own
 * versions — usually none — and the past needs no replay and no copy (ADR 2).
 *
 * A change set is staged in place as versions one past the committed sequence number: readers of
 * the committed twin step over them, the stager sees them, and `rollback` unlinks them if the
 * change set is rejected or cannot be stored. Indexes hold every id ever seen; readers filter by
 * existence at their sequence number.
 */
export class VersionedGraph {
  #entities = new Map<EntityId, Entry<Entity>>();
  #relations = new Map<RelationId, Entry<Relation>>();
  #outgoing = new Map<EntityId, RelationId[]>();
  #incoming = new Map<EntityId, RelationId[]>();
  #byKind = new Map<string, EntityId[]>();
  #byType = new Map<RelationType, RelationId[]>();
  /** Epoch ms of each committed change set, by sequence number (index 0 is the empty twin). */
  #times: number[] = [0];
  #liveEntityCount = 0;
  #liveRelationCount = 0;
  #pending: PendingChange | undefined;

  /** The last committed sequence number. */
  get seq(): number {
    return this.#times.length - 1;
  }

  get liveEntityCount(): number {
    return this.#liveEntityCount;
  }

  get liveRelationCount(): number {
    return this.#liveRelationCount;
  }

  timeOf(seq: number): number | undefined {
    return this.#times[seq];
  }

  /** The last sequence number committed at or before `ms` (0 when none). */
  seqAt(ms: number): number {
    let low = 0;
    let high = this.#times.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.#times[middle] ?? 0) <= ms) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  entityAt(id: EntityId, seq: number): Entity | undefined {
    return valueAt(this.#entities.get(id), seq);
  }

  /**
   * The committed change sets that wrote the entity or a relation to or from it, in ascending
   * order: its history, read from the version chains the graph keeps anyway.
   */
  changeSetsTouching(id: EntityId): number[] {
    const seqs = new Set<number>();
    const collect = <T extends Versioned>(head: Entry<T> | undefined) => {
      for (let entry = head; entry !== undefined; entry = entry instanceof Version ? entry.prev : undefined) {
        const seq = seqOf(entry);
        if (seq > 0 && seq <= this.seq) seqs.add(seq);
      }
    };
    collect(this.#entities.get(id));
    for (const relation of [...this.outgoingIds(id), ...this.incomingIds(id)])
      collect(this.#relations.get(relation));
    return [...seqs].sort((a, b) => a - b);
  }

  relationAt(id: RelationId, seq: number): Relation | undefined {
    return valueAt(this.#relations.get(id), seq);
  }

  outgoingIds(id: EntityId): readonly RelationId[] {
    return this.#outgoing.get(id) ?? [];
  }

  incomingIds(id: EntityId): readonly RelationId[] {
    return this.#incoming.get(id) ?? [];
  }

  idsOfKind(kind: string): readonly EntityId[] {
    return this.#byKind.get(kind) ?? [];
  }

  entityIds(): IterableIterator<EntityId> {
    return this.#entities.keys();
  }

  relationIds(type?: RelationType): Iterable<RelationId> {
    return type === undefined ? this.#relations.keys() : (this.#byType.get(type) ?? []);
  }

  /** Starts staging the next change set. One at a time: the twin serializes its writers. */
  begin(view: (seq: number) => TwinView): PendingChange {
    if (this.#pending) throw new Error('a change set is already being staged');
    this.#pending = new PendingChange(this, this.seq + 1, view(this.seq + 1));
    return this.#pending;
  }

  /** Internal to PendingChange: writes a staged version; returns the change in live count. */
  writeEntity(seq: number, id: EntityId, value: Entity | undefined, undo: UndoLog): number {
    const head = this.#entities.get(id);
    if (head === undefined && value !== undefined) {
      addToIndex(this.#byKind, value.kind, id);
      undo.indexes.push(this.#byKind, value.kind);
    }
    if (head === undefined || seqOf(head) !== seq) undo.entities.push(id, head);
    this.#entities.set(id, nextEntry(head, seq, value));
    return (value ? 1 : 0) - (currentValue(head) ? 1 : 0);
  }

  writeRelation(seq: number, id: RelationId, value: Relation | undefined, undo: UndoLog): number {
    const head = this.#relations.get(id);
    if (head === undefined && value !== undefined) {
      addToIndex(this.#outgoing, value.from, id);
      addToIndex(this.#incoming, value.to, id);
      addToIndex(this.#byType, value.type, id);
      undo.indexes.push(this.#outgoing, value.from, this.#incoming, value.to, this.#byType, value.type);
    }
    if (head === undefined || seqOf(head) !== seq) undo.relations.push(id, head);
    this.#relations.set(id, nextEntry(head, seq, value));
    return (value ? 1 : 0) - (currentValue(head) ? 1 : 0);
  }

  undo(log: UndoLog): void {
    for (let index = log.indexes.length - 2; index >= 0; index -= 2) {
      (log.indexes[index] as Map<unknown, unknown[]>).get(log.indexes[index + 1])?.pop();
    }
    restore(this.#entities, log.entities);
    restore(this.#relations, log.relations);
  }

  finish(pending: PendingChange, ts: number, entityDelta: number, relationDelta: number): number {
    if (pending !== this.#pending) throw new Error('not the change set being staged');
    this.#pending = undefined;
    this.#times.push(Math.max(ts, this.#times[this.#times.length - 1] ?? 0));
    this.#liveEntityCount += entityDelta;
    this.#liveRelationCount += relationDelta;
    return this.seq;
  }

  abandon(pending: PendingChange): void {
    if (pending === this.#pending) this.#pending = undefined;
  }
}

/**
 * What to undo, as flat pairs to keep staging a million writes cheap: (id, previous head) per
 * record and (index, key) per index entry appended.
 */
interface UndoLog {
  entities: unknown[];
  relations: unknown[];
  indexes: unknown[];
}

function restore<T>(map: Map<string, Entry<T>>, pairs: unknown[]): void {
  for (let index = pairs.length - 2; index >= 0; index -= 2) {
    const id = pairs[index] as string;
    const head = pairs[index + 1] as Entry<T> | undefined;
    if (head) map.set(id, head);
    else map.delete(id);
  }
}

/** A change set staged into the graph as uncommitted versions. */
export class PendingChange implements StagingTarget {
  readonly seq: number;
  readonly view: TwinView;
  /** Metric values the change set writes; the twin applies them on commit. */
  readonly metrics: Array<{ id: EntityId; metric: string; value: MetricValue }> = [];
  /** Entities the change set touched, for subscribers: the first `maxAnnouncedIds` of them. */
  readonly touchedEntities = new Set<EntityId>();
  readonly removedEntities: EntityId[] = [];
  readonly #graph: VersionedGraph;
  readonly #undo: UndoLog = { entities: [], relations: [], indexes: [] };
  #entityDelta = 0;
  #relationDelta = 0;

  constructor(graph: VersionedGraph, seq: number, view: TwinView) {
    this.#graph = graph;
    this.seq = seq;
    this.view = view;
  }

  setEntity(id: EntityId, entity: Entity | null): void {
    this.#entityDelta += this.#graph.writeEntity(this.seq, id, entity ?? undefined, this.#undo);
    this.#touch(id);
    if (!entity) this.removedEntities.push(id);
  }

  setRelation(id: RelationId, relation: Relation | null, previous: Relation | undefined): void {
    this.#relationDelta += this.#graph.writeRelation(this.seq, id, relation ?? undefined, this.#undo);
    const endpoints = relation ?? previous;
    if (endpoints) {
      this.#touch(endpoints.from);
      this.#touch(endpoints.to);
    }
  }

  setMetric(id: EntityId, metric: string, value: MetricValue): void {
    this.metrics.push({ id, metric, value });
    this.#touch(id);
  }

  #touch(id: EntityId): void {
    if (this.touchedEntities.size < maxAnnouncedIds) this.touchedEntities.add(id);
  }

  commit(ts: number): number {
    return this.#graph.finish(this, ts, this.#entityDelta, this.#relationDelta);
  }

  /** Unlinks every staged version, newest first, leaving the graph as before `begin`. */
  rollback(): void {
    this.#graph.undo(this.#undo);
    this.#graph.abandon(this);
  }
}

function addToIndex<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}
