import { entityName } from '../risk-prediction.js';
import type { RiskRule } from '../risk-rule.js';
import { thresholdTrendRule } from '../threshold-trend-rule.js';

/**
 * Rack inlet (and room sensor) air leaving the ASHRAE recommended envelope: the trend to its upper
 * end within the thermal horizon, or already past it.
 */
export function inletOverheatingRule(): RiskRule {
  const rack = inletRule(
    'inlet_temperature_celsius',
    ['rack', 'host', 'switch', 'storage-array'],
    'inlet of',
  );
  const sensor = inletRule('temperature_celsius', ['sensor'], 'sensor');
  return {
    kind: 'overheating',
    metrics: [...rack.metrics, ...sensor.metrics],
    evaluate: (ctx) => [...rack.evaluate(ctx), ...sensor.evaluate(ctx)],
  };
}

function inletRule(metric: string, entityKinds: readonly string[], what: string): RiskRule {
  return thresholdTrendRule({
    kind: 'overheating',
    metric,
    entityKinds,
    direction: 'above',
    threshold: (ctx) => ctx.settings.inletRecommendedMaxCelsius,
    horizonMs: (ctx) => ctx.settings.thermalHorizonMs,
    spanMs: 10 * 60_000,
    minSpanMs: 60_000,
    minSignificance: 5,
    minChange: 0.5,
    reportBreach: true,
    describe: (context, entityId, threshold) =>
      `${what} ${entityName(context, entityId)} above ${threshold} °C (ASHRAE recommended)`,
    fix: 'Check the cooling units of the room (failed unit, setpoint, blocked airflow); move load away from the hottest racks.',
  });
}

/** A CPU package heading for its critical temperature (the catalog's threshold for the metric). */
export function cpuOverheatingRule(): RiskRule {
  return thresholdTrendRule({
    kind: 'cpu-overheating',
    metric: 'cpu_temperature_celsius',
    entityKinds: ['host'],
    direction: 'above',
    threshold: (ctx) => ctx.catalog.get('host')?.metrics?.cpu_temperature_celsius?.thresholds?.critical ?? 95,
    horizonMs: () => 30 * 60_000,
    spanMs: 3 * 60_000,
    minSpanMs: 20_000,
    minSignificance: 4,
    minChange: 2,
    reportBreach: true,
    describe: (context, entityId, threshold) =>
      `CPU of ${entityName(context, entityId)} at ${threshold} °C (critical)`,
    fix: 'Check the server’s fans and airflow (BMC sensor log); drain its workloads before it throttles or shuts down.',
  });
}
