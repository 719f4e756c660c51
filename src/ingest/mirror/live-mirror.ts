import {
  type AppendResult,
  type EntityId,
  type Operation,
  type RollupBucket,
  type Sample,
  SeriesStore,
  type Twin,
  type TwinEvent,
} from '../../model/index.js';
import type { DecodeIssue, RawSample } from '../raw-sample.js';
import { unknownSeries } from '../remote-write/decode-thread-messages.js';
import { SeriesKeyTable } from '../remote-write/series-key-table.js';
import type { DecodedWriteRequest } from '../remote-write/write-request-decoder.js';
import { AliasIndex } from '../resolution/alias-index.js';
import {
  type CompiledIdentityRule,
  compatibleKinds,
  compileIdentityRules,
  defaultIdentityRules,
  type IdentityRule,
} from '../resolution/identity-rules.js';
import { NodeExporterHost } from '../resolution/node-exporter-host.js';
import { type DiscoveryNeed, type Resolution, resolveSeries } from '../resolution/series-resolver.js';
import { Quarantine, type QuarantineEntry } from './quarantine.js';
import { RollupBuffer } from './rollup-buffer.js';
import { type SeriesInfo, SeriesRegistry } from './series-registry.js';

export type MirrorMode = 'discover' | 'strict';

export interface LiveMirrorOptions {
  twin: Twin;
  /** `discover` creates entities for unknown sources; `strict` quarantines them. Default discover. */
  mode?: MirrorMode;
  identity?: readonly IdentityRule[];
  /** How long raw samples stay in the hot buffers. Default 1 h. */
  retentionMs?: number;
  clock?: () => number;
}

/** What became of one batch. */
export interface IngestOutcome {
  accepted: number;
  /** Samples older than their series' newest, or repeating its timestamp: a resend. */
  duplicates: number;
  /** Samples of sources held in quarantine (strict mode). */
  quarantined: number;
  /** Samples that could not be attributed or were not numbers. */
  rejected: number;
  /** Indexes (in the batch) of the samples that named no entity. */
  unattributed?: number[];
  /** Stale markers and NaN values: the series ended or had no value. */
  noValue: number;
  discovered: EntityId[];
  issues: DecodeIssue[];
}

const dropped = -1;
const rollupGraceMs = 120_000;
/** Series scanned per turn of the event loop when rollups are flushed. */
const flushSlice = 8_192;

/**
 * A copy of the remote_write key table kept elsewhere (the decode thread's): told of every change
 * to the original, in order.
 */
export interface WireKeyCopy {
  assign(buf: Uint8Array, start: number, end: number, hash: number, number: number): void;
  /** Forget the keys bound to `number`. */
  forget(number: number): void;
  clear(): void;
  /** The assignments of one request are made; send them. */
  flush(): void;
}

/**
 * The live mirror: resolves telemetry to twin entities, keeps every series in the hot buffers,
 * derives the catalog metrics (CPU utilisation from CPU seconds, fullness from bytes) and records
 * entity state through `Twin.recordSamples`. Every receiver hands its samples here.
 */
export class LiveMirror {
  readonly twin: Twin;
  readonly mode: MirrorMode;
  readonly store: SeriesStore;
  readonly retentionMs: number;
  readonly #registry = new SeriesRegistry();
  readonly #aliases: AliasIndex;
  readonly #rules: CompiledIdentityRule[];
  readonly #quarantine = new Quarantine();
  readonly #clock: () => number;
  /** Resolution cache: a series' identifying bytes or labels → its number, or `dropped`. */
  readonly #resolved = new Map<string, number>();
  /** The same for remote_write, keyed by label bytes without making strings (see SeriesKeyTable). */
  readonly #wireKeys = new SeriesKeyTable(4096);
  #droppedWireKeys = 0;
  #wireKeyCopy: WireKeyCopy | undefined;
  /** Which quarantined entity a dropped key belongs to, for counting its samples. */
  readonly #quarantinedKey = new Map<string, EntityId>();
  readonly #nodeHosts = new Map<EntityId, NodeExporterHost>();
  readonly #pendingRollups = new RollupBuffer();
  #nextRollupKey = 0;
  #flushing = false;
  #draining = false;
  /** Chunks written between flushes, awaited by the next flush so that a failure surfaces there. */
  #drainWrites: Array<Promise<void>> = [];
  #drainedRows = 0;
  #discovery: Promise<unknown> = Promise.resolve();
  readonly #unsubscribe: () => void;
  readonly #totals = { accepted: 0, duplicates: 0, quarantined: 0, rejected: 0, noValue: 0, discovered: 0 };

