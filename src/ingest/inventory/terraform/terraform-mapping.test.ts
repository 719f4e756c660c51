import { describe, expect, it } from 'vitest';
import { isValidEntityId, type RelationInput } from '../../../model/index.js';
import { twinAttackModel } from '../../../security/index.js';
import { applyToTwin } from '../aws/apply-to-twin.fixture.js';
import {
  describeInstances,
  describeSecurityGroups,
  describeSubnets,
  describeVpcs,
} from '../aws/aws-describe.fixture.js';
import { awsInventory } from '../aws/index.js';
import type { InventoryImport } from '../inventory-import.js';
import { awsIds, awsTerraformState } from './aws-state.fixture.js';
import { azureTerraformState } from './azure-state.fixture.js';
import { gcpTerraformState } from './gcp-state.fixture.js';
import { terraformInventory } from './terraform-mapping.js';

const entity = (result: InventoryImport, id: string) => result.document.entities.find((e) => e.id === id);
const show = (relation: RelationInput) =>
  `${relation.type} ${relation.from} -> ${relation.to}${relation.key ? ` #${relation.key}` : ''}${
    relation.props?.ports ? ` ${relation.props.protocol}/${relation.props.ports}` : ''
  }`;

describe('terraformInventory on an AWS state', () => {
  const result = terraformInventory(awsTerraformState, { name: 'prod.tfstate' });

  it('names the source after the file and counts what it read and ignored', () => {
    expect(result.document.source).toBe('terraform:prod.tfstate');
    expect(result.problems).toEqual([]);
    expect(result.counts).toEqual({
      'data sources': 1,
      aws_vpc: 1,
      aws_subnet: 2,
      aws_security_group: 2,
      aws_security_group_rule: 1,
      aws_instance: 3,
      aws_lb: 1,
      aws_lb_listener: 2,
      aws_db_instance: 1,
      'ignored:aws_s3_bucket': 1,
      'egress rules ignored': 1,
      'rules skipped: icmp': 1,
    });
  });

  it('maps instances, those in modules included, with props, labels and name', () => {
    expect(entity(result, `cloud-instance:${awsIds.web2}`)).toEqual({
      id: `cloud-instance:${awsIds.web2}`,
      kind: 'cloud-instance',
      name: 'web-2',
      labels: { 'Cost-Center': 'shop', Role: 'web' },
      props: {
        instanceId: awsIds.web2,
        instanceType: 't3.medium',
        ipAddresses: ['10.20.1.11', '34.240.10.2'],
        cpuCores: 2,
      },
    });
    expect(entity(result, `cloud-instance:${awsIds.pg}`)?.props?.cpuCores).toBe(2);
  });

  it('maps the load balancer, its listeners, and the RDS instance', () => {
    expect(entity(result, 'load-balancer:prod-web')).toEqual({
      id: 'load-balancer:prod-web',
      kind: 'load-balancer',
      name: 'prod-web',
      labels: {
        'dns-name': 'prod-web-1234567890.eu-west-1.elb.amazonaws.com',
        'load-balancer-type': 'application',
        scheme: 'internet-facing',
      },
    });
    expect(entity(result, 'database:orders-db')).toEqual({
      id: 'database:orders-db',
      kind: 'database',
      name: 'orders-db',
      labels: { Team: 'checkout' },
      props: { engine: 'postgres', port: 5432 },
    });
  });

  it('relates regions, subnets, rules and listeners', () => {
    const relations = result.document.relations.map(show);
    const web1 = `cloud-instance:${awsIds.web1}`;
    const pg = `cloud-instance:${awsIds.pg}`;
    expect(relations).toEqual(
      expect.arrayContaining([
        `contains cloud-region:aws/eu-west-1 -> ${web1}`,
        'contains cloud-region:aws/eu-west-1 -> database:orders-db',
        'contains cloud-region:aws/eu-west-1 -> load-balancer:prod-web',
        `contains network-segment:${awsIds.publicSubnet} -> ${web1}`,
        `contains network-segment:${awsIds.privateSubnet} -> ${pg}`,
        `allows network-segment:internet -> ${web1} #${awsIds.webGroup}:tcp:443 tcp/443`,
        `allows network-segment:10.0.0.0/8 -> ${web1} #${awsIds.webGroup}:tcp:22 tcp/22`,
        `allows ${web1} -> ${pg} #${awsIds.dbGroup}:tcp:5432 tcp/5432`,
        `allows ${web1} -> database:orders-db #${awsIds.dbGroup}:tcp:5432 tcp/5432`,
        `allows load-balancer:prod-web -> ${pg} #${awsIds.dbGroup}:tcp:5432 tcp/5432`,
        'allows network-segment:internet -> load-balancer:prod-web #listener:tcp:443 tcp/443',
        'allows network-segment:internet -> load-balancer:prod-web #listener:tcp:80 tcp/80',
      ]),
    );
    expect(relations).toHaveLength(20);
  });

  it('exposes a publicly accessible database on its port', () => {
    const state = structuredClone(awsTerraformState);
    const db = state.resources.find((resource) => resource.type === 'aws_db_instance');
    (db?.instances[0]?.attributes as Record<string, unknown>).publicly_accessible = true;
    const relations = terraformInventory(state, { name: 'x' }).document.relations.map(show);
    expect(relations).toContain(
      'allows network-segment:internet -> database:orders-db #publicly-accessible:tcp:5432 tcp/5432',
    );
  });

  it('reads per-rule resources, classic ELBs and Aurora clusters, and counts egress rules', async () => {
    const managed = (type: string, name: string, attributes: Record<string, unknown>) => ({
      mode: 'managed',
      type,
      name,
      instances: [{ schema_version: 0, attributes }],
    });
    const state = {
      version: 4,
      resources: [
        managed('aws_instance', 'api', {
          id: 'i-0api',
          arn: 'arn:aws:ec2:us-west-2:111122223333:instance/i-0api',
          private_ip: '10.9.0.5',
          cpu_core_count: 4,
          cpu_threads_per_core: 2,
          security_groups: ['api'],
        }),
        managed('aws_security_group', 'api', { id: 'sg-0api', name: 'api', ingress: [], egress: [] }),
        managed('aws_vpc_security_group_ingress_rule', 'https', {
          security_group_id: 'sg-0api',
          ip_protocol: 'tcp',
          from_port: 8443,
          to_port: 8443,
          cidr_ipv6: '::/0',
        }),
        managed('aws_vpc_security_group_ingress_rule', 'all', {
          security_group_id: 'sg-0api',
          ip_protocol: '-1',
          from_port: null,
          to_port: null,
          referenced_security_group_id: 'sg-0lb',
        }),
        managed('aws_vpc_security_group_egress_rule', 'out', {
          security_group_id: 'sg-0api',
          ip_protocol: '-1',
        }),
        managed('aws_security_group_rule', 'out', {
          type: 'egress',
          security_group_id: 'sg-0api',
          protocol: '-1',
        }),
        managed('aws_elb', 'legacy', {
          name: 'legacy-elb',
          arn: 'arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/legacy-elb',
          internal: false,
          listener: [{ instance_port: 8080, instance_protocol: 'http', lb_port: 80, lb_protocol: 'http' }],
          security_groups: ['sg-0lb'],
        }),
        managed('aws_rds_cluster', 'reports', {
          cluster_identifier: 'reports-aurora',
          arn: 'arn:aws:rds:us-west-2:111122223333:cluster:reports-aurora',
          engine: 'aurora-postgresql',
          port: 5432,
          vpc_security_group_ids: ['sg-0api'],
        }),
      ],
    };
    const mapped = terraformInventory(state, { name: 'west' });
    expect(mapped.problems).toEqual([]);
    expect(mapped.counts['egress rules ignored']).toBe(2);
    expect(entity(mapped, 'cloud-instance:i-0api')?.props).toEqual({
      instanceId: 'i-0api',
      ipAddresses: ['10.9.0.5'],
      cpuCores: 8,
    });
    expect(entity(mapped, 'database:reports-aurora')?.props).toEqual({
      engine: 'aurora-postgresql',
      port: 5432,
    });
    expect(mapped.document.relations.filter((r) => r.type === 'allows').map(show)).toEqual([
      'allows load-balancer:legacy-elb -> cloud-instance:i-0api #sg-0api:any:* any/*',
      'allows load-balancer:legacy-elb -> database:reports-aurora #sg-0api:any:* any/*',
      'allows network-segment:internet -> cloud-instance:i-0api #sg-0api:tcp:8443 tcp/8443',
      'allows network-segment:internet -> database:reports-aurora #sg-0api:tcp:8443 tcp/8443',
      'allows network-segment:internet -> load-balancer:legacy-elb #listener:tcp:80 tcp/80',
    ]);
    await applyToTwin(mapped);
  });

  it('gives the same entities as the AWS CLI for the same instances, subnets, VPC and rules', () => {
    const cli = awsInventory({
      instances: describeInstances,
      securityGroups: describeSecurityGroups,
      subnets: describeSubnets,
      vpcs: describeVpcs,
    });
    for (const seen of cli.document.entities) expect(entity(result, seen.id), seen.id).toEqual(seen);
    const fromTerraform = new Set(result.document.relations.map(show));
    for (const relation of cli.document.relations)
      expect(fromTerraform.has(show(relation)), show(relation)).toBe(true);
  });

  it('keeps the rest of a state with malformed resources, reporting each by path', async () => {
    const state = structuredClone(awsTerraformState) as { resources: unknown[] };
    const web = state.resources[7] as { instances: Array<{ attributes: Record<string, unknown> }> };
    (web.instances[0] as { attributes: Record<string, unknown> }).attributes.instance_type = 3;
    (web.instances[1] as { attributes: Record<string, unknown> }).attributes.id = null;
    state.resources[3] = { mode: 'managed', type: 'aws_subnet', instances: [] };
    const broken = terraformInventory(state, { name: 'broken' });
    expect(broken.problems).toEqual([
      { path: 'resources[3].name', message: 'must be a resource name: resource skipped' },
      {
        path: 'resources[7].instances[0].attributes.instance_type',
        message: 'must be a string, found number 3',
      },
      { path: 'resources[7].instances[1].attributes.id', message: 'is required' },
    ]);
    expect(entity(broken, `cloud-instance:${awsIds.web1}`)?.props).not.toHaveProperty('instanceType');
    expect(entity(broken, `cloud-instance:${awsIds.web2}`)).toBeUndefined();
    expect(entity(broken, `cloud-instance:${awsIds.pg}`)).toBeDefined();
    // The private subnet is gone from the state; pg's membership keeps a segment standing for it.
    expect(entity(broken, `network-segment:${awsIds.privateSubnet}`)?.props).toEqual({ isolated: true });
    await applyToTwin(broken);
  });

  it('gives the attack graph reach from the internet to the web servers and the ALB', async () => {
    const twin = await applyToTwin(result);
    const { model, problems } = twinAttackModel(twin.live);
    expect(problems).toEqual([]);
    const reach = model.reach.map(
      (rule) => `${Object.values(rule.from)[0]} -> ${Object.values(rule.to)[0]} ${rule.ports}`,
    );
    expect(reach).toEqual(
      expect.arrayContaining([
        `network-segment:internet -> cloud-instance:${awsIds.web1} tcp/443`,
        'network-segment:internet -> load-balancer:prod-web tcp/80',
        `network-segment:10.0.0.0/8 -> cloud-instance:${awsIds.web2} tcp/22`,
      ]),
    );
  });
});

