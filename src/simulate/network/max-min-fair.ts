import { InputError } from '../../model/index.js';
import { LevelHeap } from './level-heap.js';

/** A flow as the allocator sees it: a demand cap and the share of its rate on each resource. */
export interface FairShareFlow {
  demand: number;
  resources: ArrayLike<number>;
  /** Share of the flow's rate on each resource, parallel to `resources` (1 for a single path). */
  fractions: ArrayLike<number>;
}

export interface FairShareResult {
  rates: Float64Array;
  /** Resource load Σ fraction·rate. */
  loads: Float64Array;
  /** Resources in use and full (load ≥ capacity within 1e-9 relative). */
  saturated: Uint8Array;
}

/**
 * Max-min fair rates with demand caps, by progressive filling: every unfrozen flow's rate rises
 * together (the "level"); a flow freezes when it reaches its demand or when a resource it uses
 * fills up. A resource's free capacity is affine in the level between freezes, so each keeps its
 * predicted fill level in a heap, updated only when a flow on it freezes:
 * O(Σ path lengths · log resources) in all.
 */
export function maxMinFairShare(
  capacities: ArrayLike<number>,
  flows: readonly FairShareFlow[],
): FairShareResult {
  checkCapacities(capacities);
  const state = initialState(capacities, flows);
  const byDemand = Int32Array.from(flows.keys()).sort((a, b) => flows[a]!.demand - flows[b]!.demand);
  let nextDemand = 0;
  while (state.active > 0) {
    while (state.frozen[byDemand[nextDemand]!]) nextDemand++;
    const demandLevel = flows[byDemand[nextDemand]!]!.demand;
    const resource = nextFull(state);
    if (resource === -1 || demandLevel <= state.heap.topLevel()) {
      for (; nextDemand < flows.length && flows[byDemand[nextDemand]!]!.demand <= demandLevel; nextDemand++) {
        freeze(state, flows, byDemand[nextDemand]!, flows[byDemand[nextDemand]!]!.demand, demandLevel);
      }
      reschedule(state, demandLevel);
      continue;
    }
    const level = state.heap.topLevel();
    state.heap.pop();
    for (let k = state.usersStart[resource]!; k < state.usersStart[resource + 1]!; k++) {
      freeze(state, flows, state.usersList[k]!, level, level);
    }
    reschedule(state, level);
  }
  return finish(capacities, flows, state.rates);
}

interface FillState {
  rates: Float64Array;
  frozen: Uint8Array;
  active: number;
  /** Free capacity at `levelAt`; it then falls at `weight` per unit of level. */
  free: Float64Array;
  levelAt: Float64Array;
  /** Σ fractions of the unfrozen flows on each resource. */
  weight: Float64Array;
  users: Int32Array;
  version: Int32Array;
  heap: LevelHeap;
  /** Resources whose weight changed in the current batch of freezes; rescheduled once per batch. */
  touched: number[];
  touchedStamp: Int32Array;
  batch: number;
  /** Resource → flows using it (CSR). */
  usersStart: Int32Array;
  usersList: Int32Array;
}

function initialState(capacities: ArrayLike<number>, flows: readonly FairShareFlow[]): FillState {
  const count = capacities.length;
  const rates = new Float64Array(flows.length);
  const frozen = new Uint8Array(flows.length);
  const weight = new Float64Array(count);
  const users = new Int32Array(count);
  const usersStart = new Int32Array(count + 1);
  let active = 0;
  flows.forEach((flow, f) => {
    checkFlow(flow, f, count);
    if (flow.demand === 0 || flow.resources.length === 0) {
      rates[f] = flow.demand;
      frozen[f] = 1;
      return;
    }
    active++;
    for (let k = 0; k < flow.resources.length; k++) {
      const resource = flow.resources[k]!;
      weight[resource]! += flow.fractions[k]!;
      users[resource]! += 1;
      usersStart[resource + 1]! += 1;
    }
  });
  for (let r = 0; r < count; r++) usersStart[r + 1]! += usersStart[r]!;
  const fillAt = usersStart.slice(0, count);
  const usersList = new Int32Array(usersStart[count]!);
  flows.forEach((flow, f) => {
    if (frozen[f]) return;
    for (let k = 0; k < flow.resources.length; k++) usersList[fillAt[flow.resources[k]!]!++] = f;
  });
  const free = Float64Array.from(capacities);
  const heap = new LevelHeap(usersList.length + count + 1);
  for (let r = 0; r < count; r++) if (users[r]! > 0) heap.push(free[r]! / weight[r]!, r, 0);
  const version = new Int32Array(count);
  return {
    rates,
    frozen,
    active,
    free,
    levelAt: new Float64Array(count),
    weight,
    users,
    version,
    heap,
    touched: [],
    touchedStamp: new Int32Array(count),
    batch: 1,
    usersStart,
    usersList,
  };
}

