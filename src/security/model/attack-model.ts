// What the attack graph is built from: the estate reduced to the facts attack rules read
// (docs/attack.md). The twin compiles into it (twin-attack-model.ts); so do the published example
// networks in the tests, so one rule set answers both.

export type Privilege = 'user' | 'root';

/** Something an attacker can run code on: a host, VM, container, cloud instance, device, card. */
export interface AttackAsset {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  /** Segments it sits in (by address or containment); empty: it reaches and is reached only by asset rules. */
  readonly segments: readonly string[];
  /**
   * False: the attacker must learn of it (a leak) before targeting it, as in CyberBattleSim. The
   * twin's own assets are all known: an attacker inside is assumed to map the network.
   */
  readonly known: boolean;
  /** Guests' hosts: root on any of these is root here (hypervisor, container runtime). */
  readonly hostedOn: readonly string[];
  /** Ports listening on it, `tcp/22`; empty: any allowed port counts as a way in. */
  readonly ports: readonly string[];
}

export interface AttackSegment {
  readonly id: string;
  /** The attacker starts here (the internet). */
  readonly attackerLocated: boolean;
  /** Members reach each other on every port (a flat L2 segment). */
  readonly openInside: boolean;
}

/** A rule that lets traffic from a segment or asset reach a segment or asset on some ports. */
export interface ReachRule {
  readonly id: string;
  readonly from: { readonly segment: string } | { readonly asset: string };
  readonly to: { readonly segment: string } | { readonly asset: string };
  /** `tcp/22`, `tcp/*`, `*` (any); a port set is several rules or several entries here. */
  readonly ports: readonly string[];
  /** The fix that removes it (a firewall rule to block, an exposure to take down); none: fixed in place. */
  readonly fix?: FixSpec;
}

export interface FixSpec {
  readonly id: string;
  readonly kind: 'patch' | 'rotate-credential' | 'block-rule' | 'remove-trust' | 'remove-exposure';
  readonly target: string;
  readonly description: string;
  readonly cost?: number;
}

/** A vulnerability present on an asset (a package) or on one of its services (a port). */
export interface VulnerabilityInstance {
  readonly id: string;
  readonly vulnerability: string;
  readonly asset: string;
  /** The port it is exploited through (`tcp/80`); absent: any port of the asset (a package flaw). */
  readonly port?: string;
  readonly range: 'remote' | 'local';
  /** Remote code execution runs with `privilege`; local escalation gives root. */
  readonly grants?: Privilege;
  /** What exploiting it leaks (credential disclosure, CyberBattleSim's leaks). */
  readonly leaksCredentials: readonly string[];
  readonly leaksAssets: readonly string[];
  /** Remote exploits need network access unless false (CyberBattleSim ignores the network). */
  readonly needsNetwork: boolean;
  readonly probability: number;
  readonly fix?: FixSpec;
}

export interface CredentialStore {
  readonly credential: string;
  readonly asset: string;
  /** The privilege that reads it there. */
  readonly requires: Privilege;
  readonly relation?: string;
  readonly fix?: FixSpec;
}

export interface CredentialAcceptance {
  readonly credential: string;
  readonly asset: string;
  readonly grants: Privilege;
  /** The login's port (`tcp/22`); absent: any reachable port. */
  readonly port?: string;
  readonly relation?: string;
  readonly fix?: FixSpec;
}

/** `asset` lets whoever holds root on `trusted` in (an admin session, an authorised key). */
export interface AssetTrust {
  readonly asset: string;
  readonly trusted: string;
  readonly grants: Privilege;
  readonly port?: string;
  readonly relation?: string;
  readonly fix?: FixSpec;
}

export interface AttackEntry {
  readonly kind: 'foothold' | 'phishing';
  readonly asset: string;
  /** Phishing: chance a campaign gets code execution there. */
  readonly probability: number;
}

export interface StepProbabilities {
  readonly credentialTheft: number;
  readonly credentialReuse: number;
  readonly trust: number;
}

export interface AttackModel {
  readonly assets: readonly AttackAsset[];
  readonly segments: readonly AttackSegment[];
  readonly reach: readonly ReachRule[];
  readonly vulnerabilities: readonly VulnerabilityInstance[];
  readonly credentialStores: readonly CredentialStore[];
  readonly credentialAcceptances: readonly CredentialAcceptance[];
  readonly trusts: readonly AssetTrust[];
  readonly entries: readonly AttackEntry[];
  /** Crown jewels: assets whose compromise (any privilege) is the attacker's goal. */
  readonly jewels: readonly string[];
  readonly probabilities: StepProbabilities;
}

export const defaultStepProbabilities: StepProbabilities = {
  credentialTheft: 0.9,
  credentialReuse: 0.9,
  trust: 0.8,
};
