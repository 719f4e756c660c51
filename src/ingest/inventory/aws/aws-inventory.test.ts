import { describe, expect, it } from 'vitest';
import { isValidEntityId } from '../../../model/index.js';
import { twinAttackModel } from '../../../security/index.js';
import { applyToTwin } from './apply-to-twin.fixture.js';
import {
  describeIds,
  describeInstances,
  describeSecurityGroups,
  describeSubnets,
  describeVpcs,
} from './aws-describe.fixture.js';
import { awsInventory } from './aws-inventory.js';

const everything = {
  instances: describeInstances,
  securityGroups: describeSecurityGroups,
  subnets: describeSubnets,
  vpcs: describeVpcs,
};

const allowsOf = (result: ReturnType<typeof awsInventory>) =>
  result.document.relations
    .filter((relation) => relation.type === 'allows')
    .map(
      (relation) =>
        `${relation.from} -> ${relation.to} ${relation.props?.protocol}/${relation.props?.ports} #${relation.key}`,
    );

describe('awsInventory', () => {
  it('names the import after the owning account', () => {
    const result = awsInventory(everything);
    expect(result.document.source).toBe(`aws:${describeIds.account}`);
    expect(result.problems).toEqual([]);
    expect(result.counts).toEqual({
      instances: 3,
      'security groups': 2,
      'egress rules ignored': 1,
      subnets: 2,
      vpcs: 1,
      'rules skipped: icmp': 1,
    });
    expect(awsInventory({}).document.source).toBe('aws:unknown');
  });

  it('maps instances to cloud-instance entities in their region and subnet', () => {
    const { document } = awsInventory(everything);
    expect(document.entities.find((entity) => entity.id === `cloud-instance:${describeIds.web1}`)).toEqual({
      id: `cloud-instance:${describeIds.web1}`,
      kind: 'cloud-instance',
      name: 'web-1',
      labels: { 'Cost-Center': 'shop', Role: 'web' },
      props: {
        instanceId: describeIds.web1,
        instanceType: 't3.medium',
        ipAddresses: ['10.20.1.10', '34.240.10.1'],
        cpuCores: 2,
      },
    });
    const contains = document.relations
      .filter((relation) => relation.type === 'contains')
      .map((relation) => `${relation.from} -> ${relation.to}`);
    expect(contains).toEqual([
      `cloud-region:aws/eu-west-1 -> cloud-instance:${describeIds.web1}`,
      `cloud-region:aws/eu-west-1 -> cloud-instance:${describeIds.web2}`,
      `cloud-region:aws/eu-west-1 -> cloud-instance:${describeIds.pg}`,
      `network-segment:${describeIds.publicSubnet} -> cloud-instance:${describeIds.web1}`,
      `network-segment:${describeIds.publicSubnet} -> cloud-instance:${describeIds.web2}`,
      `network-segment:${describeIds.privateSubnet} -> cloud-instance:${describeIds.pg}`,
    ]);
    expect(document.entities.find((entity) => entity.id === 'cloud-region:aws/eu-west-1')?.props).toEqual({
      provider: 'aws',
      region: 'eu-west-1',
    });
  });

  it('maps subnets and VPCs to isolated segments with their ranges', () => {
    const { document } = awsInventory(everything);
    expect(
      document.entities.find((entity) => entity.id === `network-segment:${describeIds.publicSubnet}`),
    ).toEqual({
      id: `network-segment:${describeIds.publicSubnet}`,
      kind: 'network-segment',
      name: 'public-a',
      labels: { vpc: describeIds.vpc, 'availability-zone': 'eu-west-1a' },
      props: { isolated: true, cidrs: ['10.20.1.0/24', '2a05:d018:84c:5e01::/64'] },
    });
    expect(
      document.entities.find((entity) => entity.id === `network-segment:${describeIds.vpc}`),
    ).toMatchObject({
      name: 'prod-vpc',
      labels: { Environment: 'prod' },
      props: { cidrs: ['10.20.0.0/16'], isolated: true },
    });
  });

  it('turns ingress permissions into allows relations, one per rule and pair', () => {
    const { document } = awsInventory(everything);
    const web = (n: string) => `cloud-instance:${n}`;
    expect(allowsOf({ document, problems: [], counts: {} })).toEqual([
      `${web(describeIds.web1)} -> ${web(describeIds.pg)} tcp/5432 #${describeIds.dbGroup}:tcp:5432`,
      `${web(describeIds.web2)} -> ${web(describeIds.pg)} tcp/5432 #${describeIds.dbGroup}:tcp:5432`,
      `network-segment:10.0.0.0/8 -> ${web(describeIds.web1)} tcp/22 #${describeIds.webGroup}:tcp:22`,
      `network-segment:10.0.0.0/8 -> ${web(describeIds.web2)} tcp/22 #${describeIds.webGroup}:tcp:22`,
      `network-segment:internet -> ${web(describeIds.web1)} tcp/443 #${describeIds.webGroup}:tcp:443`,
      `network-segment:internet -> ${web(describeIds.web2)} tcp/443 #${describeIds.webGroup}:tcp:443`,
    ]);
    expect(document.entities.find((entity) => entity.id === 'network-segment:internet')?.props).toEqual({
      internet: true,
    });
  });

  it('reads -1 as any protocol on every port, self references and a default region', () => {
    const result = awsInventory({
      region: 'us-east-2',
      instances: {
        Reservations: [
          {
            Instances: [
              { InstanceId: 'i-a', SecurityGroups: [{ GroupId: 'sg-self' }] },
              { InstanceId: 'i-b', SecurityGroups: [{ GroupId: 'sg-self' }] },
            ],
          },
        ],
      },
      securityGroups: {
        SecurityGroups: [
          {
            GroupId: 'sg-self',
            IpPermissions: [
              { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-self' }] },
              { IpProtocol: 'udp', FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '192.0.2.0/24' }] },
              { IpProtocol: 'tcp', FromPort: 8000, ToPort: 8100, PrefixListIds: [{ PrefixListId: 'pl-1' }] },
              { IpProtocol: '50', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
            ],
          },
        ],
      },
    });
    expect(allowsOf(result)).toEqual([
      'cloud-instance:i-a -> cloud-instance:i-b any/* #sg-self:any:*',
      'cloud-instance:i-b -> cloud-instance:i-a any/* #sg-self:any:*',
      'network-segment:192.0.2.0/24 -> cloud-instance:i-a udp/* #sg-self:udp:*',
      'network-segment:192.0.2.0/24 -> cloud-instance:i-b udp/* #sg-self:udp:*',
    ]);
    expect(result.counts['rules skipped: prefix list']).toBe(1);
    expect(result.counts['rules skipped: other protocol']).toBe(1);
    expect(result.document.relations).toContainEqual({
      type: 'contains',
      from: 'cloud-region:aws/us-east-2',
      to: 'cloud-instance:i-a',
    });
  });

  it('makes a subnet an instance names but the input does not describe', () => {
    const { document } = awsInventory({ instances: describeInstances });
    expect(
      document.entities.find((entity) => entity.id === `network-segment:${describeIds.privateSubnet}`),
    ).toEqual({
      id: `network-segment:${describeIds.privateSubnet}`,
      kind: 'network-segment',
      name: describeIds.privateSubnet,
      labels: { vpc: describeIds.vpc, 'availability-zone': 'eu-west-1b' },
      props: { isolated: true },
    });
  });

  it('reads outputs given as text, and reports one that is not JSON', () => {
    const result = awsInventory({ instances: JSON.stringify(describeInstances), vpcs: '{"Vpcs": [' });
    expect(result.document.entities.filter((entity) => entity.kind === 'cloud-instance')).toHaveLength(3);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.path).toBe('vpcs');
    expect(result.problems[0]?.message).toMatch(/^not JSON/);
  });

  it('keeps what it can of malformed output and reports the rest by path', async () => {
    const broken = structuredClone(describeInstances) as { Reservations: Array<{ Instances: unknown[] }> };
    (broken.Reservations[0] as { Instances: unknown[] }).Instances[1] = { InstanceType: 't3.micro' };
    const result = awsInventory({ ...everything, instances: broken });
    expect(result.problems).toEqual([
      { path: 'instances: Reservations[0].Instances[1].InstanceId', message: 'is required' },
    ]);
    expect(result.document.entities.filter((entity) => entity.kind === 'cloud-instance')).toHaveLength(2);
    await applyToTwin(result);
  });

  it('gives only valid ids, the same document every time, and applies to a twin idempotently', async () => {
    const first = awsInventory(everything);
    const second = awsInventory(structuredClone(everything));
    expect(second).toEqual(first);
    for (const entity of first.document.entities) expect(isValidEntityId(entity.id), entity.id).toBe(true);
    for (const relation of first.document.relations) {
      expect(isValidEntityId(relation.from)).toBe(true);
      expect(isValidEntityId(relation.to)).toBe(true);
    }
    const twin = await applyToTwin(first);
    expect(twin.counts.entities).toBe(first.document.entities.length);
    expect(twin.counts.relations).toBe(first.document.relations.length);
    const again = await twin.apply({
      actor: 'test',
      source: second.document.source,
      ops: [
        ...second.document.entities.map((entity) => ({ op: 'upsert-entity' as const, entity })),
        ...second.document.relations.map((relation) => ({ op: 'upsert-relation' as const, relation })),
      ],
    });
    expect(again).toBeNull();
  });

  it('gives the attack graph reach rules from the internet, the office range and the web group', async () => {
    const twin = await applyToTwin(awsInventory(everything));
    const { model, problems } = twinAttackModel(twin.live);
    expect(problems).toEqual([]);
    const reach = model.reach.map(
      (rule) => `${Object.values(rule.from)[0]} -> ${Object.values(rule.to)[0]} ${rule.ports}`,
    );
    expect(reach).toContain(`network-segment:internet -> cloud-instance:${describeIds.web1} tcp/443`);
    expect(reach).toContain(
      `cloud-instance:${describeIds.web2} -> cloud-instance:${describeIds.pg} tcp/5432`,
    );
    // Subnets and VPCs are isolated: AWS admits nothing a group does not.
    const open = model.segments.filter((segment) => segment.openInside).map((segment) => segment.id);
    expect(open).toEqual([]);
  });

  it('collapses a group whose rules would make more than 10,000 relations', async () => {
    const ids = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => `i-${prefix}${String(i).padStart(5, '0')}`);
    const apps = ids('app', 101);
    const dbs = ids('db', 100);
    const instances = {
      Reservations: [
        {
          OwnerId: '999988887777',
          Instances: [
            ...apps.map((id) => ({ InstanceId: id, SecurityGroups: [{ GroupId: 'sg-app' }] })),
            ...dbs.map((id) => ({ InstanceId: id, SecurityGroups: [{ GroupId: 'sg-db' }] })),
          ],
        },
      ],
    };
    const securityGroups = {
      SecurityGroups: [
        { GroupId: 'sg-app', GroupName: 'app', IpPermissions: [] },
        {
          GroupId: 'sg-db',
          GroupName: 'db',
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: 'sg-app' }] },
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
          ],
        },
      ],
    };
    const result = awsInventory({ instances, securityGroups, region: 'eu-central-1' });
    expect(result.counts['groups collapsed to segments']).toBe(1);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toContain('10200 allows relations, more than 10000');
    expect(allowsOf(result)).toEqual([
      'network-segment:10.0.0.0/8 -> network-segment:sg-db tcp/22 #sg-db:tcp:22',
      'network-segment:sg-app -> network-segment:sg-db tcp/5432 #sg-db:tcp:5432',
    ]);
    const members = result.document.relations.filter(
      (relation) => relation.type === 'contains' && relation.from.startsWith('network-segment:sg-'),
    );
    expect(members).toHaveLength(201);
    const twin = await applyToTwin(result);
    const { model } = twinAttackModel(twin.live);
    const toDb = model.reach.filter(
      (rule) => 'segment' in rule.to && rule.to.segment === 'network-segment:sg-db',
    );
    expect(toDb).toHaveLength(2);
    // The same rules under the cap: one relation per pair.
    const small = awsInventory({ instances, securityGroups, maxRelationsPerGroup: 20_000 });
    expect(allowsOf(small)).toHaveLength(101 * 100 + 100);
  });
});
