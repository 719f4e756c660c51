import { describe, expect, it } from 'vitest';
import { smallEstateOperations } from '../../test/fixtures/small-estate.js';
import { computeImpact } from './impact.js';
import { MemoryTwinStore } from './memory-twin-store.js';
import { computePowerPath } from './power-path.js';
import { dependencyClosure, shortestPath } from './queries.js';
import { Twin } from './twin.js';

async function smallTwin(): Promise<Twin> {
  const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => 1_000 });
  await twin.apply({ actor: 'test', ops: smallEstateOperations() });
  return twin;
}

const effects = (report: ReturnType<typeof computeImpact>) =>
  Object.fromEntries(report.affected.map((item) => [item.id, item.effect]));

describe('computeImpact (blast radius)', () => {
  it('fails everything in a rack and what runs only there, with the path that explains it', async () => {
    const twin = await smallTwin();
    const report = computeImpact(twin.live, ['rack:dc1/a/r1']);
    const effect = effects(report);
    expect(effect['host:h1']).toBe('failed');
    expect(effect['host:h2']).toBe('failed');
    expect(effect['pdu:dc1/a/r1-a']).toBe('failed');
    expect(effect['switch:tor-1']).toBe('failed');
    expect(effect['vm:v1']).toBe('failed');
    expect(effect['container:db-0']).toBe('failed');
    expect(effect['service:db']).toBe('failed');
    // web keeps a replica in rack r2, but its only database is gone.
    expect(effect['service:web']).toBe('failed');
    const web = report.affected.find((item) => item.id === 'service:web');
    expect(web?.via).toBe('depends-on');
    expect(web?.path).toEqual(['rack:dc1/a/r1', 'host:h2', 'container:db-0', 'service:db', 'service:web']);
    expect(effect['host:h3']).toBeUndefined();
    expect(effect['vm:v2']).toBeUndefined();
    expect(report.counts.failed).toBe(report.affected.filter((item) => item.effect === 'failed').length);
    expect(report.byKind.host?.failed).toBe(2);
  });

  it('only degrades dual-fed hosts when one PDU fails', async () => {
    const twin = await smallTwin();
    const report = computeImpact(twin.live, ['pdu:dc1/a/r1-a']);
    expect(effects(report)).toEqual({ 'host:h1': 'degraded', 'host:h2': 'degraded' });
    expect(report.affected[0]).toMatchObject({ lost: 1, of: 2, via: 'powered-by' });
  });

  it('fails hosts when both power sides fail, through UPS and PDU', async () => {
    const twin = await smallTwin();
    const report = computeImpact(twin.live, ['power-feed:dc1-a', 'power-feed:dc1-b']);
    const effect = effects(report);
    for (const id of ['ups:dc1/a-1', 'pdu:dc1/a/r2-b', 'host:h1', 'host:h3', 'vm:v2', 'service:web']) {
      expect(effect[id], id).toBe('failed');
    }
    const h3 = report.affected.find((item) => item.id === 'host:h3');
    expect(h3?.path[0]).toMatch(/^power-feed:/);
    expect(h3?.path).toHaveLength(4);
  });

  it('degrades callers of a degraded service and ignores peer links', async () => {
    const twin = await smallTwin();
    const report = computeImpact(twin.live, ['host:h3']);
    const effect = effects(report);
    expect(effect['vm:v2']).toBe('failed');
    expect(effect['service:web']).toBe('degraded');
    expect(effect['switch:tor-1']).toBeUndefined();
  });

  it('degrades racks when one of two cooling units fails', async () => {
    const twin = await smallTwin();
    expect(effects(computeImpact(twin.live, ['cooling-unit:dc1/a-1']))).toEqual({
      'rack:dc1/a/r1': 'degraded',
      'rack:dc1/a/r2': 'degraded',
    });
  });

  it('stops degradation at an entity that lost only a redundant provider', async () => {
    const twin = await smallTwin();
    await twin.apply({
      actor: 'test',
      ops: [
        { op: 'upsert-entity', entity: { id: 'load-balancer:lb-1', kind: 'load-balancer' } },
        {
          op: 'upsert-relation',
          relation: { type: 'powered-by', from: 'load-balancer:lb-1', to: 'pdu:dc1/a/r2-a' },
        },
        {
          op: 'upsert-relation',
          relation: { type: 'powered-by', from: 'load-balancer:lb-1', to: 'pdu:dc1/a/r2-b' },
        },
        {
          op: 'upsert-relation',
          relation: { type: 'depends-on', from: 'service:web', to: 'load-balancer:lb-1' },
        },
      ],
    });
    // The balancer runs on its second PSU at full capacity: its callers do not notice.
    const report = effects(computeImpact(twin.live, ['pdu:dc1/a/r2-a']));
    expect(report['load-balancer:lb-1']).toBe('degraded');
    expect(report['service:web']).toBeUndefined();
    // Losing a replica is capacity lost, and the caller feels it.
    expect(effects(computeImpact(twin.live, ['vm:v1']))['service:web']).toBe('degraded');
  });

  it('treats depends-on callees as each required unless they share a group', async () => {
    const twin = await smallTwin();
    await twin.apply({
      actor: 'test',
      ops: [
        { op: 'upsert-entity', entity: { id: 'load-balancer:lb-1', kind: 'load-balancer' } },
        { op: 'upsert-entity', entity: { id: 'load-balancer:lb-2', kind: 'load-balancer' } },
        {
          op: 'upsert-relation',
          relation: {
            type: 'depends-on',
            from: 'service:web',
            to: 'load-balancer:lb-1',
            props: { group: 'lb' },
          },
        },
        {
          op: 'upsert-relation',
          relation: {
            type: 'depends-on',
            from: 'service:web',
            to: 'load-balancer:lb-2',
            props: { group: 'lb' },
          },
        },
      ],
    });
    expect(effects(computeImpact(twin.live, ['load-balancer:lb-1']))['service:web']).toBe('degraded');
    expect(
      effects(computeImpact(twin.live, ['load-balancer:lb-1', 'load-balancer:lb-2']))['service:web'],
    ).toBe('failed');
    expect(effects(computeImpact(twin.live, ['service:db']))['service:web']).toBe('failed');
  });

  it('refuses an unknown entity', async () => {
    const twin = await smallTwin();
    expect(() => computeImpact(twin.live, ['host:nope'])).toThrow(/no entity/);
  });
});

