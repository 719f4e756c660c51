import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateNetwork } from '../des/index.js';
import { mmcResponseQuantile } from '../queueing/index.js';
import { calibrateEstate } from './calibrate-estate.js';
import { normalConditions, scaledTraffic } from './estate-conditions.js';
import { EstateEvaluator } from './estate-evaluator.js';
import { buildEstateModel } from './estate-model.js';
import { findHeadroom } from './find-headroom.js';
import { defaultLimits } from './scenario-spec.js';
import { smallEstate, smallEstateStart } from './small-estate.fixture.js';

async function evaluatorFor(options: Parameters<typeof smallEstate>[0]) {
  const { twin, ids } = await smallEstate(options);
  const model = buildEstateModel(twin.view());
  const evaluator = new EstateEvaluator(model, calibrateEstate(model, defaultLimits), defaultLimits);
  return { evaluator, model, ids };
}

describe('EstateEvaluator on a frontend calling a backend', () => {
  it('gives each replica the exact M/M/c response time of its share of the traffic', async () => {
    const { evaluator, model, ids } = await evaluatorFor({
      rate: 50,
      backendReplicas: 2,
      coresPerReplica: 1,
    });
    const snapshot = evaluator.evaluate(normalConditions(model));
    const backend = model.serviceIndex.get(ids.backend) as number;
    // 50 req/s over two replicas of one core at 20 ms a request: M/M/1 with λ = 25, μ = 50.
    expect(snapshot.serviceRate[backend]).toBeCloseTo(50, 9);
    expect(snapshot.serviceUtilization[backend]).toBeCloseTo(0.5, 9);
    expect(snapshot.serviceP99Seconds[backend]).toBeCloseTo(
      mmcResponseQuantile({ arrivalRate: 25, serviceRate: 50, servers: 1 }, 0.99),
      9,
    );
    expect(snapshot.serviceMeanSeconds[backend]).toBeCloseTo(0.02 / (1 - 0.5), 9);
    expect(snapshot.serviceP95Seconds[backend]).toBeCloseTo(
      mmcResponseQuantile({ arrivalRate: 25, serviceRate: 50, servers: 1 }, 0.95),
      9,
    );
  });

  it('with fixed service times (scv 0) gives the M/D/1 mean of Pollaczek–Khinchine', async () => {
    const { evaluator, model, ids } = await evaluatorFor({ rate: 50, coresPerReplica: 1, serviceTimeScv: 0 });
    const snapshot = evaluator.evaluate(normalConditions(model));
    const backend = model.serviceIndex.get(ids.backend) as number;
    // ρ = 0.5, D = 20 ms: W = D + ρD / (2(1 − ρ)) = 30 ms, half of M/M/1's wait.
    expect(snapshot.serviceMeanSeconds[backend]).toBeCloseTo(0.02 + (0.5 * 0.02) / (2 * 0.5), 9);
    expect(snapshot.serviceP99Seconds[backend]).toBeLessThan(
      mmcResponseQuantile({ arrivalRate: 25, serviceRate: 50, servers: 1 }, 0.99),
    );
  });

  it('queues on the measured service time and charges the CPU demand to the host', async () => {
    const { evaluator, model, ids } = await evaluatorFor({
      rate: 50,
      samples: (ids) => [
        {
          entityId: ids.backend,
          metric: 'service_time_seconds',
          value: 0.01,
          ts: smallEstateStart,
          source: 'test',
        },
      ],
    });
    const snapshot = evaluator.evaluate(normalConditions(model));
    const backend = model.serviceIndex.get(ids.backend) as number;
    // 25 req/s per replica: the worker is held 10 ms (ρ = 0.25), the CPU works 20 ms (50 %).
    expect(snapshot.serviceMeanSeconds[backend]).toBeCloseTo(0.01 / (1 - 0.25), 9);
    expect(snapshot.serviceUtilization[backend]).toBeCloseTo(0.5, 9);
  });

  it('adds the callee’s time and the call’s overhead to the caller’s mean', async () => {
    const { evaluator, model, ids } = await evaluatorFor({ rate: 50 });
    const snapshot = evaluator.evaluate(normalConditions(model));
    const frontend = model.serviceIndex.get(ids.frontend) as number;
    const backend = model.serviceIndex.get(ids.backend) as number;
    const own = 0.01 / (1 - 0.25);
    expect(snapshot.serviceMeanSeconds[frontend]).toBeCloseTo(
      own + 0.0005 + (snapshot.serviceMeanSeconds[backend] as number),
      9,
    );
    expect(snapshot.serviceP99Seconds[frontend]).toBeGreaterThan(
      snapshot.serviceP99Seconds[backend] as number,
    );
  });

  it('loads hosts with their replicas’ busy cores and draws power linearly between idle and max', async () => {
    const { evaluator, model, ids } = await evaluatorFor({ rate: 50 });
    const snapshot = evaluator.evaluate(normalConditions(model));
    const host = model.hostIndex.get(ids.hosts[0] as string) as number;
    // host h1 runs frontend-1 (25 req/s × 10 ms) and backend-1 (25 req/s × 20 ms): 0.75 cores of 16.
    expect(snapshot.hostUtilization[host]).toBeCloseTo(0.75 / 16, 9);
    expect(snapshot.hostWatts[host]).toBeCloseTo(200 + 300 * (0.75 / 16), 9);
  });

  it('marks a backend past its capacity saturated and its caller with it, with an infinite p99', async () => {
    const { evaluator, model, ids } = await evaluatorFor({ rate: 120 });
    const snapshot = evaluator.evaluate(normalConditions(model));
    const frontend = model.serviceIndex.get(ids.frontend) as number;
    const backend = model.serviceIndex.get(ids.backend) as number;
    expect(snapshot.serviceStatus[backend]).toBe('saturated');
    expect(snapshot.serviceStatus[frontend]).toBe('saturated');
    expect(snapshot.serviceP99Seconds[frontend]).toBe(Number.POSITIVE_INFINITY);
    expect(snapshot.violations.map((violation) => [violation.kind, violation.entity])).toContainEqual([
      'saturated',
      ids.backend,
    ]);
  });

  it('agrees with a discrete-event simulation of the same tandem queue on the end-to-end mean and p99', async () => {
    const { evaluator, model, ids } = await evaluatorFor({
      rate: 25,
      frontendReplicas: 1,
      backendReplicas: 1,
    });
    const snapshot = evaluator.evaluate(normalConditions(model));
    const frontend = model.serviceIndex.get(ids.frontend) as number;
    const simulated = simulateNetwork(
      {
        stations: [
          { name: 'frontend', servers: 1, service: { type: 'exponential', mean: 0.01 } },
          { name: 'backend', servers: 1, service: { type: 'exponential', mean: 0.02 } },
        ],
        arrivals: [{ to: 'frontend', rate: 25 }],
        routing: [
          [0, 1],
          [0, 0],
        ],
      },
      { customers: 400_000, seed: 11 },
    );
    // The model adds 0.5 ms per call that the queueing network does not have.
    const mean = (snapshot.serviceMeanSeconds[frontend] as number) - 0.0005;
    const p99 = (snapshot.serviceP99Seconds[frontend] as number) - 0.0005;
    expect(mean).toBeGreaterThan(simulated.response.low - 1e-4);
    expect(mean).toBeLessThan(simulated.response.high + 1e-4);
    // Two M/M/1 sojourns in tandem are independent: Exp(75) + Exp(25), whose p99 is exact.
    const exact = hypoexponentialQuantile(75, 25, 0.99);
    expect(Math.abs(simulated.response.p99 - exact) / exact).toBeLessThan(0.03);
    expect(Math.abs(p99 - exact) / exact).toBeLessThan(0.05);
  });
});

