import { databaseDemandSeconds } from './database-demand.js';
import { diurnalFactor } from './diurnal-factor.js';
import type { EstateIndex } from './estate-index.js';
import type { PropOverrides } from './prop-overrides.js';
import { overriddenNumber } from './prop-overrides.js';
import { latencyP99Seconds } from './queueing-latency.js';
import { hash2, hashString, unitFromHash } from './random.js';
import { smoothNoise } from './smooth-noise.js';

export interface CallEdge {
  readonly from: number;
  readonly to: number;
  readonly calls: number;
  readonly bytes: number;
  readonly optional: boolean;
}

export interface LoadNode {
  /** Estate index of the service or database. */
  readonly entity: number;
  readonly entry: boolean;
  readonly demandSeconds: number;
  readonly replicasProp: number | undefined;
  /** Estate indexes of what it runs on (VMs, containers or hosts), in a stable order. */
  readonly replicas: readonly number[];
  readonly replicaCores: readonly number[];
  readonly callees: CallEdge[];
  readonly baseError: number;
  readonly noiseKey: number;
  peakExternal: number;
}

const externalRequestBytes = 2048;
const externalResponseBytes = 32768;
/** Requests are small next to answers: a call's request is a fifth of its `bytesPerCall`. */
const requestShare = 0.2;
const hopSeconds = 0.0005;
/** Replicas shed work past this utilisation rather than queue without bound. */
const maxServedUtilization = 0.98;

/**
 * Request load over the call graph. Entry points take external traffic (a daily pattern with
 * noise); each call edge carries `callsPerRequest` of what its caller served; replicas split
 * their service's load evenly; latency follows queueing and adds the callees' latency; errors
 * are shed load plus the errors of required callees.
 */
export class ServiceLoadModel {
  readonly nodes: LoadNode[] = [];
  readonly edges: CallEdge[] = [];
  /** Node positions, callers before callees (Kahn's order; nodes on a cycle last). */
  private readonly order: number[];
  private readonly nodeOf = new Map<number, number>();

  readonly rate: Float64Array;
  readonly served: Float64Array;
  readonly external: Float64Array;
  readonly latencyP99: Float64Array;
  readonly errorRatio: Float64Array;
  private readonly ownLatency: Float64Array;
  private readonly ownError: Float64Array;
  /** Per node: bytes/s received and sent by the whole service. */
  readonly receiveBytes: Float64Array;
  readonly transmitBytes: Float64Array;
  /** Per estate entity: CPU cores kept busy by request work, and the share of node bytes it carries. */
  readonly busyCores: Float64Array;
  readonly replicaShare: Float64Array;
  /** Per estate entity: the node whose replica it is, or -1. */
  readonly replicaOf: Int32Array;

  constructor(
    private readonly estate: EstateIndex,
    seed: number,
  ) {
    for (const kind of ['service', 'database']) {
      for (const entity of estate.ofKind(kind)) this.addNode(entity, kind === 'database', seed);
    }
    this.nodes.forEach((node, n) => {
      for (const relation of estate.outgoing(node.entity, 'depends-on')) {
        const to = this.nodeOf.get(estate.indexOf(relation.to) ?? -1);
        if (to === undefined) continue;
        const props = relation.props ?? {};
        const edge: CallEdge = {
          from: n,
          to,
          calls: typeof props.callsPerRequest === 'number' ? props.callsPerRequest : 1,
          bytes: typeof props.bytesPerCall === 'number' ? props.bytesPerCall : 4096,
          optional: props.optional === true,
        };
        node.callees.push(edge);
        this.edges.push(edge);
      }
    });
    this.order = this.topologicalOrder();
    const count = this.nodes.length;
    this.rate = new Float64Array(count);
    this.served = new Float64Array(count);
    this.external = new Float64Array(count);
    this.latencyP99 = new Float64Array(count);
    this.errorRatio = new Float64Array(count);
    this.ownLatency = new Float64Array(count);
    this.ownError = new Float64Array(count);
    this.receiveBytes = new Float64Array(count);
    this.transmitBytes = new Float64Array(count);
    this.busyCores = new Float64Array(estate.size);
    this.replicaShare = new Float64Array(estate.size);
    this.replicaOf = new Int32Array(estate.size).fill(-1);
    this.nodes.forEach((node, n) => {
      for (const replica of node.replicas) this.replicaOf[replica] = n;
    });
    this.sizePeakTraffic(seed);
  }

  nodeIndex(entity: number): number | undefined {
    return this.nodeOf.get(entity);
  }

