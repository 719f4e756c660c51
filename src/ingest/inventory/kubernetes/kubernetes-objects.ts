// Readers for what `kubectl get nodes,pods,services,deployments,statefulsets,ingresses,networkpolicies
// -A -o json` prints (a `List` whose items carry their `kind`) and for the API server's list
// responses (`PodList`, whose items carry none). Only the fields the mapping uses are read, each
// checked for its type; an item with a bad field is reported with its path and skipped, the others
// kept. Items of other kinds are counted as ignored.
import { type FieldPath, parseIp } from '../../../model/index.js';
import type { InventoryProblem } from '../inventory-import.js';
import {
  FieldError,
  field,
  isRecord,
  type JsonObject,
  optionalArray,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringMap,
  problemPath,
  requireObject,
  requireString,
} from '../json-fields.js';
import { quantityOf } from './kubernetes-quantity.js';
import { everything, type KubernetesLabelSelector, readLabelSelector } from './kubernetes-selector.js';

export interface OwnerReference {
  readonly kind: string;
  readonly name: string;
  readonly controller: boolean;
}

export interface KubernetesMetadata {
  readonly name: string;
  /** `''` for cluster-scoped objects (nodes, namespaces); `default` when a namespaced one names none. */
  readonly namespace: string;
  readonly uid?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ownerReferences: readonly OwnerReference[];
}

interface ObjectBase {
  /** Where the object was read: `items[3]`, or `/api/v1/pods page 2: items[3]`. */
  readonly path: string;
  readonly metadata: KubernetesMetadata;
}

export interface NodeAddress {
  readonly type: string;
  readonly address: string;
}

export interface KubernetesNode extends ObjectBase {
  readonly kind: 'Node';
  /** status.capacity.cpu, in cores. */
  readonly cpuCapacity?: number;
  /** status.capacity.memory, in bytes. */
  readonly memoryCapacity?: number;
  readonly addresses: readonly NodeAddress[];
  readonly osImage?: string;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  /** TCP, UDP or SCTP, as Kubernetes spells them (TCP when absent). */
  readonly protocol: string;
}

export interface KubernetesContainer {
  readonly name: string;
  readonly image?: string;
  /** resources.requests.cpu, in cores. */
  readonly cpuRequest?: number;
  /** resources.requests.memory, in bytes. */
  readonly memoryRequest?: number;
  readonly ports: readonly ContainerPort[];
}

export interface KubernetesPod extends ObjectBase {
  readonly kind: 'Pod';
  readonly nodeName?: string;
  readonly hostNetwork: boolean;
  /** Pending, Running, Succeeded, Failed, Unknown. */
  readonly phase?: string;
  /** status.podIPs, or status.podIP when the list is absent. */
  readonly podIPs: readonly string[];
  readonly containers: readonly KubernetesContainer[];
}

export interface KubernetesWorkload extends ObjectBase {
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly replicas?: number;
  readonly selector: KubernetesLabelSelector;
  /** spec.template.metadata.labels: what the workload's pods are created with. */
  readonly templateLabels: Readonly<Record<string, string>>;
}

export interface ServicePort {
  readonly name?: string;
  /** The port the Service answers on (its cluster IP's). */
  readonly port: number;
  /** The pods' port traffic goes to: a number or a container port's name (`port` when absent). */
  readonly targetPort: number | string;
  readonly protocol: string;
}

export interface LoadBalancerIngress {
  readonly ip?: string;
  readonly hostname?: string;
}

export interface KubernetesService extends ObjectBase {
  readonly kind: 'Service';
  /** ClusterIP (the default), NodePort, LoadBalancer or ExternalName. */
  readonly type: string;
  /** spec.selector; empty for a Service without one (its endpoints are managed by hand). */
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly ServicePort[];
  readonly loadBalancerIngress: readonly LoadBalancerIngress[];
}

export interface IngressBackend {
  readonly serviceName: string;
  readonly path: string;
}

export interface KubernetesIngress extends ObjectBase {
  readonly kind: 'Ingress';
  /** The Services its rules and default backend route to (resource backends are left out). */
  readonly backends: readonly IngressBackend[];
}

