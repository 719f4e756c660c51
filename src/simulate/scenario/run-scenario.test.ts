import { describe, expect, it } from 'vitest';
import { InputError, MemoryTwinStore, Twin } from '../../model/index.js';
import { createEmulator, estateOperations, generateEstate } from '../../plant/index.js';
import { parseScenario } from './parse-scenario.js';
import { runScenario } from './run-scenario.js';
import type { ScenarioResult } from './scenario-result.js';

/** The demo plant's estate with one emulated sample of every metric, as the live mirror would hold it. */
async function plantTwin(hosts = 40): Promise<Twin> {
  const estate = generateEstate({ hosts, seed: 7 });
  const startMs = Date.UTC(2026, 0, 5, 14);
  const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => startMs });
  await twin.apply({
    actor: 'plant',
    reason: 'test estate',
    ops: estateOperations(estate),
  });
  twin.recordSamples(createEmulator(estate, { seed: 7, startMs }).step(startMs).samples);
  return twin;
}

function service(result: ScenarioResult, id: string) {
  const found = result.entities.find((entity) => entity.id === id);
  if (!found) throw new Error(`no prediction for ${id}`);
  return found;
}

describe('runScenario on the demo plant', () => {
  it('doubles the traffic through the call graph, slows every modelled service and keeps the live twin untouched', async () => {
    const twin = await plantTwin();
    const live = twin.view().metrics('service:storefront')?.latency_p99_seconds;
    const result = await runScenario(
      twin,
      parseScenario({ name: 'double', steps: [{ traffic: { multiplier: 2 } }] }),
      {
        actor: 'test',
      },
    );
    const services = result.entities.filter((entity) => entity.status?.scenario === 'ok');
    expect(services.length).toBeGreaterThan(3);
    for (const entity of services) {
      const rate = entity.metrics.request_rate_per_second;
      expect(rate?.scenario).toBeCloseTo(2 * (rate?.base ?? 0), 6);
      expect(entity.metrics.latency_p99_seconds?.change ?? 0).toBeGreaterThan(0);
    }
    expect(result.headroom.base.multiplier).toBeGreaterThan(1);
    expect(result.summary.headroomBase).toBe(result.headroom.base.multiplier);
    // The fork holds the predictions; the live twin still holds what was measured.
    const predicted = twin.view({ fork: result.fork }).metrics('service:storefront')?.latency_p99_seconds;
    expect(predicted?.origin).toBe('predicted');
    expect(predicted?.value).toBeCloseTo(
      service(result, 'service:storefront').metrics.latency_p99_seconds?.scenario ?? 0,
      9,
    );
    expect(twin.view().metrics('service:storefront')?.latency_p99_seconds).toEqual(live);
  });

  it('calibrates: services without a declared demand get one from the utilisation law, and the base matches measurements', async () => {
    const twin = await plantTwin();
    const result = await runScenario(twin, parseScenario({ name: 'as-is', steps: [] }), { actor: 'test' });
    expect(
      result.notes.some(
        (note) => note.entity.startsWith('database:') && /utilisation law/.test(note.message),
      ),
    ).toBe(true);
    const measured = twin.view().metrics('service:storefront')?.latency_p99_seconds?.value as number;
    expect(service(result, 'service:storefront').metrics.latency_p99_seconds?.base).toBeCloseTo(measured, 6);
    expect(result.violations).toEqual([]);
  });

  it('scales a service out on the fork: more replicas, lower utilisation, and the containers exist only there', async () => {
    const twin = await plantTwin();
    const before = twin.view().outgoing('service:checkout', 'runs-on').length;
    const result = await runScenario(
      twin,
      parseScenario({
        name: 'scale',
        steps: [{ scale: { service: 'service:checkout', replicas: before + 4 } }],
      }),
      { actor: 'test' },
    );
    const checkout = service(result, 'service:checkout');
    expect(checkout.metrics.replicas?.scenario).toBe(before + 4);
    expect(checkout.metrics.replica_cpu_utilization?.change ?? 0).toBeLessThan(0);
    expect(twin.view({ fork: result.fork }).outgoing('service:checkout', 'runs-on')).toHaveLength(before + 4);
    expect(twin.view().outgoing('service:checkout', 'runs-on')).toHaveLength(before);
  });

  it('deploys a new service that a caller calls: it gets the caller’s traffic and adds to the caller’s time', async () => {
    const twin = await plantTwin();
    const result = await runScenario(
      twin,
      parseScenario({
        name: 'deploy',
        steps: [
          {
            deploy: {
              service: 'service:fraud-check',
              replicas: 2,
              cores: 2,
              demandSeconds: 0.01,
              placeOn: { role: 'kubernetes-node' },
              calledBy: [{ service: 'service:checkout', callsPerRequest: 1 }],
            },
          },
        ],
      }),
      { actor: 'test' },
    );
    const fraud = service(result, 'service:fraud-check');
    const checkout = service(result, 'service:checkout');
    expect(fraud.status?.base).toBeNull();
    expect(fraud.metrics.request_rate_per_second?.scenario).toBeCloseTo(
      checkout.metrics.request_rate_per_second?.scenario ?? 0,
      6,
    );
    expect(checkout.metrics.latency_mean_seconds?.change ?? 0).toBeGreaterThan(0.01);
  });

  it('migrates a service to a cloud region: calls cross the WAN, and the cost of instances and egress appears', async () => {
    const twin = await plantTwin();
    await twin.apply({
      actor: 'test',
      ops: [
        {
          op: 'upsert-entity',
          entity: { id: 'cloud-region:eu-west-1', kind: 'cloud-region', name: 'eu-west-1' },
        },
      ],
    });
    const result = await runScenario(
      twin,
      parseScenario({
        name: 'migrate',
        interSiteRoundTrip: '25ms',
        prices: {
          instanceHourly: { 'm6i.xlarge': 0.192 },
          egressPerGb: { internet: 0.09, interRegion: 0.02, intraRegion: 0.01 },
        },
        steps: [
          {
            migrate: {
              service: 'service:cart',
              region: 'cloud-region:eu-west-1',
              instanceType: 'm6i.xlarge',
            },
          },
        ],
      }),
      { actor: 'test' },
    );
    const replicas = twin.view({ fork: result.fork }).outgoing('service:cart', 'runs-on');
    expect(replicas.every((relation) => relation.to.startsWith('cloud-instance:'))).toBe(true);
    // Same cores in the cloud: what checkout gains is the WAN round trip on its calls to cart.
    expect(service(result, 'service:checkout').metrics.latency_mean_seconds?.change ?? 0).toBeGreaterThan(
      0.01,
    );
    expect(result.cost?.after).toBeGreaterThan(replicas.length * 0.192 * 730 - 1e-6);
    expect(result.cost?.changed.some((line) => line.category === 'egress' && line.delta > 0)).toBe(true);
  });

  it('refuses a scenario that names entities the twin lacks, and leaves no fork behind', async () => {
    const twin = await plantTwin();
    const forks = twin.listForks().length;
    const run = runScenario(
      twin,
      parseScenario({
        name: 'bad',
        steps: [{ fail: { entity: 'host:nowhere' } }, { scale: { service: 'service:ghost', replicas: 2 } }],
      }),
      { actor: 'test' },
    );
    await expect(run).rejects.toBeInstanceOf(InputError);
    await expect(run).rejects.toMatchObject({
      issues: [{ field: 'steps[0].fail.entity' }, { field: 'steps[1].scale.service' }],
    });
    expect(twin.listForks()).toHaveLength(forks);
  });

  it('fits demands over the history when it has one: the slope, without the replicas’ idle load', async () => {
    const estate = generateEstate({ hosts: 40, seed: 7 });
    const startMs = Date.UTC(2026, 0, 5, 6);
    let now = startMs;
    const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => now });
    await twin.apply({
      actor: 'plant',
      ops: estateOperations(estate),
    });
    // Twelve hours of the plant at 5-minute steps: the morning ramp gives the traffic a range.
    const series = new Map<string, Array<[number, number]>>();
    const emulator = createEmulator(estate, { seed: 7, startMs });
    for (; now <= startMs + 12 * 3_600_000; now += 300_000) {
      const { samples } = emulator.step(now);
      twin.recordSamples(samples);
      for (const sample of samples) {
        const key = `${sample.entityId}|${sample.metric}`;
        const points = series.get(key) ?? [];
        points.push([sample.ts, sample.value]);
        series.set(key, points);
      }
    }
    now -= 300_000;
    const spec = parseScenario({ name: 'as-is', steps: [] });
    const pointLaw = await runScenario(twin, spec, { actor: 'test' });
    const fitted = await runScenario(twin, spec, {
      actor: 'test',
      history: async (entity, metric) => series.get(`${entity}|${metric}`) ?? [],
    });
    const demandOf = (result: ScenarioResult, id: string) => {
      const note = result.notes.find((entry) => entry.entity === id && /^demand/.test(entry.message));
      return { note: note?.message ?? '', ms: Number(/demand ([\d.]+) ms/.exec(note?.message ?? '')?.[1]) };
    };
    const databases = [...twin.view().entitiesOfKind('database')].map((entity) => entity.id);
    expect(databases.length).toBeGreaterThan(0);
    for (const id of databases) {
      const before = demandOf(pointLaw, id);
      const after = demandOf(fitted, id);
      expect(after.note).toMatch(/points of history/);
      expect(after.ms).toBeLessThan(before.ms);
    }
  });
});
