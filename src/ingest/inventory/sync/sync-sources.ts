// What a re-sync job reads, from its configuration: a live NetBox or Kubernetes API, or a file any
// importer reads (a Terraform state on a shared path, a kubectl or AWS dump a cron job refreshes).
// Tokens are read from their files at every run, so a rotated token is picked up without a restart.
import { readFile } from 'node:fs/promises';
import type { KindCatalog } from '../../../model/index.js';
import { type InventorySource, inventoryOrigin, parseInventory } from '../inventory-sources.js';
import { fetchKubernetesObjects, kubernetesInventory } from '../kubernetes/index.js';
import { fetchNetbox, netboxInventory, readNetboxObjects } from '../netbox/index.js';
import type { SyncJob } from './inventory-sync.js';

export type SyncSourceConfig =
  | {
      readonly from: 'netbox';
      readonly name: string;
      readonly url: string;
      readonly tokenFile: string;
      readonly everyMs: number;
      readonly prune?: boolean;
    }
  | {
      readonly from: 'k8s';
      readonly name: string;
      readonly server: string;
      readonly tokenFile: string;
      /** PEM of the CA that signed the API server's certificate. */
      readonly caFile?: string;
      readonly everyMs: number;
      readonly prune?: boolean;
    }
  | {
      readonly from: InventorySource;
      readonly name: string;
      /** A file in the format `import --from <from>` reads. */
      readonly file: string;
      readonly everyMs: number;
      readonly prune?: boolean;
    };

/** `catalog`: the twin's kinds, as they are at each run (DTDL twins may use kinds defined since). */
export function syncJobOf(config: SyncSourceConfig, catalog?: KindCatalog): SyncJob {
  return {
    name: config.name,
    from: config.from,
    origin: inventoryOrigin[config.from],
    everyMs: config.everyMs,
    prune: config.prune === true,
    load: loaderOf(config, catalog),
  };
}

function loaderOf(config: SyncSourceConfig, catalog: KindCatalog | undefined): SyncJob['load'] {
  if ('file' in config) {
    return async () => parseInventory(config.from, await readFile(config.file, 'utf8'), config.name, catalog);
  }
  if (config.from === 'netbox') {
    return async (signal) => {
      const exported = await fetchNetbox({ url: config.url, token: await tokenOf(config.tokenFile), signal });
      return netboxInventory(readNetboxObjects(exported), { instance: config.name });
    };
  }
  return async (signal) => {
    const objects = await fetchKubernetesObjects({
      server: config.server,
      token: await tokenOf(config.tokenFile),
      ...(config.caFile === undefined ? {} : { caCert: await readFile(config.caFile, 'utf8') }),
      signal,
    });
    return kubernetesInventory(objects, { cluster: config.name });
  };
}

async function tokenOf(file: string): Promise<string> {
  const token = (await readFile(file, 'utf8')).trim();
  if (token === '') throw new Error(`the token file ${file} is empty`);
  return token;
}
