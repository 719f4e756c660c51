import type {
  AttackModel,
  FixSpec,
  Privilege,
  ReachRule,
  VulnerabilityInstance,
} from '../model/attack-model.js';
import { anyPort, ruleCovers } from '../model/port-match.js';
import type { AttackGraph, NodeFact } from './attack-graph.js';
import { AttackGraphBuilder } from './attack-graph-builder.js';
import { type AttackRule, attackRules } from './attack-rules.js';

/** The graph and the way back from the model's names to its nodes. */
export interface BuiltAttackGraph {
  readonly graph: AttackGraph;
  /** execCode(asset, privilege) per asset id. */
  readonly execCode: ReadonlyMap<string, { readonly user: number; readonly root: number }>;
  readonly credentials: ReadonlyMap<string, number>;
  /** Goal node per crown jewel id. */
  readonly goals: ReadonlyMap<string, number>;
}

/**
 * Instantiates the rule set (attack-rules.ts) over the model: one OR node per derived fact that can
 * matter, one AND node per rule instance, one leaf per primitive fact. Network access goes through
 * segment footholds, so a rule between two segments costs one AND node per reachable port of a
 * member rather than one per pair of hosts.
 */
export function buildAttackGraph(model: AttackModel): BuiltAttackGraph {
  return new GraphAssembly(model).assemble();
}

class GraphAssembly {
  private readonly b = new AttackGraphBuilder();
  private readonly exec = new Map<string, { user: number; root: number }>();
  private readonly known = new Map<string, number>();
  private readonly netAccess = new Map<string, Map<string, number>>();
  private readonly netAny = new Map<string, number>();
  private readonly footholds = new Map<string, number>();
  private readonly creds = new Map<string, number>();
  private readonly members = new Map<string, string[]>();
  private readonly assetPorts = new Map<string, readonly string[]>();
  private active: number | undefined;

  constructor(private readonly model: AttackModel) {}

  assemble(): BuiltAttackGraph {
    this.declareAssets();
    this.declareSegments();
    this.deriveReach();
    this.deriveExploits();
    this.deriveCredentials();
    this.deriveTrusts();
    this.deriveEntries();
    const goals = new Map<string, number>();
    for (const jewel of this.model.jewels) {
      const node = this.exec.get(jewel)?.user;
      if (node !== undefined) goals.set(jewel, node);
    }
    const graph = this.b.build([...goals.values()]);
    return { graph, execCode: this.exec, credentials: this.creds, goals };
  }

  private declareAssets(): void {
    for (const asset of this.model.assets) {
      const user = this.b.or(() => ({ label: `execCode(${asset.id},user)`, entities: [asset.id] }));
      const root = this.b.or(() => ({ label: `execCode(${asset.id},root)`, entities: [asset.id] }));
      this.exec.set(asset.id, { user, root });
      this.rule(attackRules.rootIsUser, user, [root], 1, 0, [asset.id]);
      this.known.set(
        asset.id,
        asset.known ? -1 : this.b.or({ label: `known(${asset.id})`, entities: [asset.id] }),
      );
      const ports = asset.ports.length > 0 ? asset.ports : [anyPort];
      this.assetPorts.set(asset.id, ports);
      for (const segment of asset.segments) {
        const list = this.members.get(segment) ?? [];
        list.push(asset.id);
        this.members.set(segment, list);
      }
    }
    for (const asset of this.model.assets) {
      const guest = this.exec.get(asset.id);
      for (const host of asset.hostedOn) {
        const hostNodes = this.exec.get(host);
        if (guest && hostNodes)
          this.rule(attackRules.hostControlsGuest, guest.root, [hostNodes.root], 1, 0, [asset.id, host]);
      }
    }
  }

  private declareSegments(): void {
    for (const segment of this.model.segments) {
      const node = this.b.or({ label: `foothold(${segment.id})`, entities: [segment.id] });
      this.footholds.set(segment.id, node);
      if (segment.attackerLocated) {
        const located = this.b.leaf({ label: `attackerLocated(${segment.id})`, entities: [segment.id] });
        this.rule(attackRules.segmentFoothold, node, [located], 1, 0, [segment.id]);
      }
      for (const member of this.members.get(segment.id) ?? []) {
        this.rule(attackRules.segmentFoothold, node, [this.execNode(member, 'user')], 1, 0, [
          segment.id,
          member,
        ]);
      }
    }
    for (const segment of this.model.segments) {
      if (!segment.openInside) continue;
      const foothold = this.footholds.get(segment.id) as number;
      for (const member of this.members.get(segment.id) ?? []) {
        for (const port of this.assetPorts.get(member) ?? []) {
          this.rule(attackRules.networkAccess, this.netAccessNode(member, port), [foothold], 1, 0, [
            segment.id,
            member,
          ]);
        }
      }
    }
  }

