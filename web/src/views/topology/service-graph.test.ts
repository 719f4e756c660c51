import { describe, expect, it } from 'vitest';
import type { Entity, Relation } from '../../contract';
import { buildServiceGraph } from './service-graph';
import { testEntity, testRelation } from './test-twin';
import { longestPathTiers } from './tiered-layout';

const entity = (id: string, props: Entity['props'] = {}) => testEntity(id, { props });

const dependsOn = (from: string, to: string, props: Relation['props'] = {}) =>
  testRelation('depends-on', from, to, props);

describe('buildServiceGraph', () => {
  const entities = [
    entity('service:web', { entryPoint: true }),
    entity('service:cart'),
    entity('database:orders'),
    entity('load-balancer:lb1'),
    entity('host:h1'),
    entity('database:unused'),
  ];
  const relations = [
    dependsOn('service:web', 'load-balancer:lb1'),
    dependsOn('service:web', 'service:cart'),
    dependsOn('service:cart', 'database:orders', { optional: true }),
    dependsOn('host:h1', 'database:unused'),
  ];

  it('draws services and what they call, each depends-on among them one edge', () => {
    const graph = buildServiceGraph(entities, relations);
    expect(graph.nodes.map((node) => node.id).sort()).toEqual([
      'database:orders',
      'load-balancer:lb1',
      'service:cart',
      'service:web',
    ]);
    expect(graph.edges.map((edge) => edge.id).sort()).toEqual(
      relations
        .slice(0, 3)
        .map((relation) => relation.id)
        .sort(),
    );
    expect(graph.edges.find((edge) => edge.to === 'database:orders')?.optional).toBe(true);
    expect([...graph.entryPoints]).toEqual(['service:web']);
  });

  it('tiers from the entry point down', () => {
    const graph = buildServiceGraph(entities, relations);
    const tiers = longestPathTiers(
      graph.nodes.map((node) => node.id),
      graph.edges,
    );
    expect(Object.fromEntries(tiers)).toEqual({
      'service:web': 0,
      'service:cart': 1,
      'load-balancer:lb1': 1,
      'database:orders': 2,
    });
  });
});
