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

/** The power distribution as index arrays, built once per model: evaluations only do arithmetic. */
interface PowerStructure {
  /** Per node, its supplies as node indexes; -1 for a supply the model does not know (counts as up). */
  readonly supplies: Int32Array[];
  readonly hostSupplies: Int32Array[];
  /** Nodes before the nodes that supply them (PDUs, then UPSes, then feeds). */
  readonly upstream: Int32Array;
}

const structures = new WeakMap<EstateModel, PowerStructure>();

function structureOf(model: EstateModel): PowerStructure {
  const known = structures.get(model);
  if (known) return known;
  const index = new Map(model.power.map((node, n) => [node.id, n]));
  const toIndexes = (ids: readonly EntityId[]) => Int32Array.from(ids, (id) => index.get(id) ?? -1);
  const supplies = model.power.map((node) => toIndexes(node.supplies));
  const built: PowerStructure = {
    supplies,
    hostSupplies: model.hosts.map((host) => toIndexes(host.supplies)),
    upstream: upstreamOrder(supplies),
  };
  structures.set(model, built);
  return built;
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
  const { supplies, hostSupplies, upstream } = structureOf(model);
  const nodes = model.power;
  const up = new Uint8Array(nodes.length);
  // Supplies before what they feed: the reverse of the upstream order.
  for (let k = upstream.length - 1; k >= 0; k--) {
    const n = upstream[k] as number;
    const node = nodes[n] as PowerNode;
    const own = supplies[n] as Int32Array;
    let alive = !conditions.powerDown.has(node.id);
    if (alive && own.length > 0 && node.kind !== 'ups') alive = own.some((s) => s < 0 || up[s] === 1);
    up[n] = alive ? 1 : 0;
  }
  const watts = new Float64Array(nodes.length);
  const share = (own: Int32Array, amount: number) => {
    let live = 0;
    for (const s of own) if (s >= 0 && up[s] === 1) live++;
    if (live === 0) return;
    for (const s of own) if (s >= 0 && up[s] === 1) watts[s] = (watts[s] as number) + amount / live;
  };
  hostSupplies.forEach((own, h) => {
    if (conditions.hostDown[h] !== 1) share(own, hostWatts[h] as number);
  });
  for (const n of upstream) share(supplies[n] as Int32Array, watts[n] as number);
  const loads = new Map<EntityId, PowerLoad>();
  nodes.forEach((node, n) => {
    const alive = up[n] === 1;
    const load = alive ? (watts[n] as number) : 0;
    const own = supplies[n] as Int32Array;
    const onBattery =
      alive && node.kind === 'ups' && own.length > 0 && !own.some((s) => s < 0 || up[s] === 1);
    loads.set(node.id, {
      kind: node.kind,
      up: alive,
      watts: load,
      ratedWatts: node.ratedWatts,
      ratio: node.ratedWatts ? load / node.ratedWatts : undefined,
      onBattery,
      batterySeconds:
        onBattery && node.batteryWattHours !== undefined && load > 0
          ? (node.batteryWattHours * 3600) / load
          : undefined,
    });
  });
  return loads;
}

/** Kahn's order on "is fed by": each node before its supplies; nodes on a cycle are left out. */
function upstreamOrder(supplies: readonly Int32Array[]): Int32Array {
  const fedBy = new Int32Array(supplies.length);
  for (const own of supplies) for (const s of own) if (s >= 0) fedBy[s] = (fedBy[s] as number) + 1;
  const ready: number[] = [];
  fedBy.forEach((count, n) => {
    if (count === 0) ready.push(n);
  });
  const order: number[] = [];
  while (ready.length > 0) {
    const n = ready.pop() as number;
    order.push(n);
    for (const s of supplies[n] as Int32Array) {
      if (s < 0) continue;
      fedBy[s] = (fedBy[s] as number) - 1;
      if (fedBy[s] === 0) ready.push(s);
    }
  }
  return Int32Array.from(order);
}
