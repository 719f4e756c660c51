import { InputError, type InputIssue } from '../../model/index.js';
import { type DistributionSpec, distributionIssues } from './distribution-spec.js';
import { type RateScheduleSpec, rateScheduleIssues } from './rate-schedule.js';

/**
 * An external arrival stream: Poisson at `rate`, or renewal with the given `interarrival`
 * distribution (exactly one of the two), optionally modulated by a piecewise-constant `schedule`.
 */
export interface ArrivalProcessSpec {
  rate?: number;
  interarrival?: DistributionSpec;
  schedule?: RateScheduleSpec;
}

export interface ArrivalSpec extends ArrivalProcessSpec {
  /** The name of the station the stream enters at. */
  to: string;
}

/** c identical servers in front of one FCFS queue without a size limit. */
export interface StationSpec {
  name: string;
  servers: number;
  service: DistributionSpec;
}

/**
 * An open queueing network. `routing[i][j]` is the probability that a customer leaving station i
 * goes next to station j (row = from); the rest of the row, 1 − Σⱼ, is the probability of leaving
 * the network. Without `routing`, every customer leaves after one visit.
 */
export interface NetworkSpec {
  stations: readonly StationSpec[];
  arrivals: readonly ArrivalSpec[];
  routing?: readonly (readonly number[])[];
}

export interface SimulationOptions {
  /** The run stops when this many customers have left the network. */
  customers: number;
  seed: number;
  /** A fraction of the run in [0, 0.5] to delete as warm-up, or 'mser-5' (the default). */
  warmup?: number | 'mser-5';
  /** Batches for the batch-means intervals, 20 to 1000 (default 30). */
  batches?: number;
  /** Confidence level of the intervals (default 0.95). */
  confidence?: number;
}

/** Below this a routing row is taken to sum to exactly 1 (rows like 7/16 + 8/16 + 1/16 in floats). */
export const routingTolerance = 1e-9;

/** Every issue of a network, with field paths; stations must be able to reach the exit. */
export function networkIssues(spec: NetworkSpec): InputIssue[] {
  const issues: InputIssue[] = [];
  const names = new Set<string>();
  if (!Array.isArray(spec.stations) || spec.stations.length === 0) {
    return [{ field: 'stations', message: 'must be a non-empty array' }];
  }
  spec.stations.forEach((station, i) => {
    const field = `stations[${i}]`;
    if (typeof station?.name !== 'string' || station.name === '') {
      issues.push({ field: `${field}.name`, message: 'must be a non-empty string' });
    } else if (names.has(station.name)) {
      issues.push({ field: `${field}.name`, message: `duplicate station name "${station.name}"` });
    } else names.add(station.name);
    issues.push(...serverIssues(station?.servers, `${field}.servers`));
    issues.push(...distributionIssues(station?.service, `${field}.service`));
  });
  if (!Array.isArray(spec.arrivals) || spec.arrivals.length === 0) {
    issues.push({ field: 'arrivals', message: 'must be a non-empty array' });
  } else {
    spec.arrivals.forEach((arrival, i) => {
      if (!names.has(arrival?.to)) {
        issues.push({ field: `arrivals[${i}].to`, message: 'must name a station' });
      }
      issues.push(...arrivalProcessIssues(arrival, `arrivals[${i}]`));
    });
  }
  if (spec.routing !== undefined) issues.push(...routingIssues(spec.routing, spec.stations.length));
  return issues;
}

export function serverIssues(servers: unknown, field: string): InputIssue[] {
  return Number.isSafeInteger(servers) && (servers as number) >= 1 && (servers as number) <= 1_000_000
    ? []
    : [{ field, message: 'must be an integer from 1 to 1 000 000' }];
}

