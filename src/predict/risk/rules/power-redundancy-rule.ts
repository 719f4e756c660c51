import type { EntityId, Prediction } from '../../../model/index.js';
import { entityName, freshMetric, numberProp, riskPrediction, round } from '../risk-prediction.js';
import type { RiskContext, RiskRule } from '../risk-rule.js';

const sourceKinds = new Set(['pdu', 'ups', 'power-feed']);

/**
 * Redundant power (A and B sides) that can no longer survive the loss of one side: when either
 * fails, the other must carry both loads, and their sum is above its rating. A side that is down
 * already leaves its partner as a single point of failure.
 */
export function powerRedundancyRule(): RiskRule {
  return {
    kind: 'power-redundancy',
    metrics: [],
    evaluate(context) {
      const predictions: Prediction[] = [];
      for (const [a, b] of redundantPairs(context)) {
        const prediction = judgePair(context, a, b);
        if (prediction) predictions.push(prediction);
      }
      return predictions;
    },
  };
}

/** Pairs of sources that power the same dependents, each pair once. */
function redundantPairs(context: RiskContext): Array<[EntityId, EntityId]> {
  const pairs = new Map<string, [EntityId, EntityId]>();
  for (const relation of context.view.relations('powered-by')) {
    const sources = context.view
      .outgoing(relation.from, 'powered-by')
      .map((edge) => edge.to)
      .filter((id) => sourceKinds.has(context.view.entity(id)?.kind ?? ''))
      .sort();
    for (let i = 0; i < sources.length; i++) {
      for (let j = i + 1; j < sources.length; j++) {
        const pair: [EntityId, EntityId] = [sources[i] as EntityId, sources[j] as EntityId];
        pairs.set(pair.join('|'), pair);
      }
    }
  }
  return [...pairs.values()];
}

function judgePair(context: RiskContext, a: EntityId, b: EntityId): Prediction | undefined {
  const loadA = freshMetric(context, a, 'power_watts');
  const loadB = freshMetric(context, b, 'power_watts');
  const ratedA = numberProp(context, a, 'ratedWatts');
  const ratedB = numberProp(context, b, 'ratedWatts');
  if (loadA === undefined || loadB === undefined || ratedA === undefined || ratedB === undefined)
    return undefined;
  const combined = loadA + loadB;
  const weaker = ratedA <= ratedB ? a : b;
  const weakerRating = Math.min(ratedA, ratedB);
  const down = loadA <= 0 ? a : loadB <= 0 ? b : undefined;
  if (!down && combined <= weakerRating) return undefined;
  const evidence = {
    [`${a}.watts`]: round(loadA),
    [`${b}.watts`]: round(loadB),
    [`${a}.ratedWatts`]: ratedA,
    [`${b}.ratedWatts`]: ratedB,
  };
  const summary = down
    ? `${entityName(context, down)} carries no load: its partner is now a single point of failure`
    : `${entityName(context, a)} + ${entityName(context, b)} draw ${round(combined / 1000, 3)} kW; if one fails, ${entityName(context, weaker)} (${round(weakerRating / 1000, 3)} kW) cannot carry both — N+1 lost`;
  return riskPrediction({
    kind: 'power-redundancy',
    entityId: down ?? weaker,
    detail: [a, b].join('+'),
    entities: [a, b],
    severity: down ? 'critical' : 'warning',
    summary,
    confidence: 0.9,
    evidence,
    fix: down
      ? 'Restore the failed side (breaker, feed, UPS) before any work on its partner.'
      : 'Move load to less loaded racks or raise the rating; keep each side below half its rating.',
  });
}
