// The discrete-event engine's fast path against SimPy 3 on M/M/10 at 90 % utilisation (λ = 9,
// μ = 1), whose exact mean response is 1.669 s (Erlang C). Our engine runs `customers` customers
// `repeats` times with the same seed (the results must be identical: a reproducibility check);
// SimPy runs `simpyCustomers` customers under Debian's /usr/bin/python3 (python3-simpy3).
// Shared by `npm run bench -- des` and `npm run bench -- simulate`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type SimulationResult, simulateStation } from '../src/simulate/des/index.js';
import { solveMmc } from '../src/simulate/queueing/index.js';
import { percentile, round, timed } from './bench-utils.js';

export interface DesBenchmarkOptions {
  customers: number;
  repeats: number;
  simpyCustomers: number;
  seed: number;
}

const exact = 1.669;
const exactPrecise = solveMmc({ arrivalRate: 9, serviceRate: 1, servers: 10 }).meanResponse;
const python = '/usr/bin/python3';
const log = (line: string) => process.stderr.write(`${line}\n`);

function runOurs({ customers, repeats, seed }: DesBenchmarkOptions): {
  rates: number[];
  result: SimulationResult;
  identical: boolean;
} {
  const rates: number[] = [];
  let first: SimulationResult | undefined;
  let identical = true;
  for (let r = 0; r < repeats; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const { value, ms } = timed(() =>
      simulateStation(
        { servers: 10, service: { type: 'exponential', mean: 1 }, arrivals: { rate: 9 } },
        { customers, seed },
      ),
    );
    rates.push(customers / (ms / 1000));
    log(`ours  repeat ${r + 1}: ${round(ms)} ms, ${round(customers / (ms / 1000) / 1e6, 2)} M customers/s`);
    if (first === undefined) first = value;
    else identical &&= JSON.stringify(first) === JSON.stringify(value);
  }
  return { rates, result: first!, identical };
}

interface SimpyFigures {
  customers: number;
  seconds: number;
  customers_per_s: number;
  mean_response: number;
  simpy: string;
}

function runSimpy({ simpyCustomers, seed }: DesBenchmarkOptions): SimpyFigures | string {
  if (!existsSync(python)) return `${python} is missing`;
  const child = spawnSync(python, [join('bench', 'des-simpy.py'), String(simpyCustomers), String(seed)], {
    encoding: 'utf8',
  });
  if (child.status !== 0) {
    const reason = /No module named '?simpy/.test(child.stderr)
      ? 'simpy is not installed for it'
      : child.stderr.trim();
    return `${python}: ${reason}`;
  }
  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as SimpyFigures;
}

export function runDesBenchmark(options: DesBenchmarkOptions): Record<string, unknown> {
  const { customers, repeats } = options;
  const ours = runOurs(options);
  const { result } = ours;
  const best = Math.max(...ours.rates);
  const median = percentile(ours.rates, 0.5);
  const within = result.response.low <= exact && exact <= result.response.high;
  const withinPrecise = result.response.low <= exactPrecise && exactPrecise <= result.response.high;
  log(
    `ours  best ${round(best / 1e6, 2)} M/s, median ${round(median / 1e6, 2)} M/s; mean response ` +
      `${round(result.response.mean, 4)} s, 95 % CI [${round(result.response.low, 4)}, ${round(result.response.high, 4)}], ` +
      `1.669 ${within ? 'inside' : 'OUTSIDE'}, exact ${round(exactPrecise, 5)} ${withinPrecise ? 'inside' : 'OUTSIDE'}; ` +
      `p50/p95/p99 ` +
      `${round(result.response.p50, 3)}/${round(result.response.p95, 3)}/${round(result.response.p99, 3)} s; ` +
      `utilisation ${round(result.stations[0]!.utilisation.mean, 4)}; repeats identical: ${ours.identical}`,
  );
  const simpy = runSimpy(options);
  if (typeof simpy === 'string') log(`SimPy not run: ${simpy}. Our figures alone.`);
  else {
    log(
      `simpy ${simpy.simpy}: ${simpy.customers} customers in ${round(simpy.seconds, 2)} s, ` +
        `${round(simpy.customers_per_s)} customers/s, mean response ${round(simpy.mean_response, 4)} s`,
    );
    log(`ratio (best ours / SimPy): ${round(best / simpy.customers_per_s, 1)}×`);
  }
  return {
    des_customers_per_s: round(best),
    des_median_customers_per_s: round(median),
    customers,
    repeats,
    repeats_identical: ours.identical,
    simpy_customers_per_s: typeof simpy === 'string' ? null : round(simpy.customers_per_s),
    simpy_customers: typeof simpy === 'string' ? null : simpy.customers,
    simpy_mean_response: typeof simpy === 'string' ? null : round(simpy.mean_response, 4),
    simpy_missing: typeof simpy === 'string' ? simpy : undefined,
    ratio: typeof simpy === 'string' ? null : round(best / simpy.customers_per_s, 1),
    mean_response: round(result.response.mean, 5),
    ci_low: round(result.response.low, 5),
    ci_high: round(result.response.high, 5),
    p50: round(result.response.p50, 4),
    p95: round(result.response.p95, 4),
    p99: round(result.response.p99, 4),
    utilisation: round(result.stations[0]!.utilisation.mean, 5),
    exact,
    exact_precise: round(exactPrecise, 5),
    within_ci: within,
    within_ci_precise: withinPrecise,
  };
}
