export type { DescribeReading } from './aws-describe.js';
export {
  readDescribeInstances,
  readDescribeSecurityGroups,
  readDescribeSubnets,
  readDescribeVpcs,
} from './aws-describe.js';
export type { AwsInventoryInput } from './aws-inventory.js';
export { awsInventory } from './aws-inventory.js';
export type {
  AwsDatabaseRecord,
  AwsInstanceRecord,
  AwsListenerRecord,
  AwsLoadBalancerRecord,
  AwsPermissionRecord,
  AwsRecords,
  AwsSecurityGroupRecord,
  AwsSubnetRecord,
  AwsTwinOptions,
  AwsVpcRecord,
} from './aws-twin.js';
export { arnParts, awsInstanceId, awsTwin, emptyAwsRecords, regionOfZone } from './aws-twin.js';