/** The resource that fills next, dropping heap entries outdated by later freezes; -1 if none. */
function nextFull(state: FillState): number {
  while (state.heap.size > 0) {
    const resource = state.heap.topItem();
    if (state.heap.topVersion() === state.version[resource] && state.users[resource]! > 0) return resource;
    state.heap.pop();
  }
  return -1;
}

function freeze(
  state: FillState,
  flows: readonly FairShareFlow[],
  f: number,
  rate: number,
  level: number,
): void {
  if (state.frozen[f]) return;
  state.frozen[f] = 1;
  state.rates[f] = rate;
  state.active--;
  const flow = flows[f]!;
  for (let k = 0; k < flow.resources.length; k++) {
    const r = flow.resources[k]!;
    state.free[r]! -= state.weight[r]! * (level - state.levelAt[r]!);
    state.levelAt[r] = level;
    state.users[r]! -= 1;
    // Exact zero once the last user leaves, so float residue cannot fake a slow-filling resource.
    state.weight[r] = state.users[r] === 0 ? 0 : state.weight[r]! - flow.fractions[k]!;
    if (state.touchedStamp[r] !== state.batch) {
      state.touchedStamp[r] = state.batch;
      state.touched.push(r);
    }
  }
}

/** Predicts anew when each resource touched by the last batch of freezes fills up. */
function reschedule(state: FillState, level: number): void {
  for (const r of state.touched) {
    state.version[r]! += 1;
    if (state.users[r]! > 0) {
      state.heap.push(level + Math.max(0, state.free[r]!) / state.weight[r]!, r, state.version[r]!);
    }
  }
  state.touched.length = 0;
  state.batch++;
}

function finish(
  capacities: ArrayLike<number>,
  flows: readonly FairShareFlow[],
  rates: Float64Array,
): FairShareResult {
  const loads = new Float64Array(capacities.length);
  const used = new Uint8Array(capacities.length);
  flows.forEach((flow, f) => {
    for (let k = 0; k < flow.resources.length; k++) {
      loads[flow.resources[k]!]! += flow.fractions[k]! * rates[f]!;
      used[flow.resources[k]!] = 1;
    }
  });
  const saturated = Uint8Array.from(used, (inUse, r) =>
    inUse && loads[r]! >= capacities[r]! * (1 - 1e-9) ? 1 : 0,
  );
  return { rates, loads, saturated };
}

function checkCapacities(capacities: ArrayLike<number>): void {
  for (let r = 0; r < capacities.length; r++) {
    const capacity = capacities[r]!;
    if (!(capacity >= 0) || !Number.isFinite(capacity)) {
      throw new InputError('invalid capacity', [
        { field: `capacities[${r}]`, message: 'must be a finite number ≥ 0' },
      ]);
    }
  }
}

function checkFlow(flow: FairShareFlow, f: number, count: number): void {
  if (!(flow.demand >= 0)) {
    throw new InputError('invalid flow', [
      { field: `flows[${f}].demand`, message: 'must be ≥ 0 (Infinity: elastic)' },
    ]);
  }
  if (flow.fractions.length !== flow.resources.length) {
    throw new InputError('invalid flow', [
      { field: `flows[${f}].fractions`, message: 'must parallel resources' },
    ]);
  }
  for (let k = 0; k < flow.resources.length; k++) {
    const resource = flow.resources[k]!;
    if (!Number.isInteger(resource) || resource < 0 || resource >= count) {
      throw new InputError('invalid flow', [
        { field: `flows[${f}].resources[${k}]`, message: 'no such resource' },
      ]);
    }
    if (!(flow.fractions[k]! > 0)) {
      throw new InputError('invalid flow', [
        { field: `flows[${f}].fractions[${k}]`, message: 'must be > 0' },
      ]);
    }
  }
}
