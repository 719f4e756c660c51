// A Terraform state (google provider 5.x) of a project in us-central1: a VPC network with one
// subnetwork, a web instance (network tag `web`, an external IP) and a batch instance, a firewall
// rule admitting 443 and 8080-8090 from anywhere to instances tagged `web` (and ICMP), one
// admitting SSH from 10.40.0.0/16 to every instance of the network, an egress rule, an external
// forwarding rule and a Cloud SQL PostgreSQL instance with one authorized network.

const provider = 'provider["registry.terraform.io/hashicorp/google"]';
const project = 'shop-prod';
const api = 'https://www.googleapis.com/compute/v1';

export const gcpIds = {
  project,
  network: `${api}/projects/${project}/global/networks/shop-vpc`,
  subnetwork: `${api}/projects/${project}/regions/us-central1/subnetworks/web-subnet`,
} as const;

function resource(type: string, name: string, attributes: Record<string, unknown>, schema = 0) {
  return { mode: 'managed', type, name, provider, instances: [{ schema_version: schema, attributes }] };
}

function computeInstance(name: string, id: string, ip: string, tags: string[], natIp?: string) {
  return resource(
    'google_compute_instance',
    name.replace(/^gcp-|-\d+$/g, ''),
    {
      id: `projects/${project}/zones/us-central1-a/instances/${name}`,
      instance_id: id,
      labels: { env: 'prod' },
      machine_type: 'e2-medium',
      name,
      network_interface: [
        {
          access_config: natIp
            ? [{ nat_ip: natIp, network_tier: 'PREMIUM', public_ptr_domain_name: '' }]
            : [],
          alias_ip_range: [],
          ipv6_access_config: [],
          name: 'nic0',
          network: gcpIds.network,
          network_ip: ip,
          stack_type: 'IPV4_ONLY',
          subnetwork: gcpIds.subnetwork,
          subnetwork_project: project,
        },
      ],
      project,
      self_link: `${api}/projects/${project}/zones/us-central1-a/instances/${name}`,
      service_account: [{ email: `${name}@${project}.iam.gserviceaccount.com`, scopes: ['cloud-platform'] }],
      tags,
      zone: 'us-central1-a',
    },
    6,
  );
}

function firewall(name: string, attributes: Record<string, unknown>) {
  return resource(
    'google_compute_firewall',
    name.replace(/-/g, '_'),
    {
      allow: [],
      deny: [],
      description: '',
      destination_ranges: [],
      direction: 'INGRESS',
      disabled: false,
      id: `projects/${project}/global/firewalls/${name}`,
      name,
      network: gcpIds.network,
      priority: 1000,
      project,
      source_ranges: [],
      source_service_accounts: [],
      source_tags: [],
      target_service_accounts: [],
      target_tags: [],
      ...attributes,
    },
    1,
  );
}

export const gcpTerraformState = {
  version: 4,
  terraform_version: '1.9.0',
  serial: 3,
  lineage: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
  outputs: {},
  resources: [
    resource('google_compute_network', 'vpc', {
      auto_create_subnetworks: false,
      id: `projects/${project}/global/networks/shop-vpc`,
      name: 'shop-vpc',
      project,
      self_link: gcpIds.network,
    }),
    resource('google_compute_subnetwork', 'web', {
      id: `projects/${project}/regions/us-central1/subnetworks/web-subnet`,
      ip_cidr_range: '10.40.1.0/24',
      name: 'web-subnet',
      network: gcpIds.network,
      project,
      region: 'us-central1',
      secondary_ip_range: [],
      self_link: gcpIds.subnetwork,
    }),
    computeInstance('gcp-web-1', '4567891234567891234', '10.40.1.5', ['web', 'http-server'], '35.192.0.10'),
    computeInstance('gcp-batch-1', '4567891234567890000', '10.40.1.6', ['batch']),
    firewall('allow-https', {
      allow: [
        { ports: ['443', '8080-8090'], protocol: 'tcp' },
        { ports: [], protocol: 'icmp' },
      ],
      source_ranges: ['0.0.0.0/0'],
      target_tags: ['web'],
    }),
    firewall('allow-internal-ssh', {
      allow: [{ ports: ['22'], protocol: 'tcp' }],
      priority: 65534,
      source_ranges: ['10.40.0.0/16'],
    }),
    firewall('egress-all', {
      allow: [{ ports: [], protocol: 'all' }],
      destination_ranges: ['0.0.0.0/0'],
      direction: 'EGRESS',
    }),
    resource('google_compute_forwarding_rule', 'web', {
      all_ports: false,
      id: `projects/${project}/regions/us-central1/forwardingRules/web-lb`,
      ip_address: '34.120.0.5',
      ip_protocol: 'TCP',
      load_balancing_scheme: 'EXTERNAL',
      name: 'web-lb',
      port_range: '443-443',
      ports: [],
      project,
      region: 'us-central1',
    }),
    resource('google_sql_database_instance', 'orders', {
      database_version: 'POSTGRES_15',
      id: 'orders-sql',
      ip_address: [{ ip_address: '34.121.0.7', type: 'PRIMARY' }],
      name: 'orders-sql',
      project,
      public_ip_address: '34.121.0.7',
      region: 'us-central1',
      settings: [
        {
          ip_configuration: [
            {
              authorized_networks: [{ expiration_time: '', name: 'office', value: '203.0.113.0/24' }],
              ipv4_enabled: true,
              private_network: '',
            },
          ],
          tier: 'db-custom-2-7680',
        },
      ],
    }),
  ],
};
