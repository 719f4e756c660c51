import type { EntityId } from '../../model/index.js';
import { type DistributionSpec, simulateStation } from '../des/index.js';
import type { EstateSnapshot } from './estate-evaluator.js';
import { type EstateModel, holdSeconds, type ServiceNode } from './estate-model.js';
import { replicaTimes } from './replica-times.js';

/** One replica station, in closed form and simulated. */
export interface StationCheck {
  readonly service: EntityId;
  /** Requests per second reaching one replica, its servers (cores) and its utilisation. */
  readonly arrivalRate: number;
  readonly servers: number;
  readonly utilization: number;
  readonly serviceTimeScv: number;
  readonly analytic: { readonly meanSeconds: number; readonly p99Seconds: number };
  readonly simulated: {
    readonly meanSeconds: number;
    readonly ciLowSeconds: number;
    readonly ciHighSeconds: number;
    readonly p99Seconds: number;
  };
  /** (analytic − simulated) / simulated. */
  readonly meanError: number;
  readonly p99Error: number;
}

export interface StationCheckOptions {
  /** Customers simulated per station. */
  readonly customers: number;
  readonly seed: number;
  /** The busiest stations to check. */
  readonly stations: number;
}

/** The service-time distribution a squared coefficient of variation stands for. */
export function serviceDistribution(mean: number, scv: number): DistributionSpec {
  if (scv <= 1e-6) return { type: 'deterministic', value: mean };
  if (Math.abs(scv - 1) < 1e-9) return { type: 'exponential', mean };
  const cv = Math.sqrt(scv);
  return scv < 1 ? { type: 'gamma', mean, cv } : { type: 'hyperexponential', mean, cv };
}

/**
 * The discrete-event engine where the closed forms are approximations: the busiest replica
 * stations of a snapshot (a replica of each service, at its share of the traffic, with its cores
 * as servers and its service-time distribution), simulated and set against the analytic mean
 * and p99 the scenario used (M/M/c exactly, M/G/c by Allen–Cunneen). Times are the station's own,
 * without calls or calibration.
 */
export function checkStations(
  model: EstateModel,
  snapshot: EstateSnapshot,
  options: StationCheckOptions,
): StationCheck[] {
  const candidates = model.services
    .map((service, s) => ({ service, s, utilization: snapshot.serviceUtilization[s] as number }))
    .filter(({ s, service }) => snapshot.serviceStatus[s] === 'ok' && holdSeconds(service) !== undefined)
    .filter(({ utilization }) => utilization > 0.01 && utilization < 0.98)
    .sort((a, b) => b.utilization - a.utilization)
    .slice(0, options.stations);
  return candidates.map(({ service, s }) => checkOne(model, service, snapshot, s, options));
}

function checkOne(
  model: EstateModel,
  service: ServiceNode,
  snapshot: EstateSnapshot,
  s: number,
  options: StationCheckOptions,
): StationCheck {
  const hold = holdSeconds(service) as number;
  const replicas = Math.max(1, snapshot.serviceReplicas[s] as number);
  const arrivalRate = (snapshot.serviceRate[s] as number) / replicas;
  const first = model.replicas[service.replicas[0] ?? -1];
  const servers = Math.max(1, Math.round(first?.cores ?? 1));
  const analytic = replicaTimes(arrivalRate, 1 / hold, servers, service.serviceTimeScv);
  const simulated = simulateStation(
    {
      name: service.id,
      servers,
      service: serviceDistribution(hold, service.serviceTimeScv),
      arrivals: { rate: arrivalRate },
    },
    { customers: options.customers, seed: options.seed },
  );
  return {
    service: service.id,
    arrivalRate,
    servers,
    utilization: (arrivalRate * hold) / servers,
    serviceTimeScv: service.serviceTimeScv,
    analytic: { meanSeconds: analytic.mean, p99Seconds: analytic.p99 },
    simulated: {
      meanSeconds: simulated.response.mean,
      ciLowSeconds: simulated.response.low,
      ciHighSeconds: simulated.response.high,
      p99Seconds: simulated.response.p99,
    },
    meanError: (analytic.mean - simulated.response.mean) / simulated.response.mean,
    p99Error: (analytic.p99 - simulated.response.p99) / simulated.response.p99,
  };
}
