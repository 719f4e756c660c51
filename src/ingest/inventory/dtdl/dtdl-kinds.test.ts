import { describe, expect, it } from 'vitest';
import { builtinKinds, createKindCatalog, type KindSpec } from '../../../model/index.js';
import { recSpatialExport } from './adt-samples.fixture.js';
import { builtinDtmi, kebabCase, kindNames, kindOfDtmi, relationTypeOfName } from './dtdl-kind-names.js';
import { kindSpecsFromDtdl, propTypeOf } from './dtdl-kinds.js';
import { parseDtdl } from './dtdl-parser.js';
import {
  deviceInformationV1,
  recSpaceRoomBuilding,
  temperatureControllerV2,
  thermostatV2,
} from './dtdl-samples.fixture.js';

const kindsOf = (value: unknown, catalog = createKindCatalog()) =>
  kindSpecsFromDtdl(parseDtdl(value).interfaces, catalog);
const spec = (specs: readonly KindSpec[], kind: string) =>
  specs.find((candidate) => candidate.kind === kind) as KindSpec;
const iface = (id: string, contents: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  '@context': ['dtmi:dtdl:context;3', 'dtmi:dtdl:extension:quantitativeTypes;1'],
  '@id': id,
  '@type': 'Interface',
  contents,
  ...extra,
});

describe('kind names and DTMIs', () => {
  it('gives built-in kinds DTMIs of their own, and finds kinds by DTMI', () => {
    expect(builtinDtmi('host')).toBe('dtmi:infratwin:Host;1');
    expect(builtinDtmi('network-interface')).toBe('dtmi:infratwin:NetworkInterface;1');
    expect(builtinDtmi('cloud-instance')).toBe('dtmi:infratwin:CloudInstance;1');
    expect(kindOfDtmi('dtmi:infratwin:CloudInstance;1')).toBe('cloud-instance');
    expect(kindOfDtmi('dtmi:infratwin:CloudInstance;2')).toBeUndefined();
    const pump: KindSpec = {
      kind: 'pump',
      description: 'A pump',
      props: {},
      metrics: {},
      relations: {},
      dtmi: 'dtmi:com:x:Pump;2',
    };
    expect(kindOfDtmi('dtmi:com:x:Pump;2', createKindCatalog([pump]))).toBe('pump');
    for (const kind of builtinKinds.keys()) expect(kindOfDtmi(builtinDtmi(kind))).toBe(kind);
  });

  it('names a kind after the last segment, in kebab-case', () => {
    expect(kebabCase('ChillerPlant')).toBe('chiller-plant');
    expect(kebabCase('HVACUnit')).toBe('hvac-unit');
    expect(kebabCase('Temperature_Sensor')).toBe('temperature-sensor');
    expect(kebabCase('CO2Sensor')).toBe('co2-sensor');
    expect([...kindNames(['dtmi:com:contoso:ChillerPlant;1'], builtinKinds).values()]).toEqual([
      'chiller-plant',
    ]);
  });

  it('puts the previous segment in front where the name is a built-in kind or another interface’s', () => {
    const names = kindNames(
      [
        'dtmi:com:contoso:ChillerPlant;1',
        'dtmi:com:fabrikam:ChillerPlant;1',
        'dtmi:com:contoso:Room;1',
        'dtmi:com:contoso:Pump;1',
      ],
      builtinKinds,
    );
    expect(Object.fromEntries(names)).toEqual({
      'dtmi:com:contoso:ChillerPlant;1': 'contoso-chiller-plant',
      'dtmi:com:fabrikam:ChillerPlant;1': 'fabrikam-chiller-plant',
      'dtmi:com:contoso:Room;1': 'contoso-room',
      'dtmi:com:contoso:Pump;1': 'pump',
    });
  });

  it('keeps the name of a kind already defined from another version of the interface', () => {
    const pump: KindSpec = {
      kind: 'old-pump',
      description: 'A pump',
      props: {},
      metrics: {},
      relations: {},
      dtmi: 'dtmi:com:x:Pump;1',
    };
    expect(kindNames(['dtmi:com:x:Pump;2'], createKindCatalog([pump])).get('dtmi:com:x:Pump;2')).toBe(
      'old-pump',
    );
  });

  it('maps relationship names to relation types', () => {
    expect(relationTypeOfName('runsOn')).toBe('runs-on');
    expect(relationTypeOfName('hasVulnerability')).toBe('has-vulnerability');
    expect(relationTypeOfName('contains')).toBe('contains');
    expect(relationTypeOfName('isPartOf')).toBe('relates-to');
    expect(relationTypeOfName('relatesTo')).toBe('relates-to');
  });
});

