import { describe, expect, it } from 'vitest';
import type { RelationInput } from '../../../model/index.js';
import { twinAttackModel } from '../../../security/index.js';
import { applyToTwin } from '../aws/apply-to-twin.fixture.js';
import type { InventoryImport } from '../inventory-import.js';
import { azureIdParts } from './azure-resources.js';
import { azureIds, azureTerraformState } from './azure-state.fixture.js';
import { terraformInventory } from './terraform-mapping.js';

const entity = (result: InventoryImport, id: string) => result.document.entities.find((e) => e.id === id);
const show = (relation: RelationInput) =>
  `${relation.type} ${relation.from} -> ${relation.to}${relation.key ? ` #${relation.key}` : ''}${
    relation.props?.ports ? ` ${relation.props.protocol}/${relation.props.ports}` : ''
  }`;

const webSubnet = 'network-segment:azure/rg-shop/vnet-shop/snet-web';
const dataSubnet = 'network-segment:azure/rg-shop/vnet-shop/snet-data';

describe('Azure resources', () => {
  const result = terraformInventory(azureTerraformState, { name: 'azure' });

  it('parses resource ids case-insensitively', () => {
    expect(azureIdParts(azureIds.webSubnet.replace('resourceGroups', 'resourcegroups'))).toEqual({
      resourceGroup: 'rg-shop',
      names: [
        ['virtualnetworks', 'vnet-shop'],
        ['subnets', 'snet-web'],
      ],
    });
  });

  it('maps a VM by the last segment of its id, with size, addresses and os', () => {
    expect(entity(result, 'cloud-instance:vm-web-1')).toEqual({
      id: 'cloud-instance:vm-web-1',
      kind: 'cloud-instance',
      name: 'vm-web-1',
      labels: { 'cost-center': 'shop', env: 'prod', 'resource-group': 'rg-shop' },
      props: {
        instanceId: azureIds.vmId,
        instanceType: 'Standard_B2s',
        ipAddresses: ['10.30.1.4', '20.50.1.10'],
        os: 'linux',
      },
    });
  });

  it('maps virtual networks and subnets to segments that are open inside', () => {
    expect(entity(result, webSubnet)).toEqual({
      id: webSubnet,
      kind: 'network-segment',
      name: 'snet-web',
      labels: { vnet: 'vnet-shop', 'resource-group': 'rg-shop' },
      props: { cidrs: ['10.30.1.0/24'] },
    });
    expect(entity(result, 'network-segment:azure/rg-shop/vnet-shop')?.props).toEqual({
      cidrs: ['10.30.0.0/16'],
    });
  });

  it('relates the VM to its region and its NIC’s subnet, and the NSG rules to the VM', () => {
    const relations = result.document.relations.map(show);
    expect(relations).toEqual([
      'allows network-segment:10.0.0.0/8 -> cloud-instance:vm-web-1 #rg-shop/nsg-web:tcp:22 tcp/22',
      `allows network-segment:10.30.1.0/24 -> ${dataSubnet} #rg-shop/nsg-data:tcp:5432,6432 tcp/5432,6432`,
      'allows network-segment:internet -> cloud-instance:vm-web-1 #rg-shop/nsg-web:tcp:443 tcp/443',
      'allows network-segment:internet -> load-balancer:lb-web #listener:tcp:443 tcp/443',
      'contains cloud-region:azure/westeurope -> cloud-instance:vm-web-1',
      'contains cloud-region:azure/westeurope -> database:psql-orders',
      'contains cloud-region:azure/westeurope -> load-balancer:lb-web',
      `contains ${webSubnet} -> cloud-instance:vm-web-1`,
    ]);
  });

  it('skips deny rules and service-tag sources, saying so', () => {
    expect(result.counts['rules skipped: deny']).toBe(1);
    expect(result.counts['rule sources skipped: service tag']).toBe(1);
    expect(result.counts['ignored:azurerm_resource_group']).toBe(1);
    expect(result.problems).toEqual([
      {
        path: 'resources[10].instances[0].attributes.source_address_prefix',
        message:
          "service tag 'AzureLoadBalancer' is not an address range the twin can place: source left out",
      },
    ]);
  });

  it('applies a group to its subnet when no NIC carries it', () => {
    const state = structuredClone(azureTerraformState);
    state.resources = state.resources.filter(
      (resource) => resource.type !== 'azurerm_network_interface_security_group_association',
    );
    state.resources.push({
      mode: 'managed',
      type: 'azurerm_subnet_network_security_group_association',
      name: 'web',
      provider: 'provider["registry.terraform.io/hashicorp/azurerm"]',
      instances: [
        {
          schema_version: 0,
          attributes: {
            id: azureIds.webSubnet,
            network_security_group_id: azureIds.nsgWeb,
            subnet_id: azureIds.webSubnet,
          },
        },
      ],
    });
    const relations = terraformInventory(state, { name: 'azure' }).document.relations.map(show);
    expect(relations).toContain(
      `allows network-segment:internet -> ${webSubnet} #rg-shop/nsg-web:tcp:443 tcp/443`,
    );
    expect(relations.filter((relation) => relation.includes('-> cloud-instance:vm-web-1 #'))).toEqual([]);
  });

  it('maps the load balancer and the database', () => {
    expect(entity(result, 'load-balancer:lb-web')).toMatchObject({
      labels: { scheme: 'internet-facing', sku: 'Standard' },
      props: { ipAddresses: ['20.50.1.20'] },
    });
    expect(entity(result, 'database:psql-orders')).toEqual({
      id: 'database:psql-orders',
      kind: 'database',
      name: 'psql-orders',
      labels: { 'dns-name': 'psql-orders.postgres.database.azure.com', 'engine-version': '16' },
      props: { engine: 'postgresql', port: 5432 },
    });
  });

  it('takes a VM’s id from vm_id when the resource id is missing', () => {
    const state = {
      version: 4,
      resources: [
        {
          mode: 'managed',
          type: 'azurerm_windows_virtual_machine',
          name: 'x',
          instances: [
            { attributes: { vm_id: '9b1d6c2e-0000-4000-8000-000000000001', size: 'Standard_D2s_v5' } },
          ],
        },
      ],
    };
    const vm = terraformInventory(state, { name: 'x' }).document.entities[0];
    expect(vm).toMatchObject({
      id: 'cloud-instance:9b1d6c2e-0000-4000-8000-000000000001',
      props: { os: 'windows', instanceType: 'Standard_D2s_v5' },
    });
  });

  it('lets the attack graph reach the VM from the internet on 443', async () => {
    const twin = await applyToTwin(result);
    const { model, problems } = twinAttackModel(twin.live);
    expect(problems).toEqual([]);
    const reach = model.reach.map(
      (rule) => `${Object.values(rule.from)[0]} -> ${Object.values(rule.to)[0]} ${rule.ports}`,
    );
    expect(reach).toContain('network-segment:internet -> cloud-instance:vm-web-1 tcp/443');
  });
});
