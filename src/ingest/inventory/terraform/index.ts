export { awsResourceTypes, mapAwsResources } from './aws-resources.js';
export { azureIdParts, azureResourceTypes, mapAzureResources } from './azure-resources.js';
export { gcpRegionOfZone, gcpResourceTypes, mapGcpResources } from './gcp-resources.js';
export type { TerraformInventoryOptions } from './terraform-mapping.js';
export { terraformInventory } from './terraform-mapping.js';
export type { TerraformResourceInstance, TerraformState } from './terraform-state.js';
export { attributeFields, readTerraformState } from './terraform-state.js';
