// What the twin predicts for a service from one measured load level.
import { MemoryTwinStore, type Operation, type Sample, Twin } from '../../src/model/index.js';
import { parseScenario, runScenario } from '../../src/simulate/index.js';

export interface BaseObservation {
  readonly requestRate: number;
  readonly meanSeconds: number;
  readonly p99Seconds: number;
  /**
   * Squared coefficient of variation of the handler's time per request, as the service's own
   * histogram of handler durations would give it; declared on the service (serviceTimeScv).
   */
  readonly serviceTimeScv: number;
  /** Mean time the handler held the thread per request (its own duration, without queueing). */
  readonly serviceTimeSeconds: number;
  /** The service's process: CPU seconds per wall second of its one core. */
  readonly containerCpuUtilization: number;
  /** The machine as a whole, 0 to 1 over all its cores. */
  readonly hostCpuUtilization: number | undefined;
  readonly hostCores: number;
}

export interface TwinPrediction {
  readonly multiplier: number;
  readonly meanSeconds: number;
  readonly p99Seconds: number;
  readonly utilization: number;
  /** The base's figures the model reports (its own at multiplier 1, after calibration). */
  readonly baseMeanSeconds: number;
  readonly baseP99Seconds: number;
  readonly notes: readonly string[];
}

export const serviceId = 'service:load-test';
const containerId = 'container:load-test';
const hostId = 'host:load-test';

/**
 * Builds the twin as the estate file and the live mirror would: a host, a one-core container on
 * it, a single-replica entry-point service with NO declared demand (so the engine calibrates it
 * with the utilisation law), then the measured base as samples. Then one traffic scenario per
 * multiplier, read back as the engine reports it.
 */
export async function predictWithTwin(
  base: BaseObservation,
  multipliers: readonly number[],
): Promise<TwinPrediction[]> {
  const now = Date.now();
  const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => now });
  const ops: Operation[] = [
    {
      op: 'upsert-entity',
      entity: { id: hostId, kind: 'host', name: 'load-test', props: { cpuCores: base.hostCores } },
    },
    {
      op: 'upsert-entity',
      entity: { id: containerId, kind: 'container', name: 'load-test', props: { cpuCores: 1 } },
    },
    {
      op: 'upsert-entity',
      entity: {
        id: serviceId,
        kind: 'service',
        name: 'load-test',
        // A large objective: the question is the latency, not whether an SLO breaks.
        props: {
          entryPoint: true,
          replicas: 1,
          sloLatencyP99Seconds: 60,
          serviceTimeScv: base.serviceTimeScv,
        },
      },
    },
    { op: 'upsert-relation', relation: { type: 'runs-on', from: containerId, to: hostId } },
    { op: 'upsert-relation', relation: { type: 'runs-on', from: serviceId, to: containerId } },
  ];
  await twin.apply({ actor: 'load-test', reason: 'load-prediction experiment', ops });
  const source = 'load-test';
  const samples: Sample[] = [
    { entityId: serviceId, metric: 'request_rate_per_second', value: base.requestRate, ts: now, source },
    { entityId: serviceId, metric: 'latency_mean_seconds', value: base.meanSeconds, ts: now, source },
    { entityId: serviceId, metric: 'service_time_seconds', value: base.serviceTimeSeconds, ts: now, source },
    { entityId: serviceId, metric: 'latency_p99_seconds', value: base.p99Seconds, ts: now, source },
    {
      entityId: containerId,
      metric: 'cpu_utilization',
      value: base.containerCpuUtilization,
      ts: now,
      source,
    },
  ];
  if (base.hostCpuUtilization !== undefined)
    samples.push({
      entityId: hostId,
      metric: 'cpu_utilization',
      value: base.hostCpuUtilization,
      ts: now,
      source,
    });
  const outcome = twin.recordSamples(samples);
  if (outcome.rejected.length > 0) throw new Error(`samples refused: ${JSON.stringify(outcome.rejected)}`);
  const predictions: TwinPrediction[] = [];
  for (const multiplier of multipliers) {
    const result = await runScenario(
      twin,
      parseScenario({ name: `traffic ×${multiplier}`, steps: [{ traffic: { multiplier } }] }),
      { actor: 'load-test', keepFork: false },
    );
    const service = result.entities.find((entity) => entity.id === serviceId);
    const metric = (name: string, side: 'base' | 'scenario') =>
      service?.metrics[name]?.[side] ?? Number.POSITIVE_INFINITY;
    predictions.push({
      multiplier,
      meanSeconds: metric('latency_mean_seconds', 'scenario'),
      p99Seconds: metric('latency_p99_seconds', 'scenario'),
      utilization: metric('replica_cpu_utilization', 'scenario'),
      baseMeanSeconds: metric('latency_mean_seconds', 'base'),
      baseP99Seconds: metric('latency_p99_seconds', 'base'),
      notes: result.notes.map((note) => `${note.entity}: ${note.message}`),
    });
  }
  return predictions;
}
