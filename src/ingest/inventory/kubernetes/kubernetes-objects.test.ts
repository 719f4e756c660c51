import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type KubernetesObjects,
  mergeKubernetesObjects,
  parseKubernetesObjects,
  readKubernetesObjects,
} from './kubernetes-objects.js';
import { apiListsByKind, kubectlList, malformedItemIndex } from './kubernetes-samples.fixture.js';

/** A deep copy that shares nothing (structuredClone would keep the fixture's shared containers shared). */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function kept(objects: KubernetesObjects): number {
  return (
    objects.nodes.length +
    objects.pods.length +
    objects.deployments.length +
    objects.statefulSets.length +
    objects.services.length +
    objects.ingresses.length +
    objects.networkPolicies.length +
    objects.namespaces.length
  );
}

describe('reading kubectl get -o json', () => {
  const objects = readKubernetesObjects(kubectlList);

  it('keeps every well-formed item, counts them per kind and ignores other kinds', () => {
    expect(objects.counts).toEqual({
      namespaces: 2,
      nodes: 2,
      pods: 9,
      services: 4,
      deployments: 2,
      statefulsets: 1,
      ingresses: 1,
      networkpolicies: 2,
      ignored: 1,
      malformed: 1,
    });
  });

  it('reports the malformed item with its path and skips it alone', () => {
    expect(objects.problems).toEqual([
      {
        path: `items[${malformedItemIndex}].spec.containers`,
        message: 'must be an array, found string "nginx"; the Pod is skipped',
      },
    ]);
    expect(objects.pods.map((pod) => pod.metadata.name)).not.toContain('broken');
  });

  it('reads node capacity as numbers and addresses with their types', () => {
    const node = objects.nodes.find((item) => item.metadata.name === 'node-a');
    expect(node).toMatchObject({
      kind: 'Node',
      path: 'items[2]',
      cpuCapacity: 8,
      memoryCapacity: 32877452 * 1024,
      osImage: 'Amazon Linux 2023.4.20240528',
    });
    expect(node?.addresses.map((address) => address.type)).toEqual([
      'InternalIP',
      'ExternalIP',
      'Hostname',
      'InternalDNS',
    ]);
  });

  it('reads pods: node, phase, addresses, containers with requests and ports', () => {
    const api = objects.pods.find((pod) => pod.metadata.name === 'api-5f6d7c9b8-l9d2c');
    expect(api).toMatchObject({
      nodeName: 'node-b',
      phase: 'Running',
      podIPs: ['10.244.1.32'],
      hostNetwork: false,
    });
    expect(api?.containers).toEqual([
      {
        name: 'api',
        image: 'registry.example.com/shop/api:1.9.0',
        cpuRequest: 0.5,
        memoryRequest: 512 * 1024 ** 2,
        ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      },
      {
        name: 'envoy',
        image: 'envoyproxy/envoy:v1.30.1',
        cpuRequest: 0.5,
        memoryRequest: 128 * 1024 ** 2,
        ports: [],
      },
    ]);
    expect(api?.metadata.ownerReferences).toEqual([
      { kind: 'ReplicaSet', name: 'api-5f6d7c9b8', controller: true },
    ]);
    const pending = objects.pods.find((pod) => pod.metadata.name === 'api-5f6d7c9b8-zt7fn');
    expect(pending?.nodeName).toBeUndefined();
    expect(pending?.podIPs).toEqual([]);
  });

  it('reads services, ingresses and network policies', () => {
    const api = objects.services.find((service) => service.metadata.name === 'api');
    expect(api).toMatchObject({
      type: 'ClusterIP',
      selector: { app: 'api' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    });
    const web = objects.services.find((service) => service.metadata.name === 'web');
    expect(web?.loadBalancerIngress).toEqual([{ ip: '203.0.113.50' }]);
    expect(objects.ingresses[0]?.backends).toEqual([
      {
        serviceName: 'api',
        path: expect.stringMatching(/^items\[\d+\]\.spec\.rules\[0\]\.http\.paths\[0\]\.backend$/),
      },
    ]);
    const policy = objects.networkPolicies.find((item) => item.metadata.name === 'db-from-corporate');
    expect(policy?.ingress[0]?.from[0]?.ipBlock).toEqual({ cidr: '10.0.0.0/8', except: [] });
    expect(policy?.ingress[0]?.ports[0]).toMatchObject({ protocol: 'TCP', port: 5432 });
  });
});

describe('reading API list responses', () => {
  it('takes the kind of kind-less items from the list kind, or from the caller', () => {
    const pods = apiListsByKind().get('Pod') ?? [];
    const list = { apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '1234' }, items: pods };
    const fromList = readKubernetesObjects(list);
    expect(fromList.pods).toHaveLength(9);
    expect(fromList.problems).toEqual([
      { path: expect.stringMatching(/^items\[\d+\]\.spec\.containers$/), message: expect.any(String) },
    ]);
    const fromCaller = readKubernetesObjects({ items: pods }, { kind: 'Pod', prefix: '/api/v1/pods page 2' });
    expect(fromCaller.pods).toHaveLength(9);
    expect(fromCaller.pods[0]?.path).toBe('/api/v1/pods page 2: items[0]');
    expect(fromCaller.problems[0]?.path).toMatch(/^\/api\/v1\/pods page 2: items\[\d+\]\.spec\.containers$/);
  });

  it('reports a kind-less item in a plain List', () => {
    const objects = readKubernetesObjects({ kind: 'List', items: [{ metadata: { name: 'x' } }] });
    expect(objects.problems).toEqual([
      { path: 'items[0].kind', message: expect.stringContaining('missing') },
    ]);
    expect(objects.counts).toEqual({ malformed: 1 });
  });

  it('reads a single object and an array of lists', () => {
    const node = kubectlList.items[2];
    expect(readKubernetesObjects(node).nodes).toHaveLength(1);
    const both = readKubernetesObjects([{ kind: 'List', items: [node] }, node]);
    expect(both.nodes.map((item) => item.path)).toEqual(['[0].items[0]', '[1]']);
  });

  it('reads an item whose kind names a property of every object as an unknown kind', () => {
    for (const kind of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(readKubernetesObjects({ items: [{ kind, metadata: { name: 'x' } }] }).counts).toEqual({
        ignored: 1,
      });
    }
  });

  it('reads one level of arrays, not nested ones', () => {
    expect(readKubernetesObjects([[kubectlList.items[2]]]).problems).toEqual([
      { path: '[0]', message: 'must be a Kubernetes List or object' },
    ]);
  });

  it('reports text that is not JSON, and a document that is not a list', () => {
    expect(parseKubernetesObjects('{"items": [').problems[0]?.message).toMatch(/^not JSON/);
    expect(readKubernetesObjects(42).problems).toEqual([
      { path: '(document)', message: 'must be a Kubernetes List or object' },
    ]);
    expect(readKubernetesObjects({ items: {} }).problems).toEqual([
      { path: 'items', message: 'must be an array' },
    ]);
  });

  it('merges reads', () => {
    const a = readKubernetesObjects(kubectlList);
    const merged = mergeKubernetesObjects([a, a]);
    expect(merged.pods).toHaveLength(18);
    expect(merged.counts.pods).toBe(18);
    expect(merged.problems).toHaveLength(2);
  });
});

