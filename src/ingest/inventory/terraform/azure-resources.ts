// Terraform's azurerm_* resources as twin shapes:
//
// | Resource type                                                | Twin                                                   |
// | ------------------------------------------------------------ | ------------------------------------------------------ |
// | azurerm_linux_virtual_machine, azurerm_windows_virtual_machine, azurerm_virtual_machine | `cloud-instance:<name>` (the last segment of its id; instanceId the VM id, instanceType its size, ipAddresses from it and its NICs, os); `cloud-region:azure/<location>` `contains` it; its NICs' subnets `contain` it |
// | azurerm_virtual_network                                      | `network-segment:azure/<resource group>/<vnet>` (cidrs: address_space) |
// | azurerm_subnet                                               | `network-segment:azure/<resource group>/<vnet>/<subnet>` (cidrs: address_prefixes) |
// | azurerm_network_security_group (inline security_rule), azurerm_network_security_rule | Inbound Allow rules → `allows` to the VMs whose NICs carry the group (azurerm_network_interface_security_group_association), else to the segments of the subnets that do (azurerm_subnet_network_security_group_association) |
// | azurerm_lb (+ azurerm_lb_rule, azurerm_public_ip)            | `load-balancer:<name>`; a public frontend: `allows` internet → it per rule's frontend port |
// | azurerm_mssql_server, azurerm_postgresql_flexible_server, azurerm_mysql_flexible_server | `database:<name>` (engine, port) in its region |
//
// Azure's segments are not `isolated`: every NSG's default AllowVnetInBound rule lets a virtual
// network's machines reach each other. Deny rules, which the twin cannot express, are counted
// and skipped, as are sources that are service tags other than Internet (VirtualNetwork,
// AzureLoadBalancer…) or application security groups; a rule's destination address is not read
// (the rule applies to every machine the group protects).

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

export const azureResourceTypes: ReadonlySet<string> = new Set([
  'azurerm_linux_virtual_machine',
  'azurerm_windows_virtual_machine',
  'azurerm_virtual_machine',
  'azurerm_virtual_network',
  'azurerm_subnet',
  'azurerm_network_interface',
  'azurerm_network_interface_security_group_association',
  'azurerm_subnet_network_security_group_association',
  'azurerm_network_security_group',
  'azurerm_network_security_rule',
  'azurerm_public_ip',
  'azurerm_lb',
  'azurerm_lb_rule',
  'azurerm_mssql_server',
  'azurerm_postgresql_flexible_server',
  'azurerm_mysql_flexible_server',
]);

/** The resource group and the type/name pairs of an Azure resource id, lower-cased. */
export function azureIdParts(id: string): { resourceGroup?: string; names: Array<[string, string]> } {
  const segments = id.split('/').filter((segment) => segment !== '');
  const out: { resourceGroup?: string; names: Array<[string, string]> } = { names: [] };
  for (let i = 0; i < segments.length; i++) {
    const segment = (segments[i] as string).toLowerCase();
    if (segment === 'resourcegroups' && segments[i + 1])
      out.resourceGroup = (segments[i + 1] as string).toLowerCase();
    if (segment === 'providers') {
      for (let j = i + 2; j + 1 < segments.length; j += 2)
        out.names.push([(segments[j] as string).toLowerCase(), (segments[j + 1] as string).toLowerCase()]);
      break;
    }
  }
  return out;
}

function lastSegment(id: string): string {
  const segments = id.split('/').filter((segment) => segment !== '');
  return segments[segments.length - 1] ?? id;
}

/** `<resource group>/<name>` of the NSG an id names. */
function nsgKeyOfId(id: string): string | undefined {
  const parts = azureIdParts(id);
  const name = parts.names.find(([type]) => type === 'networksecuritygroups')?.[1];
  return parts.resourceGroup && name ? `${parts.resourceGroup}/${name}` : undefined;
}

