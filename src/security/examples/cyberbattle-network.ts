// Microsoft CyberBattleSim's network model (cyberbattle/simulation/model.py), read into the attack
// model, so its published environments check this module's rules against known answers.
// CyberBattleSim's semantics, kept here because the answers depend on them: a remote exploit needs
// only the target discovered and some node owned (no route, no port); a credential works wherever
// a service lists it, whatever port its leak names; a connect needs the source's outgoing and the
// target's incoming firewall to allow the port, the first rule naming the port winning and an
// unnamed port being blocked.
import {
  type AttackModel,
  type CredentialAcceptance,
  defaultStepProbabilities,
  type ReachRule,
  type VulnerabilityInstance,
} from '../model/attack-model.js';

export type FirewallRule = readonly [port: string, permission: 'allow' | 'block'];

export interface CyberBattleVulnerability {
  readonly id: string;
  readonly type: 'local' | 'remote';
  readonly precondition?: string;
  readonly leakedNodes?: readonly string[];
  readonly leakedCredentials?: ReadonlyArray<{
    readonly node: string;
    readonly port: string;
    readonly credential: string;
  }>;
  readonly privilegeEscalation?: boolean;
}

export interface CyberBattleNode {
  readonly id: string;
  readonly agentInstalled?: boolean;
  readonly properties?: readonly string[];
  /** Port → credentials its service accepts. */
  readonly services: Readonly<Record<string, readonly string[]>>;
  readonly firewall?: {
    readonly incoming: readonly FirewallRule[];
    readonly outgoing: readonly FirewallRule[];
  };
  readonly vulnerabilities: readonly CyberBattleVulnerability[];
}

export const defaultFirewall: readonly FirewallRule[] = [
  ['RDP', 'allow'],
  ['SSH', 'allow'],
  ['HTTPS', 'allow'],
  ['HTTP', 'allow'],
];

/** The first rule naming the port decides; no rule: blocked. */
export function firewallAllows(rules: readonly FirewallRule[], port: string): boolean {
  return rules.find(([rulePort]) => rulePort === port)?.[1] === 'allow';
}

/** `SasUrlInCommit & GitHub`, `A | !B`, parentheses: CyberBattleSim's boolean preconditions. */
export function preconditionHolds(expression: string, properties: readonly string[]): boolean {
  const tokens = expression.match(/[()&|!]|[^\s()&|!]+/g) ?? [];
  let at = 0;
  const primary = (): boolean => {
    const token = tokens[at++];
    if (token === '!') return !primary();
    if (token === '(') {
      const value = disjunction();
      at++;
      return value;
    }
    return token === 'true' || (token !== undefined && properties.includes(token));
  };
  const conjunction = (): boolean => {
    let value = primary();
    while (tokens[at] === '&') {
      at++;
      value = primary() && value;
    }
    return value;
  };
  const disjunction = (): boolean => {
    let value = conjunction();
    while (tokens[at] === '|') {
      at++;
      value = conjunction() || value;
    }
    return value;
  };
  return tokens.length === 0 || disjunction();
}

/**
 * The attack model of a CyberBattleSim network: nodes are assets (only the agent's are known at the
 * start), connects are asset-to-asset reach rules where both firewalls allow the port, services'
 * credential lists are acceptances (rotating a credential cuts them all), vulnerabilities keep their
 * leaks; every vulnerability can be patched. Deterministic: every step succeeds.
 */
export function cyberBattleModel(nodes: readonly CyberBattleNode[], jewels: readonly string[]): AttackModel {
  const reach: ReachRule[] = [];
  const acceptances: CredentialAcceptance[] = [];
  const vulnerabilities: VulnerabilityInstance[] = [];
  for (const target of nodes) {
    const incoming = target.firewall?.incoming ?? defaultFirewall;
    for (const [port, credentials] of Object.entries(target.services)) {
      for (const source of nodes) {
        const outgoing = source.firewall?.outgoing ?? defaultFirewall;
        if (source.id !== target.id && firewallAllows(outgoing, port) && firewallAllows(incoming, port))
          reach.push({
            id: `connect:${source.id}->${target.id}/${port}`,
            from: { asset: source.id },
            to: { asset: target.id },
            ports: [`tcp/${port}`],
          });
      }
      for (const credential of credentials)
        acceptances.push({
          credential,
          asset: target.id,
          grants: 'user',
          port: `tcp/${port}`,
          fix: {
            id: `rotate:${credential}`,
            kind: 'rotate-credential',
            target: credential,
            description: `rotate ${credential}`,
          },
        });
    }
    for (const vuln of target.vulnerabilities) {
      if (vuln.precondition && !preconditionHolds(vuln.precondition, target.properties ?? [])) continue;
      vulnerabilities.push({
        id: `${target.id}/${vuln.id}`,
        vulnerability: vuln.id,
        asset: target.id,
        range: vuln.type,
        ...(vuln.privilegeEscalation ? { grants: 'root' as const } : {}),
        leaksCredentials: (vuln.leakedCredentials ?? []).map((leak) => leak.credential),
        leaksAssets: [
          ...(vuln.leakedNodes ?? []),
          ...(vuln.leakedCredentials ?? []).map((leak) => leak.node),
        ],
        needsNetwork: false,
        probability: 1,
        fix: {
          id: `patch:${target.id}/${vuln.id}`,
          kind: 'patch',
          target: `${target.id}/${vuln.id}`,
          description: `patch ${vuln.id} on ${target.id}`,
        },
      });
    }
  }
  return {
    assets: nodes.map((node) => ({
      id: node.id,
      kind: 'host',
      name: node.id,
      segments: [],
      known: node.agentInstalled === true,
      hostedOn: [],
      ports: Object.keys(node.services).map((port) => `tcp/${port}`),
    })),
    segments: [],
    reach,
    vulnerabilities,
    credentialStores: [],
    credentialAcceptances: acceptances,
    trusts: [],
    entries: nodes
      .filter((node) => node.agentInstalled)
      .map((node) => ({ kind: 'foothold', asset: node.id, probability: 1 })),
    jewels,
    probabilities: { ...defaultStepProbabilities, credentialReuse: 1 },
  };
}
