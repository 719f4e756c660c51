import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AlertRecord,
  type AuditEntry,
  type ChangeSet,
  ConflictError,
  type ForkRecord,
  InputError,
  type KindSpec,
  NotFoundError,
  type Operation,
  type SourceClaims,
  type StoredMetric,
  type TokenRecord,
  type TwinStore,
} from '../model/index.js';

/** A store under test, and a way to restart it on the same data. */
export interface TwinStoreFixture {
  store: TwinStore;
  /** Closes `store` and opens the same data again, as a process restart would. */
  reopen(): Promise<TwinStore>;
}

/**
 * The behaviour every `TwinStore` must show. Each implementation's test file calls this once;
 * `makeStore` must return a new, empty store on every call.
 */
export function describeTwinStoreContract(name: string, makeStore: () => Promise<TwinStoreFixture>): void {
  describe(`${name}: TwinStore contract`, () => {
    const opened: TwinStore[] = [];
    const open = async (): Promise<TwinStoreFixture> => {
      const fixture = await makeStore();
      opened.push(fixture.store);
      return {
        store: fixture.store,
        reopen: async () => {
          const store = await fixture.reopen();
          opened.push(store);
          return store;
        },
      };
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    describe('live change log', () => {
      it('reads back appended change sets in sequence order, with no fork', async () => {
        const { store } = await open();
        const written = [
          changeSet(1, [upsertHost('a')]),
          changeSet(2, [removeEntity('host:a'), upsertHost('b')]),
        ];
        for (const item of written) await store.appendChangeSet(item);
        expect(await readAll(store)).toStrictEqual(written);
        expect(await store.readChangeSet(2)).toStrictEqual(written[1]);
        expect(await store.readChangeSet(3)).toBeUndefined();
        expect(await store.readChangeSet(0)).toBeUndefined();
      });

      it('keeps operations in the order they were given, and empty change sets', async () => {
        const { store } = await open();
        const ops = Array.from({ length: 25 }, (_, index) => upsertHost(`h${24 - index}`));
        await store.appendChangeSet(changeSet(1, ops));
        await store.appendChangeSet(changeSet(2, []));
        await store.appendChangeSet(changeSet(3, [removeEntity('host:h3')]));
        const read = await readAll(store);
        expect(read.map((item) => item.ops)).toStrictEqual([ops, [], [removeEntity('host:h3')]]);
      });

      it('refuses a sequence number that is not the last plus one, and writes nothing', async () => {
        const { store } = await open();
        await expect(store.appendChangeSet(changeSet(2, [upsertHost('a')]))).rejects.toThrow(ConflictError);
        await store.appendChangeSet(changeSet(1, [upsertHost('a')]));
        await expect(store.appendChangeSet(changeSet(3, [upsertHost('b')]))).rejects.toThrow(ConflictError);
        await expect(store.appendChangeSet(changeSet(1, [upsertHost('b')]))).rejects.toThrow(ConflictError);
        expect((await readAll(store)).map((item) => item.seq)).toStrictEqual([1]);
        expect(await store.readChangeSet(3)).toBeUndefined();
        await store.appendChangeSet(changeSet(2, [upsertHost('b')]));
        expect((await readAll(store)).map((item) => item.seq)).toStrictEqual([1, 2]);
      });

      it('refuses numbers JSON cannot hold, naming where, and writes nothing', async () => {
        const { store } = await open();
        const bad: Operation = { op: 'set-metric', id: 'host:a', metric: 'cpu_utilization', value: Infinity };
        const error = await store
          .appendChangeSet(changeSet(1, [upsertHost('a'), bad]))
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).issues[0]?.field).toBe('ops[1].value');
        const nested: Operation = { op: 'patch-entity', id: 'host:a', props: { curve: [1, Number.NaN] } };
        await expect(store.appendChangeSet(changeSet(1, [nested]))).rejects.toThrow(InputError);
        expect(await readAll(store)).toStrictEqual([]);
      });

      it('refuses a fork change set on the live log', async () => {
        const { store } = await open();
        await expect(store.appendChangeSet({ ...changeSet(1, []), fork: 'fork-1' })).rejects.toThrow(
          InputError,
        );
        expect(await readAll(store)).toStrictEqual([]);
      });

      it('copies on write and on read, so callers cannot change stored data', async () => {
        const { store } = await open();
        const written = changeSet(1, [upsertHost('a')]);
        const original = structuredClone(written);
        await store.appendChangeSet(written);
        written.actor = 'mallory';
        labelsOf(written.ops[0]).env = 'changed';
        const read = await store.readChangeSet(1);
        expect(read).toStrictEqual(original);
        labelsOf(read?.ops[0]).env = 'changed again';
        await store.readChangeSets((item) => {
          item.ops.length = 0;
        });
        expect(await readAll(store)).toStrictEqual([original]);
      });

      it('stops reading when the callback throws, and stays usable', async () => {
        const { store } = await open();
        for (let seq = 1; seq <= 3; seq++)
          await store.appendChangeSet(changeSet(seq, [upsertHost(`h${seq}`)]));
        const seen: number[] = [];
        const reading = store.readChangeSets((item) => {
          seen.push(item.seq);
          if (item.seq === 2) throw new Error('replay failed');
        });
        await expect(reading).rejects.toThrow('replay failed');
        expect(seen).toStrictEqual([1, 2]);
        await store.appendChangeSet(changeSet(4, []));
        expect((await readAll(store)).map((item) => item.seq)).toStrictEqual([1, 2, 3, 4]);
      });

      it('reads back any sequence of change sets with JSON-safe operations deep-equal, in order', async () => {
        const operation = fc
          .tuple(
            fc.constantFrom(
              'upsert-entity',
              'patch-entity',
              'remove-entity',
              'upsert-relation',
              'remove-relation',
              'set-metric',
            ),
            fc.dictionary(
              fc.string(),
              // JSON has no -0 (fast-check's jsonValue makes one now and then): what JSON can hold.
              fc
                .jsonValue({ maxDepth: 3, stringUnit: 'binary' })
                .map((value) => JSON.parse(JSON.stringify(value))),
              { maxKeys: 5 },
            ),
          )
          .map(([kind, fields]) => ({ ...fields, op: kind }) as unknown as Operation);
        const meta = fc.record({
          ts: fc.integer({ min: 0, max: 4_102_444_800_000 }),
          actor: fc.string({ unit: 'grapheme' }),
          reason: fc.string({ unit: 'grapheme' }),
          source: fc.string({ unit: 'grapheme' }),
          origin: fc.constantFrom('declared', 'observed', 'predicted' as const),
          ops: fc.array(operation, { maxLength: 8 }),
        });
        await fc.assert(
          fc.asyncProperty(fc.array(meta, { maxLength: 6 }), async (metas) => {
            const { store } = await open();
            const written: ChangeSet[] = metas.map((item, index) => ({ seq: index + 1, ...item }));
            for (const item of written) await store.appendChangeSet(item);
            const read = await readAll(store);
            await store.close();
            // JSON keeps no prototypes, so deep equality of values is what can hold; toEqual checks it.
            expect(read).toEqual(written);
            expect(read.map((item) => item.seq)).toStrictEqual(written.map((item) => item.seq));
          }),
          { numRuns: 40 },
        );
      });
    });

    describe('forks', () => {
      it('lists forks in creation order with their optional fields only when set', async () => {
        const { store } = await open();
        const first = fork('fork-a', { description: 'what if rack r1 fails' });
        const second = fork('fork-b', { parent: 'fork-a', baseSeq: 7 });
        await store.createFork(first);
        await store.createFork(second);
        expect(await store.listForks()).toStrictEqual([first, second]);
        await expect(store.createFork(fork('fork-a'))).rejects.toThrow(ConflictError);
        expect(await store.listForks()).toHaveLength(2);
      });

      it('keeps each fork its own gapless log, apart from the live log', async () => {
        const { store } = await open();
        await store.createFork(fork('fork-a'));
        await store.createFork(fork('fork-b'));
        await store.appendChangeSet(changeSet(1, [upsertHost('live')]));
        const a1 = { ...changeSet(1, [upsertHost('a1')]), fork: 'fork-a' };
        const a2 = { ...changeSet(2, [removeEntity('host:a1')]), fork: 'fork-a' };
        const b1 = { ...changeSet(1, [upsertHost('b1')]), fork: 'fork-b' };
        await store.appendForkChangeSet(a1);
        await store.appendForkChangeSet(b1);
        await store.appendForkChangeSet(a2);
        await expect(store.appendForkChangeSet({ ...changeSet(4, []), fork: 'fork-a' })).rejects.toThrow(
          ConflictError,
        );
        await expect(store.appendForkChangeSet({ ...changeSet(1, []), fork: 'fork-a' })).rejects.toThrow(
          ConflictError,
        );
        expect(await readFork(store, 'fork-a')).toStrictEqual([a1, a2]);
        expect(await readFork(store, 'fork-b')).toStrictEqual([b1]);
        expect(await store.readChangeSet(2, 'fork-a')).toStrictEqual(a2);
        expect(await store.readChangeSet(2, 'fork-b')).toBeUndefined();
        expect(await store.readChangeSet(1)).toStrictEqual(changeSet(1, [upsertHost('live')]));
        expect(await readAll(store)).toHaveLength(1);
      });

      it('refuses to append to or read a fork that does not exist', async () => {
        const { store } = await open();
        await expect(store.appendForkChangeSet({ ...changeSet(1, []), fork: 'fork-x' })).rejects.toThrow(
          NotFoundError,
        );
        await expect(store.readForkChangeSets('fork-x', () => undefined)).rejects.toThrow(NotFoundError);
        expect(await store.readChangeSet(1, 'fork-x')).toBeUndefined();
        await expect(store.deleteFork('fork-x')).rejects.toThrow(NotFoundError);
      });

      it('deletes a fork with all its change sets, and leaves other forks alone', async () => {
        const { store } = await open();
        await store.createFork(fork('fork-a'));
        await store.createFork(fork('fork-b', { parent: 'fork-a' }));
        for (let seq = 1; seq <= 3; seq++) {
          await store.appendForkChangeSet({ ...changeSet(seq, [upsertHost(`a${seq}`)]), fork: 'fork-a' });
        }
        const b1 = { ...changeSet(1, [upsertHost('b1')]), fork: 'fork-b' };
        await store.appendForkChangeSet(b1);
        await store.deleteFork('fork-a');
        expect((await store.listForks()).map((item) => item.id)).toStrictEqual(['fork-b']);
        expect(await store.readChangeSet(1, 'fork-a')).toBeUndefined();
        expect(await readFork(store, 'fork-b')).toStrictEqual([b1]);
        // A fork made again under the same id must start from an empty log.
        await store.createFork(fork('fork-a'));
        expect(await readFork(store, 'fork-a')).toStrictEqual([]);
        const again = { ...changeSet(1, [upsertHost('new')]), fork: 'fork-a' };
        await store.appendForkChangeSet(again);
        expect(await readFork(store, 'fork-a')).toStrictEqual([again]);
      });
    });

    describe('metrics', () => {
      it('keeps the last write per entity and metric, within a batch and across batches', async () => {
        const { store } = await open();
        await store.saveMetrics([
          metric('host:a', 'cpu_utilization', 0.1, 1_000),
          metric('host:a', 'cpu_utilization', 0.2, 2_000),
          metric('host:a', 'power_watts', 300, 2_000),
          metric('host:b', 'cpu_utilization', 0.9, 2_000),
        ]);
        // An older sample written later still wins: the twin decides what is current, not the store.
        const later = {
          ...metric('host:a', 'cpu_utilization', 0.05, 1_500),
          origin: 'predicted',
          source: 'x',
        } as const;
        await store.saveMetrics([later]);
        expect(sortMetrics(await readMetrics(store))).toStrictEqual([
          later,
          metric('host:a', 'power_watts', 300, 2_000),
          metric('host:b', 'cpu_utilization', 0.9, 2_000),
        ]);
      });

      it('refuses a batch holding NaN without writing any of it', async () => {
        const { store } = await open();
        const batch = [
          metric('host:a', 'cpu_utilization', 0.5, 1),
          metric('host:b', 'cpu_utilization', Number.NaN, 1),
        ];
        await expect(store.saveMetrics(batch)).rejects.toThrow(InputError);
        expect(await readMetrics(store)).toStrictEqual([]);
      });
    });

    describe('rollups', () => {
      const rollup = (start: number, last: number, resolution: '1m' | '1h' = '1m') => ({
        entityId: 'host:a',
        series: 'node_cpu_seconds_total{cpu="0",mode="idle"}',
        resolution,
        start,
        min: 0.1,
        max: 0.9,
        sum: 2.5,
        count: 5,
        last,
      });

      it('reads back a range of one series and resolution in time order, a rewrite replacing a bucket', async () => {
        const fixture = await open();
        await fixture.store.saveRollups([
          rollup(120_000, 3),
          rollup(0, 1),
          rollup(60_000, 2),
          rollup(0, 9, '1h'),
        ]);
        await fixture.store.saveRollups([rollup(60_000, 5)]);
        const query = {
          entityId: 'host:a',
          series: rollup(0, 0).series,
          resolution: '1m' as const,
          start: 0,
          end: 120_000,
        };
        expect((await fixture.store.readRollups(query)).map((r) => [r.start, r.last])).toStrictEqual([
          [0, 1],
          [60_000, 5],
        ]);
        const reopened = await fixture.reopen();
        expect(await reopened.readRollups({ ...query, resolution: '1h', end: 1 })).toStrictEqual([
          rollup(0, 9, '1h'),
        ]);
        expect(await reopened.readRollups({ ...query, entityId: 'host:b' })).toStrictEqual([]);
      });
    });

    describe('tokens', () => {
      it('stores tokens, refuses a duplicate id or secret, and records the first revocation', async () => {
        const { store } = await open();
        const admin = token('tok-1', 'admin', 'a'.repeat(64));
        const viewer = token('tok-2', 'viewer', 'b'.repeat(64));
        await store.createToken(admin);
        await store.createToken(viewer);
        await expect(store.createToken(token('tok-1', 'viewer', 'c'.repeat(64)))).rejects.toThrow(
          ConflictError,
        );
        await expect(store.createToken(token('tok-3', 'viewer', 'a'.repeat(64)))).rejects.toThrow(
          ConflictError,
        );
        expect(await store.listTokens()).toStrictEqual([admin, viewer]);

        await store.revokeToken('tok-2', 5_000);
        await store.revokeToken('tok-2', 6_000);
        await expect(store.revokeToken('tok-9', 5_000)).rejects.toThrow(NotFoundError);
        expect(await store.listTokens()).toStrictEqual([admin, { ...viewer, revokedAt: 5_000 }]);
      });
    });

    describe('audit', () => {
      it('lists newest first, from `since` inclusive, at most `limit` entries', async () => {
        const { store } = await open();
        const entries: AuditEntry[] = [
          { ts: 100, actor: 'alice', action: 'token.create', target: 'tok-1', detail: 'role=admin' },
          { ts: 200, actor: 'bob', action: 'fork.create', target: 'fork-a' },
          { ts: 300, actor: 'alice', action: 'estate.import' },
          { ts: 300, actor: 'carol', action: 'fork.delete', target: 'fork-a' },
          { ts: 150, actor: 'dave', action: 'token.revoke', target: 'tok-1' },
        ];
        for (const entry of entries) await store.appendAudit(entry);
        const [e100, e200, e300a, e300b, e150] = entries;
        expect(await store.listAudit({})).toStrictEqual([e300b, e300a, e200, e150, e100]);
        expect(await store.listAudit({ since: 200 })).toStrictEqual([e300b, e300a, e200]);
        expect(await store.listAudit({ limit: 2 })).toStrictEqual([e300b, e300a]);
        expect(await store.listAudit({ since: 150, limit: 4 })).toStrictEqual([e300b, e300a, e200, e150]);
        expect(await store.listAudit({ since: 301 })).toStrictEqual([]);
        expect(await store.listAudit({ limit: 0 })).toStrictEqual([]);
        await expect(store.listAudit({ limit: -1 })).rejects.toThrow(InputError);
      });
    });

    describe('alerts', () => {
      it('upserts by id, keeps creation order, copies, and survives a restart', async () => {
        const fixture = await open();
        const { store } = fixture;
        const first = alert('alert-1', 5_000, 'open');
        const second = alert('alert-2', 4_000, 'open');
        await store.saveAlerts([first, second]);
        const acknowledged = {
          ...first,
          status: 'acknowledged' as const,
          acknowledgedBy: 'alice',
          acknowledgedAtMs: 6_000,
        };
        await store.saveAlerts([acknowledged]);
        first.summary = 'changed by the caller after writing';
        expect(await store.listAlerts()).toStrictEqual([second, acknowledged]);
        const read = await store.listAlerts();
        (read[0] as AlertRecord).summary = 'changed by the caller after reading';
        const reopened = await fixture.reopen();
        expect(await reopened.listAlerts()).toStrictEqual([second, acknowledged]);
      });

      it('refuses an alert holding a number JSON cannot hold, and writes none of the batch', async () => {
        const { store } = await open();
        const good = alert('alert-1', 1_000, 'open');
        const bad = { ...alert('alert-2', 2_000, 'open'), confidence: Number.NaN };
        await expect(store.saveAlerts([good, bad])).rejects.toThrow(InputError);
        expect(await store.listAlerts()).toStrictEqual([]);
      });
    });

    describe('user-defined kinds', () => {
      it('replaces by kind name, keeps definition order, deletes, and survives a restart', async () => {
        const fixture = await open();
        const { store } = fixture;
        const pump = kindSpec('pump', 'dtmi:com:example:Pump;1');
        const chiller = kindSpec('chiller', 'dtmi:com:example:Chiller;1');
        await store.saveKinds([pump, chiller]);
        const pumpV2 = { ...kindSpec('pump', 'dtmi:com:example:Pump;2'), description: 'v2' };
        await store.saveKinds([pumpV2]);
        pump.description = 'changed by the caller after writing';
        expect(await store.listKinds()).toStrictEqual([pumpV2, chiller]);
        await store.deleteKind('chiller');
        await store.deleteKind('never-defined');
        const reopened = await fixture.reopen();
        expect(await reopened.listKinds()).toStrictEqual([pumpV2]);
      });
    });

    describe('source claims', () => {
      it("replaces a source's claims whole and survives a restart", async () => {
        const fixture = await open();
        const { store } = fixture;
        const first = claims('netbox:dc1', 1_000, ['host:web-01', 'host:web-02']);
        const snmp = { ...claims('snmp:discovery', 2_000, ['host:web-01']), origin: 'observed' as const };
        await store.saveSourceClaims(first);
        await store.saveSourceClaims(snmp);
        const second = claims('netbox:dc1', 3_000, ['host:web-03']);
        await store.saveSourceClaims(second);
        const byName = (list: SourceClaims[]) => [...list].sort((a, b) => a.source.localeCompare(b.source));
        expect(byName(await store.listSourceClaims())).toStrictEqual([second, snmp]);
        const reopened = await fixture.reopen();
        expect(byName(await reopened.listSourceClaims())).toStrictEqual([second, snmp]);
      });
    });

    it('restores everything after a restart', async () => {
      const fixture = await open();
      const { store } = fixture;
      const live = [changeSet(1, [upsertHost('a')]), changeSet(2, [upsertHost('b'), removeEntity('host:a')])];
      for (const item of live) await store.appendChangeSet(item);
      const forkRecord = fork('fork-a', { description: 'failover' });
      await store.createFork(forkRecord);
      const forked = { ...changeSet(1, [removeEntity('host:b')]), fork: 'fork-a' };
      await store.appendForkChangeSet(forked);
      const metrics = [metric('host:b', 'cpu_utilization', 0.25, 3_000)];
      await store.saveMetrics(metrics);
      const tokenRecord = token('tok-1', 'operator', 'd'.repeat(64));
      await store.createToken(tokenRecord);
      await store.revokeToken('tok-1', 4_000);
      const audit: AuditEntry = { ts: 4_000, actor: 'alice', action: 'token.revoke', target: 'tok-1' };
      await store.appendAudit(audit);

      const reopened = await fixture.reopen();
      expect(await readAll(reopened)).toStrictEqual(live);
      expect(await reopened.listForks()).toStrictEqual([forkRecord]);
      expect(await readFork(reopened, 'fork-a')).toStrictEqual([forked]);
      expect(await readMetrics(reopened)).toStrictEqual(metrics);
      expect(await reopened.listTokens()).toStrictEqual([{ ...tokenRecord, revokedAt: 4_000 }]);
      expect(await reopened.listAudit({})).toStrictEqual([audit]);
      await reopened.appendChangeSet(changeSet(3, []));
      await expect(reopened.appendChangeSet(changeSet(5, []))).rejects.toThrow(ConflictError);
    });
  });
}

