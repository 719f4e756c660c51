// A Terraform state (azurerm 3.x/4.x) of one Linux VM in West Europe: a resource group, a virtual
// network with a web and a data subnet, the VM's NIC and public IP, a network security group on
// the NIC (an inline SSH rule from 10/8, an inline deny, a standalone HTTPS rule from the Internet
// and one from the AzureLoadBalancer service tag), a second group on the data subnet only, a public
// load balancer with one rule, and a PostgreSQL flexible server.

const provider = 'provider["registry.terraform.io/hashicorp/azurerm"]';
const sub = '/subscriptions/00000000-1111-2222-3333-444444444444';
const rg = `${sub}/resourceGroups/rg-shop`;
const net = `${rg}/providers/Microsoft.Network`;

export const azureIds = {
  vnet: `${net}/virtualNetworks/vnet-shop`,
  webSubnet: `${net}/virtualNetworks/vnet-shop/subnets/snet-web`,
  dataSubnet: `${net}/virtualNetworks/vnet-shop/subnets/snet-data`,
  nic: `${net}/networkInterfaces/nic-web-1`,
  vmPublicIp: `${net}/publicIPAddresses/pip-web-1`,
  lbPublicIp: `${net}/publicIPAddresses/pip-lb-web`,
  nsgWeb: `${net}/networkSecurityGroups/nsg-web`,
  nsgData: `${net}/networkSecurityGroups/nsg-data`,
  lb: `${net}/loadBalancers/lb-web`,
  vm: `${rg}/providers/Microsoft.Compute/virtualMachines/vm-web-1`,
  vmId: '3f1c2a9e-7b4d-4e21-9c55-0d8e6f1a2b3c',
} as const;

function resource(type: string, name: string, attributes: Record<string, unknown>, schema = 0) {
  return { mode: 'managed', type, name, provider, instances: [{ schema_version: schema, attributes }] };
}

function rule(
  name: string,
  priority: number,
  access: string,
  port: string,
  source: string,
  protocol = 'Tcp',
): Record<string, unknown> {
  return {
    access,
    description: '',
    destination_address_prefix: '*',
    destination_address_prefixes: [],
    destination_application_security_group_ids: [],
    destination_port_range: port,
    destination_port_ranges: [],
    direction: 'Inbound',
    name,
    priority,
    protocol,
    source_address_prefix: source,
    source_address_prefixes: [],
    source_application_security_group_ids: [],
    source_port_range: '*',
    source_port_ranges: [],
  };
}

