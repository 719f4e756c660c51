import { randomUUID } from 'node:crypto';
import {
  type ChangeSet,
  type ChangeSetInput,
  type ChangeSetSummary,
  summarizeChangeSet,
} from './change-set.js';
import type { Entity, EntityId } from './entity.js';
import { ConflictError, InputError, NotFoundError } from './errors.js';
import { GraphView } from './graph-view.js';
import { defaultStaleAfterMs, deriveHealth } from './health.js';
import { builtinKinds, type KindCatalog, type KindSpec } from './kind-catalog.js';
import { type KindDefinitionPlan, planKindDefinitions } from './kind-definition.js';
import type { EntityHealth, EntityMetrics, MetricValue, Sample } from './metric-state.js';
import { MetricStateStore } from './metric-state-store.js';
import { Overlay } from './overlay.js';
import { OverlayView } from './overlay-view.js';
import { stageOperations } from './stage-operations.js';
import { diffToOperations, diffViews, type TwinDiff } from './twin-diff.js';
import type { ForkRecord, TwinStore } from './twin-store.js';
import type { TwinView } from './twin-view.js';
import { maxAnnouncedIds, type PendingChange, VersionedGraph } from './versioned-graph.js';

export type TwinEvent =
  | { type: 'change'; fork?: string; changeSet: ChangeSetSummary; entityIds: EntityId[] }
  | {
      type: 'state';
      entityId: EntityId;
      kind: string;
      metrics: Record<string, MetricValue>;
      /**
       * Whether this update changed the entity's health: its health right before the update
       * against right after, both judged when the event was emitted. Computed on the first call
       * and remembered, so every listener of the event shares one computation.
       */
      healthChanged: () => boolean;
    }
  | { type: 'fork'; action: 'created' | 'deleted'; fork: ForkRecord }
  | { type: 'kinds'; defined: string[]; removed: string[] };

export type TwinListener = (event: TwinEvent) => void;

export interface ViewSelector {
  /** Epoch ms: the twin as of the last change set applied at or before it. */
  asOf?: number;
  /** A live sequence number: the twin right after that change set. */
  seq?: number;
  fork?: string;
}

export interface SampleOutcome {
  accepted: number;
  rejected: Array<{ index: number; reason: string }>;
}

export interface TwinOptions {
  store: TwinStore;
  catalog?: KindCatalog;
  /** Epoch milliseconds; injectable for tests. */
  clock?: () => number;
  onProgress?: (changeSetsRead: number) => void;
  /** A metric value older than this no longer decides health (default 5 min): the source went quiet. */
  staleAfterMs?: number;
}

interface ForkState {
  record: ForkRecord;
  overlay: Overlay;
  view: OverlayView;
  changeSets: ChangeSetSummary[];
}

/**
 * The twin: the versioned graph, live metric state, forks and the change log, kept in memory
 * and made durable through the store. Every mutation goes through `apply`, one at a time: the
 * change set is validated on a staged overlay, written to the store, and only then made visible.
 */
export class Twin {
  /** One map for the twin's lifetime, changed in place as users define kinds: holders stay current. */
  readonly #catalog: Map<string, KindSpec>;
  readonly #store: TwinStore;
  readonly #clock: () => number;
  readonly staleAfterMs: number;
  readonly #graph = new VersionedGraph();
  readonly #metrics = new MetricStateStore();
  readonly #live: GraphView;
  readonly #forks = new Map<string, ForkState>();
  readonly #summaries: ChangeSetSummary[] = [];
  readonly #listeners = new Set<TwinListener>();
  readonly #metricsOf = (id: EntityId) => this.#metrics.get(id);
  /** Entities already announced as stale, until a fresh sample arrives. */
  readonly #staleAnnounced = new Set<EntityId>();
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(options: TwinOptions) {
    this.#store = options.store;
    this.#catalog = new Map(options.catalog ?? builtinKinds);
    this.#clock = options.clock ?? Date.now;
    this.staleAfterMs = options.staleAfterMs ?? defaultStaleAfterMs;
    this.#live = new GraphView(this.#graph, Number.POSITIVE_INFINITY, this.#metricsOf);
  }

  /** Opens the twin from its store: replays the change log, restores forks and metric state. */
  static async open(options: TwinOptions): Promise<Twin> {
    const twin = new Twin(options);
    for (const spec of await options.store.listKinds()) twin.#catalog.set(spec.kind, spec);
    await twin.#replay(options.onProgress);
    return twin;
  }

