export { InventorySync, type SyncJob, type SyncRun, type SyncStatus } from './inventory-sync.js';
export { type SyncSourceConfig, syncJobOf } from './sync-sources.js';
