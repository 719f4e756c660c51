// The Terraform importer: a state file (version 4) as an estate document, source
// `terraform:<file name or workspace>`. Managed resources of the AWS, Azure and GCP types in
// aws-resources.ts, azure-resources.ts and gcp-resources.ts become entities and relations —
// resources inside modules included; data sources (`mode: "data"`) and deposed objects are
// skipped; resources of other types are counted per type (`ignored:<type>`) and ignored.
import { CloudEstate } from '../cloud-allows.js';
import { type InventoryImport, inventorySlug } from '../inventory-import.js';
import { awsResourceTypes, mapAwsResources } from './aws-resources.js';
import { azureResourceTypes, mapAzureResources } from './azure-resources.js';
import { gcpResourceTypes, mapGcpResources } from './gcp-resources.js';
import { readTerraformState, type TerraformResourceInstance } from './terraform-state.js';

export interface TerraformInventoryOptions {
  /** The state's file name or workspace: the import's source is `terraform:<name>`. */
  name: string;
  /** Past this many allows relations from one security group or rule, it becomes a segment. */
  maxRelationsPerGroup?: number;
}

/**
 * The estate a Terraform state declares. Throws an InputError when the input is not a version-4
 * state; what cannot be mapped inside it is in `problems`, with its JSON path.
 */
export function terraformInventory(state: unknown, options: TerraformInventoryOptions): InventoryImport {
  const read = readTerraformState(state);
  const estate = new CloudEstate();
  for (const problem of read.problems) estate.problem(problem.path, problem.message);
  const providers = [
    { types: awsResourceTypes, map: mapAwsResources, instances: [] as TerraformResourceInstance[] },
    { types: azureResourceTypes, map: mapAzureResources, instances: [] as TerraformResourceInstance[] },
    { types: gcpResourceTypes, map: mapGcpResources, instances: [] as TerraformResourceInstance[] },
  ];
  for (const instance of read.instances) {
    if (instance.mode === 'data') {
      estate.count('data sources');
      continue;
    }
    if (instance.deposed !== undefined) {
      estate.count('deposed objects');
      continue;
    }
    const provider = providers.find(({ types }) => types.has(instance.type));
    if (provider) {
      provider.instances.push(instance);
      estate.count(instance.type);
    } else estate.count(`ignored:${instance.type}`);
  }
  for (const { map, instances } of providers) {
    if (instances.length > 0) map(instances, estate, options.maxRelationsPerGroup);
  }
  const name = options.name.trim() === '' ? 'default' : inventorySlug(options.name);
  return estate.toImport(`terraform:${name}`);
}
