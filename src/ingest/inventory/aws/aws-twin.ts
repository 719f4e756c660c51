// The AWS estate as both AWS importers see it — Terraform state (aws_* resources) and the AWS CLI's
// describe output — and the one mapping from it to the twin, so a machine seen by both lands on
// one entity with the same props:
//
// | AWS                        | Twin                                                                 |
// | -------------------------- | -------------------------------------------------------------------- |
// | instance i-…               | `cloud-instance:i-…` (instanceId, instanceType, ipAddresses, cpuCores, os); `Name` tag the name, other tags labels |
// | its region                 | `cloud-region:aws/<region>` `contains` the instance                  |
// | subnet subnet-…            | `network-segment:subnet-…` (cidrs, isolated; labels vpc, availability-zone) `contains` its instances |
// | VPC vpc-…                  | `network-segment:vpc-…` (cidrs, isolated)                            |
// | security group ingress     | `allows` source → each instance (and database) with the group; see cloud-allows.ts |
// | load balancer              | `load-balancer:<name>` (label dns-name); internet-facing: `allows` internet → it per listener |
// | RDS instance or cluster    | `database:<identifier>` (engine, port); publicly accessible: `allows` internet → it |
//
// Subnets and VPCs are `isolated`: AWS denies ingress unless a security group allows it, so
// instances in one subnet reach each other only through the allows relations of their groups.
import {
  type CloudEstate,
  cloudRegion,
  defaultMaxRelationsPerGroup,
  expandRules,
  exposeToInternet,
  type Listener,
  type MemberGroup,
  portRange,
  type RuleProtocol,
  type RuleSource,
  ruleCounts,
  ruleProtocol,
  tagLabels,
} from '../cloud-allows.js';
import { inventorySlug } from '../inventory-import.js';

export interface AwsInstanceRecord {
  /** Where the input describes it, for problems. */
  readonly path: string;
  readonly id: string;
  readonly instanceType?: string;
  /** Private IPv4 (primary first), then IPv6, then public addresses. */
  readonly ipAddresses: readonly string[];
  readonly os?: string;
  readonly cpuCores?: number;
  readonly tags: Readonly<Record<string, string>>;
  readonly region?: string;
  readonly availabilityZone?: string;
  readonly subnetId?: string;
  readonly vpcId?: string;
  /** Security group ids (or names, for EC2-Classic and default-VPC launches). */
  readonly securityGroups: readonly string[];
}

