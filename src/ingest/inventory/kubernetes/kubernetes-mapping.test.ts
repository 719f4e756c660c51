import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidEntityId, MemoryTwinStore, type Operation, relationId, Twin } from '../../../model/index.js';
import type { InventoryImport } from '../inventory-import.js';
import { kubernetesInventory } from './kubernetes-mapping.js';
import { readKubernetesObjects } from './kubernetes-objects.js';
import { kubectlList, malformedItemIndex } from './kubernetes-samples.fixture.js';

const imported = kubernetesInventory(readKubernetesObjects(kubectlList), { cluster: 'prod' });
const { document } = imported;

const entity = (id: string) => document.entities.find((item) => item.id === id);
const pairs = (type: string, result: InventoryImport = imported) =>
  result.document.relations
    .filter((relation) => relation.type === type)
    .map((relation) => `${relation.from} -> ${relation.to}`);

const web = ['web-7d4b9c8f6-2xkqp', 'web-7d4b9c8f6-8hvzt', 'web-7d4b9c8f6-qm5rw'].map(
  (n) => `container:shop/${n}`,
);
const api = ['api-5f6d7c9b8-l9d2c', 'api-5f6d7c9b8-zt7fn'].map((n) => `container:shop/${n}`);
const db = ['db-0', 'db-1'].map((n) => `container:shop/${n}`);
const kubeProxy = 'container:kube-system/kube-proxy-7xw2p';

function operationsOf(result: InventoryImport): Operation[] {
  return [
    ...result.document.entities.map((entity): Operation => ({ op: 'upsert-entity', entity })),
    ...result.document.relations.map((relation): Operation => ({ op: 'upsert-relation', relation })),
  ];
}

