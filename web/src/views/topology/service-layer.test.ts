import { describe, expect, it } from 'vitest';
import type { EntityQuery, RelationQuery, TwinApi } from '../../api/twin-api';
import type { Entity, Relation } from '../../contract';
import { loadServiceLayer, serviceLayerCallees, serviceLayerData } from './service-layer';
import { testRelation as relation, testEntity } from './test-twin';
import type { LayerData } from './topology-layers';

const entity = (id: string, props: Entity['props'] = {}) => testEntity(id, { props });

/** An estate with more than the call graph: hosts, racks, a lone service, an unnamed database. */
const entities = [
  entity('site:dc1'),
  entity('rack:dc1/r1'),
  entity('host:h1'),
  entity('host:h2'),
  entity('host:h3'),
  entity('service:web', { entryPoint: true }),
  entity('service:cart'),
  entity('service:lonely'),
  entity('database:orders'),
  entity('database:unused'),
  entity('load-balancer:lb1'),
  entity('volume:h1/data'),
];
const relations = [
  relation('contains', 'site:dc1', 'rack:dc1/r1'),
  relation('contains', 'rack:dc1/r1', 'host:h1'),
  relation('runs-on', 'service:web', 'host:h1'),
  relation('depends-on', 'service:web', 'load-balancer:lb1'),
  relation('depends-on', 'load-balancer:lb1', 'host:h2'),
  relation('depends-on', 'service:web', 'service:cart'),
  relation('depends-on', 'service:cart', 'database:orders', { optional: true }),
  relation('depends-on', 'database:orders', 'volume:h1/data'),
];
const dependsOn = relations.filter((item) => item.type === 'depends-on');

/**
 * A TwinApi over the estate that records the entity and relation queries it answers; any other
 * method throws, so the loader cannot reach past the two it is meant to use.
 */
function fakeApi(estate: readonly Relation[] = relations) {
  const entityQueries: EntityQuery[] = [];
  const relationQueries: RelationQuery[] = [];
  const used: Partial<TwinApi> = {
    async allEntities(query) {
      entityQueries.push(query);
      return entities.filter((item) => query.kind === undefined || item.kind === query.kind);
    },
    async allRelations(query) {
      relationQueries.push(query);
      return estate.filter((item) => query.type === undefined || item.type === query.type);
    },
  };
  const api = new Proxy(used, {
    get(target, property) {
      const method = target[property as keyof TwinApi];
      if (method === undefined) throw new Error(`unexpected call of ${String(property)}`);
      return method;
    },
  }) as TwinApi;
  return { api, entityQueries, relationQueries };
}

/** The layer with its nodes and elements in id order: the order of a fetched list is no promise. */
function normalised(data: LayerData) {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const elements =
    data.drawing.type === 'graph'
      ? data.drawing.elements.map((element) => ({ ...element, id: String(element.data.id) })).sort(byId)
      : [];
  return { nodes: [...data.nodes].sort(byId), elements, description: data.description };
}

describe('serviceLayerCallees', () => {
  it('names what depends-on relations point at, and nothing of other types', () => {
    expect([...serviceLayerCallees(relations)].sort()).toEqual([
      'database:orders',
      'host:h2',
      'load-balancer:lb1',
      'service:cart',
      'volume:h1/data',
    ]);
  });
});

describe('loadServiceLayer', () => {
  it('asks for the depends-on relations, then services and the kinds of their callees, never everything', async () => {
    const { api, entityQueries, relationQueries } = fakeApi();
    await loadServiceLayer(api, new AbortController().signal);
    expect(relationQueries).toEqual([{ type: 'depends-on' }]);
    expect(entityQueries.map((query) => query.kind).sort()).toEqual([
      'database',
      'host',
      'load-balancer',
      'service',
      'volume',
    ]);
    expect(entityQueries.every((query) => Object.keys(query).join() === 'kind')).toBe(true);
  });

  it('draws the same graph as from every entity of the estate', async () => {
    const { api } = fakeApi();
    const loaded = await loadServiceLayer(api, new AbortController().signal);
    const fromAll = serviceLayerData(entities, dependsOn);
    expect(normalised(loaded)).toEqual(normalised(fromAll));
    expect(loaded.nodes.map((node) => node.id).sort()).toEqual([
      'database:orders',
      'host:h2',
      'load-balancer:lb1',
      'service:cart',
      'service:lonely',
      'service:web',
      'volume:h1/data',
    ]);
  });

  it('asks for services only when nothing depends on anything, and still draws them', async () => {
    const { api, entityQueries } = fakeApi(relations.filter((item) => item.type !== 'depends-on'));
    const loaded = await loadServiceLayer(api, new AbortController().signal);
    expect(entityQueries).toEqual([{ kind: 'service' }]);
    expect(loaded.nodes.map((node) => node.id).sort()).toEqual([
      'service:cart',
      'service:lonely',
      'service:web',
    ]);
  });
});
