// Terraform's google_* resources as twin shapes:
//
// | Resource type                          | Twin                                                                  |
// | -------------------------------------- | --------------------------------------------------------------------- |
// | google_compute_instance                | `cloud-instance:<name>` (instanceId, instanceType: machine_type, ipAddresses: network_ip and access_config nat_ip); `cloud-region:gcp/<region of its zone>` `contains` it; its subnetworks `contain` it |
// | google_compute_subnetwork              | `network-segment:gcp/<project>/<region>/<name>` (cidrs: ip_cidr_range and secondary ranges, isolated) |
// | google_compute_firewall (INGRESS)      | per allow block: `allows` from source_ranges (0.0.0.0/0 the internet) and from the instances with source_tags, to the instances of its network with a target tag (every instance of the network when it names none) |
// | google_compute_forwarding_rule, google_compute_global_forwarding_rule | `load-balancer:<name>` (ipAddresses); external: `allows` internet → it on port_range / ports |
// | google_sql_database_instance           | `database:<name>` (engine and port from database_version); `allows` from each authorized network when its public IP is on |
//
// GCP denies ingress unless a firewall rule allows it — "even from other instances" — so
// subnetworks are `isolated`. Disabled rules, deny blocks and EGRESS rules are counted and skipped;
// service-account sources and targets match the instances running as those accounts.

import {
  type AllowRule,
  type CloudEstate,
  cloudRegion,
  expandRules,
  exposeToInternet,
  type Listener,
  type MemberGroup,
  portList,
  type RuleSource,
  ruleCounts,
  ruleProtocol,
  tagLabels,
} from '../cloud-allows.js';
import { inventorySlug } from '../inventory-import.js';
import type { JsonFields } from '../json-fields.js';
import { attributeFields, type TerraformResourceInstance } from './terraform-state.js';

export const gcpResourceTypes: ReadonlySet<string> = new Set([
  'google_compute_instance',
  'google_compute_subnetwork',
  'google_compute_firewall',
  'google_compute_forwarding_rule',
  'google_compute_global_forwarding_rule',
  'google_sql_database_instance',
]);

/** `us-central1` from the zone `us-central1-a`. */
export function gcpRegionOfZone(zone: string): string {
  return zone.replace(/-[a-z]$/, '');
}

/** `<project>/<network>` from a network self link or name. */
function networkKey(text: string, project: string | undefined): string {
  const match = /projects\/([^/]+)\/global\/networks\/([^/]+)$/.exec(text);
  return match ? `${match[1]}/${match[2]}` : `${project ?? ''}/${text.split('/').pop()}`;
}

/** `<project>/<region>/<name>` from a subnetwork self link or id. */
function subnetworkKey(text: string): string | undefined {
  const match = /projects\/([^/]+)\/regions\/([^/]+)\/subnetworks\/([^/]+)$/.exec(text);
  return match ? `${match[1]}/${match[2]}/${match[3]}` : undefined;
}

const segmentOf = (key: string) => `network-segment:gcp/${inventorySlug(key)}`;

interface GcpInstance {
  id: string;
  networks: string[];
  tags: string[];
  serviceAccounts: string[];
}