export interface IpBlock {
  readonly cidr: string;
  readonly except: readonly string[];
}

export interface NetworkPolicyPeer {
  readonly path: string;
  readonly podSelector?: KubernetesLabelSelector;
  readonly namespaceSelector?: KubernetesLabelSelector;
  readonly ipBlock?: IpBlock;
}

export interface NetworkPolicyPort {
  readonly path: string;
  /** TCP (the default), UDP or SCTP. */
  readonly protocol: string;
  /** A number, a container port's name, or absent for every port. */
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface NetworkPolicyIngressRule {
  readonly path: string;
  /** Empty: every source. */
  readonly from: readonly NetworkPolicyPeer[];
  /** Empty: every port. */
  readonly ports: readonly NetworkPolicyPort[];
}

export interface KubernetesNetworkPolicy extends ObjectBase {
  readonly kind: 'NetworkPolicy';
  readonly podSelector: KubernetesLabelSelector;
  /** spec.policyTypes as written; absent means Ingress, plus Egress when there are egress rules. */
  readonly policyTypes?: readonly string[];
  readonly ingress: readonly NetworkPolicyIngressRule[];
  readonly hasEgressRules: boolean;
}

export interface KubernetesNamespace extends ObjectBase {
  readonly kind: 'Namespace';
}

export type KubernetesObject =
  | KubernetesNode
  | KubernetesPod
  | KubernetesWorkload
  | KubernetesService
  | KubernetesIngress
  | KubernetesNetworkPolicy
  | KubernetesNamespace;

export interface KubernetesObjects {
  readonly nodes: KubernetesNode[];
  readonly pods: KubernetesPod[];
  readonly deployments: KubernetesWorkload[];
  readonly statefulSets: KubernetesWorkload[];
  readonly services: KubernetesService[];
  readonly ingresses: KubernetesIngress[];
  readonly networkPolicies: KubernetesNetworkPolicy[];
  /** Optional: `kubectl get namespaces` adds them; without them a namespace's labels are only its name. */
  readonly namespaces: KubernetesNamespace[];
  /** Objects read per kind (`nodes`, `pods`…), `ignored` (other kinds) and `malformed` (skipped). */
  readonly counts: Record<string, number>;
  readonly problems: InventoryProblem[];
}

export interface ReadOptions {
  /** Names the response in problem paths, e.g. `/api/v1/pods page 2`. */
  readonly prefix?: string;
  /** The kind of items that carry none, when the list's own kind (`PodList`) does not say. */
  readonly kind?: string;
}

/** The count key of each kind read, which is also how `kubectl get` names it. */
export const kindCountKeys = {
  Node: 'nodes',
  Pod: 'pods',
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  Service: 'services',
  Ingress: 'ingresses',
  NetworkPolicy: 'networkpolicies',
  Namespace: 'namespaces',
} as const satisfies Record<KubernetesObject['kind'], string>;

export function emptyKubernetesObjects(): KubernetesObjects {
  return {
    nodes: [],
    pods: [],
    deployments: [],
    statefulSets: [],
    services: [],
    ingresses: [],
    networkPolicies: [],
    namespaces: [],
    counts: {},
    problems: [],
  };
}

/** Several reads (one per API response, say) as one. */
export function mergeKubernetesObjects(parts: readonly KubernetesObjects[]): KubernetesObjects {
  const merged = emptyKubernetesObjects();
  for (const part of parts) {
    merged.nodes.push(...part.nodes);
    merged.pods.push(...part.pods);
    merged.deployments.push(...part.deployments);
    merged.statefulSets.push(...part.statefulSets);
    merged.services.push(...part.services);
    merged.ingresses.push(...part.ingresses);
    merged.networkPolicies.push(...part.networkPolicies);
    merged.namespaces.push(...part.namespaces);
    merged.problems.push(...part.problems);
    for (const [key, count] of Object.entries(part.counts)) addCount(merged.counts, key, count);
  }
  return merged;
}

/** `kubectl … -o json` output or an API list response, as text. */
export function parseKubernetesObjects(text: string, options: ReadOptions = {}): KubernetesObjects {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const objects = emptyKubernetesObjects();
    objects.problems.push({
      path: problemPath(options.prefix, []),
      message: `not JSON: ${error instanceof Error ? error.message : String(error)}`,
    });
    return objects;
  }
  return readKubernetesObjects(json, options);
}

