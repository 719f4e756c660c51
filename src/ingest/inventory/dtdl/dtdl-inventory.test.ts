import { describe, expect, it } from 'vitest';
import { builtinKinds, createKindCatalog, InputError, MemoryTwinStore, Twin } from '../../../model/index.js';
import { importJobSample, recSensorExport, recSpatialExport } from './adt-samples.fixture.js';
import { dtdlInventory, entityIdOf } from './dtdl-inventory.js';
import { thermostatV2 } from './dtdl-samples.fixture.js';

const ndjson = (...items: unknown[]) =>
  [{ Section: 'Header' }, { fileVersion: '1.0.0' }, ...items].map((item) => JSON.stringify(item)).join('\n');
const twin = (dtId: string, model: string, properties: Record<string, unknown> = {}) => ({
  $dtId: dtId,
  $metadata: { $model: model },
  ...properties,
});
const relationship = (
  source: string,
  name: string,
  target: string,
  id = `${name}-${source}-${target}`,
  properties = {},
) => ({
  $dtId: source,
  $relationshipId: id,
  $targetId: target,
  $relationshipName: name,
  ...properties,
});

describe('dtdlInventory on the RealEstateCore spatial export', () => {
  const result = dtdlInventory(recSpatialExport, {
    name: 'costello',
    file: 'spatial.json',
    catalog: builtinKinds,
  });

  it('defines the models as kinds and maps twins and hasPart relationships', () => {
    const { document, problems, counts } = result.inventory;
    expect(problems).toEqual([]);
    expect(counts).toEqual({ models: 8, twins: 7, relationships: 6 });
    expect(document.source).toBe('dtdl:costello');
    expect(result.kinds.map((kind) => kind.kind)).toEqual([
      'space',
      'information',
      'architecture-area',
      'architecture-capacity',
      'architecture',
      'building',
      'level',
      'rec-room',
    ]);
    expect(document.entities.slice(0, 3)).toEqual([
      {
        id: 'building:CostelloHeights',
        kind: 'building',
        name: 'CostelloHeights',
        props: { geometry: '[[14.16, 57.77], ... , [14.16, 57.77]]' },
      },
      { id: 'level:UpperFloor', kind: 'level', name: 'UpperFloor', props: { levelNumber: 2 } },
      {
        id: 'level:LowerFloor',
        kind: 'level',
        name: 'LowerFloor',
        props: { levelNumber: 1, geometry: '[[0.5, 0.5], ... , [15.5, 15.5]]' },
      },
    ]);
    expect(document.entities.map((entity) => entity.id).slice(3)).toEqual([
      'rec-room:110',
      'rec-room:111',
      'rec-room:120',
      'rec-room:123',
    ]);
    expect(document.relations[0]).toEqual({
      type: 'relates-to',
      from: 'level:UpperFloor',
      to: 'rec-room:120',
      key: 'hasPart',
      props: { name: 'hasPart' },
    });
  });

  it('applies to a twin once its kinds are defined', async () => {
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    await twin.defineKinds(result.kinds);
    await twin.apply({
      actor: 'test',
      reason: 'import',
      source: result.inventory.document.source,
      ops: [
        ...result.inventory.document.entities.map((entity) => ({ op: 'upsert-entity' as const, entity })),
        ...result.inventory.document.relations.map((relation) => ({
          op: 'upsert-relation' as const,
          relation,
        })),
      ],
    });
    expect([...twin.view({}).entities()]).toHaveLength(7);
    expect([...twin.view({}).relations()]).toHaveLength(6);
  });

  it('reads the same file again against the kinds it defined, defining nothing new', () => {
    const again = dtdlInventory(recSpatialExport, {
      name: 'costello',
      catalog: createKindCatalog(result.kinds),
    });
    expect(again.kinds).toEqual([]);
    expect(again.inventory.document).toEqual(result.inventory.document);
  });
});

