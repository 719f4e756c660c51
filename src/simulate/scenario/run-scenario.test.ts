import { describe, expect, it } from 'vitest';
import { MemoryTwinStore, type Operation, Twin } from '../../model/index.js';
import { createEmulator, generateEstate } from '../../plant/index.js';
import { parseScenario } from './parse-scenario.js';
import { runScenario } from './run-scenario.js';

/** The demo plant's estate with one emulated sample of every metric, as the live mirror would hold it. */
async function plantTwin(hosts = 40): Promise<Twin> {
  const estate = generateEstate({ hosts, seed: 7 });
  const startMs = Date.UTC(2026, 0, 5, 14);
  const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => startMs });
  await twin.apply({
    actor: 'plant',
    reason: 'test estate',
    ops: [
      ...estate.entities.map((entity): Operation => ({ op: 'upsert-entity', entity })),
      ...estate.relations.map((relation): Operation => ({ op: 'upsert-relation', relation })),
    ],
  });
  twin.recordSamples(createEmulator(estate, { seed: 7, startMs }).step(startMs).samples);
  return twin;
}

describe('runScenario on the demo plant', () => {
  it('predicts more load and latency under more traffic, and a headroom above 1', async () => {
    const twin = await plantTwin();
    const result = await runScenario(
      twin,
      parseScenario({ name: 'double', steps: [{ traffic: { multiplier: 2 } }] }),
      {
        actor: 'test',
      },
    );
    console.log(
      JSON.stringify(
        { ...result, entities: result.entities.slice(0, 8), timeline: result.timeline.slice(0, 3) },
        null,
        1,
      ),
    );
    const frontend = result.entities.find((entity) => entity.id === 'service:storefront');
    expect(frontend?.metrics.request_rate_per_second?.scenario).toBeCloseTo(
      2 * (frontend?.metrics.request_rate_per_second?.base ?? 0),
      6,
    );
    expect(result.headroom.base.multiplier).toBeGreaterThan(1);
  });

  it('plays a cooling failure through time: racks warm, hosts throttle or stop, replicas fail over', async () => {
    const twin = await plantTwin();
    const units = [...twin.view().entitiesOfKind('cooling-unit')].filter((unit) =>
      unit.id.includes('dc1/a-'),
    );
    const result = await runScenario(
      twin,
      parseScenario({
        name: 'cooling',
        duration: '2h',
        steps: units.map((unit) => ({ fail: { entity: unit.id } })),
      }),
      { actor: 'test' },
    );
    expect(result.chain.some((step) => step.event === 'throttled' || step.event === 'shut-down')).toBe(true);
  });
});
