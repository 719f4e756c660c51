import { InputError, type InputIssue } from '../../model/index.js';

export interface NetworkNode {
  id: string;
}

/** A full-duplex link: `capacityBps` in each direction, the same propagation latency both ways. */
export interface NetworkLink {
  id: string;
  a: string;
  b: string;
  capacityBps: number;
  latencySeconds: number;
}

export interface NetworkGraph {
  nodes: readonly NetworkNode[];
  links: readonly NetworkLink[];
}

/** Which ends of a link carry traffic: arc 2k is a → b of link k, arc 2k + 1 is b → a. */
export type LinkDirection = 'forward' | 'reverse';

/**
 * The graph compiled for routing: arcs in flat arrays and each node's live out-arcs in CSR form.
 * Failed links and links touching failed nodes have no arcs in the adjacency, so routing never
 * sees them ("remove the link and re-route").
 */
export interface CompiledNetwork {
  nodeIndex: ReadonlyMap<string, number>;
  nodeCount: number;
  arcTail: Int32Array;
  arcHead: Int32Array;
  arcCapacity: Float64Array;
  arcLatency: Float64Array;
  outStart: Int32Array;
  outArcs: Int32Array;
  linkFailed: Uint8Array;
  nodeFailed: Uint8Array;
}

export interface NetworkFailures {
  failedLinks?: readonly string[];
  failedNodes?: readonly string[];
}

export function compileNetwork(graph: NetworkGraph, failures: NetworkFailures = {}): CompiledNetwork {
  const issues: InputIssue[] = [];
  const nodeIndex = indexIds(graph.nodes, 'nodes', issues);
  const linkIndex = indexIds(graph.links, 'links', issues);
  const arcCount = graph.links.length * 2;
  const arcTail = new Int32Array(arcCount);
  const arcHead = new Int32Array(arcCount);
  const arcCapacity = new Float64Array(arcCount);
  const arcLatency = new Float64Array(arcCount);
  graph.links.forEach((link, k) => {
    const a = endpoint(nodeIndex, link.a, `links[${k}].a`, issues);
    const b = endpoint(nodeIndex, link.b, `links[${k}].b`, issues);
    if (a === b && a !== -1)
      issues.push({ field: `links[${k}].b`, message: 'a link needs two distinct ends' });
    if (!(link.capacityBps >= 0) || !Number.isFinite(link.capacityBps)) {
      issues.push({ field: `links[${k}].capacityBps`, message: 'must be a finite number ≥ 0' });
    }
    if (!(link.latencySeconds >= 0) || !Number.isFinite(link.latencySeconds)) {
      issues.push({ field: `links[${k}].latencySeconds`, message: 'must be a finite number ≥ 0' });
    }
    arcTail[2 * k] = arcHead[2 * k + 1] = a;
    arcHead[2 * k] = arcTail[2 * k + 1] = b;
    arcCapacity[2 * k] = arcCapacity[2 * k + 1] = link.capacityBps;
    arcLatency[2 * k] = arcLatency[2 * k + 1] = link.latencySeconds;
  });
  const linkFailed = markFailed(linkIndex, failures.failedLinks, 'failedLinks', issues);
  const nodeFailed = markFailed(nodeIndex, failures.failedNodes, 'failedNodes', issues);
  if (issues.length > 0) throw new InputError('invalid network', issues);
  const live = (arc: number) =>
    !linkFailed[arc >> 1] && !nodeFailed[arcTail[arc]!] && !nodeFailed[arcHead[arc]!];
  const { outStart, outArcs } = adjacency(graph.nodes.length, arcTail, live);
  return {
    nodeIndex,
    nodeCount: graph.nodes.length,
    arcTail,
    arcHead,
    arcCapacity,
    arcLatency,
    outStart,
    outArcs,
    linkFailed,
    nodeFailed,
  };
}

function indexIds(
  items: readonly { id: string }[],
  field: string,
  issues: InputIssue[],
): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, k) => {
    if (index.has(item.id)) issues.push({ field: `${field}[${k}].id`, message: `duplicate id ${item.id}` });
    else index.set(item.id, k);
  });
  return index;
}

function endpoint(index: Map<string, number>, id: string, field: string, issues: InputIssue[]): number {
  const at = index.get(id);
  if (at === undefined) issues.push({ field, message: `no node ${id}` });
  return at ?? -1;
}

function markFailed(
  index: Map<string, number>,
  ids: readonly string[] | undefined,
  field: string,
  issues: InputIssue[],
): Uint8Array {
  const failed = new Uint8Array(index.size);
  (ids ?? []).forEach((id, k) => {
    const at = index.get(id);
    if (at === undefined) issues.push({ field: `${field}[${k}]`, message: `no such id ${id}` });
    else failed[at] = 1;
  });
  return failed;
}

function adjacency(nodeCount: number, arcTail: Int32Array, live: (arc: number) => boolean) {
  const outStart = new Int32Array(nodeCount + 1);
  for (let arc = 0; arc < arcTail.length; arc++) if (live(arc)) outStart[arcTail[arc]! + 1]! += 1;
  for (let node = 0; node < nodeCount; node++) outStart[node + 1]! += outStart[node]!;
  const fill = outStart.slice(0, nodeCount);
  const outArcs = new Int32Array(outStart[nodeCount]!);
  for (let arc = 0; arc < arcTail.length; arc++) {
    if (live(arc)) outArcs[fill[arcTail[arc]!]!++] = arc;
  }
  return { outStart, outArcs };
}
