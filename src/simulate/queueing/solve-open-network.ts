import { InputError } from '../../model/index.js';
import { IssueList } from './issue-list.js';
import { solveLinearSystem } from './solve-linear-system.js';
import { solveMmc } from './solve-mmc.js';

/** An open (Jackson) network of M/M/c stations. Arrays are indexed by station. */
export interface OpenNetworkInput {
  /** γ_i: jobs per second arriving from outside at station i. */
  externalArrivalRate: number[];
  /** P[i][j]: probability a job leaving i goes to j (row = from); 1 − Σ_j P[i][j] leaves the network. */
  routing: number[][];
  serviceRate: number[];
  servers: number[];
}

export interface OpenStationResult {
  /** λ_i from the traffic equations, jobs per second. */
  arrivalRate: number;
  /** Mean visits per job entering the network, λ_i / Σγ. */
  visits: number;
  utilization: number;
  stable: boolean;
  /** Mean response time per visit, seconds; 1/μ for a station nothing reaches. */
  meanResponse: number;
  /** Mean number of jobs at the station (L = λR). */
  meanNumber: number;
}

export interface OpenNetworkResult {
  stable: boolean;
  /** Σγ: jobs per second entering (and, when stable, leaving) the network. */
  totalArrivalRate: number;
  stations: OpenStationResult[];
  /** Mean time from entering to leaving the network, Σ visits_i·R_i. */
  networkMeanResponse: number;
  /** Mean number of jobs in the whole network (Little: Σγ·networkMeanResponse). */
  meanNumberInNetwork: number;
}

/** Exit probabilities below this count as none: a loop leaking 1e-13 per pass is closed in practice. */
const EXIT_TOLERANCE = 1e-12;
const ROW_SUM_TOLERANCE = 1e-9;
const NO_FINITE_SOLUTION = 'the traffic equations have no finite solution';

/**
 * Solves the traffic equations λ = γ + λP and treats each station as an independent M/M/c
 * (Jackson's theorem). A station that jobs reach but can never leave makes the equations
 * singular: that is refused with an InputError instead of returning a huge or negative rate.
 */
export function solveOpenNetwork(input: OpenNetworkInput): OpenNetworkResult {
  checkOpenNetworkInput(input);
  const arrivalRates = solveTrafficEquations(input.externalArrivalRate, input.routing);
  const totalArrivalRate = input.externalArrivalRate.reduce((sum, rate) => sum + rate, 0);
  const stations = arrivalRates.map((arrivalRate, i) =>
    solveStation(arrivalRate, totalArrivalRate, input.serviceRate[i] as number, input.servers[i] as number),
  );
  const networkMeanResponse = stations.reduce(
    (sum, station) => (station.visits > 0 ? sum + station.visits * station.meanResponse : sum),
    0,
  );
  return {
    stable: stations.every((station) => station.stable),
    totalArrivalRate,
    stations,
    networkMeanResponse,
    meanNumberInNetwork: totalArrivalRate * networkMeanResponse,
  };
}

function solveStation(
  arrivalRate: number,
  totalArrivalRate: number,
  serviceRate: number,
  servers: number,
): OpenStationResult {
  const visits = arrivalRate / totalArrivalRate;
  if (arrivalRate === 0)
    return {
      arrivalRate,
      visits,
      utilization: 0,
      stable: true,
      meanResponse: 1 / serviceRate,
      meanNumber: 0,
    };
  const station = solveMmc({ arrivalRate, serviceRate, servers });
  return {
    arrivalRate,
    visits,
    utilization: station.utilization,
    stable: station.stable,
    meanResponse: station.meanResponse,
    meanNumber: station.meanInSystem,
  };
}

/**
 * λ = γ + λP restricted to the stations external traffic can reach (the others get exactly 0):
 * the system (I − P)ᵀλ = γ over them is nonsingular iff every one of them can reach an exit.
 */
