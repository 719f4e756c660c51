// Known answers for CyberBattleSim's published networks (toy CTF and chain), as derived in the
// project's fixture notes from CyberBattleSim's own rules: 6 of the toy CTF's 10 nodes can be owned,
// in 14 actions at the fewest; each single fix's effect; the chain's 2·(size + 1) actions.
import { describe, expect, it } from 'vitest';
import { buildAttackGraph } from '../graph/build-attack-graph.js';
import { deriveAll } from '../graph/derive.js';
import { minimalHardeningSet } from '../hardening/minimal-hardening.js';
import type { AttackModel } from '../model/attack-model.js';
import { bruteForceReach, fewestActions } from '../reference/brute-force-attacker.js';
import { cyberBattleModel, firewallAllows, preconditionHolds } from './cyberbattle-network.js';
import { chainNetwork, toyCtf } from './toy-ctf.fixture.js';

const ownable = [
  'client',
  'Website',
  'Website[user=monitor]',
  'AzureStorage',
  'AzureResourceManager',
  'AzureResourceManager[user=monitor]',
];

function ownedByGraph(model: AttackModel, removedFixIds: readonly string[] = []): string[] {
  const built = buildAttackGraph(model);
  const removed = new Set(removedFixIds);
  for (const id of removed) {
    if (!built.graph.fixes.some((fix) => fix.id === id)) throw new Error(`no fix ${id}`);
  }
  const holds = deriveAll(built.graph, {
    removedFixes: Uint8Array.from(built.graph.fixes, (fix) => (removed.has(fix.id) ? 1 : 0)),
  });
  return [...built.execCode]
    .filter(([, nodes]) => holds[nodes.user])
    .map(([id]) => id)
    .sort();
}

const patch = (node: string, vuln: string) => `patch:${node}/${vuln}`;

describe('CyberBattleSim toy CTF', () => {
  const model = cyberBattleModel(toyCtf, ownable.slice(1));

  it('owns exactly the six ownable nodes, never the other four', () => {
    expect(ownedByGraph(model)).toEqual([...ownable].sort());
    expect([...bruteForceReach(model).privileges].map((p) => p.replace(/:user$/, '')).sort()).toEqual(
      [...ownable].sort(),
    );
  });

  it('needs 14 actions at the fewest to own all six (breadth-first search over attacker states)', () => {
    expect(fewestActions(model, ownable)).toBe(14);
  });

  it.each([
    [
      [patch('Website', 'ScanPageSource')],
      ['Website', 'Website[user=monitor]', 'AzureResourceManager', 'AzureResourceManager[user=monitor]'],
    ],
    [
      [patch('Website.Directory', 'NavigateWebDirectoryFurther')],
      ['Website', 'Website[user=monitor]', 'AzureResourceManager[user=monitor]'],
    ],
    [
      ['rotate:ReusedMySqlCred-web'],
      ['Website', 'Website[user=monitor]', 'AzureResourceManager[user=monitor]'],
    ],
    [
      [patch('Website', 'CredScanBashHistory')],
      ['Website[user=monitor]', 'AzureResourceManager[user=monitor]'],
    ],
    [['rotate:monitorBashCreds'], ['Website[user=monitor]', 'AzureResourceManager[user=monitor]']],
    [[patch('Website[user=monitor]', 'CredScan-HomeDirectory')], ['AzureResourceManager[user=monitor]']],
    [['rotate:azuread_user_credentials'], ['AzureResourceManager[user=monitor]']],
    [[patch('Website.Directory', 'NavigateWebDirectory')], ['AzureResourceManager']],
    [[patch('Sharepoint', 'ScanSharepointParentDirectory')], ['AzureResourceManager']],
    [[patch('Website', 'ScanPageContent')], ['AzureStorage']],
    [[patch('GitHubProject', 'CredScanGitHistory')], ['AzureStorage']],
    [['rotate:SASTOKEN1'], ['AzureStorage']],
    // OR semantics: AzureResourceManager also takes azuread_user_credentials, and it is still discovered.
    [['rotate:ADPrincipalCreds'], []],
  ])('applying %j makes exactly %j unownable', (fixes, lost) => {
    const owned = ownedByGraph(model, fixes);
    expect(ownable.filter((node) => !owned.includes(node)).sort()).toEqual([...lost].sort());
  });

  it('reads firewalls and preconditions as CyberBattleSim does', () => {
    expect(
      firewallAllows(
        [
          ['SSH', 'block'],
          ['SSH', 'allow'],
        ],
        'SSH',
      ),
    ).toBe(false);
    expect(firewallAllows([['HTTPS', 'allow']], 'su')).toBe(false);
    expect(preconditionHolds('SasUrlInCommit & GitHub', ['GitHub', 'SasUrlInCommit'])).toBe(true);
    expect(preconditionHolds('SasUrlInCommit & !GitHub', ['GitHub', 'SasUrlInCommit'])).toBe(false);
    expect(preconditionHolds('(A | B) & C', ['B', 'C'])).toBe(true);
  });
});