function changeSet(seq: number, ops: Operation[]): ChangeSet {
  return {
    seq,
    ts: 1_000 + seq,
    actor: 'alice',
    reason: `change ${seq}`,
    source: 'estate:test.yaml',
    origin: 'declared',
    ops,
  };
}

function upsertHost(name: string): Operation {
  return {
    op: 'upsert-entity',
    entity: {
      id: `host:${name}`,
      kind: 'host',
      name,
      labels: { env: 'prod' },
      props: { cpuCores: 64, tags: ['a', null] },
    },
  };
}

function labelsOf(op: Operation | undefined): Record<string, string> {
  if (op?.op !== 'upsert-entity' || !op.entity.labels)
    throw new Error('expected an upsert-entity with labels');
  return op.entity.labels;
}

function removeEntity(id: string): Operation {
  return { op: 'remove-entity', id };
}

function fork(id: string, extra: Partial<ForkRecord> = {}): ForkRecord {
  return { id, name: `${id} name`, baseSeq: 0, createdAt: 2_000, createdBy: 'alice', ...extra };
}

function metric(entityId: string, name: string, value: number, ts: number): StoredMetric {
  return { entityId, metric: name, value, ts, origin: 'observed', source: 'plant' };
}

function token(id: string, role: TokenRecord['role'], secretHash: string): TokenRecord {
  return { id, name: `${id} name`, role, secretHash, createdAt: 3_000 };
}