/** `<resource group>/<vnet>/<subnet>` of the subnet an id names. */
function subnetKeyOfId(id: string): string | undefined {
  const parts = azureIdParts(id);
  const vnet = parts.names.find(([type]) => type === 'virtualnetworks')?.[1];
  const subnet = parts.names.find(([type]) => type === 'subnets')?.[1];
  return parts.resourceGroup && vnet && subnet ? `${parts.resourceGroup}/${vnet}/${subnet}` : undefined;
}

const segmentOf = (key: string) => `network-segment:azure/${inventorySlug(key)}`;

interface Nic {
  subnets: string[];
  ips: string[];
  nsgs: string[];
}

interface Nsg {
  path: string;
  name: string;
  rules: AllowRule[];
}

/** Maps the state's azurerm_* resource instances (of azureResourceTypes) into `estate`. */
export function mapAzureResources(
  instances: readonly TerraformResourceInstance[],
  estate: CloudEstate,
  maxRelationsPerGroup?: number,
): void {
  const report = (path: string, message: string) => estate.problem(path, message);
  const byType = (...types: string[]) =>
    instances
      .filter((instance) => types.includes(instance.type))
      .map((instance) => ({
        type: instance.type,
        fields: attributeFields(instance, report),
      }));

  for (const { fields } of byType('azurerm_virtual_network')) {
    const name = fields.string('name', true);
    const group = fields.string('resource_group_name', true);
    if (!name || !group) continue;
    const { labels } = tagLabels(estate, fields.stringMap('tags'), fields.where('tags'));
    labels['resource-group'] = group;
    estate.entity(
      {
        id: segmentOf(`${group}/${name}`),
        kind: 'network-segment',
        name,
        labels,
        props: { cidrs: fields.strings('address_space') },
      },
      fields.where(),
    );
  }

  for (const { fields } of byType('azurerm_subnet')) {
    const id = fields.string('id');
    const name = fields.string('name', true);
    const vnet = fields.string('virtual_network_name');
    const group = fields.string('resource_group_name');
    const key = (id && subnetKeyOfId(id)) ?? (name && vnet && group ? `${group}/${vnet}/${name}` : undefined);
    if (!key || !name) {
      if (name) fields.problem('id', 'cannot tell the subnet’s virtual network and resource group: left out');
      continue;
    }
    const cidrs = fields.strings('address_prefixes');
    const single = fields.string('address_prefix');
    if (single && !cidrs.includes(single)) cidrs.push(single);
    const labels: Record<string, string> = {};
    if (vnet) labels.vnet = vnet;
    if (group) labels['resource-group'] = group;
    estate.entity(
      { id: segmentOf(key), kind: 'network-segment', name, labels, props: { cidrs } },
      fields.where(),
    );
  }

  const publicIps = new Map<string, string>();
  for (const { fields } of byType('azurerm_public_ip')) {
    const id = fields.string('id');
    const address = fields.string('ip_address');
    if (id && address) publicIps.set(id.toLowerCase(), address);
  }

  // Network security groups and their Allow Inbound rules, by `<resource group>/<name>`.
  const nsgs = new Map<string, Nsg>();
  const nsgNamed = (key: string, path: string, name: string) => {
    let nsg = nsgs.get(key);
    if (!nsg) {
      nsg = { path, name, rules: [] };
      nsgs.set(key, nsg);
    }
    return nsg;
  };
  for (const { fields } of byType('azurerm_network_security_group')) {
    const name = fields.string('name', true);
    const group = fields.string('resource_group_name');
    const id = fields.string('id');
    const key = (id && nsgKeyOfId(id)) ?? (name && group ? `${group}/${name}`.toLowerCase() : undefined);
    if (!key || !name) continue;
    const nsg = nsgNamed(key, fields.where(), name);
    for (const rule of fields.objects('security_rule')) {
      const allow = allowRule(rule, estate);
      if (allow) nsg.rules.push(allow);
    }
  }
  for (const { fields } of byType('azurerm_network_security_rule')) {
    const name = fields.string('network_security_group_name', true);
    const group = fields.string('resource_group_name', true);
    if (!name || !group) continue;
    const allow = allowRule(fields, estate);
    if (allow) nsgNamed(`${group}/${name}`.toLowerCase(), fields.where(), name).rules.push(allow);
  }

  const nics = new Map<string, Nic>();
  for (const { fields } of byType('azurerm_network_interface')) {
    const id = fields.string('id', true);
    if (!id) continue;
    const nic: Nic = { subnets: [], ips: [], nsgs: [] };
    for (const config of fields.objects('ip_configuration')) {
      const subnet = config.string('subnet_id');
      const key = subnet ? subnetKeyOfId(subnet) : undefined;
      if (key && !nic.subnets.includes(key)) nic.subnets.push(key);
      const ip = config.string('private_ip_address');
      if (ip && !nic.ips.includes(ip)) nic.ips.push(ip);
    }
    for (const ip of fields.strings('private_ip_addresses')) if (!nic.ips.includes(ip)) nic.ips.push(ip);
    // Before azurerm 2.0 the NIC named its group itself.
    const legacy = fields.string('network_security_group_id');
    const legacyKey = legacy ? nsgKeyOfId(legacy) : undefined;
    if (legacyKey) nic.nsgs.push(legacyKey);
    nics.set(id.toLowerCase(), nic);
  }
  for (const { fields } of byType('azurerm_network_interface_security_group_association')) {
    const nic = fields.string('network_interface_id', true);
    const nsg = fields.string('network_security_group_id', true);
    const key = nsg ? nsgKeyOfId(nsg) : undefined;
    if (!nic || !key) continue;
    const entry = nics.get(nic.toLowerCase()) ?? { subnets: [], ips: [], nsgs: [] };
    if (!entry.nsgs.includes(key)) entry.nsgs.push(key);
    nics.set(nic.toLowerCase(), entry);
  }
  const subnetNsgs = new Map<string, string[]>();
  for (const { fields } of byType('azurerm_subnet_network_security_group_association')) {
    const subnet = fields.string('subnet_id', true);
    const nsg = fields.string('network_security_group_id', true);
    const subnetKey = subnet ? subnetKeyOfId(subnet) : undefined;
    const nsgKey = nsg ? nsgKeyOfId(nsg) : undefined;
    if (!subnetKey || !nsgKey) continue;
    subnetNsgs.set(nsgKey, [...(subnetNsgs.get(nsgKey) ?? []), segmentOf(subnetKey)]);
  }

  const protectedVms = new Map<string, string[]>();
  for (const { type, fields } of byType(
    'azurerm_linux_virtual_machine',
    'azurerm_windows_virtual_machine',
    'azurerm_virtual_machine',
  )) {
    const resourceId = fields.string('id');
    const vmId = fields.string('virtual_machine_id') ?? fields.string('vm_id');
    const name = fields.string('name');
    const base = resourceId ? lastSegment(resourceId) : (name ?? vmId);
    if (!base) {
      fields.problem('id', 'is required');
      continue;
    }
    const id = `cloud-instance:${inventorySlug(base)}`;
    const vmNics = fields.strings('network_interface_ids').map((nic) => nics.get(nic.toLowerCase()));
    const ips: string[] = [];
    const add = (ip: string | undefined) => {
      if (ip && !ips.includes(ip)) ips.push(ip);
    };
    add(fields.string('private_ip_address'));
    for (const ip of fields.strings('private_ip_addresses')) add(ip);
    for (const nic of vmNics) for (const ip of nic?.ips ?? []) add(ip);
    add(fields.string('public_ip_address'));
    for (const ip of fields.strings('public_ip_addresses')) add(ip);
    const { labels } = tagLabels(estate, fields.stringMap('tags'), fields.where('tags'));
    const group = fields.string('resource_group_name');
    if (group) labels['resource-group'] = group;
    const props: Record<string, string | string[]> = { instanceId: vmId ?? resourceId ?? base };
    const size = fields.string('size') ?? fields.string('vm_size');
    if (size) props.instanceType = size;
    if (ips.length > 0) props.ipAddresses = ips;
    if (type !== 'azurerm_virtual_machine')
      props.os = type === 'azurerm_windows_virtual_machine' ? 'windows' : 'linux';
    if (!estate.entity({ id, kind: 'cloud-instance', name: name ?? base, labels, props }, fields.where()))
      continue;
    const location = fields.string('location');
    if (location) {
      const region = cloudRegion(estate, 'azure', azureLocation(location), fields.where('location'));
      estate.relation({ type: 'contains', from: region, to: id });
    }
    for (const nic of vmNics) {
      for (const subnet of nic?.subnets ?? []) {
        const segment = segmentOf(subnet);
        estate.entity({ id: segment, kind: 'network-segment' }, fields.where(), { stub: true });
        estate.relation({ type: 'contains', from: segment, to: id });
      }
      for (const nsg of nic?.nsgs ?? []) protectedVms.set(nsg, [...(protectedVms.get(nsg) ?? []), id]);
    }
  }

  for (const [key, nsg] of [...nsgs].sort(([a], [b]) => a.localeCompare(b))) {
    const members = protectedVms.get(key) ?? subnetNsgs.get(key) ?? [];
    const targets: MemberGroup = { segment: `azure-nsg/${inventorySlug(key)}`, name: nsg.name, members };
    expandRules(estate, { owner: inventorySlug(key), targets, rules: nsg.rules }, maxRelationsPerGroup);
  }

  mapLoadBalancers(
    byType('azurerm_lb').map(({ fields }) => fields),
    byType('azurerm_lb_rule').map(({ fields }) => fields),
    publicIps,
    estate,
  );

  const engines: Record<string, { engine: string; port: number }> = {
    azurerm_mssql_server: { engine: 'sqlserver', port: 1433 },
    azurerm_postgresql_flexible_server: { engine: 'postgresql', port: 5432 },
    azurerm_mysql_flexible_server: { engine: 'mysql', port: 3306 },
  };
  for (const { type, fields } of byType(...Object.keys(engines))) {
    const name = fields.string('name', true);
    const engine = engines[type];
    if (!name || !engine) continue;
    const id = `database:${inventorySlug(name)}`;
    const { labels } = tagLabels(estate, fields.stringMap('tags'), fields.where('tags'));
    const fqdn = fields.string('fully_qualified_domain_name') ?? fields.string('fqdn');
    if (fqdn) labels['dns-name'] = fqdn;
    const version = fields.string('version');
    if (version) labels['engine-version'] = version;
    if (!estate.entity({ id, kind: 'database', name, labels, props: { ...engine } }, fields.where()))
      continue;
    const location = fields.string('location');
    if (location) {
      const region = cloudRegion(estate, 'azure', azureLocation(location), fields.where('location'));
      estate.relation({ type: 'contains', from: region, to: id });
    }
  }
}

