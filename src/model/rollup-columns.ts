import type { EntityId } from './entity.js';
import type { RollupColumns, StoredRollup } from './twin-store.js';

/**
 * Rows from a columnar batch, naming series through `names` (filled from the batch's
 * `newSeries`, and kept by the caller across batches): for stores without a columnar path.
 */
export function rollupRows(batch: RollupColumns, names: Map<number, [EntityId, string]>): StoredRollup[] {
  for (const [key, entityId, series] of batch.newSeries) names.set(key, [entityId, series]);
  const rows: StoredRollup[] = [];
  for (let i = 0; i < batch.length; i++) {
    const name = names.get(batch.key[i] as number);
    if (!name) throw new Error(`rollup batch names series key ${batch.key[i]} it never announced`);
    rows.push({
      entityId: name[0],
      series: name[1],
      resolution: batch.resolutionMs[i] === 3_600_000 ? '1h' : '1m',
      start: batch.start[i] as number,
      min: batch.min[i] as number,
      max: batch.max[i] as number,
      sum: batch.sum[i] as number,
      count: batch.count[i] as number,
      last: batch.last[i] as number,
    });
  }
  return rows;
}
