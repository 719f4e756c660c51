import type { EntityId } from '../../model/index.js';
import type { NetworkFlow, NetworkGraph, NetworkLink } from '../network/index.js';
import { simulateFlows } from '../network/index.js';
import type { EstateModel } from './estate-model.js';

const deviceKinds = ['switch', 'router', 'firewall', 'load-balancer'];
const defaultLinkBitsPerSecond = 10e9;
const defaultLinkLatencySeconds = 5e-7;
/** A server's uplink when the twin does not say: 25 GbE, the common data-center NIC. */
const defaultUplinkBitsPerSecond = 25e9;
/** Host pairs per call edge: replicas beyond this share flows (an LB spreads calls evenly anyway). */
const maxPairsPerCall = 32;
/**
 * Flows routed without being asked: routing costs a shortest-path search per destination host,
 * seconds beyond this on a large estate; `network: true` in a scenario routes whatever the size.
 */
export const autoNetworkFlowBudget = 20_000;

/** The estate's network as a graph for routing: devices, hosts and the links between them. */
export interface EstateNetwork {
  readonly graph: NetworkGraph;
  readonly nodes: ReadonlySet<string>;
}

/** An upper bound on the flows the call graph makes: host pairs per call edge, capped. */
export function estimateFlows(model: EstateModel): number {
  let flows = 0;
  for (const service of model.services) {
    for (const call of service.callees) {
      const pairs = service.replicas.length * (model.services[call.to]?.replicas.length ?? 0);
      flows += Math.min(
        pairs,
        Math.max(maxPairsPerCall, service.replicas.length, model.services[call.to]?.replicas.length ?? 0),
      );
    }
  }
  return flows;
}

/** Per call edge (caller index, callee position in its callee list): what the network adds. */
export interface NetworkOutcome {
  /** Round trip of a call from caller to callee, mean over its flows (seconds), keyed `caller/index`. */
  readonly callRoundTrip: Map<string, number>;
  /** Calls whose every flow is unreachable, keyed `caller/index`. */
  readonly unreachableCalls: Set<string>;
  /** Busier direction's utilisation per link entity (or connects relation). */
  readonly linkUtilization: Map<EntityId, number>;
}

/**
 * The estate's network: `link` entities joining two devices (their capacity and latency props),
 * and direct `connects` between a host and a device (server uplinks). Undefined when the twin
 * models no network devices.
 */
export function buildEstateNetwork(model: EstateModel): EstateNetwork | undefined {
  const { view } = model;
  const nodes = new Set<string>();
  for (const kind of deviceKinds) for (const entity of view.entitiesOfKind(kind)) nodes.add(entity.id);
  if (nodes.size === 0) return undefined;
  const devices = new Set(nodes);
  const links: NetworkLink[] = [];
  for (const link of view.entitiesOfKind('link')) {
    const ends = [
      ...view.incoming(link.id, 'connects').map((relation) => relation.from),
      ...view.outgoing(link.id, 'connects').map((relation) => relation.to),
    ].filter((id) => devices.has(id));
    if (ends.length !== 2 || ends[0] === ends[1]) continue;
    const capacity = link.props.capacityBitsPerSecond;
    const latency = link.props.latencySeconds;
    links.push({
      id: link.id,
      a: ends[0] as string,
      b: ends[1] as string,
      capacityBps: typeof capacity === 'number' && capacity > 0 ? capacity : defaultLinkBitsPerSecond,
      latencySeconds: typeof latency === 'number' && latency >= 0 ? latency : defaultLinkLatencySeconds,
    });
  }
  // Hosts without an uplink the twin knows (cloud instances) are outside this network: their
  // calls cross the WAN, which the scenario's inter-site round trip stands for.
  for (const host of model.hosts) {
    for (const relation of view.outgoing(host.id, 'connects')) {
      if (!devices.has(relation.to)) continue;
      nodes.add(host.id);
      const capacity = relation.props.capacityBitsPerSecond;
      links.push({
        id: relation.id,
        a: host.id,
        b: relation.to,
        capacityBps: typeof capacity === 'number' && capacity > 0 ? capacity : defaultUplinkBitsPerSecond,
        latencySeconds: 1e-6,
      });
    }
  }
  return { graph: { nodes: [...nodes].map((id) => ({ id })), links }, nodes };
}

