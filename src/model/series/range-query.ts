import { InputError } from '../errors.js';

export type RangeFunction = 'raw' | 'last' | 'avg' | 'min' | 'max' | 'rate';

export interface RangeQuery {
  start: number;
  end: number;
  /** ms; absent → raw points. */
  step?: number;
  /** Default: 'last' with a step, 'raw' without. */
  fn?: RangeFunction;
}

export interface RangeResult {
  ts: Float64Array;
  values: Float64Array;
}

/** Samples in time order, as the store's page cursor yields them. */
export interface SampleCursor {
  next(): boolean;
  readonly ts: number;
  readonly value: number;
}

/** A step query evaluates at most this many points: a guard against a mistyped step. */
export const MAX_QUERY_POINTS = 1_000_000;

export interface PlannedQuery {
  fn: RangeFunction;
  start: number;
  end: number;
  step: number;
  points: number;
  /** Samples at or before this are not needed, except as the predecessor a rate window starts from. */
  lowerBound: number;
}

/** Validates a query and fills in its defaults. */
export function planQuery(q: RangeQuery): PlannedQuery {
  const fn = q.fn ?? (q.step === undefined ? 'raw' : 'last');
  if (!Number.isSafeInteger(q.start) || !Number.isSafeInteger(q.end)) {
    throw new InputError('query start and end must be integer epoch milliseconds');
  }
  if (fn === 'raw') return { fn, start: q.start, end: q.end, step: 0, points: 0, lowerBound: q.start };
  const step = q.step;
  if (step === undefined || !Number.isSafeInteger(step) || step <= 0) {
    throw new InputError(`query fn '${fn}' needs a step: a positive integer of milliseconds`);
  }
  const points = q.end < q.start ? 0 : Math.floor((q.end - q.start) / step) + 1;
  if (points > MAX_QUERY_POINTS) {
    throw new InputError(`query asks for ${points} points, more than ${MAX_QUERY_POINTS}: use a larger step`);
  }
  return { fn, start: q.start, end: q.end, step, points, lowerBound: q.start - step };
}

/**
 * Runs a planned query over the samples of `cursor`.
 *
 * Raw: every sample with start ≤ ts ≤ end. With a step, points are evaluated at
 * t = start + i·step (i = 0, 1, … while t ≤ end; as Prometheus' query_range does, so a caller
 * wanting wall-clock-aligned points passes an aligned start), each over the window (t − step, t];
 * windows without samples give no point, so `ts` says which points exist.
 * last/avg/min/max aggregate the raw samples of the window.
 * rate: the per-second increase over the window, reset-aware: each sample in the window adds its
 * increase over the sample before it (the whole new value when the value dropped, as the counter
 * restarted from 0), divided by the time from the first such predecessor to the last sample. The
 * predecessor of the window's first sample may lie before the window, so consecutive windows
 * tile and no increase between two windows is lost; unlike Prometheus there is no extrapolation
 * to the window edges, and a window needs one sample (plus any earlier one), not two.
 */
export function runQuery(cursor: SampleCursor, plan: PlannedQuery): RangeResult {
  if (plan.fn === 'raw') return rawSamples(cursor, plan.start, plan.end);
  if (plan.points === 0) return { ts: new Float64Array(0), values: new Float64Array(0) };
  if (plan.fn === 'rate') return rateWindows(cursor, plan);
  return aggregateWindows(cursor, plan);
}

function rawSamples(cursor: SampleCursor, start: number, end: number): RangeResult {
  let ts: Float64Array = new Float64Array(64);
  let values: Float64Array = new Float64Array(64);
  let n = 0;
  while (cursor.next()) {
    const t = cursor.ts;
    if (t < start) continue;
    if (t > end) break;
    if (n === ts.length) {
      ts = grow(ts);
      values = grow(values);
    }
    ts[n] = t;
    values[n++] = cursor.value;
  }
  return { ts: ts.slice(0, n), values: values.slice(0, n) };
}

/** Collects one output point per window that has data. */
class PointSink {
  readonly ts: Float64Array;
  readonly values: Float64Array;
  n = 0;
  constructor(points: number) {
    this.ts = new Float64Array(points);
    this.values = new Float64Array(points);
  }
  push(t: number, value: number): void {
    this.ts[this.n] = t;
    this.values[this.n++] = value;
  }
  result(): RangeResult {
    return { ts: this.ts.slice(0, this.n), values: this.values.slice(0, this.n) };
  }
}

function windowIndex(ts: number, plan: PlannedQuery): number {
  return ts <= plan.lowerBound ? -1 : Math.ceil((ts - plan.start) / plan.step);
}

function aggregateWindows(cursor: SampleCursor, plan: PlannedQuery): RangeResult {
  const out = new PointSink(plan.points);
  const fn = plan.fn;
  let window = -1;
  let acc = 0;
  let count = 0;
  const flush = () => {
    if (count > 0) out.push(plan.start + window * plan.step, fn === 'avg' ? acc / count : acc);
  };
  while (cursor.next()) {
    const i = windowIndex(cursor.ts, plan);
    if (i < 0) continue;
    if (i >= plan.points) break;
    const value = cursor.value;
    if (i !== window) {
      flush();
      window = i;
      count = 0;
    }
    if (count === 0 || fn === 'last') acc = value;
    else if (fn === 'avg') acc += value;
    else if (fn === 'min' ? value < acc : value > acc) acc = value;
    count++;
  }
  flush();
  return out.result();
}

function rateWindows(cursor: SampleCursor, plan: PlannedQuery): RangeResult {
  const out = new PointSink(plan.points);
  let window = -1;
  let increase = 0;
  let fromTs = Number.NaN;
  let toTs = 0;
  let previousTs = Number.NaN;
  let previous = 0;
  const flush = () => {
    if (!Number.isNaN(fromTs)) out.push(plan.start + window * plan.step, (increase * 1000) / (toTs - fromTs));
  };
  while (cursor.next()) {
    const ts = cursor.ts;
    const value = cursor.value;
    const i = windowIndex(ts, plan);
    if (i >= plan.points) break;
    if (i >= 0) {
      if (i !== window) {
        flush();
        window = i;
        increase = 0;
        fromTs = Number.NaN;
      }
      if (!Number.isNaN(previousTs)) {
        if (Number.isNaN(fromTs)) fromTs = previousTs;
        increase += value >= previous ? value - previous : value;
        toTs = ts;
      }
    }
    previousTs = ts;
    previous = value;
  }
  flush();
  return out.result();
}

function grow(array: Float64Array): Float64Array {
  const next = new Float64Array(array.length * 2);
  next.set(array);
  return next;
}
