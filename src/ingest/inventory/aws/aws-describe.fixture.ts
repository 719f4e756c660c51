// The AWS CLI's view (`aws ec2 describe-… --output json`) of the estate in
// terraform/aws-state.fixture.ts: the same VPC, subnets, three instances and two security groups,
// as each command prints them.

const account = '123456789012';

export const describeIds = {
  account,
  vpc: 'vpc-0a1b2c3d4e5f60718',
  publicSubnet: 'subnet-0aa11bb22cc33dd44',
  privateSubnet: 'subnet-0ee55ff66aa77bb88',
  webGroup: 'sg-0123456789abcdef0',
  dbGroup: 'sg-0fedcba9876543210',
  web1: 'i-0a1b2c3d4e5f00001',
  web2: 'i-0a1b2c3d4e5f00002',
  pg: 'i-0a1b2c3d4e5f00003',
} as const;

function instance(
  id: string,
  options: {
    type: string;
    ip: string;
    publicIp?: string;
    subnet: string;
    zone: string;
    group: [string, string];
    tags: Record<string, string>;
    cores: number;
    threads: number;
  },
) {
  const privateAddress = {
    ...(options.publicIp
      ? {
          Association: {
            IpOwnerId: 'amazon',
            PublicDnsName: `ec2-${options.publicIp.replace(/\./g, '-')}.eu-west-1.compute.amazonaws.com`,
            PublicIp: options.publicIp,
          },
        }
      : {}),
    Primary: true,
    PrivateDnsName: `ip-${options.ip.replace(/\./g, '-')}.eu-west-1.compute.internal`,
    PrivateIpAddress: options.ip,
  };
  return {
    AmiLaunchIndex: 0,
    ImageId: 'ami-0694d931cee176e7d',
    InstanceId: id,
    InstanceType: options.type,
    KeyName: 'deploy',
    LaunchTime: '2024-05-02T09:14:27+00:00',
    Monitoring: { State: 'disabled' },
    Placement: { AvailabilityZone: options.zone, GroupName: '', Tenancy: 'default' },
    PrivateDnsName: privateAddress.PrivateDnsName,
    PrivateIpAddress: options.ip,
    ProductCodes: [],
    ...(options.publicIp
      ? {
          PublicDnsName: `ec2-${options.publicIp.replace(/\./g, '-')}.eu-west-1.compute.amazonaws.com`,
          PublicIpAddress: options.publicIp,
        }
      : { PublicDnsName: '' }),
    State: { Code: 16, Name: 'running' },
    StateTransitionReason: '',
    SubnetId: options.subnet,
    VpcId: describeIds.vpc,
    Architecture: options.type.startsWith('r6g') ? 'arm64' : 'x86_64',
    BlockDeviceMappings: [],
    EbsOptimized: true,
    EnaSupport: true,
    Hypervisor: 'xen',
    NetworkInterfaces: [
      {
        Attachment: { AttachmentId: `eni-attach-${id.slice(2)}`, DeviceIndex: 0, Status: 'attached' },
        Description: '',
        Groups: [{ GroupName: options.group[1], GroupId: options.group[0] }],
        Ipv6Addresses: [],
        MacAddress: '06:1b:2c:3d:4e:5f',
        NetworkInterfaceId: `eni-${id.slice(2)}`,
        OwnerId: account,
        PrivateIpAddress: options.ip,
        PrivateIpAddresses: [privateAddress],
        SourceDestCheck: true,
        Status: 'in-use',
        SubnetId: options.subnet,
        VpcId: describeIds.vpc,
        InterfaceType: 'interface',
      },
    ],
    RootDeviceName: '/dev/sda1',
    RootDeviceType: 'ebs',
    SecurityGroups: [{ GroupName: options.group[1], GroupId: options.group[0] }],
    SourceDestCheck: true,
    Tags: Object.entries(options.tags).map(([Key, Value]) => ({ Key, Value })),
    VirtualizationType: 'hvm',
    CpuOptions: { CoreCount: options.cores, ThreadsPerCore: options.threads },
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
  };
}

/** `aws ec2 describe-instances`. */
export const describeInstances = {
  Reservations: [
    {
      Groups: [],
      Instances: [
        instance(describeIds.web1, {
          type: 't3.medium',
          ip: '10.20.1.10',
          publicIp: '34.240.10.1',
          subnet: describeIds.publicSubnet,
          zone: 'eu-west-1a',
          group: [describeIds.webGroup, 'web'],
          tags: { Name: 'web-1', Role: 'web', 'Cost Center': 'shop' },
          cores: 1,
          threads: 2,
        }),
        instance(describeIds.web2, {
          type: 't3.medium',
          ip: '10.20.1.11',
          publicIp: '34.240.10.2',
          subnet: describeIds.publicSubnet,
          zone: 'eu-west-1a',
          group: [describeIds.webGroup, 'web'],
          tags: { 'Cost Center': 'shop', Name: 'web-2', Role: 'web' },
          cores: 1,
          threads: 2,
        }),
      ],
      OwnerId: account,
      ReservationId: 'r-0d1e2f3a4b5c6d7e8',
    },
    {
      Groups: [],
      Instances: [
        instance(describeIds.pg, {
          type: 'r6g.large',
          ip: '10.20.2.20',
          subnet: describeIds.privateSubnet,
          zone: 'eu-west-1b',
          group: [describeIds.dbGroup, 'db'],
          tags: { Role: 'database', Name: 'pg-1' },
          cores: 2,
          threads: 1,
        }),
      ],
      OwnerId: account,
      ReservationId: 'r-0a9b8c7d6e5f4a3b2',
    },
  ],
};