  private deriveReach(): void {
    for (const rule of this.model.reach) {
      const source =
        'segment' in rule.from ? this.footholds.get(rule.from.segment) : this.exec.get(rule.from.asset)?.user;
      if (source === undefined) continue;
      const targets = 'segment' in rule.to ? (this.members.get(rule.to.segment) ?? []) : [rule.to.asset];
      let leaf: number | undefined;
      for (const target of targets) {
        for (const port of this.assetPorts.get(target) ?? []) {
          if (!ruleCovers(rule.ports, port)) continue;
          leaf ??= this.reachLeaf(rule);
          this.rule(attackRules.networkAccess, this.netAccessNode(target, port), [source, leaf], 1, 0, [
            target,
          ]);
        }
      }
    }
  }

  private reachLeaf(rule: ReachRule): number {
    const end = (side: ReachRule['from']) => ('segment' in side ? side.segment : side.asset);
    return this.b.leaf(
      {
        label: `allows(${end(rule.from)} → ${end(rule.to)}, ${rule.ports.join(',')})`,
        entities: [end(rule.from), end(rule.to)],
        relation: rule.id,
      },
      this.fixIndex(rule.fix),
    );
  }

  private deriveExploits(): void {
    for (const vuln of this.model.vulnerabilities) {
      const exec = this.exec.get(vuln.asset);
      if (!exec) continue;
      const leaf = this.b.leaf(
        () => ({
          label: `vulExists(${vuln.asset}, ${vuln.vulnerability}${vuln.port ? `, ${vuln.port}` : ''}, ${vuln.range})`,
          entities: [vuln.asset, vuln.vulnerability],
          relation: vuln.id,
        }),
        this.fixIndex(vuln.fix),
      );
      const premises = [leaf, ...this.exploitPrerequisites(vuln, exec.user)];
      const outcomes = this.exploitOutcomes(vuln);
      if (outcomes.length === 0) continue;
      const rule = vuln.range === 'local' ? attackRules.localEscalation : attackRules.remoteExploit;
      const entities = [vuln.asset, vuln.vulnerability];
      if (outcomes.length === 1) {
        this.rule(rule, outcomes[0] as number, premises, vuln.probability, 1, entities);
        continue;
      }
      const exploited = this.b.or({ label: `exploited(${vuln.asset}, ${vuln.vulnerability})`, entities });
      this.rule(rule, exploited, premises, vuln.probability, 1, entities);
      for (const outcome of outcomes)
        this.rule(attackRules.credentialDisclosure, outcome, [exploited], 1, 0, entities);
    }
  }

  private exploitPrerequisites(vuln: VulnerabilityInstance, userNode: number): number[] {
    if (vuln.range === 'local') return [userNode];
    const premises: number[] = [];
    const known = this.known.get(vuln.asset) ?? -1;
    if (known >= 0) premises.push(known);
    if (!vuln.needsNetwork) premises.push(this.activeNode());
    else premises.push(this.loginAccess(vuln.asset, vuln.port));
    return premises;
  }

  private exploitOutcomes(vuln: VulnerabilityInstance): number[] {
    const outcomes: number[] = [];
    if (vuln.grants) outcomes.push(this.execNode(vuln.asset, vuln.grants));
    for (const credential of vuln.leaksCredentials) outcomes.push(this.credentialNode(credential));
    for (const asset of vuln.leaksAssets) {
      const known = this.known.get(asset);
      if (known !== undefined && known >= 0) outcomes.push(known);
    }
    return outcomes;
  }

  private deriveCredentials(): void {
    for (const store of this.model.credentialStores) {
      if (!this.exec.has(store.asset)) continue;
      const leaf = this.b.leaf(
        {
          label: `storedOn(${store.credential}, ${store.asset}, ${store.requires})`,
          entities: [store.credential, store.asset],
          ...(store.relation ? { relation: store.relation } : {}),
        },
        this.fixIndex(store.fix),
      );
      this.rule(
        attackRules.credentialTheft,
        this.credentialNode(store.credential),
        [this.execNode(store.asset, store.requires), leaf],
        this.model.probabilities.credentialTheft,
        1,
        [store.credential, store.asset],
      );
    }
    for (const accept of this.model.credentialAcceptances) {
      if (!this.exec.has(accept.asset)) continue;
      const leaf = this.b.leaf(
        {
          label: `accepts(${accept.asset}, ${accept.credential}${accept.port ? `, ${accept.port}` : ''}, ${accept.grants})`,
          entities: [accept.asset, accept.credential],
          ...(accept.relation ? { relation: accept.relation } : {}),
        },
        this.fixIndex(accept.fix),
      );
      const premises = [
        this.credentialNode(accept.credential),
        leaf,
        this.loginAccess(accept.asset, accept.port),
      ];
      const known = this.known.get(accept.asset) ?? -1;
      if (known >= 0) premises.push(known);
      this.rule(
        attackRules.credentialReuse,
        this.execNode(accept.asset, accept.grants),
        premises,
        this.model.probabilities.credentialReuse,
        1,
        [accept.asset, accept.credential],
      );
    }
  }