describe('the sample cluster as a document', () => {
  it('is attributed to k8s:<cluster> and counts what was read', () => {
    expect(document.source).toBe('k8s:prod');
    expect(imported.counts).toMatchObject({
      nodes: 2,
      pods: 9,
      malformed: 1,
      ignored: 1,
      'finished-pods': 1,
    });
  });

  it('has one entity per node, running pod, workload, selector-less Service, load balancer and segment', () => {
    expect(document.entities.map((item) => item.id)).toEqual([
      kubeProxy,
      ...api,
      ...db,
      ...web,
      'host:node-a',
      'host:node-b',
      'load-balancer:shop/web',
      'network-segment:k8s-prod',
      'network-segment:k8s-prod/10.0.0.0/8',
      'service:default/kubernetes',
      'service:shop/api',
      'service:shop/db',
      'service:shop/web',
    ]);
    for (const item of document.entities) expect(isValidEntityId(item.id), item.id).toBe(true);
  });

  it('maps nodes to hosts with parsed capacity, addresses, OS and labels', () => {
    expect(entity('host:node-a')).toEqual({
      id: 'host:node-a',
      kind: 'host',
      name: 'node-a',
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': 'node-a',
        'kubernetes.io/os': 'linux',
        'node-role.kubernetes.io/worker': '',
        'node.kubernetes.io/instance-type': 'm6i.2xlarge',
        'topology.kubernetes.io/zone': 'eu-west-1a',
        'k8s-cluster': 'prod',
      },
      props: {
        cpuCores: 8,
        memoryBytes: 32877452 * 1024,
        ipAddresses: ['10.0.1.11', '203.0.113.11'],
        os: 'Amazon Linux 2023.4.20240528',
      },
    });
    expect(entity('host:node-b')?.props).toMatchObject({ cpuCores: 4, memoryBytes: 16393168 * 1024 });
  });

  it('maps pods to containers: image, address, summed requests, whole cores only as cpuCores', () => {
    expect(entity(web[0] as string)).toMatchObject({
      kind: 'container',
      name: 'shop/web-7d4b9c8f6-2xkqp',
      labels: {
        app: 'web',
        'pod-template-hash': '7d4b9c8f6',
        tier: 'frontend',
        'k8s-cluster': 'prod',
        'k8s-namespace': 'shop',
      },
      props: {
        image: 'registry.example.com/shop/web:2.4.1',
        ipAddresses: ['10.244.0.21'],
        cpuRequestCores: 0.25,
        memoryBytes: 256 * 1024 ** 2,
      },
    });
    expect(entity(web[0] as string)?.props).not.toHaveProperty('cpuCores');
    // 500m + 0.5: one whole core.
    expect(entity(api[0] as string)?.props).toMatchObject({
      cpuCores: 1,
      cpuRequestCores: 1,
      memoryBytes: 640 * 1024 ** 2,
    });
    expect(entity(db[0] as string)?.props).toMatchObject({ cpuCores: 2, memoryBytes: 4 * 1024 ** 3 });
    // A hostNetwork pod's address is its node's.
    expect(entity(kubeProxy)?.props).not.toHaveProperty('ipAddresses');
    expect(entity('container:shop/migrate-28611520-h4kx2')).toBeUndefined();
  });

  it('puts containers on their nodes; the pending pod runs nowhere yet', () => {
    expect(pairs('runs-on').filter((pair) => pair.startsWith('container:'))).toEqual([
      `${kubeProxy} -> host:node-a`,
      `${api[0]} -> host:node-b`,
      `${db[0]} -> host:node-a`,
      `${db[1]} -> host:node-b`,
      `${web[0]} -> host:node-a`,
      `${web[1]} -> host:node-a`,
      `${web[2]} -> host:node-b`,
    ]);
  });

  it('runs each workload service on its pods', () => {
    expect(pairs('runs-on').filter((pair) => pair.startsWith('service:'))).toEqual([
      ...api.map((id) => `service:shop/api -> ${id}`),
      ...db.map((id) => `service:shop/db -> ${id}`),
      ...web.map((id) => `service:shop/web -> ${id}`),
    ]);
  });

  it('gives workloads the port their Service sends to and marks entry points', () => {
    expect(entity('service:shop/web')).toEqual({
      id: 'service:shop/web',
      kind: 'service',
      name: 'shop/web',
      labels: {
        app: 'web',
        'app.kubernetes.io/part-of': 'shop',
        'k8s-cluster': 'prod',
        'k8s-namespace': 'shop',
        'k8s-kind': 'Deployment',
      },
      // LoadBalancer: an entry point; port 80 goes to the pods' 8080.
      props: { replicas: 3, port: 8080, servicePort: 80, entryPoint: true },
    });
    // Routed by the Ingress; targetPort "http" is the containers' 8080.
    expect(entity('service:shop/api')?.props).toEqual({
      replicas: 2,
      port: 8080,
      servicePort: 80,
      entryPoint: true,
    });
    expect(entity('service:shop/db')?.props).toEqual({ replicas: 2, port: 5432 });
    expect(entity('service:shop/db')?.labels).toMatchObject({ 'k8s-kind': 'StatefulSet' });
  });

  it('keeps a Service that selects no workload as its own service', () => {
    expect(entity('service:default/kubernetes')).toMatchObject({
      labels: { 'k8s-kind': 'Service', 'k8s-namespace': 'default', component: 'apiserver' },
      props: { port: 6443, servicePort: 443 },
    });
    expect(pairs('runs-on').filter((pair) => pair.startsWith('service:default/'))).toEqual([]);
  });

  it('makes a load balancer of a LoadBalancer Service, depending on the service behind it', () => {
    expect(entity('load-balancer:shop/web')?.props).toEqual({ ipAddresses: ['203.0.113.50'] });
    expect(pairs('depends-on')).toEqual(['load-balancer:shop/web -> service:shop/web']);
  });

  it('turns the NetworkPolicies into allows relations with ports and protocol', () => {
    const allows = document.relations.filter((relation) => relation.type === 'allows');
    const webToApi = allows.filter((relation) => relation.key === 'shop/api-from-web/ingress-0/tcp');
    expect(webToApi.map((relation) => `${relation.from} -> ${relation.to}`).sort()).toEqual(
      web.flatMap((from) => api.map((to) => `${from} -> ${to}`)).sort(),
    );
    for (const relation of webToApi) expect(relation.props).toEqual({ ports: '8080', protocol: 'tcp' });
    expect(allows.filter((relation) => relation.key === 'shop/db-from-corporate/ingress-0/tcp')).toEqual(
      db.map((to) => ({
        type: 'allows',
        from: 'network-segment:k8s-prod/10.0.0.0/8',
        to,
        key: 'shop/db-from-corporate/ingress-0/tcp',
        props: { ports: '5432', protocol: 'tcp' },
      })),
    );
    expect(entity('network-segment:k8s-prod/10.0.0.0/8')?.props).toEqual({
      cidrs: ['10.0.0.0/8'],
      isolated: true,
    });
  });

  it('lets every pod reach the pods no policy isolates, and only those', () => {
    expect(entity('network-segment:k8s-prod')?.props).toEqual({ isolated: true });
    expect(pairs('contains')).toEqual(
      [kubeProxy, ...api, ...db, ...web].map((id) => `network-segment:k8s-prod -> ${id}`),
    );
    const open = document.relations.filter(
      (relation) => relation.type === 'allows' && relation.from === 'network-segment:k8s-prod',
    );
    expect(open.map((relation) => relation.to)).toEqual([kubeProxy, ...web]);
    for (const relation of open) expect(relation.props).toEqual({ ports: '*' });
  });

  it('reports the malformed item by its path and nothing else', () => {
    expect(imported.problems).toEqual([
      {
        path: `items[${malformedItemIndex}].spec.containers`,
        message: 'must be an array, found string "nginx"; the Pod is skipped',
      },
    ]);
  });

  it('is the same document when mapped twice or read in another order', () => {
    const again = kubernetesInventory(readKubernetesObjects(kubectlList), { cluster: 'prod' });
    expect(again.document).toEqual(document);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(kubectlList.items, { minLength: kubectlList.items.length }),
        (items) => {
          const shuffled = kubernetesInventory(readKubernetesObjects({ ...kubectlList, items }), {
            cluster: 'prod',
          });
          expect(shuffled.document).toEqual(document);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('links only entities of the document, each relation once', () => {
    const ids = new Set(document.entities.map((item) => item.id));
    for (const relation of document.relations) {
      expect(ids.has(relation.from), relation.from).toBe(true);
      expect(ids.has(relation.to), relation.to).toBe(true);
    }
    const relationIds = document.relations.map((relation) => relationId(relation));
    expect(new Set(relationIds).size).toBe(relationIds.length);
  });

  it('applies to a twin, whose catalog checks kinds, props and relation types; again changes nothing', async () => {
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    const first = await twin.apply({
      actor: 'test',
      reason: 'k8s',
      source: document.source,
      ops: operationsOf(imported),
    });
    expect(first?.ops).toHaveLength(document.entities.length + document.relations.length);
    expect(twin.counts).toMatchObject({
      entities: document.entities.length,
      relations: document.relations.length,
    });
    const second = kubernetesInventory(readKubernetesObjects(kubectlList), { cluster: 'prod' });
    expect(
      await twin.apply({ actor: 'test', reason: 'k8s', source: document.source, ops: operationsOf(second) }),
    ).toBeNull();
  });
});

describe('mapping edge cases', () => {
  const list = (...items: unknown[]) => readKubernetesObjects({ kind: 'List', items });
  const pod = (name: string, extra: Record<string, unknown> = {}, labels: Record<string, string> = {}) => ({
    kind: 'Pod',
    metadata: { name, namespace: 'ns', labels },
    spec: { containers: [{ name: 'c', image: 'busybox' }], ...extra },
    status: { phase: 'Running' },
  });

  it('refuses an empty cluster name', () => {
    expect(() => kubernetesInventory(list(), { cluster: ' ' })).toThrow(TypeError);
  });

  it('drops labels the twin would refuse and says so', () => {
    const result = kubernetesInventory(
      list(pod('p', {}, { 'Bad Key': 'x', 'UPPER.example.com/x': 'y', ok: 'z' })),
      {
        cluster: 'c',
      },
    );
    expect(result.document.entities.find((item) => item.kind === 'container')?.labels).toEqual({
      ok: 'z',
      'k8s-cluster': 'c',
      'k8s-namespace': 'ns',
    });
    expect(result.problems.map((problem) => problem.path)).toEqual([
      'items[0].metadata.labels["Bad Key"]',
      'items[0].metadata.labels["UPPER.example.com/x"]',
    ]);
  });

  it('reports a pod on a node that was not read, without a dangling relation', () => {
    const result = kubernetesInventory(list(pod('p', { nodeName: 'gone' })), { cluster: 'c' });
    expect(pairs('runs-on', result)).toEqual([]);
    expect(result.problems).toEqual([
      { path: 'items[0].spec.nodeName', message: expect.stringContaining("'gone'") },
    ]);
  });

  it('reports an Ingress to a Service that was not read', () => {
    const ingress = {
      kind: 'Ingress',
      metadata: { name: 'i', namespace: 'ns' },
      spec: { defaultBackend: { service: { name: 'nowhere', port: { number: 80 } } } },
    };
    expect(kubernetesInventory(list(ingress), { cluster: 'c' }).problems).toEqual([
      { path: 'items[0].spec.defaultBackend', message: expect.stringContaining('ns/nowhere') },
    ]);
  });

  it('gives a Service whose selector matches no workload runs-on to the pods it selects', () => {
    const service = {
      kind: 'Service',
      metadata: { name: 'bare', namespace: 'ns' },
      spec: { type: 'NodePort', selector: { app: 'bare' }, ports: [{ port: 53, protocol: 'UDP' }] },
    };
    const result = kubernetesInventory(list(pod('p1', {}, { app: 'bare' }), pod('p2'), service), {
      cluster: 'c',
    });
    expect(result.document.entities.find((item) => item.id === 'service:ns/bare')?.props).toEqual({
      port: 53,
      protocol: 'udp',
      entryPoint: true,
    });
    expect(pairs('runs-on', result)).toEqual(['service:ns/bare -> container:ns/p1']);
  });

  it('links pods by selector and controller, not by name alone', () => {
    const deployment = (name: string, app: string) => ({
      kind: 'Deployment',
      metadata: { name, namespace: 'ns' },
      spec: { replicas: 1, selector: { matchLabels: { app } }, template: { metadata: { labels: { app } } } },
    });
    const owned = (name: string, app: string, owner: string) => ({
      ...pod(name, {}, { app }),
      metadata: {
        name,
        namespace: 'ns',
        labels: { app },
        ownerReferences: [{ kind: 'ReplicaSet', name: owner, controller: true }],
      },
    });
    const result = kubernetesInventory(
      list(
        deployment('web', 'web'),
        deployment('web-canary', 'web'),
        owned('web-1', 'web', 'web-abc'),
        owned('web-canary-1', 'web', 'web-canary-def'),
      ),
      { cluster: 'c' },
    );
    // Both selectors match both pods; the ReplicaSet names (<deployment>-<hash>) tell them apart,
    // though web-canary-def starts with "web-" too.
    expect(pairs('runs-on', result)).toEqual([
      'service:ns/web -> container:ns/web-1',
      'service:ns/web-canary -> container:ns/web-canary-1',
    ]);
    expect(result.problems).toEqual([]);
  });

  it('reports a pod without a controller that two workloads select', () => {
    const deployment = (name: string) => ({
      kind: 'Deployment',
      metadata: { name, namespace: 'ns' },
      spec: { selector: { matchLabels: { app: 'x' } } },
    });
    const result = kubernetesInventory(
      list(deployment('a'), deployment('b'), pod('orphan', {}, { app: 'x' })),
      {
        cluster: 'c',
      },
    );
    expect(pairs('runs-on', result)).toEqual([
      'service:ns/a -> container:ns/orphan',
      'service:ns/b -> container:ns/orphan',
    ]);
    expect(result.problems).toEqual([
      { path: 'items[2]', message: expect.stringContaining('selected by both') },
    ]);
  });

  it('merges a Service into the workload named like it when it does not select that workload', () => {
    const result = kubernetesInventory(
      list(
        {
          kind: 'StatefulSet',
          metadata: { name: 'cache', namespace: 'ns' },
          spec: {
            selector: { matchLabels: { app: 'cache' } },
            template: { metadata: { labels: { app: 'cache' } } },
          },
        },
        {
          kind: 'Service',
          metadata: { name: 'cache', namespace: 'ns' },
          spec: { selector: { app: 'other' }, ports: [{ port: 6379 }] },
        },
      ),
      { cluster: 'c' },
    );
    expect(result.document.entities).toHaveLength(1);
    expect(result.document.entities[0]?.props).toEqual({ port: 6379 });
    expect(result.problems).toEqual([
      { path: 'items[1]', message: expect.stringContaining('does not select') },
    ]);
  });
});
