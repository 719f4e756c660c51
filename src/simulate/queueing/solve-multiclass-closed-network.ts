import { IssueList } from './issue-list.js';

/** A closed network with several job classes, each with its own population, demands and think time. */
export interface MulticlassClosedInput {
  /** N_c: jobs of each class. */
  population: number[];
  /** D[c][k]: seconds of service class c needs at station k per job cycle (S·V). */
  demand: number[][];
  /** Z_c per class, seconds; default 0. */
  thinkTime?: number[];
  /** Per station: 1 (single server, FCFS/PS) or 'delay'; default all 1. */
  servers?: Array<1 | 'delay'>;
}

export interface MulticlassClosedResult {
  /** X_c: cycles per second of each class. */
  throughput: number[];
  /** R_c = Σ_k residence, seconds. */
  responseTime: number[];
  /** residence[c][k]: seconds per cycle class c spends at station k. */
  residenceTime: number[][];
  /** Q[c][k]: mean class-c jobs at station k. */
  queueLength: number[][];
  /** U[c][k] = X_c·D[c][k]. */
  utilization: number[][];
  /** Per station totals over classes. */
  stationQueueLength: number[];
  stationUtilization: number[];
}

/** Population vectors × stations beyond which the exact recursion would take too long or too much memory. */
const MAX_STATE_CELLS = 20_000_000;

/**
 * Exact multiclass MVA (Reiser–Lavenberg): over every population vector n ≤ N,
 * R_ck(n) = D_ck·(1 + Σ_c' Q_c'k(n − e_c)) at queueing stations, D_ck at delay stations,
 * X_c(n) = n_c / (Z_c + Σ_k R_ck(n)). Cost grows as Π_c (N_c + 1): fine for a few classes.
 */
export function solveMulticlassClosedNetwork(input: MulticlassClosedInput): MulticlassClosedResult {
  checkMulticlassInput(input);
  const { population, demand } = input;
  const stations = demand[0]?.length ?? 0;
  const delay = Array.from({ length: stations }, (_, k) => input.servers?.[k] === 'delay');
  const strides = population.map((_, c) =>
    population.slice(0, c).reduce((product, n) => product * (n + 1), 1),
  );
  const states = population.reduce((product, n) => product * (n + 1), 1);
  const totals = new Float64Array(states * stations);
  const counts = population.map(() => 0);
  let last = emptyState(population.length, stations);
  for (let index = 0; index < states; index++) {
    if (index > 0) advance(counts, population);
    last = solveState(counts, index, { demand, delay, strides, totals, thinkTime: input.thinkTime });
    last.queueLength.forEach((row) => {
      row.forEach((q, k) => {
        totals[index * stations + k] = (totals[index * stations + k] as number) + q;
      });
    });
  }
  const utilization = demand.map((row, c) => row.map((d) => (last.throughput[c] as number) * d));
  return {
    throughput: last.throughput,
    responseTime: last.residenceTime.map((row) => row.reduce((sum, r) => sum + r, 0)),
    residenceTime: last.residenceTime,
    queueLength: last.queueLength,
    utilization,
    stationQueueLength: columnSums(last.queueLength, stations),
    stationUtilization: columnSums(utilization, stations),
  };
}

interface StateContext {
  demand: number[][];
  delay: boolean[];
  strides: number[];
  totals: Float64Array;
  thinkTime: number[] | undefined;
}

interface StateSolution {
  throughput: number[];
  residenceTime: number[][];
  queueLength: number[][];
}

function solveState(counts: number[], index: number, context: StateContext): StateSolution {
  const { demand, delay, strides, totals, thinkTime } = context;
  const stations = delay.length;
  const residenceTime = demand.map((row, c) => {
    if (counts[c] === 0) return row.map(() => 0);
    // Q at n − e_c: the queue an arriving class-c job sees (arrival theorem).
    const seen = (index - (strides[c] as number)) * stations;
    return row.map((d, k) => (delay[k] ? d : d * (1 + (totals[seen + k] as number))));
  });
  const throughput = residenceTime.map((row, c) => {
    const n = counts[c] as number;
    const cycle = (thinkTime?.[c] ?? 0) + row.reduce((sum, r) => sum + r, 0);
    return n === 0 ? 0 : n / cycle;
  });
  const queueLength = residenceTime.map((row, c) => row.map((r) => (throughput[c] as number) * r));
  return { throughput, residenceTime, queueLength };
}

function emptyState(classes: number, stations: number): StateSolution {
  const zeros = () => Array.from({ length: classes }, () => new Array<number>(stations).fill(0));
  return { throughput: new Array<number>(classes).fill(0), residenceTime: zeros(), queueLength: zeros() };
}

/** Next population vector in mixed-radix order, so n − e_c always comes before n. */
function advance(counts: number[], population: number[]): void {
  for (let c = 0; c < counts.length; c++) {
    if ((counts[c] as number) < (population[c] as number)) {
      counts[c] = (counts[c] as number) + 1;
      return;
    }
    counts[c] = 0;
  }
}

function columnSums(matrix: number[][], columns: number): number[] {
  return Array.from({ length: columns }, (_, k) => matrix.reduce((sum, row) => sum + (row[k] as number), 0));
}

function checkMulticlassInput(input: MulticlassClosedInput): void {
  const issues = new IssueList();
  if (!issues.array(input?.population, 'population') || !issues.array(input.demand, 'demand')) {
    issues.throwIfAny('invalid multiclass closed network');
    return;
  }
  const classes = input.population.length;
  if (classes === 0) issues.add('population', 'must name at least one class');
  input.population.forEach((n, c) => {
    issues.nonNegativeInteger(n, `population[${c}]`);
  });
  if (input.demand.length !== classes) issues.add('demand', `must have one row per class (${classes})`);
  const stations = Array.isArray(input.demand[0]) ? input.demand[0].length : 0;
  input.demand.forEach((row, c) => {
    if (issues.array(row, `demand[${c}]`, stations))
      row.forEach((d, k) => {
        issues.number(d, `demand[${c}][${k}]`, 0);
      });
  });
  if (input.thinkTime !== undefined && issues.array(input.thinkTime, 'thinkTime', classes))
    input.thinkTime.forEach((z, c) => {
      issues.number(z, `thinkTime[${c}]`, 0);
    });
  if (input.servers !== undefined && issues.array(input.servers, 'servers', stations))
    input.servers.forEach((m, k) => {
      if (m !== 1 && m !== 'delay') issues.add(`servers[${k}]`, "must be 1 or 'delay'");
    });
  issues.throwIfAny('invalid multiclass closed network');
  const cells = input.population.reduce((product, n) => product * (n + 1), 1) * Math.max(1, stations);
  if (cells > MAX_STATE_CELLS)
    issues.add(
      'population',
      `too many population vectors for exact MVA (${cells} cells); use an approximation`,
    );
  input.population.forEach((n, c) => {
    const cycle = (input.thinkTime?.[c] ?? 0) + (input.demand[c] as number[]).reduce((sum, d) => sum + d, 0);
    if (n > 0 && cycle === 0)
      issues.add(`demand[${c}]`, 'a class with jobs needs a positive demand or think time');
  });
  issues.throwIfAny('invalid multiclass closed network');
}
