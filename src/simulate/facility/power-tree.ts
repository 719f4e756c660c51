import { InputError, type InputIssue } from '../../model/index.js';

export type PowerNodeKind = 'feed' | 'ups' | 'pdu';

/** A distribution node. A node without a parent is a source (utility feed, generator). */
export interface PowerTreeNode {
  id: string;
  kind: PowerNodeKind;
  parent?: string;
  /** Rated capacity in watts; without it the node is never overloaded. */
  ratingWatts?: number;
  /** Usable battery energy of a UPS in watt-hours; with it the UPS carries on when its parent dies. */
  batteryWh?: number;
  /** Informational side label (`A`, `B`); redundancy comes from a load's supplies, not from this. */
  side?: string;
}

/** A consumer (host, rack, device) drawing `watts`, fed by one or more nodes (A+B cords). */
export interface PowerTreeLoad {
  id: string;
  watts: number;
  supplies: readonly string[];
}

export interface PowerTreeInput {
  nodes: readonly PowerTreeNode[];
  loads: readonly PowerTreeLoad[];
}

export interface PowerTreeOptions {
  /** Node ids that are down (failed, switched off, breaker open). */
  failed?: readonly string[];
  /** A node is overloaded when load > ratingWatts × overloadAt (default 1; 0.8 for the NEC continuous rule). */
  overloadAt?: number;
  /** Open the breakers of overloaded nodes (deepest first) and redistribute, until nothing is overloaded. */
  tripOverloaded?: boolean;
}

export interface PowerNodeResult {
  id: string;
  kind: PowerNodeKind;
  energized: boolean;
  failed: boolean;
  tripped: boolean;
  /** A UPS whose upstream is dead, carrying its load from the battery. */
  onBattery: boolean;
  loadWatts: number;
  ratingWatts?: number;
  loadRatio?: number;
  overloaded: boolean;
  /** For an energized UPS with a battery: batteryWh / load, in seconds (Infinity at no load). */
  batteryRuntimeSeconds?: number;
}

export interface PowerLoadResult {
  id: string;
  watts: number;
  powered: boolean;
  /** Supplies still energized; each carries watts / suppliesUp. */
  suppliesUp: number;
}

export interface PowerTreeResult {
  nodes: PowerNodeResult[];
  loads: PowerLoadResult[];
  overloaded: string[];
  /** Loads with no energized supply left. */
  unpowered: string[];
  tripped: string[];
  onBattery: string[];
  /** Watts drawn at the top: energized sources plus UPSes on battery. */
  sourceWatts: number;
}

/** The tree compiled to flat arrays, so that one evaluation is a few linear passes. */
interface CompiledTree {
  parent: Int32Array;
  /** Node indices, parents before children. */
  order: Int32Array;
  hasBattery: Uint8Array;
  rating: Float64Array;
  supplyStart: Int32Array;
  supplyNode: Int32Array;
  watts: Float64Array;
}

interface Evaluation {
  energized: Uint8Array;
  onBattery: Uint8Array;
  load: Float64Array;
  overloaded: Uint8Array;
}

/**
 * Loads and load ratios of every node of a power tree, with failures. A load shares its watts
 * equally among its energized supplies (A+B cords on a load-sharing PSU pair), so the survivors
 * take it all when a side fails. Linear in nodes + supplies; with `tripOverloaded`, one pass per
 * round of trips.
 */
export function analysePowerTree(input: PowerTreeInput, options: PowerTreeOptions = {}): PowerTreeResult {
  const index = indexNodes(input.nodes);
  const tree = compileTree(input, index);
  const overloadAt = options.overloadAt ?? 1;
  if (!(overloadAt > 0)) {
    throw new InputError('invalid options', [{ field: 'overloadAt', message: 'must be > 0' }]);
  }
  const failed = new Uint8Array(input.nodes.length);
  (options.failed ?? []).forEach((id, position) => {
    const at = index.get(id);
    if (at === undefined) {
      throw new InputError('unknown failed node', [
        { field: `failed[${position}]`, message: `no node ${id}` },
      ]);
    }
    failed[at] = 1;
  });
  const tripped = new Uint8Array(input.nodes.length);
  let evaluation = evaluate(tree, failed, tripped, overloadAt);
  while (options.tripOverloaded && tripDeepestOverloaded(tree, evaluation, tripped)) {
    evaluation = evaluate(tree, failed, tripped, overloadAt);
  }
  return report(input, tree, evaluation, failed, tripped);
}

