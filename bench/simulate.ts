// `npm run bench -- simulate`: the two figures of the simulate issue, in one run.
//  1. Analytic what-if on an estate with 10,000 services (goal < 1 s): the demo plant's estate
//     grown until it has that many services and databases, one emulated sample of every metric in
//     the twin, then a "traffic +30 %" scenario: the model built from the twin, calibrated, the
//     scenario evaluated, the headroom found. Timed both as the bare what-if (model built once,
//     one evaluation and the headroom search) and as the whole `runScenario` (fork, structural
//     change set, calibration, predictions written to the fork).
//  2. The discrete-event engine on M/M/10 at 90 % against SimPy 3 (see _des-benchmark.ts).
// Usage: npm run bench -- simulate [--services 10000] [--customers 10000000] [--simpy-customers 200000]
import { MemoryTwinStore, Twin } from '../src/model/index.js';
import { createEmulator, estateOperations, generateEstate } from '../src/plant/index.js';
import { parseScenario, runScenario } from '../src/simulate/index.js';
import { calibrateEstate } from '../src/simulate/scenario/calibrate-estate.js';
import { normalConditions, scaledTraffic } from '../src/simulate/scenario/estate-conditions.js';
import { EstateEvaluator } from '../src/simulate/scenario/estate-evaluator.js';
import { buildEstateModel } from '../src/simulate/scenario/estate-model.js';
import { findHeadroom } from '../src/simulate/scenario/find-headroom.js';
import { defaultLimits } from '../src/simulate/scenario/scenario-spec.js';
import { runDesBenchmark } from './_des-benchmark.js';
import { argValue, percentile, round, timed } from './bench-utils.js';

const wantedServices = Number(argValue('--services') ?? 10_000);
const log = (line: string) => process.stderr.write(`${line}\n`);
/** Services and databases the plant makes per host (measured on its generator: 72 on 400 hosts). */
const servicesPerHost = 0.18;

async function estateTwin(): Promise<{ twin: Twin; services: number; entities: number }> {
  const hosts = Math.ceil(wantedServices / servicesPerHost);
  const { value: estate, ms } = timed(() => generateEstate({ hosts, seed: 1 }));
  const services = estate.entities.filter(
    (entity) => entity.kind === 'service' || entity.kind === 'database',
  ).length;
  log(
    `estate: ${hosts} hosts, ${services} services and databases, ${estate.entities.length} entities (${round(ms)} ms)`,
  );
  const startMs = Date.UTC(2026, 0, 5, 14);
  const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => startMs });
  await twin.apply({
    actor: 'bench',
    ops: estateOperations(estate),
  });
  twin.recordSamples(createEmulator(estate, { seed: 1, startMs }).step(startMs).samples);
  return { twin, services, entities: estate.entities.length };
}

function bareWhatIf(twin: Twin) {
  const built = timed(() => buildEstateModel(twin.view()));
  const model = built.value;
  const calibrated = timed(() => calibrateEstate(model, defaultLimits));
  const evaluator = new EstateEvaluator(model, calibrated.value, defaultLimits);
  const conditions = scaledTraffic(normalConditions(model), 1.3);
  const evaluations: number[] = [];
  for (let repeat = 0; repeat < 5; repeat++)
    evaluations.push(timed(() => evaluator.evaluate(conditions, undefined, false)).ms);
  const withNetwork = timed(() => evaluator.evaluate(conditions)).ms;
  const headroom = timed(() => findHeadroom(evaluator, conditions, 10));
  log(
    `what-if: model ${round(built.ms)} ms, calibration ${round(calibrated.ms)} ms, evaluation ${round(percentile(evaluations, 0.5), 1)} ms ` +
      `(${round(withNetwork)} ms with the network routed), headroom ${round(headroom.ms)} ms ` +
      `(${headroom.value.evaluations} evaluations, ${round(headroom.value.multiplier, 3)}×)`,
  );
  return {
    modelMs: built.ms,
    calibrationMs: calibrated.ms,
    evaluationMs: percentile(evaluations, 0.5),
    networkEvaluationMs: withNetwork,
    headroomMs: headroom.ms,
    whatIfMs: percentile(evaluations, 0.5) + headroom.ms,
  };
}

async function wholeScenario(twin: Twin) {
  const spec = parseScenario({ name: 'traffic +30 %', steps: [{ traffic: { multiplier: 1.3 } }] });
  const runs: number[] = [];
  for (let repeat = 0; repeat < 3; repeat++) {
    const started = performance.now();
    const result = await runScenario(twin, spec, { actor: 'bench', keepFork: false });
    runs.push(performance.now() - started);
    log(
      `runScenario ${repeat + 1}: ${round(runs.at(-1) ?? 0)} ms, ${result.entities.length} entities predicted`,
    );
  }
  return percentile(runs, 0.5);
}

const { twin, services, entities } = await estateTwin();
const whatIf = bareWhatIf(twin);
const scenarioMs = await wholeScenario(twin);
const des = runDesBenchmark({
  customers: Number(argValue('--customers') ?? 10_000_000),
  repeats: 3,
  simpyCustomers: Number(argValue('--simpy-customers') ?? 200_000),
  seed: 1,
});
log(
  `analytic what-if on ${services} services: ${round(whatIf.whatIfMs)} ms (goal < 1000); whole scenario ${round(scenarioMs)} ms`,
);
console.log(
  JSON.stringify({
    services,
    entities,
    what_if_ms: round(whatIf.whatIfMs, 1),
    evaluation_ms: round(whatIf.evaluationMs, 1),
    evaluation_with_network_ms: round(whatIf.networkEvaluationMs, 1),
    headroom_ms: round(whatIf.headroomMs, 1),
    model_build_ms: round(whatIf.modelMs, 1),
    calibration_ms: round(whatIf.calibrationMs, 1),
    run_scenario_ms: round(scenarioMs, 1),
    what_if_goal_met: whatIf.whatIfMs < 1000,
    ...Object.fromEntries(
      Object.entries(des).map(([key, value]) => [key.startsWith('des_') ? key : `des_${key}`, value]),
    ),
  }),
);
