// NetworkPolicy ingress rules as the twin's reach rules (`allows`, docs/attack.md).
//
// Kubernetes' model: a pod that no ingress policy selects accepts traffic from everywhere; once a
// policy with policyType Ingress selects it, it accepts only what some rule of such a policy
// allows. In the twin: every pod's container is a member of one segment per cluster,
// `network-segment:k8s-<cluster>`, marked `isolated` (members do not reach each other by
// membership), and
//   - a pod no ingress policy selects gets `allows` from that segment on every port;
//   - a rule with no `from` (every source) gets `allows` from that segment;
//   - a podSelector / namespaceSelector peer gets `allows` from each peer pod's container;
//   - an ipBlock peer gets `allows` from a segment `network-segment:k8s-<cluster>/<cidr>` with
//     `cidrs: [cidr]` (isolated as well: the policy says nothing about traffic inside the block).
// Ports become the relation's `ports` and `protocol` (one relation per protocol, keyed
// `<namespace>/<policy>/ingress-<n>/<protocol>`). A rule whose pairs exceed the cap is written as
// one rule between two segments made for it. Egress rules are not modelled: reach rules say who
// may connect to whom, and the ingress side of each policy already states that; a pod's egress
// restrictions are reported as not mapped.
import {
  type EntityId,
  type EntityInput,
  type Labels,
  type Props,
  parseNetwork,
  type RelationInput,
} from '../../../model/index.js';
import type { InventoryProblem } from '../inventory-import.js';
import { inventorySlug } from '../inventory-import.js';
import type { DocumentBuilder } from './document-builder.js';
import type {
  ContainerPort,
  KubernetesNamespace,
  KubernetesNetworkPolicy,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
} from './kubernetes-objects.js';
import { everything, type KubernetesLabelSelector, selectorMatches } from './kubernetes-selector.js';

/** A pod as the policies see it: its container entity, namespace, labels and declared ports. */
export interface PolicyPod {
  readonly id: EntityId;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly ContainerPort[];
}

export interface NetworkPolicyInput {
  readonly cluster: string;
  readonly pods: readonly PolicyPod[];
  readonly namespaces: readonly KubernetesNamespace[];
  readonly policies: readonly KubernetesNetworkPolicy[];
  /** Past this many relations one rule is written between two segments instead (default 10,000). */
  readonly maxRelationsPerRule: number;
}

const namespaceNameLabel = 'kubernetes.io/metadata.name';

/** The id of the segment holding every pod of `cluster`. */
export function clusterSegmentId(cluster: string): EntityId {
  return `network-segment:k8s-${inventorySlug(cluster)}`;
}

/** Port lists by protocol (`tcp`, `udp`, or `any` when the rule names no ports). */
type PortGroups = Map<string, string[]>;

interface Source {
  readonly id: EntityId;
  /** A pod's container (paired one by one with targets), or a segment. */
  readonly pod: boolean;
}

class PolicyMapper {
  readonly #input: NetworkPolicyInput;
  readonly #builder: DocumentBuilder;
  readonly #problems: InventoryProblem[];
  readonly #clusterSegment: EntityId;
  readonly #labels: Labels;
  readonly #podsByNamespace = new Map<string, PolicyPod[]>();
  readonly #namespaceLabels = new Map<string, Readonly<Record<string, string>>>();

