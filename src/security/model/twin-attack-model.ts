// The twin, read as an attack model (docs/attack.md, "What the twin tells the attack graph").
import {
  type Entity,
  type EntityId,
  type IpAddress,
  type IpNetwork,
  type JsonValue,
  type LabelSelector,
  matchesSelector,
  networkContains,
  networkMask,
  parseIp,
  parseNetwork,
  type Relation,
  type RelationType,
  type TwinView,
  unmapIpv4,
} from '../../model/index.js';
import { parseCvssVector } from '../vulnerability/cvss.js';
import { exploitProbability } from '../vulnerability/exploit-probability.js';
import { exploitOf, isExploitOverride } from '../vulnerability/exploit-semantics.js';
import {
  type AssetTrust,
  type AttackAsset,
  type AttackEntry,
  type AttackModel,
  type AttackSegment,
  type CredentialAcceptance,
  type CredentialStore,
  defaultStepProbabilities,
  type FixSpec,
  type Privilege,
  type ReachRule,
  type VulnerabilityInstance,
} from './attack-model.js';
import { anyPort, parsePortList } from './port-match.js';

/** Kinds an attacker can run code on; facility devices count through their management cards. */
export const attackableKinds: ReadonlySet<string> = new Set([
  'host',
  'vm',
  'container',
  'cloud-instance',
  'switch',
  'router',
  'firewall',
  'load-balancer',
  'storage-array',
  'pdu',
  'ups',
  'cooling-unit',
]);
/** Kinds that run on an asset and listen on a port. */
const listeningKinds = new Set(['network-service', 'service', 'database']);

export const internetSegmentId = 'network-segment:internet';
export const defaultSegmentId = 'network-segment:default';

export interface TwinAttackOptions {
  /** Crown jewels: `crown-jewel=true` unless given. Services and databases stand for the assets they run on. */
  readonly jewels?: LabelSelector;
  /** Extra footholds (assume breach): assets matching this selector. */
  readonly footholds?: LabelSelector;
  readonly probabilities?: Partial<AttackModel['probabilities']>;
  readonly defaultPhishingProbability?: number;
}

/** A fact the compiler could not read, with the relation or entity it comes from. */
export interface TwinAttackProblem {
  readonly ref: string;
  readonly problem: string;
}

export interface TwinAttackModel {
  readonly model: AttackModel;
  /** Jewel entity → the assets whose compromise is its compromise. */
  readonly jewelAssets: ReadonlyMap<EntityId, readonly EntityId[]>;
  readonly problems: readonly TwinAttackProblem[];
}

interface VulnerabilityMeaning {
  readonly name: string;
  readonly range: 'remote' | 'local' | 'none';
  readonly consequence: 'code-execution' | 'privilege-escalation' | 'credential-disclosure' | 'none';
  readonly probability: number;
}

const crownJewels: LabelSelector = [{ key: 'crown-jewel', op: 'in', values: ['true'] }];

/**
 * Compiles a twin view (the live twin or a fork) into the attack model: attackable entities become
 * assets with the ports that listen on them; network segments hold them by containment or by
 * address; `allows` relations, internet exposure (`entryPoint` services, `attack-entry=internet`)
 * and flat segments become reach rules; `has-vulnerability`, credentials' `stored-on` and `trusts`
 * become exploits, stores and logins. Unreadable facts are reported, not guessed.
 */
export function twinAttackModel(view: TwinView, options: TwinAttackOptions = {}): TwinAttackModel {
  return new TwinCompilation(view, options).compile();
}

class TwinCompilation {
  private readonly problems: TwinAttackProblem[] = [];
  private readonly assets = new Map<EntityId, Entity>();
  private readonly ports = new Map<EntityId, Set<string>>();
  /** Listening entity (network-service, service, database) → where it runs and its port. */
  private readonly listeners = new Map<
    EntityId,
    { assets: EntityId[]; port: string | undefined; runsAs: Privilege }
  >();
  private readonly segmentOf = new Map<EntityId, Set<EntityId>>();
  private readonly segments: AttackSegment[] = [];
  private readonly reach: ReachRule[] = [];
  private runsOn = new Map<EntityId, EntityId[]>();
  private contains = new Map<EntityId, EntityId[]>();

  constructor(
    private readonly view: TwinView,
    private readonly options: TwinAttackOptions,
  ) {}