describe('findHeadroom', () => {
  it('finds the traffic factor at which the busiest replica reaches the utilisation limit (loose SLOs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 5, max: 60, noNaN: true }),
        fc.double({ min: 0.002, max: 0.02, noNaN: true }),
        fc.double({ min: 0.002, max: 0.02, noNaN: true }),
        async (rate, frontendDemand, backendDemand) => {
          const { evaluator, model } = await evaluatorFor({
            rate,
            frontendDemand,
            backendDemand,
            sloSeconds: 1000,
          });
          // Two replicas of one core each: ρ = (rate / 2) × demand at today's traffic.
          const busiest = (rate / 2) * Math.max(frontendDemand, backendDemand);
          const headroom = findHeadroom(evaluator, normalConditions(model), 1000, 1e-4);
          expect(headroom.multiplier / (defaultLimits.utilization / busiest)).toBeCloseTo(1, 2);
          expect(headroom.bottlenecks[0]?.kind).toBe('utilization');
        },
      ),
      { numRuns: 20 },
    );
  });

  it('lists the limits already broken and still says how far the rest can go', async () => {
    const { evaluator, model, ids } = await evaluatorFor({ rate: 50 });
    const conditions = normalConditions(model);
    for (const r of model.services[model.serviceIndex.get(ids.backend) as number]?.replicas ?? [])
      conditions.replicaDown[r] = 1;
    const headroom = findHeadroom(evaluator, conditions, 10);
    expect(headroom.alreadyBroken.map((violation) => [violation.kind, violation.entity])).toEqual([
      ['down', ids.frontend],
      ['down', ids.backend],
    ]);
    // The frontend still takes its traffic (and fails it): its own capacity is what goes next.
    expect(headroom.multiplier).toBeGreaterThan(1);
    expect(headroom.bottlenecks.map((violation) => violation.entity)).toEqual([ids.frontend]);
  });

  it('scales every entry point’s traffic and nothing else', async () => {
    const { evaluator, model, ids } = await evaluatorFor({ rate: 20 });
    const base = evaluator.evaluate(normalConditions(model));
    const doubled = evaluator.evaluate(scaledTraffic(normalConditions(model), 2));
    const backend = model.serviceIndex.get(ids.backend) as number;
    expect(doubled.serviceRate[backend]).toBeCloseTo(2 * (base.serviceRate[backend] as number), 9);
  });
});

/** The q-quantile of Exp(a) + Exp(b), a ≠ b: P(T > t) = (a·e^(−bt) − b·e^(−at)) / (a − b). */
function hypoexponentialQuantile(a: number, b: number, q: number): number {
  const survival = (t: number) => (a * Math.exp(-b * t) - b * Math.exp(-a * t)) / (a - b);
  let low = 0;
  let high = 10;
  for (let k = 0; k < 200; k++) {
    const middle = (low + high) / 2;
    if (survival(middle) > 1 - q) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
