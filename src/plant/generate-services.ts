import type { EntityInput } from '../model/index.js';
import { databaseDemandSeconds } from './database-demand.js';
import type { EstateBuilder } from './estate-builder.js';
import { hashString, type SeededRandom } from './random.js';
import {
  databaseEngines,
  databaseNames,
  numberedName,
  type ServiceName,
  type ServiceTier,
  serviceNames,
} from './service-names.js';

/** A VM or container the physical layout made, waiting to be given a service or a workload. */
export interface GuestSlot {
  readonly entity: EntityInput;
  readonly hostId: string;
  assigned: boolean;
}

/** The free guests of one rack, by kind, taken in order. */
export interface RackSlots {
  readonly vms: GuestSlot[];
  readonly containers: GuestSlot[];
}

export interface SitePlan {
  readonly site: string;
  readonly racks: RackSlots[];
  readonly loadBalancerIds: readonly string[];
  /** How many services this site hosts. */
  readonly serviceCount: number;
}

type Tier = ServiceTier | 'database';

interface Node {
  readonly id: string;
  readonly name: string;
  readonly tier: Tier;
  readonly team: string;
  readonly port: number;
  /** CPU seconds per request on one core. */
  readonly demand: number;
  /** Cores of each replica. */
  readonly cores: number;
  /** Requests per second relative to the graph's entry points, for sizing. */
  load: number;
}

interface Call {
  readonly from: number;
  readonly to: number;
  readonly callsPerRequest: number;
  readonly bytesPerCall: number;
  readonly optional: boolean;
}

type Env = 'prod' | 'staging';
type NameSource = (tier: Tier, env: Env) => { name: string; team: string; port: number };

/** Apps whose failure only degrades a page: callers treat them as optional. */
const optionalNames = new Set([
  'recommendations',
  'ads',
  'reviews',
  'loyalty',
  'notifications',
  'feature-store',
]);
const gib = 1024 ** 3;
/** Replica shapes a service picks from: every replica of one service gets the same shape. */
const shapes: Readonly<Record<'vm' | 'container', readonly number[]>> = {
  vm: [4, 8, 8, 16],
  container: [1, 2, 2, 4],
};
const typicalCores: Readonly<Record<'vm' | 'container', number>> = { vm: 9, container: 2.25 };
/** Replicas a prod service has on average, before sizing to load spreads them. */
const meanReplicas = 5.5;

/**
 * Services, databases and their call graph for every site: each site runs its own applications
 * (a prod graph and, on larger sites, a small staging graph), so calls never cross sites. Each
 * graph is a layered DAG — frontends (entry points) → backends → data services → databases — and
 * calls only point from an earlier node to a later one, which keeps it acyclic by construction.
 * Replicas are sized to each node's share of the traffic, as capacity planning would.
 */
export function generateServices(
  builder: EstateBuilder,
  random: SeededRandom,
  sites: readonly SitePlan[],
): void {
  const counters = new Map<string, number>();
  const nextName: NameSource = (tier, env) => {
    const counterKey = `${tier}/${env}`;
    const index = counters.get(counterKey) ?? 0;
    counters.set(counterKey, index + 1);
    const suffix = env === 'staging' ? '-staging' : '';
    if (tier === 'database')
      return { name: `${numberedName(databaseNames, index)}${suffix}`, team: 'data', port: 5432 };
    const list = serviceNames[tier];
    const base = list[index % list.length] as ServiceName;
    const names = list.map((entry) => entry.name);
    return { name: `${numberedName(names, index)}${suffix}`, team: base.team, port: base.port };
  };

  for (const site of sites) {
    const staging = site.serviceCount >= 8 ? Math.max(3, Math.round(site.serviceCount * 0.15)) : 0;
    const graphs: Array<[Env, number]> = [['prod', site.serviceCount - staging]];
    if (staging > 0) graphs.push(['staging', staging]);
    for (const [env, size] of graphs) generateGraph(builder, random, site, env, size, nextName);
  }
}