function indexNodes(nodes: readonly PowerTreeNode[]): Map<string, number> {
  const index = new Map<string, number>();
  const issues: InputIssue[] = [];
  nodes.forEach((node, at) => {
    if (index.has(node.id)) issues.push({ field: `nodes[${at}].id`, message: `duplicate id ${node.id}` });
    index.set(node.id, at);
  });
  if (issues.length > 0) throw new InputError('invalid power tree', issues);
  return index;
}

function compileTree(input: PowerTreeInput, index: Map<string, number>): CompiledTree {
  const issues: InputIssue[] = [];
  const count = input.nodes.length;
  const parent = new Int32Array(count).fill(-1);
  const hasBattery = new Uint8Array(count);
  const rating = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
  input.nodes.forEach((node, at) => {
    if (node.parent !== undefined) {
      const up = index.get(node.parent);
      if (up === undefined) issues.push({ field: `nodes[${at}].parent`, message: `no node ${node.parent}` });
      else parent[at] = up;
    }
    if (node.ratingWatts !== undefined) {
      if (!(node.ratingWatts > 0) || !Number.isFinite(node.ratingWatts)) {
        issues.push({ field: `nodes[${at}].ratingWatts`, message: 'must be a finite number > 0' });
      } else rating[at] = node.ratingWatts;
    }
    if (node.batteryWh !== undefined) {
      if (!(node.batteryWh >= 0) || !Number.isFinite(node.batteryWh)) {
        issues.push({ field: `nodes[${at}].batteryWh`, message: 'must be a finite number ≥ 0' });
      } else if (node.kind === 'ups' && node.batteryWh > 0) hasBattery[at] = 1;
    }
  });
  const { supplyStart, supplyNode, watts } = compileLoads(input.loads, index, issues);
  if (issues.length > 0) throw new InputError('invalid power tree', issues);
  const order = topologicalOrder(parent, input.nodes);
  return { parent, order, hasBattery, rating, supplyStart, supplyNode, watts };
}

function compileLoads(loads: readonly PowerTreeLoad[], index: Map<string, number>, issues: InputIssue[]) {
  const supplyStart = new Int32Array(loads.length + 1);
  const watts = new Float64Array(loads.length);
  const supplyList: number[] = [];
  loads.forEach((load, at) => {
    supplyStart[at] = supplyList.length;
    if (!(load.watts >= 0) || !Number.isFinite(load.watts)) {
      issues.push({ field: `loads[${at}].watts`, message: 'must be a finite number ≥ 0' });
    } else watts[at] = load.watts;
    if (load.supplies.length === 0)
      issues.push({ field: `loads[${at}].supplies`, message: 'needs a supply' });
    load.supplies.forEach((id, position) => {
      const node = index.get(id);
      if (node === undefined) {
        issues.push({ field: `loads[${at}].supplies[${position}]`, message: `no node ${id}` });
      } else if (load.supplies.indexOf(id) !== position) {
        // Two cords on one PDU are one supply for failure purposes; counting it twice would skew the share.
        issues.push({ field: `loads[${at}].supplies[${position}]`, message: `duplicate supply ${id}` });
      } else supplyList.push(node);
    });
  });
  supplyStart[loads.length] = supplyList.length;
  return { supplyStart, supplyNode: Int32Array.from(supplyList), watts };
}

/** Parents before children; throws on a cycle. */
function topologicalOrder(parent: Int32Array, nodes: readonly PowerTreeNode[]): Int32Array {
  const depth = new Int32Array(parent.length).fill(-1);
  const onPath = new Uint8Array(parent.length);
  for (let start = 0; start < parent.length; start++) {
    const path: number[] = [];
    let at = start;
    while (at !== -1 && depth[at] === -1) {
      if (onPath[at]) {
        throw new InputError('invalid power tree', [
          { field: `nodes[${at}].parent`, message: `cycle through ${nodes[at]!.id}` },
        ]);
      }
      onPath[at] = 1;
      path.push(at);
      at = parent[at]!;
    }
    let base = at === -1 ? -1 : depth[at]!;
    for (let k = path.length - 1; k >= 0; k--) {
      base += 1;
      depth[path[k]!] = base;
      onPath[path[k]!] = 0;
    }
  }
  return Int32Array.from(parent.keys()).sort((a, b) => depth[a]! - depth[b]! || a - b);
}

