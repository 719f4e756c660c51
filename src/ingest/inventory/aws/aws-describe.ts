// Readers for the JSON the AWS CLI prints (`aws ec2 describe-instances`, `describe-security-groups`,
// `describe-subnets`, `describe-vpcs`, default `--output json`), each into the records aws-twin.ts
// maps. Problems name the input and the JSON path: `instances: Reservations[0].Instances[1].InstanceId`.
import type { InventoryProblem } from '../inventory-import.js';
import { isRecord, JsonFields } from '../json-fields.js';
import type {
  AwsInstanceRecord,
  AwsPermissionRecord,
  AwsSecurityGroupRecord,
  AwsSubnetRecord,
  AwsVpcRecord,
} from './aws-twin.js';

/** What one describe output held: its records, the accounts that own them, what could not be read. */
export interface DescribeReading<T> {
  readonly items: T[];
  /** Owner account ids seen (reservations', groups', subnets', VPCs'). */
  readonly accounts: string[];
  readonly problems: InventoryProblem[];
  readonly counts: Record<string, number>;
}

class Reading<T> implements DescribeReading<T> {
  readonly items: T[] = [];
  readonly accounts: string[] = [];
  readonly problems: InventoryProblem[] = [];
  readonly counts: Record<string, number> = {};
  readonly report = (path: string, message: string) => {
    this.problems.push({ path, message });
  };
  constructor(readonly input: string) {}

  account(id: string | undefined): void {
    if (id && !this.accounts.includes(id)) this.accounts.push(id);
  }

  count(name: string): void {
    this.counts[name] = (this.counts[name] ?? 0) + 1;
  }

  /** The top-level list `key` of a describe output, as fields; a problem when it is missing. */
  list(value: unknown, key: string): JsonFields[] {
    const prefix = `${this.input}: `;
    const top = JsonFields.of(value, [], this.report, prefix);
    if (!top) return [];
    if (!Array.isArray(top.value[key])) {
      this.report(`${this.input}: ${key}`, `expected the output of aws ec2 describe-… with a ${key} list`);
      return [];
    }
    return top.objects(key);
  }
}

/** AWS's `[{Key, Value}]` tags as a map. */
function tagsOf(fields: JsonFields): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of fields.objects('Tags')) {
    const key = tag.string('Key', true);
    if (key !== undefined) tags[key] = typeof tag.value.Value === 'string' ? tag.value.Value : '';
  }
  return tags;
}

function pushUnique(list: string[], value: string | undefined): void {
  if (value && !list.includes(value)) list.push(value);
}

/** `aws ec2 describe-instances`: `{"Reservations": [{"OwnerId", "Instances": [...]}]}`. Terminated instances are skipped. */
export function readDescribeInstances(
  value: unknown,
  input = 'instances',
): DescribeReading<AwsInstanceRecord> {
  const reading = new Reading<AwsInstanceRecord>(input);
  for (const reservation of reading.list(value, 'Reservations')) {
    reading.account(reservation.string('OwnerId'));
    for (const instance of reservation.objects('Instances')) {
      const record = instanceRecord(instance);
      if (record === 'terminated') reading.count('instances skipped: terminated');
      else if (record) {
        reading.items.push(record);
        reading.count('instances');
      }
    }
  }
  return reading;
}

function instanceRecord(fields: JsonFields): AwsInstanceRecord | 'terminated' | undefined {
  const id = fields.string('InstanceId', true);
  if (id === undefined) return undefined;
  if (fields.object('State')?.string('Name') === 'terminated') return 'terminated';
  const privates: string[] = [];
  const ipv6: string[] = [];
  const publics: string[] = [];
  pushUnique(privates, fields.string('PrivateIpAddress'));
  pushUnique(publics, fields.string('PublicIpAddress'));
  for (const nic of fields.objects('NetworkInterfaces')) {
    for (const address of nic.objects('PrivateIpAddresses')) {
      pushUnique(privates, address.string('PrivateIpAddress'));
      pushUnique(publics, address.object('Association')?.string('PublicIp'));
    }
    for (const address of nic.objects('Ipv6Addresses')) pushUnique(ipv6, address.string('Ipv6Address'));
  }
  const zone = fields.object('Placement')?.string('AvailabilityZone');
  const cpu = fields.object('CpuOptions');
  const cores = cpu?.integer('CoreCount');
  const threads = cpu?.integer('ThreadsPerCore') ?? 1;
  return {
    path: fields.where(),
    id,
    instanceType: fields.string('InstanceType'),
    ipAddresses: [...privates, ...ipv6, ...publics],
    os: fields.string('Platform'),
    cpuCores: cores === undefined ? undefined : cores * threads,
    tags: tagsOf(fields),
    availabilityZone: zone,
    subnetId: fields.string('SubnetId'),
    vpcId: fields.string('VpcId'),
    securityGroups: fields
      .objects('SecurityGroups')
      .map((group) => group.string('GroupId') ?? group.string('GroupName'))
      .filter((group): group is string => group !== undefined),
  };
}