function tierSizes(size: number): [number, number, number] {
  if (size <= 1) return [1, 0, 0];
  if (size === 2) return [1, 0, 1];
  const frontends = Math.max(1, Math.round(size * 0.15));
  const data = Math.max(1, Math.round(size * 0.35));
  return [frontends, size - frontends - data, data];
}

function generateGraph(
  builder: EstateBuilder,
  random: SeededRandom,
  site: SitePlan,
  env: Env,
  size: number,
  nextName: NameSource,
): void {
  const [frontendCount, backendCount, dataCount] = tierSizes(size);
  const tiers: Array<[Tier, number]> = [
    ['frontend', frontendCount],
    ['backend', backendCount],
    ['data', dataCount],
    ['database', Math.max(1, Math.round(size * 0.2))],
  ];
  const nodes: Node[] = [];
  for (const [tier, count] of tiers) {
    for (let i = 0; i < count; i++) {
      const { name, team, port } = nextName(tier, env);
      const id = `${tier === 'database' ? 'database' : 'service'}:${name}`;
      random.reset(id);
      const demand =
        tier === 'frontend'
          ? random.range(0.004, 0.012)
          : tier === 'backend'
            ? random.range(0.006, 0.03)
            : tier === 'data'
              ? random.range(0.001, 0.006)
              : databaseDemandSeconds;
      const cores = random.pick(shapes[preferredKind(tier)]);
      nodes.push({ id, name, tier, team, port, demand: Math.round(demand * 10000) / 10000, cores, load: 0 });
    }
  }
  const calls = callGraph(random, nodes);
  // Nodes are in call order (callers first), so one pass carries the load down the graph.
  nodes.forEach((node) => {
    if (node.tier === 'frontend') {
      random.reset(`${node.id}/traffic`);
      node.load += random.range(0.5, 2);
    }
  });
  for (const call of calls) {
    const to = nodes[call.to] as Node;
    to.load += (nodes[call.from] as Node).load * call.callsPerRequest;
  }
  const services = nodes.filter((node) => node.tier !== 'database');
  const totalCores = services.reduce((sum, node) => sum + node.load * node.demand, 0);
  const totalReplicaCores = services.reduce(
    (sum, node) => sum + meanReplicas * typicalCores[preferredKind(node.tier)],
    0,
  );
  const scale = totalCores > 0 ? totalReplicaCores / totalCores : 1;
  for (const node of nodes) {
    const floor = env === 'staging' ? 1 : node.tier === 'database' ? 2 : 3;
    const sized = Math.ceil((node.load * node.demand * scale) / node.cores);
    const replicas =
      env === 'staging' ? 2 : Math.max(floor, Math.min(node.tier === 'database' ? 8 : 48, sized));
    if (node.tier === 'database') addDatabase(builder, random, site, env, node, replicas);
    else addService(builder, random, site, env, node, replicas);
  }
  for (const lb of site.loadBalancerIds) {
    // The site's load balancers back each other up: one redundancy group (see dependency-rules).
    for (const node of nodes) {
      if (node.tier === 'frontend') builder.relate('depends-on', node.id, lb, { group: 'load-balancer' });
    }
  }
  for (const call of calls) {
    const props = { callsPerRequest: call.callsPerRequest, bytesPerCall: call.bytesPerCall };
    builder.relate(
      'depends-on',
      (nodes[call.from] as Node).id,
      (nodes[call.to] as Node).id,
      call.optional ? { ...props, optional: true } : props,
    );
  }
}

function preferredKind(tier: Tier): 'vm' | 'container' {
  return tier === 'data' || tier === 'database' ? 'vm' : 'container';
}

