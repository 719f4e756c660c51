// The rule set of the attack graph: each rule derives an attacker privilege or position from facts
// (docs/attack.md lists them with examples). Numbers are stable: explanations and the API cite them.

export interface AttackRule {
  readonly number: number;
  readonly name: string;
  /** Head ← body, in MulVAL's notation. */
  readonly form: string;
  /** ATT&CK technique of the attacker's action, for rules that are one. */
  readonly technique?: string;
}

export const attackRules = {
  networkAccess: {
    number: 1,
    name: 'network access',
    form: 'netAccess(A, port) ← foothold(S) ∧ allows(S → A, port)  |  execCode(B, user) ∧ allows(B → A, port)',
  },
  segmentFoothold: {
    number: 2,
    name: 'foothold in a segment',
    form: 'foothold(S) ← attackerLocated(S)  |  execCode(A, user) ∧ A ∈ S',
  },
  anyPort: { number: 3, name: 'some port reachable', form: 'netAccessAny(A) ← netAccess(A, port)' },
  remoteExploit: {
    number: 4,
    name: 'remote exploit',
    form: 'execCode(A, priv) ← vulExists(A, v, port, remote) ∧ netAccess(A, port)',
    technique: 'T1210',
  },
  localEscalation: {
    number: 5,
    name: 'local privilege escalation',
    form: 'execCode(A, root) ← execCode(A, user) ∧ vulExists(A, v, local)',
    technique: 'T1068',
  },
  rootIsUser: { number: 6, name: 'root implies user', form: 'execCode(A, user) ← execCode(A, root)' },
  hostControlsGuest: {
    number: 7,
    name: 'host controls its guests',
    form: 'execCode(G, root) ← execCode(H, root) ∧ runsOn(G, H)',
  },
  credentialTheft: {
    number: 8,
    name: 'credential theft',
    form: 'hasCredential(C) ← execCode(A, priv) ∧ storedOn(C, A, priv)',
    technique: 'T1552.001',
  },
  credentialDisclosure: {
    number: 9,
    name: 'information disclosure',
    form: 'hasCredential(C) ∨ known(X) ← vulExists(A, v, leaks C or X) ∧ netAccess(A, port)',
    technique: 'T1552',
  },
  credentialReuse: {
    number: 10,
    name: 'valid account',
    form: 'execCode(B, priv) ← hasCredential(C) ∧ accepts(B, C, port, priv) ∧ netAccess(B, port)',
    technique: 'T1078',
  },
  trustedLogin: {
    number: 11,
    name: 'lateral movement along trust',
    form: 'execCode(B, priv) ← execCode(A, root) ∧ trusts(B, A, priv) ∧ netAccess(B, port)',
    technique: 'T1021',
  },
  foothold: { number: 12, name: 'initial foothold', form: 'execCode(A, user) ← foothold(A)' },
  phishing: {
    number: 13,
    name: 'phishing',
    form: 'execCode(W, user) ← phishingProne(W)',
    technique: 'T1566',
  },
  attackerPresence: {
    number: 14,
    name: 'attacker present',
    form: 'active ← execCode(A, user)  (CyberBattleSim: exploits from any owned node)',
  },
} as const satisfies Record<string, AttackRule>;

export type AttackRuleName = keyof typeof attackRules;

export const attackRuleList: readonly AttackRule[] = Object.values(attackRules);