function evaluate(
  tree: CompiledTree,
  failed: Uint8Array,
  tripped: Uint8Array,
  overloadAt: number,
): Evaluation {
  const count = tree.parent.length;
  const energized = new Uint8Array(count);
  const onBattery = new Uint8Array(count);
  for (const at of tree.order) {
    if (failed[at] || tripped[at]) continue;
    const up = tree.parent[at]!;
    if (up === -1 || energized[up]) energized[at] = 1;
    else if (tree.hasBattery[at]) {
      energized[at] = 1;
      onBattery[at] = 1;
    }
  }
  const load = new Float64Array(count);
  distributeLoads(tree, energized, load);
  for (let k = count - 1; k >= 0; k--) {
    const at = tree.order[k]!;
    const up = tree.parent[at]!;
    if (up !== -1 && energized[up] && energized[at]) load[up]! += load[at]!;
  }
  const overloaded = new Uint8Array(count);
  for (let at = 0; at < count; at++) {
    if (energized[at] && load[at]! > tree.rating[at]! * overloadAt) overloaded[at] = 1;
  }
  return { energized, onBattery, load, overloaded };
}

function distributeLoads(tree: CompiledTree, energized: Uint8Array, load: Float64Array): void {
  const loads = tree.watts.length;
  for (let k = 0; k < loads; k++) {
    const from = tree.supplyStart[k]!;
    const to = tree.supplyStart[k + 1]!;
    const up = countEnergized(tree.supplyNode, from, to, energized);
    if (up === 0) continue;
    const share = tree.watts[k]! / up;
    for (let s = from; s < to; s++) {
      const node = tree.supplyNode[s]!;
      if (energized[node]) load[node]! += share;
    }
  }
}

function countEnergized(supplyNode: Int32Array, from: number, to: number, energized: Uint8Array): number {
  let up = 0;
  for (let s = from; s < to; s++) up += energized[supplyNode[s]!]!;
  return up;
}

/**
 * Trips the overloaded nodes with no overloaded node below them: the breaker nearest the fault
 * opens first (selective coordination), and its parent may recover once that load is gone.
 */
function tripDeepestOverloaded(tree: CompiledTree, evaluation: Evaluation, tripped: Uint8Array): boolean {
  const count = tree.parent.length;
  const overloadBelow = new Uint8Array(count);
  for (let k = count - 1; k >= 0; k--) {
    const at = tree.order[k]!;
    const up = tree.parent[at]!;
    if (up !== -1 && (evaluation.overloaded[at] || overloadBelow[at])) overloadBelow[up] = 1;
  }
  let any = false;
  for (let at = 0; at < count; at++) {
    if (evaluation.overloaded[at] && !overloadBelow[at]) {
      tripped[at] = 1;
      any = true;
    }
  }
  return any;
}

function report(
  input: PowerTreeInput,
  tree: CompiledTree,
  evaluation: Evaluation,
  failed: Uint8Array,
  tripped: Uint8Array,
): PowerTreeResult {
  const { energized, onBattery, load, overloaded } = evaluation;
  let sourceWatts = 0;
  const nodes = input.nodes.map((node, at): PowerNodeResult => {
    const up = tree.parent[at]!;
    if (energized[at] && (up === -1 || onBattery[at])) sourceWatts += load[at]!;
    return {
      id: node.id,
      kind: node.kind,
      energized: energized[at] === 1,
      failed: failed[at] === 1,
      tripped: tripped[at] === 1,
      onBattery: onBattery[at] === 1,
      loadWatts: load[at]!,
      ...(node.ratingWatts !== undefined
        ? { ratingWatts: node.ratingWatts, loadRatio: load[at]! / node.ratingWatts }
        : {}),
      overloaded: overloaded[at] === 1,
      ...(tree.hasBattery[at] && energized[at]
        ? { batteryRuntimeSeconds: ((node.batteryWh ?? 0) * 3600) / load[at]! }
        : {}),
    };
  });
  const loads = input.loads.map((load, k): PowerLoadResult => {
    const suppliesUp = countEnergized(
      tree.supplyNode,
      tree.supplyStart[k]!,
      tree.supplyStart[k + 1]!,
      energized,
    );
    return { id: load.id, watts: load.watts, powered: suppliesUp > 0, suppliesUp };
  });
  return {
    nodes,
    loads,
    overloaded: nodes.filter((node) => node.overloaded).map((node) => node.id),
    unpowered: loads.filter((load) => !load.powered).map((load) => load.id),
    tripped: nodes.filter((node) => node.tripped).map((node) => node.id),
    onBattery: nodes.filter((node) => node.onBattery).map((node) => node.id),
    sourceWatts,
  };
}
