// Kubernetes objects as the twin's entities and relations (the kind catalog, src/model/kind-catalog.ts,
// says which props and relations each kind may have):
//   Node                    → host:<node>                       (cpuCores, memoryBytes, ipAddresses, os)
//   Pod                     → container:<namespace>/<pod>       runs-on its node's host
//   Deployment, StatefulSet → service:<namespace>/<name>        runs-on the containers of its pods
//   Service                 → port / entryPoint on the workloads it selects, or its own service
//   Service LoadBalancer    → load-balancer:<namespace>/<name>  depends-on the service(s) behind it
//   Ingress                 → entryPoint on the services it routes to
//   NetworkPolicy           → allows (kubernetes-network-policies.ts)
import type { EntityId, EntityInput, Labels, Props } from '../../../model/index.js';
import { type InventoryImport, type InventoryProblem, inventorySlug } from '../inventory-import.js';
import { sourceLabels } from '../inventory-labels.js';
import { DocumentBuilder } from './document-builder.js';
import { mapNetworkPolicies, type PolicyPod } from './kubernetes-network-policies.js';
import type {
  KubernetesNode,
  KubernetesObjects,
  KubernetesPod,
  KubernetesService,
  KubernetesWorkload,
} from './kubernetes-objects.js';
import { isEmptySelector, mapSelector, selectorMatches } from './kubernetes-selector.js';

export interface KubernetesInventoryOptions {
  /** The cluster's name: the import's source is `k8s:<cluster>`, and labels and segment ids carry it. */
  readonly cluster: string;
  /** Past this many `allows` relations one NetworkPolicy rule becomes a rule between two segments. */
  readonly maxRelationsPerRule?: number;
}

/** Pods in these phases have finished: they hold no resources and run nothing. */
const finishedPhases = new Set(['Succeeded', 'Failed']);

interface MappedPod {
  readonly pod: KubernetesPod;
  readonly id: EntityId;
}

interface MappedWorkload {
  readonly workload: KubernetesWorkload;
  readonly entity: EntityInput;
  readonly pods: readonly MappedPod[];
}

export function kubernetesInventory(
  objects: KubernetesObjects,
  options: KubernetesInventoryOptions,
): InventoryImport {
  const cluster = options.cluster.trim();
  if (cluster === '') throw new TypeError('kubernetesInventory needs the cluster name');
  const maxRelationsPerRule = options.maxRelationsPerRule ?? 10_000;
  if (!Number.isInteger(maxRelationsPerRule) || maxRelationsPerRule < 1) {
    throw new TypeError('maxRelationsPerRule must be a positive integer');
  }
  const mapping = new Mapping(cluster, [...objects.problems]);
  mapping.mapNodes(objects.nodes);
  const pods = mapping.mapPods(objects.pods);
  const workloads = mapping.mapWorkloads([...objects.deployments, ...objects.statefulSets], pods);
  mapping.mapServices(objects, pods, workloads);
  mapNetworkPolicies(
    {
      cluster,
      pods: pods.map(({ pod, id }) => ({
        id,
        namespace: pod.metadata.namespace,
        labels: pod.metadata.labels,
        ports: pod.containers.flatMap((container) => container.ports),
      })) satisfies PolicyPod[],
      namespaces: objects.namespaces,
      policies: objects.networkPolicies,
      maxRelationsPerRule,
    },
    mapping.builder,
    mapping.problems,
  );
  return {
    document: mapping.builder.build(`k8s:${cluster}`),
    problems: mapping.problems,
    counts: {
      ...objects.counts,
      ...(mapping.finishedPods > 0 ? { 'finished-pods': mapping.finishedPods } : {}),
    },
  };
}

