export type { RangeFunction, RangeQuery, RangeResult } from './range-query.js';
export { MAX_QUERY_POINTS } from './range-query.js';
export type { RollupBucket } from './rollup-state.js';
export { HOUR_MS, MINUTE_MS } from './rollup-state.js';
export type { AppendResult, SeriesMemoryStats, SeriesStoreOptions } from './series-store.js';
export { DEFAULT_PAGE_BYTES, DEFAULT_RETENTION_MS, SeriesStore } from './series-store.js';
