import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryTwinStore, type Operation, Twin } from '../../../model/index.js';
import type { InventoryImport } from '../inventory-import.js';
import { kubernetesInventory } from './kubernetes-mapping.js';
import { readKubernetesObjects } from './kubernetes-objects.js';

type Json = Record<string, unknown>;

const pod = (namespace: string, name: string, labels: Record<string, string>, ports: Json[] = []): Json => ({
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { containers: [{ name: 'c', image: 'app:1', ports }] },
  status: { phase: 'Running' },
});

const policy = (namespace: string, name: string, spec: Json): Json => ({
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});

const namespace = (name: string, labels: Record<string, string> = {}): Json => ({
  kind: 'Namespace',
  metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
});

function map(items: Json[], maxRelationsPerRule?: number): InventoryImport {
  return kubernetesInventory(readKubernetesObjects({ kind: 'List', items }), {
    cluster: 'test',
    ...(maxRelationsPerRule !== undefined ? { maxRelationsPerRule } : {}),
  });
}

function allows(result: InventoryImport): string[] {
  return result.document.relations
    .filter((relation) => relation.type === 'allows')
    .map((relation) => {
      const { ports, protocol } = relation.props ?? {};
      return `${relation.from} -> ${relation.to} ${protocol ?? 'any'}/${ports}`;
    });
}

async function applyToTwin(result: InventoryImport): Promise<void> {
  const twin = await Twin.open({ store: new MemoryTwinStore() });
  const ops: Operation[] = [
    ...result.document.entities.map((entity): Operation => ({ op: 'upsert-entity', entity })),
    ...result.document.relations.map((relation): Operation => ({ op: 'upsert-relation', relation })),
  ];
  await twin.apply({ actor: 'test', reason: 'k8s', ops });
}

const segment = 'network-segment:k8s-test';