describe('validating the fields read', () => {
  const item = (patch: (pod: Record<string, unknown>) => void): KubernetesObjects => {
    const pod = clone(kubectlList.items[4]) as Record<string, unknown>;
    patch(pod);
    return readKubernetesObjects({ kind: 'List', items: [pod] });
  };

  it.each([
    [
      'a label value that is not a string',
      (pod: Record<string, unknown>) => {
        (pod.metadata as Record<string, unknown>).labels = { 'app.kubernetes.io/name': 7 };
      },
      'items[0].metadata.labels["app.kubernetes.io/name"]',
    ],
    [
      'a missing name',
      (pod: Record<string, unknown>) => {
        delete (pod.metadata as Record<string, unknown>).name;
      },
      'items[0].metadata.name',
    ],
    [
      'a request that is not a quantity',
      (pod: Record<string, unknown>) => {
        const spec = pod.spec as { containers: { resources: unknown }[] };
        (spec.containers[0] as { resources: unknown }).resources = { requests: { cpu: 'lots' } };
      },
      'items[0].spec.containers[0].resources.requests.cpu',
    ],
    [
      'a pod IP that is not an address',
      (pod: Record<string, unknown>) => {
        pod.status = { podIPs: [{ ip: '10.244.0.999' }] };
      },
      'items[0].status.podIPs[0].ip',
    ],
    [
      'a container port out of range',
      (pod: Record<string, unknown>) => {
        const spec = pod.spec as { containers: { ports: unknown }[] };
        (spec.containers[0] as { ports: unknown }).ports = [{ containerPort: 70000 }];
      },
      'items[0].spec.containers[0].ports[0].containerPort',
    ],
    [
      'an unknown protocol',
      (pod: Record<string, unknown>) => {
        const spec = pod.spec as { containers: { ports: unknown }[] };
        (spec.containers[0] as { ports: unknown }).ports = [{ containerPort: 80, protocol: 'ICMP' }];
      },
      'items[0].spec.containers[0].ports[0].protocol',
    ],
  ])('skips a pod with %s, naming the field', (_what, patch, path) => {
    const objects = item(patch);
    expect(objects.pods).toEqual([]);
    expect(objects.problems.map((problem) => problem.path)).toEqual([path]);
  });

  it('keeps a __proto__ label as an ordinary key', () => {
    const objects = readKubernetesObjects(
      JSON.parse(
        '{"kind":"List","items":[{"kind":"Namespace","metadata":{"name":"x","labels":{"__proto__":"y","a":"b"}}}]}',
      ),
    );
    const labels = objects.namespaces[0]?.metadata.labels ?? {};
    expect(Object.keys(labels).sort()).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
  });
});

