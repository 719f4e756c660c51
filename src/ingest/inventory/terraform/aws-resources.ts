// Terraform's aws_* resources as the AWS records aws-twin.ts maps, so a state and the AWS CLI's
// describe output give the same entities:
//
// | Resource type                                             | Record                              |
// | --------------------------------------------------------- | ----------------------------------- |
// | aws_instance                                              | instance (tags_all, else tags)      |
// | aws_subnet, aws_vpc                                       | subnet, VPC                         |
// | aws_security_group, aws_default_security_group            | security group with inline ingress  |
// | aws_security_group_rule (type ingress), aws_vpc_security_group_ingress_rule | one more ingress permission of its group |
// | aws_lb, aws_alb, aws_elb (+ aws_lb_listener, aws_alb_listener) | load balancer with its listeners |
// | aws_db_instance, aws_rds_cluster                          | database                            |
//
// Egress rules (egress blocks, type egress, aws_vpc_security_group_egress_rule) are counted and
// ignored.
import {
  type AwsDatabaseRecord,
  type AwsInstanceRecord,
  type AwsListenerRecord,
  type AwsLoadBalancerRecord,
  type AwsPermissionRecord,
  type AwsRecords,
  type AwsSecurityGroupRecord,
  arnParts,
  awsTwin,
  emptyAwsRecords,
  regionOfZone,
} from '../aws/index.js';
import { type CloudEstate, ruleCounts } from '../cloud-allows.js';
import type { JsonFields } from '../json-fields.js';
import { attributeFields, type TerraformResourceInstance } from './terraform-state.js';

export const awsResourceTypes: ReadonlySet<string> = new Set([
  'aws_instance',
  'aws_subnet',
  'aws_vpc',
  'aws_security_group',
  'aws_default_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_lb',
  'aws_alb',
  'aws_elb',
  'aws_lb_listener',
  'aws_alb_listener',
  'aws_db_instance',
  'aws_rds_cluster',
]);