describe('CyberBattleSim chain', () => {
  it.each([
    [4, 10],
    [10, 22],
  ])('chain of size %i: every node owned, in %i actions at the fewest', (size, actions) => {
    const nodes = chainNetwork(size);
    expect(nodes).toHaveLength(size + 2);
    const model = cyberBattleModel(nodes, [`${size + 1}_LinuxNode`]);
    expect(ownedByGraph(model)).toEqual(nodes.map((node) => node.id).sort());
    expect(
      fewestActions(
        model,
        nodes.map((node) => node.id),
      ),
    ).toBe(actions);
  });
});

describe('CyberBattleSim toy CTF: the cheapest fixes', () => {
  const model = cyberBattleModel(toyCtf, ownable.slice(1));
  const built = buildAttackGraph(model);
  const { graph } = built;
  const ids = (sets: readonly number[][] | undefined) =>
    (sets ?? []).map((set) => set.map((fix) => graph.fixes[fix]?.id).sort()).sort();
  const entryExploit = patch('client', 'SearchEdgeHistory');
  const notEntry = (fix: number) => graph.fixes[fix]?.id !== entryExploit;
  const goalsOf = (nodes: readonly string[]) => nodes.map((node) => built.execCode.get(node)?.user as number);

  it('protects both Azure resource managers with exactly one fix: patching ScanPageSource', async () => {
    const result = await minimalHardeningSet(graph, {
      goals: goalsOf(['AzureResourceManager', 'AzureResourceManager[user=monitor]']),
      allowedFixes: notEntry,
      method: 'exact',
      enumerate: true,
    });
    expect(result.cost).toBe(1);
    expect(ids(result.alternatives)).toEqual([[patch('Website', 'ScanPageSource')]]);
  });

  it('keeps every node but the client safe with two fixes, in exactly three ways', async () => {
    const result = await minimalHardeningSet(graph, {
      goals: goalsOf(ownable.slice(1)),
      allowedFixes: notEntry,
      method: 'exact',
      enumerate: true,
    });
    expect(result.cost).toBe(2);
    expect(ids(result.alternatives)).toEqual(
      [
        [patch('Website', 'ScanPageContent'), patch('Website', 'ScanPageSource')],
        [patch('GitHubProject', 'CredScanGitHistory'), patch('Website', 'ScanPageSource')],
        ['rotate:SASTOKEN1', patch('Website', 'ScanPageSource')],
      ]
        .map((set) => [...set].sort())
        .sort(),
    );
  });

  it('needs only the entry exploit patched when that is allowed', async () => {
    const result = await minimalHardeningSet(graph, {
      goals: goalsOf(ownable.slice(1)),
      method: 'exact',
      enumerate: true,
    });
    expect(ids(result.alternatives)).toEqual([[entryExploit]]);
  });
});
