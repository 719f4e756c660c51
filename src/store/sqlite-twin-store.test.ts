import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChangeSet, ConflictError, type Operation } from '../model/index.js';
import { SqliteTwinStore } from './sqlite-twin-store.js';
import { describeTwinStoreContract } from './twin-store-contract.js';

let dir: string;
let files = 0;
const newPath = () => join(dir, `twin-${++files}.db`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'infratwin-store-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describeTwinStoreContract('SqliteTwinStore', async () => {
  const path = newPath();
  const store = SqliteTwinStore.open(path);
  return {
    store,
    reopen: async () => {
      await store.close();
      return SqliteTwinStore.open(path);
    },
  };
});

function changeSet(seq: number, ops: Operation[]): ChangeSet {
  return {
    seq,
    ts: 1_000 + seq,
    actor: 'import:estate.yaml',
    reason: 'import',
    source: 'estate',
    origin: 'declared',
    ops,
  };
}

function manyOps(count: number): Operation[] {
  return Array.from({ length: count }, (_, index) => ({
    op: 'upsert-entity',
    entity: {
      id: `host:h-${index}`,
      kind: 'host',
      name: `h-${index}`,
      labels: { env: 'prod', site: `dc${index % 3}` },
      props: { cpuCores: 64, memoryBytes: 274_877_906_944, rack: `rack:r${index % 500}` },
    },
  }));
}

/** Element by element: a failing toStrictEqual on 200,000 operations spends minutes on its diff. */
function expectSameChangeSet(actual: ChangeSet | undefined, expected: ChangeSet): void {
  expect({ ...actual, ops: [] }).toStrictEqual({ ...expected, ops: [] });
  expect(actual?.ops.length).toBe(expected.ops.length);
  const mismatch = expected.ops.findIndex((op, index) => !isDeepStrictEqual(actual?.ops[index], op));
  expect(mismatch === -1 ? undefined : actual?.ops[mismatch]).toStrictEqual(expected.ops[mismatch]);
}