/**
 * A parsed List (`kind: List`, items with their kinds), an API list (`kind: PodList`, items
 * without), a single object, or an array of any of these.
 */
export function readKubernetesObjects(json: unknown, options: ReadOptions = {}): KubernetesObjects {
  const objects = emptyKubernetesObjects();
  readDocument(objects, json, [], options);
  return objects;
}

function readDocument(
  objects: KubernetesObjects,
  json: unknown,
  path: FieldPath,
  options: ReadOptions,
): void {
  // One level of arrays only (several saved responses in one file): no recursion on nesting depth.
  if (Array.isArray(json) && path.length === 0) {
    json.forEach((element, index) => {
      readDocument(objects, element, [index], options);
    });
    return;
  }
  if (!isRecord(json)) {
    report(objects, options, path, 'must be a Kubernetes List or object');
    return;
  }
  const items = field(json, 'items');
  if (items === undefined) {
    readItem(objects, json, path, options.kind, options);
    return;
  }
  if (!Array.isArray(items)) {
    report(objects, options, [...path, 'items'], 'must be an array');
    return;
  }
  const listKind = field(json, 'kind');
  const fromList =
    typeof listKind === 'string' && listKind.endsWith('List') && listKind !== 'List'
      ? listKind.slice(0, -'List'.length)
      : undefined;
  items.forEach((item, index) => {
    readItem(objects, item, [...path, 'items', index], options.kind ?? fromList, options);
  });
}

function readItem(
  objects: KubernetesObjects,
  item: unknown,
  path: FieldPath,
  defaultKind: string | undefined,
  options: ReadOptions,
): void {
  if (!isRecord(item)) {
    report(objects, options, path, 'must be an object');
    addCount(objects.counts, 'malformed', 1);
    return;
  }
  const kind = field(item, 'kind') ?? defaultKind;
  if (typeof kind !== 'string' || kind === '') {
    report(objects, options, [...path, 'kind'], 'missing: the item says no kind and its list none either');
    addCount(objects.counts, 'malformed', 1);
    return;
  }
  const reader = readers.get(kind);
  if (!reader) {
    addCount(objects.counts, 'ignored', 1);
    return;
  }
  try {
    const object = reader(item, path, (at) => problemPath(options.prefix, at));
    collect(objects, object);
    addCount(objects.counts, kindCountKeys[object.kind], 1);
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    report(objects, options, error.path, `${error.message}; the ${kind} is skipped`);
    addCount(objects.counts, 'malformed', 1);
  }
}

function collect(objects: KubernetesObjects, object: KubernetesObject): void {
  switch (object.kind) {
    case 'Node':
      objects.nodes.push(object);
      return;
    case 'Pod':
      objects.pods.push(object);
      return;
    case 'Deployment':
      objects.deployments.push(object);
      return;
    case 'StatefulSet':
      objects.statefulSets.push(object);
      return;
    case 'Service':
      objects.services.push(object);
      return;
    case 'Ingress':
      objects.ingresses.push(object);
      return;
    case 'NetworkPolicy':
      objects.networkPolicies.push(object);
      return;
    case 'Namespace':
      objects.namespaces.push(object);
      return;
  }
}

function report(objects: KubernetesObjects, options: ReadOptions, path: FieldPath, message: string): void {
  objects.problems.push({ path: problemPath(options.prefix, path), message });
}

function addCount(counts: Record<string, number>, key: string, count: number): void {
  counts[key] = (counts[key] ?? 0) + count;
}

/** Formats a path inside the response being read, with the response's prefix. */
type Locate = (path: FieldPath) => string;
type ItemReader = (item: JsonObject, path: FieldPath, locate: Locate) => KubernetesObject;