describe('dtdlInventory', () => {
  it('maps the Import Jobs sample: a Map property as an object, a relates-to with its properties', () => {
    const { inventory, kinds } = dtdlInventory(importJobSample, {
      name: 'sample',
      file: 'import.ndjson',
      catalog: builtinKinds,
    });
    expect(inventory.problems).toEqual([]);
    expect(kinds.map((kind) => [kind.kind, kind.relations])).toEqual([
      ['model0', { 'relates-to': ['model1'] }],
      ['model1', {}],
    ]);
    expect(inventory.document.entities[0]).toEqual({
      id: 'model0:twin0',
      kind: 'model0',
      name: 'twin0',
      props: {
        property00: 10,
        property01: { subProperty1: 'subProperty1Value', subProperty2: 'subProperty2Value' },
      },
    });
    expect(inventory.document.relations).toEqual([
      {
        type: 'relates-to',
        from: 'model0:twin0',
        to: 'model1:twin1',
        key: 'has',
        props: { relationshipProperty1: 'propertyValue1', relationshipProperty2: 10, name: 'has' },
      },
    ]);
  });

  it('reports a property of the wrong type at its line and leaves it out', () => {
    const text = ndjson(
      { Section: 'Models' },
      JSON.parse(thermostatV2),
      { Section: 'Twins' },
      twin('t1', 'dtmi:com:example:Thermostat;1', { targetTemperature: 'warm', maxTempSinceLastReboot: 30 }),
    );
    const { inventory } = dtdlInventory(text, { name: 'x', file: 'twins.ndjson', catalog: builtinKinds });
    expect(inventory.problems).toEqual([
      {
        path: 'twins.ndjson:6: targetTemperature',
        message: 'must be a number (the kind\'s prop), found string "warm": left out',
      },
    ]);
    expect(inventory.document.entities).toEqual([
      { id: 'thermostat:t1', kind: 'thermostat', name: 't1', props: { maxTempSinceLastReboot: 30 } },
    ]);
  });

  it('reports it at its JSON path in an Explorer export', () => {
    const text = JSON.stringify({
      digitalTwinsFileInfo: { fileVersion: '1.0.0' },
      digitalTwinsGraph: {
        digitalTwins: [twin('h1', 'dtmi:infratwin:Host;1', { cpuCores: 2.5 })],
        relationships: [],
      },
    });
    expect(
      dtdlInventory(text, { name: 'x', file: 'export.json', catalog: builtinKinds }).inventory.problems,
    ).toEqual([
      {
        path: 'export.json: digitalTwinsGraph.digitalTwins[0].cpuCores',
        message: "must be an integer (the kind's prop), found number 2.5: left out",
      },
    ]);
  });

  it('skips twins of unknown models, and relationships whose twins are missing', () => {
    const { inventory } = dtdlInventory(recSensorExport, {
      name: 'sensors',
      file: 'sensor.json',
      catalog: builtinKinds,
    });
    expect(inventory.document.entities).toEqual([]);
    expect(inventory.problems[0]).toEqual({
      path: 'sensor.json: digitalTwinsGraph.digitalTwins[0].$metadata.$model',
      message:
        'model "dtmi:org:w3id:rec:Room;1" is neither in the file nor a kind already defined: twin skipped',
    });
    expect(inventory.problems).toContainEqual({
      path: 'sensor.json: digitalTwinsGraph.relationships[0].$targetId',
      message: 'twin "120_Tmp" is not in the file (or was skipped): relationship skipped',
    });
  });

  it('makes ids from $dtIds with white space, and refuses ids that collide', () => {
    const text = ndjson(
      { Section: 'Twins' },
      twin('Rack 12', 'dtmi:infratwin:Rack;1'),
      twin('Rack-12', 'dtmi:infratwin:Rack;1'),
      twin('rack:r7', 'dtmi:infratwin:Rack;1'),
    );
    const { inventory } = dtdlInventory(text, { name: 'x', file: 'twins.ndjson', catalog: builtinKinds });
    expect(inventory.document.entities).toEqual([
      { id: 'rack:Rack-12', kind: 'rack', name: 'Rack 12' },
      { id: 'rack:r7', kind: 'rack', name: 'r7' },
    ]);
    expect(inventory.problems).toEqual([
      {
        path: 'twins.ndjson:5: $dtId',
        message: '"Rack-12" makes entity id "rack:Rack-12", as twin "Rack 12" does: twin skipped',
      },
    ]);
    expect(entityIdOf('a b\tc', 'host')).toBe('host:a-b-c');
  });

  it('maps built-in relationship names to their types, and refuses relations the kinds do not allow', () => {
    const text = ndjson(
      { Section: 'Twins' },
      twin('web', 'dtmi:infratwin:Vm;1'),
      twin('h1', 'dtmi:infratwin:Host;1'),
      { Section: 'Relationships' },
      relationship('web', 'runsOn', 'h1'),
      relationship('h1', 'contains', 'web'),
      relationship('h1', 'contains', 'h1'),
    );
    const { inventory } = dtdlInventory(text, { name: 'x', file: 'g.ndjson', catalog: builtinKinds });
    expect(inventory.document.relations).toEqual([{ type: 'runs-on', from: 'vm:web', to: 'host:h1' }]);
    expect(inventory.problems).toEqual([
      {
        path: 'g.ndjson:8: $relationshipName',
        message:
          '"contains" (contains) from host to vm is not allowed: from a host, contains may go to: interface, volume: relationship skipped',
      },
      {
        path: 'g.ndjson:9: $targetId',
        message: 'a relation cannot link an entity to itself: relationship skipped',
      },
    ]);
  });

  it('tells apart two relationships of one name between the same twins by their ids', () => {
    const spatial = dtdlInventory(recSpatialExport, { name: 'c', catalog: builtinKinds });
    const text = ndjson(
      { Section: 'Twins' },
      twin('L1', 'dtmi:org:w3id:rec:Level;1'),
      twin('R1', 'dtmi:org:w3id:rec:Room;1'),
      { Section: 'Relationships' },
      relationship('L1', 'hasPart', 'R1', 'rel-a'),
      relationship('L1', 'hasPart', 'R1', 'rel-b'),
    );
    const { inventory } = dtdlInventory(text, { name: 'x', catalog: createKindCatalog(spatial.kinds) });
    expect(inventory.document.relations.map((relation) => relation.key)).toEqual([
      'hasPart',
      'hasPart#rel-b',
    ]);
  });

  it('refuses a file that is not a twin file at all', () => {
    expect(() => dtdlInventory('hello', { name: 'x', file: 'x.txt', catalog: builtinKinds })).toThrow(
      InputError,
    );
    expect(() => dtdlInventory('[1, 2', { name: 'x', file: 'x.json', catalog: builtinKinds })).toThrow(
      /^x\.json:1:6: not JSON/,
    );
  });
});
