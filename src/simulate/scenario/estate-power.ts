import type { EntityId } from '../../model/index.js';
import type { EstateConditions } from './estate-conditions.js';
import type { EstateModel, PowerNode } from './estate-model.js';

export interface PowerLoad {
  readonly kind: PowerNode['kind'];
  /** Failed or tripped, or fed by nothing that is up (a UPS on battery still counts as up). */
  readonly up: boolean;
  readonly watts: number;
  readonly ratedWatts: number | undefined;
  readonly ratio: number | undefined;
  /** A UPS whose feeds are all down carries its load on battery… */
  readonly onBattery: boolean;
  /** …for this many seconds. */
  readonly batterySeconds: number | undefined;
}

/**
 * Loads on the power distribution: each host's watts split evenly over the supplies it has that
 * are up (A+B share; the survivor takes it all), and each PDU's or UPS's load likewise over its
 * own supplies, up to the feeds. A supply is up unless it failed or everything feeding it is
 * down; a UPS stays up on battery.
 */
export function powerLoads(
  model: EstateModel,
  conditions: EstateConditions,
  hostWatts: Float64Array,
): Map<EntityId, PowerLoad> {
  const byId = new Map(model.power.map((node) => [node.id, node]));
  const upMemo = new Map<EntityId, boolean>();
  const isUp = (id: EntityId, depth = 0): boolean => {
    const known = upMemo.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    let up = node !== undefined && !conditions.powerDown.has(id);
    if (up && node && node.supplies.length > 0 && node.kind !== 'ups' && depth < 16) {
      up = node.supplies.some((supply) => !byId.has(supply) || isUp(supply, depth + 1));
    }
    upMemo.set(id, up);
    return up;
  };
  const watts = new Map<EntityId, number>();
  const share = (supplies: readonly EntityId[], amount: number) => {
    const live = supplies.filter((supply) => byId.has(supply) && isUp(supply));
    for (const supply of live) watts.set(supply, (watts.get(supply) ?? 0) + amount / live.length);
  };
  model.hosts.forEach((host, h) => {
    if (conditions.hostDown[h] !== 1) share(host.supplies, hostWatts[h] as number);
  });
  for (const node of upstreamOrder(model.power, byId)) share(node.supplies, watts.get(node.id) ?? 0);
  const loads = new Map<EntityId, PowerLoad>();
  for (const node of model.power) {
    const up = isUp(node.id);
    const load = up ? (watts.get(node.id) ?? 0) : 0;
    const onBattery =
      up && node.kind === 'ups' && node.supplies.length > 0 && !node.supplies.some((supply) => isUp(supply));
    loads.set(node.id, {
      kind: node.kind,
      up,
      watts: load,
      ratedWatts: node.ratedWatts,
      ratio: node.ratedWatts ? load / node.ratedWatts : undefined,
      onBattery,
      batterySeconds:
        onBattery && node.batteryWattHours !== undefined && load > 0
          ? (node.batteryWattHours * 3600) / load
          : undefined,
    });
  }
  return loads;
}

/** Power nodes ordered so that each comes before the nodes that supply it (PDUs, then UPSes, then feeds). */
function upstreamOrder(nodes: readonly PowerNode[], byId: ReadonlyMap<EntityId, PowerNode>): PowerNode[] {
  const fedBy = new Map<EntityId, number>();
  for (const node of nodes)
    for (const supply of node.supplies) fedBy.set(supply, (fedBy.get(supply) ?? 0) + 1);
  const ready = nodes.filter((node) => !fedBy.has(node.id));
  const order: PowerNode[] = [];
  while (ready.length > 0) {
    const node = ready.pop() as PowerNode;
    order.push(node);
    for (const supply of node.supplies) {
      const left = (fedBy.get(supply) ?? 0) - 1;
      fedBy.set(supply, left);
      const next = byId.get(supply);
      if (left === 0 && next) ready.push(next);
    }
  }
  return order;
}