/** Every path to a value inside `value`, objects and arrays included. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [prefix];
  if (Array.isArray(value))
    value.forEach((child, index) => {
      paths.push(...pathsOf(child, [...prefix, index]));
    });
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) paths.push(...pathsOf(child, [...prefix, key]));
  }
  return paths;
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return root;
}

describe('arbitrary input (properties)', () => {
  it('accounts for every item as kept, ignored or malformed, and never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 8 }), (items) => {
        const objects = readKubernetesObjects({ kind: 'List', items });
        const { ignored = 0, malformed = 0 } = objects.counts;
        expect(kept(objects) + ignored + malformed).toBe(items.length);
        expect(objects.problems.length).toBeGreaterThanOrEqual(malformed);
      }),
    );
  });

  it('a value replaced anywhere in one item never costs the other items', () => {
    const items = kubectlList.items;
    const pathsByItem = items.map((item) => pathsOf(item));
    const baseline = readKubernetesObjects(kubectlList);
    const baselineKept = kept(baseline);
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: items.length - 1 })
          .chain((index) =>
            fc.tuple(
              fc.constant(index),
              fc.constantFrom(...(pathsByItem[index] ?? [[]])),
              fc.jsonValue({ maxDepth: 2 }),
            ),
          ),
        ([index, path, value]) => {
          const list = clone(kubectlList) as { items: unknown[] };
          list.items[index] = setAt(list.items[index], path, value);
          const objects = readKubernetesObjects(list);
          const wasKept = index !== malformedItemIndex && items[index]?.kind !== 'ReplicaSet' ? 1 : 0;
          // The other items are read as before; the mutated one is kept, skipped or ignored.
          expect(kept(objects)).toBeGreaterThanOrEqual(baselineKept - wasKept);
          expect(kept(objects)).toBeLessThanOrEqual(baselineKept - wasKept + 1);
          for (const problem of objects.problems) {
            expect(
              problem.path.startsWith(`items[${index}]`) ||
                problem.path.startsWith(`items[${malformedItemIndex}]`),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