  private deriveTrusts(): void {
    for (const trust of this.model.trusts) {
      if (!this.exec.has(trust.asset) || !this.exec.has(trust.trusted)) continue;
      const leaf = this.b.leaf(
        {
          label: `trusts(${trust.asset}, ${trust.trusted}, ${trust.grants})`,
          entities: [trust.asset, trust.trusted],
          ...(trust.relation ? { relation: trust.relation } : {}),
        },
        this.fixIndex(trust.fix),
      );
      this.rule(
        attackRules.trustedLogin,
        this.execNode(trust.asset, trust.grants),
        [this.execNode(trust.trusted, 'root'), leaf, this.loginAccess(trust.asset, trust.port)],
        this.model.probabilities.trust,
        1,
        [trust.asset, trust.trusted],
      );
    }
  }

  private deriveEntries(): void {
    for (const entry of this.model.entries) {
      if (!this.exec.has(entry.asset)) continue;
      const phishing = entry.kind === 'phishing';
      const leaf = this.b.leaf({
        label: `${phishing ? 'phishingProne' : 'foothold'}(${entry.asset})`,
        entities: [entry.asset],
      });
      this.rule(
        phishing ? attackRules.phishing : attackRules.foothold,
        this.execNode(entry.asset, 'user'),
        [leaf],
        phishing ? entry.probability : 1,
        phishing ? 1 : 0,
        [entry.asset],
      );
    }
  }

  /** Access to `port` where it listens on the asset, else to any of its ports. */
  private loginAccess(asset: string, port: string | undefined): number {
    return port && (this.assetPorts.get(asset) ?? []).includes(port)
      ? this.netAccessNode(asset, port)
      : this.netAnyNode(asset);
  }

  private execNode(asset: string, privilege: Privilege): number {
    return (this.exec.get(asset) as { user: number; root: number })[privilege];
  }

  private netAccessNode(asset: string, port: string): number {
    let ports = this.netAccess.get(asset);
    if (!ports) {
      ports = new Map();
      this.netAccess.set(asset, ports);
    }
    let node = ports.get(port);
    if (node === undefined) {
      node = this.b.or(() => ({ label: `netAccess(${asset}, ${port})`, entities: [asset] }));
      ports.set(port, node);
    }
    return node;
  }

  /** Some listening port of the asset is reachable: a package flaw or a login with no stated port. */
  private netAnyNode(asset: string): number {
    let node = this.netAny.get(asset);
    if (node === undefined) {
      node = this.b.or({ label: `netAccess(${asset}, any port)`, entities: [asset] });
      this.netAny.set(asset, node);
      for (const port of this.assetPorts.get(asset) ?? [anyPort]) {
        this.rule(attackRules.anyPort, node, [this.netAccessNode(asset, port)], 1, 0, [asset]);
      }
    }
    return node;
  }

  private credentialNode(credential: string): number {
    let node = this.creds.get(credential);
    if (node === undefined) {
      node = this.b.or({ label: `hasCredential(${credential})`, entities: [credential] });
      this.creds.set(credential, node);
    }
    return node;
  }

  /** Whether the attacker holds any foothold at all (CyberBattleSim's exploits need no route). */
  private activeNode(): number {
    if (this.active === undefined) {
      const active = this.b.or({ label: 'attackerActive', entities: [] });
      this.active = active;
      for (const [asset, nodes] of this.exec)
        this.rule(attackRules.attackerPresence, active, [nodes.user], 1, 0, [asset]);
    }
    return this.active;
  }

  private fixIndex(fix: FixSpec | undefined): number {
    if (!fix) return -1;
    return this.b.fix(fix.cost === undefined ? { ...fix, cost: 1 } : (fix as FixSpec & { cost: number }));
  }

  private rule(
    rule: AttackRule,
    conclusion: number,
    premises: readonly number[],
    probability: number,
    steps: number,
    entities: readonly string[],
  ): number {
    const fact: NodeFact = {
      label: ruleLabel(rule),
      rule: rule.number,
      entities,
      technique: techniqueOf(rule),
    };
    return this.b.and(fact, conclusion, premises, probability, steps);
  }
}

/** One label string per rule, shared by all its instances (a large graph has hundreds of thousands). */
const ruleLabels = new Map<number, string>();

function ruleLabel(rule: AttackRule): string {
  let label = ruleLabels.get(rule.number);
  if (label === undefined) {
    label = `RULE ${rule.number} (${rule.name})`;
    ruleLabels.set(rule.number, label);
  }
  return label;
}

function techniqueOf(rule: AttackRule): string | undefined {
  return 'technique' in rule ? rule.technique : undefined;
}