/** `aws ec2 describe-security-groups`. */
export const describeSecurityGroups = {
  SecurityGroups: [
    {
      Description: 'web servers',
      GroupName: 'web',
      IpPermissions: [
        {
          FromPort: 443,
          IpProtocol: 'tcp',
          IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'HTTPS' }],
          Ipv6Ranges: [{ CidrIpv6: '::/0', Description: 'HTTPS' }],
          PrefixListIds: [],
          ToPort: 443,
          UserIdGroupPairs: [],
        },
        {
          FromPort: 22,
          IpProtocol: 'tcp',
          IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'SSH from the office network' }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          ToPort: 22,
          UserIdGroupPairs: [],
        },
        {
          FromPort: -1,
          IpProtocol: 'icmp',
          IpRanges: [{ CidrIp: '10.20.0.0/16', Description: 'ping from the VPC' }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          ToPort: -1,
          UserIdGroupPairs: [],
        },
      ],
      OwnerId: account,
      GroupId: describeIds.webGroup,
      IpPermissionsEgress: [
        {
          IpProtocol: '-1',
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: [],
        },
      ],
      VpcId: describeIds.vpc,
    },
    {
      Description: 'databases',
      GroupName: 'db',
      IpPermissions: [
        {
          FromPort: 5432,
          IpProtocol: 'tcp',
          IpRanges: [],
          Ipv6Ranges: [],
          PrefixListIds: [],
          ToPort: 5432,
          UserIdGroupPairs: [
            {
              Description: 'PostgreSQL from the web servers',
              GroupId: describeIds.webGroup,
              UserId: account,
            },
          ],
        },
      ],
      OwnerId: account,
      GroupId: describeIds.dbGroup,
      IpPermissionsEgress: [],
      VpcId: describeIds.vpc,
    },
  ],
};

/** `aws ec2 describe-subnets`. */
export const describeSubnets = {
  Subnets: [
    {
      AvailabilityZone: 'eu-west-1a',
      AvailabilityZoneId: 'euw1-az1',
      AvailableIpAddressCount: 248,
      CidrBlock: '10.20.1.0/24',
      DefaultForAz: false,
      MapPublicIpOnLaunch: true,
      State: 'available',
      SubnetId: describeIds.publicSubnet,
      VpcId: describeIds.vpc,
      OwnerId: account,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [
        {
          AssociationId: 'subnet-cidr-assoc-0c1d2e3f4a5b6c7d8',
          Ipv6CidrBlock: '2a05:d018:84c:5e01::/64',
          Ipv6CidrBlockState: { State: 'associated' },
        },
      ],
      Tags: [{ Key: 'Name', Value: 'public-a' }],
      SubnetArn: `arn:aws:ec2:eu-west-1:${account}:subnet/${describeIds.publicSubnet}`,
    },
    {
      AvailabilityZone: 'eu-west-1b',
      AvailabilityZoneId: 'euw1-az2',
      AvailableIpAddressCount: 250,
      CidrBlock: '10.20.2.0/24',
      DefaultForAz: false,
      MapPublicIpOnLaunch: false,
      State: 'available',
      SubnetId: describeIds.privateSubnet,
      VpcId: describeIds.vpc,
      OwnerId: account,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      Tags: [{ Key: 'Name', Value: 'private-b' }],
      SubnetArn: `arn:aws:ec2:eu-west-1:${account}:subnet/${describeIds.privateSubnet}`,
    },
  ],
};

/** `aws ec2 describe-vpcs`. */
export const describeVpcs = {
  Vpcs: [
    {
      CidrBlock: '10.20.0.0/16',
      DhcpOptionsId: 'dopt-0f1e2d3c4b5a69788',
      State: 'available',
      VpcId: describeIds.vpc,
      OwnerId: account,
      InstanceTenancy: 'default',
      CidrBlockAssociationSet: [
        {
          AssociationId: 'vpc-cidr-assoc-0a1b2c3d4e5f60718',
          CidrBlock: '10.20.0.0/16',
          CidrBlockState: { State: 'associated' },
        },
      ],
      IsDefault: false,
      Tags: [
        { Key: 'Environment', Value: 'prod' },
        { Key: 'Name', Value: 'prod-vpc' },
      ],
    },
  ],
};