/** Maps the state's aws_* resource instances (of awsResourceTypes) into `estate`. */
export function mapAwsResources(
  instances: readonly TerraformResourceInstance[],
  estate: CloudEstate,
  maxRelationsPerGroup?: number,
): void {
  const records = emptyAwsRecords();
  const report = (path: string, message: string) => estate.problem(path, message);
  const byType = (...types: string[]) =>
    instances
      .filter((instance) => types.includes(instance.type))
      .map((instance) => attributeFields(instance, report));

  for (const fields of byType('aws_vpc')) {
    const id = fields.string('id', true);
    if (id) records.vpcs.push({ path: fields.where(), id, cidrs: cidrsOf(fields), tags: tagsOf(fields) });
  }
  for (const fields of byType('aws_subnet')) {
    const id = fields.string('id', true);
    if (!id) continue;
    records.subnets.push({
      path: fields.where(),
      id,
      vpcId: fields.string('vpc_id'),
      cidrs: cidrsOf(fields),
      availabilityZone: fields.string('availability_zone'),
      tags: tagsOf(fields),
    });
  }
  for (const fields of byType('aws_security_group', 'aws_default_security_group')) {
    const id = fields.string('id', true);
    if (!id) continue;
    const egress = fields.objects('egress').length;
    if (egress > 0) estate.count(ruleCounts.egress, egress);
    records.securityGroups.push({
      path: fields.where(),
      id,
      name: fields.string('name'),
      vpcId: fields.string('vpc_id'),
      ingress: fields.objects('ingress').map((rule) => inlinePermission(rule)),
    });
  }
  for (const fields of byType('aws_security_group_rule')) {
    const type = fields.string('type', true);
    const group = fields.string('security_group_id', true);
    if (type === 'egress') estate.count(ruleCounts.egress);
    if (type !== 'ingress' || !group) continue;
    const source = fields.string('source_security_group_id');
    permissionsOf(records, group, fields).push({
      path: fields.where(),
      protocol: fields.string('protocol', true) ?? '-1',
      fromPort: fields.integer('from_port'),
      toPort: fields.integer('to_port'),
      cidrs: [...fields.strings('cidr_blocks'), ...fields.strings('ipv6_cidr_blocks')],
      groups: source ? [source] : [],
      self: fields.boolean('self') === true,
      prefixLists: fields.strings('prefix_list_ids').length,
    });
  }
  for (const fields of byType('aws_vpc_security_group_ingress_rule')) {
    const group = fields.string('security_group_id', true);
    if (!group) continue;
    const cidrs = [fields.string('cidr_ipv4'), fields.string('cidr_ipv6')].filter(
      (cidr) => cidr !== undefined,
    );
    const source = fields.string('referenced_security_group_id');
    permissionsOf(records, group, fields).push({
      path: fields.where(),
      protocol: fields.string('ip_protocol', true) ?? '-1',
      fromPort: fields.integer('from_port'),
      toPort: fields.integer('to_port'),
      cidrs,
      groups: source ? [source] : [],
      prefixLists: fields.string('prefix_list_id') ? 1 : 0,
    });
  }
  const egressRules = byType('aws_vpc_security_group_egress_rule').length;
  if (egressRules > 0) estate.count(ruleCounts.egress, egressRules);

  for (const fields of byType('aws_instance')) {
    const record = instanceRecord(fields, records);
    if (record) records.instances.push(record);
  }

  const balancers = new Map<string, AwsLoadBalancerRecord & { listeners: AwsListenerRecord[] }>();
  for (const [types, classic] of [
    [['aws_lb', 'aws_alb'], false],
    [['aws_elb'], true],
  ] as const) {
    for (const fields of byType(...types)) {
      const record = loadBalancerRecord(fields, classic);
      if (!record) continue;
      records.loadBalancers.push(record);
      if (record.arn) balancers.set(record.arn, record);
    }
  }
  for (const fields of byType('aws_lb_listener', 'aws_alb_listener')) {
    const arn = fields.string('load_balancer_arn', true);
    if (!arn) continue;
    const lb = balancers.get(arn);
    if (!lb) {
      fields.problem('load_balancer_arn', `no load balancer ${arn} in the state: listener left out`);
      continue;
    }
    lb.listeners.push({
      path: fields.where(),
      protocol: fields.string('protocol'),
      port: fields.integer('port'),
    });
  }

  for (const [type, key] of [
    ['aws_db_instance', 'identifier'],
    ['aws_rds_cluster', 'cluster_identifier'],
  ] as const) {
    for (const fields of byType(type)) {
      const record = databaseRecord(fields, key);
      if (record) records.databases.push(record);
    }
  }
  awsTwin(records, estate, maxRelationsPerGroup === undefined ? {} : { maxRelationsPerGroup });
}

function tagsOf(fields: JsonFields): Record<string, string> {
  const all = fields.stringMap('tags_all');
  return Object.keys(all).length > 0 ? all : fields.stringMap('tags');
}

function cidrsOf(fields: JsonFields): string[] {
  return [fields.string('cidr_block'), fields.string('ipv6_cidr_block')].filter((cidr) => cidr !== undefined);
}

function inlinePermission(rule: JsonFields): AwsPermissionRecord {
  return {
    path: rule.where(),
    protocol: rule.string('protocol', true) ?? '-1',
    fromPort: rule.integer('from_port'),
    toPort: rule.integer('to_port'),
    cidrs: [...rule.strings('cidr_blocks'), ...rule.strings('ipv6_cidr_blocks')],
    groups: rule.strings('security_groups'),
    self: rule.boolean('self') === true,
    prefixLists: rule.strings('prefix_list_ids').length,
  };
}