  compile(): TwinAttackModel {
    // Indexed once by type: asking the view for an entity's outgoing relations of one type walks
    // all of them, and a host with a hundred findings has a hundred has-vulnerability relations.
    this.runsOn = targetsByOrigin(this.view, 'runs-on');
    this.contains = targetsByOrigin(this.view, 'contains');
    for (const entity of this.view.entities())
      if (attackableKinds.has(entity.kind)) this.assets.set(entity.id, entity);
    this.readListeners();
    this.readSegments();
    this.readAllows();
    this.readExposure();
    const assets = this.buildAssets();
    const { stores, acceptances, trusts } = this.readCredentialsAndTrusts();
    const { jewels, jewelAssets } = this.readJewels();
    const model: AttackModel = {
      assets,
      segments: this.segments,
      reach: this.reach,
      vulnerabilities: this.readVulnerabilities(stores),
      credentialStores: stores,
      credentialAcceptances: acceptances,
      trusts,
      entries: this.readEntries(),
      jewels,
      probabilities: { ...defaultStepProbabilities, ...this.options.probabilities },
    };
    return { model, jewelAssets, problems: this.problems };
  }

  /** Where each listening service runs (following runs-on down to assets) and its port. */
  private readListeners(): void {
    for (const entity of this.view.entities()) {
      if (!listeningKinds.has(entity.kind)) continue;
      const assets = this.hostingAssets(entity.id);
      const port = portOf(entity);
      const runsAs: Privilege = entity.props.runsAs === 'root' ? 'root' : 'user';
      this.listeners.set(entity.id, { assets, port, runsAs });
      if (port) for (const asset of assets) this.portsOf(asset).add(port);
    }
  }

  /** The assets an entity runs on: itself if it is one, else down its runs-on chain (first assets met). */
  private hostingAssets(id: EntityId, depth = 0): EntityId[] {
    if (this.assets.has(id)) return [id];
    if (depth > 6) return [];
    return (this.runsOn.get(id) ?? []).flatMap((to) => this.hostingAssets(to, depth + 1));
  }

  private portsOf(asset: EntityId): Set<string> {
    let set = this.ports.get(asset);
    if (!set) {
      set = new Set();
      this.ports.set(asset, set);
    }
    return set;
  }

  private readSegments(): void {
    const networks: Array<{ segment: EntityId; network: IpNetwork; mask: bigint }> = [];
    for (const entity of this.view.entitiesOfKind('network-segment')) {
      const internet = entity.props.internet === true;
      this.segments.push({
        id: entity.id,
        attackerLocated: internet,
        openInside: !internet && entity.props.isolated !== true,
      });
      for (const text of stringList(entity.props.cidrs)) {
        const network = parseNetwork(text);
        if ('message' in network)
          this.problems.push({ ref: `${entity.id}.props.cidrs`, problem: `'${text}' ${network.message}` });
        else
          networks.push({ segment: entity.id, network, mask: networkMask(network.family, network.prefix) });
      }
      for (const member of this.contains.get(entity.id) ?? []) {
        for (const asset of this.hostingAssets(member)) this.join(asset, entity.id);
      }
    }
    for (const [id, entity] of this.assets) {
      for (const address of this.addressesOf(entity)) {
        const mapped = unmapIpv4(address);
        for (const { segment, network, mask } of networks) {
          if (insideNetwork(address, network, mask) || insideNetwork(mapped, network, mask))
            this.join(id, segment);
        }
      }
    }
    // A guest with no segment of its own is reached through its host's network.
    for (const [id] of this.assets) {
      if (this.segmentOf.has(id)) continue;
      for (const host of this.runsOn.get(id) ?? []) {
        for (const segment of this.segmentOf.get(host) ?? []) this.join(id, segment);
      }
    }
    const unplaced = [...this.assets.keys()].filter((id) => !this.segmentOf.has(id));
    if (unplaced.length > 0) {
      this.segments.push({ id: defaultSegmentId, attackerLocated: false, openInside: true });
      for (const id of unplaced) this.join(id, defaultSegmentId);
    }
  }

  private join(asset: EntityId, segment: EntityId): void {
    let set = this.segmentOf.get(asset);
    if (!set) {
      set = new Set();
      this.segmentOf.set(asset, set);
    }
    set.add(segment);
  }

  private addressesOf(entity: Entity) {
    const texts = [...stringList(entity.props.ipAddresses), ...stringList(entity.props.managementIp)];
    for (const member of this.contains.get(entity.id) ?? []) {
      const inner = this.view.entity(member);
      if (inner?.kind === 'interface') texts.push(...stringList(inner.props.ipAddresses));
    }
    return texts
      .map((text) => parseIp(text.split('/')[0] ?? text))
      .filter((address) => address !== undefined);
  }

