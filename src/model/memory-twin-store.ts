import type { AlertRecord } from './alert.js';
import type { ChangeSet } from './change-set.js';
import { ConflictError, InputError, NotFoundError } from './errors.js';
import { findNonFiniteNumber } from './json-value.js';
import type { KindSpec } from './kind-catalog.js';
import { rollupRows } from './rollup-columns.js';
import type {
  AuditEntry,
  ForkRecord,
  RollupColumns,
  RollupQuery,
  SourceClaims,
  StoredMetric,
  StoredRollup,
  TokenRecord,
  TwinStore,
} from './twin-store.js';

interface ForkLog {
  record: ForkRecord;
  changeSets: ChangeSet[];
}

/**
 * The storage port held in memory, for tests. Values are copied on the way in and out, so a caller
 * that mutates what it wrote or read cannot change the stored data, just as with a database.
 *
 * `close()` keeps the data: an instance stands for a database file, so a test can close a twin
 * and open a new one on the same store to check what a restart restores.
 */
export class MemoryTwinStore implements TwinStore {
  readonly #changeSets: ChangeSet[] = [];
  readonly #forks = new Map<string, ForkLog>();
  readonly #metrics = new Map<string, Map<string, StoredMetric>>();
  readonly #rollups = new Map<string, StoredRollup>();
  readonly #rollupNames = new Map<number, [string, string]>();
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #audit: AuditEntry[] = [];
  readonly #alerts = new Map<string, AlertRecord>();
  readonly #kinds = new Map<string, KindSpec>();
  readonly #claims = new Map<string, SourceClaims>();

