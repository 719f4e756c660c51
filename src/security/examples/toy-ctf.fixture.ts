// Derived from Microsoft CyberBattleSim's toy CTF (cyberbattle/samples/toyctf/toy_ctf.py at commit
// 854d6966607f), MIT License, Copyright (c) Microsoft Corporation: the network re-encoded as data.
// Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
// associated documentation files, to deal in the Software without restriction, subject to the
// inclusion of the copyright notice and this permission notice (MIT).
import { type CyberBattleNode, defaultFirewall } from './cyberbattle-network.js';

export const toyCtf: readonly CyberBattleNode[] = [
  {
    id: 'client',
    agentInstalled: true,
    services: {},
    vulnerabilities: [{ id: 'SearchEdgeHistory', type: 'local', leakedNodes: ['Website'] }],
  },
  {
    id: 'Website',
    properties: ['MySql', 'Ubuntu', 'nginx/1.10.3'],
    services: { HTTPS: [], SSH: ['ReusedMySqlCred-web'] },
    firewall: {
      incoming: defaultFirewall,
      outgoing: [...defaultFirewall, ['su', 'allow'], ['sudo', 'allow']],
    },
    vulnerabilities: [
      { id: 'ScanPageContent', type: 'remote', leakedNodes: ['GitHubProject'] },
      { id: 'ScanPageSource', type: 'remote', leakedNodes: ['Website.Directory'] },
      {
        id: 'CredScanBashHistory',
        type: 'local',
        leakedCredentials: [{ node: 'Website[user=monitor]', port: 'SSH', credential: 'monitorBashCreds' }],
      },
    ],
  },
  {
    id: 'Website.Directory',
    properties: ['Ubuntu', 'nginx/1.10.3', 'CTFFLAG:Readme.txt-Discover secret data'],
    services: { HTTPS: [] },
    vulnerabilities: [
      {
        id: 'NavigateWebDirectoryFurther',
        type: 'remote',
        leakedCredentials: [{ node: 'Website', port: 'MySQL', credential: 'ReusedMySqlCred-web' }],
      },
      { id: 'NavigateWebDirectory', type: 'remote', leakedNodes: ['Sharepoint'] },
    ],
  },
  {
    id: 'Website[user=monitor]',
    properties: ['MySql', 'Ubuntu', 'nginx/1.10.3'],
    services: { SSH: [], 'SSH-key': ['unkownkey'], su: ['monitorBashCreds'] },
    firewall: {
      incoming: [['SSH', 'block'], ['sudo', 'block'], ['su', 'allow'], ...defaultFirewall],
      outgoing: defaultFirewall,
    },
    vulnerabilities: [
      {
        id: 'CredScan-HomeDirectory',
        type: 'local',
        leakedCredentials: [
          {
            node: 'AzureResourceManager[user=monitor]',
            port: 'HTTPS',
            credential: 'azuread_user_credentials',
          },
        ],
      },
    ],
  },
  {
    id: 'GitHubProject',
    properties: ['GitHub', 'SasUrlInCommit'],
    services: { GIT: [] },
    vulnerabilities: [
      {
        id: 'CredScanGitHistory',
        type: 'remote',
        precondition: 'SasUrlInCommit & GitHub',
        leakedCredentials: [{ node: 'AzureStorage', port: 'HTTPS', credential: 'SASTOKEN1' }],
      },
    ],
  },
  {
    id: 'AzureStorage',
    properties: ['CTFFLAG:LeakedCustomerData'],
    services: { HTTPS: ['SASTOKEN1'] },
    vulnerabilities: [{ id: 'AccessDataWithSASToken', type: 'remote' }],
  },
  {
    id: 'Sharepoint',
    properties: ['SharepointLeakingPassword'],
    services: { HTTPS: [] },
    firewall: {
      incoming: [
        ['SSH', 'allow'],
        ['HTTP', 'allow'],
        ['HTTPS', 'allow'],
      ],
      outgoing: [],
    },
    vulnerabilities: [
      {
        id: 'ScanSharepointParentDirectory',
        type: 'remote',
        leakedCredentials: [{ node: 'AzureResourceManager', port: 'HTTPS', credential: 'ADPrincipalCreds' }],
      },
    ],
  },
  {
    id: 'AzureResourceManager',
    properties: ['CTFFLAG:LeakedCustomerData2'],
    services: { HTTPS: ['ADPrincipalCreds', 'azuread_user_credentials'] },
    vulnerabilities: [{ id: 'ListAzureResources', type: 'remote', leakedNodes: ['AzureVM'] }],
  },
  {
    id: 'AzureResourceManager[user=monitor]',
    services: { HTTPS: ['azuread_user_credentials'] },
    vulnerabilities: [],
  },
  {
    id: 'AzureVM',
    properties: ['CTFFLAG:VMPRIVATEINFO'],
    services: { PING: [], SSH: [] },
    firewall: { incoming: [['SSH', 'block']], outgoing: [] },
    vulnerabilities: [],
  },
];