export interface AwsSubnetRecord {
  readonly path: string;
  readonly id: string;
  readonly vpcId?: string;
  readonly cidrs: readonly string[];
  readonly availabilityZone?: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface AwsVpcRecord {
  readonly path: string;
  readonly id: string;
  readonly cidrs: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/** One ingress permission: a protocol and port range, and the sources it admits. */
export interface AwsPermissionRecord {
  readonly path: string;
  /** As AWS writes it: `tcp`, `udp`, `icmp`, `-1`, or a protocol number. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  /** IPv4 and IPv6 ranges. */
  readonly cidrs: readonly string[];
  /** Referenced security groups (by id). */
  readonly groups: readonly string[];
  /** The group references itself (Terraform's `self`). */
  readonly self?: boolean;
  /** Prefix lists referenced: the twin cannot resolve them, so they are counted. */
  readonly prefixLists?: number;
}

export interface AwsSecurityGroupRecord {
  readonly path: string;
  readonly id: string;
  readonly name?: string;
  readonly vpcId?: string;
  readonly ingress: readonly AwsPermissionRecord[];
}

export interface AwsListenerRecord {
  readonly path: string;
  /** HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, SSL… */
  readonly protocol?: string;
  readonly port?: number;
}

export interface AwsLoadBalancerRecord {
  readonly path: string;
  readonly name: string;
  readonly arn?: string;
  readonly dnsName?: string;
  readonly type?: string;
  readonly internetFacing: boolean;
  readonly region?: string;
  readonly ipAddresses: readonly string[];
  readonly securityGroups: readonly string[];
  readonly listeners: readonly AwsListenerRecord[];
  readonly tags: Readonly<Record<string, string>>;
}

export interface AwsDatabaseRecord {
  readonly path: string;
  readonly identifier: string;
  readonly engine?: string;
  readonly port?: number;
  readonly publiclyAccessible: boolean;
  readonly region?: string;
  readonly securityGroups: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/** Everything one import read about an AWS estate. */
export interface AwsRecords {
  instances: AwsInstanceRecord[];
  subnets: AwsSubnetRecord[];
  vpcs: AwsVpcRecord[];
  securityGroups: AwsSecurityGroupRecord[];
  loadBalancers: AwsLoadBalancerRecord[];
  databases: AwsDatabaseRecord[];
}

export function emptyAwsRecords(): AwsRecords {
  return { instances: [], subnets: [], vpcs: [], securityGroups: [], loadBalancers: [], databases: [] };
}

/** `us-east-1` from `us-east-1a` (and `us-west-2` from the local zone `us-west-2-lax-1a`). */
export function regionOfZone(zone: string): string | undefined {
  return /^([a-z]{2}(?:-[a-z]+)+-\d+)/.exec(zone)?.[1];
}

/** The region and account of an ARN (`arn:aws:ec2:eu-west-1:123456789012:instance/i-…`). */
export function arnParts(arn: string): { region?: string; account?: string } {
  const parts = arn.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return {};
  const out: { region?: string; account?: string } = {};
  if (parts[3]) out.region = parts[3];
  if (parts[4]) out.account = parts[4];
  return out;
}

/** `cloud-instance:<instance id>`: the id every importer gives an EC2 instance. */
export function awsInstanceId(instanceId: string): string {
  return `cloud-instance:${instanceId}`;
}

export interface AwsTwinOptions {
  /** The region of records that do not say theirs. */
  region?: string;
  maxRelationsPerGroup?: number;
}

/** Writes the records into `estate` as the twin shapes in the table above. */
export function awsTwin(records: AwsRecords, estate: CloudEstate, options: AwsTwinOptions = {}): void {
  const regionOf = (record: { region?: string; availabilityZone?: string }) =>
    record.region ??
    (record.availabilityZone ? regionOfZone(record.availabilityZone) : undefined) ??
    options.region;

  for (const vpc of records.vpcs) {
    const { name, labels } = tagLabels(estate, vpc.tags, `${vpc.path}.tags`);
    estate.entity(
      {
        id: `network-segment:${vpc.id}`,
        kind: 'network-segment',
        name: name ?? vpc.id,
        labels,
        props: { cidrs: [...vpc.cidrs], isolated: true },
      },
      vpc.path,
    );
  }
  for (const subnet of records.subnets) {
    const { name, labels } = tagLabels(estate, subnet.tags, `${subnet.path}.tags`);
    estate.entity(
      {
        id: `network-segment:${subnet.id}`,
        kind: 'network-segment',
        name: name ?? subnet.id,
        labels: { ...labels, ...subnetLabels(subnet.vpcId, subnet.availabilityZone) },
        props: { cidrs: [...subnet.cidrs], isolated: true },
      },
      subnet.path,
    );
  }

  // Who has which group: rule targets (instances, databases) and rule sources (what may have allows).
  const groupIds = new Map<string, string>();
  for (const group of records.securityGroups) if (group.name) groupIds.set(group.name, group.id);
  const members = new Map<string, string[]>();
  const join = (groups: readonly string[], id: string) => {
    for (const group of groups) {
      const key = group.startsWith('sg-') ? group : (groupIds.get(group) ?? group);
      const list = members.get(key) ?? [];
      if (!list.includes(id)) list.push(id);
      members.set(key, list);
    }
  };

  for (const instance of records.instances) {
    const id = awsInstanceId(instance.id);
    const { name, labels } = tagLabels(estate, instance.tags, `${instance.path}.tags`);
    const props: Record<string, string | number | string[]> = { instanceId: instance.id };
    if (instance.instanceType) props.instanceType = instance.instanceType;
    if (instance.ipAddresses.length > 0) props.ipAddresses = [...instance.ipAddresses];
    if (instance.cpuCores !== undefined) props.cpuCores = instance.cpuCores;
    if (instance.os) props.os = instance.os;
    if (
      !estate.entity({ id, kind: 'cloud-instance', name: name ?? instance.id, labels, props }, instance.path)
    )
      continue;
    const region = regionOf(instance);
    if (region)
      estate.relation({ type: 'contains', from: cloudRegion(estate, 'aws', region, instance.path), to: id });
    if (instance.subnetId) {
      const subnet = `network-segment:${instance.subnetId}`;
      const stub = estate.entity(
        {
          id: subnet,
          kind: 'network-segment',
          name: instance.subnetId,
          labels: subnetLabels(instance.vpcId, instance.availabilityZone),
          props: { isolated: true },
        },
        instance.path,
        { stub: true },
      );
      if (stub) estate.relation({ type: 'contains', from: subnet, to: id });
    }
    join(instance.securityGroups, id);
  }

  const sources = new Map<string, string[]>();
  for (const [group, ids] of members) sources.set(group, [...ids]);

  for (const lb of records.loadBalancers) {
    const id = `load-balancer:${inventorySlug(lb.name)}`;
    const { name, labels } = tagLabels(estate, lb.tags, `${lb.path}.tags`);
    if (lb.dnsName) labels['dns-name'] = lb.dnsName;
    if (lb.type) labels['load-balancer-type'] = lb.type;
    labels.scheme = lb.internetFacing ? 'internet-facing' : 'internal';
    const props: Record<string, string[]> = {};
    if (lb.ipAddresses.length > 0) props.ipAddresses = [...lb.ipAddresses];
    if (!estate.entity({ id, kind: 'load-balancer', name: name ?? lb.name, labels, props }, lb.path))
      continue;
    const region = regionOf(lb);
    if (region)
      estate.relation({ type: 'contains', from: cloudRegion(estate, 'aws', region, lb.path), to: id });
    // A load balancer may be the source a group refers to ("8080 from the ALB's group"); the
    // traffic it admits itself is its listeners'.
    for (const group of lb.securityGroups) {
      const key = group.startsWith('sg-') ? group : (groupIds.get(group) ?? group);
      sources.set(key, [...(sources.get(key) ?? []), id]);
    }
    if (lb.internetFacing) exposeListeners(estate, id, lb);
  }

  for (const db of records.databases) {
    const id = `database:${inventorySlug(db.identifier)}`;
    const { name, labels } = tagLabels(estate, db.tags, `${db.path}.tags`);
    const props: Record<string, string | number> = {};
    if (db.engine) props.engine = db.engine;
    if (db.port !== undefined) props.port = db.port;
    if (!estate.entity({ id, kind: 'database', name: name ?? db.identifier, labels, props }, db.path))
      continue;
    const region = regionOf(db);
    if (region)
      estate.relation({ type: 'contains', from: cloudRegion(estate, 'aws', region, db.path), to: id });
    join(db.securityGroups, id);
    if (db.publiclyAccessible) {
      const ports = db.port === undefined ? '*' : `${db.port}`;
      exposeToInternet(estate, id, [{ protocol: 'tcp', ports }], 'publicly-accessible', db.path);
    }
  }

  const max = options.maxRelationsPerGroup ?? defaultMaxRelationsPerGroup;
  for (const group of records.securityGroups) {
    const targets: MemberGroup = groupOf(group.id, group.name, members.get(group.id) ?? []);
    const rules = [];
    for (const permission of group.ingress) {
      const protocol = ruleProtocol(permission.protocol);
      if (typeof protocol !== 'string') {
        estate.count(ruleCounts[protocol.skip]);
        continue;
      }
      if (permission.prefixLists) estate.count('rules skipped: prefix list', permission.prefixLists);
      const ruleSources: RuleSource[] = permission.cidrs.map((cidr) => ({ cidr }));
      const referenced = [...permission.groups, ...(permission.self ? [group.id] : [])];
      for (const named of referenced) {
        const ref = named.startsWith('sg-') ? named : (groupIds.get(named) ?? named);
        if (ruleSources.some((source) => 'group' in source && source.group.segment === ref)) continue;
        const name = records.securityGroups.find((other) => other.id === ref)?.name;
        ruleSources.push({ group: groupOf(ref, name, sources.get(ref) ?? []) });
      }
      if (ruleSources.length === 0) continue;
      const ports = protocol === 'any' ? '*' : portRange(permission.fromPort, permission.toPort);
      rules.push({ path: permission.path, protocol, ports, sources: ruleSources });
    }
    expandRules(estate, { owner: group.id, targets, rules }, max);
  }
}

function groupOf(id: string, name: string | undefined, members: readonly string[]): MemberGroup {
  return name === undefined ? { segment: id, members } : { segment: id, name, members };
}

function subnetLabels(vpcId: string | undefined, zone: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (vpcId) labels.vpc = vpcId;
  if (zone) labels['availability-zone'] = zone;
  return labels;
}

/** Listener protocols as allows protocols; GENEVE (gateway load balancers) carries no port. */
function listenerProtocol(protocol: string | undefined): RuleProtocol | undefined {
  const text = (protocol ?? 'tcp').toUpperCase();
  if (['HTTP', 'HTTPS', 'TCP', 'TLS', 'SSL'].includes(text)) return 'tcp';
  if (text === 'UDP') return 'udp';
  if (text === 'TCP_UDP') return 'any';
  return undefined;
}

/** Internet → an internet-facing load balancer, one relation per listener (every port if none is known). */
function exposeListeners(estate: CloudEstate, id: string, lb: AwsLoadBalancerRecord): void {
  const listeners: Listener[] = [];
  for (const listener of lb.listeners) {
    const protocol = listenerProtocol(listener.protocol);
    if (protocol === undefined) estate.count(ruleCounts.protocol);
    else listeners.push({ protocol, ports: listener.port === undefined ? '*' : `${listener.port}` });
  }
  if (listeners.length === 0 && lb.listeners.length > 0) return;
  exposeToInternet(estate, id, listeners, 'listener', lb.path);
}