  async readChangeSets(onChangeSet: (changeSet: ChangeSet) => void): Promise<void> {
    for (const changeSet of this.#changeSets) onChangeSet(structuredClone(changeSet));
  }

  async appendChangeSet(changeSet: ChangeSet): Promise<void> {
    if (changeSet.fork !== undefined) {
      throw new InputError(
        `change set ${changeSet.seq} belongs to fork '${changeSet.fork}', not the live log`,
      );
    }
    checkNextSeq(changeSet.seq, this.#changeSets.length, 'the live log');
    checkOperations(changeSet);
    this.#changeSets.push(structuredClone(changeSet));
  }

  async readChangeSet(seq: number, fork?: string): Promise<ChangeSet | undefined> {
    const log = fork === undefined ? this.#changeSets : this.#forks.get(fork)?.changeSets;
    const changeSet = log?.[seq - 1];
    return changeSet && changeSet.seq === seq ? structuredClone(changeSet) : undefined;
  }

  async listForks(): Promise<ForkRecord[]> {
    return [...this.#forks.values()].map((fork) => structuredClone(fork.record));
  }

  async createFork(fork: ForkRecord): Promise<void> {
    if (this.#forks.has(fork.id)) throw new ConflictError(`fork '${fork.id}' already exists`);
    this.#forks.set(fork.id, { record: structuredClone(fork), changeSets: [] });
  }

  async deleteFork(id: string): Promise<void> {
    if (!this.#forks.delete(id)) throw new NotFoundError(`no fork '${id}'`);
  }

  async readForkChangeSets(forkId: string, onChangeSet: (changeSet: ChangeSet) => void): Promise<void> {
    for (const changeSet of this.#forkLog(forkId).changeSets) onChangeSet(structuredClone(changeSet));
  }

  async appendForkChangeSet(changeSet: ChangeSet & { fork: string }): Promise<void> {
    const log = this.#forkLog(changeSet.fork);
    checkNextSeq(changeSet.seq, log.changeSets.length, `fork '${changeSet.fork}'`);
    checkOperations(changeSet);
    log.changeSets.push(structuredClone(changeSet));
  }

  async saveMetrics(metrics: readonly StoredMetric[]): Promise<void> {
    // Checked before any write: a batch is stored whole or not at all.
    for (const metric of metrics) checkMetricValue(metric);
    for (const metric of metrics) {
      const byName = this.#metrics.get(metric.entityId) ?? new Map<string, StoredMetric>();
      byName.set(metric.metric, structuredClone(metric));
      this.#metrics.set(metric.entityId, byName);
    }
  }

  async readMetrics(onMetric: (metric: StoredMetric) => void): Promise<void> {
    for (const byName of this.#metrics.values()) {
      for (const metric of byName.values()) onMetric(structuredClone(metric));
    }
  }

  async saveRollups(rollups: readonly StoredRollup[]): Promise<void> {
    for (const rollup of rollups) {
      this.#rollups.set(
        `${rollup.entityId}\u0000${rollup.series}\u0000${rollup.resolution}\u0000${rollup.start}`,
        { ...rollup },
      );
    }
  }

  async saveRollupColumns(batch: RollupColumns): Promise<void> {
    await this.saveRollups(rollupRows(batch, this.#rollupNames));
  }

  async readRollups(query: RollupQuery): Promise<StoredRollup[]> {
    return [...this.#rollups.values()]
      .filter(
        (rollup) =>
          rollup.entityId === query.entityId &&
          rollup.series === query.series &&
          rollup.resolution === query.resolution &&
          rollup.start >= query.start &&
          rollup.start < query.end,
      )
      .sort((a, b) => a.start - b.start)
      .map((rollup) => ({ ...rollup }));
  }

  async createToken(token: TokenRecord): Promise<void> {
    if (this.#tokens.has(token.id)) throw new ConflictError(`token '${token.id}' already exists`);
    for (const existing of this.#tokens.values()) {
      if (existing.secretHash === token.secretHash)
        throw new ConflictError('a token with this secret already exists');
    }
    this.#tokens.set(token.id, structuredClone(token));
  }

  async listTokens(): Promise<TokenRecord[]> {
    return [...this.#tokens.values()].map((token) => structuredClone(token));
  }

  async revokeToken(id: string, at: number): Promise<void> {
    const token = this.#tokens.get(id);
    if (!token) throw new NotFoundError(`no token '${id}'`);
    // The first revocation is the fact; repeating it must not move the time.
    if (token.revokedAt === undefined) this.#tokens.set(id, { ...token, revokedAt: at });
  }

  async saveAlerts(alerts: readonly AlertRecord[]): Promise<void> {
    for (const alert of alerts) {
      const bad = findNonFiniteNumber(alert, 'alert');
      if (bad !== undefined)
        throw new InputError(`alert '${alert.id}' holds a number JSON cannot hold at ${bad}`);
    }
    for (const alert of alerts) this.#alerts.set(alert.id, structuredClone(alert));
  }

  async listAlerts(): Promise<AlertRecord[]> {
    return [...this.#alerts.values()]
      .sort((a, b) => a.firstSeenMs - b.firstSeenMs)
      .map((alert) => structuredClone(alert));
  }

  async saveKinds(kinds: readonly KindSpec[]): Promise<void> {
    for (const spec of kinds) this.#kinds.set(spec.kind, structuredClone(spec));
  }

  async listKinds(): Promise<KindSpec[]> {
    return [...this.#kinds.values()].map((spec) => structuredClone(spec));
  }

  async deleteKind(kind: string): Promise<void> {
    this.#kinds.delete(kind);
  }

  async saveSourceClaims(claims: SourceClaims): Promise<void> {
    this.#claims.set(claims.source, structuredClone(claims));
  }

  async listSourceClaims(): Promise<SourceClaims[]> {
    return [...this.#claims.values()].map((claims) => structuredClone(claims));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.#audit.push(structuredClone(entry));
  }

  /** Newest first (by time, then by append): entries at or after `since`, at most `limit` of them. */
  async listAudit(options: { since?: number; limit?: number }): Promise<AuditEntry[]> {
    const limit = checkLimit(options.limit);
    const { since } = options;
    return this.#audit
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => since === undefined || entry.ts >= since)
      .sort((a, b) => b.entry.ts - a.entry.ts || b.index - a.index)
      .slice(0, limit)
      .map(({ entry }) => structuredClone(entry));
  }

  async close(): Promise<void> {}

  #forkLog(id: string): ForkLog {
    const log = this.#forks.get(id);
    if (!log) throw new NotFoundError(`no fork '${id}'`);
    return log;
  }
}

function checkNextSeq(seq: number, lastSeq: number, log: string): void {
  if (seq !== lastSeq + 1) {
    throw new ConflictError(
      `${log} expects change set ${lastSeq + 1} next, not ${seq}: the log must have no gaps`,
    );
  }
}

/**
 * A database store keeps operations as JSON, where Infinity and NaN become null: a change set
 * holding one would be acknowledged and then fail to replay. Both stores refuse it up front.
 */
function checkOperations(changeSet: ChangeSet): void {
  changeSet.ops.forEach((op, index) => {
    const where = findNonFiniteNumber(op, `ops[${index}]`);
    if (where !== undefined) {
      throw new InputError(`change set ${changeSet.seq} holds a number JSON cannot represent`, [
        { field: where, message: 'must be a finite number' },
      ]);
    }
  });
}

function checkMetricValue(metric: StoredMetric): void {
  // SQL stores NaN as NULL; refusing it here keeps the two stores alike.
  if (Number.isNaN(metric.value)) {
    throw new InputError(`metric ${metric.metric} of ${metric.entityId} is not a number`, [
      { field: 'value', message: 'must be a number' },
    ]);
  }
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new InputError(`audit limit ${limit} is not a count`, [
      { field: 'limit', message: 'must be a non-negative integer' },
    ]);
  }
  return limit;
}