  constructor(options: LiveMirrorOptions) {
    this.twin = options.twin;
    this.mode = options.mode ?? 'discover';
    this.#clock = options.clock ?? (() => options.twin.now());
    this.#rules = compileIdentityRules(options.identity ?? defaultIdentityRules);
    this.retentionMs = options.retentionMs ?? 3_600_000;
    this.store = new SeriesStore({ retentionMs: this.retentionMs }, (bucket) => this.#onRollup(bucket));
    this.#aliases = AliasIndex.build(options.twin.live);
    this.#unsubscribe = options.twin.subscribe((event) => this.#onTwinEvent(event));
  }

  close(): void {
    this.#unsubscribe();
  }

  /** Samples from any receiver but remote_write's fast path. */
  async ingestRaw(samples: readonly RawSample[], source: string): Promise<IngestOutcome> {
    const outcome = emptyOutcome();
    const keys: string[] = new Array(samples.length);
    const unresolved = new Map<string, RawSample>();
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i] as RawSample;
      const key = rawKey(sample);
      keys[i] = key;
      if (!this.#resolved.has(key) && !unresolved.has(key)) unresolved.set(key, sample);
    }
    if (unresolved.size > 0) {
      const pending = [...unresolved].map(([key, sample]) => ({
        key,
        name: sample.name,
        labels: sample.labels,
        counter: sample.type === 'counter',
      }));
      await this.#resolveAll(pending, source, outcome);
    }
    const numbers = new Int32Array(samples.length);
    const ts = new Float64Array(samples.length);
    const values = new Float64Array(samples.length);
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i] as RawSample;
      numbers[i] = this.#resolved.get(keys[i] as string) ?? dropped;
      ts[i] = sample.ts;
      values[i] = sample.value;
    }
    this.#apply(numbers, ts, values, samples.length, (i) => keys[i] as string, source, outcome);
    return outcome;
  }

  /** Keeps `copy` in step with the remote_write key table from now on. */
  copyWireKeysTo(copy: WireKeyCopy): void {
    this.#wireKeyCopy = copy;
  }

  /**
   * remote_write's fast path: series are known by their label bytes; labels decoded only once.
   * `known` gives series numbers already looked up in a copy of the key table (the decode
   * thread's); its unknown series (`unknownSeries`) are looked up here.
   */
  async ingestWriteRequest(
    request: DecodedWriteRequest,
    source: string,
    known?: Int32Array,
  ): Promise<IngestOutcome> {
    const outcome = emptyOutcome();
    const seriesCount = request.seriesCount;
    // Per request: a request waiting on discovery must not share it with the next.
    const numbers = new Int32Array(seriesCount);
    let pending: PendingSeries[] | undefined;
    const table = this.#wireKeys;
    const copy = this.#wireKeyCopy;
    for (let s = 0; s < seriesCount; s++) {
      const hint = known === undefined ? unknownSeries : (known[s] as number);
      if (hint !== unknownSeries) {
        numbers[s] = hint;
        continue;
      }
      const number = table.get(
        request.keyBuffer(s),
        request.keyStart[s] as number,
        request.keyEnd[s] as number,
        request.keyHash[s] as number,
      );
      if (number !== undefined) {
        numbers[s] = number;
        // Bound before the copy heard of it (or before the copy existed): tell it now.
        if (known !== undefined) this.#copyAssignment(request, s, number);
        continue;
      }
      numbers[s] = unknownSeries;
      pending ??= [];
      pending.push(this.#pendingFromLabels(request, s));
    }
    if (pending) {
      await this.#resolveAll(pending, source, outcome);
      for (let s = 0; s < seriesCount; s++) {
        if (numbers[s] !== unknownSeries) continue;
        const key = request.keyString(s);
        const number = this.#resolved.get(key) ?? dropped;
        this.#resolved.delete(key);
        numbers[s] = number;
        // Quarantined and unattributable series are cached too: they must not be resolved anew
        // with every request; a change to the twin clears them (see #onTwinEvent).
        table.set(
          request.keyBuffer(s),
          request.keyStart[s] as number,
          request.keyEnd[s] as number,
          request.keyHash[s] as number,
          number,
        );
        this.#copyAssignment(request, s, number);
        if (number === dropped) this.#droppedWireKeys++;
      }
    }
    copy?.flush();
    this.#applySeriesSamples(request, numbers, source, outcome);
    return outcome;
  }

  #copyAssignment(request: DecodedWriteRequest, series: number, number: number): void {
    this.#wireKeyCopy?.assign(
      request.keyBuffer(series),
      request.keyStart[series] as number,
      request.keyEnd[series] as number,
      request.keyHash[series] as number,
      number,
    );
  }

  #pendingFromLabels(request: DecodedWriteRequest, series: number): PendingSeries {
    const labels: Record<string, string> = {};
    let name = '';
    for (const [label, value] of request.labels(series)) {
      if (label === '__name__') name = value;
      else labels[label] = value;
    }
    return { key: request.keyString(series), name, labels, counter: looksLikeCounter(name) };
  }

  #applySeriesSamples(
    request: DecodedWriteRequest,
    numbersBySeries: Int32Array,
    source: string,
    outcome: IngestOutcome,
  ): void {
    const count = request.sampleCount;
    const numbers = new Int32Array(count);
    for (let i = 0; i < count; i++) numbers[i] = numbersBySeries[request.sampleSeries[i] as number] as number;
    this.#apply(
      numbers,
      request.sampleTs,
      request.sampleValues,
      count,
      (i) => request.keyString(request.sampleSeries[i] as number),
      source,
      outcome,
    );
  }

  /**
   * The entity a source's labels name (creating it in discovery mode), for data that are not
   * samples: syslog events. Undefined when nothing answers (strict mode quarantines the source).
   */
  async resolveEntity(labels: Record<string, string>, source: string): Promise<EntityId | undefined> {
    const outcome = emptyOutcome();
    const key = rawKey({ name: '\u0003entity', labels, value: 0, ts: 0 });
    await this.#resolveAll([{ key, name: 'syslog_messages_total', labels, counter: true }], source, outcome);
    const number = this.#resolved.get(key);
    return number === undefined || number === dropped ? undefined : this.#registry.info(number)?.entityId;
  }

  async #resolveAll(pending: PendingSeries[], source: string, outcome: IngestOutcome): Promise<void> {
    const context = {
      view: this.twin.live,
      aliases: this.#aliases,
      rules: this.#rules,
      discover: this.mode === 'discover',
      source,
    };
    const resolutions = pending.map((series) =>
      resolveSeries(series.name, series.labels, series.counter, context),
    );
    const needs = resolutions.flatMap((resolution) =>
      resolution.status === 'bound' && resolution.discover ? [resolution.discover] : [],
    );
    if (needs.length > 0) await this.#discover(needs, source, outcome);
    const now = this.#clock();
    resolutions.forEach((resolution, index) => {
      this.#bind(pending[index] as PendingSeries, resolution, source, now, outcome);
    });
  }

  #bind(
    series: PendingSeries,
    resolution: Resolution,
    source: string,
    now: number,
    outcome: IngestOutcome,
  ): void {
    if (resolution.status === 'unknown') {
      this.#quarantine.record(
        {
          proposedId: resolution.proposedId,
          kind: resolution.kind,
          label: resolution.label,
          value: resolution.value,
          source,
        },
        series.name,
        0,
        now,
      );
      this.#quarantinedKey.set(series.key, resolution.proposedId);
      this.#resolved.set(series.key, dropped);
      return;
    }
    if (resolution.status === 'unresolvable' || !this.twin.live.entity(resolution.entityId)) {
      const reason =
        resolution.status === 'unresolvable'
          ? resolution.reason
          : `entity ${resolution.entityId} was not created`;
      if (outcome.issues.length < 20)
        outcome.issues.push({ message: `series ${series.name}: ${reason}`, field: series.name });
      this.#resolved.set(series.key, dropped);
      return;
    }
    this.#resolved.set(series.key, this.#register(resolution));
  }

  #register(resolution: Extract<Resolution, { status: 'bound' }>): number {
    const existing = this.#registry.find(resolution.entityId, resolution.seriesName);
    if (existing !== undefined) return existing;
    const number = this.store.create(resolution.counter);
    let node: NodeExporterHost | undefined;
    if (resolution.node) {
      node = this.#nodeHosts.get(resolution.node.hostId);
      if (!node) {
        node = new NodeExporterHost(resolution.node.hostId);
        this.#nodeHosts.set(resolution.node.hostId, node);
      }
      node.add(number, resolution.node.role);
    }
    const rollupKey = this.#nextRollupKey++;
    this.#pendingRollups.announce(rollupKey, resolution.entityId, resolution.seriesName);
    const info: SeriesInfo = {
      rollupKey,
      entityId: resolution.entityId,
      name: resolution.seriesName,
      counter: resolution.counter,
      stateMetric: resolution.stateMetric,
      stateScale: resolution.stateScale,
      node,
    };
    this.#registry.add(number, info);
    return number;
  }

  /** Creates the entities unknown sources need, one change set per batch, one batch at a time. */
  #discover(needs: DiscoveryNeed[], source: string, outcome: IngestOutcome): Promise<unknown> {
    const run = async () => {
      const ops: Operation[] = [];
      const created = new Set<EntityId>();
      for (const need of needs) {
        for (const entity of need.entities) {
          if (created.has(entity.id) || this.twin.live.entity(entity.id)) continue;
          created.add(entity.id);
          ops.push({ op: 'upsert-entity', entity });
        }
      }
      for (const need of needs) {
        for (const relation of need.relations) {
          if (!created.has(relation.to)) continue;
          ops.push({ op: 'upsert-relation', relation });
        }
      }
      if (ops.length === 0) return;
      try {
        await this.twin.apply({
          actor: `ingest:${source}`,
          source,
          origin: 'observed',
          reason: 'discovered from telemetry',
          ops,
        });
        outcome.discovered.push(...created);
        this.#totals.discovered += created.size;
      } catch (error) {
        outcome.issues.push({ message: `discovery failed: ${(error as Error).message}` });
      }
    };
    this.#discovery = this.#discovery.then(run, run);
    return this.#discovery;
  }

  #apply(
    numbers: Int32Array,
    ts: Float64Array,
    values: Float64Array,
    count: number,
    keyOf: (index: number) => string,
    source: string,
    outcome: IngestOutcome,
  ): void {
    const state: Sample[] = [];
    const touched = new Set<NodeExporterHost>();
    const store = this.store;
    for (let i = 0; i < count; i++) {
      const number = numbers[i] as number;
      if (number === dropped) {
        if (!this.#countDropped(keyOf(i), outcome)) {
          outcome.unattributed ??= [];
          outcome.unattributed.push(i);
        }
        continue;
      }
      const value = values[i] as number;
      if (Number.isNaN(value)) {
        outcome.noValue++;
        continue;
      }
      const at = ts[i] as number;
      const appended = this.#append(number, at, value, outcome);
      if (appended !== 'ok') {
        if (appended !== 'invalid') outcome.duplicates++;
        continue;
      }
      outcome.accepted++;
      const info = this.#registry.info(number) as SeriesInfo;
      if (info.node) touched.add(info.node);
      if (info.stateMetric === undefined) continue;
      const shown = info.counter
        ? store.latestRate(number)
        : info.stateScale
          ? info.stateScale(value)
          : value;
      if (shown !== undefined)
        state.push({ entityId: info.entityId, metric: info.stateMetric, value: shown, ts: at, source });
    }
    for (const host of touched) for (const sample of host.derive(store, source)) state.push(sample);
    if (state.length > 0) this.twin.recordSamples(state);
    this.#addTotals(outcome);
  }

  /** The store refuses what it cannot hold (a timestamp that is not a whole millisecond, ±∞ in a counter): reported, never thrown. */
  #append(series: number, ts: number, value: number, outcome: IngestOutcome): AppendResult | 'invalid' {
    try {
      return this.store.append(series, ts, value);
    } catch (error) {
      outcome.rejected++;
      if (outcome.issues.length < 20) {
        const info = this.#registry.info(series);
        outcome.issues.push({
          message: `series ${info?.name ?? series} of ${info?.entityId ?? '?'}: ${(error as Error).message}`,
        });
      }
      return 'invalid';
    }
  }

  /** Counts a sample held back (true: its source is quarantined) or rejected (false). */
  #countDropped(key: string, outcome: IngestOutcome): boolean {
    const quarantined = this.#quarantinedKey.get(key);
    if (quarantined) {
      outcome.quarantined++;
      this.#quarantine.addSamples(quarantined, 1, this.#clock());
      return true;
    }
    outcome.rejected++;
    return false;
  }

  #addTotals(outcome: IngestOutcome): void {
    this.#totals.accepted += outcome.accepted;
    this.#totals.duplicates += outcome.duplicates;
    this.#totals.quarantined += outcome.quarantined;
    this.#totals.rejected += outcome.rejected;
    this.#totals.noValue += outcome.noValue;
  }

  #onTwinEvent(event: TwinEvent): void {
    if (event.type !== 'change' || event.fork !== undefined) return;
    const view = this.twin.live;
    let removed = false;
    for (const id of event.entityIds) {
      const entity = view.entity(id);
      this.#aliases.update(entity, id);
      if (!entity) {
        removed = true;
        for (const number of this.#registry.removeEntity(id)) this.store.drop(number);
        this.#nodeHosts.delete(id);
        this.#quarantine.release(id);
      }
    }
    // A new entity may be what a dropped series was waiting for; a removed one invalidates bindings.
    for (const [key, number] of this.#resolved) {
      if (number === dropped || removed) this.#resolved.delete(key);
    }
    this.#releaseAdmitted();
    if (removed) {
      this.#wireKeys.clear();
      this.#wireKeyCopy?.clear();
    } else if (this.#droppedWireKeys > 0) {
      this.#wireKeys.deleteWhere((number) => number === dropped);
      this.#wireKeyCopy?.forget(dropped);
    }
    if (removed || this.#droppedWireKeys > 0) this.#droppedWireKeys = 0;
    this.#quarantinedKey.clear();
  }

  /** Quarantined sources whose name now answers to an entity are admitted: off the list. */
  #releaseAdmitted(): void {
    for (const entry of this.#quarantine.list()) {
      const known =
        this.twin.live.entity(entry.proposedId) !== undefined ||
        this.#aliases.resolve(entry.value, compatibleKinds[entry.kind] ?? [entry.kind]) !== undefined;
      if (known) this.#quarantine.release(entry.proposedId);
    }
  }

  #onRollup(bucket: RollupBucket): void {
    const info = this.#registry.info(bucket.series);
    if (!info) return;
    this.#pendingRollups.push(info.rollupKey, bucket);
    if (this.#pendingRollups.fullChunks > 0 && !this.#draining) {
      this.#draining = true;
      setImmediate(() => this.#drainFullChunks());
    }
  }

  /**
   * Writes full chunks as they fill, one per turn of the event loop, rather than letting a
   * fast sender pile up minutes of buckets for the next flush to write at once.
   */
  #drainFullChunks(): void {
    if (this.#pendingRollups.fullChunks === 0) {
      this.#draining = false;
      return;
    }
    this.#drainedRows += this.#writeRollupChunk(this.#drainWrites);
    if (this.#drainWrites.length > 64) {
      // Folded into one, so that a mirror nobody flushes does not keep a promise per chunk.
      const folded = Promise.all(this.#drainWrites).then(() => undefined);
      folded.catch(() => undefined);
      this.#drainWrites = [folded];
    }
    setImmediate(() => this.#drainFullChunks());
  }

  /** The oldest waiting chunk to the store, its write added to `writes`; returns its rows. */
  #writeRollupChunk(writes: Array<Promise<void>>): number {
    const batch = this.#pendingRollups.take();
    const write = this.twin.store.saveRollupColumns(batch);
    // Awaited later (by the flush): a failure before then is not unhandled.
    write.catch(() => undefined);
    writes.push(write);
    return batch.length;
  }

  /**
   * Closes finished rollup buckets, trims expired pages and writes the buckets to the store;
   * returns how many. The scan runs in slices with a turn of the event loop between them, so a
   * minute boundary of 100,000 series does not stall the receivers for a quarter of a second.
   */
  async flushRollups(force = false): Promise<number> {
    if (this.#flushing) return 0;
    this.#flushing = true;
    try {
      return await this.#flushRollupsInSlices(force);
    } finally {
      this.#flushing = false;
    }
  }

  async #flushRollupsInSlices(force: boolean): Promise<number> {
    // Buckets close by the clock only two minutes after their end: a sample of a bucket closed
    // early would start a second, partial bucket with the same start, which would replace the
    // first in the store. Buckets close at once anyway when a later sample of the series arrives.
    const closeBefore = this.#clock() - rollupGraceMs;
    const end = this.store.seriesHighWater;
    const writes: Array<Promise<void>> = this.#drainWrites;
    let written = this.#drainedRows;
    this.#drainWrites = [];
    this.#drainedRows = 0;
    for (let from = 0; from < end; from += flushSlice) {
      this.store.closeBuckets(closeBefore, force, from, from + flushSlice);
      this.store.trim(this.#clock(), from, from + flushSlice);
      if (this.#pendingRollups.fullChunks > 0) written += this.#writeRollupChunk(writes);
      await new Promise((resolve) => setImmediate(resolve));
    }
    while (this.#pendingRollups.pending) {
      written += this.#writeRollupChunk(writes);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(writes);
    return written;
  }

  listSeries(
    entityId: EntityId,
  ): Array<{ name: string; counter: boolean; latest?: { ts: number; value: number } }> {
    return this.#registry.ofEntity(entityId).map((number) => {
      const info = this.#registry.info(number) as SeriesInfo;
      const latest = this.store.latest(number);
      return { name: info.name, counter: info.counter, ...(latest ? { latest } : {}) };
    });
  }

  seriesNumber(entityId: EntityId, name: string): number | undefined {
    return this.#registry.find(entityId, name);
  }

  quarantine(): QuarantineEntry[] {
    return this.#quarantine.list();
  }

  stats(): MirrorStats {
    return {
      ...this.#totals,
      series: this.#registry.size,
      aliases: this.#aliases.size,
      quarantinedSources: this.#quarantine.list().length,
      mode: this.mode,
    };
  }
}

