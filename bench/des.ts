// `npm run bench -- des`: the discrete-event engine against SimPy 3 on M/M/10 at 90 %
// (see _des-benchmark.ts). Usage: npm run bench -- des [--customers 10000000] [--repeats 3]
// [--simpy-customers 200000] [--seed 1]
import { runDesBenchmark } from './_des-benchmark.js';
import { argValue } from './bench-utils.js';

const figures = runDesBenchmark({
  customers: Number(argValue('--customers') ?? 10_000_000),
  repeats: Number(argValue('--repeats') ?? 3),
  simpyCustomers: Number(argValue('--simpy-customers') ?? 200_000),
  seed: Number(argValue('--seed') ?? 1),
});
console.log(JSON.stringify(figures));
