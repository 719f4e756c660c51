// What `kubectl get namespaces,nodes,pods,services,deployments,statefulsets,replicasets,ingresses,
// networkpolicies -A -o json` prints for a small shop: two nodes, a web Deployment (3 pods) behind a
// LoadBalancer Service, an api Deployment (one pod running, one pending) behind a ClusterIP Service
// and an Ingress, a postgres StatefulSet (2 pods) behind a headless Service, the cluster's own
// `kubernetes` Service (no selector), kube-proxy on the host network, a finished Job
// pod, a ReplicaSet (a kind the importer ignores), two NetworkPolicies (web → api on TCP 8080,
// 10.0.0.0/8 → db on TCP 5432) and one malformed Pod. Fields are trimmed to what a
// reviewer needs to recognise the real shapes; the server adds more, which the reader ignores.
// Test-only.

const created = '2024-05-02T09:14:07Z';

interface PodSample {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  owner?: { kind: string; name: string; uid: string };
  node?: string;
  phase: string;
  ip?: string;
  hostNetwork?: boolean;
  containers: Array<{
    name: string;
    image: string;
    requests?: Record<string, string>;
    ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
  }>;
}

function pod(sample: PodSample, uid: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: sample.name,
      namespace: sample.namespace,
      uid,
      creationTimestamp: created,
      labels: sample.labels,
      ...(sample.owner
        ? {
            ownerReferences: [
              {
                apiVersion: sample.owner.kind === 'Job' ? 'batch/v1' : 'apps/v1',
                kind: sample.owner.kind,
                name: sample.owner.name,
                uid: sample.owner.uid,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      ...(sample.node ? { nodeName: sample.node } : {}),
      ...(sample.hostNetwork ? { hostNetwork: true } : {}),
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
      containers: sample.containers.map((container) => ({
        name: container.name,
        image: container.image,
        imagePullPolicy: 'IfNotPresent',
        ...(container.ports
          ? {
              ports: container.ports.map((port) => ({ protocol: 'TCP', ...port })),
            }
          : {}),
        resources: container.requests ? { requests: container.requests } : {},
      })),
    },
    status: {
      phase: sample.phase,
      qosClass: 'Burstable',
      ...(sample.ip ? { podIP: sample.ip, podIPs: [{ ip: sample.ip }] } : {}),
      ...(sample.phase === 'Pending'
        ? {
            conditions: [
              {
                type: 'PodScheduled',
                status: 'False',
                reason: 'Unschedulable',
                message: '0/2 nodes are available: 2 Insufficient cpu.',
              },
            ],
          }
        : {}),
    },
  };
}

const webReplicaSet = {
  kind: 'ReplicaSet',
  name: 'web-7d4b9c8f6',
  uid: '5b0e7c1e-3a0b-4e44-9d8e-1f1f1a2b3c01',
};
const apiReplicaSet = {
  kind: 'ReplicaSet',
  name: 'api-5f6d7c9b8',
  uid: '5b0e7c1e-3a0b-4e44-9d8e-1f1f1a2b3c02',
};
const dbStatefulSet = { kind: 'StatefulSet', name: 'db', uid: '5b0e7c1e-3a0b-4e44-9d8e-1f1f1a2b3c03' };

const webContainer = {
  name: 'nginx',
  image: 'registry.example.com/shop/web:2.4.1',
  requests: { cpu: '250m', memory: '256Mi' },
  ports: [{ name: 'http', containerPort: 8080 }],
};
const apiContainers = [
  {
    name: 'api',
    image: 'registry.example.com/shop/api:1.9.0',
    requests: { cpu: '500m', memory: '512Mi' },
    ports: [{ name: 'http', containerPort: 8080 }],
  },
  { name: 'envoy', image: 'envoyproxy/envoy:v1.30.1', requests: { cpu: '0.5', memory: '128Mi' } },
];
const dbContainer = {
  name: 'postgres',
  image: 'postgres:16.3',
  requests: { cpu: '2', memory: '4Gi' },
  ports: [{ name: 'postgres', containerPort: 5432 }],
};

const webLabels = (hash: string) => ({ app: 'web', 'pod-template-hash': hash, tier: 'frontend' });

export const kubectlList = {
  apiVersion: 'v1',
  kind: 'List',
  metadata: { resourceVersion: '' },
  items: [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'shop',
        uid: '0d6a7c4e-8a55-4d1e-a0c2-7f3c1d9e0a01',
        labels: { 'kubernetes.io/metadata.name': 'shop', team: 'checkout' },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    },
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'kube-system',
        uid: '0d6a7c4e-8a55-4d1e-a0c2-7f3c1d9e0a02',
        labels: { 'kubernetes.io/metadata.name': 'kube-system' },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    },
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'node-a',
        uid: '9f1c2d3e-0000-4a5b-8c7d-000000000001',
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': 'node-a',
          'kubernetes.io/os': 'linux',
          'node-role.kubernetes.io/worker': '',
          'node.kubernetes.io/instance-type': 'm6i.2xlarge',
          'topology.kubernetes.io/zone': 'eu-west-1a',
        },
      },
      spec: { podCIDR: '10.244.0.0/24', providerID: 'aws:///eu-west-1a/i-0a1b2c3d4e5f60001' },
      status: {
        addresses: [
          { type: 'InternalIP', address: '10.0.1.11' },
          { type: 'ExternalIP', address: '203.0.113.11' },
          { type: 'Hostname', address: 'node-a' },
          { type: 'InternalDNS', address: 'ip-10-0-1-11.eu-west-1.compute.internal' },
        ],
        allocatable: { cpu: '7910m', 'ephemeral-storage': '95551679124', memory: '31727244Ki', pods: '58' },
        capacity: { cpu: '8', 'ephemeral-storage': '104845292Ki', memory: '32877452Ki', pods: '58' },
        nodeInfo: {
          architecture: 'amd64',
          containerRuntimeVersion: 'containerd://1.7.16',
          kernelVersion: '6.1.90-99.173.amzn2023.x86_64',
          kubeletVersion: 'v1.30.2',
          operatingSystem: 'linux',
          osImage: 'Amazon Linux 2023.4.20240528',
        },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'node-b',
        uid: '9f1c2d3e-0000-4a5b-8c7d-000000000002',
        labels: {
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': 'node-b',
          'kubernetes.io/os': 'linux',
          'node-role.kubernetes.io/worker': '',
          'topology.kubernetes.io/zone': 'eu-west-1b',
        },
      },
      spec: { podCIDR: '10.244.1.0/24' },
      status: {
        addresses: [
          { type: 'InternalIP', address: '10.0.1.12' },
          { type: 'Hostname', address: 'node-b' },
        ],
        allocatable: { cpu: '3800m', memory: '15243088Ki', pods: '58' },
        capacity: { cpu: '4', memory: '16393168Ki', pods: '58' },
        nodeInfo: {
          kubeletVersion: 'v1.30.2',
          operatingSystem: 'linux',
          osImage: 'Ubuntu 22.04.4 LTS',
        },
      },
    },
    pod(
      {
        name: 'web-7d4b9c8f6-2xkqp',
        namespace: 'shop',
        labels: webLabels('7d4b9c8f6'),
        owner: webReplicaSet,
        node: 'node-a',
        phase: 'Running',
        ip: '10.244.0.21',
        containers: [webContainer],
      },
      'a1000000-0000-4000-8000-000000000001',
    ),
    pod(
      {
        name: 'web-7d4b9c8f6-8hvzt',
        namespace: 'shop',
        labels: webLabels('7d4b9c8f6'),
        owner: webReplicaSet,
        node: 'node-a',
        phase: 'Running',
        ip: '10.244.0.22',
        containers: [webContainer],
      },
      'a1000000-0000-4000-8000-000000000002',
    ),
    pod(
      {
        name: 'web-7d4b9c8f6-qm5rw',
        namespace: 'shop',
        labels: webLabels('7d4b9c8f6'),
        owner: webReplicaSet,
        node: 'node-b',
        phase: 'Running',
        ip: '10.244.1.31',
        containers: [webContainer],
      },
      'a1000000-0000-4000-8000-000000000003',
    ),
    pod(
      {
        name: 'api-5f6d7c9b8-l9d2c',
        namespace: 'shop',
        labels: { app: 'api', 'pod-template-hash': '5f6d7c9b8' },
        owner: apiReplicaSet,
        node: 'node-b',
        phase: 'Running',
        ip: '10.244.1.32',
        containers: apiContainers,
      },
      'a1000000-0000-4000-8000-000000000004',
    ),
    pod(
      {
        name: 'api-5f6d7c9b8-zt7fn',
        namespace: 'shop',
        labels: { app: 'api', 'pod-template-hash': '5f6d7c9b8' },
        owner: apiReplicaSet,
        phase: 'Pending',
        containers: apiContainers,
      },
      'a1000000-0000-4000-8000-000000000005',
    ),
    pod(
      {
        name: 'db-0',
        namespace: 'shop',
        labels: {
          app: 'db',
          'apps.kubernetes.io/pod-index': '0',
          'controller-revision-hash': 'db-6c9f7d5b84',
          'statefulset.kubernetes.io/pod-name': 'db-0',
        },
        owner: dbStatefulSet,
        node: 'node-a',
        phase: 'Running',
        ip: '10.244.0.40',
        containers: [dbContainer],
      },
      'a1000000-0000-4000-8000-000000000006',
    ),
    pod(
      {
        name: 'db-1',
        namespace: 'shop',
        labels: {
          app: 'db',
          'apps.kubernetes.io/pod-index': '1',
          'controller-revision-hash': 'db-6c9f7d5b84',
          'statefulset.kubernetes.io/pod-name': 'db-1',
        },
        owner: dbStatefulSet,
        node: 'node-b',
        phase: 'Running',
        ip: '10.244.1.40',
        containers: [dbContainer],
      },
      'a1000000-0000-4000-8000-000000000007',
    ),
    pod(
      {
        name: 'migrate-28611520-h4kx2',
        namespace: 'shop',
        labels: { 'batch.kubernetes.io/job-name': 'migrate-28611520', 'job-name': 'migrate-28611520' },
        owner: { kind: 'Job', name: 'migrate-28611520', uid: '5b0e7c1e-3a0b-4e44-9d8e-1f1f1a2b3c04' },
        node: 'node-a',
        phase: 'Succeeded',
        containers: [{ name: 'migrate', image: 'registry.example.com/shop/api:1.9.0' }],
      },
      'a1000000-0000-4000-8000-000000000008',
    ),
    pod(
      {
        name: 'kube-proxy-7xw2p',
        namespace: 'kube-system',
        labels: {
          'k8s-app': 'kube-proxy',
          'controller-revision-hash': '6f4c8b7d9',
          'pod-template-generation': '1',
        },
        owner: { kind: 'DaemonSet', name: 'kube-proxy', uid: '5b0e7c1e-3a0b-4e44-9d8e-1f1f1a2b3c05' },
        node: 'node-a',
        phase: 'Running',
        ip: '10.0.1.11',
        hostNetwork: true,
        containers: [
          {
            name: 'kube-proxy',
            image: 'registry.k8s.io/kube-proxy:v1.30.2',
            requests: { cpu: '100m' },
          },
        ],
      },
      'a1000000-0000-4000-8000-000000000009',
    ),
    // Malformed: spec.containers must be a list.
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'broken', namespace: 'shop', uid: 'a1000000-0000-4000-8000-00000000000a' },
      spec: { containers: 'nginx' },
      status: { phase: 'Running' },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'web',
        namespace: 'shop',
        uid: 'b2000000-0000-4000-8000-000000000001',
        labels: { app: 'web' },
        annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
      },
      spec: {
        type: 'LoadBalancer',
        clusterIP: '10.96.120.15',
        clusterIPs: ['10.96.120.15'],
        externalTrafficPolicy: 'Cluster',
        ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 31380 }],
        selector: { app: 'web' },
        sessionAffinity: 'None',
      },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.50', ipMode: 'VIP' }] } },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'api',
        namespace: 'shop',
        uid: 'b2000000-0000-4000-8000-000000000002',
        labels: { app: 'api' },
      },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.44.201',
        clusterIPs: ['10.96.44.201'],
        ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }],
        selector: { app: 'api' },
        sessionAffinity: 'None',
      },
      status: { loadBalancer: {} },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'db',
        namespace: 'shop',
        uid: 'b2000000-0000-4000-8000-000000000004',
        labels: { app: 'db' },
      },
      spec: {
        type: 'ClusterIP',
        clusterIP: 'None',
        clusterIPs: ['None'],
        ports: [{ name: 'postgres', port: 5432, protocol: 'TCP', targetPort: 5432 }],
        publishNotReadyAddresses: false,
        selector: { app: 'db' },
      },
      status: { loadBalancer: {} },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        uid: 'b2000000-0000-4000-8000-000000000003',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        sessionAffinity: 'None',
      },
      status: { loadBalancer: {} },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'web',
        namespace: 'shop',
        uid: 'c3000000-0000-4000-8000-000000000001',
        generation: 4,
        labels: { app: 'web', 'app.kubernetes.io/part-of': 'shop' },
        annotations: { 'deployment.kubernetes.io/revision': '4' },
      },
      spec: {
        replicas: 3,
        revisionHistoryLimit: 10,
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: {
          metadata: { labels: { app: 'web', tier: 'frontend' } },
          spec: { containers: [{ name: 'nginx', image: 'registry.example.com/shop/web:2.4.1' }] },
        },
      },
      status: { availableReplicas: 3, readyReplicas: 3, replicas: 3, updatedReplicas: 3 },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'api',
        namespace: 'shop',
        uid: 'c3000000-0000-4000-8000-000000000002',
        labels: { app: 'api', 'app.kubernetes.io/part-of': 'shop' },
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: { containers: [{ name: 'api', image: 'registry.example.com/shop/api:1.9.0' }] },
        },
      },
      status: { availableReplicas: 1, readyReplicas: 1, replicas: 2, unavailableReplicas: 1 },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'web-7d4b9c8f6',
        namespace: 'shop',
        uid: webReplicaSet.uid,
        labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
            uid: 'c3000000-0000-4000-8000-000000000001',
            controller: true,
          },
        ],
      },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c8f6' } } },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: {
        name: 'db',
        namespace: 'shop',
        uid: dbStatefulSet.uid,
        labels: { app: 'db' },
      },
      spec: {
        replicas: 2,
        serviceName: 'db',
        podManagementPolicy: 'OrderedReady',
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'postgres', image: 'postgres:16.3' }] },
        },
        volumeClaimTemplates: [
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '100Gi' } } },
          },
        ],
      },
      status: { availableReplicas: 2, readyReplicas: 2, replicas: 2 },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'shop',
        namespace: 'shop',
        uid: 'd4000000-0000-4000-8000-000000000001',
        annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' },
      },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['api.shop.example.com'], secretName: 'api-tls' }],
        rules: [
          {
            host: 'api.shop.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'api', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.60' }] } },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'api-from-web', namespace: 'shop', uid: 'e5000000-0000-4000-8000-000000000001' },
      spec: {
        podSelector: { matchLabels: { app: 'api' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: 'web' } } }],
            ports: [{ protocol: 'TCP', port: 8080 }],
          },
        ],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'db-from-corporate', namespace: 'shop', uid: 'e5000000-0000-4000-8000-000000000002' },
      spec: {
        podSelector: { matchLabels: { app: 'db' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ ipBlock: { cidr: '10.0.0.0/8' } }],
            ports: [{ protocol: 'TCP', port: 5432 }],
          },
        ],
      },
    },
  ],
};

/** The index of the malformed Pod in `kubectlList.items`. */
export const malformedItemIndex = kubectlList.items.findIndex(
  (item) => (item.metadata as { name?: string }).name === 'broken',
);

/**
 * The same objects as the API server's list endpoints answer them: one list per resource, items
 * without `kind` and `apiVersion`, and `metadata.resourceVersion` on the list.
 */
export function apiListsByKind(): Map<string, Record<string, unknown>[]> {
  const byKind = new Map<string, Record<string, unknown>[]>();
  for (const item of kubectlList.items as Record<string, unknown>[]) {
    const { kind, apiVersion: _apiVersion, ...rest } = item;
    const list = byKind.get(String(kind)) ?? [];
    list.push(rest);
    byKind.set(String(kind), list);
  }
  return byKind;
}