describe('SqliteTwinStore file', () => {
  it('round-trips a 200,000-operation change set across a restart, in order', async () => {
    const path = newPath();
    const ops = manyOps(200_000);
    const store = SqliteTwinStore.open(path);
    await store.appendChangeSet(changeSet(1, [ops[0] as Operation]));
    await store.appendChangeSet(changeSet(2, ops));
    await store.appendChangeSet(changeSet(3, []));
    await store.close();

    const reopened = SqliteTwinStore.open(path);
    const read: ChangeSet[] = [];
    await reopened.readChangeSets((item) => read.push(item));
    expect(read.map((item) => [item.seq, item.ops.length])).toStrictEqual([
      [1, 1],
      [2, 200_000],
      [3, 0],
    ]);
    expectSameChangeSet(read[1], changeSet(2, ops));
    expectSameChangeSet(await reopened.readChangeSet(2), changeSet(2, ops));
    await reopened.close();
  });

  it('migrates a version 3 file to the latest: its tokens kept in order, and the ingest role accepted', async () => {
    const path = newPath();
    const first = SqliteTwinStore.open(path);
    const admin = {
      id: 'tok-1',
      name: 'admin',
      role: 'admin' as const,
      secretHash: 'a'.repeat(64),
      createdAt: 1,
    };
    const viewer = {
      id: 'tok-0',
      name: 'viewer',
      role: 'viewer' as const,
      secretHash: 'b'.repeat(64),
      createdAt: 2,
    };
    await first.createToken(admin);
    await first.createToken(viewer);
    await first.close();
    // Put the file back as version 3 left it: the tokens table with the old CHECK.
    const db = new Database(path);
    db.exec(`
      CREATE TABLE tokens_v3 (id TEXT PRIMARY KEY, name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        secret_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, revoked_at INTEGER);
      INSERT INTO tokens_v3 SELECT * FROM tokens ORDER BY rowid;
      DROP TABLE tokens;
      ALTER TABLE tokens_v3 RENAME TO tokens;
      DROP TABLE kinds;
      DROP TABLE source_claims;
      DELETE FROM schema_version WHERE version >= 4;
    `);
    expect(() => db.prepare("INSERT INTO tokens VALUES ('t', 'n', 'ingest', 'c', 3, NULL)").run()).toThrow(
      /CHECK/,
    );
    db.close();
    const migrated = SqliteTwinStore.open(path);
    expect(migrated.schemaVersion).toBe(6);
    expect(await migrated.listTokens()).toStrictEqual([admin, viewer]);
    const ingest = {
      id: 'tok-2',
      name: 'prometheus',
      role: 'ingest' as const,
      secretHash: 'c'.repeat(64),
      createdAt: 3,
    };
    await migrated.createToken(ingest);
    expect((await migrated.listTokens()).map((token) => token.role)).toStrictEqual([
      'admin',
      'viewer',
      'ingest',
    ]);
    await migrated.close();
  });

  it('uses WAL, foreign keys and the latest schema version (6), and keeps the schema on reopen', async () => {
    const path = newPath();
    const store = SqliteTwinStore.open(path);
    expect(store.schemaVersion).toBe(6);
    await store.close();
    const again = SqliteTwinStore.open(path);
    expect(again.schemaVersion).toBe(6);
    await again.close();

    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_version').pluck().all()).toStrictEqual([1, 2, 3, 4, 5, 6]);
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toStrictEqual([
      'alerts',
      'audit',
      'change_ops',
      'change_sets',
      'fork_change_ops',
      'fork_change_sets',
      'forks',
      'kinds',
      'metrics',
      'rollups',
      'schema_version',
      'series',
      'source_claims',
      'tokens',
    ]);
    expect(
      db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'audit_ts'").get(),
    ).toBeDefined();
    db.close();
  });

  it('moves version 5 rollups (keyed by series first) to version 6 (keyed by time first), every row intact', async () => {
    const path = newPath();
    const first = SqliteTwinStore.open(path);
    await first.close();
    // Put the rollups table back as version 5 had it, with rows of two series and both resolutions.
    const db = new Database(path);
    db.exec(`
      DROP TABLE rollups;
      CREATE TABLE rollups (series_id INTEGER NOT NULL REFERENCES series (id),
        resolution_ms INTEGER NOT NULL CHECK (resolution_ms IN (60000, 3600000)),
        start INTEGER NOT NULL, min REAL NOT NULL, max REAL NOT NULL, sum REAL NOT NULL,
        count INTEGER NOT NULL, last REAL NOT NULL,
        PRIMARY KEY (series_id, resolution_ms, start)) WITHOUT ROWID;
      INSERT INTO series (id, entity_id, name) VALUES (1, 'host:a', 'temp'), (2, 'host:b', 'temp');
      DELETE FROM schema_version WHERE version >= 6;
    `);
    const insert = db.prepare('INSERT INTO rollups VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const series of [1, 2]) {
      for (let minute = 0; minute < 90; minute++)
        insert.run(series, 60_000, minute * 60_000, minute, minute + series, 10 * minute, 4, minute + 0.5);
      insert.run(series, 3_600_000, 0, 0, 60 + series, 1234, 240, 59.5);
    }
    db.close();
    const migrated = SqliteTwinStore.open(path);
    expect(migrated.schemaVersion).toBe(6);
    const minutes = await migrated.readRollups({
      entityId: 'host:b',
      series: 'temp',
      resolution: '1m',
      start: 30 * 60_000 - 1,
      end: 40 * 60_000,
    });
    expect(minutes.map((r) => [r.start, r.max, r.last])).toStrictEqual(
      Array.from({ length: 10 }, (_, i) => [(30 + i) * 60_000, 32 + i, 30.5 + i]),
    );
    const hours = await migrated.readRollups({
      entityId: 'host:a',
      series: 'temp',
      resolution: '1h',
      start: 0,
      end: 10 * 3_600_000,
    });
    expect(hours.map((r) => [r.start, r.max, r.sum, r.count])).toStrictEqual([[0, 61, 1234, 240]]);
    await migrated.close();
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT count(*) FROM rollups').pluck().get()).toBe(182);
    check.close();
  });

  it('reads a series range bucket by bucket: far outside the stored span, empty or inverted, nothing', async () => {
    const store = SqliteTwinStore.open(newPath());
    const bucket = (start: number, last: number) => ({
      entityId: 'host:a',
      series: 'load',
      resolution: '1m' as const,
      start,
      min: last,
      max: last,
      sum: last,
      count: 1,
      last,
    });
    await store.saveRollups([bucket(600_000, 1), bucket(660_000, 2), bucket(900_000, 3)]);
    const read = (start: number, end: number) =>
      store
        .readRollups({ entityId: 'host:a', series: 'load', resolution: '1m', start, end })
        .then((rows) => rows.map((row) => row.last));
    expect(await read(0, Number.MAX_SAFE_INTEGER)).toStrictEqual([1, 2, 3]);
    expect(await read(600_001, 900_001)).toStrictEqual([2, 3]);
    expect(await read(600_000, 900_000)).toStrictEqual([1, 2]);
    expect(await read(960_000, 2_000_000)).toStrictEqual([]);
    expect(await read(900_000, 600_000)).toStrictEqual([]);
    await store.close();
  });

  it('leaves no operation rows behind when a fork is deleted', async () => {
    const path = newPath();
    const store = SqliteTwinStore.open(path);
    await store.createFork({ id: 'fork-a', name: 'a', baseSeq: 0, createdAt: 1, createdBy: 'alice' });
    await store.appendForkChangeSet({ ...changeSet(1, manyOps(100)), fork: 'fork-a' });
    await store.appendForkChangeSet({ ...changeSet(2, manyOps(50)), fork: 'fork-a' });
    await store.deleteFork('fork-a');
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM fork_change_sets').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM fork_change_ops').pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a file whose schema is newer than it knows', async () => {
    const path = newPath();
    await SqliteTwinStore.open(path).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (99, 0)').run();
    db.close();
    expect(() => SqliteTwinStore.open(path)).toThrow(/schema version 99, newer/);
    expect(() => SqliteTwinStore.open(path, { readonly: true })).toThrow(/schema version 99/);
  });

  it('opens read-only: reads what a writer committed, refuses writes and missing files', async () => {
    const path = newPath();
    expect(() => SqliteTwinStore.open(path, { readonly: true })).toThrow();
    const writer = SqliteTwinStore.open(path);
    await writer.appendChangeSet(changeSet(1, manyOps(3)));
    const reader = SqliteTwinStore.open(path, { readonly: true });
    await writer.appendChangeSet(changeSet(2, manyOps(2)));
    const seqs: number[] = [];
    await reader.readChangeSets((item) => seqs.push(item.seq));
    expect(seqs).toStrictEqual([1, 2]);
    await expect(reader.appendChangeSet(changeSet(3, []))).rejects.toThrow(/readonly/);
    await expect(writer.appendChangeSet(changeSet(4, []))).rejects.toThrow(ConflictError);
    await reader.close();
    await writer.close();
  });

  it('keeps every acknowledged change set when the writing process is killed with SIGKILL', async () => {
    const path = newPath();
    const storeModule = fileURLToPath(new URL('./sqlite-twin-store.ts', import.meta.url));
    // Writes until killed; a line on stdout is the acknowledgement (the append's promise resolved).
    const writer = `
      const { SqliteTwinStore } = await import(${JSON.stringify(storeModule)});
      const store = SqliteTwinStore.open(${JSON.stringify(path)});
      for (let seq = 1; ; seq++) {
        const ops = Array.from({ length: 20 }, (_, i) => ({ op: 'remove-entity', id: 'host:h-' + seq + '-' + i }));
        await store.appendChangeSet({ seq, ts: seq, actor: 'a', reason: '', source: 's', origin: 'declared', ops });
        process.stdout.write(seq + '\\n');
      }
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer], {
      // tsx resolves from the project root, wherever vitest was started.
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let lastAcked = 0;
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) lastAcked = Number(line);
        if (lastAcked >= 300) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`writer exited after ${lastAcked} change sets`)));
    });
    expect(await exited).toBe('SIGKILL');

    const store = SqliteTwinStore.open(path);
    const seqs: number[] = [];
    await store.readChangeSets((item) => {
      expect(item.ops).toHaveLength(20);
      expect(item.ops[19]).toStrictEqual({ op: 'remove-entity', id: `host:h-${item.seq}-19` });
      seqs.push(item.seq);
    });
    expect(seqs.length).toBeGreaterThanOrEqual(lastAcked);
    expect(seqs).toStrictEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
    await store.appendChangeSet(changeSet(seqs.length + 1, []));
    await store.close();
  });
});
