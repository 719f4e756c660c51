import { IssueList } from './issue-list.js';

/** One station of a closed network. */
export interface ClosedStation {
  /** S: mean service time per visit, seconds. */
  serviceTime: number;
  /** V: mean visits per job cycle; default 1 (then S is the service demand D = S·V). */
  visits?: number;
  /** A positive integer of identical servers, or 'delay' for an infinite-server station. Default 1. */
  servers?: number | 'delay';
}

/** A closed single-class network: `population` jobs circulate, each thinking `thinkTime` between cycles. */
export interface ClosedNetworkInput {
  stations: ClosedStation[];
  population: number;
  /** Z, seconds; default 0. */
  thinkTime?: number;
}

export interface ClosedStationResult {
  /** X_k = X0·V_k, visits per second. */
  throughput: number;
  /** X0·D_k/m_k per server; 0 for a delay station (it has unboundedly many servers). */
  utilization: number;
  /** X0·D_k: mean number of busy servers. */
  busyServers: number;
  /** Q_k: mean jobs at the station, queued and in service. */
  queueLength: number;
  /** Mean response time per visit, seconds (S for a station with no visits). */
  responseTime: number;
  /** Residence time R·V per job cycle, seconds. */
  residenceTime: number;
}

export interface ClosedNetworkResult {
  /** X0: job cycles completed per second. */
  throughput: number;
  /** R_sys = Σ residence = N/X0 − Z, seconds. */
  responseTime: number;
  stations: ClosedStationResult[];
}

/** The checked input in the form the algorithms use. */
export interface ClosedNetworkModel {
  demands: number[];
  visits: number[];
  serviceTimes: number[];
  /** Servers per station, Infinity for a delay station. */
  servers: number[];
  population: number;
  thinkTime: number;
}

export function closedNetworkModel(input: ClosedNetworkInput): ClosedNetworkModel {
  const issues = new IssueList();
  issues.nonNegativeInteger(input?.population, 'population');
  issues.number(input?.thinkTime ?? 0, 'thinkTime', 0);
  if (issues.array(input?.stations, 'stations')) {
    if (input.stations.length === 0 && (input.thinkTime ?? 0) === 0)
      issues.add('stations', 'must hold at least one station when there is no think time');
    input.stations.forEach((station, k) => {
      checkStation(issues, station, `stations[${k}]`);
    });
  }
  issues.throwIfAny('invalid closed network');
  const cycle =
    (input.thinkTime ?? 0) + input.stations.reduce((sum, s) => sum + s.serviceTime * (s.visits ?? 1), 0);
  if (input.population > 0 && cycle === 0)
    issues.add(
      'stations',
      'a job cycle must take some time: give a station a service demand or set a think time',
    );
  issues.throwIfAny('invalid closed network');
  const visits = input.stations.map((station) => station.visits ?? 1);
  const serviceTimes = input.stations.map((station) => station.serviceTime);
  return {
    demands: serviceTimes.map((s, k) => s * (visits[k] as number)),
    visits,
    serviceTimes,
    servers: input.stations.map(({ servers }) =>
      servers === 'delay' ? Number.POSITIVE_INFINITY : (servers ?? 1),
    ),
    population: input.population,
    thinkTime: input.thinkTime ?? 0,
  };
}

function checkStation(issues: IssueList, station: ClosedStation, field: string): void {
  if (typeof station !== 'object' || station === null) {
    issues.add(field, 'must be an object');
    return;
  }
  issues.number(station.serviceTime, `${field}.serviceTime`, 0);
  issues.number(station.visits ?? 1, `${field}.visits`, 0);
  if (station.servers !== undefined && station.servers !== 'delay')
    issues.positiveInteger(station.servers, `${field}.servers`);
}

/** Per-station results from residence times and the system throughput. */
export function closedNetworkResult(
  model: ClosedNetworkModel,
  throughput: number,
  residenceTimes: readonly number[],
  queueLengths: readonly number[],
): ClosedNetworkResult {
  const stations = model.demands.map((demand, k) => {
    const visits = model.visits[k] as number;
    const servers = model.servers[k] as number;
    const residenceTime = residenceTimes[k] as number;
    const busyServers = throughput * demand;
    return {
      throughput: throughput * visits,
      utilization: Number.isFinite(servers) ? busyServers / servers : 0,
      busyServers,
      queueLength: queueLengths[k] as number,
      responseTime: visits > 0 ? residenceTime / visits : (model.serviceTimes[k] as number),
      residenceTime,
    };
  });
  return {
    throughput,
    responseTime: residenceTimes.reduce((sum, time) => sum + time, 0),
    stations,
  };
}