const readers = new Map<string, ItemReader>(
  Object.entries({
    Node: readNode,
    Pod: readPod,
    Deployment: (item: JsonObject, path: FieldPath, locate: Locate) =>
      readWorkload('Deployment', item, path, locate),
    StatefulSet: (item: JsonObject, path: FieldPath, locate: Locate) =>
      readWorkload('StatefulSet', item, path, locate),
    Service: readService,
    Ingress: readIngress,
    NetworkPolicy: readNetworkPolicy,
    Namespace: (item: JsonObject, path: FieldPath, locate: Locate): KubernetesNamespace => ({
      kind: 'Namespace',
      path: locate(path),
      metadata: readMetadata(item, path, false),
    }),
  }),
);

function readMetadata(item: JsonObject, path: FieldPath, namespaced: boolean): KubernetesMetadata {
  const at = [...path, 'metadata'];
  const metadata = requireObject(field(item, 'metadata'), at);
  const name = requireString(field(metadata, 'name'), [...at, 'name']);
  const namespace = namespaced
    ? optionalString(field(metadata, 'namespace'), [...at, 'namespace']) || 'default'
    : '';
  const uid = optionalString(field(metadata, 'uid'), [...at, 'uid']);
  const labels = optionalStringMap(field(metadata, 'labels'), [...at, 'labels']);
  const ownerReferences = optionalArray(
    field(metadata, 'ownerReferences'),
    [...at, 'ownerReferences'],
    (value, where) => {
      const owner = requireObject(value, where);
      return {
        kind: requireString(field(owner, 'kind'), [...where, 'kind']),
        name: requireString(field(owner, 'name'), [...where, 'name']),
        controller: optionalBoolean(field(owner, 'controller'), [...where, 'controller']) ?? false,
      };
    },
  );
  return { name, namespace, ...(uid ? { uid } : {}), labels, ownerReferences };
}

function section(item: JsonObject, key: 'spec' | 'status', path: FieldPath): JsonObject {
  return optionalObject(field(item, key), [...path, key]) ?? {};
}

function quantity(value: unknown, path: FieldPath): number | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = quantityOf(value);
  if (parsed === undefined || parsed < 0) {
    throw new FieldError(path, `'${String(value).slice(0, 40)}' is not a resource quantity`);
  }
  return parsed;
}

function ipAddress(value: unknown, path: FieldPath): string {
  const text = requireString(value, path);
  if (parseIp(text) === undefined) throw new FieldError(path, `'${text.slice(0, 60)}' is not an IP address`);
  return text;
}

function readNode(item: JsonObject, path: FieldPath, locate: Locate): KubernetesNode {
  const metadata = readMetadata(item, path, false);
  const statusPath = [...path, 'status'];
  const status = section(item, 'status', path);
  const capacity = optionalObject(field(status, 'capacity'), [...statusPath, 'capacity']) ?? {};
  const cpuCapacity = quantity(field(capacity, 'cpu'), [...statusPath, 'capacity', 'cpu']);
  const memoryCapacity = quantity(field(capacity, 'memory'), [...statusPath, 'capacity', 'memory']);
  const addresses = optionalArray(field(status, 'addresses'), [...statusPath, 'addresses'], (value, at) => {
    const entry = requireObject(value, at);
    const type = requireString(field(entry, 'type'), [...at, 'type']);
    // Hostname and InternalDNS entries are names, not addresses.
    const address =
      type === 'InternalIP' || type === 'ExternalIP'
        ? ipAddress(field(entry, 'address'), [...at, 'address'])
        : requireString(field(entry, 'address'), [...at, 'address']);
    return { type, address };
  });
  const nodeInfo = optionalObject(field(status, 'nodeInfo'), [...statusPath, 'nodeInfo']);
  const osImage =
    nodeInfo && optionalString(field(nodeInfo, 'osImage'), [...statusPath, 'nodeInfo', 'osImage']);
  return {
    kind: 'Node',
    path: locate(path),
    metadata,
    ...(cpuCapacity !== undefined ? { cpuCapacity } : {}),
    ...(memoryCapacity !== undefined ? { memoryCapacity } : {}),
    addresses,
    ...(osImage ? { osImage } : {}),
  };
}

