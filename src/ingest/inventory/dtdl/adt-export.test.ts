import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  builtinKinds,
  createKindCatalog,
  type Entity,
  type EntityInput,
  type JsonValue,
  type KindCatalog,
  MemoryTwinStore,
  type PropSpec,
  type Relation,
  type RelationInput,
  type RelationType,
  Twin,
} from '../../../model/index.js';
import { adtExportOf } from './adt-export.js';
import { recSpatialExport } from './adt-samples.fixture.js';
import { readAdtTwinFile, writeAdtImportJob } from './adt-twin-file.js';
import { dtdlInventory } from './dtdl-inventory.js';
import { parseDtdl } from './dtdl-parser.js';

const provenance = { origin: 'declared' as const, source: 'test', at: 0 };
const entity = (
  id: string,
  props: Record<string, JsonValue> = {},
  labels: Record<string, string> = {},
): Entity => ({
  id,
  kind: id.slice(0, id.indexOf(':')),
  name: id.slice(id.indexOf(':') + 1),
  labels,
  props,
  provenance,
});
const relation = (
  type: RelationType,
  from: string,
  to: string,
  key?: string,
  props: Record<string, JsonValue> = {},
): Relation => ({
  id: `${type}:${from}->${to}${key ? `#${key}` : ''}`,
  type,
  from,
  to,
  ...(key !== undefined ? { key } : {}),
  props,
  provenance,
});
/** What dtdlInventory gives for an entity or relation: the input form, empty props left out. */
const asInput = ({ id, kind, name, props }: Entity): EntityInput => ({
  id,
  kind,
  name,
  ...(Object.keys(props).length > 0 ? { props } : {}),
});
const asRelationInput = ({ type, from, to, key, props }: Relation): RelationInput => ({
  type,
  from,
  to,
  ...(key !== undefined ? { key } : {}),
  ...(Object.keys(props).length > 0 ? { props } : {}),
});

/** Estate → export → NDJSON text → read → inventory. */
function roundTrip(entities: readonly Entity[], relations: readonly Relation[], catalog: KindCatalog) {
  const exported = adtExportOf(entities, relations, catalog);
  const text = writeAdtImportJob(exported);
  return { exported, text, back: dtdlInventory(text, { name: 'back', file: 'job.ndjson', catalog }) };
}

const spatial = dtdlInventory(recSpatialExport, { name: 'costello', catalog: builtinKinds });
const catalog = createKindCatalog(spatial.kinds);