describe('terraformInventory on any state', () => {
  const states = { aws: awsTerraformState, azure: azureTerraformState, gcp: gcpTerraformState };

  it.each(Object.entries(states))(
    '%s: applies to a twin, with valid ids, idempotently',
    async (name, state) => {
      const first = terraformInventory(state, { name });
      expect(terraformInventory(structuredClone(state), { name })).toEqual(first);
      const ids = [
        ...first.document.entities.map((e) => e.id),
        ...first.document.relations.flatMap((r) => [r.from, r.to]),
      ];
      for (const id of ids) expect(isValidEntityId(id), id).toBe(true);
      const twin = await applyToTwin(first);
      expect(twin.counts.relations).toBe(first.document.relations.length);
      const again = await twin.apply({
        actor: 'test',
        source: first.document.source,
        ops: [
          ...first.document.entities.map((e) => ({ op: 'upsert-entity' as const, entity: e })),
          ...first.document.relations.map((r) => ({ op: 'upsert-relation' as const, relation: r })),
        ],
      });
      expect(again).toBeNull();
    },
  );

  it('applies a state holding all three clouds at once', async () => {
    const all = {
      version: 4,
      resources: [
        ...awsTerraformState.resources,
        ...azureTerraformState.resources,
        ...gcpTerraformState.resources,
      ],
    };
    const result = terraformInventory(all, { name: ' multi cloud ' });
    expect(result.document.source).toBe('terraform:multi-cloud');
    const regions = result.document.entities.filter((e) => e.kind === 'cloud-region').map((e) => e.id);
    expect(regions).toEqual([
      'cloud-region:aws/eu-west-1',
      'cloud-region:azure/westeurope',
      'cloud-region:gcp/us-central1',
    ]);
    await applyToTwin(result);
  });

  it('rejects a version-3 state', () => {
    expect(() => terraformInventory({ version: 3, modules: [] }, { name: 'old' })).toThrow(
      /Terraform state version 3 is not supported/,
    );
  });
});
