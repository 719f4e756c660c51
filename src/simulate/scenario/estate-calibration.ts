import type { EntityId } from '../../model/index.js';
import type { EstateModel } from './estate-model.js';
import type { HostBaseline } from './host-resources.js';

/** What calibration found, or could not find, about one entity. */
export interface CalibrationNote {
  readonly entity: EntityId;
  readonly message: string;
}

/** What the live twin's measurements tell the model beyond the declared structure. */
export interface EstateCalibration {
  /** Services, callers before callees (services on a call cycle last, in id order). */
  readonly order: Int32Array;
  /** External requests per second at multiplier 1, by service: observed load not explained by callers. */
  readonly externalRate: Float64Array;
  /** Cores busy on each host with work the model does not attribute to a replica. */
  readonly hostBackgroundCores: Float64Array;
  /** Inlet rise per kW of rack power (K/kW), fitted per rack to its observed inlet where it has one. */
  readonly rackRecirculation: Float64Array;
  /**
   * Per service, how the model's mean and p99 map onto what was measured at today's traffic
   * (see fitLatency). Reported times go through them, so a prediction moves the measured figure
   * by the modelled change rather than replacing it with the model's own.
   */
  readonly meanFit: LatencyFit;
  readonly p99Fit: LatencyFit;
  /** Memory, disk and network of each host as measured, beyond what the model moves. */
  readonly hostBaseline: HostBaseline;
  /** Supply air where a rack has no cooling unit the model knows. */
  readonly defaultSupplyCelsius: number;
  readonly notes: CalibrationNote[];
}

/** The recirculation a rack gets when it has no observed inlet temperature (K per kW). */
export const defaultRecirculation = 0.5;
const maxRecirculation = 3;

/** Callers before callees (Kahn's algorithm); nodes on a cycle are appended in index order. */
export function callOrder(model: EstateModel): Int32Array {
  const { services } = model;
  const incoming = new Int32Array(services.length);
  for (const service of services)
    for (const call of service.callees) incoming[call.to] = (incoming[call.to] as number) + 1;
  const ready: number[] = [];
  incoming.forEach((count, s) => {
    if (count === 0) ready.push(s);
  });
  const order: number[] = [];
  const placed = new Uint8Array(services.length);
  while (ready.length > 0) {
    const s = ready.shift() as number;
    order.push(s);
    placed[s] = 1;
    for (const call of services[s]?.callees ?? []) {
      incoming[call.to] = (incoming[call.to] as number) - 1;
      if (incoming[call.to] === 0) ready.push(call.to);
    }
  }
  placed.forEach((done, s) => {
    if (done === 0) order.push(s);
  });
  return Int32Array.from(order);
}

/**
 * Splits each service's observed request rate into what its callers send and what comes from
 * outside: an entry point's external traffic is its observed rate minus its callers' calls, and
 * a non-entry service with more traffic than its callers explain keeps the rest as external too
 * (batch jobs, callers the twin does not model).
 */
export function externalRates(model: EstateModel, order: Int32Array, notes: CalibrationNote[]): Float64Array {
  const { services } = model;
  const internal = new Float64Array(services.length);
  const external = new Float64Array(services.length);
  for (const s of order) {
    const service = services[s];
    if (!service) continue;
    const observed = service.observedRate;
    if (observed === undefined) {
      if (service.entryPoint)
        notes.push({
          entity: service.id,
          message: 'entry point without an observed request rate: no external traffic',
        });
    } else {
      external[s] = Math.max(0, observed - (internal[s] as number));
    }
    const offered = (internal[s] as number) + (external[s] as number);
    for (const call of service.callees)
      internal[call.to] = (internal[call.to] as number) + offered * call.calls;
  }
  return external;
}

/**
 * Background cores per host: the observed utilisation minus what the modelled replicas account
 * for at the observed traffic. `replicaBusy` holds the busy cores the model gives each host at
 * multiplier 1 with background zero.
 */
export function backgroundCores(
  model: EstateModel,
  replicaBusy: Float64Array,
  notes: CalibrationNote[],
): Float64Array {
  const background = new Float64Array(model.hosts.length);
  model.hosts.forEach((host, h) => {
    if (host.observedUtilization === undefined) return;
    const observedBusy = host.observedUtilization * host.cores;
    const modelled = replicaBusy[h] as number;
    if (modelled > observedBusy * 1.25 + 0.5) {
      notes.push({
        entity: host.id,
        message: `its replicas' declared demands need ${modelled.toFixed(1)} cores but it shows ${observedBusy.toFixed(1)} busy: demands may be too high`,
      });
    }
    background[h] = Math.max(0, observedBusy - modelled);
  });
  return background;
}

/**
 * Recirculation per rack fitted to its observed inlet: (inlet − supply) / kW, within physical
 * bounds; the default where the rack reports no inlet or no power.
 */
export function fitRecirculation(
  model: EstateModel,
  rackWatts: Float64Array,
  supplyCelsius: (rack: number) => number,
): Float64Array {
  const fitted = new Float64Array(model.racks.length).fill(defaultRecirculation);
  model.racks.forEach((rack, r) => {
    const inlet = rack.observedInletCelsius;
    const kilowatts = (rack.observedPowerWatts ?? (rackWatts[r] as number)) / 1000;
    if (inlet === undefined || !(kilowatts > 0.1)) return;
    const rise = inlet - supplyCelsius(r);
    fitted[r] = Math.min(maxRecirculation, Math.max(0, rise / kilowatts));
  });
  return fitted;
}

/** reported = model × scale + offset, per service. */
export interface LatencyFit {
  readonly scale: Float64Array;
  readonly offset: Float64Array;
}

export function identityFit(count: number): LatencyFit {
  return { scale: new Float64Array(count).fill(1), offset: new Float64Array(count) };
}

export function applyFit(fit: LatencyFit, s: number, modelled: number): number {
  return modelled * (fit.scale[s] as number) + (fit.offset[s] as number);
}

const minLatencyScale = 0.1;

/**
 * Fits each service's modelled time to its measurement at today's traffic. Measured above the
 * model: the difference is latency that does not queue (network, client, work on other threads)
 * and is added as a constant. Measured below: the model is too pessimistic about variability, and
 * its times are scaled down (not below a tenth). Without a measurement, `fallback` (for the mean:
 * the p99's fit as a ratio) or nothing.
 */
export function fitLatency(
  model: EstateModel,
  modelled: Float64Array,
  measured: (s: number) => number | undefined,
  notes: CalibrationNote[],
  what: string,
  fallback?: (s: number) => number,
): LatencyFit {
  const fit = identityFit(model.services.length);
  model.services.forEach((service, s) => {
    const observed = measured(s);
    const value = modelled[s] as number;
    if (!(value > 0) || !Number.isFinite(value)) return;
    if (observed === undefined || !(observed > 0)) {
      if (fallback) fit.scale[s] = fallback(s);
      return;
    }
    if (observed >= value) fit.offset[s] = observed - value;
    else fit.scale[s] = Math.max(minLatencyScale, observed / value);
    if (observed > 2 * value || observed < 0.5 * value) {
      notes.push({
        entity: service.id,
        message: `measured ${what} ${(observed * 1000).toFixed(1)} ms against the model's ${(value * 1000).toFixed(1)} ms: fitted to the measurement`,
      });
    }
  });
  return fit;
}