function addService(
  builder: EstateBuilder,
  random: SeededRandom,
  site: SitePlan,
  env: Env,
  node: Node,
  wanted: number,
): void {
  random.reset(node.id);
  const slo =
    node.tier === 'frontend'
      ? random.pick([0.3, 0.5])
      : node.tier === 'backend'
        ? random.pick([0.15, 0.2, 0.25])
        : random.pick([0.02, 0.05]);
  const version = `${random.int(1, 4)}.${random.int(0, 30)}.${random.int(0, 9)}`;
  const labels = { site: site.site, env, team: node.team, tier: node.tier };
  const replicas = place(site, node.id, wanted, preferredKind(node.tier));
  builder.add({
    id: node.id,
    kind: 'service',
    name: node.name,
    labels,
    props: {
      replicas: replicas.length,
      demandCpuSecondsPerRequest: node.demand,
      sloLatencyP99Seconds: slo,
      port: node.port,
      entryPoint: node.tier === 'frontend',
    },
  });
  replicas.forEach((slot, index) => {
    claim(slot, `${node.name}-${index + 1}`, { service: node.name, ...labels }, node.cores);
    if (slot.entity.kind === 'container' && slot.entity.props) {
      slot.entity.props.image = `registry.example.com/${node.team}/${node.name}:${version}`;
    }
    builder.relate('runs-on', node.id, slot.entity.id);
  });
}

function addDatabase(
  builder: EstateBuilder,
  random: SeededRandom,
  site: SitePlan,
  env: Env,
  node: Node,
  wanted: number,
): void {
  const { id, name } = node;
  random.reset(id);
  const engine = random.pick(databaseEngines);
  const labels = { site: site.site, env, team: 'data', tier: 'data' };
  builder.add({ id, kind: 'database', name, labels, props: { engine } });
  const replicas = place(site, id, wanted, 'vm');
  replicas.forEach((slot, index) => {
    claim(
      slot,
      `${name}-${index === 0 ? 'primary' : `replica-${index}`}`,
      { database: name, ...labels },
      node.cores,
    );
    builder.relate('runs-on', id, slot.entity.id);
  });
  const primary = replicas[0];
  if (primary) {
    const volumeId = `volume:${name}-data`;
    builder.add({
      id: volumeId,
      kind: 'volume',
      name: `${name}-data`,
      labels: { site: site.site, database: name },
      props: { capacityBytes: random.pick([500, 1000, 2000, 4000]) * gib, mountPoint: `/var/lib/${engine}` },
    });
    builder.relate('contains', primary.hostId, volumeId);
    builder.relate('stored-on', volumeId, primary.hostId);
    builder.relate('stored-on', id, volumeId);
  }
}

function claim(slot: GuestSlot, name: string, labels: Record<string, string>, cores: number): void {
  slot.assigned = true;
  slot.entity.name = name;
  if (slot.entity.props) {
    slot.entity.props.cpuCores = cores;
    slot.entity.props.memoryBytes = cores * (slot.entity.kind === 'vm' ? 4 : 2) * gib;
  }
  slot.entity.labels = Object.assign(slot.entity.labels ?? {}, labels);
}

/**
 * Replicas spread evenly over the site's racks (a stride across the rack list, so across rooms
 * too), one per rack while racks last, so that losing a rack never takes a whole service.
 */
function place(site: SitePlan, key: string, wanted: number, preferred: 'vm' | 'container'): GuestSlot[] {
  const racks = site.racks;
  const chosen: GuestSlot[] = [];
  if (racks.length === 0) return chosen;
  const start = hashString(key) % racks.length;
  const stride = Math.max(1, Math.floor(racks.length / wanted));
  for (let k = 0; k < wanted; k++) {
    const slot = takeNear(racks, (start + k * stride) % racks.length, preferred, chosen);
    if (!slot) break;
    slot.assigned = true;
    chosen.push(slot);
  }
  return chosen;
}

