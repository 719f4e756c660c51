import type { Entity, EntityId } from './entity.js';
import { NotFoundError } from './errors.js';
import type { TwinView } from './twin-view.js';

/** Contained in a rack but not a consumer: counting them would count their consumers twice. */
const powerSourceKinds = new Set(['pdu', 'ups', 'power-feed']);

export interface PowerHop {
  id: EntityId;
  kind: string;
  name: string;
  ratedWatts?: number;
  loadWatts?: number;
  /** loadWatts / ratedWatts where both are known. */
  loadRatio?: number;
  /** True when loadWatts is the hop's own power_watts metric; false when summed from below. */
  measured: boolean;
}

export interface PowerPathReport {
  device: EntityId;
  /** Every chain from a source with nothing upstream (a feed) down to the device. */
  paths: PowerHop[][];
}

/**
 * The power path of a device, end to end: feed → UPS → PDU → rack → device, every redundant
 * branch, with load against rating at each hop. A hop's load is its own power_watts metric
 * where one is reported, else the sum of what it feeds, a dual-fed consumer counting half.
 */
export function computePowerPath(view: TwinView, deviceId: EntityId): PowerPathReport {
  const device = view.entity(deviceId);
  if (!device) throw new NotFoundError(`no entity '${deviceId}'`);
  const loads = new Map<EntityId, { watts: number | undefined; measured: boolean }>();
  const hop = (entity: Entity): PowerHop => describeHop(view, entity, loads);
  const rack = device.kind === 'rack' ? undefined : rackOf(view, deviceId);
  const chains = upstreamChains(view, deviceId);
  const paths = chains.map((chain) => {
    const hops = chain.map((id) => view.entity(id)).filter((entity): entity is Entity => !!entity);
    const full = hops.reverse().map(hop);
    if (rack && !chain.includes(rack.id)) full.splice(full.length - 1, 0, hop(rack));
    return full;
  });
  return { device: deviceId, paths };
}

/** Chains from the device up its powered-by relations, device first. */
function upstreamChains(view: TwinView, start: EntityId): EntityId[][] {
  const chains: EntityId[][] = [];
  const walk = (id: EntityId, chain: EntityId[]) => {
    const sources = view.outgoing(id, 'powered-by').map((relation) => relation.to);
    const fresh = sources.filter((source) => !chain.includes(source));
    if (fresh.length === 0 || chain.length > 32) {
      chains.push(chain);
      return;
    }
    for (const source of fresh) walk(source, [...chain, source]);
  };
  walk(start, [start]);
  return chains;
}

function rackOf(view: TwinView, id: EntityId): Entity | undefined {
  for (const relation of view.incoming(id, 'contains')) {
    const parent = view.entity(relation.from);
    if (parent?.kind === 'rack') return parent;
  }
  return undefined;
}

function describeHop(
  view: TwinView,
  entity: Entity,
  loads: Map<EntityId, { watts: number | undefined; measured: boolean }>,
): PowerHop {
  const rated = numberProp(entity, entity.kind === 'rack' ? 'powerBudgetWatts' : 'ratedWatts');
  const load = loadOf(view, entity.id, loads, new Set());
  const hop: PowerHop = { id: entity.id, kind: entity.kind, name: entity.name, measured: load.measured };
  if (rated !== undefined) hop.ratedWatts = rated;
  if (load.watts !== undefined) hop.loadWatts = load.watts;
  if (rated && load.watts !== undefined) hop.loadRatio = load.watts / rated;
  return hop;
}

function loadOf(
  view: TwinView,
  id: EntityId,
  memo: Map<EntityId, { watts: number | undefined; measured: boolean }>,
  visiting: Set<EntityId>,
): { watts: number | undefined; measured: boolean } {
  const known = memo.get(id);
  if (known) return known;
  const measured = view.metrics(id)?.power_watts?.value;
  if (measured !== undefined) {
    const result = { watts: measured, measured: true };
    memo.set(id, result);
    return result;
  }
  visiting.add(id);
  const entity = view.entity(id);
  const consumers =
    entity?.kind === 'rack'
      ? view
          .outgoing(id, 'contains')
          .map((relation) => relation.to)
          .filter((child) => !powerSourceKinds.has(view.entity(child)?.kind ?? ''))
      : view.incoming(id, 'powered-by').map((relation) => relation.from);
  let sum: number | undefined;
  const counted = new Set(consumers);
  for (const consumer of consumers) {
    if (visiting.has(consumer) || containsAnother(view, consumer, counted)) continue;
    const part = loadOf(view, consumer, memo, visiting).watts;
    if (part === undefined) continue;
    const feeds = entity?.kind === 'rack' ? 1 : Math.max(1, view.outgoing(consumer, 'powered-by').length);
    sum = (sum ?? 0) + part / feeds;
  }
  visiting.delete(id);
  const result = { watts: sum, measured: false };
  memo.set(id, result);
  return result;
}

/**
 * A rack written as powered by its PDUs draws what its devices draw: when those devices are
 * consumers of the same source, counting the rack too would count them twice.
 */
function containsAnother(view: TwinView, consumer: EntityId, consumers: ReadonlySet<EntityId>): boolean {
  return view.outgoing(consumer, 'contains').some((relation) => consumers.has(relation.to));
}

function numberProp(entity: Entity, name: string): number | undefined {
  const value = entity.props[name];
  return typeof value === 'number' ? value : undefined;
}
