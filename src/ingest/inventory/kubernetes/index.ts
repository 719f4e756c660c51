// The Kubernetes inventory importer: read `kubectl get … -o json` output, or list the API server
// directly, and map the objects to an estate document attributed to `k8s:<cluster>`.
export type { KubernetesClientOptions, KubernetesListEndpoint } from './kubernetes-client.js';
export {
  fetchKubernetesObjects,
  KubernetesApiError,
  KubernetesAuthError,
  kubernetesListEndpoints,
} from './kubernetes-client.js';
export type { KubernetesInventoryOptions } from './kubernetes-mapping.js';
export { kubernetesInventory } from './kubernetes-mapping.js';
export { clusterSegmentId } from './kubernetes-network-policies.js';
export type {
  ContainerPort,
  IngressBackend,
  IpBlock,
  KubernetesContainer,
  KubernetesIngress,
  KubernetesMetadata,
  KubernetesNamespace,
  KubernetesNetworkPolicy,
  KubernetesNode,
  KubernetesObject,
  KubernetesObjects,
  KubernetesPod,
  KubernetesService,
  KubernetesWorkload,
  LoadBalancerIngress,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NodeAddress,
  OwnerReference,
  ReadOptions,
  ServicePort,
} from './kubernetes-objects.js';
export {
  emptyKubernetesObjects,
  mergeKubernetesObjects,
  parseKubernetesObjects,
  readKubernetesObjects,
} from './kubernetes-objects.js';
export { parseQuantity } from './kubernetes-quantity.js';
export type { KubernetesLabelSelector, SelectorRequirement } from './kubernetes-selector.js';
