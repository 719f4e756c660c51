import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entity, Relation } from '../../contract';
import { buildNetworkGraph } from './network-graph';
import { testEntity, testRelation } from './test-twin';

const entity = (id: string, health: Entity['state']['health'] = 'ok') => testEntity(id, { health });

const connects = (from: string, to: string, peer = false) =>
  testRelation('connects', from, to, peer ? { peer: true } : {});

/** device → link → uplink, as the demo builds them. */
function linked(from: string, to: string, peer = false): Relation[] {
  const link = `link:${from}--${to}`;
  return [connects(from, link, peer), connects(link, to, peer)];
}

describe('buildNetworkGraph', () => {
  const entities = [
    entity('router:r1'),
    entity('switch:spine-1'),
    entity('switch:spine-2'),
    entity('switch:tor-a'),
    entity('host:h1'),
    entity('link:spine-1--router:r1', 'warning'),
    entity('link:spine-2--router:r1'),
    entity('link:spine-1--spine-2'),
    entity('link:tor-a--spine-1'),
  ];
  const relations = [
    ...linked('switch:spine-1', 'router:r1'),
    ...linked('switch:spine-2', 'router:r1'),
    ...linked('switch:spine-1', 'switch:spine-2', true),
    ...linked('switch:tor-a', 'switch:spine-1'),
    connects('host:h1', 'switch:tor-a'),
  ].map((relation) => ({
    ...relation,
    // The entity ids above are abbreviated: the links' ids are what the relations name.
    from: relation.from.replace('link:switch:', 'link:').replace('--switch:', '--'),
    to: relation.to.replace('link:switch:', 'link:').replace('--switch:', '--'),
  }));

  it('collapses each link into one edge between the devices it joins, with its health', () => {
    const graph = buildNetworkGraph(entities, relations, false);
    expect(graph.nodes.map((node) => node.id).sort()).toEqual([
      'router:r1',
      'switch:spine-1',
      'switch:spine-2',
      'switch:tor-a',
    ]);
    expect(graph.edges).toHaveLength(4);
    const toRouter = graph.edges.find((edge) => edge.id === 'link:spine-1--router:r1');
    expect(toRouter).toMatchObject({ from: 'switch:spine-1', to: 'router:r1', peer: false });
    expect(toRouter?.link?.health).toBe('warning');
    expect(graph.edges.find((edge) => edge.id === 'link:spine-1--spine-2')?.peer).toBe(true);
    expect(graph.links).toHaveLength(4);
  });

  it('draws hosts and their uplinks only when asked', () => {
    const graph = buildNetworkGraph(entities, relations, true);
    expect(graph.nodes.some((node) => node.id === 'host:h1')).toBe(true);
    const uplink = graph.edges.find((edge) => edge.from === 'host:h1');
    expect(uplink?.to).toBe('switch:tor-a');
    expect(uplink?.link).toBeUndefined();
  });

  it('makes every connects between two drawn devices, and every link between two, exactly one edge', () => {
    const devices = ['switch:a', 'switch:b', 'router:c', 'firewall:d', 'load-balancer:e', 'host:f', 'pdu:g'];
    const pair = fc
      .tuple(fc.constantFrom(...devices), fc.constantFrom(...devices))
      .filter(([a, b]) => a !== b);
    fc.assert(
      fc.property(
        fc.uniqueArray(pair, { selector: ([a, b]) => `${a}|${b}`, maxLength: 20 }),
        fc.uniqueArray(pair, { selector: ([a, b]) => `${a}|${b}`, maxLength: 20 }),
        fc.boolean(),
        (direct, viaLinks, showHosts) => {
          const linkIds = viaLinks.map(([a, b]) => `link:${a}--${b}`);
          const all = [...devices.map((id) => entity(id)), ...linkIds.map((id) => entity(id))];
          const rels = [
            ...direct.map(([a, b]) => connects(a, b)),
            ...viaLinks.flatMap(([a, b], k) => [
              connects(a, linkIds[k] as string),
              connects(linkIds[k] as string, b),
            ]),
          ];
          const graph = buildNetworkGraph(all, rels, showHosts);
          const drawn = new Set(graph.nodes.map((node) => node.id));
          const expected = [
            ...direct.filter(([a, b]) => drawn.has(a) && drawn.has(b)).map(([a, b]) => `connects:${a}->${b}`),
            ...viaLinks.flatMap(([a, b], k) => (drawn.has(a) && drawn.has(b) ? [linkIds[k] as string] : [])),
          ].sort();
          expect(graph.edges.map((edge) => edge.id).sort()).toEqual(expected);
          for (const edge of graph.edges) expect(drawn.has(edge.from) && drawn.has(edge.to)).toBe(true);
          expect(drawn.has('pdu:g')).toBe(false);
          expect(drawn.has('host:f')).toBe(showHosts);
        },
      ),
    );
  });
});