  /** `allows` relations: from a segment or an asset (or a firewall, whose `source` names the segments). */
  private readAllows(): void {
    for (const relation of this.view.relations('allows')) {
      const to = this.reachTarget(relation);
      if (!to) continue;
      let ports: string[];
      try {
        ports = parsePortList(
          portsText(relation.props.ports ?? relation.props.port) ?? to.port ?? '*',
          stringOr(relation.props.protocol, 'any'),
        );
      } catch (error) {
        this.problems.push({ ref: relation.id, problem: (error as Error).message });
        continue;
      }
      const fix = {
        id: `block:${relation.id}`,
        kind: 'block-rule' as const,
        target: relation.id,
        description: `remove the rule ${relation.id}`,
        cost: costOf(relation),
      };
      for (const from of this.reachSources(relation)) {
        for (const target of to.targets) this.reach.push({ id: relation.id, from, to: target, ports, fix });
      }
    }
  }

  private reachTarget(
    relation: Relation,
  ): { targets: ReachRule['to'][]; port: string | undefined } | undefined {
    const target = this.view.entity(relation.to);
    if (!target) return undefined;
    if (target.kind === 'network-segment') return { targets: [{ segment: target.id }], port: undefined };
    if (this.assets.has(target.id)) return { targets: [{ asset: target.id }], port: undefined };
    const listener = this.listeners.get(target.id);
    if (listener)
      return { targets: listener.assets.map((asset) => ({ asset })), port: listener.port?.split('/')[1] };
    this.problems.push({
      ref: relation.id,
      problem: `allows points at ${target.kind} ${target.id}, which is not a segment, an asset or a service`,
    });
    return undefined;
  }

  private reachSources(relation: Relation): ReachRule['from'][] {
    const source = this.view.entity(relation.from);
    if (!source) return [];
    if (source.kind === 'network-segment') return [{ segment: source.id }];
    if (this.assets.has(source.id) && !['firewall', 'router'].includes(source.kind))
      return [{ asset: source.id }];
    // A firewall's or router's rule: the source is its `source` CIDRs (any by default).
    const sources = stringList(relation.props.source);
    const fromAnywhere =
      sources.length === 0 || sources.some((text) => ['any', '*', '0.0.0.0/0', '::/0'].includes(text));
    return this.segments
      .filter((segment) =>
        segment.attackerLocated ? fromAnywhere : fromAnywhere || this.segmentOverlaps(segment.id, sources),
      )
      .map((segment) => ({ segment: segment.id }));
  }

  private segmentOverlaps(segmentId: EntityId, sources: readonly string[]): boolean {
    const segment = this.view.entity(segmentId);
    const blocks = sources.map((text) => parseNetwork(text)).filter((n): n is IpNetwork => !('message' in n));
    return stringList(segment?.props.cidrs).some((text) => {
      const network = parseNetwork(text);
      if ('message' in network) return false;
      const base = { family: network.family, value: network.base };
      return blocks.some(
        (block) =>
          networkContains(block, base) ||
          networkContains(network, { family: block.family, value: block.base }),
      );
    });
  }

  /** Internet-facing services and assets: reach rules from the internet, each a fix (take it down). */
  private readExposure(): void {
    const exposures: Array<{ id: EntityId; to: ReachRule['to']; ports: string[] }> = [];
    for (const [id, listener] of this.listeners) {
      const entity = this.view.entity(id);
      if (entity?.props.entryPoint !== true) continue;
      for (const asset of listener.assets)
        exposures.push({ id, to: { asset }, ports: [listener.port ?? anyPort] });
    }
    for (const [id, entity] of this.assets)
      if (entity.labels['attack-entry'] === 'internet')
        exposures.push({ id, to: { asset: id }, ports: [anyPort] });
    if (exposures.length === 0) return;
    let internet = this.segments.find((segment) => segment.attackerLocated);
    if (!internet) {
      internet = { id: internetSegmentId, attackerLocated: true, openInside: false };
      this.segments.push(internet);
    }
    for (const exposure of exposures) {
      this.reach.push({
        id: `exposure:${exposure.id}`,
        from: { segment: internet.id },
        to: exposure.to,
        ports: exposure.ports,
        fix: {
          id: `unexpose:${exposure.id}`,
          kind: 'remove-exposure',
          target: exposure.id,
          description: `take ${exposure.id} off the internet`,
        },
      });
    }
  }

