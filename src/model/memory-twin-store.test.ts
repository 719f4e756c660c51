import { describeTwinStoreContract } from '../store/twin-store-contract.js';
import { MemoryTwinStore } from './memory-twin-store.js';

describeTwinStoreContract('MemoryTwinStore', async () => {
  const store = new MemoryTwinStore();
  // The instance stands for the database file: a restart opens the same data again.
  return { store, reopen: async () => store };
});