async function readAll(store: TwinStore): Promise<ChangeSet[]> {
  const result: ChangeSet[] = [];
  await store.readChangeSets((item) => result.push(item));
  return result;
}

async function readFork(store: TwinStore, id: string): Promise<ChangeSet[]> {
  const result: ChangeSet[] = [];
  await store.readForkChangeSets(id, (item) => result.push(item));
  return result;
}

async function readMetrics(store: TwinStore): Promise<StoredMetric[]> {
  const result: StoredMetric[] = [];
  await store.readMetrics((item) => result.push(item));
  return result;
}

/** The port promises no order for metrics. */
function sortMetrics(metrics: StoredMetric[]): StoredMetric[] {
  const key = (item: StoredMetric) => `${item.entityId} ${item.metric}`;
  return [...metrics].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function kindSpec(kind: string, dtmi: string): KindSpec {
  return {
    kind,
    description: `a ${kind}`,
    props: { flowRate: { type: 'number', unit: 'litrePerSecond', description: 'flow' } },
    metrics: { temperature: { unit: 'celsius', description: 'water temperature' } },
    relations: { 'relates-to': ['*'] },
    dtmi,
  };
}

function claims(source: string, at: number, ids: string[]): SourceClaims {
  return {
    source,
    origin: 'declared',
    at,
    entities: ids.map((id) => ({ id, kind: 'host', name: id.slice(5), props: { serial: `S-${id}` } })),
    relations: ids.map((id) => ({ type: 'contains', from: 'rack:r1', to: id })),
  };
}

function alert(id: string, firstSeenMs: number, status: AlertRecord['status']): AlertRecord {
  return {
    id,
    key: `disk-full:volume:${id}`,
    kind: 'disk-full',
    source: 'risk',
    entityId: `volume:${id}`,
    entities: [`volume:${id}`, 'host:db-02'],
    severity: 'warning',
    summary: '/var full in 3 d',
    expectedAtMs: firstSeenMs + 3 * 86_400_000,
    expectedRange: [firstSeenMs + 2 * 86_400_000, firstSeenMs + 4 * 86_400_000],
    confidence: 0.8,
    evidence: { slopePerHour: 0.004, points: [1, 2.5, null] },
    claim: { metric: 'disk_used_ratio', threshold: 1, direction: 'above' },
    status,
    firstSeenMs,
    lastSeenMs: firstSeenMs,
    occurrences: 1,
  };
}