  private buildAssets(): AttackAsset[] {
    return [...this.assets.values()].map((entity) => ({
      id: entity.id,
      kind: entity.kind,
      name: entity.name,
      segments: [...(this.segmentOf.get(entity.id) ?? [])],
      known: true,
      hostedOn: (this.runsOn.get(entity.id) ?? []).filter((to) => this.assets.has(to)),
      ports: [...(this.ports.get(entity.id) ?? [])],
    }));
  }

  private readVulnerabilities(stores: readonly CredentialStore[]): VulnerabilityInstance[] {
    const storedOn = new Map<EntityId, string[]>();
    for (const store of stores) {
      const list = storedOn.get(store.asset);
      if (list) list.push(store.credential);
      else storedOn.set(store.asset, [store.credential]);
    }
    // Keyed by vulnerability id: 100,000 findings may share a few thousand CVEs.
    const semantics = new Map<EntityId, VulnerabilityMeaning | undefined>();
    const instances: VulnerabilityInstance[] = [];
    const none: string[] = [];
    for (const relation of this.view.relations('has-vulnerability')) {
      if (relation.props.status === 'fixed' || relation.props.patched === true) continue;
      let meaning = semantics.get(relation.to);
      if (meaning === undefined && !semantics.has(relation.to)) {
        const vulnerability = this.view.entity(relation.to);
        meaning = vulnerability ? this.vulnerabilitySemantics(vulnerability) : undefined;
        semantics.set(relation.to, meaning);
      }
      if (!meaning || meaning.range === 'none' || meaning.consequence === 'none') continue;
      const listener = this.listeners.get(relation.from);
      const assets = listener ? listener.assets : this.assets.has(relation.from) ? [relation.from] : none;
      const grants: Privilege | undefined =
        meaning.consequence === 'privilege-escalation'
          ? 'root'
          : meaning.consequence === 'code-execution'
            ? (listener?.runsAs ?? 'user')
            : undefined;
      const fix: FixSpec = {
        id: `patch:${relation.id}`,
        kind: 'patch',
        target: relation.id,
        description: `patch ${meaning.name} on ${relation.from}`,
        cost: costOf(relation),
      };
      for (const asset of assets) {
        instances.push({
          id: relation.id,
          vulnerability: relation.to,
          asset,
          port: meaning.range === 'remote' ? listener?.port : undefined,
          range: meaning.range,
          grants,
          leaksCredentials:
            meaning.consequence === 'credential-disclosure' ? (storedOn.get(asset) ?? none) : none,
          leaksAssets: none,
          needsNetwork: true,
          probability: meaning.probability,
          fix,
        });
      }
    }
    return instances;
  }

  private vulnerabilitySemantics(vulnerability: Entity): VulnerabilityMeaning {
    const props = vulnerability.props;
    const exploit = exploitOf({
      ...(typeof props.cvssV3Vector === 'string' ? { cvssV3Vector: props.cvssV3Vector } : {}),
      ...(typeof props.cvssV4Vector === 'string' ? { cvssV4Vector: props.cvssV4Vector } : {}),
      ...(isExploitOverride(props.exploit) ? { exploitOverride: props.exploit } : {}),
    });
    const vector = typeof props.cvssV4Vector === 'string' ? props.cvssV4Vector : props.cvssV3Vector;
    const cvss = typeof vector === 'string' ? parseCvssVector(vector) : undefined;
    const likelihood = exploitProbability({
      ...(cvss && !(cvss instanceof Error) ? { cvss } : {}),
      ...(typeof props.epss === 'number' ? { epss: props.epss } : {}),
      kev: props.kev === true,
      userInteraction: exploit.userInteraction,
    });
    return {
      name: vulnerability.name,
      range: exploit.range,
      consequence: exploit.consequence,
      probability: likelihood.probability,
    };
  }