describe('adtExportOf', () => {
  const entities = [
    entity('rack:r1', { units: 42, powerBudgetWatts: 8000 }),
    entity('host:web-01', {
      cpuCores: 8,
      memoryBytes: 6.4e10,
      ipAddresses: ['10.0.0.5', '10.0.1.5'],
      os: 'linux',
      owner: 'team-a',
    }),
    entity('vm:web-01', {
      cpuCores: 2,
      ipAddresses: ['10.0.9.1'],
      annotations: { tier: 'web', ports: [80, 443] },
    }),
    entity('service:shop', { replicas: 3, entryPoint: true, weights: [1, 2.5] }),
    entity('level:L1', { levelNumber: 1, customTags: { cold: true } }),
    entity('rec-room:R101', { geometry: '[[0, 0], [1, 1]]' }),
    entity('switch:tor-1'),
  ];
  const relations = [
    relation('contains', 'rack:r1', 'host:web-01'),
    relation('runs-on', 'vm:web-01', 'host:web-01'),
    relation('runs-on', 'service:shop', 'vm:web-01'),
    relation('connects', 'host:web-01', 'switch:tor-1', 'eth0', { capacityBitsPerSecond: 1e10 }),
    relation('connects', 'host:web-01', 'switch:tor-1', 'eth1', { capacityBitsPerSecond: 1e10, peer: false }),
    relation('relates-to', 'level:L1', 'rec-room:R101', 'hasPart', { name: 'hasPart' }),
    relation('relates-to', 'level:L1', 'rec-room:R101', 'second', { name: 'hasPart', since: '2020-01-01' }),
  ];

  it('round-trips an estate through an import job: the same entities and relations come back', () => {
    const { exported, back } = roundTrip(entities, relations, catalog);
    expect(exported.problems).toEqual([]);
    expect(back.inventory.problems).toEqual([]);
    expect(back.kinds).toEqual([]);
    expect(back.inventory.document.entities).toEqual(entities.map(asInput));
    expect(back.inventory.document.relations).toEqual(relations.map(asRelationInput));
  });

  it('writes twins and relationships as ADT takes them', () => {
    const { exported } = roundTrip(entities, relations, catalog);
    expect(exported.twins[1]).toEqual({
      dtId: 'host:web-01',
      model: 'dtmi:infratwin:Host;1',
      properties: {
        cpuCores: 8,
        memoryBytes: 6.4e10,
        ipAddresses: ['10.0.0.5', '10.0.1.5'],
        os: 'linux',
        owner: 'team-a',
      },
    });
    // Two entities named web-01: each twin keeps its whole id; an object travels as JSON text.
    expect(exported.twins[2]).toMatchObject({
      dtId: 'vm:web-01',
      properties: { annotations: '{"tier":"web","ports":[80,443]}' },
    });
    expect(exported.twins[4]).toMatchObject({ dtId: 'L1', model: 'dtmi:org:w3id:rec:Level;1' });
    expect(exported.relationships.slice(3)).toEqual([
      {
        sourceId: 'host:web-01',
        relationshipId: 'connects:tor-1#eth0',
        targetId: 'tor-1',
        name: 'connects',
        properties: { capacityBitsPerSecond: 1e10 },
      },
      {
        sourceId: 'host:web-01',
        relationshipId: 'connects:tor-1#eth1',
        targetId: 'tor-1',
        name: 'connects',
        properties: { capacityBitsPerSecond: 1e10, peer: false },
      },
      { sourceId: 'L1', relationshipId: 'hasPart:R101', targetId: 'R101', name: 'hasPart', properties: {} },
      {
        sourceId: 'L1',
        relationshipId: 'hasPart:R101#second',
        targetId: 'R101',
        name: 'hasPart',
        properties: { since: '2020-01-01' },
      },
    ]);
  });

  it('writes models for the kinds used only, which declare what the data holds beyond the kinds', () => {
    const { exported } = roundTrip(entities, relations, catalog);
    expect(exported.models.map((model) => model['@id'])).toEqual([
      'dtmi:infratwin:Rack;1',
      'dtmi:infratwin:Host;1',
      'dtmi:infratwin:Vm;1',
      'dtmi:infratwin:Service;1',
      'dtmi:org:w3id:rec:Level;1',
      'dtmi:org:w3id:rec:Room;1',
      'dtmi:infratwin:Switch;1',
    ]);
    const model = parseDtdl(JSON.parse(JSON.stringify(exported.models)));
    expect(model.problems).toEqual([]);
    const host = model.interfaces.find((iface) => iface.id === 'dtmi:infratwin:Host;1');
    expect(host?.contents.find((content) => content.name === 'owner')).toMatchObject({
      kind: 'Property',
      schema: { type: 'primitive', name: 'string' },
    });
    const level = model.interfaces.find((iface) => iface.id === 'dtmi:org:w3id:rec:Level;1');
    const hasPart = level?.contents.find((content) => content.name === 'hasPart');
    expect(hasPart).toMatchObject({ kind: 'Relationship', properties: [{ name: 'since' }] });
  });

  it('brings the bases of the kinds used, with extends, given the bases kindSpecsFromDtdl recorded', () => {
    const rooms = [entity('rec-room:R1')];
    const flat = adtExportOf(rooms, [], catalog);
    expect(flat.models.map((model) => model['@id'])).toEqual(['dtmi:org:w3id:rec:Room;1']);
    const withBases = adtExportOf(rooms, [], catalog, {
      extendsOf: {
        'rec-room': ['dtmi:org:w3id:rec:Architecture;1'],
        architecture: ['dtmi:org:w3id:rec:Space;1'],
      },
    });
    expect(withBases.models.map((model) => [model['@id'], model.extends])).toEqual([
      ['dtmi:org:w3id:rec:Space;1', undefined],
      ['dtmi:org:w3id:rec:Architecture;1', ['dtmi:org:w3id:rec:Space;1']],
      ['dtmi:org:w3id:rec:Room;1', ['dtmi:org:w3id:rec:Architecture;1']],
    ]);
    expect(parseDtdl(JSON.parse(JSON.stringify(withBases.models))).problems).toEqual([]);
  });

  it('reports what ADT has no place for, and what it cannot take', () => {
    const { problems, twins, relationships } = adtExportOf(
      [
        { ...entity('host:h1', { 'bad-name': 1, gone: null }, { team: 'a' }), name: 'Host One' },
        entity('pump:p1'),
        entity('vm:v1'),
      ],
      [relation('relates-to', 'host:h1', 'vm:v1', 'x-y', {}), relation('runs-on', 'vm:v1', 'host:h2')],
      catalog,
    );
    expect(problems).toEqual([
      { path: 'host:h1.labels', message: 'labels are not exported: a DTDL twin has no place for them' },
      { path: 'host:h1.name', message: 'name "Host One" is not exported: a twin is named by its $dtId' },
      { path: 'pump:p1', message: "kind 'pump' is not in the catalog: no model for it, entity not exported" },
      {
        path: 'relates-to:host:h1->vm:v1#x-y',
        message: 'a relates-to relation needs props.name (a DTDL name) to be a relationship: left out',
      },
      { path: 'runs-on:vm:v1->host:h2', message: 'host:h2 is not exported: relation left out' },
      { path: 'host:h1.props.bad-name', message: 'not exported: not a DTDL name (letters, digits and _)' },
      { path: 'host:h1.props.gone', message: 'not exported: ADT has no null property value' },
    ]);
    expect(twins.map((twin) => twin.dtId)).toEqual(['h1', 'v1']);
    expect(relationships).toEqual([]);
  });
});