function readPod(item: JsonObject, path: FieldPath, locate: Locate): KubernetesPod {
  const metadata = readMetadata(item, path, true);
  const specPath = [...path, 'spec'];
  const spec = section(item, 'spec', path);
  const statusPath = [...path, 'status'];
  const status = section(item, 'status', path);
  const nodeName = optionalString(field(spec, 'nodeName'), [...specPath, 'nodeName']);
  const hostNetwork = optionalBoolean(field(spec, 'hostNetwork'), [...specPath, 'hostNetwork']) ?? false;
  const containers = optionalArray(field(spec, 'containers'), [...specPath, 'containers'], readContainer);
  const phase = optionalString(field(status, 'phase'), [...statusPath, 'phase']);
  const listed = optionalArray(field(status, 'podIPs'), [...statusPath, 'podIPs'], (value, at) =>
    ipAddress(field(requireObject(value, at), 'ip'), [...at, 'ip']),
  );
  const single = field(status, 'podIP');
  const podIPs =
    listed.length > 0 || single === undefined || single === null || single === ''
      ? listed
      : [ipAddress(single, [...statusPath, 'podIP'])];
  return {
    kind: 'Pod',
    path: locate(path),
    metadata,
    ...(nodeName ? { nodeName } : {}),
    hostNetwork,
    ...(phase ? { phase } : {}),
    podIPs,
    containers,
  };
}

function readContainer(value: unknown, path: FieldPath): KubernetesContainer {
  const container = requireObject(value, path);
  const name = requireString(field(container, 'name'), [...path, 'name']);
  const image = optionalString(field(container, 'image'), [...path, 'image']);
  const resources = optionalObject(field(container, 'resources'), [...path, 'resources']) ?? {};
  const requestsPath = [...path, 'resources', 'requests'];
  const requests = optionalObject(field(resources, 'requests'), requestsPath) ?? {};
  const cpuRequest = quantity(field(requests, 'cpu'), [...requestsPath, 'cpu']);
  const memoryRequest = quantity(field(requests, 'memory'), [...requestsPath, 'memory']);
  const ports = optionalArray(field(container, 'ports'), [...path, 'ports'], (entry, at) => {
    const port = requireObject(entry, at);
    const portName = optionalString(field(port, 'name'), [...at, 'name']);
    return {
      ...(portName ? { name: portName } : {}),
      containerPort: optionalInteger(field(port, 'containerPort'), [...at, 'containerPort'], 1, 65535) ?? 0,
      protocol: protocolOf(field(port, 'protocol'), [...at, 'protocol']),
    };
  }).filter((port) => port.containerPort > 0);
  return {
    name,
    ...(image ? { image } : {}),
    ...(cpuRequest !== undefined ? { cpuRequest } : {}),
    ...(memoryRequest !== undefined ? { memoryRequest } : {}),
    ports,
  };
}

/** An IntOrString port: a number from 1 to 65535 (also when written as digits) or a port's name. */
function intOrString(value: unknown, path: FieldPath): number | string | undefined {
  if (typeof value !== 'string' || value === '') return optionalInteger(value, path, 1, 65535);
  if (!/^\d+$/.test(value)) return value;
  const port = Number(value);
  if (port < 1 || port > 65535) throw new FieldError(path, `${value} is not a port from 1 to 65535`);
  return port;
}

function protocolOf(value: unknown, path: FieldPath): string {
  const protocol = optionalString(value, path) ?? 'TCP';
  if (!['TCP', 'UDP', 'SCTP'].includes(protocol)) {
    throw new FieldError(path, `'${protocol.slice(0, 20)}' is not TCP, UDP or SCTP`);
  }
  return protocol;
}