/**
 * CyberBattleSim's chain environment (samples/chainpattern/chainpattern.py): `start`, then
 * alternating Linux and Windows nodes whose cracking vulnerabilities leak the next node's password,
 * ending at a flag node; traps included. `size` must be even; size + 2 nodes.
 */
export function chainNetwork(size: number): CyberBattleNode[] {
  if (size % 2 !== 0 || size < 2) throw new RangeError(`chain size must be even and at least 2, got ${size}`);
  const linux = (n: number) => `${n}_LinuxNode`;
  const windows = (n: number) => `${n}_WindowsNode`;
  const nodes: CyberBattleNode[] = [
    {
      id: 'start',
      agentInstalled: true,
      services: {},
      vulnerabilities: [
        {
          id: 'ScanExplorerRecentFiles',
          type: 'local',
          leakedCredentials: [{ node: linux(1), port: 'SSH', credential: 'LinuxPassword!1' }],
        },
      ],
    },
  ];
  const traps = (ids: string[]) =>
    ids.map((id): CyberBattleNode['vulnerabilities'][number] => ({
      id,
      type: id.startsWith('Probe') ? 'remote' : 'local',
    }));
  for (let n = 1; n < size; n += 2) {
    nodes.push({
      id: linux(n),
      properties: ['MySql', 'Ubuntu', 'nginx/1.10.3'],
      services: { HTTPS: [], SSH: [`LinuxPassword!${n}`] },
      vulnerabilities: [
        {
          id: 'CrackKeepPassX',
          type: 'local',
          leakedCredentials: [{ node: windows(n + 1), port: 'RDP', credential: `WindowsPassword!${n + 1}` }],
        },
        { id: 'ScanBashHistory', type: 'local', leakedNodes: [windows(n + 1)] },
        ...traps(['ScanExplorerRecentFiles', 'SudoAttempt', 'ProbeLinux', 'ProbeWindows']),
      ],
    });
    nodes.push({
      id: windows(n + 1),
      properties: ['Windows', 'Win10', 'Win10Patched'],
      services: { HTTPS: [], RDP: [`WindowsPassword!${n + 1}`] },
      vulnerabilities: [
        {
          id: 'CrackKeepPass',
          type: 'local',
          leakedCredentials: [{ node: linux(n + 2), port: 'SSH', credential: `LinuxPassword!${n + 2}` }],
        },
        { id: 'ScanExplorerRecentFiles', type: 'local', leakedNodes: [linux(n + 2)] },
        ...traps(['ScanBashHistory', 'SudoAttempt', 'CrackKeepPassX', 'ProbeLinux', 'ProbeWindows']),
      ],
    });
  }
  nodes.push({
    id: linux(size + 1),
    properties: ['MySql', 'Ubuntu', 'nginx/1.10.3', 'FLAG'],
    services: { HTTPS: [], SSH: [`LinuxPassword!${size + 1}`] },
    vulnerabilities: [],
  });
  return nodes;
}