/**
 * Routes the call graph's traffic over the network: each call edge becomes flows between the
 * hosts of caller and callee replicas (bits = calls × bytes per call × 8, split evenly), shortest
 * paths by latency with ECMP, max-min fair shares; returns each call's round trip, the calls
 * that cannot get through, and each link's utilisation.
 */
export function routeCalls(
  network: EstateNetwork,
  model: EstateModel,
  rates: Float64Array,
  replicaHosts: ReadonlyArray<ReadonlyArray<number>>,
  down: { hosts: Uint8Array; entities: ReadonlySet<EntityId> },
): NetworkOutcome {
  const flows = new Map<string, NetworkFlow>();
  const callFlows = new Map<string, Array<[string, number]>>();
  model.services.forEach((service, s) => {
    const from = distinctHosts(replicaHosts[s] ?? [], model, network);
    service.callees.forEach((call, k) => {
      const to = distinctHosts(replicaHosts[call.to] ?? [], model, network);
      const bits = (rates[s] as number) * call.calls * call.bytesPerCall * 8;
      const pairs = pairUp(from, to);
      if (pairs.length === 0) return;
      const shares: Array<[string, number]> = [];
      for (const [a, b] of pairs) {
        const id = `${a}>${b}`;
        const flow = flows.get(id) ?? { id, source: a, destination: b, demandBps: 0 };
        flow.demandBps += bits / pairs.length;
        flows.set(id, flow);
        shares.push([id, 1 / pairs.length]);
      }
      callFlows.set(`${s}/${k}`, shares);
    });
  });
  const failedNodes = [...down.entities].filter((id) => network.nodes.has(id));
  model.hosts.forEach((host, h) => {
    if (down.hosts[h] === 1) failedNodes.push(host.id);
  });
  const failedLinks = [...down.entities].filter((id) => id.startsWith('link:'));
  const result = simulateFlows(network.graph, [...flows.values()], {
    metric: 'latency',
    failedNodes,
    failedLinks,
  });
  const byId = new Map(result.flows.map((flow) => [flow.id, flow]));
  const outcome: NetworkOutcome = {
    callRoundTrip: new Map(),
    unreachableCalls: new Set(),
    linkUtilization: new Map(),
  };
  for (const [key, shares] of callFlows) {
    let latency = 0;
    let reached = 0;
    for (const [id, weight] of shares) {
      const flow = byId.get(id);
      if (!flow?.reachable) continue;
      latency += weight * flow.meanLatencySeconds;
      reached += weight;
    }
    if (reached === 0) outcome.unreachableCalls.add(key);
    // There and back: the answer takes the reverse path, about as long.
    else outcome.callRoundTrip.set(key, (2 * latency) / reached);
  }
  for (const link of result.links) {
    if (!link.failed)
      outcome.linkUtilization.set(link.id, Math.max(link.forward.utilisation, link.reverse.utilisation));
  }
  return outcome;
}

function distinctHosts(hosts: ReadonlyArray<number>, model: EstateModel, network: EstateNetwork): string[] {
  const ids = new Set<string>();
  for (const h of hosts) {
    const id = h >= 0 ? model.hosts[h]?.id : undefined;
    if (id !== undefined && network.nodes.has(id)) ids.add(id);
  }
  return [...ids];
}

/** Every caller host with every callee host, or a round-robin subset when that is too many. */
function pairUp(from: readonly string[], to: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const total = from.length * to.length;
  if (total <= maxPairsPerCall) {
    for (const a of from) for (const b of to) if (a !== b) pairs.push([a, b]);
    return pairs;
  }
  const count = Math.max(from.length, to.length, Math.min(total, maxPairsPerCall));
  for (let k = 0; k < count; k++) {
    const a = from[k % from.length] as string;
    const b = to[(k * 7 + Math.floor(k / from.length)) % to.length] as string;
    if (a !== b) pairs.push([a, b]);
  }
  return pairs;
}