function readWorkload(
  kind: 'Deployment' | 'StatefulSet',
  item: JsonObject,
  path: FieldPath,
  locate: Locate,
): KubernetesWorkload {
  const metadata = readMetadata(item, path, true);
  const specPath = [...path, 'spec'];
  const spec = section(item, 'spec', path);
  const replicas = optionalInteger(field(spec, 'replicas'), [...specPath, 'replicas']);
  const selector = readLabelSelector(field(spec, 'selector'), [...specPath, 'selector']);
  if (!selector) throw new FieldError([...specPath, 'selector'], `missing: a ${kind} needs a selector`);
  const template = optionalObject(field(spec, 'template'), [...specPath, 'template']) ?? {};
  const templateMetadata =
    optionalObject(field(template, 'metadata'), [...specPath, 'template', 'metadata']) ?? {};
  const templateLabels = optionalStringMap(field(templateMetadata, 'labels'), [
    ...specPath,
    'template',
    'metadata',
    'labels',
  ]);
  return {
    kind,
    path: locate(path),
    metadata,
    ...(replicas !== undefined ? { replicas } : {}),
    selector,
    templateLabels,
  };
}

function readService(item: JsonObject, path: FieldPath, locate: Locate): KubernetesService {
  const metadata = readMetadata(item, path, true);
  const specPath = [...path, 'spec'];
  const spec = section(item, 'spec', path);
  const type = optionalString(field(spec, 'type'), [...specPath, 'type']) || 'ClusterIP';
  const selector = optionalStringMap(field(spec, 'selector'), [...specPath, 'selector']);
  const ports = optionalArray(field(spec, 'ports'), [...specPath, 'ports'], (value, at) => {
    const entry = requireObject(value, at);
    const name = optionalString(field(entry, 'name'), [...at, 'name']);
    const port = optionalInteger(field(entry, 'port'), [...at, 'port'], 1, 65535);
    if (port === undefined) throw new FieldError([...at, 'port'], 'missing: a Service port needs its number');
    const targetPort = intOrString(field(entry, 'targetPort'), [...at, 'targetPort']) ?? port;
    const protocol = protocolOf(field(entry, 'protocol'), [...at, 'protocol']);
    return { ...(name ? { name } : {}), port, targetPort, protocol };
  });
  const statusPath = [...path, 'status'];
  const status = section(item, 'status', path);
  const loadBalancer = optionalObject(field(status, 'loadBalancer'), [...statusPath, 'loadBalancer']) ?? {};
  const loadBalancerIngress = optionalArray(
    field(loadBalancer, 'ingress'),
    [...statusPath, 'loadBalancer', 'ingress'],
    (value, at) => {
      const entry = requireObject(value, at);
      const ip = field(entry, 'ip');
      const hostname = optionalString(field(entry, 'hostname'), [...at, 'hostname']);
      return {
        ...(ip !== undefined && ip !== null && ip !== '' ? { ip: ipAddress(ip, [...at, 'ip']) } : {}),
        ...(hostname ? { hostname } : {}),
      };
    },
  );
  return { kind: 'Service', path: locate(path), metadata, type, selector, ports, loadBalancerIngress };
}

function readIngress(item: JsonObject, path: FieldPath, locate: Locate): KubernetesIngress {
  const metadata = readMetadata(item, path, true);
  const specPath = [...path, 'spec'];
  const spec = section(item, 'spec', path);
  const backends: IngressBackend[] = [];
  const addBackend = (value: unknown, at: FieldPath): void => {
    const name = backendService(value, at);
    if (name) backends.push({ serviceName: name, path: locate(at) });
  };
  // networking.k8s.io/v1 says defaultBackend; extensions/v1beta1 said backend.
  addBackend(field(spec, 'defaultBackend'), [...specPath, 'defaultBackend']);
  addBackend(field(spec, 'backend'), [...specPath, 'backend']);
  optionalArray(field(spec, 'rules'), [...specPath, 'rules'], (value, at) => {
    const rule = requireObject(value, at);
    const http = optionalObject(field(rule, 'http'), [...at, 'http']);
    if (!http) return;
    optionalArray(field(http, 'paths'), [...at, 'http', 'paths'], (entry, entryAt) => {
      addBackend(field(requireObject(entry, entryAt), 'backend'), [...entryAt, 'backend']);
    });
  });
  return { kind: 'Ingress', path: locate(path), metadata, backends };
}

