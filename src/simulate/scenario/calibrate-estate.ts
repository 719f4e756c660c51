import type { EntityId } from '../../model/index.js';
import { fitDemandRegression } from './demand-regression.js';
import {
  backgroundCores,
  type CalibrationNote,
  callOrder,
  defaultRecirculation,
  type EstateCalibration,
  externalRates,
  fitLatency,
  fitRecirculation,
  identityFit,
} from './estate-calibration.js';
import { normalConditions } from './estate-conditions.js';
import { EstateEvaluator } from './estate-evaluator.js';
import type { EstateModel } from './estate-model.js';
import { hostArrays, hostBaseline } from './host-resources.js';
import type { ScenarioLimits } from './scenario-spec.js';
import { WorkingReplicas } from './working-replicas.js';

const fallbackSupplyCelsius = 20;

/**
 * Fits the model to what the twin measures now: services without a declared demand get one from
 * the utilisation law (busy cores of their replicas over their throughput), external traffic is
 * split from internal calls, hosts keep the load no replica explains, and each rack's
 * recirculation is fitted to its inlet temperature. A scenario then starts from the measured
 * estate, not from guesses.
 */
export interface CalibrationOptions {
  readonly interSiteRoundTripSeconds?: number;
  readonly network?: boolean | 'auto';
  /** Per service id: (request rate, busy cores of its replicas) over the twin's history. */
  readonly demandHistory?: ReadonlyMap<EntityId, ReadonlyArray<readonly [number, number]>>;
}

export function calibrateEstate(
  model: EstateModel,
  limits: ScenarioLimits,
  options: CalibrationOptions = {},
): EstateCalibration {
  const notes: CalibrationNote[] = [];
  calibrateDemands(model, notes, options.demandHistory);
  const order = callOrder(model);
  const draft: EstateCalibration = {
    order,
    externalRate: externalRates(model, order, notes),
    hostBackgroundCores: new Float64Array(model.hosts.length),
    rackRecirculation: new Float64Array(model.racks.length).fill(defaultRecirculation),
    meanFit: identityFit(model.services.length),
    p99Fit: identityFit(model.services.length),
    hostBaseline: hostArrays(model.hosts.length),
    defaultSupplyCelsius: fallbackSupplyCelsius,
    notes,
  };
  const first = new EstateEvaluator(
    model,
    draft,
    limits,
    options.interSiteRoundTripSeconds,
    options.network,
  ).evaluate(normalConditions(model));
  const replicaBusy = first.hostUtilization.map(
    (utilization, h) => utilization * (model.hosts[h]?.cores ?? 1),
  );
  const hostBackgroundCores = backgroundCores(model, replicaBusy, notes);
  const supplyOf = (r: number) => {
    // The inlet the draft predicts minus its own recirculation term is the supply air it assumed.
    const kilowatts = (first.rackWatts[r] as number) / 1000;
    return (first.rackInletTargetCelsius[r] as number) - defaultRecirculation * kilowatts;
  };
  const withBackground: EstateCalibration = { ...draft, hostBackgroundCores };
  const second = new EstateEvaluator(
    model,
    withBackground,
    limits,
    options.interSiteRoundTripSeconds,
    options.network,
  ).evaluate(normalConditions(model));
  const working = new WorkingReplicas(model);
  working.fill(normalConditions(model));
  return {
    ...withBackground,
    hostBaseline: hostBaseline(model, working, second.serviceRate),
    rackRecirculation: fitRecirculation(model, second.rackWatts, supplyOf),
    ...fitTimes(model, second.serviceMeanSeconds, second.serviceP99Seconds, notes),
  };
}

/** The utilisation law D = U / X for services that declare no demand but show load and traffic. */
function calibrateDemands(
  model: EstateModel,
  notes: CalibrationNote[],
  history: CalibrationOptions['demandHistory'],
): void {
  for (const service of model.services) {
    if (service.demandSeconds !== undefined) continue;
    const fit = fitDemandRegression(history?.get(service.id) ?? []);
    if (fit) {
      service.demandSeconds = fit.demandSeconds;
      notes.push({
        entity: service.id,
        message: `demand ${(fit.demandSeconds * 1000).toFixed(2)} ms per request from ${fit.points} points of history (idle ${fit.idleCores.toFixed(2)} cores, r² ${fit.r2.toFixed(2)})`,
      });
      continue;
    }
    const rate = service.observedRate;
    let busyCores = 0;
    let measured = 0;
    for (const r of service.replicas) {
      const replica = model.replicas[r];
      const utilization = replica ? model.view.metrics(replica.id)?.cpu_utilization?.value : undefined;
      if (!replica || utilization === undefined) continue;
      busyCores += utilization * replica.cores;
      measured++;
    }
    if (rate === undefined || !(rate > 0) || measured === 0) {
      notes.push({
        entity: service.id,
        message: 'no declared demand and no measured load: left out of latency predictions',
      });
      continue;
    }
    // Replicas not measured are taken to carry the same share as those that are.
    service.demandSeconds = (busyCores * (service.replicas.length / measured)) / rate;
    notes.push({
      entity: service.id,
      message: `demand ${(service.demandSeconds * 1000).toFixed(2)} ms per request from the utilisation law`,
    });
  }
}

/** The p99 fit first; a service without a measured mean moves its mean in proportion to its p99. */
function fitTimes(model: EstateModel, mean: Float64Array, p99: Float64Array, notes: CalibrationNote[]) {
  const services = model.services;
  const p99Fit = fitLatency(model, p99, (s) => services[s]?.observedP99, notes, 'p99');
  const ratio = (s: number) => {
    const value = p99[s] as number;
    return value > 0 && Number.isFinite(value)
      ? ((p99Fit.scale[s] as number) * value + (p99Fit.offset[s] as number)) / value
      : 1;
  };
  const meanFit = fitLatency(model, mean, (s) => services[s]?.observedMean, notes, 'mean', ratio);
  return { meanFit, p99Fit };
}
