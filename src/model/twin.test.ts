import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallEstateOperations } from '../../test/fixtures/small-estate.js';
import { InputError } from './errors.js';
import { parseLabelSelector } from './label-selector.js';
import { MemoryTwinStore } from './memory-twin-store.js';
import type { Operation } from './operation.js';
import { findEntities, findRelations, parsePropFilter } from './queries.js';
import { Twin, type TwinEvent } from './twin.js';
import { diffToOperations, isEmptyDiff } from './twin-diff.js';
import type { TwinView } from './twin-view.js';

function clockFrom(start: number) {
  let now = start;
  return { now: () => now, set: (ms: number) => (now = ms) };
}

async function smallTwin(store = new MemoryTwinStore(), clock = clockFrom(1_000)) {
  const twin = await Twin.open({ store, clock: clock.now });
  await twin.apply({
    actor: 'alice',
    reason: 'initial estate',
    source: 'estate:small',
    ops: smallEstateOperations(),
  });
  return { twin, store, clock };
}

/** The whole view as plain data, for equality checks. */
function snapshot(view: TwinView) {
  const entities = [...view.entities()]
    .map(({ id, kind, name, labels, props }) => ({ id, kind, name, labels, props }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const relations = [...view.relations()]
    .map(({ id, props }) => ({ id, props }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { entities, relations };
}

describe('Twin change sets', () => {
  it('applies one import as one change set and logs who, when and why', async () => {
    const { twin } = await smallTwin();
    expect(twin.seq).toBe(1);
    const [summary] = twin.listChanges();
    expect(summary).toMatchObject({
      seq: 1,
      actor: 'alice',
      reason: 'initial estate',
      source: 'estate:small',
      ts: 1_000,
    });
    expect(summary?.opCount).toBe(smallEstateOperations().length);
    const full = await twin.getChange(1);
    expect(full.ops).toHaveLength(summary?.opCount ?? -1);
  });

  it('changes nothing when the same estate is applied twice', async () => {
    const { twin } = await smallTwin();
    const again = await twin.apply({ actor: 'alice', ops: smallEstateOperations() });
    expect(again).toBeNull();
    expect(twin.seq).toBe(1);
  });

  it('collects every problem of a bad change set and applies none of it', async () => {
    const { twin } = await smallTwin();
    const ops: Operation[] = [
      { op: 'upsert-entity', entity: { id: 'host:ok', kind: 'host' } },
      { op: 'upsert-entity', entity: { id: 'host:x', kind: 'hots' } },
      { op: 'upsert-entity', entity: { id: 'vm:y', kind: 'host' } },
      { op: 'upsert-entity', entity: { id: 'host:z', kind: 'host', props: { cpuCores: 2.5 } } },
      { op: 'upsert-relation', relation: { type: 'powered-by', from: 'host:ok', to: 'room:dc1/a' } },
      { op: 'upsert-relation', relation: { type: 'runs-on', from: 'vm:v1', to: 'host:missing' } },
      { op: 'remove-entity', id: 'host:missing' },
      {
        op: 'upsert-relation',
        relation: { type: 'depends-on', from: 'service:web', to: 'service:db', props: { optional: 'true' } },
      },
    ];
    const error = await twin.apply({ actor: 'bob', ops }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    const fields = (error as InputError).issues.map((issue) => issue.field);
    expect(fields).toEqual([
      'ops[1].entity.kind',
      'ops[2].entity.id',
      'ops[3].entity.props.cpuCores',
      'ops[4].relation.type',
      'ops[5].relation.to',
      'ops[6].id',
      'ops[7].relation.props.optional',
    ]);
    expect((error as InputError).issues[3]?.message).toMatch(/powered-by from host to room is not allowed/);
    expect(twin.live.entity('host:ok')).toBeUndefined();
    expect(twin.seq).toBe(1);
  });

  it('removes an entity with its relations, as explicit operations', async () => {
    const { twin } = await smallTwin();
    const changeSet = await twin.apply({ actor: 'bob', ops: [{ op: 'remove-entity', id: 'host:h1' }] });
    expect(changeSet?.ops.filter((op) => op.op === 'remove-relation').length).toBe(5);
    expect(twin.live.incoming('host:h1')).toEqual([]);
    expect(twin.live.outgoing('vm:v1', 'runs-on')).toEqual([]);
  });

  it('patches only what it names and records per-prop provenance', async () => {
    const { twin, clock } = await smallTwin();
    clock.set(2_000);
    await twin.apply({
      actor: 'nmap',
      origin: 'observed',
      ops: [
        {
          op: 'patch-entity',
          id: 'host:h1',
          props: { os: 'debian-12', cpuCores: null },
          labels: { env: 'dev' },
        },
      ],
    });
    const host = twin.live.entity('host:h1');
    expect(host?.props).toEqual({ os: 'debian-12' });
    expect(host?.labels).toEqual({ env: 'dev', team: 'web' });
    expect(host?.provenance).toMatchObject({ origin: 'declared', source: 'estate:small', changeSet: 1 });
    expect(host?.propProvenance?.os).toMatchObject({
      origin: 'observed',
      source: 'nmap',
      changeSet: 2,
      at: 2_000,
    });
  });
});

describe('Twin history', () => {
  it('reads the twin as of a past time or change set', async () => {
    const { twin, clock } = await smallTwin();
    clock.set(5_000);
    await twin.apply({ actor: 'bob', ops: [{ op: 'patch-entity', id: 'host:h1', props: { cpuCores: 64 } }] });
    clock.set(9_000);
    await twin.apply({ actor: 'bob', ops: [{ op: 'remove-entity', id: 'vm:v1' }] });
    expect(twin.view({ asOf: 999 }).entity('host:h1')).toBeUndefined();
    expect(twin.view({ asOf: 4_999 }).entity('host:h1')?.props.cpuCores).toBe(32);
    expect(twin.view({ asOf: 5_000 }).entity('host:h1')?.props.cpuCores).toBe(64);
    expect(twin.view({ asOf: 8_000 }).outgoing('vm:v1')).toHaveLength(1);
    expect(twin.view({ seq: 3 }).entity('vm:v1')).toBeUndefined();
    expect(twin.live.entity('host:h1')?.props.cpuCores).toBe(64);
    expect(findEntities(twin.view({ seq: 2 }), { kind: 'vm' }).total).toBe(2);
    expect(findEntities(twin.live, { kind: 'vm' }).total).toBe(1);
  });

  it('restores the same twin after a restart', async () => {
    const { twin, store } = await smallTwin();
    const fork = await twin.createFork({ name: 'what-if', actor: 'alice' });
    await twin.apply({ actor: 'alice', ops: [{ op: 'remove-entity', id: 'host:h3' }] }, { fork: fork.id });
    twin.recordSamples([
      { entityId: 'host:h2', metric: 'cpu_utilization', value: 0.5, ts: 900, source: 'test' },
    ]);
    await twin.close();
    const reopened = await Twin.open({ store, clock: () => 1_000 });
    expect(snapshot(reopened.live)).toEqual(snapshot(twin.live));
    expect(snapshot(reopened.view({ fork: fork.id }))).toEqual(snapshot(twin.view({ fork: fork.id })));
    expect(reopened.live.metrics('host:h2')?.cpu_utilization?.value).toBe(0.5);
    expect(reopened.listChanges()).toEqual(twin.listChanges());
  });
});

describe('Twin forks', () => {
  it('changes a fork without touching the live twin, then diffs and deletes it', async () => {
    const { twin } = await smallTwin();
    const before = snapshot(twin.live);
    const fork = await twin.createFork({ name: 'drain r1', actor: 'alice' });
    await twin.apply(
      {
        actor: 'alice',
        ops: [
          { op: 'remove-entity', id: 'vm:v1' },
          { op: 'patch-entity', id: 'host:h3', props: { cpuCores: 64 } },
          { op: 'upsert-entity', entity: { id: 'vm:v3', kind: 'vm' } },
          { op: 'upsert-relation', relation: { type: 'runs-on', from: 'vm:v3', to: 'host:h3' } },
          { op: 'set-metric', id: 'host:h3', metric: 'cpu_utilization', value: 0.9 },
        ],
      },
      { fork: fork.id },
    );
    expect(snapshot(twin.live)).toEqual(before);
    const view = twin.view({ fork: fork.id });
    expect(view.entity('vm:v1')).toBeUndefined();
    expect(
      view
        .incoming('host:h3', 'runs-on')
        .map((relation) => relation.from)
        .sort(),
    ).toEqual(['vm:v2', 'vm:v3']);
    expect(view.metrics('host:h3')?.cpu_utilization).toMatchObject({ value: 0.9, origin: 'predicted' });
    const diff = twin.diffFork(fork.id);
    expect(diff.entities.added.map((entity) => entity.id)).toEqual(['vm:v3']);
    expect(diff.entities.removed.map((entity) => entity.id)).toEqual(['vm:v1']);
    expect(diff.entities.changed).toEqual([
      { id: 'host:h3', kind: 'host', changes: [{ field: 'props.cpuCores', before: 16, after: 64 }] },
    ]);
    expect(diff.relations.removed.map((relation) => relation.id).sort()).toEqual([
      'runs-on:service:web->vm:v1',
      'runs-on:vm:v1->host:h1',
    ]);
    expect(diff.metrics).toEqual([{ id: 'host:h3', metric: 'cpu_utilization', after: 0.9 }]);
    await twin.deleteFork(fork.id, 'alice');
    expect(() => twin.view({ fork: fork.id })).toThrow(/no fork/);
  });

  it('keeps seeing its base when the live twin moves on', async () => {
    const { twin } = await smallTwin();
    const fork = await twin.createFork({ name: 'f', actor: 'alice' });
    await twin.apply({ actor: 'bob', ops: [{ op: 'remove-entity', id: 'host:h2' }] });
    expect(twin.view({ fork: fork.id }).entity('host:h2')).toBeDefined();
    expect(isEmptyDiff(twin.diffFork(fork.id))).toBe(true);
  });

  it('forks a fork with the parent changes copied', async () => {
    const { twin } = await smallTwin();
    const parent = await twin.createFork({ name: 'p', actor: 'alice' });
    await twin.apply({ actor: 'alice', ops: [{ op: 'remove-entity', id: 'vm:v2' }] }, { fork: parent.id });
    const child = await twin.createFork({ name: 'c', parent: parent.id, actor: 'alice' });
    await twin.apply({ actor: 'alice', ops: [{ op: 'remove-entity', id: 'vm:v1' }] }, { fork: child.id });
    expect(twin.view({ fork: child.id }).entity('vm:v2')).toBeUndefined();
    expect(twin.view({ fork: parent.id }).entity('vm:v1')).toBeDefined();
    expect(child.parent).toBe(parent.id);
  });

  it('reproduces a fork by applying its diff to its base (property)', async () => {
    const { twin } = await smallTwin();
    const ids = [...twin.live.entities()].map((entity) => entity.id);
    const vmIds = ['vm:v1', 'vm:v2', 'vm:n1', 'vm:n2'];
    const hostIds = ['host:h1', 'host:h2', 'host:h3'];
    const opArb: fc.Arbitrary<Operation> = fc.oneof(
      fc.record({ op: fc.constant('remove-entity' as const), id: fc.constantFrom(...ids) }),
      fc.record({
        op: fc.constant('patch-entity' as const),
        id: fc.constantFrom(...ids),
        props: fc.dictionary(
          fc.constantFrom('os', 'model', 'note'),
          fc.oneof(fc.string(), fc.constant(null)),
        ),
      }),
      fc.record({
        op: fc.constant('upsert-entity' as const),
        entity: fc.record({
          id: fc.constantFrom(...vmIds),
          kind: fc.constant('vm'),
          labels: fc.dictionary(fc.constantFrom('env', 'team'), fc.constantFrom('prod', 'dev', 'a')),
        }),
      }),
      fc.record({
        op: fc.constant('upsert-relation' as const),
        relation: fc.record({
          type: fc.constant('runs-on' as const),
          from: fc.constantFrom(...vmIds),
          to: fc.constantFrom(...hostIds),
          props: fc.dictionary(fc.constantFrom('weight'), fc.integer()),
        }),
      }),
      fc.record({
        op: fc.constant('set-metric' as const),
        id: fc.constantFrom(...hostIds),
        metric: fc.constantFrom('cpu_utilization', 'power_watts'),
        value: fc.double({ min: 0, max: 1000, noNaN: true }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(opArb, { maxLength: 6 }), { maxLength: 5 }), async (batches) => {
        const fork = await twin.createFork({ name: 'random', actor: 'prop' });
        for (const ops of batches) {
          await twin.apply({ actor: 'prop', ops }, { fork: fork.id }).catch((error: unknown) => {
            if (!(error instanceof InputError)) throw error;
          });
        }
        const view = twin.view({ fork: fork.id });
        const replica = await twin.createFork({ name: 'replica', actor: 'prop' });
        await twin.apply(
          { actor: 'prop', ops: diffToOperations(twin.diffFork(fork.id), view) },
          { fork: replica.id },
        );
        const replicaView = twin.view({ fork: replica.id });
        expect(snapshot(replicaView)).toEqual(snapshot(view));
        for (const host of hostIds) {
          const values = (v: TwinView) =>
            Object.fromEntries(Object.entries(v.metrics(host) ?? {}).map(([k, m]) => [k, m.value]));
          expect(values(replicaView)).toEqual(values(view));
        }
        await twin.deleteFork(fork.id, 'alice');
        await twin.deleteFork(replica.id, 'prop');
      }),
      { numRuns: 60 },
    );
  });
});

describe('Twin state', () => {
  it('keeps the latest value of each metric and derives health from kind thresholds', async () => {
    const { twin } = await smallTwin(new MemoryTwinStore(), clockFrom(100_000));
    const outcome = twin.recordSamples([
      {
        entityId: 'rack:dc1/a/r1',
        metric: 'inlet_temperature_celsius',
        value: 24,
        ts: 99_000,
        source: 'plant',
      },
      {
        entityId: 'rack:dc1/a/r2',
        metric: 'inlet_temperature_celsius',
        value: 29,
        ts: 99_000,
        source: 'plant',
      },
      { entityId: 'host:h1', metric: 'cpu_utilization', value: 0.97, ts: 99_000, source: 'plant' },
      { entityId: 'host:h1', metric: 'cpu_utilization', value: 0.1, ts: 10, source: 'late' },
      { entityId: 'host:nope', metric: 'cpu_utilization', value: 1, ts: 99_000, source: 'plant' },
      { entityId: 'host:h2', metric: 'cpu_utilization', value: Number.NaN, ts: 99_000, source: 'plant' },
    ]);
    expect(outcome.accepted).toBe(3);
    expect(outcome.rejected.map((item) => item.index)).toEqual([4, 5]);
    const health = (id: string) => {
      const entity = twin.live.entity(id);
      if (!entity) throw new Error(id);
      return twin.health(twin.live, entity).health;
    };
    expect(health('rack:dc1/a/r1')).toBe('ok');
    expect(health('rack:dc1/a/r2')).toBe('warning');
    expect(health('host:h1')).toBe('critical');
    expect(health('host:h2')).toBe('unknown');
    twin.recordSamples([
      {
        entityId: 'rack:dc1/a/r1',
        metric: 'inlet_temperature_celsius',
        value: 33,
        ts: 99_500,
        source: 'plant',
      },
    ]);
    expect(health('rack:dc1/a/r1')).toBe('critical');
  });

  it('tells subscribers about changes and state', async () => {
    const { twin } = await smallTwin();
    const events: TwinEvent[] = [];
    const stop = twin.subscribe((event) => events.push(event));
    twin.recordSamples([{ entityId: 'host:h1', metric: 'power_watts', value: 300, ts: 1, source: 'plant' }]);
    await twin.apply({ actor: 'bob', ops: [{ op: 'patch-entity', id: 'host:h2', labels: { env: 'dev' } }] });
    stop();
    twin.recordSamples([{ entityId: 'host:h1', metric: 'power_watts', value: 301, ts: 2, source: 'plant' }]);
    expect(events.map((event) => event.type)).toEqual(['state', 'change']);
    expect(events[1]).toMatchObject({
      type: 'change',
      entityIds: ['host:h2'],
      changeSet: { seq: 2, actor: 'bob' },
    });
  });
});

describe('queries', () => {
  it('selects by kind and label selector, and relations by endpoint kinds and props', async () => {
    const { twin } = await smallTwin();
    const prodHosts = findEntities(twin.live, {
      kind: 'host',
      selector: parseLabelSelector('env=prod,team in (web,data)'),
    });
    expect(prodHosts.items.map((entity) => entity.id)).toEqual(['host:h1', 'host:h2']);
    expect(
      findEntities(twin.live, { selector: parseLabelSelector('!env') }).items.some(
        (e) => e.id === 'site:dc1',
      ),
    ).toBe(true);
    const calls = findRelations(twin.live, {
      type: 'depends-on',
      where: [parsePropFilter('callsPerRequest>=2')],
    });
    expect(calls.items.map((relation) => relation.id)).toEqual(['depends-on:service:web->service:db']);
    expect(
      findRelations(twin.live, { type: 'depends-on', where: [parsePropFilter('callsPerRequest>2')] }).total,
    ).toBe(0);
    const hostPower = findRelations(twin.live, { type: 'powered-by', fromKind: 'host', toKind: 'pdu' });
    expect(hostPower.total).toBe(6);
    const page = findEntities(twin.live, { kind: 'pdu', limit: 2, offset: 3 });
    expect(page).toMatchObject({ total: 4, offset: 3 });
    expect(page.items).toHaveLength(1);
  });
});

describe('staleness', () => {
  it('announces once, with a state event, an entity whose source stopped reporting, and again after it comes back and stops', async () => {
    let now = 1_000_000;
    const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => now, staleAfterMs: 10_000 });
    await twin.apply({ actor: 't', ops: [{ op: 'upsert-entity', entity: { id: 'host:a', kind: 'host' } }] });
    const events: string[] = [];
    twin.subscribe((event) => {
      if (event.type === 'state' && Object.keys(event.metrics).length === 0) events.push(event.entityId);
    });
    twin.recordSamples([{ entityId: 'host:a', metric: 'cpu_utilization', value: 0.5, ts: now, source: 't' }]);
    expect(twin.sweepStale()).toBe(0);
    now += 10_001;
    expect(twin.health(twin.live, twin.live.entity('host:a')!).health).toBe('unknown');
    expect(twin.sweepStale()).toBe(1);
    expect(twin.sweepStale()).toBe(0);
    twin.recordSamples([{ entityId: 'host:a', metric: 'cpu_utilization', value: 0.5, ts: now, source: 't' }]);
    expect(twin.sweepStale()).toBe(0);
    now += 20_000;
    expect(twin.sweepStale()).toBe(1);
    expect(events).toEqual(['host:a', 'host:a']);
  });

  it('tells state listeners whether the update changed the health, for samples and for staleness', async () => {
    let now = 1_000_000;
    const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => now, staleAfterMs: 10_000 });
    await twin.apply({ actor: 't', ops: [{ op: 'upsert-entity', entity: { id: 'host:a', kind: 'host' } }] });
    const changed: boolean[] = [];
    twin.subscribe((event) => {
      if (event.type === 'state') changed.push(event.healthChanged(), event.healthChanged());
    });
    const cpu = (value: number) =>
      twin.recordSamples([{ entityId: 'host:a', metric: 'cpu_utilization', value, ts: now, source: 't' }]);
    cpu(0.5); // unknown → ok
    cpu(0.6); // ok → ok
    cpu(0.96); // ok → critical
    cpu(0.1); // critical → ok
    twin.recordSamples([
      { entityId: 'host:a', metric: 'cpu_utilization', value: 0.99, ts: now + 1, source: 't' },
      { entityId: 'host:a', metric: 'cpu_utilization', value: 0.2, ts: now + 2, source: 't' },
    ]); // ok → ok over the batch, though critical in between
    now += 10_003;
    twin.sweepStale(); // ok → unknown
    twin.recordSamples([
      { entityId: 'host:a', metric: 'memory_utilization', value: 0.99, ts: now - 20_000, source: 't' },
    ]); // unknown → unknown: too old to count
    expect(changed).toEqual([
      true,
      true,
      false,
      false,
      true,
      true,
      true,
      true,
      false,
      false,
      true,
      true,
      false,
      false,
    ]);
  });
});