  /** Working replicas: the first `replicas` (prop, possibly overridden) of those it runs on. */
  private workingReplicas(n: number, overrides: PropOverrides): number {
    const node = this.nodes[n] as LoadNode;
    const wanted = overriddenNumber(
      overrides,
      node.entity,
      'replicas',
      node.replicasProp ?? node.replicas.length,
    );
    return Math.max(0, Math.min(node.replicas.length, Math.floor(wanted)));
  }

  step(timeMs: number, overrides: PropOverrides): void {
    const daily = diurnalFactor(timeMs);
    this.rate.fill(0);
    this.busyCores.fill(0);
    this.replicaShare.fill(0);
    for (const n of this.order) {
      const node = this.nodes[n] as LoadNode;
      const external = node.entry
        ? node.peakExternal * daily * (1 + 0.05 * smoothNoise(node.noiseKey, timeMs, 60_000))
        : 0;
      this.external[n] = external;
      const rate = (this.rate[n] as number) + external;
      this.rate[n] = rate;
      const working = this.workingReplicas(n, overrides);
      const demand = overriddenNumber(
        overrides,
        node.entity,
        'demandCpuSecondsPerRequest',
        node.demandSeconds,
      );
      let served = 0;
      let worstUtilization = 0;
      let worstCores = 1;
      const perReplica = working > 0 ? rate / working : 0;
      for (let r = 0; r < working; r++) {
        const cores = node.replicaCores[r] as number;
        const replica = node.replicas[r] as number;
        const handled = Math.min(perReplica, (maxServedUtilization * cores) / Math.max(demand, 1e-9));
        served += handled;
        this.busyCores[replica] = (this.busyCores[replica] as number) + handled * demand;
        this.replicaShare[replica] = (this.replicaShare[replica] as number) + 1 / working;
        const utilization = (perReplica * demand) / cores;
        if (utilization >= worstUtilization) {
          worstUtilization = utilization;
          worstCores = cores;
        }
      }
      this.served[n] = served;
      const shed = rate > 0 ? 1 - served / rate : working > 0 ? 0 : 1;
      this.ownError[n] = working === 0 ? 1 : node.baseError + (1 - node.baseError) * shed;
      this.ownLatency[n] =
        working === 0 ? hopSeconds : hopSeconds + latencyP99Seconds(demand, worstUtilization, worstCores);
      for (const edge of node.callees)
        this.rate[edge.to] = (this.rate[edge.to] as number) + served * edge.calls;
    }
    this.totals();
  }

  /** Callees before callers: latency adds the callees' and errors compound through required calls. */
  private totals(): void {
    this.receiveBytes.fill(0);
    this.transmitBytes.fill(0);
    for (let k = this.order.length - 1; k >= 0; k--) {
      const n = this.order[k] as number;
      const node = this.nodes[n] as LoadNode;
      const served = this.served[n] as number;
      let latency = this.ownLatency[n] as number;
      let success = 1 - (this.ownError[n] as number);
      const external = this.external[n] as number;
      const answered = (this.rate[n] as number) > 0 ? served / (this.rate[n] as number) : 1;
      this.receiveBytes[n] = (this.receiveBytes[n] as number) + external * externalRequestBytes;
      this.transmitBytes[n] = (this.transmitBytes[n] as number) + external * answered * externalResponseBytes;
      for (const edge of node.callees) {
        // Calls run partly in parallel and a callee's typical time is about a third of its p99.
        if (served > 0) latency += 0.3 * Math.min(edge.calls, 2) * (this.latencyP99[edge.to] as number);
        if (!edge.optional) success *= 1 - (this.errorRatio[edge.to] as number);
        const callRate = served * edge.calls;
        const calleeAnswered =
          (this.rate[edge.to] as number) > 0
            ? (this.served[edge.to] as number) / (this.rate[edge.to] as number)
            : 0;
        const request = callRate * edge.bytes * requestShare;
        const response = callRate * calleeAnswered * edge.bytes;
        this.transmitBytes[n] = (this.transmitBytes[n] as number) + request;
        this.receiveBytes[n] = (this.receiveBytes[n] as number) + response;
        this.receiveBytes[edge.to] = (this.receiveBytes[edge.to] as number) + request;
        this.transmitBytes[edge.to] = (this.transmitBytes[edge.to] as number) + response;
      }
      this.latencyP99[n] = latency;
      this.errorRatio[n] = Math.min(1, Math.max(0, 1 - success));
    }
  }