/** The ingress list of group `id`, made when the state has rules for a group it does not hold. */
function permissionsOf(records: AwsRecords, id: string, fields: JsonFields): AwsPermissionRecord[] {
  let group = records.securityGroups.find((candidate) => candidate.id === id) as
    | (AwsSecurityGroupRecord & { ingress: AwsPermissionRecord[] })
    | undefined;
  if (!group) {
    group = { path: fields.where(), id, ingress: [] };
    records.securityGroups.push(group);
  }
  return group.ingress;
}

function instanceRecord(fields: JsonFields, records: AwsRecords): AwsInstanceRecord | undefined {
  const id = fields.string('id', true);
  if (!id) return undefined;
  const arn = fields.string('arn');
  const subnetId = fields.string('subnet_id');
  const options = fields.objects('cpu_options')[0];
  const cores = options?.integer('core_count') ?? fields.integer('cpu_core_count');
  const threads = options?.integer('threads_per_core') ?? fields.integer('cpu_threads_per_core') ?? 1;
  const ipAddresses: string[] = [];
  for (const ip of [
    fields.string('private_ip'),
    ...fields.strings('secondary_private_ips'),
    ...fields.strings('ipv6_addresses'),
    fields.string('public_ip'),
  ]) {
    if (ip && !ipAddresses.includes(ip)) ipAddresses.push(ip);
  }
  const groups = [...fields.strings('vpc_security_group_ids')];
  for (const group of fields.strings('security_groups')) if (!groups.includes(group)) groups.push(group);
  return {
    path: fields.where(),
    id,
    instanceType: fields.string('instance_type'),
    ipAddresses,
    os: fields.string('platform'),
    cpuCores: cores === undefined || cores === 0 ? undefined : cores * threads,
    tags: tagsOf(fields),
    region: (arn ? arnParts(arn).region : undefined) ?? fields.string('region'),
    availabilityZone: fields.string('availability_zone'),
    subnetId,
    vpcId: records.subnets.find((subnet) => subnet.id === subnetId)?.vpcId,
    securityGroups: groups,
  };
}

function databaseRecord(fields: JsonFields, key: string): AwsDatabaseRecord | undefined {
  const identifier = fields.string(key, true);
  if (!identifier) return undefined;
  const arn = fields.string('arn');
  return {
    path: fields.where(),
    identifier,
    engine: fields.string('engine'),
    port: fields.integer('port'),
    publiclyAccessible: fields.boolean('publicly_accessible') === true,
    region: arn ? arnParts(arn).region : undefined,
    securityGroups: fields.strings('vpc_security_group_ids'),
    tags: tagsOf(fields),
  };
}

/** aws_lb / aws_alb (listeners are resources of their own), or a classic aws_elb (listener blocks). */
function loadBalancerRecord(
  fields: JsonFields,
  classic: boolean,
): (AwsLoadBalancerRecord & { listeners: AwsListenerRecord[] }) | undefined {
  const name = fields.string('name', true);
  if (!name) return undefined;
  const arn = fields.string('arn') ?? fields.string('id');
  const listeners: AwsListenerRecord[] = classic
    ? fields.objects('listener').map((listener) => ({
        path: listener.where(),
        protocol: listener.string('lb_protocol'),
        port: listener.integer('lb_port'),
      }))
    : [];
  const zone = fields.strings('availability_zones')[0];
  return {
    path: fields.where(),
    name,
    arn,
    dnsName: fields.string('dns_name'),
    type: fields.string('load_balancer_type') ?? (classic ? 'classic' : undefined),
    internetFacing: fields.boolean('internal') !== true,
    region: (arn ? arnParts(arn).region : undefined) ?? (zone ? regionOfZone(zone) : undefined),
    ipAddresses: fields
      .objects('subnet_mapping')
      .map((mapping) => mapping.string('private_ipv4_address'))
      .filter((ip) => ip !== undefined),
    securityGroups: fields.strings('security_groups'),
    listeners,
    tags: tagsOf(fields),
  };
}
