// The AWS inventory importer: the saved output of `aws ec2 describe-instances`,
// `describe-security-groups`, `describe-subnets` and `describe-vpcs` (any of them; each is its own
// file) as an estate document, mapped by aws-twin.ts exactly as Terraform's aws_* resources are.
// Source `aws:<account>`, the account owning the reservations (or the groups, subnets, VPCs).
import { CloudEstate } from '../cloud-allows.js';
import type { InventoryImport } from '../inventory-import.js';
import {
  type DescribeReading,
  readDescribeInstances,
  readDescribeSecurityGroups,
  readDescribeSubnets,
  readDescribeVpcs,
} from './aws-describe.js';
import { awsTwin, emptyAwsRecords } from './aws-twin.js';

export interface AwsInventoryInput {
  /** `aws ec2 describe-instances` output, parsed or as text. */
  instances?: unknown;
  /** `aws ec2 describe-security-groups` output. */
  securityGroups?: unknown;
  /** `aws ec2 describe-subnets` output. */
  subnets?: unknown;
  /** `aws ec2 describe-vpcs` output. */
  vpcs?: unknown;
  /** The region the outputs were taken in (`--region`); otherwise each instance's zone says it. */
  region?: string;
  /** Past this many allows relations from one security group, the group becomes a segment. */
  maxRelationsPerGroup?: number;
}

export function awsInventory(input: AwsInventoryInput): InventoryImport {
  const estate = new CloudEstate();
  const records = emptyAwsRecords();
  const accounts: string[] = [];
  const take = <T>(
    name: keyof AwsInventoryInput,
    read: (value: unknown, name: string) => DescribeReading<T>,
  ) => {
    const raw = input[name];
    if (raw === undefined || raw === null) return [];
    const value = parsed(raw, name, estate);
    if (value === undefined) return [];
    const reading = read(value, name);
    for (const problem of reading.problems) estate.problem(problem.path, problem.message);
    for (const [key, count] of Object.entries(reading.counts)) estate.count(key, count);
    for (const account of reading.accounts) if (!accounts.includes(account)) accounts.push(account);
    return reading.items;
  };
  records.instances = take('instances', readDescribeInstances);
  records.securityGroups = take('securityGroups', readDescribeSecurityGroups);
  records.subnets = take('subnets', readDescribeSubnets);
  records.vpcs = take('vpcs', readDescribeVpcs);
  if (accounts.length > 1) {
    estate.problem(
      'account',
      `the outputs belong to ${accounts.length} accounts (${accounts.join(', ')}): the import is named after ${accounts[0]}`,
    );
  }
  const options: { region?: string; maxRelationsPerGroup?: number } = {};
  if (input.region) options.region = input.region;
  if (input.maxRelationsPerGroup !== undefined) options.maxRelationsPerGroup = input.maxRelationsPerGroup;
  awsTwin(records, estate, options);
  return estate.toImport(`aws:${accounts[0] ?? 'unknown'}`);
}

/** A describe output given as text is parsed; a syntax error is a problem and the output is skipped. */
function parsed(raw: unknown, name: string, estate: CloudEstate): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    estate.problem(name, `not JSON: ${(error as Error).message}`);
    return undefined;
  }
}