/** Values of a prop's type, as the twin would hold them; DTDL-valid extra props beside. */
const dtdlName = fc
  .tuple(
    fc.constantFrom(...'abcxyzQ'),
    fc.array(fc.constantFrom(...'abz09_'), { maxLength: 5 }),
    fc.constantFrom(...'az9'),
  )
  .map(([first, middle, last]) => `extra${first}${middle.join('')}${last}`);
const finite = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((value) => (Object.is(value, -0) ? 0 : value));
const jsonLeaf = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), finite, fc.boolean());
const jsonObject = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 5 }),
  fc.oneof(jsonLeaf, fc.array(jsonLeaf, { maxLength: 3 })),
  { maxKeys: 3 },
);

function extraValue(name: string): fc.Arbitrary<JsonValue> {
  const byName: Array<fc.Arbitrary<JsonValue>> = [
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.boolean(),
    jsonObject,
  ];
  return byName[name.length % byName.length] as fc.Arbitrary<JsonValue>;
}

function propValue(spec: PropSpec): fc.Arbitrary<JsonValue> {
  switch (spec.type) {
    case 'integer':
      return fc.integer();
    case 'number':
      return finite;
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.oneof(
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
        fc.array(jsonLeaf, { maxLength: 3 }),
      );
    case 'object':
      return jsonObject;
    default:
      return fc.string({ maxLength: 10 });
  }
}

const kinds = ['rack', 'host', 'vm', 'container', 'service', 'switch', 'interface', 'volume', 'pdu'];
const estate = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...kinds), fc.constantFrom('a', 'b', 'c', 'web-01', 'Rack 9')), {
    minLength: 1,
    maxLength: 8,
    selector: ([kind, name]) => `${kind}:${name}`,
  })
  .chain((pairs) =>
    fc.tuple(
      ...pairs.map(([kind, name]) => {
        const specs = builtinKinds.get(kind)?.props ?? {};
        const declared = fc.record(
          Object.fromEntries(Object.entries(specs).map(([prop, spec]) => [prop, propValue(spec)])),
          { requiredKeys: [] },
        );
        // An undeclared prop holds one type across a kind's entities (the exporter reports it
        // otherwise), so its type follows from its name.
        const extra = fc
          .uniqueArray(dtdlName, { maxLength: 2 })
          .chain((names) => fc.record(Object.fromEntries(names.map((prop) => [prop, extraValue(prop)]))));
        return fc
          .tuple(declared, extra)
          .map(([props, more]) =>
            entity(`${kind}:${name.replace(/\s+/g, '-')}`, { ...more, ...props } as Record<
              string,
              JsonValue
            >),
          );
      }),
    ),
  )
  .chain((entities) => {
    const candidates = entities.flatMap((from) =>
      entities.flatMap((to) =>
        (
          Object.entries(builtinKinds.get(from.kind)?.relations ?? {}) as Array<
            [RelationType, readonly string[]]
          >
        )
          .filter(([, targets]) => from.id !== to.id && (targets.includes('*') || targets.includes(to.kind)))
          .map(([type]) => ({ type, from: from.id, to: to.id })),
      ),
    );
    const relations =
      candidates.length === 0
        ? fc.constant([] as Relation[])
        : fc
            .uniqueArray(
              fc.tuple(
                fc.constantFrom(...candidates),
                fc.option(fc.constantFrom('k1', 'k2'), { nil: undefined }),
              ),
              {
                maxLength: 6,
                selector: ([candidate, key]) =>
                  `${candidate.type}:${candidate.from}->${candidate.to}#${key ?? ''}`,
              },
            )
            .map((picked) =>
              picked.map(([candidate, key]) => relation(candidate.type, candidate.from, candidate.to, key)),
            );
    return fc.tuple(fc.constant(entities), relations);
  });

describe('adtExportOf on random estates', () => {
  it('round-trips entities, props of every type, and keyed relations', () => {
    fc.assert(
      fc.property(estate, ([entities, relations]) => {
        const { exported, back } = roundTrip(entities, relations, builtinKinds);
        expect(exported.problems).toEqual([]);
        expect(parseDtdl(JSON.parse(JSON.stringify(exported.models))).problems).toEqual([]);
        expect(back.inventory.problems).toEqual([]);
        expect(back.inventory.document.entities).toEqual(entities.map(asInput));
        expect(back.inventory.document.relations).toEqual(relations.map(asRelationInput));
        expect(readAdtTwinFile(writeAdtImportJob(exported), 'x').twins).toHaveLength(entities.length);
      }),
      { numRuns: 150 },
    );
  });

  it('gives a twin that applies: the round-tripped estate is accepted by the twin', async () => {
    const [entities, relations] = fc.sample(estate, { numRuns: 1, seed: 7 })[0] as [Entity[], Relation[]];
    const { back } = roundTrip(entities, relations, builtinKinds);
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    await twin.apply({
      actor: 'test',
      reason: 'round trip',
      source: back.inventory.document.source,
      ops: [
        ...back.inventory.document.entities.map((input) => ({ op: 'upsert-entity' as const, entity: input })),
        ...back.inventory.document.relations.map((input) => ({
          op: 'upsert-relation' as const,
          relation: input,
        })),
      ],
    });
    expect([...twin.view({}).entities()]).toHaveLength(entities.length);
  });
});