function byNamespaceAndName<T extends { metadata: { namespace: string; name: string } }>(
  items: readonly T[],
): T[] {
  const key = (item: T): string => `${item.metadata.namespace}\u0000${item.metadata.name}`;
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function namespacedId(kind: string, namespace: string, name: string): EntityId {
  return `${kind}:${inventorySlug(namespace)}/${inventorySlug(name)}`;
}

class Mapping {
  readonly builder = new DocumentBuilder();
  readonly #cluster: string;
  readonly problems: InventoryProblem[];
  readonly #hosts = new Map<string, EntityId>();

  constructor(cluster: string, problems: InventoryProblem[]) {
    this.#cluster = cluster;
    this.problems = problems;
  }

  /**
   * The object's labels the twin accepts (others are reported at `<path>.metadata.labels["key"]`
   * and left out, see inventory-labels.ts), with the importer's own (`k8s-cluster`…) laid over them.
   */
  #labels(labels: Readonly<Record<string, string>>, own: Labels, path: string): Labels {
    const kept = sourceLabels(labels, {
      keys: 'keep',
      path: `${path}.metadata.labels`,
      report: (at, key) =>
        this.problems.push({
          path: at,
          message: `label key '${key.slice(0, 80)}' is not one the twin accepts ([prefix/]name); the label is dropped`,
        }),
    });
    return { ...kept, 'k8s-cluster': this.#cluster, ...own };
  }

  /** Adds an entity; a second object mapping to a taken id is reported and left out. */
  #add(entity: EntityInput, path: string, what: string): boolean {
    if (this.builder.addEntity(entity)) return true;
    this.problems.push({
      path,
      message: `${what} maps to ${entity.id}, which another object already has; it is left out`,
    });
    return false;
  }

  mapNodes(nodes: readonly KubernetesNode[]): void {
    for (const node of byNamespaceAndName(nodes)) {
      const id = `host:${inventorySlug(node.metadata.name)}`;
      const props: Props = {};
      if (node.cpuCapacity !== undefined && node.cpuCapacity > 0) {
        // The catalog's cpuCores is an integer; node capacity is whole cores in practice.
        props.cpuCores = Math.max(1, Math.round(node.cpuCapacity));
      }
      if (node.memoryCapacity !== undefined) props.memoryBytes = Math.round(node.memoryCapacity);
      const addresses = unique(
        ['InternalIP', 'ExternalIP'].flatMap((type) =>
          node.addresses.filter((address) => address.type === type).map((address) => address.address),
        ),
      );
      if (addresses.length > 0) props.ipAddresses = addresses;
      if (node.osImage) props.os = node.osImage;
      const entity: EntityInput = {
        id,
        kind: 'host',
        name: node.metadata.name,
        labels: this.#labels(node.metadata.labels, {}, node.path),
        props,
      };
      if (this.#add(entity, node.path, `Node ${node.metadata.name}`)) this.#hosts.set(node.metadata.name, id);
    }
  }

  /** Pods that have finished (Succeeded, Failed) are not mapped: they run nothing. */
  finishedPods = 0;

  mapPods(pods: readonly KubernetesPod[]): MappedPod[] {
    const mapped: MappedPod[] = [];
    for (const pod of byNamespaceAndName(pods)) {
      if (pod.phase !== undefined && finishedPhases.has(pod.phase)) {
        this.finishedPods++;
        continue;
      }
      const { namespace, name } = pod.metadata;
      const id = namespacedId('container', namespace, name);
      const entity: EntityInput = {
        id,
        kind: 'container',
        name: `${namespace}/${name}`,
        labels: this.#labels(pod.metadata.labels, { 'k8s-namespace': namespace }, pod.path),
        props: podProps(pod),
      };
      if (!this.#add(entity, pod.path, `Pod ${namespace}/${name}`)) continue;
      mapped.push({ pod, id });
      if (pod.nodeName === undefined) continue; // pending: not scheduled yet
      const host = this.#hosts.get(pod.nodeName);
      if (host) this.builder.addRelation({ type: 'runs-on', from: id, to: host });
      else {
        this.problems.push({
          path: `${pod.path}.spec.nodeName`,
          message: `Pod ${namespace}/${name} runs on node '${pod.nodeName}', which was not read; it has no runs-on relation`,
        });
      }
    }
    return mapped;
  }

  mapWorkloads(workloads: readonly KubernetesWorkload[], pods: readonly MappedPod[]): MappedWorkload[] {
    const mapped: MappedWorkload[] = [];
    const owners = new Map<EntityId, string>();
    for (const workload of byNamespaceAndName(workloads)) {
      const { namespace, name } = workload.metadata;
      const what = `${workload.kind} ${namespace}/${name}`;
      const props: Props = {};
      if (workload.replicas !== undefined) props.replicas = workload.replicas;
      const entity: EntityInput = {
        id: namespacedId('service', namespace, name),
        kind: 'service',
        name: `${namespace}/${name}`,
        labels: this.#labels(
          workload.metadata.labels,
          { 'k8s-namespace': namespace, 'k8s-kind': workload.kind },
          workload.path,
        ),
        props,
      };
      if (!this.#add(entity, workload.path, what)) continue;
      let owned: MappedPod[] = [];
      if (isEmptySelector(workload.selector)) {
        this.problems.push({
          path: `${workload.path}.spec.selector`,
          message: `${what} has an empty selector, which would select every pod; no pods are linked to it`,
        });
      } else {
        owned = pods.filter((pod) => ownedBy(pod.pod, workload));
      }
      for (const pod of owned) {
        const earlier = owners.get(pod.id);
        if (earlier) {
          this.problems.push({
            path: pod.pod.path,
            message: `Pod ${pod.pod.metadata.namespace}/${pod.pod.metadata.name} is selected by both ${earlier} and ${what}`,
          });
        }
        owners.set(pod.id, what);
        this.builder.addRelation({ type: 'runs-on', from: entity.id, to: pod.id });
      }
      mapped.push({ workload, entity, pods: owned });
    }
    return mapped;
  }

  mapServices(
    objects: KubernetesObjects,
    pods: readonly MappedPod[],
    workloads: readonly MappedWorkload[],
  ): void {
    const routed = this.#ingressRouted(objects);
    for (const service of byNamespaceAndName(objects.services)) {
      const { namespace, name } = service.metadata;
      const what = `Service ${namespace}/${name}`;
      const selector = mapSelector(service.selector);
      const hasSelector = !isEmptySelector(selector);
      const selected = hasSelector
        ? pods.filter(
            ({ pod }) =>
              pod.metadata.namespace === namespace && selectorMatches(selector, pod.metadata.labels),
          )
        : [];
      const entry =
        service.type === 'LoadBalancer' || service.type === 'NodePort' || routed.has(`${namespace}/${name}`);
      const targets = hasSelector
        ? workloads.filter(
            ({ workload, pods: owned }) =>
              workload.metadata.namespace === namespace &&
              (selectorMatches(selector, workload.templateLabels) ||
                owned.some((pod) => selected.some((chosen) => chosen.id === pod.id))),
          )
        : [];
      const listening = servicePort(service, selected);
      const labels = this.#labels(
        service.metadata.labels,
        { 'k8s-namespace': namespace, 'k8s-kind': 'Service' },
        service.path,
      );
      const behind: EntityId[] = [];
      for (const { entity } of targets) {
        describeService(entity, listening, entry);
        behind.push(entity.id);
      }
      if (targets.length === 0) {
        const id = namespacedId('service', namespace, name);
        const existing = this.builder.entity(id);
        if (existing) {
          // A workload of the same name that the Service does not select: one entity, both facts.
          this.problems.push({
            path: service.path,
            message: `${what} does not select the pods of the workload named like it, ${id}; both are mapped to that entity`,
          });
          describeService(existing, listening, entry);
        } else {
          const props: Props = {};
          describeService({ id, kind: 'service', props }, listening, entry);
          this.builder.addEntity({
            id,
            kind: 'service',
            name: `${namespace}/${name}`,
            labels,
            props,
          });
        }
        for (const pod of selected) this.builder.addRelation({ type: 'runs-on', from: id, to: pod.id });
        behind.push(id);
      }
      if (service.type === 'LoadBalancer') this.#loadBalancer(service, { ...labels }, behind);
    }
  }

  #loadBalancer(service: KubernetesService, labels: Labels, behind: readonly EntityId[]): void {
    const { namespace, name } = service.metadata;
    const id = namespacedId('load-balancer', namespace, name);
    const props: Props = {};
    const ips = unique(service.loadBalancerIngress.flatMap((entry) => (entry.ip ? [entry.ip] : [])));
    const hostnames = unique(
      service.loadBalancerIngress.flatMap((entry) => (entry.hostname ? [entry.hostname] : [])),
    );
    if (ips.length > 0) props.ipAddresses = ips;
    if (hostnames.length > 0) props.hostnames = hostnames;
    const entity: EntityInput = {
      id,
      kind: 'load-balancer',
      name: `${namespace}/${name}`,
      labels,
      props,
    };
    if (!this.#add(entity, service.path, `Service ${namespace}/${name}`)) return;
    for (const target of behind) this.builder.addRelation({ type: 'depends-on', from: id, to: target });
  }

  /** `namespace/name` of each Service an Ingress routes to; a missing one is reported. */
  #ingressRouted(objects: KubernetesObjects): Set<string> {
    const known = new Set(
      objects.services.map((service) => `${service.metadata.namespace}/${service.metadata.name}`),
    );
    const routed = new Set<string>();
    for (const ingress of byNamespaceAndName(objects.ingresses)) {
      for (const backend of ingress.backends) {
        const key = `${ingress.metadata.namespace}/${backend.serviceName}`;
        if (known.has(key)) routed.add(key);
        else {
          this.problems.push({
            path: backend.path,
            message: `Ingress ${ingress.metadata.namespace}/${ingress.metadata.name} routes to Service ${key}, which was not read`,
          });
        }
      }
    }
    return routed;
  }
}