describe('NetworkPolicy ingress rules as allows relations', () => {
  it('looks named ports up in each selected pod, by protocol', () => {
    const result = map([
      pod('ns', 'client', { role: 'client' }),
      pod('ns', 'a', { app: 'srv' }, [{ name: 'http', containerPort: 8080 }]),
      pod('ns', 'b', { app: 'srv' }, [{ name: 'http', containerPort: 9090 }]),
      pod('ns', 'c', { app: 'srv' }, [{ name: 'http', containerPort: 53, protocol: 'UDP' }]),
      policy('ns', 'p', {
        podSelector: { matchLabels: { app: 'srv' } },
        ingress: [
          { from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 'http' }] },
        ],
      }),
    ]);
    expect(allows(result).filter((text) => !text.startsWith(segment))).toEqual([
      'container:ns/client -> container:ns/a tcp/8080',
      'container:ns/client -> container:ns/b tcp/9090',
    ]);
    expect(result.problems).toEqual([
      { path: 'items[4].spec.ingress[0].ports[0]', message: expect.stringContaining("'http'") },
    ]);
  });

  it('groups ports by protocol, with ranges, and writes no ports as every port of any protocol', () => {
    const result = map([
      pod('ns', 'client', { role: 'client' }),
      pod('ns', 'srv', { app: 'srv' }),
      policy('ns', 'p', {
        podSelector: { matchLabels: { app: 'srv' } },
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { role: 'client' } } }],
            ports: [
              { protocol: 'TCP', port: 80 },
              { protocol: 'UDP', port: 53 },
              { port: 443 },
              { protocol: 'TCP', port: 8000, endPort: 8100 },
            ],
          },
          { from: [{ podSelector: {} }] },
        ],
      }),
    ]);
    const relations = result.document.relations.filter((relation) => relation.to === 'container:ns/srv');
    expect(relations.filter((relation) => relation.type === 'allows')).toEqual([
      {
        type: 'allows',
        from: 'container:ns/client',
        to: 'container:ns/srv',
        key: 'ns/p/ingress-0/tcp',
        props: { ports: '80,443,8000-8100', protocol: 'tcp' },
      },
      {
        type: 'allows',
        from: 'container:ns/client',
        to: 'container:ns/srv',
        key: 'ns/p/ingress-0/udp',
        props: { ports: '53', protocol: 'udp' },
      },
      {
        type: 'allows',
        from: 'container:ns/client',
        to: 'container:ns/srv',
        key: 'ns/p/ingress-1/any',
        props: { ports: '*' },
      },
    ]);
  });

  it('admits every pod through the cluster segment when a rule has no from', () => {
    const result = map([
      pod('ns', 'srv', { app: 'srv' }),
      policy('ns', 'p', {
        podSelector: { matchLabels: { app: 'srv' } },
        ingress: [{ ports: [{ port: 443 }] }],
      }),
    ]);
    expect(allows(result)).toEqual([`${segment} -> container:ns/srv tcp/443`]);
  });

  it('isolates the selected pods of a policy without ingress rules: nothing reaches them', () => {
    const result = map([
      pod('ns', 'srv', { app: 'srv' }),
      pod('ns', 'other', { app: 'other' }),
      policy('ns', 'deny', { podSelector: { matchLabels: { app: 'srv' } }, policyTypes: ['Ingress'] }),
    ]);
    expect(allows(result)).toEqual([`${segment} -> container:ns/other any/*`]);
  });

  it('reports egress rules as not modelled, and an egress-only policy isolates nothing', () => {
    const result = map([
      pod('ns', 'srv', { app: 'srv' }),
      policy('ns', 'out', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
      }),
    ]);
    expect(allows(result)).toEqual([`${segment} -> container:ns/srv any/*`]);
    expect(result.problems).toEqual([{ path: 'items[1]', message: expect.stringContaining('egress') }]);
  });

  it('selects peer namespaces by their labels, with a podSelector inside them', () => {
    const result = map([
      namespace('ns'),
      namespace('mon', { team: 'sre' }),
      namespace('dev', { team: 'dev' }),
      pod('ns', 'srv', { app: 'srv' }),
      pod('mon', 'prometheus', { app: 'prometheus' }),
      pod('mon', 'grafana', { app: 'grafana' }),
      pod('dev', 'prometheus', { app: 'prometheus' }),
      policy('ns', 'p', {
        podSelector: { matchLabels: { app: 'srv' } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { team: 'sre' } },
                podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['prometheus'] }] },
              },
            ],
            ports: [{ port: 9100 }],
          },
        ],
      }),
    ]);
    expect(allows(result).filter((text) => !text.startsWith(segment))).toEqual([
      'container:mon/prometheus -> container:ns/srv tcp/9100',
    ]);
    expect(result.problems).toEqual([]);
  });

  it('without Namespace objects, matches namespaces by their name label only, and says so', () => {
    const items = [
      pod('ns', 'srv', { app: 'srv' }),
      pod('mon', 'prometheus', { app: 'prometheus' }),
      policy('ns', 'p', {
        podSelector: { matchLabels: { app: 'srv' } },
        ingress: [
          { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'mon' } } }] },
          { from: [{ namespaceSelector: { matchLabels: { team: 'sre' } } }] },
        ],
      }),
    ];
    const result = map(items);
    expect(allows(result).filter((text) => !text.startsWith(segment))).toEqual([
      'container:mon/prometheus -> container:ns/srv any/*',
    ]);
    expect(result.problems).toEqual([
      {
        path: 'items[2].spec.ingress[1].from[0].namespaceSelector',
        message: expect.stringContaining('no Namespace objects were read'),
      },
    ]);
  });

  it('admits ipBlock sources through a segment of the block; exceptions and bad blocks are reported', () => {
    const result = map([
      pod('ns', 'srv', { app: 'srv' }),
      policy('ns', 'p', {
        podSelector: {},
        ingress: [
          {
            from: [
              { ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.1.0/24'] } },
              { ipBlock: { cidr: '10.1.2.3/8' } },
              { ipBlock: { cidr: '2001:db8::/32' } },
            ],
            ports: [{ port: 22 }, { protocol: 'SCTP', port: 9 }],
          },
        ],
      }),
    ]);
    expect(allows(result)).toEqual([
      `${segment}/192.168.0.0/16 -> container:ns/srv tcp/22`,
      `${segment}/2001:db8::/32 -> container:ns/srv tcp/22`,
    ]);
    expect(
      result.document.entities.find((entity) => entity.id === `${segment}/2001:db8::/32`)?.props,
    ).toEqual({
      cidrs: ['2001:db8::/32'],
      isolated: true,
    });
    expect(result.problems.map((problem) => problem.path)).toEqual([
      'items[1].spec.ingress[0].ports[1]',
      'items[1].spec.ingress[0].from[0].ipBlock.except',
      'items[1].spec.ingress[0].from[1].ipBlock.cidr',
    ]);
  });

  it('writes a rule past the cap as one rule between two segments, and says so', async () => {
    const clients = Array.from({ length: 4 }, (_, index) => pod('ns', `client-${index}`, { role: 'client' }));
    const servers = Array.from({ length: 3 }, (_, index) => pod('ns', `srv-${index}`, { app: 'srv' }));
    const items = [
      ...clients,
      ...servers,
      policy('ns', 'p', {
        podSelector: { matchLabels: { app: 'srv' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 8080 }] }],
      }),
    ];
    expect(allows(map(items, 12)).filter((text) => text.includes('/ingress-0/'))).toEqual([]);
    expect(allows(map(items, 12)).filter((text) => text.startsWith('container:'))).toHaveLength(12);
    const capped = map(items, 11);
    const base = `${segment}/ns/p/ingress-0`;
    expect(allows(capped).filter((text) => !text.startsWith(`${segment} `))).toEqual([
      `${base}/sources -> ${base}/targets tcp/8080`,
    ]);
    const contains = capped.document.relations.filter((relation) => relation.type === 'contains');
    expect(contains.filter((relation) => relation.from === `${base}/sources`)).toHaveLength(4);
    expect(contains.filter((relation) => relation.from === `${base}/targets`)).toHaveLength(3);
    expect(capped.problems).toEqual([
      { path: 'items[7].spec.ingress[0]', message: expect.stringContaining('12 allows') },
    ]);
    await applyToTwin(capped);
  });
});