/** `backend.service.name` (v1) or `backend.serviceName` (v1beta1); undefined for a resource backend. */
function backendService(value: unknown, path: FieldPath): string | undefined {
  const backend = optionalObject(value, path);
  if (!backend) return undefined;
  const service = optionalObject(field(backend, 'service'), [...path, 'service']);
  if (service) return requireString(field(service, 'name'), [...path, 'service', 'name']);
  return optionalString(field(backend, 'serviceName'), [...path, 'serviceName']) || undefined;
}

function readNetworkPolicy(item: JsonObject, path: FieldPath, locate: Locate): KubernetesNetworkPolicy {
  const metadata = readMetadata(item, path, true);
  const specPath = [...path, 'spec'];
  const spec = section(item, 'spec', path);
  const podSelector =
    readLabelSelector(field(spec, 'podSelector'), [...specPath, 'podSelector']) ?? everything;
  const policyTypesValue = field(spec, 'policyTypes');
  const policyTypes =
    policyTypesValue === undefined || policyTypesValue === null
      ? undefined
      : optionalArray(policyTypesValue, [...specPath, 'policyTypes'], requireString);
  const ingress = optionalArray(field(spec, 'ingress'), [...specPath, 'ingress'], (value, at) =>
    readIngressRule(value, at, locate),
  );
  const egress = field(spec, 'egress');
  const hasEgressRules = Array.isArray(egress) && egress.length > 0;
  return {
    kind: 'NetworkPolicy',
    path: locate(path),
    metadata,
    podSelector,
    ...(policyTypes ? { policyTypes } : {}),
    ingress,
    hasEgressRules,
  };
}

function readIngressRule(value: unknown, path: FieldPath, locate: Locate): NetworkPolicyIngressRule {
  const rule = requireObject(value, path);
  const from = optionalArray(field(rule, 'from'), [...path, 'from'], (peer, at) =>
    readPeer(peer, at, locate),
  );
  const ports = optionalArray(field(rule, 'ports'), [...path, 'ports'], (port, at) =>
    readPolicyPort(port, at, locate),
  );
  return { path: locate(path), from, ports };
}

function readPeer(value: unknown, path: FieldPath, locate: Locate): NetworkPolicyPeer {
  const peer = requireObject(value, path);
  const podSelector = readLabelSelector(field(peer, 'podSelector'), [...path, 'podSelector']);
  const namespaceSelector = readLabelSelector(field(peer, 'namespaceSelector'), [
    ...path,
    'namespaceSelector',
  ]);
  const block = optionalObject(field(peer, 'ipBlock'), [...path, 'ipBlock']);
  const ipBlock = block && {
    cidr: requireString(field(block, 'cidr'), [...path, 'ipBlock', 'cidr']),
    except: optionalArray(field(block, 'except'), [...path, 'ipBlock', 'except'], requireString),
  };
  if (!podSelector && !namespaceSelector && !ipBlock) {
    throw new FieldError(path, 'a peer needs a podSelector, a namespaceSelector or an ipBlock');
  }
  return {
    path: locate(path),
    ...(podSelector ? { podSelector } : {}),
    ...(namespaceSelector ? { namespaceSelector } : {}),
    ...(ipBlock ? { ipBlock } : {}),
  };
}

function readPolicyPort(value: unknown, path: FieldPath, locate: Locate): NetworkPolicyPort {
  const entry = requireObject(value, path);
  const protocol = protocolOf(field(entry, 'protocol'), [...path, 'protocol']);
  const port = intOrString(field(entry, 'port'), [...path, 'port']);
  const endPort = optionalInteger(field(entry, 'endPort'), [...path, 'endPort'], 1, 65535);
  if (endPort !== undefined && (typeof port !== 'number' || endPort < port)) {
    throw new FieldError([...path, 'endPort'], 'needs a numeric port no greater than it');
  }
  return {
    path: locate(path),
    protocol,
    ...(port !== undefined ? { port } : {}),
    ...(endPort !== undefined ? { endPort } : {}),
  };
}