export function solveTrafficEquations(
  external: readonly number[],
  routing: readonly (readonly number[])[],
): number[] {
  const fed = reachableFrom(
    external.map((rate) => rate > 0),
    routing,
    false,
  );
  const leaks = routing.map((row) => 1 - row.reduce((sum, p) => sum + p, 0) > EXIT_TOLERANCE);
  const canLeave = reachableFrom(leaks, routing, true);
  const trapped = fed.flatMap((isFed, i) => (isFed && !canLeave[i] ? [i] : []));
  if (trapped.length > 0)
    throw new InputError(
      NO_FINITE_SOLUTION,
      trapped.map((i) => ({
        field: `routing[${i}]`,
        message: 'jobs reach this station but can never leave the network (a routing loop with no exit)',
      })),
    );
  const members = fed.flatMap((isFed, i) => (isFed ? [i] : []));
  const matrix = members.map((to) =>
    members.map((from) => (to === from ? 1 : 0) - (routing[from]?.[to] as number)),
  );
  const solution = solveLinearSystem(
    matrix,
    members.map((i) => external[i] as number),
  );
  if (!solution?.every(Number.isFinite))
    throw new InputError(NO_FINITE_SOLUTION, [{ field: 'routing', message: 'I − P is singular' }]);
  const rates = new Array<number>(external.length).fill(0);
  // Rounding can leave −1e-18 where the exact answer is 0.
  members.forEach((station, k) => {
    rates[station] = Math.max(0, solution[k] as number);
  });
  return rates;
}

/** Stations reachable from the `start` ones along positive routing (or, `backwards`, that reach them). */
function reachableFrom(
  start: boolean[],
  routing: readonly (readonly number[])[],
  backwards: boolean,
): boolean[] {
  const reached = [...start];
  const stack = start.flatMap((isStart, i) => (isStart ? [i] : []));
  for (let node = stack.pop(); node !== undefined; node = stack.pop())
    for (let other = 0; other < reached.length; other++) {
      const p = backwards ? routing[other]?.[node] : routing[node]?.[other];
      if ((p ?? 0) > 0 && !reached[other]) {
        reached[other] = true;
        stack.push(other);
      }
    }
  return reached;
}

function checkOpenNetworkInput(input: OpenNetworkInput): void {
  const issues = new IssueList();
  const external = input?.externalArrivalRate;
  if (!issues.array(external, 'externalArrivalRate')) {
    issues.throwIfAny('invalid open network');
    return;
  }
  const n = external.length;
  if (n === 0) issues.add('externalArrivalRate', 'must name at least one station');
  external.forEach((rate, i) => {
    issues.number(rate, `externalArrivalRate[${i}]`, 0);
  });
  if (issues.issues.length === 0 && !external.some((rate) => (rate as number) > 0))
    issues.add('externalArrivalRate', 'at least one station must have external arrivals');
  if (issues.array(input.serviceRate, 'serviceRate', n))
    input.serviceRate.forEach((rate, i) => {
      issues.number(rate, `serviceRate[${i}]`, 0, true);
    });
  if (issues.array(input.servers, 'servers', n))
    input.servers.forEach((count, i) => {
      issues.positiveInteger(count, `servers[${i}]`);
    });
  if (issues.array(input.routing, 'routing', n))
    input.routing.forEach((row, i) => {
      checkRoutingRow(issues, row, i, n);
    });
  issues.throwIfAny('invalid open network');
}

function checkRoutingRow(issues: IssueList, row: unknown, i: number, n: number): void {
  if (!issues.array(row, `routing[${i}]`, n)) return;
  let total = 0;
  row.forEach((p, j) => {
    if (typeof p === 'number' && p >= 0 && p <= 1) total += p;
    else issues.add(`routing[${i}][${j}]`, 'must be a probability in [0, 1]');
  });
  if (total > 1 + ROW_SUM_TOLERANCE)
    issues.add(`routing[${i}]`, `probabilities out of a station must sum to at most 1, not ${total}`);
}
