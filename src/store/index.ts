export type { SqliteTwinStoreOptions } from './sqlite-twin-store.js';
export { SqliteTwinStore } from './sqlite-twin-store.js';
