import type { EntityId } from '../../model/index.js';
import type { EstateModel } from './estate-model.js';

/** A replica started elsewhere by failover (or by a deployment) during a scenario. */
export interface PlacedReplica {
  readonly id: string;
  readonly service: number;
  readonly host: number;
  readonly cores: number;
  /** Memory and disk it takes on its host. */
  readonly memoryBytes: number;
  readonly diskBytes: number;
}

/**
 * What holds at one moment of a scenario, besides the estate's structure: traffic, what is down,
 * what is throttled, where failover put lost replicas. The evaluator turns conditions into a
 * snapshot of every predicted metric.
 */
export interface EstateConditions {
  /** External traffic multiplier per service (entry points), by service index. */
  readonly multipliers: Float64Array;
  readonly hostDown: Uint8Array;
  /** Share of its normal speed each host keeps (throttling): 1 normally. */
  readonly hostSpeed: Float64Array;
  readonly replicaDown: Uint8Array;
  readonly placed: PlacedReplica[];
  readonly coolingDown: Uint8Array;
  /** Power distribution nodes (feeds, UPSes, PDUs) that have failed or tripped. */
  readonly powerDown: Set<EntityId>;
  /** Network devices and links that have failed: traffic re-routes around them. */
  readonly networkDown: Set<EntityId>;
}

export function normalConditions(model: EstateModel): EstateConditions {
  return {
    multipliers: new Float64Array(model.services.length).fill(1),
    hostDown: new Uint8Array(model.hosts.length),
    hostSpeed: new Float64Array(model.hosts.length).fill(1),
    replicaDown: new Uint8Array(model.replicas.length),
    placed: [],
    coolingDown: new Uint8Array(model.coolingUnits.length),
    powerDown: new Set(),
    networkDown: new Set(),
  };
}

export function copyConditions(conditions: EstateConditions): EstateConditions {
  return {
    multipliers: conditions.multipliers.slice(),
    hostDown: conditions.hostDown.slice(),
    hostSpeed: conditions.hostSpeed.slice(),
    replicaDown: conditions.replicaDown.slice(),
    placed: [...conditions.placed],
    coolingDown: conditions.coolingDown.slice(),
    powerDown: new Set(conditions.powerDown),
    networkDown: new Set(conditions.networkDown),
  };
}

/** The same conditions with every entry point's traffic scaled by `factor` (the headroom search). */
export function scaledTraffic(conditions: EstateConditions, factor: number): EstateConditions {
  const multipliers = conditions.multipliers.slice();
  for (let index = 0; index < multipliers.length; index++) {
    multipliers[index] = (multipliers[index] as number) * factor;
  }
  return { ...conditions, multipliers };
}