describe('random clusters (property)', () => {
  const apps = ['a', 'b', 'c'];
  const namespaces = ['x', 'y'];
  const selector = fc.oneof(
    fc.constant({}),
    fc.constantFrom(...apps).map((app) => ({ matchLabels: { app } })),
    fc
      .subarray(apps, { minLength: 1 })
      .map((values) => ({ matchExpressions: [{ key: 'app', operator: 'NotIn', values }] })),
  );
  const peer = fc.oneof(
    selector.map((podSelector) => ({ podSelector })),
    fc.record({ namespaceSelector: selector, podSelector: selector }),
    fc.constantFrom('10.0.0.0/8', '0.0.0.0/0', '::/0').map((cidr) => ({ ipBlock: { cidr } })),
  );
  const port = fc.oneof(
    fc.record({ protocol: fc.constantFrom('TCP', 'UDP'), port: fc.integer({ min: 1, max: 65535 }) }),
    fc.constant({ port: 'http' }),
    fc.constant({ protocol: 'UDP' }),
  );
  const rule = fc.record({ from: fc.array(peer, { maxLength: 3 }), ports: fc.array(port, { maxLength: 3 }) });
  const cluster = fc.record({
    pods: fc.array(fc.tuple(fc.constantFrom(...namespaces), fc.constantFrom(...apps), fc.boolean()), {
      maxLength: 12,
    }),
    policies: fc.array(
      fc.record({
        namespace: fc.constantFrom(...namespaces),
        podSelector: selector,
        ingress: fc.array(rule, { maxLength: 3 }),
      }),
      { maxLength: 4 },
    ),
    cap: fc.integer({ min: 1, max: 40 }),
  });

  it('always yields a document the twin accepts, with well-formed ports and the cap kept', async () => {
    await fc.assert(
      fc.asyncProperty(cluster, async ({ pods, policies, cap }) => {
        const items = [
          ...pods.map(([ns, app, named], index) =>
            pod(ns, `p${index}`, { app }, named ? [{ name: 'http', containerPort: 8000 + index }] : []),
          ),
          ...policies.map((spec, index) =>
            policy(spec.namespace, `np${index}`, { podSelector: spec.podSelector, ingress: spec.ingress }),
          ),
        ];
        const result = map(items, cap);
        const perKey = new Map<string, number>();
        for (const relation of result.document.relations) {
          if (relation.type !== 'allows') continue;
          expect(String(relation.props?.ports)).toMatch(/^(\*|\d+(-\d+)?(,\d+(-\d+)?)*)$/);
          expect([undefined, 'tcp', 'udp']).toContain(relation.props?.protocol);
          if (relation.key) {
            const rule = relation.key.replace(/\/[a-z]+$/, '');
            perKey.set(rule, (perKey.get(rule) ?? 0) + 1);
          }
        }
        // Past the cap a rule is a few segment-to-segment relations (sources × protocols).
        for (const count of perKey.values()) expect(count).toBeLessThanOrEqual(Math.max(cap, 8));
        await applyToTwin(result);
      }),
      { numRuns: 60 },
    );
  });
});
