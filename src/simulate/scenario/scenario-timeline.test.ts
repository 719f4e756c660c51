import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario.js';
import { runScenario } from './run-scenario.js';
import type { ScenarioResult } from './scenario-result.js';
import { rackTimeConstantSeconds } from './scenario-timeline.js';
import { smallEstate } from './small-estate.fixture.js';

function stepsOf(result: ScenarioResult, event: string) {
  return result.chain.filter((step) => step.event === event);
}

function metric(result: ScenarioResult, id: string, name: string) {
  return result.entities.find((entity) => entity.id === id)?.metrics[name];
}

describe('scenario timeline: power', () => {
  it('trips the surviving PDU of a rack after 30 s of overload, then fails its replicas over', async () => {
    // Each PDU carries half of its rack's two hosts (about 205 W of 300 W) until its twin fails.
    const { twin, ids } = await smallEstate({ rate: 10, pduRatedWatts: 300 });
    const result = await runScenario(
      twin,
      parseScenario({
        name: 'pdu',
        duration: '10m',
        step: '1m',
        steps: [{ fail: { entity: 'pdu:s1/a/r1-a' } }],
      }),
      { actor: 'test' },
    );
    const tripped = stepsOf(result, 'tripped');
    expect(tripped.map((step) => [step.entity, step.atSeconds])).toEqual([['pdu:s1/a/r1-b', 30]]);
    const lost = stepsOf(result, 'power-lost');
    expect(lost.map((step) => [step.entity, step.atSeconds])).toEqual([['rack:s1/a/r1', 30]]);
    const failover = stepsOf(result, 'failed-over');
    expect(failover.length).toBeGreaterThan(0);
    expect(failover.every((step) => step.atSeconds === 90)).toBe(true);
    expect(failover.every((step) => !/host:h[12]\b/.test(step.detail))).toBe(true);
    // Back to full strength on rack r2, with nothing down at the end.
    expect(result.timeline.at(-1)?.hostsDown).toBe(2);
    expect(metric(result, ids.frontend, 'replicas')?.scenario).toBe(2);
  });

  it('runs the UPSes on battery when both feeds fail, and drops the load when the batteries are empty', async () => {
    const { twin, ids } = await smallEstate({ rate: 10, batteryWattHours: 100 });
    const result = await runScenario(
      twin,
      parseScenario({
        name: 'feeds',
        duration: '2h',
        step: '10m',
        steps: [{ fail: { entity: 'power-feed:s1-a' } }, { fail: { entity: 'power-feed:s1-b' } }],
      }),
      { actor: 'test' },
    );
    expect(
      stepsOf(result, 'on-battery')
        .map((step) => step.entity)
        .sort(),
    ).toEqual(['ups:s1-a', 'ups:s1-b']);
    const upsWatts = metric(result, 'ups:s1-a', 'power_watts')?.base as number;
    const exhausted = stepsOf(result, 'battery-exhausted');
    expect(exhausted).toHaveLength(2);
    for (const step of exhausted) expect(step.atSeconds).toBeCloseTo((100 * 3600) / upsWatts, 0);
    expect(stepsOf(result, 'power-lost').length).toBeGreaterThan(0);
    expect(result.entities.find((entity) => entity.id === ids.frontend)?.status?.scenario).toBe('down');
  });
});

describe('scenario timeline: cooling', () => {
  it('warms the racks with a first-order response and throttles hosts when they cross the limit', async () => {
    const { twin } = await smallEstate({ rate: 10 });
    const result = await runScenario(
      twin,
      parseScenario({
        name: 'cooling',
        duration: '1h',
        steps: [{ fail: { entity: 'cooling-unit:s1/a-1' } }, { fail: { entity: 'cooling-unit:s1/a-2' } }],
      }),
      { actor: 'test' },
    );
    const throttled = stepsOf(result, 'throttled');
    expect(throttled.map((step) => step.entity).sort()).toEqual(['rack:s1/a/r1', 'rack:s1/a/r2']);
    // With no cooling the room air rises 25 K; each rack adds 0.5 K per kW of its own heat, 2.5
    // times that with the units feeding its cold aisle stopped.
    const rack = 'rack:s1/a/r1';
    const start = metric(result, rack, 'inlet_temperature_celsius')?.base as number;
    const watts = metric(result, rack, 'power_watts')?.base as number;
    const target = 20 + 25 + (0.5 * 2.5 * watts) / 1000;
    // First order: t = −τ·ln((T∞ − T_th) / (T∞ − T0)).
    const expected = -rackTimeConstantSeconds * Math.log((target - 32) / (target - start));
    const first = throttled.find((step) => step.entity === rack);
    expect(first?.atSeconds).toBeCloseTo(expected, 0);
    expect(expected).toBeGreaterThan(0.2 * rackTimeConstantSeconds);
    const shutdown = stepsOf(result, 'shut-down').find((step) => step.entity === rack);
    if (shutdown) expect(shutdown.atSeconds).toBeGreaterThan(first?.atSeconds ?? 0);
    expect(
      result.violations.some((violation) => violation.kind === 'inlet' && violation.entity === rack),
    ).toBe(true);
  });
});