/** `westeurope` from `West Europe` or `westeurope`. */
function azureLocation(location: string): string {
  return location.toLowerCase().replace(/\s+/g, '');
}

/** An Allow Inbound rule as an allows rule; deny and outbound rules are counted and skipped. */
function allowRule(rule: JsonFields, estate: CloudEstate): AllowRule | undefined {
  const direction = rule.string('direction', true);
  const access = rule.string('access', true);
  if (direction?.toLowerCase() === 'outbound') {
    estate.count(ruleCounts.egress);
    return undefined;
  }
  if (direction?.toLowerCase() !== 'inbound') return undefined;
  if (access?.toLowerCase() !== 'allow') {
    if (access) estate.count('rules skipped: deny');
    return undefined;
  }
  const protocol = ruleProtocol(rule.string('protocol') ?? '*');
  if (typeof protocol !== 'string') {
    estate.count(ruleCounts[protocol.skip]);
    return undefined;
  }
  const ranges = rule.strings('destination_port_ranges');
  const ports = portList(ranges.length > 0 ? ranges : [rule.string('destination_port_range') ?? '*']);
  if (typeof ports !== 'string') {
    rule.problem(
      ranges.length > 0 ? 'destination_port_ranges' : 'destination_port_range',
      `${ports.message}: rule left out`,
    );
    return undefined;
  }
  const prefixes = rule.strings('source_address_prefixes');
  const sources: RuleSource[] = [];
  for (const prefix of prefixes.length > 0 ? prefixes : [rule.string('source_address_prefix') ?? '*']) {
    if (/^[\d.:a-f/]+$/i.test(prefix) && /[\d]/.test(prefix)) sources.push({ cidr: prefix });
    else if (['*', 'internet', 'any'].includes(prefix.toLowerCase())) sources.push({ cidr: '0.0.0.0/0' });
    else {
      estate.count('rule sources skipped: service tag');
      rule.problem(
        prefixes.length > 0 ? 'source_address_prefixes' : 'source_address_prefix',
        `service tag '${prefix}' is not an address range the twin can place: source left out`,
      );
    }
  }
  if (rule.strings('source_application_security_group_ids').length > 0) {
    estate.count('rule sources skipped: application security group');
  }
  if (sources.length === 0) return undefined;
  return { path: rule.where(), protocol, ports, sources };
}