  /** The built-in kinds and those users defined; the same map object for the twin's lifetime. */
  get catalog(): KindCatalog {
    return this.#catalog;
  }

  /**
   * Defines kinds (new ones, or later versions of defined ones) once they are durable. Entities
   * already written are not checked again; new writes are checked against the new definitions.
   */
  defineKinds(specs: readonly KindSpec[]): Promise<KindDefinitionPlan> {
    return this.#serial(async () => {
      const plan = planKindDefinitions(specs, this.#catalog);
      if (plan.define.length === 0) return plan;
      await this.#store.saveKinds(plan.define);
      for (const spec of plan.define) this.#catalog.set(spec.kind, spec);
      this.#emit({ type: 'kinds', defined: plan.define.map((spec) => spec.kind), removed: [] });
      return plan;
    });
  }

  /** Removes a user-defined kind that no entity of the live twin or of a fork has. */
  removeKind(kind: string): Promise<void> {
    return this.#serial(async () => {
      if (builtinKinds.has(kind)) throw new ConflictError(`'${kind}' is a built-in kind`);
      if (!this.#catalog.has(kind)) throw new NotFoundError(`no kind '${kind}'`);
      const views = [this.#live, ...[...this.#forks.values()].map((fork) => fork.view)];
      for (const view of views) {
        for (const entity of view.entities()) {
          if (entity.kind === kind)
            throw new ConflictError(`kind '${kind}' is in use by '${entity.id}' (${view.label})`);
        }
      }
      await this.#store.deleteKind(kind);
      this.#catalog.delete(kind);
      this.#emit({ type: 'kinds', defined: [], removed: [kind] });
    });
  }

  get store(): TwinStore {
    return this.#store;
  }

  get seq(): number {
    return this.#graph.seq;
  }

  get counts(): { entities: number; relations: number; changeSets: number; forks: number } {
    return {
      entities: this.#graph.liveEntityCount,
      relations: this.#graph.liveRelationCount,
      changeSets: this.#graph.seq,
      forks: this.#forks.size,
    };
  }

  get live(): TwinView {
    return this.#live;
  }

  now(): number {
    return this.#clock();
  }

  view(selector: ViewSelector = {}): TwinView {
    if (selector.fork !== undefined) {
      if (selector.asOf !== undefined || selector.seq !== undefined) {
        throw new InputError('a fork cannot be read as of a past time', [
          { field: 'asOf', message: 'asOf and fork cannot be combined' },
        ]);
      }
      return this.#fork(selector.fork).view;
    }
    if (selector.seq !== undefined) {
      if (!Number.isInteger(selector.seq) || selector.seq < 0 || selector.seq > this.#graph.seq) {
        throw new InputError(`no change set ${selector.seq}`, [
          { field: 'seq', message: `must be an integer from 0 to ${this.#graph.seq}` },
        ]);
      }
      return new GraphView(this.#graph, selector.seq);
    }
    if (selector.asOf !== undefined) return new GraphView(this.#graph, this.#graph.seqAt(selector.asOf));
    return this.#live;
  }

  health(view: TwinView, entity: Entity): EntityHealth {
    return deriveHealth(
      this.catalog.get(entity.kind),
      view.metrics(entity.id),
      this.#clock(),
      this.staleAfterMs,
    );
  }

  /**
   * Validates and applies one change set to the live twin or a fork. Resolves once it is durable;
   * resolves to null when it would change nothing (applying the same estate twice).
   */
  apply(input: ChangeSetInput, options: { fork?: string } = {}): Promise<ChangeSet | null> {
    return this.#serial(() =>
      options.fork === undefined ? this.#applyLive(input) : this.#applyFork(options.fork, input),
    );
  }

  async #applyLive(input: ChangeSetInput): Promise<ChangeSet | null> {
    checkInputShape(input);
    const ts = Math.max(this.#clock(), this.#graph.timeOf(this.#graph.seq) ?? 0);
    const pending = this.#graph.begin((seq) => new GraphView(this.#graph, seq, this.#metricsOf));
    const meta = {
      ts,
      seq: pending.seq,
      source: input.source ?? input.actor,
      origin: input.origin ?? 'declared',
    } as const;
    try {
      const ops = stageOperations(pending, input.ops, meta, this.catalog);
      if (ops.length === 0) {
        pending.rollback();
        return null;
      }
      const changeSet: ChangeSet = { ...meta, actor: input.actor, reason: input.reason ?? '', ops };
      await this.#store.appendChangeSet(changeSet);
      this.#commitLive(changeSet, pending);
      return changeSet;
    } catch (error) {
      pending.rollback();
      throw error;
    }
  }

  #commitLive(changeSet: ChangeSet, pending: PendingChange): void {
    pending.commit(changeSet.ts);
    for (const id of pending.removedEntities) if (!this.#live.entity(id)) this.#metrics.delete(id);
    for (const { id, metric, value } of pending.metrics) this.#metrics.set(id, metric, value);
    const summary = summarizeChangeSet(changeSet);
    this.#summaries.push(summary);
    if (this.#listeners.size > 0) {
      this.#emit({ type: 'change', changeSet: summary, entityIds: [...pending.touchedEntities] });
    }
  }

  async #applyFork(forkId: string, input: ChangeSetInput): Promise<ChangeSet | null> {
    checkInputShape(input);
    const fork = this.#fork(forkId);
    const seq = fork.changeSets.length + 1;
    const meta = {
      ts: this.#clock(),
      source: input.source ?? input.actor,
      origin: input.origin ?? 'predicted',
    } as const;
    const staging = new OverlayView(fork.view, new Overlay(), fork.view.label);
    const ops = stageOperations(staging, input.ops, meta, this.catalog);
    if (ops.length === 0) return null;
    const changeSet = { ...meta, seq, fork: forkId, actor: input.actor, reason: input.reason ?? '', ops };
    await this.#store.appendForkChangeSet(changeSet);
    fork.overlay.absorb(staging.overlay);
    const summary = summarizeChangeSet(changeSet);
    fork.changeSets.push(summary);
    this.#emit({
      type: 'change',
      fork: forkId,
      changeSet: summary,
      entityIds: touchedEntities(staging.overlay),
    });
    return changeSet;
  }

  /**
   * Records telemetry samples as live state: the one internal ingest path that the emulator and
   * every wire receiver use. Never throws for bad samples; it reports them.
   */
  recordSamples(samples: readonly Sample[]): SampleOutcome {
    const outcome: SampleOutcome = { accepted: 0, rejected: [] };
    const touched = new Map<
      EntityId,
      { before: EntityMetrics | undefined; metrics: Record<string, MetricValue> }
    >();
    // Records replaced in this batch: no listener has seen them yet (see MetricStateStore.set).
    const replaced = new Set<EntityId>();
    for (let index = 0; index < samples.length; index++) {
      const sample = samples[index] as Sample;
      if (!this.#live.entity(sample.entityId)) {
        outcome.rejected.push({ index, reason: `no entity '${sample.entityId}'` });
        continue;
      }
      if (typeof sample.value !== 'number' || Number.isNaN(sample.value)) {
        outcome.rejected.push({ index, reason: `value of ${sample.metric} is not a number` });
        continue;
      }
      const value: MetricValue = {
        value: sample.value,
        ts: sample.ts,
        origin: 'observed',
        source: sample.source,
      };
      // Records are replaced, never mutated: the one held here is the entity's state before.
      const before = this.#metrics.get(sample.entityId);
      if (!this.#metrics.set(sample.entityId, sample.metric, value, true, replaced)) continue;
      outcome.accepted++;
      let changed = touched.get(sample.entityId);
      if (changed === undefined) {
        changed = { before, metrics: {} };
        touched.set(sample.entityId, changed);
      }
      changed.metrics[sample.metric] = value;
    }
    if (this.#listeners.size > 0) {
      const now = this.#clock();
      for (const [entityId, { before, metrics }] of touched) {
        const kind = this.#live.entity(entityId)?.kind ?? '';
        const after = this.#metrics.get(entityId);
        const healthChanged = this.#healthChange(
          kind,
          { metrics: before, at: now },
          { metrics: after, at: now },
        );
        this.#emit({ type: 'state', entityId, kind, metrics, healthChanged });
      }
    }
    return outcome;
  }

  /**
   * Announces entities whose every metric has gone stale since the last sweep (their health just
   * turned `unknown` without any sample arriving) with a `state` event carrying no metrics, so
   * live subscribers see the change. Call it periodically; returns how many were announced.
   */
  sweepStale(): number {
    const now = this.#clock();
    let announced = 0;
    for (const [entityId, metrics] of this.#metrics.entries()) {
      let newest = Number.NEGATIVE_INFINITY;
      for (const name in metrics) newest = Math.max(newest, (metrics[name] as MetricValue).ts);
      const stale = now - newest > this.staleAfterMs;
      if (!stale) {
        this.#staleAnnounced.delete(entityId);
        continue;
      }
      if (this.#staleAnnounced.has(entityId)) continue;
      this.#staleAnnounced.add(entityId);
      const entity = this.#live.entity(entityId);
      if (!entity) continue;
      // Before: the health at the last instant its newest value was still fresh.
      const healthChanged = this.#healthChange(
        entity.kind,
        { metrics, at: newest + this.staleAfterMs },
        { metrics, at: now },
      );
      this.#emit({ type: 'state', entityId, kind: entity.kind, metrics: {}, healthChanged });
      announced++;
    }
    return announced;
  }

  /** Whether health differs between two judgements of an entity's metrics; judged once, on demand. */
  #healthChange(
    kind: string,
    before: { metrics: EntityMetrics | undefined; at: number },
    after: { metrics: EntityMetrics | undefined; at: number },
  ): () => boolean {
    const spec = this.#catalog.get(kind);
    let changed: boolean | undefined;
    return () => {
      changed ??=
        deriveHealth(spec, before.metrics, before.at, this.staleAfterMs).health !==
        deriveHealth(spec, after.metrics, after.at, this.staleAfterMs).health;
      return changed;
    };
  }

  /** Writes metric values changed since the last flush to the store. */
  async flushMetrics(): Promise<number> {
    const dirty = this.#metrics.takeDirty();
    if (dirty.length === 0) return 0;
    await this.#store.saveMetrics(
      dirty.map(({ entityId, metric, value }) => ({
        entityId,
        metric,
        value: value.value,
        ts: value.ts,
        origin: value.origin,
        source: value.source,
      })),
    );
    return dirty.length;
  }

  listForks(): ForkRecord[] {
    return [...this.#forks.values()].map((fork) => fork.record);
  }

  forkRecord(id: string): ForkRecord {
    return this.#fork(id).record;
  }

  /** Forks the live twin at its current version, or copies another fork (its changes included). */
  async createFork(options: {
    name: string;
    parent?: string;
    actor: string;
    description?: string;
  }): Promise<ForkRecord> {
    if (typeof options.name !== 'string' || options.name.trim() === '') {
      throw new InputError('a fork needs a name', [{ field: 'name', message: 'must be a non-empty string' }]);
    }
    const parent = options.parent === undefined ? undefined : this.#fork(options.parent);
    const created = await this.#serial(async () => {
      const record: ForkRecord = {
        id: `fork-${randomUUID().slice(0, 8)}`,
        name: options.name,
        baseSeq: parent?.record.baseSeq ?? this.#graph.seq,
        createdAt: this.#clock(),
        createdBy: options.actor,
        ...(parent ? { parent: parent.record.id } : {}),
        ...(options.description ? { description: options.description } : {}),
      };
      await this.#store.createFork(record);
      this.#forks.set(record.id, this.#newForkState(record));
      return record;
    });
    if (parent) {
      const ops = diffToOperations(this.diffFork(parent.record.id), parent.view);
      if (ops.length > 0) {
        await this.apply(
          { actor: options.actor, reason: `copied from fork ${parent.record.id}`, origin: 'predicted', ops },
          { fork: created.id },
        );
      }
    }
    await this.#store.appendAudit({
      ts: this.#clock(),
      actor: options.actor,
      action: 'fork.create',
      target: created.id,
    });
    this.#emit({ type: 'fork', action: 'created', fork: created });
    return created;
  }

  async deleteFork(id: string, actor: string): Promise<void> {
    const fork = this.#fork(id);
    await this.#serial(async () => {
      await this.#store.deleteFork(id);
      this.#forks.delete(id);
    });
    await this.#store.appendAudit({ ts: this.#clock(), actor, action: 'fork.delete', target: id });
    this.#emit({ type: 'fork', action: 'deleted', fork: fork.record });
  }

  /** What the fork changed against its base; costs in proportion to the fork's own changes. */
  diffFork(id: string): TwinDiff {
    const fork = this.#fork(id);
    const { overlay } = fork;
    return diffViews(fork.view.base, fork.view, {
      entityIds: overlay.entities.keys(),
      relationIds: overlay.relations.keys(),
      metricIds: overlay.metrics.keys(),
    });
  }

  listChanges(
    options: {
      fork?: string;
      afterSeq?: number;
      since?: number;
      until?: number;
      limit?: number;
      /** Only change sets that wrote this entity or a relation of it (the live log). */
      entity?: EntityId;
    } = {},
  ) {
    if (options.entity !== undefined && options.fork !== undefined)
      throw new InputError("an entity's history is the live log's", [
        { field: 'querystring.entity', message: 'cannot be combined with fork' },
      ]);
    const all =
      options.entity !== undefined
        ? this.#graph
            .changeSetsTouching(options.entity)
            .map((seq) => this.#summaries[seq - 1] as ChangeSetSummary)
        : options.fork === undefined
          ? this.#summaries
          : this.#fork(options.fork).changeSets;
    const limit = Math.min(options.limit ?? 100, 10_000);
    const result: ChangeSetSummary[] = [];
    for (let index = all.length - 1; index >= 0 && result.length < limit; index--) {
      const summary = all[index] as ChangeSetSummary;
      if (options.afterSeq !== undefined && summary.seq <= options.afterSeq) break;
      if (options.until !== undefined && summary.ts > options.until) continue;
      if (options.since !== undefined && summary.ts < options.since) break;
      result.push(summary);
    }
    return result;
  }

  async getChange(seq: number, fork?: string): Promise<ChangeSet> {
    if (fork !== undefined) this.#fork(fork);
    const changeSet = await this.#store.readChangeSet(seq, fork);
    if (!changeSet) throw new NotFoundError(`no change set ${seq}${fork ? ` in fork ${fork}` : ''}`);
    return changeSet;
  }

  subscribe(listener: TwinListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Waits for pending changes, persists metric state and closes the store. */
  async close(): Promise<void> {
    await this.#queue;
    await this.flushMetrics();
    await this.#store.close();
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(work, work);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #fork(id: string): ForkState {
    const fork = this.#forks.get(id);
    if (!fork) throw new NotFoundError(`no fork '${id}'`);
    return fork;
  }

  #newForkState(record: ForkRecord): ForkState {
    const overlay = new Overlay();
    const base = new GraphView(this.#graph, record.baseSeq, this.#metricsOf);
    return { record, overlay, view: new OverlayView(base, overlay, `fork:${record.id}`), changeSets: [] };
  }

  #emit(event: TwinEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A subscriber's failure must not stop the twin or other subscribers.
      }
    }
  }

  async #replay(onProgress?: (changeSetsRead: number) => void): Promise<void> {
    await this.#store.readChangeSets((changeSet) => {
      if (changeSet.seq !== this.#graph.seq + 1) {
        throw new ConflictError(
          `change log has a gap: expected ${this.#graph.seq + 1}, found ${changeSet.seq}`,
        );
      }
      const pending = this.#graph.begin((seq) => new GraphView(this.#graph, seq, this.#metricsOf));
      try {
        stageOperations(pending, changeSet.ops, changeSet, this.catalog, 'replay');
      } catch (error) {
        pending.rollback();
        throw new ConflictError(
          `change set ${changeSet.seq} in the store does not apply: ${(error as Error).message}`,
        );
      }
      this.#commitLive(changeSet, pending);
      onProgress?.(changeSet.seq);
    });
    for (const record of await this.#store.listForks()) {
      const fork = this.#newForkState(record);
      this.#forks.set(record.id, fork);
      await this.#store.readForkChangeSets(record.id, (changeSet) => {
        stageOperations(fork.view, changeSet.ops, changeSet, this.catalog, 'replay');
        fork.changeSets.push(summarizeChangeSet(changeSet));
      });
    }
    await this.#store.readMetrics((metric) => {
      if (!this.#live.entity(metric.entityId)) return;
      const { value, ts, origin, source } = metric;
      this.#metrics.set(metric.entityId, metric.metric, { value, ts, origin, source }, false);
    });
  }
}

function firstIds(ids: Iterable<EntityId>): EntityId[] {
  const out: EntityId[] = [];
  for (const id of ids) {
    if (out.length >= maxAnnouncedIds) break;
    out.push(id);
  }
  return out;
}

function touchedEntities(overlay: Overlay): EntityId[] {
  return firstIds(
    new Set([
      ...overlay.entities.keys(),
      ...overlay.metrics.keys(),
      ...overlay.outgoing.keys(),
      ...overlay.incoming.keys(),
    ]),
  );
}

function checkInputShape(input: ChangeSetInput): void {
  const issues = [];
  if (typeof input?.actor !== 'string' || input.actor === '')
    issues.push({ field: 'actor', message: 'required' });
  if (!Array.isArray(input?.ops)) issues.push({ field: 'ops', message: 'must be a list of operations' });
  if (issues.length > 0) throw new InputError('malformed change set', issues);
}