  private readCredentialsAndTrusts(): {
    stores: CredentialStore[];
    acceptances: CredentialAcceptance[];
    trusts: AssetTrust[];
  } {
    const stores: CredentialStore[] = [];
    const acceptances: CredentialAcceptance[] = [];
    const trusts: AssetTrust[] = [];
    for (const credential of this.view.entitiesOfKind('credential')) {
      for (const relation of this.view.outgoing(credential.id, 'stored-on')) {
        const requires: Privilege = relation.props.requiresPrivilege === 'root' ? 'root' : 'user';
        for (const asset of this.placesOf(relation.to))
          stores.push({ credential: credential.id, asset, requires, relation: relation.id });
      }
    }
    for (const relation of this.view.relations('trusts')) {
      const grants: Privilege = relation.props.privilege === 'root' ? 'root' : 'user';
      const port = typeof relation.props.port === 'number' ? `tcp/${relation.props.port}` : undefined;
      const trusted = this.view.entity(relation.to);
      if (!trusted) continue;
      if (trusted.kind === 'credential') {
        const listener = this.listeners.get(relation.from);
        for (const asset of this.placesOf(relation.from)) {
          acceptances.push({
            credential: trusted.id,
            asset,
            grants,
            ...((port ?? listener?.port) ? { port: (port ?? listener?.port) as string } : {}),
            relation: relation.id,
            fix: {
              id: `rotate:${trusted.id}`,
              kind: 'rotate-credential',
              target: trusted.id,
              description: `rotate ${trusted.name}`,
              cost: costOf(trusted),
            },
          });
        }
      } else if (this.assets.has(trusted.id)) {
        for (const asset of this.placesOf(relation.from)) {
          trusts.push({
            asset,
            trusted: trusted.id,
            grants,
            ...(port ? { port } : {}),
            relation: relation.id,
            fix: {
              id: `untrust:${relation.id}`,
              kind: 'remove-trust',
              target: relation.id,
              description: `remove ${relation.from}'s trust in ${trusted.id}`,
              cost: costOf(relation),
            },
          });
        }
      }
    }
    return { stores, acceptances, trusts };
  }

  /** An asset, or the assets a service or database runs on. */
  private placesOf(id: EntityId): EntityId[] {
    return this.assets.has(id) ? [id] : (this.listeners.get(id)?.assets ?? this.hostingAssets(id));
  }

  private readEntries(): AttackEntry[] {
    const entries: AttackEntry[] = [];
    const phishing = this.options.defaultPhishingProbability ?? 0.3;
    for (const [id, entity] of this.assets) {
      const label = entity.labels['attack-entry'];
      if (
        label === 'foothold' ||
        (this.options.footholds && matchesSelector(entity.labels, this.options.footholds))
      )
        entries.push({ kind: 'foothold', asset: id, probability: 1 });
      else if (label === 'phishing') {
        const written = Number(entity.labels['attack-phishing-probability']);
        entries.push({
          kind: 'phishing',
          asset: id,
          probability: written >= 0 && written <= 1 ? written : phishing,
        });
      }
    }
    return entries;
  }

  private readJewels(): { jewels: EntityId[]; jewelAssets: Map<EntityId, EntityId[]> } {
    const selector = this.options.jewels ?? crownJewels;
    const jewelAssets = new Map<EntityId, EntityId[]>();
    for (const entity of this.view.entities()) {
      if (!matchesSelector(entity.labels, selector)) continue;
      const assets = this.placesOf(entity.id);
      if (assets.length > 0) jewelAssets.set(entity.id, assets);
      else
        this.problems.push({
          ref: entity.id,
          problem: 'is a crown jewel that runs on no asset the twin knows',
        });
    }
    return { jewels: [...new Set([...jewelAssets.values()].flat())], jewelAssets };
  }
}

function insideNetwork(address: IpAddress, network: IpNetwork, mask: bigint): boolean {
  return address.family === network.family && (address.value & mask) === network.base;
}

function targetsByOrigin(view: TwinView, type: RelationType): Map<EntityId, EntityId[]> {
  const map = new Map<EntityId, EntityId[]>();
  for (const relation of view.relations(type)) {
    const list = map.get(relation.from);
    if (list) list.push(relation.to);
    else map.set(relation.from, [relation.to]);
  }
  return map;
}

function portOf(entity: Entity): string | undefined {
  const port = entity.props.port;
  if (typeof port !== 'number' || !Number.isInteger(port)) return undefined;
  const protocol = typeof entity.props.protocol === 'string' ? entity.props.protocol.toLowerCase() : 'tcp';
  return `${protocol}/${port}`;
}

function stringList(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function stringOr(value: JsonValue | undefined, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function portsText(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join(',');
  return undefined;
}

/** A fix's cost from the thing it changes (`fixCost` prop), 1 by default. */
function costOf(item: { readonly props: Readonly<Record<string, JsonValue>> }): number {
  const cost = item.props.fixCost;
  return typeof cost === 'number' && cost > 0 ? cost : 1;
}
