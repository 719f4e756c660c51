// Attack paths at scale (docs/attack.md, Benchmarks): a synthetic estate of 10,000 hosts and
// 100,000 vulnerability instances in a twin; the analysis the CLI and API run — compile the twin,
// build the attack graph, the most likely, shortest and ranked paths to every crown jewel, and the
// minimal hardening set — is timed end to end (goal < 2 s), then Monte Carlo throughput on the same
// graph. No peer tool runs here (MulVAL needs XSB Prolog, not packaged in Debian).
// Usage: npm run bench -- attack [--hosts 10000] [--vulns 100000] [--jewels 10] [--trials 1000] [--runs 3]
import { MemoryTwinStore, Twin } from '../src/model/index.js';
import { analyseAttack, buildAttackGraph, propagate, twinAttackModel } from '../src/security/index.js';
import { attackEstate } from './_attack-estate.js';
import { argValue, round } from './bench-utils.js';

const hosts = Number(argValue('--hosts') ?? 10_000);
const vulns = Number(argValue('--vulns') ?? 100_000);
const jewels = Number(argValue('--jewels') ?? 10);
const trials = Number(argValue('--trials') ?? 1_000);
const runs = Number(argValue('--runs') ?? 3);

const log = (text: string) => process.stderr.write(`${text}\n`);
const ops = attackEstate({ hosts, vulnerabilityInstances: vulns, jewels, seed: 7 });
const twin = await Twin.open({ store: new MemoryTwinStore() });
const chunk = 20_000;
for (let i = 0; i < ops.length; i += chunk)
  await twin.apply({ actor: 'bench', reason: 'attack estate', ops: ops.slice(i, i + chunk) });
log(
  `estate: ${hosts} hosts, ${vulns} vulnerability instances, ${jewels} crown jewels, ${ops.length} operations`,
);

const view = twin.view();
const seconds: number[] = [];
let last: Awaited<ReturnType<typeof analyseAttack>> | undefined;
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  last = await analyseAttack(view, { trials: 0, maxPaths: 5, hardening: 'auto' });
  seconds.push((performance.now() - started) / 1000);
  log(`run ${run + 1}: ${seconds[run]?.toFixed(3)} s  ${JSON.stringify(last.timings)}`);
}
if (!last) throw new Error('no run');
const analysis = last;
log(
  `graph ${analysis.summary.graphNodes} nodes, ${analysis.summary.graphEdges} edges; ${analysis.summary.compromisable} compromisable; ` +
    `${analysis.summary.jewelsReachable}/${analysis.summary.jewels} jewels reachable; ` +
    `hardening ${analysis.hardening?.method} cost ${analysis.hardening?.cost} (lower bound ${analysis.hardening?.lowerBound}, optimal ${analysis.hardening?.optimal})`,
);

const built = buildAttackGraph(twinAttackModel(view).model);
const mcStarted = performance.now();
const odds = propagate(built.graph, { trials, seed: 1 });
const mcSeconds = (performance.now() - mcStarted) / 1000;
log(`Monte Carlo: ${trials} trials over ${built.graph.nodeCount} nodes in ${mcSeconds.toFixed(2)} s`);

const best = Math.min(...seconds);
console.log(
  JSON.stringify({
    hosts,
    vulnerabilityInstances: vulns,
    graphNodes: analysis.summary.graphNodes,
    graphEdges: analysis.summary.graphEdges,
    jewels: analysis.summary.jewels,
    jewelsReachable: analysis.summary.jewelsReachable,
    pathsListed: analysis.jewels.reduce((sum, jewel) => sum + jewel.paths.length, 0),
    analysisSeconds: seconds.map((s) => round(s, 3)),
    bestAnalysisSeconds: round(best, 3),
    goalSeconds: 2,
    goalMet: best < 2,
    timingsMs: analysis.timings,
    hardening: analysis.hardening
      ? {
          method: analysis.hardening.method,
          optimal: analysis.hardening.optimal,
          cost: analysis.hardening.cost,
          lowerBound: analysis.hardening.lowerBound,
        }
      : null,
    monteCarlo: {
      trials,
      seconds: round(mcSeconds, 2),
      nodeVisitsPerSecond: round(
        (trials * (built.graph.nodeCount + built.graph.premises.length)) / mcSeconds,
        -5,
      ),
      jewelOdds: odds.nodes.map((node) => round(node.probability, 3)),
    },
  }),
);