  private addNode(entity: number, database: boolean, seed: number): void {
    const estate = this.estate;
    const replicas = estate
      .targets(entity, 'runs-on')
      .sort((a, b) => (estate.ids[a] as string).localeCompare(estate.ids[b] as string));
    const key = hashString(estate.ids[entity] as string, seed);
    const replicasProp = estate.prop(entity, 'replicas');
    this.nodeOf.set(entity, this.nodes.length);
    this.nodes.push({
      entity,
      entry: estate.prop(entity, 'entryPoint') === true,
      demandSeconds: estate.numberProp(
        entity,
        'demandCpuSecondsPerRequest',
        database ? databaseDemandSeconds : 0.01,
      ),
      replicasProp: typeof replicasProp === 'number' ? replicasProp : undefined,
      replicas,
      replicaCores: replicas.map((replica) => Math.max(0.25, estate.numberProp(replica, 'cpuCores', 2))),
      callees: [],
      baseError: 0.00002 + 0.00018 * unitFromHash(hash2(key, 1)),
      noiseKey: hash2(key, 2),
      peakExternal: 0,
    });
  }

  private topologicalOrder(): number[] {
    const indegree = new Int32Array(this.nodes.length);
    for (const edge of this.edges) indegree[edge.to] = (indegree[edge.to] as number) + 1;
    const order: number[] = [];
    for (let n = 0; n < this.nodes.length; n++) if (indegree[n] === 0) order.push(n);
    for (let head = 0; head < order.length; head++) {
      for (const edge of (this.nodes[order[head] as number] as LoadNode).callees) {
        indegree[edge.to] = (indegree[edge.to] as number) - 1;
        if (indegree[edge.to] === 0) order.push(edge.to);
      }
    }
    if (order.length < this.nodes.length) {
      const placed = new Set(order);
      for (let n = 0; n < this.nodes.length; n++) if (!placed.has(n)) order.push(n);
    }
    return order;
  }

  /**
   * Peak external rates sized from capacity, so the estate runs hot but not overloaded: every
   * entry point gets the largest rate at which no node it reaches would pass its target
   * utilisation (25–55 % at the daily peak) if all entry points sharing that node did the same.
   */
  private sizePeakTraffic(seed: number): void {
    const count = this.nodes.length;
    const position = new Int32Array(count);
    this.order.forEach((n, k) => {
      position[n] = k;
    });
    const amplification = new Float64Array(count);
    const sharing = new Int32Array(count);
    const reach: Array<Array<[number, number]>> = [];
    const entries = this.nodes.map((node, n) => (node.entry ? n : -1)).filter((n) => n >= 0);
    for (const entry of entries) {
      const seen = new Set<number>([entry]);
      const stack = [entry];
      while (stack.length > 0) {
        for (const edge of (this.nodes[stack.pop() as number] as LoadNode).callees) {
          if (!seen.has(edge.to)) {
            seen.add(edge.to);
            stack.push(edge.to);
          }
        }
      }
      const reached = [...seen].sort((a, b) => (position[a] as number) - (position[b] as number));
      amplification[entry] = 1;
      for (const n of reached) {
        for (const edge of (this.nodes[n] as LoadNode).callees) {
          if ((position[edge.to] as number) > (position[n] as number)) {
            amplification[edge.to] =
              (amplification[edge.to] as number) + (amplification[n] as number) * edge.calls;
          }
        }
      }
      reach.push(reached.map((n) => [n, amplification[n] as number]));
      for (const n of reached) {
        sharing[n] = (sharing[n] as number) + 1;
        amplification[n] = 0;
      }
    }
    entries.forEach((entry, k) => {
      let limit = Number.POSITIVE_INFINITY;
      for (const [n, factor] of reach[k] as Array<[number, number]>) {
        const node = this.nodes[n] as LoadNode;
        const working = Math.min(node.replicas.length, node.replicasProp ?? node.replicas.length);
        let capacity = 0;
        for (let r = 0; r < working; r++) capacity += (node.replicaCores[r] as number) / node.demandSeconds;
        if (capacity <= 0 || factor <= 0) continue;
        const target = 0.25 + 0.3 * unitFromHash(hash2(node.noiseKey, seed));
        limit = Math.min(limit, (target * capacity) / (factor * (sharing[n] as number)));
      }
      const node = this.nodes[entry] as LoadNode;
      node.peakExternal = Number.isFinite(limit)
        ? limit * (0.85 + 0.15 * unitFromHash(hash2(node.noiseKey, 7)))
        : 50;
    });
  }
}