  constructor(input: NetworkPolicyInput, builder: DocumentBuilder, problems: InventoryProblem[]) {
    this.#input = input;
    this.#builder = builder;
    this.#problems = problems;
    this.#clusterSegment = clusterSegmentId(input.cluster);
    this.#labels = { 'k8s-cluster': input.cluster };
    for (const pod of input.pods) {
      const list = this.#podsByNamespace.get(pod.namespace);
      if (list) list.push(pod);
      else this.#podsByNamespace.set(pod.namespace, [pod]);
    }
    // Since Kubernetes 1.21 every namespace carries its name as a label; without the Namespace
    // objects that label is all a namespaceSelector can be matched against.
    for (const namespace of input.namespaces) {
      const name = namespace.metadata.name;
      this.#namespaceLabels.set(name, { ...namespace.metadata.labels, [namespaceNameLabel]: name });
    }
    for (const name of this.#podsByNamespace.keys()) {
      if (!this.#namespaceLabels.has(name)) this.#namespaceLabels.set(name, { [namespaceNameLabel]: name });
    }
  }

  map(): void {
    const { pods, policies } = this.#input;
    if (pods.length === 0) return;
    this.#builder.addEntity({
      id: this.#clusterSegment,
      kind: 'network-segment',
      name: `pods of Kubernetes cluster ${this.#input.cluster}`,
      labels: { ...this.#labels },
      props: { isolated: true },
    });
    for (const pod of pods) this.#relate('contains', this.#clusterSegment, pod.id);
    const isolated = new Set<EntityId>();
    const ingressPolicies: { policy: KubernetesNetworkPolicy; targets: PolicyPod[] }[] = [];
    for (const policy of sortedPolicies(policies)) {
      const targets = this.#podsIn(policy.metadata.namespace, policy.podSelector);
      const types = policy.policyTypes ?? (policy.hasEgressRules ? ['Ingress', 'Egress'] : ['Ingress']);
      if (types.includes('Egress')) {
        this.#problem(
          policy.path,
          `egress rules of NetworkPolicy ${policy.metadata.namespace}/${policy.metadata.name} are not modelled (reach rules are mapped from ingress rules only)`,
        );
      }
      if (!types.includes('Ingress')) continue;
      for (const target of targets) isolated.add(target.id);
      ingressPolicies.push({ policy, targets });
    }
    for (const pod of pods) {
      if (!isolated.has(pod.id)) this.#relate('allows', this.#clusterSegment, pod.id, { ports: '*' });
    }
    for (const { policy, targets } of ingressPolicies) {
      policy.ingress.forEach((rule, index) => {
        this.#mapRule(policy, rule, index, targets);
      });
    }
  }

  #mapRule(
    policy: KubernetesNetworkPolicy,
    rule: NetworkPolicyIngressRule,
    index: number,
    targets: readonly PolicyPod[],
  ): void {
    const unresolved = new Map<NetworkPolicyPort, number>();
    const groups = new Map<PolicyPod, PortGroups>();
    for (const target of targets) {
      const ports = this.#resolvePorts(rule.ports, target, unresolved);
      if (ports.size > 0) groups.set(target, ports);
    }
    for (const port of rule.ports) {
      if (port.protocol === 'SCTP') {
        this.#problem(
          port.path,
          'SCTP ports are not modelled (reach rules are tcp or udp); the entry is left out',
        );
      }
    }
    for (const [port, count] of unresolved) {
      this.#problem(
        port.path,
        `the named port '${port.port}' is declared by none of the containers of ${count} of the ${targets.length} pod(s) the policy selects; those pods get no relation for it`,
      );
    }
    if (groups.size === 0) return;
    const sources = this.#sources(policy, rule);
    let pairs = 0;
    for (const [target, ports] of groups) {
      const fromCount = sources.filter((source) => source.id !== target.id).length;
      pairs += fromCount * ports.size;
    }
    const key = `${policy.metadata.namespace}/${policy.metadata.name}/ingress-${index}`;
    if (pairs > this.#input.maxRelationsPerRule) {
      this.#mapRuleBySegments(policy, rule, key, sources, groups, pairs);
      return;
    }
    for (const [target, ports] of groups) {
      for (const source of sources) {
        if (source.id === target.id) continue;
        for (const [protocol, list] of ports) this.#allow(source.id, target.id, key, protocol, list);
      }
    }
  }

  /** The pairs would exceed the cap: peers and targets each become a segment, and one rule links them. */
  #mapRuleBySegments(
    policy: KubernetesNetworkPolicy,
    rule: NetworkPolicyIngressRule,
    key: string,
    sources: readonly Source[],
    groups: ReadonlyMap<PolicyPod, PortGroups>,
    pairs: number,
  ): void {
    const base = `${this.#clusterSegment}/${inventorySlug(key)}`;
    const targetSegment = `${base}/targets`;
    const union: PortGroups = new Map();
    for (const ports of groups.values()) {
      for (const [protocol, list] of ports) addPorts(union, protocol, list);
    }
    this.#segment(
      targetSegment,
      `pods NetworkPolicy ${policy.metadata.namespace}/${policy.metadata.name} selects`,
      {
        isolated: true,
      },
    );
    for (const target of groups.keys()) this.#relate('contains', targetSegment, target.id);
    const segmentSources = sources.filter((source) => !source.pod).map((source) => source.id);
    const podSources = sources.filter((source) => source.pod);
    if (podSources.length > 0) {
      const sourceSegment = `${base}/sources`;
      this.#segment(sourceSegment, `pods ${key} admits`, { isolated: true });
      for (const source of podSources) this.#relate('contains', sourceSegment, source.id);
      segmentSources.push(sourceSegment);
    }
    for (const source of segmentSources) {
      for (const [protocol, list] of union) this.#allow(source, targetSegment, key, protocol, list);
    }
    this.#problem(
      rule.path,
      `this rule would create ${pairs} allows relations, more than ${this.#input.maxRelationsPerRule}: it is written as rules from ${segmentSources.length} segment(s) to ${targetSegment} (${groups.size} pods; ports are the union over them), with the ${podSources.length} peer pods in ${base}/sources`,
    );
  }

  /** Who a rule admits: segments (every pod, an ipBlock) and peer pods, each once, in a stable order. */
  #sources(policy: KubernetesNetworkPolicy, rule: NetworkPolicyIngressRule): Source[] {
    if (rule.from.length === 0) return [{ id: this.#clusterSegment, pod: false }];
    const seen = new Set<EntityId>();
    const sources: Source[] = [];
    const add = (id: EntityId, pod: boolean): void => {
      if (seen.has(id)) return;
      seen.add(id);
      sources.push({ id, pod });
    };
    for (const peer of rule.from) {
      if (peer.ipBlock) {
        const segment = this.#ipBlockSegment(peer);
        if (segment) add(segment, false);
        continue;
      }
      for (const namespace of this.#peerNamespaces(policy, peer)) {
        for (const pod of this.#podsIn(namespace, peer.podSelector ?? everything)) add(pod.id, true);
      }
    }
    return sources;
  }

  #ipBlockSegment(peer: NetworkPolicyPeer): EntityId | undefined {
    const block = peer.ipBlock;
    if (!block) return undefined;
    const network = parseNetwork(block.cidr);
    if ('message' in network) {
      this.#problem(
        `${peer.path}.ipBlock.cidr`,
        `'${block.cidr.slice(0, 60)}' ${network.message}; the peer is left out`,
      );
      return undefined;
    }
    if (block.except.length > 0) {
      this.#problem(
        `${peer.path}.ipBlock.except`,
        `the exceptions (${block.except.join(', ').slice(0, 200)}) are not modelled: the whole of ${block.cidr} is allowed`,
      );
    }
    const id = `${this.#clusterSegment}/${inventorySlug(block.cidr)}`;
    this.#segment(id, block.cidr, { cidrs: [block.cidr], isolated: true });
    return id;
  }

  /** The namespaces a peer's pods may be in: the policy's own, or those its namespaceSelector selects. */
  #peerNamespaces(policy: KubernetesNetworkPolicy, peer: NetworkPolicyPeer): string[] {
    const selector = peer.namespaceSelector;
    if (!selector) return [policy.metadata.namespace];
    if (this.#input.namespaces.length === 0) {
      const keys = [
        ...Object.keys(selector.matchLabels),
        ...selector.matchExpressions.map((requirement) => requirement.key),
      ].filter((key) => key !== namespaceNameLabel);
      if (keys.length > 0) {
        this.#problem(
          `${peer.path}.namespaceSelector`,
          `selects namespaces by ${keys.join(', ')}, but no Namespace objects were read (add namespaces to kubectl get): only their ${namespaceNameLabel} label is known`,
        );
      }
    }
    return [...this.#namespaceLabels.entries()]
      .filter(([, labels]) => selectorMatches(selector, labels))
      .map(([name]) => name)
      .sort();
  }

  #podsIn(namespace: string, selector: KubernetesLabelSelector): PolicyPod[] {
    return (this.#podsByNamespace.get(namespace) ?? []).filter((pod) =>
      selectorMatches(selector, pod.labels),
    );
  }

  /** A target pod's ports for a rule, by protocol; named ports are looked up in its containers. */
  #resolvePorts(
    ports: readonly NetworkPolicyPort[],
    target: PolicyPod,
    unresolved: Map<NetworkPolicyPort, number>,
  ): PortGroups {
    const groups: PortGroups = new Map();
    if (ports.length === 0) {
      groups.set('any', ['*']);
      return groups;
    }
    for (const entry of ports) {
      if (entry.protocol === 'SCTP') continue;
      const protocol = entry.protocol.toLowerCase();
      if (entry.port === undefined) addPorts(groups, protocol, ['*']);
      else if (typeof entry.port === 'number') {
        addPorts(groups, protocol, [entry.endPort ? `${entry.port}-${entry.endPort}` : String(entry.port)]);
      } else {
        const named = target.ports.filter(
          (port) => port.name === entry.port && port.protocol === entry.protocol,
        );
        if (named.length === 0) unresolved.set(entry, (unresolved.get(entry) ?? 0) + 1);
        else
          addPorts(
            groups,
            protocol,
            named.map((port) => String(port.containerPort)),
          );
      }
    }
    return groups;
  }

  #allow(from: EntityId, to: EntityId, key: string, protocol: string, ports: readonly string[]): void {
    const props: Props =
      protocol === 'any' ? { ports: ports.join(',') } : { ports: ports.join(','), protocol };
    this.#builder.addRelation({ type: 'allows', from, to, key: `${key}/${protocol}`, props });
  }

  #segment(id: EntityId, name: string, props: Props): void {
    const entity: EntityInput = { id, kind: 'network-segment', name, labels: { ...this.#labels }, props };
    this.#builder.addEntity(entity);
  }

  #relate(type: RelationInput['type'], from: EntityId, to: EntityId, props?: Props): void {
    this.#builder.addRelation(props ? { type, from, to, props } : { type, from, to });
  }

  #problem(path: string, message: string): void {
    this.#problems.push({ path, message });
  }
}

function addPorts(groups: PortGroups, protocol: string, ports: readonly string[]): void {
  const list = groups.get(protocol) ?? [];
  if (list.includes('*')) return;
  if (ports.includes('*')) {
    groups.set(protocol, ['*']);
    return;
  }
  for (const port of ports) if (!list.includes(port)) list.push(port);
  groups.set(protocol, list);
}

function sortedPolicies(policies: readonly KubernetesNetworkPolicy[]): KubernetesNetworkPolicy[] {
  const key = (policy: KubernetesNetworkPolicy): string =>
    `${policy.metadata.namespace}\u0000${policy.metadata.name}`;
  return [...policies].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * Adds the cluster segment, its members, and the `allows` relations of `input.policies` to
 * `builder`; what could not be mapped goes to `problems`.
 */
export function mapNetworkPolicies(
  input: NetworkPolicyInput,
  builder: DocumentBuilder,
  problems: InventoryProblem[],
): void {
  new PolicyMapper(input, builder, problems).map();
}