describe('computePowerPath', () => {
  it('lists both feeds down to the host with load against rating at each hop', async () => {
    const twin = await smallTwin();
    twin.recordSamples([
      { entityId: 'host:h1', metric: 'power_watts', value: 400, ts: 900, source: 'test' },
      { entityId: 'host:h2', metric: 'power_watts', value: 600, ts: 900, source: 'test' },
      { entityId: 'host:h3', metric: 'power_watts', value: 1_000, ts: 900, source: 'test' },
    ]);
    const report = computePowerPath(twin.live, 'host:h1');
    expect(report.paths).toHaveLength(2);
    const [first] = report.paths;
    expect(first?.map((hop) => hop.kind)).toEqual(['power-feed', 'ups', 'pdu', 'rack', 'host']);
    const byId = Object.fromEntries(first?.map((hop) => [hop.id, hop]) ?? []);
    expect(byId['host:h1']).toMatchObject({ loadWatts: 400, measured: true });
    // Each PDU of rack r1 carries half of h1 and half of h2.
    expect(byId['pdu:dc1/a/r1-a']).toMatchObject({
      loadWatts: 500,
      ratedWatts: 5_000,
      loadRatio: 0.1,
      measured: false,
    });
    expect(byId['rack:dc1/a/r1']).toMatchObject({ loadWatts: 1_000, ratedWatts: 8_000 });
    // UPS 1 feeds the A side of both racks: half of every host.
    expect(byId['ups:dc1/a-1']?.loadWatts).toBe(1_000);
  });

  it('does not count a rack powered by its PDUs on top of the devices it holds', async () => {
    const twin = await smallTwin();
    await twin.apply({
      actor: 'test',
      ops: [
        {
          op: 'upsert-relation',
          relation: { type: 'powered-by', from: 'rack:dc1/a/r1', to: 'pdu:dc1/a/r1-a' },
        },
        {
          op: 'upsert-relation',
          relation: { type: 'powered-by', from: 'rack:dc1/a/r1', to: 'pdu:dc1/a/r1-b' },
        },
      ],
    });
    twin.recordSamples([
      { entityId: 'host:h1', metric: 'power_watts', value: 400, ts: 900, source: 'test' },
      { entityId: 'host:h2', metric: 'power_watts', value: 600, ts: 900, source: 'test' },
    ]);
    const hop = computePowerPath(twin.live, 'host:h1')
      .paths.flat()
      .find((item) => item.id === 'pdu:dc1/a/r1-a');
    expect(hop?.loadWatts).toBe(500);
  });

  it('prefers a measured hop load over the sum below it', async () => {
    const twin = await smallTwin();
    twin.recordSamples([
      { entityId: 'ups:dc1/a-1', metric: 'power_watts', value: 7_777, ts: 900, source: 'test' },
    ]);
    const hop = computePowerPath(twin.live, 'host:h1')
      .paths.flat()
      .find((item) => item.id === 'ups:dc1/a-1');
    expect(hop).toMatchObject({ loadWatts: 7_777, measured: true });
  });
});

describe('dependency queries', () => {
  it('finds everything a service needs, transitively', async () => {
    const twin = await smallTwin();
    const needs = dependencyClosure(twin.live, 'service:web', 'providers').map((node) => node.id);
    expect(needs).toEqual(
      expect.arrayContaining(['vm:v1', 'host:h1', 'service:db', 'pdu:dc1/a/r1-a', 'power-feed:dc1-a']),
    );
    expect(needs).not.toContain('service:web');
  });

  it('finds a shortest path over chosen relation types', async () => {
    const twin = await smallTwin();
    const path = shortestPath(twin.live, 'service:web', 'rack:dc1/a/r2', { types: ['runs-on', 'contains'] });
    expect(path?.map((step) => step.to)).toEqual(['vm:v2', 'host:h3', 'rack:dc1/a/r2']);
    expect(
      shortestPath(twin.live, 'service:web', 'rack:dc1/a/r2', { types: ['powered-by'] }),
    ).toBeUndefined();
  });
});
