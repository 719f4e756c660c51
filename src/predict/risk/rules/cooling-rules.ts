import type { EntityId, Prediction } from '../../../model/index.js';
import { entityName, freshMetric, numberProp, riskPrediction, round } from '../risk-prediction.js';
import type { RiskContext, RiskRule } from '../risk-rule.js';

const stoppedFanRatio = 0.05;

interface RoomCooling {
  room: EntityId;
  units: EntityId[];
  racks: EntityId[];
}

/**
 * Cooling units that stopped (fan at 0 or no heat removed while their peers work), and rooms that
 * lost N+1: the heat of the room is more than the running units can remove without the largest.
 * A room whose running units cannot remove its heat at all will overheat: that is predicted too.
 */
export function coolingRule(): RiskRule {
  return {
    kind: 'cooling-failure',
    metrics: ['fan_speed_ratio', 'cooling_watts'],
    evaluate(context) {
      const predictions: Prediction[] = [];
      for (const room of coolingByRoom(context)) predictions.push(...judgeRoom(context, room));
      return predictions;
    },
  };
}

function coolingByRoom(context: RiskContext): RoomCooling[] {
  const rooms: RoomCooling[] = [];
  for (const room of context.view.entitiesOfKind('room')) {
    const children = context.view.outgoing(room.id, 'contains').map((relation) => relation.to);
    const racks = children.filter((id) => context.view.entity(id)?.kind === 'rack');
    const units = new Set(children.filter((id) => context.view.entity(id)?.kind === 'cooling-unit'));
    for (const rack of racks) {
      for (const relation of context.view.outgoing(rack, 'cooled-by')) units.add(relation.to);
    }
    if (units.size > 0) rooms.push({ room: room.id, units: [...units], racks });
  }
  return rooms;
}

function judgeRoom(context: RiskContext, cooling: RoomCooling): Prediction[] {
  const predictions: Prediction[] = [];
  const running: Array<{ id: EntityId; capacity: number }> = [];
  let removedWatts = 0;
  for (const unit of cooling.units) {
    const capacity = numberProp(context, unit, 'capacityWatts');
    const fan = freshMetric(context, unit, 'fan_speed_ratio');
    const watts = freshMetric(context, unit, 'cooling_watts');
    removedWatts += watts ?? 0;
    const stopped =
      (fan !== undefined && fan < stoppedFanRatio) ||
      (watts !== undefined && watts <= 0 && fan === undefined);
    if (stopped) predictions.push(stoppedUnit(context, cooling, unit, fan, watts));
    else if (capacity !== undefined) running.push({ id: unit, capacity });
  }
  const heatWatts = Math.max(rackHeat(context, cooling.racks) ?? 0, removedWatts);
  if (heatWatts <= 0 || running.length === 0) return predictions;
  const capacity = running.reduce((sum, unit) => sum + unit.capacity, 0);
  const largest = Math.max(...running.map((unit) => unit.capacity));
  const evidence = {
    heatWatts: round(heatWatts),
    runningUnits: running.length,
    runningCapacityWatts: round(capacity),
    largestUnitWatts: round(largest),
  };
  if (heatWatts > capacity) {
    predictions.push(
      riskPrediction({
        kind: 'overheating',
        entityId: cooling.room,
        detail: 'cooling-capacity',
        entities: [cooling.room, ...running.map((unit) => unit.id)],
        severity: 'critical',
        summary: `${entityName(context, cooling.room)}: heat ${round(heatWatts / 1000, 3)} kW exceeds the ${round(capacity / 1000, 3)} kW its running cooling units can remove; inlets will rise`,
        confidence: 0.9,
        evidence,
        fix: 'Restore the stopped cooling unit or bring in temporary cooling; shed or move load out of the room.',
      }),
    );
  } else if (heatWatts > capacity - largest) {
    predictions.push(
      riskPrediction({
        kind: 'cooling-redundancy',
        entityId: cooling.room,
        entities: [cooling.room, ...running.map((unit) => unit.id)],
        severity: 'warning',
        summary: `${entityName(context, cooling.room)}: cooling N+1 lost — without its largest running unit, ${round((capacity - largest) / 1000, 3)} kW cannot remove ${round(heatWatts / 1000, 3)} kW`,
        confidence: 0.9,
        evidence,
        fix: 'Restore the failed unit or add cooling capacity before the next unit fails or goes into maintenance.',
      }),
    );
  }
  return predictions;
}

function stoppedUnit(
  context: RiskContext,
  cooling: RoomCooling,
  unit: EntityId,
  fan: number | undefined,
  watts: number | undefined,
): Prediction {
  const racks = cooling.racks.filter((rack) =>
    context.view.outgoing(rack, 'cooled-by').some((relation) => relation.to === unit),
  );
  return riskPrediction({
    kind: 'cooling-failure',
    entityId: unit,
    entities: [unit, cooling.room, ...racks],
    severity: 'critical',
    summary: `cooling unit ${entityName(context, unit)} stopped (fan ${fan === undefined ? 'unknown' : round(fan, 2)}); the racks it cools will heat up`,
    confidence: 0.95,
    evidence: { fanSpeedRatio: fan ?? null, coolingWatts: watts ?? null, room: cooling.room },
    fix: 'Dispatch facilities to the unit (fan, compressor, controller alarms); check its BMS; move load if it cannot restart.',
  });
}

function rackHeat(context: RiskContext, racks: readonly EntityId[]): number | undefined {
  let total = 0;
  let known = false;
  for (const rack of racks) {
    const watts = freshMetric(context, rack, 'power_watts');
    if (watts === undefined) continue;
    total += watts;
    known = true;
  }
  return known ? total : undefined;
}