describe('kindSpecsFromDtdl', () => {
  it('maps the Thermostat: Properties and Telemetry with the catalog’s unit words', () => {
    const { specs, problems } = kindsOf(JSON.parse(thermostatV2));
    expect(problems).toEqual([]);
    expect(specs).toEqual([
      {
        kind: 'thermostat',
        description: 'Reports current temperature and provides desired temperature control.',
        displayName: 'Thermostat',
        dtmi: 'dtmi:com:example:Thermostat;1',
        props: {
          targetTemperature: {
            type: 'number',
            unit: 'celsius',
            description: 'Allows to remotely specify the desired target temperature.',
          },
          maxTempSinceLastReboot: {
            type: 'number',
            unit: 'celsius',
            description: 'Returns the max temperature since last device reboot.',
          },
        },
        metrics: { temperature: { unit: 'celsius', description: 'Temperature in degrees Celsius.' } },
        relations: {},
      },
    ]);
  });

  it('makes Components object props naming their interface, and keeps DTDL units the catalog has no word for', () => {
    const { specs } = kindsOf([
      JSON.parse(temperatureControllerV2),
      JSON.parse(thermostatV2),
      JSON.parse(deviceInformationV1),
    ]);
    const controller = spec(specs, 'temperature-controller');
    expect(controller.props.thermostat1).toEqual({
      type: 'object',
      description: 'Thermostat One of Two. (component: dtmi:com:example:Thermostat;1)',
    });
    expect(controller.props.serialNumber).toEqual({
      type: 'string',
      description: 'Serial number of the device.',
    });
    expect(controller.metrics.workingSet).toEqual({
      unit: 'kibibyte',
      description: 'Current working set of the device memory in KiB.',
    });
    expect(spec(specs, 'device-information').props.totalMemory?.type).toBe('number');
  });

  it('maps RealEstateCore: inheritance, relationship names, targets with their subtypes, a built-in name avoided', () => {
    const result = kindsOf(JSON.parse(recSpaceRoomBuilding));
    expect(result.specs.map((kind) => kind.kind)).toEqual(['space', 'core-room', 'building']);
    const room = spec(result.specs, 'core-room');
    expect(Object.keys(room.props)).toEqual(['personOccupancy', 'personCapacity', 'name']);
    // hasPart targets Space: a Room or a Building is a Space to DTDL, so each kind is listed.
    const names = result.relationshipNames['core-room'] ?? [];
    expect(names.find((name) => name.name === 'hasPart')).toEqual({
      name: 'hasPart',
      type: 'relates-to',
      targets: ['space', 'core-room', 'building'],
      description:
        'Points to sub-entities that share the same base type (i.e., Spaces only have Spaces as parts, Assets only have Assets as parts, etc.). Inverse of: isPartOf',
      properties: {},
    });
    expect(room.relations).toEqual({ 'relates-to': ['*'] });
    expect(result.extendsOf).toEqual({
      space: [],
      'core-room': ['dtmi:digitaltwins:rec_3_3:core:Space;1'],
      building: ['dtmi:digitaltwins:rec_3_3:core:Space;1'],
    });
    expect(result.notes[0]).toEqual({
      path: 'models.json: [0].contents[3].target',
      message:
        'target "dtmi:digitaltwins:rec_3_3:core:Agent;1" is not a kind of the model or the catalog: "ownedBy" may reach any kind',
    });
  });

  it('names the RealEstateCore Room of the Explorer export `rec-room`, and its Components object props', () => {
    const models = JSON.parse(recSpatialExport).digitalTwinsModels;
    const { specs, problems } = kindsOf(models);
    expect(problems).toEqual([]);
    expect(specs.map((kind) => kind.kind)).toEqual([
      'space',
      'information',
      'architecture-area',
      'architecture-capacity',
      'architecture',
      'building',
      'level',
      'rec-room',
    ]);
    expect(spec(specs, 'level').props.levelNumber).toEqual({ type: 'integer', description: 'level number' });
    expect(spec(specs, 'space').props.customTags).toEqual({ type: 'object', description: 'Custom Tags' });
  });

  it('gives a kind extending a built-in the built-in’s props and relations, as a kind of its own', () => {
    const gpuHost = iface(
      'dtmi:com:x:GpuHost;1',
      [{ '@type': 'Property', name: 'gpus', schema: 'integer' }],
      {
        extends: 'dtmi:infratwin:Host;1',
      },
    );
    const known = (dtmi: string) => kindOfDtmi(dtmi) !== undefined;
    const { specs, problems } = kindSpecsFromDtdl(
      parseDtdl(gpuHost, 'gpu.json', { known }).interfaces,
      builtinKinds,
    );
    expect(problems).toEqual([]);
    const host = builtinKinds.get('host') as KindSpec;
    expect(specs[0]).toMatchObject({ kind: 'gpu-host', relations: host.relations, metrics: host.metrics });
    expect(specs[0]?.props).toEqual({ ...host.props, gpus: { type: 'integer', description: 'gpus' } });
  });

  it('does not define a built-in kind again, nor a kind defined from the same DTMI', () => {
    const hostAgain = iface('dtmi:infratwin:Host;1', [
      { '@type': 'Property', name: 'other', schema: 'string' },
    ]);
    const pump: KindSpec = {
      kind: 'pump',
      description: 'A pump',
      props: {},
      metrics: {},
      relations: {},
      dtmi: 'dtmi:com:x:Pump;1',
    };
    const pumpAgain = iface('dtmi:com:x:Pump;1', [{ '@type': 'Property', name: 'flow', schema: 'double' }], {
      description: 'A pump',
    });
    const result = kindsOf([hostAgain, pumpAgain], createKindCatalog([pump]));
    expect(result.specs).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.kindByDtmi).toEqual({ 'dtmi:infratwin:Host;1': 'host', 'dtmi:com:x:Pump;1': 'pump' });
    expect(result.notes).toEqual([
      {
        path: 'models.json: [1]',
        message:
          'kind \'pump\' is already defined from "dtmi:com:x:Pump;1" and differs from this definition, which is not applied: publish a new version to change it',
      },
    ]);
  });

  it('defines a later version of a defined kind under its name, and refuses an earlier one', () => {
    const pump: KindSpec = {
      kind: 'pump',
      description: 'A pump',
      props: {},
      metrics: {},
      relations: {},
      dtmi: 'dtmi:com:x:Pump;2',
    };
    const catalog = createKindCatalog([pump]);
    expect(kindsOf(iface('dtmi:com:x:Pump;3'), catalog).specs.map((kind) => [kind.kind, kind.dtmi])).toEqual([
      ['pump', 'dtmi:com:x:Pump;3'],
    ]);
    expect(kindsOf(iface('dtmi:com:x:Pump;1'), catalog).problems).toEqual([
      {
        path: 'models.json: ["@id"]',
        message: `kind 'pump' is defined from "dtmi:com:x:Pump;2"; "dtmi:com:x:Pump;1" is not a later version, so it is not applied`,
      },
    ]);
  });

  it('maps built-in relationship names to their types, and leaves out Telemetry that is not a number', () => {
    const result = kindsOf([
      iface('dtmi:com:x:Rack;1', [
        { '@type': 'Relationship', name: 'contains', target: 'dtmi:com:x:Blade;1' },
        { '@type': 'Relationship', name: 'poweredBy', target: 'dtmi:infratwin:Pdu;1' },
        { '@type': 'Telemetry', name: 'status', schema: 'string' },
      ]),
      iface('dtmi:com:x:Blade;1'),
    ]);
    expect(spec(result.specs, 'x-rack').relations).toEqual({ contains: ['blade'], 'powered-by': ['pdu'] });
    expect(result.problems).toEqual([
      {
        path: 'models.json: [0].contents[2].schema',
        message: `Telemetry "status" is not a number (string): the twin's metrics are numbers, so it is left out`,
      },
    ]);
  });

  it('types props by schema', () => {
    const types = Object.fromEntries(
      (
        [
          ['integer', { type: 'primitive', name: 'integer' }],
          ['unsignedShort', { type: 'primitive', name: 'unsignedShort' }],
          ['float', { type: 'primitive', name: 'float' }],
          ['decimal', { type: 'primitive', name: 'decimal' }],
          ['dateTime', { type: 'primitive', name: 'dateTime' }],
          ['boolean', { type: 'primitive', name: 'boolean' }],
          ['point', { type: 'geospatial', name: 'point' }],
          ['intEnum', { type: 'Enum', valueSchema: 'integer', enumValues: [] }],
          ['strEnum', { type: 'Enum', valueSchema: 'string', enumValues: [] }],
          ['array', { type: 'Array', elementSchema: { type: 'primitive', name: 'string' } }],
          [
            'map',
            {
              type: 'Map',
              mapKey: 'k',
              mapValue: { name: 'v', schema: { type: 'primitive', name: 'string' } },
            },
          ],
          ['object', { type: 'Object', fields: [] }],
        ] as const
      ).map(([name, schema]) => [name, propTypeOf(schema)]),
    );
    expect(types).toEqual({
      integer: 'integer',
      unsignedShort: 'integer',
      float: 'number',
      decimal: 'string',
      dateTime: 'string',
      boolean: 'boolean',
      point: 'object',
      intEnum: 'integer',
      strEnum: 'string',
      array: 'array',
      map: 'object',
      object: 'object',
    });
  });
});
