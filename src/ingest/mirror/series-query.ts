import { NotFoundError, type StoredRollup } from '../../model/index.js';
import type { LiveMirror } from './live-mirror.js';

export type SeriesFunction = 'raw' | 'last' | 'avg' | 'min' | 'max' | 'rate';

export interface SeriesRangeRequest {
  entityId: string;
  series: string;
  start: number;
  end: number;
  step?: number;
  fn?: SeriesFunction;
}

export interface SeriesRangeAnswer {
  fn: SeriesFunction;
  step?: number;
  from: 'hot' | 'rollup-1m' | 'rollup-1h';
  points: Array<[number, number]>;
}

/** Most points one answer holds: a step that would give more is refused. */
export const maxPoints = 11_000;

/**
 * A range of one series: from the hot buffer while the range lies within it, else from the
 * persisted rollups (1-hour buckets for steps of an hour or more, 1-minute ones below).
 */
export async function querySeriesRange(
  mirror: LiveMirror,
  request: SeriesRangeRequest,
): Promise<SeriesRangeAnswer> {
  const number = mirror.seriesNumber(request.entityId, request.series);
  const fn: SeriesFunction = request.fn ?? (request.step ? 'last' : 'raw');
  const hotFrom = mirror.twin.now() - mirror.retentionMs;
  const fromHot = (seriesNumber: number): SeriesRangeAnswer => {
    const hot = mirror.store.query(seriesNumber, {
      start: request.start,
      end: request.end,
      step: request.step,
      fn,
    });
    const points: Array<[number, number]> = [];
    for (let i = 0; i < hot.ts.length; i++) points.push([hot.ts[i] as number, hot.values[i] as number]);
    return { fn, ...(request.step ? { step: request.step } : {}), from: 'hot', points };
  };
  if (request.start >= hotFrom || (number === undefined && request.step === undefined)) {
    if (number === undefined) throw new NotFoundError(`no series '${request.series}' on ${request.entityId}`);
    return fromHot(number);
  }
  const resolution = (request.step ?? 60_000) >= 3_600_000 ? '1h' : '1m';
  const rollups = await mirror.twin.store.readRollups({
    entityId: request.entityId,
    series: request.series,
    resolution,
    start: request.start,
    end: request.end,
  });
  // Nothing persisted yet (a range reaching just past the hot window of a young server): what the
  // hot buffer holds is the best answer there is.
  if (rollups.length === 0 && number !== undefined) return fromHot(number);
  const pick = rollupValue(fn);
  const bucketMs = resolution === '1h' ? 3_600_000 : 60_000;
  return {
    fn,
    step: bucketMs,
    from: resolution === '1h' ? 'rollup-1h' : 'rollup-1m',
    points: rollups.map((rollup) => [rollup.start + bucketMs, pick(rollup)]),
  };
}

/** Rollups of counters hold rates already (see the series store), so `rate` reads their mean. */
function rollupValue(fn: SeriesFunction): (rollup: StoredRollup) => number {
  switch (fn) {
    case 'min':
      return (rollup) => rollup.min;
    case 'max':
      return (rollup) => rollup.max;
    case 'avg':
    case 'rate':
      return (rollup) => rollup.sum / rollup.count;
    default:
      return (rollup) => rollup.last;
  }
}