export interface MirrorStats {
  accepted: number;
  duplicates: number;
  quarantined: number;
  rejected: number;
  noValue: number;
  discovered: number;
  series: number;
  aliases: number;
  quarantinedSources: number;
  mode: MirrorMode;
}

interface PendingSeries {
  key: string;
  name: string;
  labels: Record<string, string>;
  counter: boolean;
}

function emptyOutcome(): IngestOutcome {
  return { accepted: 0, duplicates: 0, quarantined: 0, rejected: 0, noValue: 0, discovered: [], issues: [] };
}

/** A cache key for a decoded sample; the \u0002 prefix keeps it apart from remote_write's byte keys. */
function rawKey(sample: RawSample): string {
  let key = `\u0002${sample.type === 'counter' ? 'c' : 'g'}${sample.name}`;
  for (const label of Object.keys(sample.labels).sort()) key += `\u0000${label}\u0001${sample.labels[label]}`;
  return key;
}

/**
 * remote_write 1.0 carries no types (metadata comes apart, once a minute); Prometheus's naming
 * conventions decide: `_total`, and histogram and summary `_count`, `_sum`, `_bucket`, are cumulative.
 */
export function looksLikeCounter(name: string): boolean {
  return (
    name.endsWith('_total') || name.endsWith('_count') || name.endsWith('_sum') || name.endsWith('_bucket')
  );
}