export const azureTerraformState = {
  version: 4,
  terraform_version: '1.8.4',
  serial: 7,
  lineage: 'c0ffee00-1234-4abc-9def-0123456789ab',
  outputs: {},
  resources: [
    resource('azurerm_resource_group', 'shop', { id: rg, location: 'westeurope', name: 'rg-shop', tags: {} }),
    resource('azurerm_virtual_network', 'shop', {
      address_space: ['10.30.0.0/16'],
      id: azureIds.vnet,
      location: 'westeurope',
      name: 'vnet-shop',
      resource_group_name: 'rg-shop',
      tags: { env: 'prod' },
    }),
    resource('azurerm_subnet', 'web', {
      address_prefixes: ['10.30.1.0/24'],
      id: azureIds.webSubnet,
      name: 'snet-web',
      resource_group_name: 'rg-shop',
      virtual_network_name: 'vnet-shop',
    }),
    resource('azurerm_subnet', 'data', {
      address_prefixes: ['10.30.2.0/24'],
      id: azureIds.dataSubnet,
      name: 'snet-data',
      resource_group_name: 'rg-shop',
      virtual_network_name: 'vnet-shop',
    }),
    resource('azurerm_public_ip', 'web', {
      allocation_method: 'Static',
      id: azureIds.vmPublicIp,
      ip_address: '20.50.1.10',
      location: 'westeurope',
      name: 'pip-web-1',
      resource_group_name: 'rg-shop',
      sku: 'Standard',
    }),
    resource('azurerm_public_ip', 'lb', {
      allocation_method: 'Static',
      id: azureIds.lbPublicIp,
      ip_address: '20.50.1.20',
      location: 'westeurope',
      name: 'pip-lb-web',
      resource_group_name: 'rg-shop',
      sku: 'Standard',
    }),
    resource('azurerm_network_interface', 'web', {
      id: azureIds.nic,
      ip_configuration: [
        {
          name: 'internal',
          primary: true,
          private_ip_address: '10.30.1.4',
          private_ip_address_allocation: 'Dynamic',
          private_ip_address_version: 'IPv4',
          public_ip_address_id: azureIds.vmPublicIp,
          subnet_id: azureIds.webSubnet,
        },
      ],
      location: 'westeurope',
      mac_address: '00-0D-3A-2B-4C-5D',
      name: 'nic-web-1',
      private_ip_address: '10.30.1.4',
      private_ip_addresses: ['10.30.1.4'],
      resource_group_name: 'rg-shop',
      virtual_machine_id: azureIds.vm,
    }),
    resource('azurerm_linux_virtual_machine', 'web', {
      admin_username: 'azureuser',
      computer_name: 'vm-web-1',
      id: azureIds.vm,
      location: 'westeurope',
      name: 'vm-web-1',
      network_interface_ids: [azureIds.nic],
      os_disk: [{ caching: 'ReadWrite', disk_size_gb: 30, storage_account_type: 'Premium_LRS' }],
      private_ip_address: '10.30.1.4',
      private_ip_addresses: ['10.30.1.4'],
      public_ip_address: '20.50.1.10',
      public_ip_addresses: ['20.50.1.10'],
      resource_group_name: 'rg-shop',
      size: 'Standard_B2s',
      source_image_reference: [
        {
          offer: '0001-com-ubuntu-server-jammy',
          publisher: 'Canonical',
          sku: '22_04-lts-gen2',
          version: 'latest',
        },
      ],
      tags: { env: 'prod', 'cost center': 'shop' },
      virtual_machine_id: azureIds.vmId,
    }),
    resource('azurerm_network_security_group', 'web', {
      id: azureIds.nsgWeb,
      location: 'westeurope',
      name: 'nsg-web',
      resource_group_name: 'rg-shop',
      security_rule: [
        rule('allow-ssh-internal', 100, 'Allow', '22', '10.0.0.0/8'),
        rule('deny-rdp', 200, 'Deny', '3389', '*'),
      ],
      tags: {},
    }),
    resource('azurerm_network_security_rule', 'https', {
      ...rule('allow-https', 110, 'Allow', '443', 'Internet'),
      id: `${azureIds.nsgWeb}/securityRules/allow-https`,
      network_security_group_name: 'nsg-web',
      resource_group_name: 'rg-shop',
    }),
    resource('azurerm_network_security_rule', 'probe', {
      ...rule('allow-lb-probe', 120, 'Allow', '8080', 'AzureLoadBalancer'),
      id: `${azureIds.nsgWeb}/securityRules/allow-lb-probe`,
      network_security_group_name: 'nsg-web',
      resource_group_name: 'rg-shop',
    }),
    resource('azurerm_network_interface_security_group_association', 'web', {
      id: `${azureIds.nic}|${azureIds.nsgWeb}`,
      network_interface_id: azureIds.nic,
      network_security_group_id: azureIds.nsgWeb,
    }),
    resource('azurerm_network_security_group', 'data', {
      id: azureIds.nsgData,
      location: 'westeurope',
      name: 'nsg-data',
      resource_group_name: 'rg-shop',
      security_rule: [
        {
          ...rule('allow-postgres', 100, 'Allow', '', '10.30.1.0/24'),
          destination_port_ranges: ['5432', '6432'],
        },
      ],
      tags: {},
    }),
    resource('azurerm_subnet_network_security_group_association', 'data', {
      id: azureIds.dataSubnet,
      network_security_group_id: azureIds.nsgData,
      subnet_id: azureIds.dataSubnet,
    }),
    resource('azurerm_lb', 'web', {
      frontend_ip_configuration: [
        {
          id: `${azureIds.lb}/frontendIPConfigurations/public`,
          name: 'public',
          private_ip_address: '',
          public_ip_address_id: azureIds.lbPublicIp,
          subnet_id: '',
        },
      ],
      id: azureIds.lb,
      location: 'westeurope',
      name: 'lb-web',
      resource_group_name: 'rg-shop',
      sku: 'Standard',
    }),
    resource('azurerm_lb_rule', 'https', {
      backend_port: 443,
      frontend_ip_configuration_name: 'public',
      frontend_port: 443,
      id: `${azureIds.lb}/loadBalancingRules/https`,
      loadbalancer_id: azureIds.lb,
      name: 'https',
      protocol: 'Tcp',
    }),
    resource('azurerm_postgresql_flexible_server', 'orders', {
      fqdn: 'psql-orders.postgres.database.azure.com',
      id: `${rg}/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-orders`,
      location: 'westeurope',
      name: 'psql-orders',
      public_network_access_enabled: false,
      resource_group_name: 'rg-shop',
      sku_name: 'GP_Standard_D2s_v3',
      version: '16',
    }),
  ],
};