/** Maps the state's google_* resource instances (of gcpResourceTypes) into `estate`. */
export function mapGcpResources(
  instances: readonly TerraformResourceInstance[],
  estate: CloudEstate,
  maxRelationsPerGroup?: number,
): void {
  const report = (path: string, message: string) => estate.problem(path, message);
  const byType = (...types: string[]) =>
    instances
      .filter((instance) => types.includes(instance.type))
      .map((instance) => attributeFields(instance, report));

  for (const fields of byType('google_compute_subnetwork')) {
    const name = fields.string('name', true);
    const project = fields.string('project');
    const region = fields.string('region');
    const key =
      subnetworkKey(fields.string('self_link') ?? fields.string('id') ?? '') ??
      (name && project && region ? `${project}/${region}/${name}` : undefined);
    if (!name || !key) {
      if (name) fields.problem('self_link', 'cannot tell the subnetwork’s project and region: left out');
      continue;
    }
    const cidrs = [fields.string('ip_cidr_range'), fields.string('ipv6_cidr_range')].filter(
      (cidr) => cidr !== undefined,
    );
    for (const range of fields.objects('secondary_ip_range')) {
      const cidr = range.string('ip_cidr_range');
      if (cidr && !cidrs.includes(cidr)) cidrs.push(cidr);
    }
    const labels: Record<string, string> = {};
    const network = fields.string('network');
    if (network) labels.network = network.split('/').pop() as string;
    if (region) labels.region = region;
    estate.entity(
      { id: segmentOf(key), kind: 'network-segment', name, labels, props: { cidrs, isolated: true } },
      fields.where(),
    );
  }

  const computes: GcpInstance[] = [];
  for (const fields of byType('google_compute_instance')) {
    const name = fields.string('name', true);
    if (!name) continue;
    const project = fields.string('project');
    const id = `cloud-instance:${inventorySlug(name)}`;
    const ips: string[] = [];
    const publics: string[] = [];
    const networks: string[] = [];
    const subnets: string[] = [];
    for (const nic of fields.objects('network_interface')) {
      const ip = nic.string('network_ip');
      if (ip && !ips.includes(ip)) ips.push(ip);
      for (const access of nic.objects('access_config')) {
        const nat = access.string('nat_ip');
        if (nat && !publics.includes(nat)) publics.push(nat);
      }
      const network = nic.string('network');
      if (network) networks.push(networkKey(network, project));
      const subnet = nic.string('subnetwork');
      const key = subnet ? subnetworkKey(subnet) : undefined;
      if (key) subnets.push(key);
    }
    const { labels } = tagLabels(estate, fields.stringMap('labels'), fields.where('labels'));
    const props: Record<string, string | string[]> = { instanceId: fields.string('instance_id') ?? name };
    const machine = fields.string('machine_type');
    if (machine) props.instanceType = machine.split('/').pop() as string;
    if (ips.length + publics.length > 0) props.ipAddresses = [...ips, ...publics];
    if (!estate.entity({ id, kind: 'cloud-instance', name, labels, props }, fields.where())) continue;
    const zone = fields.string('zone');
    if (zone) {
      const region = cloudRegion(estate, 'gcp', gcpRegionOfZone(zone), fields.where('zone'));
      estate.relation({ type: 'contains', from: region, to: id });
    }
    for (const subnet of subnets) {
      const segment = segmentOf(subnet);
      estate.entity({ id: segment, kind: 'network-segment', props: { isolated: true } }, fields.where(), {
        stub: true,
      });
      estate.relation({ type: 'contains', from: segment, to: id });
    }
    computes.push({
      id,
      networks,
      tags: fields.strings('tags'),
      serviceAccounts: fields
        .objects('service_account')
        .map((account) => account.string('email'))
        .filter((email) => email !== undefined),
    });
  }

  for (const fields of byType('google_compute_firewall')) {
    const set = firewallRules(fields, computes, estate);
    if (set) expandRules(estate, set, maxRelationsPerGroup);
  }

  for (const fields of byType('google_compute_forwarding_rule', 'google_compute_global_forwarding_rule')) {
    forwardingRule(fields, estate);
  }
  for (const fields of byType('google_sql_database_instance')) sqlInstance(fields, estate);
}

function firewallRules(
  fields: JsonFields,
  computes: readonly GcpInstance[],
  estate: CloudEstate,
): { owner: string; targets: MemberGroup; rules: AllowRule[] } | undefined {
  const name = fields.string('name', true);
  const network = fields.string('network', true);
  if (!name || !network) return undefined;
  if ((fields.string('direction') ?? 'INGRESS').toUpperCase() !== 'INGRESS') {
    estate.count(ruleCounts.egress);
    return undefined;
  }
  if (fields.boolean('disabled') === true) {
    estate.count('rules skipped: disabled');
    return undefined;
  }
  if (fields.objects('deny').length > 0) estate.count('rules skipped: deny', fields.objects('deny').length);
  const key = networkKey(network, fields.string('project'));
  const inNetwork = computes.filter((instance) => instance.networks.includes(key));
  const matching = (tags: readonly string[], accounts: readonly string[]) =>
    inNetwork
      .filter(
        (instance) =>
          instance.tags.some((tag) => tags.includes(tag)) ||
          instance.serviceAccounts.some((account) => accounts.includes(account)),
      )
      .map((instance) => instance.id);
  const targetTags = fields.strings('target_tags');
  const targetAccounts = fields.strings('target_service_accounts');
  const targets =
    targetTags.length + targetAccounts.length === 0
      ? inNetwork.map((instance) => instance.id)
      : matching(targetTags, targetAccounts);
  const sourceTags = fields.strings('source_tags');
  const sourceAccounts = fields.strings('source_service_accounts');
  const sources: RuleSource[] = fields.strings('source_ranges').map((cidr) => ({ cidr }));
  if (sourceTags.length + sourceAccounts.length > 0) {
    sources.push({
      group: {
        segment: `gcp-firewall/${inventorySlug(name)}/sources`,
        members: matching(sourceTags, sourceAccounts),
      },
    });
  }
  // With no source at all GCP admits every address.
  if (sources.length === 0) sources.push({ cidr: '0.0.0.0/0' });
  const rules: AllowRule[] = [];
  for (const allow of fields.objects('allow')) {
    const protocol = ruleProtocol(allow.string('protocol', true) ?? 'all');
    if (typeof protocol !== 'string') {
      estate.count(ruleCounts[protocol.skip]);
      continue;
    }
    const ports = protocol === 'any' ? '*' : portList(allow.strings('ports'));
    if (typeof ports !== 'string') {
      allow.problem('ports', `${ports.message}: rule left out`);
      continue;
    }
    rules.push({ path: allow.where(), protocol, ports, sources });
  }
  return {
    owner: inventorySlug(name),
    targets: { segment: `gcp-firewall/${inventorySlug(name)}`, name, members: targets },
    rules,
  };
}

