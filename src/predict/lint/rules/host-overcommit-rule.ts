import type { Entity, EntityId, TwinView } from '../../../model/index.js';
import type { LintFinding } from '../lint-finding.js';
import type { LintRule } from '../lint-rule.js';
import type { LintSettings } from '../lint-settings.js';
import { listNames, numberProp } from '../prop-values.js';

const rule = 'host-overcommit';
/** Guests whose cpuCores and memoryBytes are reservations on whatever they run on. */
const guestKinds = new Set(['vm', 'container', 'cloud-instance']);
const gib = 1024 ** 3;

interface Resource {
  prop: 'cpuCores' | 'memoryBytes';
  ratioProp: 'cpuAllocationRatio' | 'memoryAllocationRatio';
  defaultRatio: (settings: LintSettings) => number;
  format: (value: number) => string;
}

const resources: readonly Resource[] = [
  {
    prop: 'cpuCores',
    ratioProp: 'cpuAllocationRatio',
    defaultRatio: (settings) => settings.cpuAllocationRatio,
    format: (value) => `${value} vCPU`,
  },
  {
    prop: 'memoryBytes',
    ratioProp: 'memoryAllocationRatio',
    defaultRatio: (settings) => settings.memoryAllocationRatio,
    format: (value) => `${round(value / gib)} GiB`,
  },
];

/**
 * A host (or VM running containers) whose guests reserve more vCPU or memory than its cores or
 * memory times the allowed ratio. Guests without the prop count as zero: the finding is a floor.
 */
export const hostOvercommitRule: LintRule = {
  name: rule,
  description: 'guests ask for more cpuCores or memoryBytes than a host has, times the allocation ratio',
  check(view, settings) {
    const findings: LintFinding[] = [];
    for (const [hostId, guests] of guestsByHost(view)) {
      const host = view.entity(hostId);
      if (!host) continue;
      for (const resource of resources) {
        const found = checkResource(host, guests, resource, settings);
        if (found) findings.push(found);
      }
    }
    return findings;
  },
};

function guestsByHost(view: TwinView): Map<EntityId, Entity[]> {
  const guests = new Map<EntityId, Entity[]>();
  for (const relation of view.relations('runs-on')) {
    const guest = view.entity(relation.from);
    if (!guest || !guestKinds.has(guest.kind)) continue;
    const list = guests.get(relation.to) ?? [];
    list.push(guest);
    guests.set(relation.to, list);
  }
  return guests;
}

function checkResource(
  host: Entity,
  guests: readonly Entity[],
  resource: Resource,
  settings: LintSettings,
): LintFinding | undefined {
  const capacity = numberProp(host, resource.prop);
  if (capacity === undefined || capacity <= 0) return undefined;
  const ratio = numberProp(host, resource.ratioProp) ?? resource.defaultRatio(settings);
  const asks = guests
    .map((guest) => ({ id: guest.id, value: numberProp(guest, resource.prop) ?? 0 }))
    .sort((a, b) => b.value - a.value || a.id.localeCompare(b.id));
  const requested = asks.reduce((sum, ask) => sum + ask.value, 0);
  const limit = capacity * ratio;
  if (requested <= limit) return undefined;
  const moves = largestFirstMoves(asks, requested - limit);
  const { format } = resource;
  return {
    rule,
    severity: 'warning',
    message: `${host.id}: guests reserve ${format(requested)} on ${format(capacity)} (${round(requested / capacity)}:1, allowed ${ratio}:1)`,
    entities: [host.id, ...asks.map((ask) => ask.id)],
    evidence: {
      host: host.id,
      prop: resource.prop,
      requested,
      capacity,
      ratio: round(requested / capacity),
      allowedRatio: ratio,
      guests: asks.map((ask) => ({ id: ask.id, [resource.prop]: ask.value })),
      suggestedMoves: moves,
    },
    fix: `move ${listNames(moves)} (${format(sum(asks, moves))}) to another host, or raise ${resource.ratioProp} on ${host.id} to ${Math.ceil((requested / capacity) * 10) / 10} if the load allows`,
  };
}

/** The fewest guests, largest first, whose reservations cover the excess. */
function largestFirstMoves(asks: ReadonlyArray<{ id: EntityId; value: number }>, excess: number): EntityId[] {
  const moves: EntityId[] = [];
  let freed = 0;
  for (const ask of asks) {
    if (freed >= excess) break;
    if (ask.value <= 0) continue;
    moves.push(ask.id);
    freed += ask.value;
  }
  return moves;
}

function sum(asks: ReadonlyArray<{ id: EntityId; value: number }>, ids: readonly EntityId[]): number {
  return asks.filter((ask) => ids.includes(ask.id)).reduce((total, ask) => total + ask.value, 0);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
