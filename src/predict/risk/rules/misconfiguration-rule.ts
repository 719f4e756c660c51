import type { Prediction } from '../../../model/index.js';
import { entityName, freshMetric, numberProp, riskPrediction } from '../risk-prediction.js';
import type { RiskRule } from '../risk-rule.js';

/**
 * Configuration that will cause a failure once the plant runs on it: a cooling setpoint that puts
 * supply air above the inlet envelope, a service scaled to no replicas while it still has callers
 * or traffic.
 */
export function misconfigurationRule(): RiskRule {
  return {
    kind: 'misconfiguration',
    metrics: [],
    evaluate(context) {
      const predictions: Prediction[] = [];
      const limit = context.settings.inletRecommendedMaxCelsius;
      for (const unit of context.view.entitiesOfKind('cooling-unit')) {
        const setpoint = numberProp(context, unit.id, 'setpointCelsius');
        if (setpoint === undefined || setpoint < limit) continue;
        predictions.push(
          riskPrediction({
            kind: 'misconfiguration',
            entityId: unit.id,
            detail: 'setpointCelsius',
            severity: 'critical',
            summary: `cooling unit ${entityName(context, unit.id)} set to supply ${setpoint} °C: the racks it cools will run above the ${limit} °C ASHRAE recommended inlet limit`,
            confidence: 0.9,
            evidence: { setpointCelsius: setpoint, inletRecommendedMaxCelsius: limit },
            fix: `Set setpointCelsius back to a supply temperature well below ${limit} °C (18–22 °C is usual).`,
          }),
        );
      }
      for (const service of context.view.entitiesOfKind('service')) {
        if (numberProp(context, service.id, 'replicas') !== 0) continue;
        const callers = context.view.incoming(service.id, 'depends-on').map((relation) => relation.from);
        const traffic = freshMetric(context, service.id, 'request_rate_per_second') ?? 0;
        if (callers.length === 0 && traffic <= 0) continue;
        predictions.push(
          riskPrediction({
            kind: 'misconfiguration',
            entityId: service.id,
            detail: 'replicas',
            entities: [service.id, ...callers],
            severity: 'critical',
            summary: `${entityName(context, service.id)} is set to 0 replicas while ${callers.length} service(s) call it${traffic > 0 ? ` and it receives ${traffic.toFixed(1)} req/s` : ''}: its callers will fail`,
            confidence: 0.95,
            evidence: { replicas: 0, callers, requestRatePerSecond: traffic },
            fix: 'Scale the service back to its usual replica count, or remove the dependency first.',
          }),
        );
      }
      return predictions;
    },
  };
}