/** Whether `workload` owns `pod`: its selector matches, and no other controller has the pod. */
function ownedBy(pod: KubernetesPod, workload: KubernetesWorkload): boolean {
  if (pod.metadata.namespace !== workload.metadata.namespace) return false;
  if (!selectorMatches(workload.selector, pod.metadata.labels)) return false;
  const controller = pod.metadata.ownerReferences.find((owner) => owner.controller);
  if (!controller) return true; // an orphan matching the selector is adopted
  if (workload.kind === 'StatefulSet')
    return controller.kind === 'StatefulSet' && controller.name === workload.metadata.name;
  // A Deployment's ReplicaSets are named <deployment>-<pod-template-hash>, the hash without dashes:
  // web-canary-5d9f is web-canary's, not web's.
  const prefix = `${workload.metadata.name}-`;
  return (
    controller.kind === 'ReplicaSet' &&
    controller.name.startsWith(prefix) &&
    /^[a-z0-9]+$/.test(controller.name.slice(prefix.length))
  );
}

interface Listening {
  /** The port the pods listen on (the Service's targetPort). */
  readonly port: number;
  readonly servicePort: number;
  readonly protocol: string;
}

/**
 * The first port of a Service, as the port its pods listen on: the twin reads a service's `port`
 * as a listening port of the assets it runs on (docs/attack.md), which is the targetPort. A named
 * targetPort is looked up in the selected pods' containers; the Service's own port is kept as
 * `servicePort` when it differs.
 */
