// A Terraform state (format version 4, AWS provider 5.x) of a small shop in eu-west-1: a VPC with
// a public and a private subnet, two web instances (in module.app) and a PostgreSQL instance, a
// web security group open to the internet on 443 (plus SSH from 10/8 as a separate rule and ICMP
// from the VPC), a db group admitting 5432 from the web group, an internet-facing ALB with two
// listeners, an RDS instance (in module.data), a data source and a resource type the importer does
// not map. aws/aws-describe.fixture.ts is the AWS CLI's view of the same instances and groups.

const provider = 'provider["registry.terraform.io/hashicorp/aws"]';
const account = '123456789012';

export const awsIds = {
  account,
  vpc: 'vpc-0a1b2c3d4e5f60718',
  publicSubnet: 'subnet-0aa11bb22cc33dd44',
  privateSubnet: 'subnet-0ee55ff66aa77bb88',
  webGroup: 'sg-0123456789abcdef0',
  dbGroup: 'sg-0fedcba9876543210',
  web1: 'i-0a1b2c3d4e5f00001',
  web2: 'i-0a1b2c3d4e5f00002',
  pg: 'i-0a1b2c3d4e5f00003',
  albArn: `arn:aws:elasticloadbalancing:eu-west-1:${account}:loadbalancer/app/prod-web/50dc6c495c0c9188`,
} as const;

function instance(
  id: string,
  options: {
    type: string;
    ip: string;
    publicIp: string;
    subnet: string;
    zone: string;
    group: string;
    tags: Record<string, string>;
    cores: number;
    threads: number;
  },
) {
  return {
    schema_version: 1,
    attributes: {
      ami: 'ami-0694d931cee176e7d',
      arn: `arn:aws:ec2:eu-west-1:${account}:instance/${id}`,
      associate_public_ip_address: options.publicIp !== '',
      availability_zone: options.zone,
      cpu_core_count: options.cores,
      cpu_options: [{ amd_sev_snp: '', core_count: options.cores, threads_per_core: options.threads }],
      cpu_threads_per_core: options.threads,
      id,
      instance_state: 'running',
      instance_type: options.type,
      ipv6_address_count: 0,
      ipv6_addresses: [],
      key_name: 'deploy',
      primary_network_interface_id: `eni-${id.slice(2)}`,
      private_dns: `ip-${options.ip.replace(/\./g, '-')}.eu-west-1.compute.internal`,
      private_ip: options.ip,
      public_dns:
        options.publicIp === ''
          ? ''
          : `ec2-${options.publicIp.replace(/\./g, '-')}.eu-west-1.compute.amazonaws.com`,
      public_ip: options.publicIp,
      secondary_private_ips: [],
      security_groups: [],
      subnet_id: options.subnet,
      tags: options.tags,
      tags_all: options.tags,
      tenancy: 'default',
      vpc_security_group_ids: [options.group],
    },
    sensitive_attributes: [],
    private: 'eyJzY2hlbWFfdmVyc2lvbiI6IjEifQ==',
  };
}

