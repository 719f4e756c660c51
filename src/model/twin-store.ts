import type { AlertRecord } from './alert.js';
import type { ChangeSet } from './change-set.js';
import type { EntityId, Props } from './entity.js';
import type { KindSpec } from './kind-catalog.js';
import type { Origin } from './provenance.js';

/**
 * viewer < operator < admin, each allowed what the one before is; `ingest` stands apart: it may
 * only send telemetry to the receivers (what a Prometheus or a collector needs, and nothing else).
 */
export type Role = 'viewer' | 'operator' | 'admin' | 'ingest';

export interface ForkRecord {
  id: string;
  name: string;
  /** The fork this one was made from; absent when made from the live twin. */
  parent?: string;
  /** The live sequence number the fork sees as its base. */
  baseSeq: number;
  createdAt: number;
  createdBy: string;
  description?: string;
}

export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  /** SHA-256 of the secret, hex. The secret itself is never stored. */
  secretHash: string;
  createdAt: number;
  revokedAt?: number;
}

export interface AuditEntry {
  ts: number;
  actor: string;
  action: string;
  target?: string;
  detail?: string;
}

export interface StoredMetric {
  entityId: EntityId;
  metric: string;
  value: number;
  ts: number;
  origin: Origin;
  source: string;
}

/** One closed rollup bucket of one series: 1-minute or 1-hour min, max, sum, count and last. */
export interface StoredRollup {
  entityId: EntityId;
  /** The series' name within its entity: `node_cpu_seconds_total{cpu="0",mode="idle"}`. */
  series: string;
  resolution: '1m' | '1h';
  /** Bucket start, epoch ms, aligned to the UTC minute or hour. */
  start: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
}

/**
 * Rollups as columns, for the ingest hot path: a minute boundary of 100,000 series is 100,000
 * buckets, and objects per bucket cost more than writing them. Series are named by the caller's
 * own integer keys, announced in `newSeries` the first time each appears (never reused).
 */
export interface RollupColumns {
  newSeries: Array<[key: number, entityId: EntityId, series: string]>;
  length: number;
  key: Int32Array;
  resolutionMs: Int32Array;
  start: Float64Array;
  min: Float64Array;
  max: Float64Array;
  sum: Float64Array;
  count: Float64Array;
  last: Float64Array;
}

export interface RollupQuery {
  entityId: EntityId;
  series: string;
  resolution: '1m' | '1h';
  /** Bucket starts from `start` (inclusive) to `end` (exclusive). */
  start: number;
  end: number;
}

/** What one inventory source last said an entity is (drift compares these between sources). */
export interface ClaimedEntity {
  id: EntityId;
  kind: string;
  name: string;
  props: Props;
}

export interface ClaimedRelation {
  type: string;
  from: EntityId;
  to: EntityId;
  key?: string;
}

/**
 * Everything one inventory source (`netbox:dc1`, `snmp:discovery`) said at its last import, with
 * ids already resolved to the twin's entities and conflicting facts kept: the twin holds one
 * merged estate, so what each source claimed on its own is kept beside it.
 */
export interface SourceClaims {
  source: string;
  origin: Origin;
  /** Epoch ms of the import. */
  at: number;
  entities: ClaimedEntity[];
  relations: ClaimedRelation[];
}

/**
 * The storage port. Implementations: `SqliteTwinStore` (src/store), `MemoryTwinStore` (tests).
 * A promise that resolves means the data would survive a crash of the process.
 */
export interface TwinStore {
  /** Calls `onChangeSet` for each live change set in sequence order. */
  readChangeSets(onChangeSet: (changeSet: ChangeSet) => void): Promise<void>;
  appendChangeSet(changeSet: ChangeSet): Promise<void>;
  /** One change set with its operations: the live log's, or a fork's when `fork` is given. */
  readChangeSet(seq: number, fork?: string): Promise<ChangeSet | undefined>;

  listForks(): Promise<ForkRecord[]>;
  createFork(fork: ForkRecord): Promise<void>;
  /** Deletes the fork and its change sets. */
  deleteFork(id: string): Promise<void>;
  readForkChangeSets(forkId: string, onChangeSet: (changeSet: ChangeSet) => void): Promise<void>;
  appendForkChangeSet(changeSet: ChangeSet & { fork: string }): Promise<void>;

  /** Latest metric values (last write wins per entity and metric). */
  saveMetrics(metrics: readonly StoredMetric[]): Promise<void>;
  readMetrics(onMetric: (metric: StoredMetric) => void): Promise<void>;

  /** Rollup buckets; writing a bucket again (after a replay) replaces it. */
  saveRollups(rollups: readonly StoredRollup[]): Promise<void>;
  readRollups(query: RollupQuery): Promise<StoredRollup[]>;
  /** The same as saveRollups, in columns; the typed arrays may be transferred (left empty). */
  saveRollupColumns(batch: RollupColumns): Promise<void>;

  createToken(token: TokenRecord): Promise<void>;
  listTokens(): Promise<TokenRecord[]>;
  revokeToken(id: string, at: number): Promise<void>;

  /** Inserts or replaces alerts by id. */
  saveAlerts(alerts: readonly AlertRecord[]): Promise<void>;
  /** Every stored alert, oldest first (by first seen, then by when it was first written). */
  listAlerts(): Promise<AlertRecord[]>;

  /** Kinds users defined (from DTDL), replaced by kind name. */
  saveKinds(kinds: readonly KindSpec[]): Promise<void>;
  listKinds(): Promise<KindSpec[]>;
  deleteKind(kind: string): Promise<void>;

  /** Replaces the source's claims. */
  saveSourceClaims(claims: SourceClaims): Promise<void>;
  listSourceClaims(): Promise<SourceClaims[]>;

  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(options: { since?: number; limit?: number }): Promise<AuditEntry[]>;

  close(): Promise<void>;
}
