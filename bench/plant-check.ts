// Section 7 of issue 4: inject ≥ 50 faults of every kind into the demo plant, with a seed, and
// check the twin predicts each before it becomes a failure; lead time, precision and recall per
// kind. No peer does this; the figures stand alone. `npm run bench -- plant-check [--faults N] [--seed S]`
import { runPlantCheck } from '../src/cli/plant-check.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const faults = option('faults', 50);
const seed = option('seed', 1);
const started = performance.now();
const report = await runPlantCheck({
  seed,
  faultsPerType: faults,
  hosts: option('hosts', 60),
  onEpisode: (done, total) => process.stderr.write(`\repisode ${done}/${total}`),
});
process.stderr.write('\n');
const minutes = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms / 6_000) / 10);
for (const kind of report.kinds) {
  console.log(
    `${kind.type.padEnd(18)} ${String(kind.foreseen).padStart(3)}/${kind.faults} foreseen, precision ${(kind.precision * 100).toFixed(0)} % of ${kind.alerts} alerts, median lead ${minutes(kind.medianLeadMs)} min, shortest ${minutes(kind.minLeadMs)} min`,
  );
}
console.log(
  `healthy plant, ${report.healthy.episodes} episodes, ${report.healthy.hours} h: ${report.healthy.alertsPerDay.toFixed(2)} alerts per day ${JSON.stringify(report.healthy.alertsByKind)}`,
);
console.log(
  JSON.stringify({
    bench: 'plant-check',
    seed,
    faultsPerKind: faults,
    hosts: report.hosts,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    kinds: Object.fromEntries(
      report.kinds.map((kind) => [
        kind.type,
        {
          faults: kind.faults,
          foreseen: kind.foreseen,
          recall: kind.recall,
          precision: Math.round(kind.precision * 1000) / 1000,
          alerts: kind.alerts,
          medianLeadMinutes: minutes(kind.medianLeadMs),
          minLeadMinutes: minutes(kind.minLeadMs),
        },
      ]),
    ),
    unmatchedAlerts: report.unmatchedByKind,
    healthy: report.healthy,
  }),
);