function mapLoadBalancers(
  balancers: readonly JsonFields[],
  rules: readonly JsonFields[],
  publicIps: ReadonlyMap<string, string>,
  estate: CloudEstate,
): void {
  const listeners = new Map<string, Listener[]>();
  for (const rule of rules) {
    const lb = rule.string('loadbalancer_id', true);
    if (!lb) continue;
    const protocol = ruleProtocol(rule.string('protocol') ?? 'tcp');
    if (typeof protocol !== 'string') {
      estate.count(ruleCounts[protocol.skip]);
      continue;
    }
    const port = rule.integer('frontend_port');
    const list = listeners.get(lb.toLowerCase()) ?? [];
    list.push({ protocol, ports: port === undefined || port === 0 ? '*' : `${port}` });
    listeners.set(lb.toLowerCase(), list);
  }
  for (const fields of balancers) {
    const name = fields.string('name', true);
    if (!name) continue;
    const id = `load-balancer:${inventorySlug(name)}`;
    const { labels } = tagLabels(estate, fields.stringMap('tags'), fields.where('tags'));
    const sku = fields.string('sku');
    if (sku) labels.sku = sku;
    const ips: string[] = [];
    let internetFacing = false;
    for (const frontend of fields.objects('frontend_ip_configuration')) {
      const publicIp = frontend.string('public_ip_address_id');
      if (publicIp) {
        internetFacing = true;
        const address = publicIps.get(publicIp.toLowerCase());
        if (address && !ips.includes(address)) ips.push(address);
      }
      const address = frontend.string('private_ip_address');
      if (address && !ips.includes(address)) ips.push(address);
    }
    labels.scheme = internetFacing ? 'internet-facing' : 'internal';
    const props: Record<string, string[]> = ips.length > 0 ? { ipAddresses: ips } : {};
    if (!estate.entity({ id, kind: 'load-balancer', name, labels, props }, fields.where())) continue;
    const location = fields.string('location');
    if (location) {
      const region = cloudRegion(estate, 'azure', azureLocation(location), fields.where('location'));
      estate.relation({ type: 'contains', from: region, to: id });
    }
    const lbId = fields.string('id')?.toLowerCase();
    if (internetFacing)
      exposeToInternet(estate, id, (lbId && listeners.get(lbId)) || [], 'listener', fields.where());
  }
}
