import { describe, expect, it } from 'vitest';
import {
  describeIds,
  describeInstances,
  describeSecurityGroups,
  describeSubnets,
  describeVpcs,
} from './aws-describe.fixture.js';
import {
  readDescribeInstances,
  readDescribeSecurityGroups,
  readDescribeSubnets,
  readDescribeVpcs,
} from './aws-describe.js';

describe('readDescribeInstances', () => {
  it('reads instances with their addresses, cores, tags, placement and groups', () => {
    const reading = readDescribeInstances(describeInstances);
    expect(reading.problems).toEqual([]);
    expect(reading.accounts).toEqual([describeIds.account]);
    expect(reading.counts).toEqual({ instances: 3 });
    expect(reading.items[0]).toEqual({
      path: 'instances: Reservations[0].Instances[0]',
      id: describeIds.web1,
      instanceType: 't3.medium',
      ipAddresses: ['10.20.1.10', '34.240.10.1'],
      os: undefined,
      cpuCores: 2,
      tags: { Name: 'web-1', Role: 'web', 'Cost Center': 'shop' },
      availabilityZone: 'eu-west-1a',
      subnetId: describeIds.publicSubnet,
      vpcId: describeIds.vpc,
      securityGroups: [describeIds.webGroup],
    });
  });

  it('takes secondary and IPv6 addresses from the network interfaces and the platform as os', () => {
    const reading = readDescribeInstances({
      Reservations: [
        {
          OwnerId: '111122223333',
          Instances: [
            {
              InstanceId: 'i-0win',
              Platform: 'windows',
              PrivateIpAddress: '10.0.0.5',
              NetworkInterfaces: [
                {
                  PrivateIpAddresses: [
                    { PrivateIpAddress: '10.0.0.5', Primary: true },
                    { PrivateIpAddress: '10.0.0.6', Association: { PublicIp: '198.51.100.9' } },
                  ],
                  Ipv6Addresses: [{ Ipv6Address: '2001:db8::5' }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(reading.items[0]?.ipAddresses).toEqual(['10.0.0.5', '10.0.0.6', '2001:db8::5', '198.51.100.9']);
    expect(reading.items[0]?.os).toBe('windows');
  });

  it('skips terminated instances and reports bad fields by path, keeping the rest', () => {
    const reading = readDescribeInstances({
      Reservations: [
        {
          Instances: [
            { InstanceId: 'i-gone', State: { Name: 'terminated' } },
            { InstanceType: 't3.micro' },
            { InstanceId: 'i-ok', InstanceType: 7, CpuOptions: { CoreCount: 1.5 } },
            'nonsense',
          ],
        },
      ],
    });
    expect(reading.items.map((item) => item.id)).toEqual(['i-ok']);
    expect(reading.items[0]?.instanceType).toBeUndefined();
    expect(reading.counts).toEqual({ 'instances skipped: terminated': 1, instances: 1 });
    const byPath = [...reading.problems].sort((a, b) => a.path.localeCompare(b.path));
    expect(byPath).toEqual([
      { path: 'instances: Reservations[0].Instances[1].InstanceId', message: 'is required' },
      {
        path: 'instances: Reservations[0].Instances[2].CpuOptions.CoreCount',
        message: 'must be an integer, found 1.5',
      },
      {
        path: 'instances: Reservations[0].Instances[2].InstanceType',
        message: 'must be a string, found number 7',
      },
      {
        path: 'instances: Reservations[0].Instances[3]',
        message: 'must be an object, found string "nonsense"',
      },
    ]);
  });

  it('says so when the output is not describe-instances output', () => {
    expect(readDescribeInstances({ SecurityGroups: [] }).problems).toEqual([
      {
        path: 'instances: Reservations',
        message: 'expected the output of aws ec2 describe-… with a Reservations list',
      },
    ]);
    expect(readDescribeInstances([]).problems[0]?.message).toBe('must be an object, found an array');
  });
});

describe('readDescribeSecurityGroups', () => {
  it('reads ingress permissions with ranges, group references and ports; counts egress', () => {
    const reading = readDescribeSecurityGroups(describeSecurityGroups);
    expect(reading.problems).toEqual([]);
    expect(reading.counts).toEqual({ 'security groups': 2, 'egress rules ignored': 1 });
    const [web, db] = reading.items;
    expect(web?.name).toBe('web');
    expect(web?.ingress[0]).toEqual({
      path: 'securityGroups: SecurityGroups[0].IpPermissions[0]',
      protocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrs: ['0.0.0.0/0', '::/0'],
      groups: [],
      prefixLists: 0,
    });
    expect(db?.ingress[0]?.groups).toEqual([describeIds.webGroup]);
  });

  it('reads -1 (every protocol) without ports', () => {
    const reading = readDescribeSecurityGroups({
      SecurityGroups: [
        { GroupId: 'sg-1', IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-1' }] }] },
      ],
    });
    expect(reading.items[0]?.ingress[0]).toMatchObject({
      protocol: '-1',
      fromPort: undefined,
      groups: ['sg-1'],
    });
  });
});

describe('readDescribeSubnets and readDescribeVpcs', () => {
  it('reads CIDRs, keeping only associated IPv6 blocks', () => {
    const subnets = readDescribeSubnets(describeSubnets);
    expect(
      subnets.items.map((subnet) => [subnet.id, subnet.vpcId, subnet.cidrs, subnet.availabilityZone]),
    ).toEqual([
      [describeIds.publicSubnet, describeIds.vpc, ['10.20.1.0/24', '2a05:d018:84c:5e01::/64'], 'eu-west-1a'],
      [describeIds.privateSubnet, describeIds.vpc, ['10.20.2.0/24'], 'eu-west-1b'],
    ]);
    const vpcs = readDescribeVpcs({
      Vpcs: [
        {
          VpcId: 'vpc-1',
          CidrBlock: '10.0.0.0/16',
          CidrBlockAssociationSet: [
            { CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } },
            { CidrBlock: '10.1.0.0/16', CidrBlockState: { State: 'associated' } },
            { CidrBlock: '10.2.0.0/16', CidrBlockState: { State: 'disassociated' } },
          ],
        },
      ],
    });
    expect(vpcs.items[0]?.cidrs).toEqual(['10.0.0.0/16', '10.1.0.0/16']);
    expect(readDescribeVpcs(describeVpcs).items[0]?.tags).toEqual({ Environment: 'prod', Name: 'prod-vpc' });
  });
});