export function arrivalProcessIssues(arrival: ArrivalProcessSpec | undefined, field: string): InputIssue[] {
  const hasRate = arrival?.rate !== undefined;
  const hasInterarrival = arrival?.interarrival !== undefined;
  const issues: InputIssue[] = [];
  if (hasRate === hasInterarrival) {
    issues.push({ field, message: 'needs exactly one of rate (Poisson) and interarrival' });
  } else if (hasRate) {
    const rate = arrival?.rate;
    if (!(typeof rate === 'number' && Number.isFinite(rate) && rate > 0)) {
      issues.push({ field: `${field}.rate`, message: 'must be a finite number > 0' });
    }
  } else {
    issues.push(...distributionIssues(arrival?.interarrival, `${field}.interarrival`));
  }
  if (arrival?.schedule !== undefined)
    issues.push(...rateScheduleIssues(arrival.schedule, `${field}.schedule`));
  return issues;
}

export function optionsIssues(options: SimulationOptions): InputIssue[] {
  const issues: InputIssue[] = [];
  const batches = options.batches ?? 30;
  if (!Number.isSafeInteger(batches) || batches < 20 || batches > 1000) {
    issues.push({ field: 'batches', message: 'must be an integer from 20 to 1000' });
  }
  const least = 10 * Math.max(20, Number.isSafeInteger(batches) ? batches : 20);
  if (
    !Number.isSafeInteger(options.customers) ||
    options.customers < least ||
    options.customers > 2 ** 31 - 1
  ) {
    issues.push({
      field: 'customers',
      message: `must be an integer from ${least} (10 per batch) to 2^31 − 1`,
    });
  }
  if (!Number.isSafeInteger(options.seed)) issues.push({ field: 'seed', message: 'must be a safe integer' });
  const warmup = options.warmup ?? 'mser-5';
  if (warmup !== 'mser-5' && !(typeof warmup === 'number' && warmup >= 0 && warmup <= 0.5)) {
    issues.push({ field: 'warmup', message: "must be a fraction in [0, 0.5] or 'mser-5'" });
  }
  const confidence = options.confidence ?? 0.95;
  if (!(typeof confidence === 'number' && confidence > 0 && confidence < 1)) {
    issues.push({ field: 'confidence', message: 'must be in (0, 1)' });
  }
  return issues;
}

/** Throws one InputError with all of `issues`, if any. */
export function throwIfIssues(issues: InputIssue[], what: string): void {
  if (issues.length > 0) {
    throw new InputError(`invalid ${what}: ${issues.length} issue${issues.length > 1 ? 's' : ''}`, issues);
  }
}

function routingIssues(routing: readonly (readonly number[])[], size: number): InputIssue[] {
  if (!Array.isArray(routing) || routing.length !== size) {
    return [
      { field: 'routing', message: `must be a ${size}×${size} matrix (row = from, one row per station)` },
    ];
  }
  const issues: InputIssue[] = [];
  routing.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== size) {
      issues.push({ field: `routing[${i}]`, message: `must have ${size} entries` });
      return;
    }
    row.forEach((p, j) => {
      if (!(typeof p === 'number' && p >= 0 && p <= 1)) {
        issues.push({ field: `routing[${i}][${j}]`, message: 'must be a probability in [0, 1]' });
      }
    });
    const sum = row.reduce((total, p) => total + (typeof p === 'number' ? p : 0), 0);
    if (sum > 1 + routingTolerance) issues.push({ field: `routing[${i}]`, message: `sums to ${sum} > 1` });
  });
  if (issues.length > 0) return issues;
  for (const station of trappedStations(routing)) {
    issues.push({
      field: `routing[${station}]`,
      message: 'customers here can never leave the network (no path to an exit): the network must be open',
    });
  }
  return issues;
}

/** Stations from which no path of positive probability reaches a row with exit probability > 0. */
function trappedStations(routing: readonly (readonly number[])[]): number[] {
  const size = routing.length;
  const canExit = routing.map((row) => row.reduce((sum, p) => sum + p, 0) < 1 - routingTolerance);
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < size; i++) {
      if (!canExit[i] && routing[i]!.some((p, j) => p > 0 && canExit[j])) {
        canExit[i] = true;
        changed = true;
      }
    }
  }
  return canExit.flatMap((exits, i) => (exits ? [] : [i]));
}
