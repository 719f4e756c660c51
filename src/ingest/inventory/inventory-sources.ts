// The inventory sources the API and CLI accept as documents (docs/integrations.md), each read from
// the text its tool writes, and whether it declares the estate (a source of truth) or observes it.
import { builtinKinds, InputError, type KindCatalog, type Origin } from '../../model/index.js';
import { parseEstateFile } from '../estate-file.js';
import { awsInventory } from './aws/index.js';
import { dtdlInventory } from './dtdl/index.js';
import type { InventoryImport } from './inventory-import.js';
import { kubernetesInventory, parseKubernetesObjects } from './kubernetes/index.js';
import { netboxInventory, parseNetboxExport, readNetboxObjects } from './netbox/index.js';
import { terraformInventory } from './terraform/index.js';

export const inventorySources = ['netbox', 'k8s', 'terraform', 'aws', 'dtdl', 'snmp'] as const;
export type InventorySource = (typeof inventorySources)[number];

export function isInventorySource(value: string): value is InventorySource {
  return (inventorySources as readonly string[]).includes(value);
}

/** Sources of truth declare the estate; discovery and orchestrators report what is there. */
export const inventoryOrigin: Readonly<Record<InventorySource, Origin>> = {
  netbox: 'declared',
  k8s: 'observed',
  terraform: 'declared',
  aws: 'observed',
  dtdl: 'declared',
  snmp: 'observed',
};

/**
 * Reads one source's export. `name` names the source instance (cluster, state file, account):
 * it becomes the provenance source `<kind>:<name>`, so re-importing the same name replaces it.
 * `catalog` is the kinds the twin knows (a DTDL file's twins may be of kinds defined earlier).
 */
export function parseInventory(
  from: InventorySource,
  text: string,
  name: string,
  catalog: KindCatalog = builtinKinds,
): InventoryImport {
  switch (from) {
    case 'netbox':
      return netboxInventory(readNetboxObjects(parseNetboxExport(jsonOf(text, 'the NetBox export'))), {
        instance: name,
      });
    case 'k8s':
      return kubernetesInventory(parseKubernetesObjects(text), { cluster: name });
    case 'terraform':
      return terraformInventory(text, { name });
    case 'aws':
      return awsInventory(awsBundle(text));
    case 'dtdl': {
      const { inventory, kinds } = dtdlInventory(text, { name, catalog });
      return { ...inventory, kinds };
    }
    case 'snmp':
      return discoveredEstate('snmp', text, name);
  }
}

/**
 * Discovery that runs where the devices are (the CLI polls SNMP from the operator's machine) sends
 * what it found as an estate document, checked like an estate file, line and field.
 */
function discoveredEstate(kind: string, text: string, name: string): InventoryImport {
  const document = parseEstateFile(text, { file: `${kind}.json` });
  return {
    document: { ...document, source: `${kind}:${name}` },
    problems: [],
    counts: { entities: document.entities.length },
  };
}

function jsonOf(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${what} is not JSON: ${(error as Error).message}`);
  }
}

/** AWS's four describe outputs in one JSON object: `{ instances, securityGroups, subnets, vpcs, region? }`. */
function awsBundle(text: string): Parameters<typeof awsInventory>[0] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`the AWS bundle is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError(
      'the AWS bundle must be an object: { instances, securityGroups, subnets, vpcs, region? }',
    );
  const record = value as Record<string, unknown>;
  const known = ['instances', 'securityGroups', 'subnets', 'vpcs', 'region'];
  const unknown = Object.keys(record).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw new InputError(
      `the AWS bundle has unknown fields: ${unknown.join(', ')} (expected ${known.join(', ')})`,
    );
  return {
    ...(record.instances === undefined ? {} : { instances: record.instances }),
    ...(record.securityGroups === undefined ? {} : { securityGroups: record.securityGroups }),
    ...(record.subnets === undefined ? {} : { subnets: record.subnets }),
    ...(record.vpcs === undefined ? {} : { vpcs: record.vpcs }),
    ...(typeof record.region === 'string' ? { region: record.region } : {}),
  };
}
