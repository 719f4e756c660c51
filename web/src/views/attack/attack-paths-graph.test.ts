import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttackPath, AttackStep } from '../../contract';
import { layeredPositions } from './attack-layout';
import {
  attackerId,
  attackPathsGraph,
  idsInFact,
  percent,
  stepSources,
  stepTarget,
} from './attack-paths-graph';

// The demo's most likely path to the orders database (infratwin demo, POST /api/attack/analyses).
const step = (overrides: Partial<AttackStep>): AttackStep => ({
  rule: 4,
  ruleName: 'remote exploit',
  gains: 'execCode(host:x,user)',
  entities: [],
  probability: 1,
  evidence: [],
  ...overrides,
});
const demoPath: AttackPath = {
  probability: 0.07695,
  length: 4,
  cutBy: ['rotate:credential:orders-db-admin'],
  steps: [
    step({
      technique: 'T1190',
      gains: 'execCode(container:c1,user)',
      entities: ['container:c1', 'vulnerability:CVE-2021-44228'],
      probability: 0.95,
      evidence: [
        {
          fact: 'vulExists(container:c1, vulnerability:CVE-2021-44228, tcp/443, remote)',
          relation: 'has-vulnerability:service:storefront->vulnerability:CVE-2021-44228',
        },
        { fact: 'attackerLocated(network-segment:internet)' },
      ],
    }),
    step({
      technique: 'T1210',
      gains: 'execCode(container:c2,user)',
      entities: ['container:c2', 'vulnerability:CVE-2023-38545'],
      probability: 0.1,
      evidence: [{ fact: 'vulExists(container:c2, vulnerability:CVE-2023-38545, remote)' }],
    }),
    step({
      rule: 8,
      ruleName: 'credential theft',
      technique: 'T1552.001',
      gains: 'hasCredential(credential:db-admin)',
      entities: ['credential:db-admin', 'container:c2'],
      probability: 0.9,
      evidence: [{ fact: 'storedOn(credential:db-admin, container:c2, user)' }],
    }),
    step({
      rule: 10,
      ruleName: 'valid account',
      technique: 'T1078',
      gains: 'execCode(vm:db-vm,root)',
      entities: ['vm:db-vm', 'credential:db-admin'],
      probability: 0.9,
      evidence: [
        { fact: 'accepts(vm:db-vm, credential:db-admin, tcp/5432, root)' },
        {
          fact: 'allows(network-segment:servers → network-segment:workloads, *)',
          relation: 'allows:network-segment:servers->network-segment:workloads',
        },
      ],
    }),
  ],
};
const jewel = {
  id: 'database:orders-db',
  name: 'orders-db',
  kind: 'database',
  assets: ['vm:db-vm', 'vm:other'],
};