/** `aws ec2 describe-security-groups`: `{"SecurityGroups": [{"GroupId", "IpPermissions": [...]}]}`. */
export function readDescribeSecurityGroups(
  value: unknown,
  input = 'securityGroups',
): DescribeReading<AwsSecurityGroupRecord> {
  const reading = new Reading<AwsSecurityGroupRecord>(input);
  for (const group of reading.list(value, 'SecurityGroups')) {
    const id = group.string('GroupId', true);
    if (id === undefined) continue;
    reading.account(group.string('OwnerId'));
    reading.count('security groups');
    const ingress = group.objects('IpPermissions').map(permissionRecord);
    for (const _ of group.objects('IpPermissionsEgress')) reading.count('egress rules ignored');
    reading.items.push({
      path: group.where(),
      id,
      name: group.string('GroupName'),
      vpcId: group.string('VpcId'),
      ingress,
    });
  }
  return reading;
}

function permissionRecord(fields: JsonFields): AwsPermissionRecord {
  const cidrs = [
    ...fields.objects('IpRanges').map((range) => range.string('CidrIp', true)),
    ...fields.objects('Ipv6Ranges').map((range) => range.string('CidrIpv6', true)),
  ].filter((cidr): cidr is string => cidr !== undefined);
  const groups = fields
    .objects('UserIdGroupPairs')
    .map((pair) => pair.string('GroupId', true))
    .filter((group): group is string => group !== undefined);
  return {
    path: fields.where(),
    protocol: fields.string('IpProtocol', true) ?? '-1',
    fromPort: fields.integer('FromPort'),
    toPort: fields.integer('ToPort'),
    cidrs,
    groups,
    prefixLists: fields.objects('PrefixListIds').length,
  };
}

/** `aws ec2 describe-subnets`: `{"Subnets": [{"SubnetId", "VpcId", "CidrBlock", "AvailabilityZone", ...}]}`. */
export function readDescribeSubnets(value: unknown, input = 'subnets'): DescribeReading<AwsSubnetRecord> {
  const reading = new Reading<AwsSubnetRecord>(input);
  for (const subnet of reading.list(value, 'Subnets')) {
    const id = subnet.string('SubnetId', true);
    if (id === undefined) continue;
    reading.account(subnet.string('OwnerId'));
    reading.count('subnets');
    const cidrs: string[] = [];
    pushUnique(cidrs, subnet.string('CidrBlock'));
    for (const block of subnet.objects('Ipv6CidrBlockAssociationSet')) {
      if (associated(block, 'Ipv6CidrBlockState')) pushUnique(cidrs, block.string('Ipv6CidrBlock'));
    }
    reading.items.push({
      path: subnet.where(),
      id,
      vpcId: subnet.string('VpcId'),
      cidrs,
      availabilityZone: subnet.string('AvailabilityZone'),
      tags: tagsOf(subnet),
    });
  }
  return reading;
}

/** `aws ec2 describe-vpcs`: `{"Vpcs": [{"VpcId", "CidrBlock", "CidrBlockAssociationSet", ...}]}`. */
export function readDescribeVpcs(value: unknown, input = 'vpcs'): DescribeReading<AwsVpcRecord> {
  const reading = new Reading<AwsVpcRecord>(input);
  for (const vpc of reading.list(value, 'Vpcs')) {
    const id = vpc.string('VpcId', true);
    if (id === undefined) continue;
    reading.account(vpc.string('OwnerId'));
    reading.count('vpcs');
    const cidrs: string[] = [];
    pushUnique(cidrs, vpc.string('CidrBlock'));
    for (const block of vpc.objects('CidrBlockAssociationSet')) {
      if (associated(block, 'CidrBlockState')) pushUnique(cidrs, block.string('CidrBlock'));
    }
    for (const block of vpc.objects('Ipv6CidrBlockAssociationSet')) {
      if (associated(block, 'Ipv6CidrBlockState')) pushUnique(cidrs, block.string('Ipv6CidrBlock'));
    }
    reading.items.push({ path: vpc.where(), id, cidrs, tags: tagsOf(vpc) });
  }
  return reading;
}

/** A CIDR association still in use (not disassociated or failed); one that says no state counts. */
function associated(block: JsonFields, stateKey: string): boolean {
  const state = block.value[stateKey];
  if (!isRecord(state) || typeof state.State !== 'string') return true;
  return state.State === 'associated' || state.State === 'associating';
}
