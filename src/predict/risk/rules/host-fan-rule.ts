import type { Prediction } from '../../../model/index.js';
import { formatDuration } from '../../forecast/duration.js';
import { crossingTime, fitLinearTrend } from '../linear-trend.js';
import { entityName, riskPrediction, round } from '../risk-prediction.js';
import type { RiskRule } from '../risk-rule.js';

/** Faster than load ever heats a package with working fans. */
const riseCelsiusPerMinute = 4;
const lookbackMs = 75_000;
/** A change of utilisation this small cannot explain the rise. */
const flatLoadChange = 0.15;

/**
 * A server's fans failing: its CPU temperature climbs fast while its load does not. Raised at the
 * first samples of the climb, long before the package reaches its critical temperature.
 */
export function hostFanFailureRule(): RiskRule {
  return {
    kind: 'fan-failure',
    metrics: ['cpu_temperature_celsius', 'cpu_utilization'],
    evaluate(context) {
      const predictions: Prediction[] = [];
      const critical =
        context.catalog.get('host')?.metrics?.cpu_temperature_celsius?.thresholds?.critical ?? 95;
      for (const [host, window] of context.windows('cpu_temperature_celsius')) {
        if (context.view.entity(host)?.kind !== 'host') continue;
        const recent = window.raw(window.lastTs - lookbackMs);
        if (recent.values.length < 2) continue;
        const rise = (recent.values.at(-1) as number) - (recent.values[0] as number);
        const minutes = ((recent.ts.at(-1) as number) - (recent.ts[0] as number)) / 60_000;
        if (minutes <= 0 || rise / minutes < riseCelsiusPerMinute) continue;
        const load = context.window(host, 'cpu_utilization')?.raw(window.lastTs - lookbackMs - 1);
        const loadChange =
          load && load.values.length > 1 ? (load.values.at(-1) as number) - (load.values[0] as number) : 0;
        if (loadChange > flatLoadChange) continue;
        const trend = fitLinearTrend(recent, 2);
        const crossing = trend ? crossingTime(trend, critical, 'above', 3_600_000) : undefined;
        predictions.push(
          riskPrediction({
            kind: 'fan-failure',
            entityId: host,
            severity: 'critical',
            summary: `fans of ${entityName(context, host)} failing: CPU +${round(rise, 3)} °C in ${round(minutes * 60, 3)} s at flat load${crossing ? `, critical ${critical} °C in ${formatDuration(crossing.atMs - context.now)}` : ''}`,
            confidence: Math.min(0.95, 0.5 + rise / minutes / (4 * riseCelsiusPerMinute)),
            evidence: {
              cpuTemperatureCelsius: round(window.lastValue),
              riseCelsiusPerMinute: round(rise / minutes),
              cpuUtilizationChange: round(loadChange),
            },
            fix: 'Check the fan sensors in the BMC; drain the host’s workloads and replace the fan module.',
            ...(crossing
              ? {
                  crossing,
                  claim: {
                    metric: 'cpu_temperature_celsius',
                    threshold: critical,
                    direction: 'above' as const,
                  },
                }
              : {}),
          }),
        );
      }
      return predictions;
    },
  };
}