export const awsTerraformState = {
  version: 4,
  terraform_version: '1.9.5',
  serial: 42,
  lineage: '8d3f1a4e-6c1b-4b8e-9d2a-0f7e5c3b2a19',
  outputs: {
    alb_dns_name: { value: 'prod-web-1234567890.eu-west-1.elb.amazonaws.com', type: 'string' },
  },
  resources: [
    {
      mode: 'data',
      type: 'aws_ami',
      name: 'ubuntu',
      provider,
      instances: [
        { schema_version: 0, attributes: { id: 'ami-0694d931cee176e7d', name: 'ubuntu-jammy-22.04' } },
      ],
    },
    {
      mode: 'managed',
      type: 'aws_vpc',
      name: 'main',
      provider,
      instances: [
        {
          schema_version: 1,
          attributes: {
            arn: `arn:aws:ec2:eu-west-1:${account}:vpc/${awsIds.vpc}`,
            cidr_block: '10.20.0.0/16',
            enable_dns_hostnames: true,
            id: awsIds.vpc,
            ipv6_cidr_block: '',
            tags: { Name: 'prod-vpc', Environment: 'prod' },
            tags_all: { Name: 'prod-vpc', Environment: 'prod' },
          },
        },
      ],
    },
    {
      mode: 'managed',
      type: 'aws_subnet',
      name: 'public',
      provider,
      instances: [
        {
          schema_version: 1,
          attributes: {
            arn: `arn:aws:ec2:eu-west-1:${account}:subnet/${awsIds.publicSubnet}`,
            availability_zone: 'eu-west-1a',
            availability_zone_id: 'euw1-az1',
            cidr_block: '10.20.1.0/24',
            id: awsIds.publicSubnet,
            ipv6_cidr_block: '2a05:d018:84c:5e01::/64',
            map_public_ip_on_launch: true,
            tags: { Name: 'public-a' },
            tags_all: { Name: 'public-a' },
            vpc_id: awsIds.vpc,
          },
        },
      ],
    },
    {
      mode: 'managed',
      type: 'aws_subnet',
      name: 'private',
      provider,
      instances: [
        {
          schema_version: 1,
          attributes: {
            arn: `arn:aws:ec2:eu-west-1:${account}:subnet/${awsIds.privateSubnet}`,
            availability_zone: 'eu-west-1b',
            cidr_block: '10.20.2.0/24',
            id: awsIds.privateSubnet,
            ipv6_cidr_block: null,
            map_public_ip_on_launch: false,
            tags: { Name: 'private-b' },
            tags_all: { Name: 'private-b' },
            vpc_id: awsIds.vpc,
          },
        },
      ],
    },
    {
      mode: 'managed',
      type: 'aws_security_group',
      name: 'web',
      provider,
      instances: [
        {
          schema_version: 1,
          attributes: {
            arn: `arn:aws:ec2:eu-west-1:${account}:security-group/${awsIds.webGroup}`,
            description: 'web servers',
            egress: [
              {
                cidr_blocks: ['0.0.0.0/0'],
                description: '',
                from_port: 0,
                ipv6_cidr_blocks: [],
                prefix_list_ids: [],
                protocol: '-1',
                security_groups: [],
                self: false,
                to_port: 0,
              },
            ],
            id: awsIds.webGroup,
            ingress: [
              {
                cidr_blocks: ['0.0.0.0/0'],
                description: 'HTTPS',
                from_port: 443,
                ipv6_cidr_blocks: ['::/0'],
                prefix_list_ids: [],
                protocol: 'tcp',
                security_groups: [],
                self: false,
                to_port: 443,
              },
              {
                cidr_blocks: ['10.20.0.0/16'],
                description: 'ping from the VPC',
                from_port: -1,
                ipv6_cidr_blocks: [],
                prefix_list_ids: [],
                protocol: 'icmp',
                security_groups: [],
                self: false,
                to_port: -1,
              },
            ],
            name: 'web',
            owner_id: account,
            tags: {},
            tags_all: {},
            vpc_id: awsIds.vpc,
          },
        },
      ],
    },
    {
      mode: 'managed',
      type: 'aws_security_group',
      name: 'db',
      provider,
      instances: [
        {
          schema_version: 1,
          attributes: {
            arn: `arn:aws:ec2:eu-west-1:${account}:security-group/${awsIds.dbGroup}`,
            description: 'databases',
            egress: [],
            id: awsIds.dbGroup,
            ingress: [
              {
                cidr_blocks: [],
                description: 'PostgreSQL from the web servers',
                from_port: 5432,
                ipv6_cidr_blocks: [],
                prefix_list_ids: [],
                protocol: 'tcp',
                security_groups: [awsIds.webGroup],
                self: false,
                to_port: 5432,
              },
            ],
            name: 'db',
            owner_id: account,
            tags: {},
            tags_all: {},
            vpc_id: awsIds.vpc,
          },
        },
      ],
    },
    {
      module: 'module.app',
      mode: 'managed',
      type: 'aws_security_group_rule',
      name: 'ssh',
      provider,
      instances: [
        {
          schema_version: 2,
          attributes: {
            cidr_blocks: ['10.0.0.0/8'],
            description: 'SSH from the office network',
            from_port: 22,
            id: 'sgrule-2718281828',
            ipv6_cidr_blocks: null,
            prefix_list_ids: null,
            protocol: 'tcp',
            security_group_id: awsIds.webGroup,
            security_group_rule_id: 'sgr-0b1c2d3e4f5a6b7c8',
            self: false,
            source_security_group_id: null,
            to_port: 22,
            type: 'ingress',
          },
        },
      ],
    },
    {
      module: 'module.app',
      mode: 'managed',
      type: 'aws_instance',
      name: 'web',
      provider,
      instances: [
        {
          index_key: 0,
          ...instance(awsIds.web1, {
            type: 't3.medium',
            ip: '10.20.1.10',
            publicIp: '34.240.10.1',
            subnet: awsIds.publicSubnet,
            zone: 'eu-west-1a',
            group: awsIds.webGroup,
            tags: { Name: 'web-1', Role: 'web', 'Cost Center': 'shop' },
            cores: 1,
            threads: 2,
          }),
        },
        {
          index_key: 1,
          ...instance(awsIds.web2, {
            type: 't3.medium',
            ip: '10.20.1.11',
            publicIp: '34.240.10.2',
            subnet: awsIds.publicSubnet,
            zone: 'eu-west-1a',
            group: awsIds.webGroup,
            tags: { Name: 'web-2', Role: 'web', 'Cost Center': 'shop' },
            cores: 1,
            threads: 2,
          }),
        },
      ],
    },
    {
      mode: 'managed',
      type: 'aws_instance',
      name: 'pg',
      provider,
      instances: [
        instance(awsIds.pg, {
          type: 'r6g.large',
          ip: '10.20.2.20',
          publicIp: '',
          subnet: awsIds.privateSubnet,
          zone: 'eu-west-1b',
          group: awsIds.dbGroup,
          tags: { Name: 'pg-1', Role: 'database' },
          cores: 2,
          threads: 1,
        }),
      ],
    },
    {
      mode: 'managed',
      type: 'aws_lb',
      name: 'web',
      provider,
      instances: [
        {
          schema_version: 0,
          attributes: {
            arn: awsIds.albArn,
            dns_name: 'prod-web-1234567890.eu-west-1.elb.amazonaws.com',
            id: awsIds.albArn,
            internal: false,
            ip_address_type: 'ipv4',
            load_balancer_type: 'application',
            name: 'prod-web',
            security_groups: [awsIds.webGroup],
            subnet_mapping: [{ allocation_id: '', private_ipv4_address: '', subnet_id: awsIds.publicSubnet }],
            subnets: [awsIds.publicSubnet],
            tags: { Name: 'prod-web' },
            tags_all: { Name: 'prod-web' },
            vpc_id: awsIds.vpc,
          },
        },
      ],
    },
    {
      mode: 'managed',
      type: 'aws_lb_listener',
      name: 'https',
      provider,
      instances: [
        {
          schema_version: 0,
          attributes: {
            arn: `${awsIds.albArn.replace(':loadbalancer/', ':listener/')}/f1e2d3c4b5a69788`,
            certificate_arn: `arn:aws:acm:eu-west-1:${account}:certificate/4b7a9c1e-0000-4000-8000-123456789abc`,
            load_balancer_arn: awsIds.albArn,
            port: 443,
            protocol: 'HTTPS',
            ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          },
        },
      ],
    },
    {
      mode: 'managed',
      type: 'aws_lb_listener',
      name: 'http',
      provider,
      instances: [
        {
          schema_version: 0,
          attributes: {
            arn: `${awsIds.albArn.replace(':loadbalancer/', ':listener/')}/0a9b8c7d6e5f4a3b`,
            load_balancer_arn: awsIds.albArn,
            port: 80,
            protocol: 'HTTP',
          },
        },
      ],
    },
    {
      module: 'module.data',
      mode: 'managed',
      type: 'aws_db_instance',
      name: 'orders',
      provider,
      instances: [
        {
          schema_version: 2,
          attributes: {
            address: 'orders-db.c9akciq32.eu-west-1.rds.amazonaws.com',
            arn: `arn:aws:rds:eu-west-1:${account}:db:orders-db`,
            availability_zone: 'eu-west-1b',
            db_subnet_group_name: 'prod-db',
            engine: 'postgres',
            engine_version: '16.3',
            id: 'db-ABCDEFGHIJKLMNOPQRSTUVWXY',
            identifier: 'orders-db',
            instance_class: 'db.t4g.medium',
            port: 5432,
            publicly_accessible: false,
            tags: { Name: 'orders-db', Team: 'checkout' },
            tags_all: { Name: 'orders-db', Team: 'checkout' },
            vpc_security_group_ids: [awsIds.dbGroup],
          },
        },
      ],
    },
    {
      mode: 'managed',
      type: 'aws_s3_bucket',
      name: 'logs',
      provider,
      instances: [{ schema_version: 0, attributes: { bucket: 'prod-shop-logs', id: 'prod-shop-logs' } }],
    },
  ],
  check_results: null,
};