function forwardingRule(fields: JsonFields, estate: CloudEstate): void {
  const name = fields.string('name', true);
  if (!name) return;
  const id = `load-balancer:${inventorySlug(name)}`;
  const { labels } = tagLabels(estate, fields.stringMap('labels'), fields.where('labels'));
  const scheme = (fields.string('load_balancing_scheme') ?? 'EXTERNAL').toUpperCase();
  const external = scheme.startsWith('EXTERNAL');
  labels.scheme = external ? 'internet-facing' : 'internal';
  const address = fields.string('ip_address');
  const props: Record<string, string[]> = address ? { ipAddresses: [address] } : {};
  if (!estate.entity({ id, kind: 'load-balancer', name, labels, props }, fields.where())) return;
  const region = fields.string('region');
  if (region)
    estate.relation({
      type: 'contains',
      from: cloudRegion(estate, 'gcp', region, fields.where('region')),
      to: id,
    });
  if (!external) return;
  const protocol = ruleProtocol(fields.string('ip_protocol') ?? 'tcp');
  if (typeof protocol !== 'string') {
    estate.count(ruleCounts[protocol.skip]);
    return;
  }
  const range = fields.string('port_range');
  const ports =
    fields.boolean('all_ports') === true
      ? '*'
      : portList([...fields.strings('ports'), ...(range ? [range] : [])]);
  if (typeof ports !== 'string') {
    fields.problem('port_range', `${ports.message}: exposure left out`);
    return;
  }
  const listeners: Listener[] = [{ protocol, ports }];
  exposeToInternet(estate, id, listeners, 'forwarding-rule', fields.where());
}

const sqlEngines: Array<[prefix: string, engine: string, port: number]> = [
  ['POSTGRES', 'postgresql', 5432],
  ['MYSQL', 'mysql', 3306],
  ['SQLSERVER', 'sqlserver', 1433],
];

function sqlInstance(fields: JsonFields, estate: CloudEstate): void {
  const name = fields.string('name', true);
  if (!name) return;
  const id = `database:${inventorySlug(name)}`;
  const version = fields.string('database_version');
  const known = sqlEngines.find(([prefix]) => version?.toUpperCase().startsWith(prefix));
  const labels: Record<string, string> = {};
  if (version) labels['database-version'] = version;
  const props: Record<string, string | number> = known ? { engine: known[1], port: known[2] } : {};
  if (!estate.entity({ id, kind: 'database', name, labels, props }, fields.where())) return;
  const region = fields.string('region');
  if (region)
    estate.relation({
      type: 'contains',
      from: cloudRegion(estate, 'gcp', region, fields.where('region')),
      to: id,
    });
  const ip = fields.objects('settings')[0]?.objects('ip_configuration')[0];
  if (ip?.boolean('ipv4_enabled') !== true) return;
  const ports = known ? `${known[2]}` : '*';
  const sources: RuleSource[] = ip
    .objects('authorized_networks')
    .map((network) => network.string('value'))
    .filter((value) => value !== undefined)
    .map((cidr) => ({ cidr }));
  if (sources.length === 0) return;
  const rule: AllowRule = { path: ip.where('authorized_networks'), protocol: 'tcp', ports, sources };
  expandRules(estate, {
    owner: `authorized-networks`,
    targets: { segment: `gcp-sql/${inventorySlug(name)}`, name, members: [id] },
    rules: [rule],
  });
}
