import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Prediction } from './alert.js';
import { AlertBook, type AlertChange } from './alert-book.js';
import { ConflictError, NotFoundError } from './errors.js';
import { MemoryTwinStore } from './memory-twin-store.js';

function prediction(key: string, overrides: Partial<Prediction> = {}): Prediction {
  const entityId = overrides.entityId ?? `volume:${key}`;
  return {
    key,
    kind: 'disk-full',
    source: 'risk',
    entityId,
    entities: [entityId],
    severity: 'warning',
    summary: `${key} full in 3 d`,
    expectedAtMs: 10 * 86_400_000,
    confidence: 0.8,
    evidence: { slopePerHour: 0.01 },
    ...overrides,
  };
}

async function book(store = new MemoryTwinStore()) {
  let now = 1_000;
  const alerts = await AlertBook.open(store, { clock: () => now });
  return {
    alerts,
    store,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('AlertBook', () => {
  it('opens an alert per new key, updates it when reported again, and resolves it when no longer reported', async () => {
    const { alerts, advance } = await book();
    const opened = await alerts.sync('risk', [prediction('a'), prediction('b')]);
    expect(opened.map((change) => [change.action, change.alert.key])).toStrictEqual([
      ['opened', 'a'],
      ['opened', 'b'],
    ]);
    advance(30_000);
    const quiet = await alerts.sync('risk', [prediction('a'), prediction('b')]);
    expect(quiet).toStrictEqual([]);
    expect(alerts.list({ status: 'open' }).map((alert) => alert.occurrences)).toStrictEqual([2, 2]);
    advance(30_000);
    const worse = await alerts.sync('risk', [prediction('a', { severity: 'critical' })]);
    expect(worse.map((change) => [change.action, change.alert.key, change.alert.status])).toStrictEqual([
      ['updated', 'a', 'open'],
      ['resolved', 'b', 'resolved'],
    ]);
    expect(alerts.get(worse[1]?.alert.id as string).resolvedBy).toBe('condition cleared');
  });

  it('pages the list: the same order as list(), the total of every match, only the page copied', async () => {
    const { alerts, advance } = await book();
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      await alerts.sync(key, [prediction(key, { source: key })]);
      advance(1_000);
    }
    const all = alerts.list().map((alert) => alert.key);
    expect(all).toStrictEqual(['e', 'd', 'c', 'b', 'a']);
    const page = alerts.page({}, 1, 2);
    expect(page.total).toBe(5);
    expect(page.items.map((alert) => alert.key)).toStrictEqual(['d', 'c']);
    expect(alerts.page({}, 4, 10).items.map((alert) => alert.key)).toStrictEqual(['a']);
    expect(alerts.page({}, 9, 10)).toStrictEqual({ items: [], total: 5 });
    expect(alerts.page({ source: 'c' }, 0, 0)).toStrictEqual({ items: [], total: 1 });
    // A copy: changing the answer does not change the book.
    (page.items[0] as { summary: string }).summary = 'changed';
    expect(alerts.list()[1]?.summary).toBe('d full in 3 d');
  });

  it('waits resolveAfterMs of silence before resolving, so a condition at its limit does not flap', async () => {
    let now = 0;
    const alerts = await AlertBook.open(new MemoryTwinStore(), { clock: () => now, resolveAfterMs: 120_000 });
    const [opened] = await alerts.sync('risk', [prediction('a')]);
    now = 60_000;
    expect(await alerts.sync('risk', [])).toStrictEqual([]);
    now = 90_000;
    expect(await alerts.sync('risk', [prediction('a')])).toStrictEqual([]);
    now = 200_000;
    expect(await alerts.sync('risk', [])).toStrictEqual([]);
    now = 210_000;
    const resolved = await alerts.sync('risk', []);
    expect(resolved.map((change) => [change.action, change.alert.id])).toStrictEqual([
      ['resolved', opened?.alert.id],
    ]);
  });

  it('leaves the alerts of other sources alone', async () => {
    const { alerts } = await book();
    await alerts.sync('risk', [prediction('a')]);
    await alerts.sync('lint', [prediction('dup-ip', { source: 'lint', kind: 'lint:duplicate-ip' })]);
    const changes = await alerts.sync('lint', []);
    expect(changes.map((change) => change.alert.key)).toStrictEqual(['dup-ip']);
    expect(alerts.list({ status: 'open' }).map((alert) => alert.key)).toStrictEqual(['a']);
  });

  it('acknowledges and resolves by hand; a condition still reported afterwards opens a new alert', async () => {
    const { alerts, advance } = await book();
    const [first] = await alerts.sync('risk', [prediction('a')]);
    const id = first?.alert.id as string;
    const acknowledged = await alerts.acknowledge(id, 'alice');
    expect(acknowledged).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'alice',
      acknowledgedAtMs: 1_000,
    });
    expect(await alerts.sync('risk', [prediction('a')])).toStrictEqual([]);
    expect(alerts.get(id).status).toBe('acknowledged');
    advance(5_000);
    await alerts.resolve(id, 'bob');
    await expect(alerts.acknowledge(id, 'alice')).rejects.toThrow(ConflictError);
    const again = await alerts.sync('risk', [prediction('a')]);
    expect(again).toHaveLength(1);
    expect(again[0]?.action).toBe('opened');
    expect(again[0]?.alert.id).not.toBe(id);
    await expect(alerts.acknowledge('alert-999', 'alice')).rejects.toThrow(NotFoundError);
  });

  it('reports a moved expected time only when it moves by more than a tenth of the time left', async () => {
    const { alerts } = await book();
    await alerts.sync('risk', [prediction('a', { expectedAtMs: 1_000 + 100_000_000 })]);
    expect(await alerts.sync('risk', [prediction('a', { expectedAtMs: 1_000 + 105_000_000 })])).toStrictEqual(
      [],
    );
    const moved = await alerts.sync('risk', [prediction('a', { expectedAtMs: 1_000 + 130_000_000 })]);
    expect(moved.map((change) => change.action)).toStrictEqual(['updated']);
    expect(moved[0]?.alert.expectedAtMs).toBe(1_000 + 130_000_000);
  });

  it('keeps the claim to be judged when the predicted failure arrives and the finding reports the present', async () => {
    const { alerts } = await book();
    const claim = { metric: 'disk_used_ratio', threshold: 0.95, direction: 'above' as const };
    const [opened] = await alerts.sync('risk', [
      prediction('a', { claim, expectedAtMs: 50_000, expectedRange: [40_000, 60_000] }),
    ]);
    const now = prediction('a', { severity: 'critical', summary: 'a full now' });
    delete now.expectedAtMs;
    await alerts.sync('risk', [now]);
    const alert = alerts.get(opened?.alert.id as string);
    expect(alert).toMatchObject({ severity: 'critical', summary: 'a full now', claim, expectedAtMs: 50_000 });
    expect(alert.expectedRange).toStrictEqual([40_000, 60_000]);
  });

  it('tells listeners, persists every change, and restores open alerts with their keys after a restart', async () => {
    const store = new MemoryTwinStore();
    const { alerts } = await book(store);
    const heard: AlertChange[] = [];
    alerts.onChange((changes) => heard.push(...changes));
    const [opened] = await alerts.sync('risk', [prediction('a')]);
    await alerts.acknowledge(opened?.alert.id as string, 'alice');
    expect(heard.map((change) => change.action)).toStrictEqual(['opened', 'acknowledged']);

    const restarted = await AlertBook.open(store, { clock: () => 2_000 });
    expect(restarted.list()).toStrictEqual(alerts.list());
    expect(await restarted.sync('risk', [prediction('a')])).toStrictEqual([]);
    const [next] = await restarted.sync('risk', [prediction('a'), prediction('c')]);
    expect(next?.alert.id).toBe('alert-2');
  });

  it('scores once and summarises accuracy per kind', async () => {
    const { alerts } = await book();
    const changes = await alerts.sync('risk', [
      prediction('a'),
      prediction('b'),
      prediction('c'),
      prediction('m', { kind: 'memory-leak' }),
    ]);
    const [a, b, c] = changes.map((change) => change.alert.id);
    expect(
      await alerts.score(a as string, { verdict: 'hit', scoredAtMs: 9, timeErrorMs: -600, leadTimeMs: 1000 }),
    ).toBe(true);
    expect(await alerts.score(a as string, { verdict: 'miss', scoredAtMs: 10 })).toBe(false);
    await alerts.score(b as string, { verdict: 'hit', scoredAtMs: 9, timeErrorMs: 200, leadTimeMs: 3000 });
    await alerts.score(c as string, { verdict: 'miss', scoredAtMs: 9 });
    expect(alerts.accuracy()).toStrictEqual([
      {
        kind: 'disk-full',
        alerts: 3,
        scored: 3,
        hits: 2,
        misses: 1,
        averted: 0,
        precision: 2 / 3,
        medianAbsTimeErrorMs: 400,
        medianLeadTimeMs: 2000,
      },
      { kind: 'memory-leak', alerts: 1, scored: 0, hits: 0, misses: 0, averted: 0 },
    ]);
  });

  it('keeps at most one unresolved alert per key whatever the sequence of reports', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.subarray(['a', 'b', 'c', 'd']), { maxLength: 12 }), async (rounds) => {
        const { alerts } = await book();
        for (const keys of rounds) {
          await alerts.sync(
            'risk',
            keys.map((key) => prediction(key)),
          );
          const active = alerts.list({ status: ['open', 'acknowledged'] }).map((alert) => alert.key);
          expect(new Set(active).size).toBe(active.length);
          expect([...active].sort()).toStrictEqual([...keys].sort());
        }
      }),
      { numRuns: 100 },
    );
  });
});
