import Database from 'better-sqlite3';
import {
  type AlertRecord,
  type AuditEntry,
  type ChangeSet,
  ConflictError,
  type ForkRecord,
  findNonFiniteNumber,
  InputError,
  isFiniteJson,
  type KindSpec,
  NotFoundError,
  type Operation,
  type Origin,
  type Role,
  type RollupColumns,
  type RollupQuery,
  rollupRows,
  type SourceClaims,
  type StoredMetric,
  type StoredRollup,
  type TokenRecord,
  type TwinStore,
} from '../model/index.js';
import { type RollupBatch, RollupWriter } from './rollup-writer.js';

export interface SqliteTwinStoreOptions {
  /** Opens an existing, migrated file for reading only (e.g. while a server owns it). */
  readonly?: boolean;
}

interface Migration {
  version: number;
  sql: string;
}

/**
 * Forward-only: a released migration is never edited, a change is a new version. Each runs in
 * one transaction together with its row in `schema_version`.
 */
const migrations: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE change_sets (
        seq INTEGER PRIMARY KEY,
        ts INTEGER NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT NOT NULL,
        source TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('declared', 'observed', 'predicted')),
        op_count INTEGER NOT NULL
      );
      -- Operations in chunks of up to 2,048, each a JSON array: an import can hold millions of
      -- operations, and a row per operation costs more in inserts than the JSON itself. Clustered
      -- on the key, so replay reads the table in order without an index lookup per row.
      CREATE TABLE change_ops (
        seq INTEGER NOT NULL REFERENCES change_sets (seq),
        chunk INTEGER NOT NULL,
        ops TEXT NOT NULL,
        PRIMARY KEY (seq, chunk)
      ) WITHOUT ROWID;

      -- No foreign key on parent: a child fork holds its own copy of the parent's changes
      -- (ADR 3), so the parent may be deleted first.
      CREATE TABLE forks (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        parent TEXT,
        base_seq INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        description TEXT
      );
      CREATE TABLE fork_change_sets (
        fork TEXT NOT NULL REFERENCES forks (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        ts INTEGER NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT NOT NULL,
        source TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('declared', 'observed', 'predicted')),
        op_count INTEGER NOT NULL,
        PRIMARY KEY (fork, seq)
      ) WITHOUT ROWID;
      CREATE TABLE fork_change_ops (
        fork TEXT NOT NULL,
        seq INTEGER NOT NULL,
        chunk INTEGER NOT NULL,
        ops TEXT NOT NULL,
        PRIMARY KEY (fork, seq, chunk),
        FOREIGN KEY (fork, seq) REFERENCES fork_change_sets (fork, seq) ON DELETE CASCADE
      ) WITHOUT ROWID;

      CREATE TABLE metrics (
        entity_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        value REAL NOT NULL,
        ts INTEGER NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('declared', 'observed', 'predicted')),
        source TEXT NOT NULL,
        PRIMARY KEY (entity_id, metric)
      ) WITHOUT ROWID;

      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        secret_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );

      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        ts INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT
      );
      CREATE INDEX audit_ts ON audit (ts);
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE series (
        id INTEGER PRIMARY KEY,
        entity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (entity_id, name)
      );

      -- Keyed by a small integer: a minute of 100,000 series is 100,000 rows, and text keys
      -- cost three times as much to insert.
      CREATE TABLE rollups (
        series_id INTEGER NOT NULL REFERENCES series (id),
        resolution_ms INTEGER NOT NULL CHECK (resolution_ms IN (60000, 3600000)),
        start INTEGER NOT NULL,
        min REAL NOT NULL,
        max REAL NOT NULL,
        sum REAL NOT NULL,
        count INTEGER NOT NULL,
        last REAL NOT NULL,
        PRIMARY KEY (series_id, resolution_ms, start)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    sql: `
      -- An alert is read and written whole; the columns beside its JSON are for filters.
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX alerts_by_status ON alerts (status, first_seen);
    `,
  },
  {
    version: 4,
    // The ingest role: SQLite cannot change a CHECK constraint, so the table is rebuilt.
    sql: `
      CREATE TABLE tokens_v4 (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin', 'ingest')),
        secret_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      INSERT INTO tokens_v4 SELECT id, name, role, secret_hash, created_at, revoked_at FROM tokens ORDER BY rowid;
      DROP TABLE tokens;
      ALTER TABLE tokens_v4 RENAME TO tokens;
    `,
  },
  {
    version: 5,
    // User-defined kinds (DTDL) and what each inventory source last claimed (drift): both read
    // and written whole, as JSON.
    sql: `
      CREATE TABLE kinds (
        kind TEXT PRIMARY KEY,
        spec TEXT NOT NULL
      );
      CREATE TABLE source_claims (
        source TEXT PRIMARY KEY,
        origin TEXT NOT NULL,
        at INTEGER NOT NULL,
        body TEXT NOT NULL
      );
    `,
  },
  {
    version: 6,
    // Rollups keyed by time first: a minute's rows for every series are appended at the end of
    // the tree, a few dozen rows to a page. Keyed by series first, each row landed on its own
    // series' page: a page written to the WAL per row, gigabytes of WAL a minute at a million
    // samples a second (ADR 19). A series' range is read by one lookup per bucket.
    sql: `
      CREATE TABLE rollups_v6 (
        resolution_ms INTEGER NOT NULL CHECK (resolution_ms IN (60000, 3600000)),
        start INTEGER NOT NULL CHECK (start % resolution_ms = 0),
        series_id INTEGER NOT NULL REFERENCES series (id),
        min REAL NOT NULL,
        max REAL NOT NULL,
        sum REAL NOT NULL,
        count INTEGER NOT NULL,
        last REAL NOT NULL,
        PRIMARY KEY (resolution_ms, start, series_id)
      ) WITHOUT ROWID;
      INSERT OR REPLACE INTO rollups_v6 (resolution_ms, start, series_id, min, max, sum, count, last)
        SELECT resolution_ms, start - start % resolution_ms, series_id, min, max, sum, count, last
        FROM rollups ORDER BY resolution_ms, start, series_id;
      DROP TABLE rollups;
      ALTER TABLE rollups_v6 RENAME TO rollups;
    `,
  },
];