function servicePort(service: KubernetesService, selected: readonly MappedPod[]): Listening | undefined {
  const first = service.ports[0];
  if (!first) return undefined;
  let port = typeof first.targetPort === 'number' ? first.targetPort : undefined;
  if (port === undefined) {
    const named = selected
      .flatMap(({ pod }) => pod.containers.flatMap((container) => container.ports))
      .find((candidate) => candidate.name === first.targetPort && candidate.protocol === first.protocol);
    port = named?.containerPort ?? first.port;
  }
  return { port, servicePort: first.port, protocol: first.protocol };
}

/** Sets what a Service says about a service entity; a port already set by an earlier Service stays. */
function describeService(entity: EntityInput, listening: Listening | undefined, entryPoint: boolean): void {
  const props = entity.props ?? {};
  entity.props = props;
  if (listening && props.port === undefined) {
    props.port = listening.port;
    if (listening.servicePort !== listening.port) props.servicePort = listening.servicePort;
    if (listening.protocol !== 'TCP') props.protocol = listening.protocol.toLowerCase();
  }
  if (entryPoint) props.entryPoint = true;
}

function podProps(pod: KubernetesPod): Props {
  const props: Props = {};
  const image = pod.containers.find((container) => container.image)?.image;
  if (image) props.image = image;
  // A hostNetwork pod has its node's addresses: they belong to the host entity.
  if (!pod.hostNetwork && pod.podIPs.length > 0) props.ipAddresses = unique(pod.podIPs);
  const cpu = sumOf(
    pod.containers.map((container) => container.cpuRequest),
    1000,
  );
  if (cpu !== undefined) {
    // cpuCores is an integer in the catalog: set it for whole-core requests only; the exact
    // request (often a fraction, "250m") is kept as cpuRequestCores.
    props.cpuRequestCores = cpu;
    if (Number.isInteger(cpu) && cpu > 0) props.cpuCores = cpu;
  }
  const memory = sumOf(
    pod.containers.map((container) => container.memoryRequest),
    1,
  );
  if (memory !== undefined) props.memoryBytes = Math.round(memory);
  return props;
}

/** The sum of the values given, in whole 1/`units` (millicores sum exactly), or undefined when none is. */
function sumOf(values: readonly (number | undefined)[], units: number): number | undefined {
  const given = values.filter((value): value is number => value !== undefined);
  if (given.length === 0) return undefined;
  return given.reduce((sum, value) => sum + Math.round(value * units), 0) / units;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