describe('attack paths as a graph', () => {
  it('reads entity ids out of facts and what a step gains', () => {
    expect(idsInFact('storedOn(credential:k, container:dc1-a/r01, user)')).toEqual([
      'credential:k',
      'container:dc1-a/r01',
    ]);
    expect(idsInFact('allows(network-segment:a → network-segment:b, *)')).toEqual([
      'network-segment:a',
      'network-segment:b',
    ]);
    expect(stepTarget(demoPath.steps[2] as AttackStep)).toBe('credential:db-admin');
    expect(stepTarget(demoPath.steps[3] as AttackStep)).toBe('vm:db-vm');
  });

  it('starts each step where the attacker is: the internet, the last hold, the host of a stolen credential', () => {
    expect(stepSources(demoPath)).toEqual([
      'network-segment:internet',
      'container:c1',
      'container:c2',
      'credential:db-admin',
    ]);
    expect(stepSources({ ...demoPath, steps: [step({ gains: 'execCode(host:a,user)' })] })).toEqual([
      attackerId,
    ]);
    // A privilege escalation acts on the host it already holds: a loop.
    const escalation = {
      ...demoPath,
      steps: [step({ gains: 'execCode(host:a,user)' }), step({ rule: 5, gains: 'execCode(host:a,root)' })],
    };
    expect(stepSources(escalation)).toEqual([attackerId, 'host:a']);
  });

  it('draws the demo path: entry, holds, the jewel behind the asset it runs on', () => {
    const graph = attackPathsGraph(jewel, [demoPath], new Map([['container:c1', 'storefront-1']]));
    expect(graph.nodes.map((node) => [node.id, node.role])).toEqual([
      ['database:orders-db', 'jewel'],
      ['network-segment:internet', 'entry'],
      ['container:c1', 'asset'],
      ['container:c2', 'asset'],
      ['credential:db-admin', 'credential'],
      ['vm:db-vm', 'asset'],
    ]);
    expect(graph.nodes.find((node) => node.id === 'container:c1')?.label).toBe('storefront-1');
    expect(graph.edges.map((edge) => `${edge.source} → ${edge.target}`)).toEqual([
      'network-segment:internet → container:c1',
      'container:c1 → container:c2',
      'container:c2 → credential:db-admin',
      'credential:db-admin → vm:db-vm',
      'vm:db-vm → database:orders-db',
    ]);
    expect(graph.edges[0]?.label).toBe('T1190 remote exploit · 95 %');
    expect(graph.stepEdges[0]).toHaveLength(4);
    expect(graph.pathElements[0]).toContain('hosts|vm:db-vm|database:orders-db');
  });

  it('turns every step of every path into exactly one edge between drawn nodes', () => {
    const ids = ['host:a', 'host:b', 'vm:c', 'credential:k', 'network-segment:s'];
    const arbitraryStep = fc
      .record({
        rule: fc.integer({ min: 1, max: 14 }),
        target: fc.constantFrom(...ids),
        privilege: fc.constantFrom('user', 'root'),
        mention: fc.option(fc.constantFrom(...ids), { nil: undefined }),
        located: fc.boolean(),
        probability: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(
        ({ rule, target, privilege, mention, located, probability }): AttackStep =>
          step({
            rule,
            gains: target.startsWith('credential:')
              ? `hasCredential(${target})`
              : `execCode(${target},${privilege})`,
            entities: [target],
            probability,
            evidence: [
              ...(mention ? [{ fact: `trusts(${target}, ${mention})` }] : []),
              ...(located ? [{ fact: 'attackerLocated(network-segment:internet)' }] : []),
            ],
          }),
      );
    const arbitraryPath = fc
      .array(arbitraryStep, { minLength: 1, maxLength: 8 })
      .map((steps): AttackPath => ({ probability: 0.5, length: steps.length, steps, cutBy: [] }));
    fc.assert(
      fc.property(fc.array(arbitraryPath, { minLength: 1, maxLength: 6 }), (paths) => {
        const graph = attackPathsGraph({ ...jewel, assets: ids }, paths, new Map());
        const nodeIds = new Set(graph.nodes.map((node) => node.id));
        const edgeIds = new Set(graph.edges.map((edge) => edge.id));
        expect(nodeIds.size).toBe(graph.nodes.length);
        expect(edgeIds.size).toBe(graph.edges.length);
        for (const edge of graph.edges) {
          expect(nodeIds.has(edge.source) && nodeIds.has(edge.target)).toBe(true);
        }
        const stepKeys = new Set<string>();
        paths.forEach((path, index) => {
          const edges = graph.stepEdges[index] as string[];
          expect(edges).toHaveLength(path.steps.length);
          const sources = stepSources(path);
          path.steps.forEach((pathStep, at) => {
            const edge = graph.edges.find((candidate) => candidate.id === edges[at]);
            expect(edge?.type).toBe('step');
            expect(edge?.gains).toBe(pathStep.gains);
            expect(edge?.target).toBe(stepTarget(pathStep));
            stepKeys.add(`${sources[at]}|${pathStep.rule}|${pathStep.gains}`);
          });
          for (const element of graph.pathElements[index] as string[]) {
            expect(nodeIds.has(element) || edgeIds.has(element)).toBe(true);
          }
        });
        expect(graph.edges.filter((edge) => edge.type === 'step')).toHaveLength(stepKeys.size);
        // Every node gets a place, no two the same.
        const positions = layeredPositions(
          graph.nodes.map((node) => node.id),
          graph.edges,
        );
        expect(positions.size).toBe(nodeIds.size);
        expect(new Set([...positions.values()].map((point) => `${point.x},${point.y}`)).size).toBe(
          nodeIds.size,
        );
      }),
    );
  });

  it('lays the path out left to right in the attacker’s order', () => {
    const graph = attackPathsGraph(jewel, [demoPath], new Map());
    const positions = layeredPositions(
      graph.nodes.map((node) => node.id),
      graph.edges,
    );
    const xs = [
      'network-segment:internet',
      'container:c1',
      'container:c2',
      'credential:db-admin',
      'vm:db-vm',
      'database:orders-db',
    ].map((id) => positions.get(id)?.x);
    expect(xs).toEqual([...xs].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(new Set(xs).size).toBe(xs.length);
  });

  it('writes probabilities as people read them', () => {
    expect(percent(0.07695)).toBe('7.7 %');
    expect(percent(0.95)).toBe('95 %');
    expect(percent(0)).toBe('0 %');
    expect(percent(1)).toBe('100 %');
    expect(percent(0.0000001)).toBe('<0.1 %');
  });
});