describe('scenario timeline: failover', () => {
  it('restarts the replicas of a failed host on hosts without one, after the failover delay', async () => {
    const { twin } = await smallEstate({ rate: 10 });
    const result = await runScenario(
      twin,
      parseScenario({ name: 'host', failover: '2m', steps: [{ fail: { entity: 'host:h1' } }] }),
      { actor: 'test' },
    );
    const lost = stepsOf(result, 'replica-lost');
    expect(lost.map((step) => [step.entity, step.atSeconds])).toEqual([['host:h1', 0]]);
    expect(lost[0]?.detail).toMatch(/2 replicas lost/);
    const moved = stepsOf(result, 'failed-over');
    expect(moved.every((step) => step.atSeconds === 120)).toBe(true);
    // Anti-affinity: frontend-2 and backend-2 run on h2, so the replacements go to h3 or h4.
    expect(moved.map((step) => step.detail).join(' ')).not.toMatch(/host:h[12]\b/);
  });

  it('moves the replicas’ memory with them and keeps the network traffic of their calls', async () => {
    const { twin } = await smallEstate({ rate: 10 });
    const result = await runScenario(
      twin,
      parseScenario({ name: 'host', steps: [{ fail: { entity: 'host:h1' } }] }),
      {
        actor: 'test',
      },
    );
    const gib = 1024 ** 3;
    const memory = (id: string) => metric(result, id, 'memory_utilization');
    // h1 held frontend-1 and backend-1 (4 GiB each, nothing else measured); h3 and h4 held nothing,
    // and each takes one of them (anti-affinity, then the most free cores).
    expect(memory('host:h3')?.base).toBe(0);
    expect(memory('host:h3')?.scenario).toBeCloseTo((4 * gib) / (64 * gib), 9);
    expect(memory('host:h4')?.scenario).toBeCloseTo((4 * gib) / (64 * gib), 9);
    expect(memory('host:h2')?.scenario).toBeCloseTo((8 * gib) / (64 * gib), 9);
    // 10 req/s × 4 KiB per call; h3 now runs a frontend replica: a fifth of its calls' bytes out
    // (requests), four fifths in (answers), over the two frontend replicas.
    expect(metric(result, 'host:h3', 'network_transmit_bytes_per_second')?.scenario).toBeCloseTo(
      (10 * 4096 * 0.2) / 2,
      6,
    );
    expect(metric(result, 'host:h3', 'network_receive_bytes_per_second')?.scenario).toBeCloseTo(
      (10 * 4096 * 0.8) / 2,
      6,
    );
  });
});

describe('closed workloads', () => {
  it('turns users and think time into the rate exact MVA gives, and predicts with it', async () => {
    // One user at a time on an idle estate: X = 1 / (think + the round trip), no queueing.
    const { twin, ids } = await smallEstate({ rate: 10, frontendReplicas: 1, backendReplicas: 1 });
    const result = await runScenario(
      twin,
      parseScenario({
        name: 'users',
        steps: [{ users: { service: ids.frontend, population: 1, think: '1s' } }],
      }),
      { actor: 'test' },
    );
    const expected = 1 / (1 + 0.01 + 0.02);
    expect(metric(result, ids.frontend, 'request_rate_per_second')?.scenario).toBeCloseTo(expected, 9);
    expect(
      result.notes.some((note) => note.entity === ids.frontend && /1 users thinking 1 s/.test(note.message)),
    ).toBe(true);
    // Many users saturate the slowest station: throughput tends to its capacity (1 core / 20 ms).
    const crowd = await runScenario(
      twin,
      parseScenario({
        name: 'crowd',
        steps: [{ users: { service: ids.frontend, population: 500, think: '1s' } }],
      }),
      { actor: 'test' },
    );
    const rate = metric(crowd, ids.frontend, 'request_rate_per_second')?.scenario as number;
    expect(rate).toBeLessThanOrEqual(50 + 1e-9);
    expect(rate).toBeGreaterThan(49);
  });
});

describe('station checks', () => {
  it('simulates the busiest stations: for fixed service times the Allen–Cunneen mean is the exact M/D/1 mean', async () => {
    const { twin } = await smallEstate({ rate: 60, serviceTimeScv: 0 });
    const result = await runScenario(
      twin,
      parseScenario({ name: 'check', check: { stations: 2, customers: 200_000, seed: 3 }, steps: [] }),
      { actor: 'test' },
    );
    const checks = result.stationChecks ?? [];
    expect(checks.map((check) => check.service)).toEqual(['service:backend', 'service:frontend']);
    for (const check of checks) {
      // Pollaczek–Khinchine: the mean is exact for M/D/1, so it lies in the simulation's interval.
      expect(check.analytic.meanSeconds).toBeGreaterThan(check.simulated.ciLowSeconds * 0.99);
      expect(check.analytic.meanSeconds).toBeLessThan(check.simulated.ciHighSeconds * 1.01);
      expect(Math.abs(check.p99Error)).toBeLessThan(0.25);
    }
  });
});
