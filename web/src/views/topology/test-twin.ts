import type { Entity, Health, Relation } from '../../contract';

const provenance = { origin: 'declared', source: 'test', at: 0, changeSet: 1 } as const;

/** An entity for tests, its kind and name read from its id (`host:h1`); healthy unless told. */
export function testEntity(id: string, fields: { props?: Entity['props']; health?: Health } = {}): Entity {
  const [kind = '', name = ''] = id.split(':');
  return {
    id,
    kind,
    name,
    labels: {},
    props: fields.props ?? {},
    provenance,
    state: { metrics: {}, health: fields.health ?? 'ok', reasons: [] },
  };
}

/** A relation for tests, with the id the model gives it (`type:from->to`). */
export function testRelation(
  type: Relation['type'],
  from: string,
  to: string,
  props: Relation['props'] = {},
): Relation {
  return { id: `${type}:${from}->${to}`, type, from, to, props, provenance };
}
