import {
  backgroundCores,
  type CalibrationNote,
  callOrder,
  defaultRecirculation,
  type EstateCalibration,
  externalRates,
  fitLatencyScale,
  fitRecirculation,
} from './estate-calibration.js';
import { normalConditions } from './estate-conditions.js';
import { EstateEvaluator } from './estate-evaluator.js';
import type { EstateModel } from './estate-model.js';
import type { ScenarioLimits } from './scenario-spec.js';

const fallbackSupplyCelsius = 20;

/**
 * Fits the model to what the twin measures now: services without a declared demand get one from
 * the utilisation law (busy cores of their replicas over their throughput), external traffic is
 * split from internal calls, hosts keep the load no replica explains, and each rack's
 * recirculation is fitted to its inlet temperature. A scenario then starts from the measured
 * estate, not from guesses.
 */
export function calibrateEstate(model: EstateModel, limits: ScenarioLimits): EstateCalibration {
  const notes: CalibrationNote[] = [];
  calibrateDemands(model, notes);
  const order = callOrder(model);
  const draft: EstateCalibration = {
    order,
    externalRate: externalRates(model, order, notes),
    hostBackgroundCores: new Float64Array(model.hosts.length),
    rackRecirculation: new Float64Array(model.racks.length).fill(defaultRecirculation),
    latencyScale: new Float64Array(model.services.length).fill(1),
    defaultSupplyCelsius: fallbackSupplyCelsius,
    notes,
  };
  const first = new EstateEvaluator(model, draft, limits).evaluate(normalConditions(model));
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
  const second = new EstateEvaluator(model, withBackground, limits).evaluate(normalConditions(model));
  return {
    ...withBackground,
    rackRecirculation: fitRecirculation(model, second.rackWatts, supplyOf),
    latencyScale: fitLatencyScale(model, second.serviceP99Seconds, notes),
  };
}

/** The utilisation law D = U / X for services that declare no demand but show load and traffic. */
function calibrateDemands(model: EstateModel, notes: CalibrationNote[]): void {
  for (const service of model.services) {
    if (service.demandSeconds !== undefined) continue;
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