const latestVersion = migrations.reduce((latest, migration) => Math.max(latest, migration.version), 0);

const resolutionMs = { '1m': 60_000, '1h': 3_600_000 } as const;

interface RollupRow {
  series_id: number;
  resolution_ms: number;
  start: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
}

interface ChangeSetRow {
  seq: number;
  ts: number;
  actor: string;
  reason: string;
  source: string;
  origin: Origin;
  op_count: number;
}

interface ForkRow {
  id: string;
  name: string;
  parent: string | null;
  base_seq: number;
  created_at: number;
  created_by: string;
  description: string | null;
}

interface MetricRow {
  entity_id: string;
  metric: string;
  value: number;
  ts: number;
  origin: Origin;
  source: string;
}

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  secret_hash: string;
  created_at: number;
  revoked_at: number | null;
}

interface AuditRow {
  ts: number;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
}

/** `[seq, JSON array of operations]`, read in raw mode: no object per row on a long scan. */
type OpRow = [number, string];

/** Operations per stored chunk. */
const opsPerChunk = 2_048;

const changeSetColumns = 'seq, ts, actor, reason, source, origin, op_count';

function prepareStatements(db: Database.Database) {
  return {
    lastSeq: db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM change_sets').pluck(),
    insertChangeSet: db.prepare<[number, number, string, string, string, Origin, number]>(
      `INSERT INTO change_sets (${changeSetColumns}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertOps: db.prepare<[number, number, string]>(
      'INSERT INTO change_ops (seq, chunk, ops) VALUES (?, ?, ?)',
    ),
    changeSets: db.prepare<[], ChangeSetRow>(`SELECT ${changeSetColumns} FROM change_sets ORDER BY seq`),
    ops: db.prepare<[], OpRow>('SELECT seq, ops FROM change_ops ORDER BY seq, chunk').raw(),
    changeSet: db.prepare<[number], ChangeSetRow>(
      `SELECT ${changeSetColumns} FROM change_sets WHERE seq = ?`,
    ),
    opsOf: db.prepare<[number], string>('SELECT ops FROM change_ops WHERE seq = ? ORDER BY chunk').pluck(),

    forks: db.prepare<[], ForkRow>('SELECT * FROM forks ORDER BY rowid'),
    forkExists: db.prepare<[string], number>('SELECT 1 FROM forks WHERE id = ?').pluck(),
    insertFork: db.prepare<[string, string, string | null, number, number, string, string | null]>(
      `INSERT INTO forks (id, name, parent, base_seq, created_at, created_by, description)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteFork: db.prepare<[string]>('DELETE FROM forks WHERE id = ?'),
    forkLastSeq: db
      .prepare<[string], number>('SELECT coalesce(max(seq), 0) FROM fork_change_sets WHERE fork = ?')
      .pluck(),
    insertForkChangeSet: db.prepare<[string, number, number, string, string, string, Origin, number]>(
      `INSERT INTO fork_change_sets (fork, ${changeSetColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertForkOps: db.prepare<[string, number, number, string]>(
      'INSERT INTO fork_change_ops (fork, seq, chunk, ops) VALUES (?, ?, ?, ?)',
    ),
    forkChangeSets: db.prepare<[string], ChangeSetRow>(
      `SELECT ${changeSetColumns} FROM fork_change_sets WHERE fork = ? ORDER BY seq`,
    ),
    forkOps: db
      .prepare<[string], OpRow>('SELECT seq, ops FROM fork_change_ops WHERE fork = ? ORDER BY seq, chunk')
      .raw(),
    forkChangeSet: db.prepare<[string, number], ChangeSetRow>(
      `SELECT ${changeSetColumns} FROM fork_change_sets WHERE fork = ? AND seq = ?`,
    ),
    forkOpsOf: db
      .prepare<[string, number], string>(
        'SELECT ops FROM fork_change_ops WHERE fork = ? AND seq = ? ORDER BY chunk',
      )
      .pluck(),

    upsertMetric: db.prepare<[string, string, number, number, Origin, string]>(
      `INSERT INTO metrics (entity_id, metric, value, ts, origin, source) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (entity_id, metric) DO UPDATE SET
         value = excluded.value, ts = excluded.ts, origin = excluded.origin, source = excluded.source`,
    ),
    metrics: db.prepare<[], MetricRow>('SELECT * FROM metrics'),

    insertToken: db.prepare<[string, string, Role, string, number, number | null]>(
      'INSERT INTO tokens (id, name, role, secret_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    tokens: db.prepare<[], TokenRow>('SELECT * FROM tokens ORDER BY rowid'),
    tokenExists: db.prepare<[string], number>('SELECT 1 FROM tokens WHERE id = ?').pluck(),
    // Only the first revocation counts: repeating it must not move the recorded time.
    revokeToken: db.prepare<[number, string]>(
      'UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    ),

    insertAudit: db.prepare<[number, string, string, string | null, string | null]>(
      'INSERT INTO audit (ts, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)',
    ),
    // -1 is SQLite's "no limit"; -Infinity as `since` keeps one statement for both cases.
    audit: db.prepare<[number, number], AuditRow>(
      'SELECT ts, actor, action, target, detail FROM audit WHERE ts >= ? ORDER BY ts DESC, id DESC LIMIT ?',
    ),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/**
 * The storage port on one SQLite file (WAL). Change sets, forks, tokens and audit entries are
 * committed with `synchronous = FULL`: once a promise resolves, the write survives `kill -9` and
 * power loss. Metric state is telemetry, flushed every few seconds: it is committed without the
 * fsync, and the next durable commit or checkpoint syncs it.
 *
 * The port is asynchronous for a future PostgreSQL store; this one does its work synchronously,
 * so one call runs to completion before the next starts.
 */
export class SqliteTwinStore implements TwinStore {
  readonly #db: Database.Database;
  readonly #statements: Statements;
  readonly #appendLive: (changeSet: ChangeSet) => void;
  readonly #appendFork: (changeSet: ChangeSet & { fork: string }) => void;
  readonly #saveMetrics: (metrics: readonly StoredMetric[]) => void;
  readonly #saveRollups: (rollups: readonly StoredRollup[]) => void;
  readonly #saveAlerts: (alerts: readonly AlertRecord[]) => void;
  readonly #seriesIds = new Map<string, Map<string, number>>();
  #nextSeriesId: number;
  #seriesIdsLoaded = false;
  /** Callers' series keys (saveRollupColumns) → database ids, for this process's lifetime. */
  readonly #idByKey = new Map<number, number>();
  readonly #rollupNames = new Map<number, [string, string]>();
  readonly #rollupWriter: RollupWriter | undefined;
  #checkpointTimer: NodeJS.Timeout | undefined;

  private constructor(db: Database.Database, readonly: boolean) {
    this.#db = db;
    const statements = prepareStatements(db);
    this.#statements = statements;
    this.#nextSeriesId =
      (db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM series').pluck().get() ?? 0) + 1;
    this.#rollupWriter = readonly || db.memory ? undefined : new RollupWriter(db.name);

    this.#appendLive = db.transaction((changeSet: ChangeSet) => {
      checkNextSeq(changeSet.seq, statements.lastSeq.get() ?? 0, 'the live log');
      const { seq, ts, actor, reason, source, origin, ops } = changeSet;
      statements.insertChangeSet.run(seq, ts, actor, reason, source, origin, ops.length);
      for (let chunk = 0; chunk * opsPerChunk < ops.length; chunk++) {
        statements.insertOps.run(seq, chunk, chunkJson(ops, chunk));
      }
    }).immediate;

    this.#appendFork = db.transaction((changeSet: ChangeSet & { fork: string }) => {
      const { fork, seq, ts, actor, reason, source, origin, ops } = changeSet;
      if (statements.forkExists.get(fork) === undefined) throw new NotFoundError(`no fork '${fork}'`);
      checkNextSeq(seq, statements.forkLastSeq.get(fork) ?? 0, `fork '${fork}'`);
      statements.insertForkChangeSet.run(fork, seq, ts, actor, reason, source, origin, ops.length);
      for (let chunk = 0; chunk * opsPerChunk < ops.length; chunk++) {
        statements.insertForkOps.run(fork, seq, chunk, chunkJson(ops, chunk));
      }
    }).immediate;

    this.#saveMetrics = db.transaction((metrics: readonly StoredMetric[]) => {
      for (const { entityId, metric, value, ts, origin, source } of metrics) {
        statements.upsertMetric.run(entityId, metric, value, ts, origin, source);
      }
    }).immediate;

    const upsertAlert = db.prepare(
      `INSERT INTO alerts (id, key, kind, status, entity_id, first_seen, body) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body`,
    );
    this.#saveAlerts = db.transaction((alerts: readonly AlertRecord[]) => {
      for (const a of alerts)
        upsertAlert.run(a.id, a.key, a.kind, a.status, a.entityId, a.firstSeenMs, JSON.stringify(a));
    }).immediate;

    const upsertRollup = db.prepare(
      'INSERT OR REPLACE INTO rollups (series_id, resolution_ms, start, min, max, sum, count, last) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#saveRollups = db.transaction((rollups: readonly StoredRollup[]) => {
      for (const r of rollups) {
        const id = this.#seriesId(r.entityId, r.series, true) as number;
        upsertRollup.run(id, resolutionMs[r.resolution], r.start, r.min, r.max, r.sum, r.count, r.last);
      }
    }).immediate;
  }

  /** Opens (and creates or migrates, unless read-only) the database file at `path`. */
  static open(path: string, options: SqliteTwinStoreOptions = {}): SqliteTwinStore {
    const readonly = options.readonly === true;
    const db = new Database(path, { readonly, fileMustExist: readonly });
    try {
      configure(db, readonly);
      if (readonly) checkSchemaVersion(db);
      else migrate(db);
      return new SqliteTwinStore(db, readonly);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** The schema version of the open file. */
  get schemaVersion(): number {
    return readSchemaVersion(this.#db);
  }

  async readChangeSets(onChangeSet: (changeSet: ChangeSet) => void): Promise<void> {
    const statements = this.#statements;
    // One read transaction: both scans see the same snapshot even while another process appends.
    this.#db
      .transaction(() => {
        readLog(statements.changeSets.iterate(), statements.ops.iterate(), undefined, onChangeSet);
      })
      .deferred();
  }

  async appendChangeSet(changeSet: ChangeSet): Promise<void> {
    if (changeSet.fork !== undefined) {
      throw new InputError(
        `change set ${changeSet.seq} belongs to fork '${changeSet.fork}', not the live log`,
      );
    }
    checkOperations(changeSet);
    this.#appendLive(changeSet);
    this.#scheduleCheckpoint();
  }

  async readChangeSet(seq: number, fork?: string): Promise<ChangeSet | undefined> {
    const statements = this.#statements;
    const row = fork === undefined ? statements.changeSet.get(seq) : statements.forkChangeSet.get(fork, seq);
    if (!row) return undefined;
    const chunks = fork === undefined ? statements.opsOf.all(seq) : statements.forkOpsOf.all(fork, seq);
    const ops: Operation[] = [];
    for (const chunk of chunks) appendChunk(ops, chunk);
    return toChangeSet(row, fork, ops);
  }

  async listForks(): Promise<ForkRecord[]> {
    return this.#statements.forks.all().map(toForkRecord);
  }

  async createFork(fork: ForkRecord): Promise<void> {
    const { id, name, parent, baseSeq, createdAt, createdBy, description } = fork;
    try {
      this.#statements.insertFork.run(
        id,
        name,
        parent ?? null,
        baseSeq,
        createdAt,
        createdBy,
        description ?? null,
      );
    } catch (error) {
      if (isConstraint(error, 'SQLITE_CONSTRAINT_PRIMARYKEY'))
        throw new ConflictError(`fork '${id}' already exists`);
      throw error;
    }
  }

  async deleteFork(id: string): Promise<void> {
    if (this.#statements.deleteFork.run(id).changes === 0) throw new NotFoundError(`no fork '${id}'`);
  }

  async readForkChangeSets(forkId: string, onChangeSet: (changeSet: ChangeSet) => void): Promise<void> {
    const statements = this.#statements;
    // One read transaction, so the fork cannot be deleted between the check and the scan.
    this.#db
      .transaction(() => {
        if (statements.forkExists.get(forkId) === undefined) throw new NotFoundError(`no fork '${forkId}'`);
        readLog(
          statements.forkChangeSets.iterate(forkId),
          statements.forkOps.iterate(forkId),
          forkId,
          onChangeSet,
        );
      })
      .deferred();
  }

  async appendForkChangeSet(changeSet: ChangeSet & { fork: string }): Promise<void> {
    checkOperations(changeSet);
    this.#appendFork(changeSet);
    this.#scheduleCheckpoint();
  }

  async saveMetrics(metrics: readonly StoredMetric[]): Promise<void> {
    for (const metric of metrics) checkMetricValue(metric);
    if (this.#rollupWriter) {
      // Telemetry is written off the main thread: a write there would wait (synchronously) for
      // the writer thread's transaction to end.
      await this.#rollupWriter.writeMetrics(metrics);
      return;
    }
    // Cannot change inside a transaction, so it is switched around it. In WAL mode a later FULL
    // commit or a checkpoint syncs these frames too; nothing committed earlier is put at risk.
    this.#db.pragma('synchronous = NORMAL');
    try {
      this.#saveMetrics(metrics);
    } finally {
      this.#db.pragma('synchronous = FULL');
    }
    this.#scheduleCheckpoint();
  }

  async readMetrics(onMetric: (metric: StoredMetric) => void): Promise<void> {
    for (const row of this.#statements.metrics.iterate()) {
      onMetric({
        entityId: row.entity_id,
        metric: row.metric,
        value: row.value,
        ts: row.ts,
        origin: row.origin,
        source: row.source,
      });
    }
  }

  /** The integer id of a series, created when `create`; cached, as ids never change. */
  #seriesId(entityId: string, name: string, create: boolean): number | undefined {
    let byName = this.#seriesIds.get(entityId);
    const cached = byName?.get(name);
    if (cached !== undefined) return cached;
    const found = this.#lookupSeriesId(entityId, name);
    if (found === undefined && !create) return undefined;
    const id = found ?? this.#nextSeriesId++;
    if (found === undefined) {
      this.#db.prepare('INSERT INTO series (id, entity_id, name) VALUES (?, ?, ?)').run(id, entityId, name);
    }
    if (!byName) {
      byName = new Map();
      this.#seriesIds.set(entityId, byName);
    }
    byName.set(name, id);
    return id;
  }

  /** Fills the id cache with every stored series, once, before the first batch of rollups. */
  #loadSeriesIds(): void {
    if (this.#seriesIdsLoaded) return;
    this.#seriesIdsLoaded = true;
    const rows = this.#db.prepare<[], { id: number; entity_id: string; name: string }>(
      'SELECT id, entity_id, name FROM series',
    );
    for (const row of rows.iterate()) {
      let byName = this.#seriesIds.get(row.entity_id);
      if (!byName) {
        byName = new Map();
        this.#seriesIds.set(row.entity_id, byName);
      }
      byName.set(row.name, row.id);
    }
  }

  #lookupSeriesId(entityId: string, name: string): number | undefined {
    return this.#db
      .prepare<[string, string], number>('SELECT id FROM series WHERE entity_id = ? AND name = ?')
      .pluck()
      .get(entityId, name);
  }

  async saveRollups(rollups: readonly StoredRollup[]): Promise<void> {
    if (rollups.length === 0) return;
    if (!this.#rollupWriter) {
      // An in-memory database has no second connection: written here, as one transaction.
      this.#saveRollups(rollups);
      return;
    }
    await this.#rollupWriter.write(this.#rollupBatch(rollups));
  }

  /** Rows as columns for the writer; series get their ids here, so the writer never looks them up. */
  #rollupBatch(rollups: readonly StoredRollup[]): RollupBatch {
    this.#loadSeriesIds();
    const n = rollups.length;
    const batch: RollupBatch = {
      newSeries: [],
      seriesId: new Int32Array(n),
      resolutionMs: new Int32Array(n),
      start: new Float64Array(n),
      min: new Float64Array(n),
      max: new Float64Array(n),
      sum: new Float64Array(n),
      count: new Float64Array(n),
      last: new Float64Array(n),
    };
    for (let i = 0; i < n; i++) {
      const r = rollups[i] as StoredRollup;
      // Two lookups with the caller's own strings (their hashes are cached) rather than one with
      // a concatenated key made anew for every row.
      let byName = this.#seriesIds.get(r.entityId);
      if (!byName) {
        byName = new Map();
        this.#seriesIds.set(r.entityId, byName);
      }
      let id = byName.get(r.series);
      if (id === undefined) {
        // The cache holds every stored series (see #loadSeriesIds): a miss is a new series.
        id = this.#nextSeriesId++;
        byName.set(r.series, id);
        batch.newSeries.push([id, r.entityId, r.series]);
      }
      batch.seriesId[i] = id;
      batch.resolutionMs[i] = resolutionMs[r.resolution];
      batch.start[i] = r.start;
      batch.min[i] = r.min;
      batch.max[i] = r.max;
      batch.sum[i] = r.sum;
      batch.count[i] = r.count;
      batch.last[i] = r.last;
    }
    return batch;
  }

  async saveRollupColumns(batch: RollupColumns): Promise<void> {
    if (batch.length === 0 && batch.newSeries.length === 0) return;
    if (!this.#rollupWriter) {
      this.#saveRollups(rollupRows(batch, this.#rollupNames));
      return;
    }
    this.#loadSeriesIds();
    const newSeries: RollupBatch['newSeries'] = [];
    for (const [key, entityId, name] of batch.newSeries) {
      let byName = this.#seriesIds.get(entityId);
      if (!byName) {
        byName = new Map();
        this.#seriesIds.set(entityId, byName);
      }
      let id = byName.get(name);
      if (id === undefined) {
        id = this.#nextSeriesId++;
        byName.set(name, id);
        newSeries.push([id, entityId, name]);
      }
      this.#idByKey.set(key, id);
    }
    // The caller's keys become database ids in place: no object per bucket on this thread.
    const ids = batch.key.subarray(0, batch.length);
    for (let i = 0; i < ids.length; i++) {
      const id = this.#idByKey.get(ids[i] as number);
      if (id === undefined) throw new Error(`rollup batch names series key ${ids[i]} it never announced`);
      ids[i] = id;
    }
    const n = batch.length;
    await this.#rollupWriter.write({
      newSeries,
      seriesId: ids.slice(),
      resolutionMs: batch.resolutionMs.slice(0, n),
      start: batch.start.slice(0, n),
      min: batch.min.slice(0, n),
      max: batch.max.slice(0, n),
      sum: batch.sum.slice(0, n),
      count: batch.count.slice(0, n),
      last: batch.last.slice(0, n),
    });
  }

  async readRollups(query: RollupQuery): Promise<StoredRollup[]> {
    const id = this.#seriesId(query.entityId, query.series, false);
    if (id === undefined) return [];
    const step = resolutionMs[query.resolution];
    const span = this.#db
      .prepare<[number], { first: number | null; last: number | null }>(
        'SELECT min(start) AS first, max(start) AS last FROM rollups WHERE resolution_ms = ?',
      )
      .get(step);
    if (span?.first == null || span.last == null) return [];
    // Buckets are aligned to their resolution: look each one up, from the first stored or asked for.
    const from = Math.max(Math.ceil(query.start / step) * step, span.first);
    const to = Math.min(query.end, span.last + step);
    if (from >= to) return [];
    const rows = this.#db
      .prepare<[{ id: number; step: number; from: number; to: number }], RollupRow>(
        `WITH RECURSIVE bucket (start) AS (SELECT @from UNION ALL SELECT start + @step FROM bucket WHERE start + @step < @to)
         SELECT rollups.* FROM bucket CROSS JOIN rollups
           ON rollups.resolution_ms = @step AND rollups.start = bucket.start AND rollups.series_id = @id
         ORDER BY rollups.start`,
      )
      .all({ id, step, from, to });
    return rows.map((row) => ({
      entityId: query.entityId,
      series: query.series,
      resolution: query.resolution,
      start: row.start,
      min: row.min,
      max: row.max,
      sum: row.sum,
      count: row.count,
      last: row.last,
    }));
  }

  async createToken(token: TokenRecord): Promise<void> {
    const { id, name, role, secretHash, createdAt, revokedAt } = token;
    try {
      this.#statements.insertToken.run(id, name, role, secretHash, createdAt, revokedAt ?? null);
    } catch (error) {
      if (isConstraint(error, 'SQLITE_CONSTRAINT_PRIMARYKEY'))
        throw new ConflictError(`token '${id}' already exists`);
      if (isConstraint(error, 'SQLITE_CONSTRAINT_UNIQUE')) {
        throw new ConflictError('a token with this secret already exists');
      }
      throw error;
    }
  }

  async listTokens(): Promise<TokenRecord[]> {
    return this.#statements.tokens.all().map(toTokenRecord);
  }

  async revokeToken(id: string, at: number): Promise<void> {
    const statements = this.#statements;
    this.#db
      .transaction(() => {
        if (statements.revokeToken.run(at, id).changes > 0) return;
        if (statements.tokenExists.get(id) === undefined) throw new NotFoundError(`no token '${id}'`);
      })
      .immediate();
  }

  async saveAlerts(alerts: readonly AlertRecord[]): Promise<void> {
    for (const alert of alerts) {
      const bad = findNonFiniteNumber(alert, 'alert');
      if (bad !== undefined)
        throw new InputError(`alert '${alert.id}' holds a number JSON cannot hold at ${bad}`);
    }
    this.#saveAlerts(alerts);
  }

  async listAlerts(): Promise<AlertRecord[]> {
    return this.#db
      .prepare<[], string>('SELECT body FROM alerts ORDER BY first_seen, rowid')
      .pluck()
      .all()
      .map((body) => JSON.parse(body) as AlertRecord);
  }

  async saveKinds(kinds: readonly KindSpec[]): Promise<void> {
    const upsert = this.#db.prepare<[string, string]>(
      'INSERT INTO kinds (kind, spec) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET spec = excluded.spec',
    );
    this.#db.transaction(() => {
      for (const spec of kinds) upsert.run(spec.kind, JSON.stringify(spec));
    })();
  }

  async listKinds(): Promise<KindSpec[]> {
    return this.#db
      .prepare<[], string>('SELECT spec FROM kinds ORDER BY rowid')
      .pluck()
      .all()
      .map((spec) => JSON.parse(spec) as KindSpec);
  }

  async deleteKind(kind: string): Promise<void> {
    this.#db.prepare<[string]>('DELETE FROM kinds WHERE kind = ?').run(kind);
  }

  async saveSourceClaims(claims: SourceClaims): Promise<void> {
    const { source, origin, at, entities, relations } = claims;
    this.#db
      .prepare<[string, string, number, string]>(
        `INSERT INTO source_claims (source, origin, at, body) VALUES (?, ?, ?, ?)
         ON CONFLICT (source) DO UPDATE SET origin = excluded.origin, at = excluded.at, body = excluded.body`,
      )
      .run(source, origin, at, JSON.stringify({ entities, relations }));
  }

  async listSourceClaims(): Promise<SourceClaims[]> {
    const rows = this.#db
      .prepare<[], { source: string; origin: Origin; at: number; body: string }>(
        'SELECT source, origin, at, body FROM source_claims ORDER BY source',
      )
      .all();
    return rows.map(({ source, origin, at, body }) => ({ source, origin, at, ...JSON.parse(body) }));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    const { ts, actor, action, target, detail } = entry;
    this.#statements.insertAudit.run(ts, actor, action, target ?? null, detail ?? null);
  }

  /** Newest first (by time, then by append): entries at or after `since`, at most `limit` of them. */
  async listAudit(options: { since?: number; limit?: number }): Promise<AuditEntry[]> {
    const since = options.since ?? Number.NEGATIVE_INFINITY;
    const rows = this.#statements.audit.all(since, checkLimit(options.limit));
    return rows.map((row) => ({
      ts: row.ts,
      actor: row.actor,
      action: row.action,
      ...(row.target === null ? {} : { target: row.target }),
      ...(row.detail === null ? {} : { detail: row.detail }),
    }));
  }

  /**
   * Copies the write-ahead log into the database file soon after a write, not inside it: with
   * SQLite's automatic checkpoint a million-operation import would copy hundreds of megabytes
   * before it could be acknowledged. The commit itself is already durable in the log.
   */
  #scheduleCheckpoint(): void {
    if (this.#checkpointTimer) return;
    this.#checkpointTimer = setTimeout(() => {
      this.#checkpointTimer = undefined;
      // Copying WAL pages into the file can take a while (rollups write megabytes): where there
      // is a writer thread, it checkpoints, and the main thread never waits on it.
      if (this.#rollupWriter) this.#rollupWriter.checkpoint();
      else if (this.#db.open) this.#db.pragma('wal_checkpoint(PASSIVE)');
    }, 250);
    this.#checkpointTimer.unref();
  }

  async close(): Promise<void> {
    await this.#rollupWriter?.close();
    clearTimeout(this.#checkpointTimer);
    this.#checkpointTimer = undefined;
    if (this.#db.open) this.#db.close();
  }
}

function configure(db: Database.Database, readonly: boolean): void {
  db.pragma('busy_timeout = 5000');
  if (readonly) {
    // A read-only connection cannot switch the mode; a file this store wrote is already WAL.
    const mode = db.pragma('journal_mode', { simple: true });
    if (mode !== 'wal')
      throw new Error(`${db.name} is not a twin database in WAL mode (journal mode ${mode})`);
  } else {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && !db.memory)
      throw new Error(`${db.name} could not switch to WAL mode (got ${mode})`);
    // A million-op import grows the WAL by hundreds of MB; give the space back after checkpoints.
    db.pragma('journal_size_limit = 67108864');
    // Checkpoints are run by the store after writes (see scheduleCheckpoint) and by SQLite on close.
    db.pragma('wal_autocheckpoint = 0');
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

function readSchemaVersion(db: Database.Database): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'")
    .get();
  if (table === undefined) return 0;
  return db.prepare<[], number>('SELECT coalesce(max(version), 0) FROM schema_version').pluck().get() ?? 0;
}

function checkSchemaVersion(db: Database.Database): void {
  const version = readSchemaVersion(db);
  if (version !== latestVersion) {
    throw new Error(
      `${db.name} has schema version ${version}, this infratwin needs ${latestVersion}: open it writable once to migrate`,
    );
  }
}

function migrate(db: Database.Database): void {
  // IMMEDIATE: two processes opening a new file at once must not both run a migration.
  db.transaction(() => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
    );
    const current = readSchemaVersion(db);
    if (current > latestVersion) {
      throw new Error(
        `${db.name} has schema version ${current}, newer than this infratwin knows (${latestVersion}): upgrade infratwin`,
      );
    }
    const record = db.prepare<[number, number]>(
      'INSERT INTO schema_version (version, applied_at) VALUES (?, ?)',
    );
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, Date.now());
    }
  }).immediate();
}

/**
 * Joins change sets with their operations by walking two ordered scans side by side: one query
 * per table however long the log, and only one change set in memory at a time.
 */
function readLog(
  changeSets: IterableIterator<ChangeSetRow>,
  ops: IterableIterator<OpRow>,
  fork: string | undefined,
  onChangeSet: (changeSet: ChangeSet) => void,
): void {
  // An iterator left open keeps the connection busy: every later write would fail.
  try {
    let next = ops.next();
    for (const row of changeSets) {
      const list: Operation[] = [];
      while (!next.done && next.value[0] === row.seq) {
        appendChunk(list, next.value[1]);
        next = ops.next();
      }
      if (list.length !== row.op_count) {
        throw new Error(
          `change set ${row.seq}${fork ? ` of fork ${fork}` : ''} lists ${row.op_count} operations, the store holds ${list.length}`,
        );
      }
      onChangeSet(toChangeSet(row, fork, list));
    }
  } finally {
    changeSets.return?.();
    ops.return?.();
  }
}

function chunkJson(ops: readonly Operation[], chunk: number): string {
  return JSON.stringify(ops.slice(chunk * opsPerChunk, (chunk + 1) * opsPerChunk));
}

function appendChunk(list: Operation[], json: string): void {
  for (const op of JSON.parse(json) as Operation[]) list.push(op);
}

function toChangeSet(row: ChangeSetRow, fork: string | undefined, ops: Operation[]): ChangeSet {
  return {
    seq: row.seq,
    ...(fork === undefined ? {} : { fork }),
    ts: row.ts,
    actor: row.actor,
    reason: row.reason,
    source: row.source,
    origin: row.origin,
    ops,
  };
}

function toForkRecord(row: ForkRow): ForkRecord {
  return {
    id: row.id,
    name: row.name,
    ...(row.parent === null ? {} : { parent: row.parent }),
    baseSeq: row.base_seq,
    createdAt: row.created_at,
    createdBy: row.created_by,
    ...(row.description === null ? {} : { description: row.description }),
  };
}

function toTokenRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
  };
}

function isConstraint(error: unknown, code: string): boolean {
  return error instanceof Database.SqliteError && error.code === code;
}

function checkNextSeq(seq: number, lastSeq: number, log: string): void {
  if (seq !== lastSeq + 1) {
    throw new ConflictError(
      `${log} expects change set ${lastSeq + 1} next, not ${seq}: the log must have no gaps`,
    );
  }
}

/**
 * Operations are stored as JSON, where Infinity and NaN become null: such a change set would be
 * acknowledged and then fail to replay on the next start. Refused before anything is written.
 */
function checkOperations(changeSet: ChangeSet): void {
  const { ops } = changeSet;
  for (let index = 0; index < ops.length; index++) {
    if (isFiniteJson(ops[index])) continue;
    const where = findNonFiniteNumber(ops[index], `ops[${index}]`);
    throw new InputError(`change set ${changeSet.seq} holds a number JSON cannot represent`, [
      { field: where ?? `ops[${index}]`, message: 'must be a finite number' },
    ]);
  }
}

function checkMetricValue(metric: StoredMetric): void {
  // SQLite stores NaN as NULL, which the NOT NULL column would refuse with a less useful message.
  if (Number.isNaN(metric.value)) {
    throw new InputError(`metric ${metric.metric} of ${metric.entityId} is not a number`, [
      { field: 'value', message: 'must be a number' },
    ]);
  }
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return -1;
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new InputError(`audit limit ${limit} is not a count`, [
      { field: 'limit', message: 'must be a non-negative integer' },
    ]);
  }
  return limit;
}