function takeNear(
  racks: readonly RackSlots[],
  first: number,
  preferred: 'vm' | 'container',
  already: readonly GuestSlot[],
): GuestSlot | undefined {
  const other = preferred === 'vm' ? 'containers' : 'vms';
  const wantedList = preferred === 'vm' ? 'vms' : 'containers';
  for (const list of [wantedList, other] as const) {
    for (let offset = 0; offset < racks.length; offset++) {
      const rack = racks[(first + offset) % racks.length] as RackSlots;
      const slot = rack[list].find((candidate) => !candidate.assigned);
      if (slot) return slot;
    }
  }
  // Every guest is taken (only on tiny estates): share one rather than leave a service without a home.
  for (let offset = 0; offset < racks.length; offset++) {
    const rack = racks[(first + offset) % racks.length] as RackSlots;
    const slot = [...rack.vms, ...rack.containers].find((candidate) => !already.includes(candidate));
    if (slot) return slot;
  }
  return undefined;
}

/** The calls of one graph, each from an earlier node to a later one. */
function callGraph(random: SeededRandom, nodes: readonly Node[]): Call[] {
  const calls: Call[] = [];
  const seen = new Set<string>();
  const called = new Set<number>();
  const call = (from: number, to: number) => {
    const key = `${from}>${to}`;
    if (from >= to || seen.has(key)) return;
    seen.add(key);
    called.add(to);
    const target = nodes[to] as Node;
    const source = nodes[from] as Node;
    const callsPerRequest =
      target.tier === 'database'
        ? random.pick([1, 1, 2, 3])
        : target.tier === 'data'
          ? random.pick([1, 1, 2, 3])
          : source.tier === 'frontend'
            ? random.pick([1, 1, 1, 2])
            : random.pick([0.5, 1, 1, 2]);
    const bytesPerCall =
      target.tier === 'database' ? random.pick([512, 1024, 4096]) : random.pick([2048, 4096, 16384, 65536]);
    calls.push({
      from,
      to,
      callsPerRequest,
      bytesPerCall,
      optional: target.tier !== 'database' && optionalNames.has(baseName(target.id)),
    });
  };
  const indexesOf = (tier: Tier) => nodes.flatMap((node, index) => (node.tier === tier ? [index] : []));
  const backends = indexesOf('backend');
  const data = indexesOf('data');
  const databases = indexesOf('database');
  nodes.forEach((node, index) => {
    random.reset(`${node.id}/calls`);
    if (node.tier === 'frontend') {
      const pool = backends.length > 0 ? backends : data.length > 0 ? data : databases;
      const fanOut = Math.min(pool.length, random.int(2, 4));
      for (let k = 0; k < fanOut; k++) call(index, random.pick(pool));
    } else if (node.tier === 'backend') {
      const later = backends.filter((other) => other > index);
      const fanOut = random.int(1, 3);
      for (let k = 0; k < fanOut; k++) {
        if (later.length > 0 && random.chance(0.35)) call(index, random.pick(later));
        else if (data.length > 0) call(index, random.pick(data));
      }
      if (random.chance(0.3)) call(index, random.pick(databases));
    } else if (node.tier === 'data') {
      const later = data.filter((other) => other > index);
      if (later.length > 0 && random.chance(0.25)) call(index, random.pick(later));
      call(index, databases[data.indexOf(index) % databases.length] as number);
    }
  });
  // Everything below the entry points must have a caller, or it would sit idle in the emulator.
  nodes.forEach((node, index) => {
    if (node.tier === 'frontend' || called.has(index)) return;
    random.reset(`${node.id}/caller`);
    const callerTiers: readonly Tier[] =
      node.tier === 'backend'
        ? ['frontend', 'backend']
        : node.tier === 'data'
          ? ['backend', 'frontend', 'data']
          : ['data', 'backend'];
    const callers = nodes.flatMap((other, at) =>
      at < index && callerTiers.includes(other.tier) ? [at] : [],
    );
    if (callers.length > 0) call(random.pick(callers), index);
  });
  return calls.sort((a, b) => a.from - b.from || a.to - b.to);
}

function baseName(id: string): string {
  return id.slice(id.indexOf(':') + 1).replace(/(-\d+)?(-staging)?$/, '');
}
