import { describe, expect, it } from 'vitest';
import { InputError } from '../../../model/index.js';
import type { DtdlInterface, DtdlModel } from './dtdl-interface.js';
import { parseDtdl } from './dtdl-parser.js';
import {
  deviceInformationV1,
  quantitativeSensorV3,
  recCoreBuildingDtmiMembers,
  recSpaceRoomBuilding,
  referenceConferenceRoomV3,
  referenceReusableTypeV3,
  referenceThermostatV3,
  temperatureControllerV2,
  thermostatV2,
} from './dtdl-samples.fixture.js';

const parse = (text: string, file = 'models.json', known?: (dtmi: string) => boolean) =>
  parseDtdl(JSON.parse(text), file, known ? { known } : {});
const byId = (model: DtdlModel, id: string) =>
  model.interfaces.find((iface) => iface.id === id) as DtdlInterface;
const v3 = (contents: unknown[], extra: Record<string, unknown> = {}) => ({
  '@context': 'dtmi:dtdl:context;3',
  '@id': 'dtmi:com:example:Pump;1',
  '@type': 'Interface',
  contents,
  ...extra,
});
const problemsOf = (value: unknown) => parseDtdl(value).problems;

describe('parseDtdl on published models', () => {
  it('reads the IoT Plug and Play Thermostat (v2): semantic types, units, and a note for its Command', () => {
    const model = parse(thermostatV2, 'thermostat-1.json');
    expect(model.problems).toEqual([]);
    expect(model.notes).toEqual([
      {
        path: 'thermostat-1.json: contents[3]',
        message:
          'Command "getMaxMinReport" is not imported: the twin records state, it does not call devices',
      },
    ]);
    const [thermostat] = model.interfaces;
    expect(thermostat).toMatchObject({
      id: 'dtmi:com:example:Thermostat;1',
      version: 2,
      displayName: 'Thermostat',
      description: 'Reports current temperature and provides desired temperature control.',
      extends: [],
      ancestors: [],
    });
    expect(thermostat?.contents.map((content) => [content.kind, content.name])).toEqual([
      ['Telemetry', 'temperature'],
      ['Property', 'targetTemperature'],
      ['Property', 'maxTempSinceLastReboot'],
      ['Command', 'getMaxMinReport'],
    ]);
    expect(thermostat?.contents[1]).toMatchObject({
      kind: 'Property',
      schema: { type: 'primitive', name: 'double' },
      semanticType: 'Temperature',
      unit: 'degreeCelsius',
      writable: true,
      path: ['contents', 1],
    });
  });

  it('reads the TemperatureController with its Components, and the IoT Central DeviceInformation leniently', () => {
    const model = parseDtdl([
      JSON.parse(temperatureControllerV2),
      JSON.parse(thermostatV2),
      JSON.parse(deviceInformationV1),
    ]);
    expect(model.problems).toEqual([]);
    // File order: only `extends` orders interfaces (bases first); a Component needs no order.
    expect(model.interfaces.map((iface) => iface.id)).toEqual([
      'dtmi:com:example:TemperatureController;1',
      'dtmi:com:example:Thermostat;1',
      'dtmi:azure:DeviceManagement:DeviceInformation;1',
    ]);
    expect(
      byId(model, 'dtmi:com:example:TemperatureController;1').contents.filter(
        (content) => content.kind === 'Component',
      ),
    ).toHaveLength(3);
    // IoT Central's context puts itself first and co-types Properties with StringValue: noted, not refused.
    expect(model.notes.filter((note) => note.path.startsWith('models.json: [2]'))).toEqual([
      {
        path: 'models.json: [2]["@context"][0]',
        message:
          'extension "dtmi:iotcentral:context;2" is not known: its co-types and members are let through unread',
      },
      { path: 'models.json: [2]["@context"][1]', message: 'the DTDL context should come first in @context' },
    ]);
    expect(byId(model, 'dtmi:azure:DeviceManagement:DeviceInformation;1').contents).toHaveLength(8);
  });

  it('reports a Component whose interface is not in the model, and keeps the rest of the interface', () => {
    const model = parse(temperatureControllerV2, 'temperaturecontroller-1.json');
    expect(model.problems).toEqual([
      {
        path: 'temperaturecontroller-1.json: contents[3].schema',
        message: `the Component's Interface "dtmi:com:example:Thermostat;1" is neither in the model nor a kind already defined`,
      },
      {
        path: 'temperaturecontroller-1.json: contents[4].schema',
        message: `the Component's Interface "dtmi:com:example:Thermostat;1" is neither in the model nor a kind already defined`,
      },
      {
        path: 'temperaturecontroller-1.json: contents[5].schema',
        message: `the Component's Interface "dtmi:azure:DeviceManagement:DeviceInformation;1" is neither in the model nor a kind already defined`,
      },
    ]);
    expect(model.interfaces[0]?.contents.map((content) => content.name)).toEqual([
      'workingSet',
      'serialNumber',
      'reboot',
    ]);
  });

  it('reads the DTDL v3 reference examples: inheritance and a reusable schema', () => {
    const rooms = parse(referenceConferenceRoomV3);
    expect(rooms.problems).toEqual([]);
    expect(byId(rooms, 'dtmi:com:example:ConferenceRoom;1')).toMatchObject({
      extends: ['dtmi:com:example:Room;1'],
      ancestors: ['dtmi:com:example:Room;1'],
      version: 3,
    });
    const reusable = parse(referenceReusableTypeV3);
    expect(reusable.problems).toEqual([]);
    const acceleration = {
      type: 'Object',
      fields: ['x', 'y', 'z'].map((name) => ({ name, schema: { type: 'primitive', name: 'double' } })),
    };
    expect(reusable.interfaces[0]?.contents.map((content) => 'schema' in content && content.schema)).toEqual([
      acceleration,
      acceleration,
    ]);
    expect(parse(referenceThermostatV3).problems).toEqual([]);
  });

  it('reads semantic types in v3 only with the QuantitativeTypes context', () => {
    expect(parse(quantitativeSensorV3).problems).toEqual([]);
    const withoutExtension = JSON.parse(quantitativeSensorV3);
    withoutExtension['@context'] = 'dtmi:dtdl:context;3';
    expect(parseDtdl(withoutExtension).problems[0]).toEqual({
      path: 'models.json: contents[0]["@type"]',
      message:
        'unknown @type "Temperature" on a Telemetry (semantic types need the "dtmi:dtdl:extension:quantitativeTypes;1" context)',
    });
  });

  it('reads RealEstateCore: language maps, inheritance, and a Component missing from the sample', () => {
    const model = parse(recSpaceRoomBuilding, 'rec.json');
    const space = byId(model, 'dtmi:digitaltwins:rec_3_3:core:Space;1');
    expect(space.description).toMatch(/^A contiguous part of the physical world/);
    expect(space.displayName).toBe('Space');
    expect(byId(model, 'dtmi:digitaltwins:rec_3_3:core:Room;1').ancestors).toEqual([
      'dtmi:digitaltwins:rec_3_3:core:Space;1',
    ]);
    expect(model.problems).toEqual([
      {
        path: 'rec.json: [2].contents[0].schema',
        message: `the Component's Interface "dtmi:digitaltwins:rec_3_3:addressing:Address;1" is neither in the model nor a kind already defined`,
      },
    ]);
  });

  it('reads members named by DTMI (`dtmi:dtdl:property:contents;2`), and bases defined outside the model', () => {
    const known = (dtmi: string) => dtmi === 'dtmi:org:w3id:rec:core:Space;1';
    const model = parse(recCoreBuildingDtmiMembers, 'building.json', known);
    expect(model.problems).toEqual([]);
    expect(model.interfaces[0]?.contents.map((content) => content.name)).toEqual([
      'hasGeoReferenceOrigo',
      'hasBuildingComponent',
    ]);
    expect(model.interfaces[0]?.ancestors).toEqual(['dtmi:org:w3id:rec:core:Space;1']);
    expect(parse(recCoreBuildingDtmiMembers, 'building.json').problems).toEqual([
      {
        path: 'building.json: extends',
        message:
          'extends "dtmi:org:w3id:rec:core:Space;1", which is neither in the model nor a kind already defined',
      },
    ]);
  });
});

describe('parseDtdl reports each problem at its path', () => {
  it('refuses a file that is not an Interface or an array of them', () => {
    expect(() => parseDtdl('text', 'x.json')).toThrow(InputError);
    expect(() => parseDtdl(42, 'x.json')).toThrow(
      'x.json: a DTDL file holds an Interface or an array of Interfaces, found number 42',
    );
  });

  it('a bad DTMI, a missing @context, a non-object item', () => {
    expect(
      problemsOf([
        v3([], { '@id': 'dtmi:com:example:Pump;01' }),
        { '@id': 'dtmi:a:B;1', '@type': 'Interface' },
        5,
      ]),
    ).toEqual([
      {
        path: 'models.json: [0]["@id"]',
        message:
          '"dtmi:com:example:Pump;01" is not a DTMI: version "01" must be 1 to 999999999, optionally .1 to .999999, without leading zeros',
      },
      {
        path: 'models.json: [1]["@context"]',
        message: 'a top-level Interface needs an @context naming the DTDL version: "dtmi:dtdl:context;3"',
      },
      { path: 'models.json: [2]', message: 'a model holds Interface objects, found number 5' },
    ]);
  });

  it('a bad name, an unknown @type, an unknown schema, a missing schema, an unknown member', () => {
    const problems = problemsOf(
      v3([
        { '@type': 'Property', name: 'ip-address', schema: 'string' },
        { '@type': 'Gadget', name: 'x', schema: 'string' },
        { '@type': 'Property', name: 'speed', schema: 'dobule' },
        { '@type': 'Telemetry', name: 'load' },
        { '@type': 'Property', name: 'ok', schema: 'string', colour: 'red' },
      ]),
    );
    expect(problems).toEqual([
      {
        path: 'models.json: contents[0].name',
        message: `"ip-address" is not a DTDL name: letters, digits and '_', starting with a letter and not ending with '_'`,
      },
      {
        path: 'models.json: contents[1]["@type"]',
        message:
          'unknown content @type "Gadget"; contents are Telemetry, Property, Command, Relationship, Component',
      },
      {
        path: 'models.json: contents[2].schema',
        message:
          'unknown schema "dobule"; the primitives are: boolean, date, dateTime, double, duration, float, integer, long, string, time',
      },
      { path: 'models.json: contents[3]', message: 'schema is required' },
      {
        path: 'models.json: contents[4].colour',
        message:
          'unknown member "colour"; a Property has: comment, description, displayName, name, schema, writable',
      },
    ]);
  });

  it("an element's @id that is not a DTMI, or is used twice", () => {
    expect(
      problemsOf(
        v3([
          { '@id': 'dtmi:com:example:Pump:speed;1', '@type': 'Property', name: 'speed', schema: 'double' },
          { '@id': 'dtmi:com:example:Pump:speed;1', '@type': 'Property', name: 'flow', schema: 'double' },
          { '@id': 'speed', '@type': 'Property', name: 'head', schema: 'double' },
        ]),
      ),
    ).toEqual([
      {
        path: 'models.json: contents[1]["@id"]',
        message: '"dtmi:com:example:Pump:speed;1" is used as @id twice',
      },
      {
        path: 'models.json: contents[2]["@id"]',
        message: `"speed" is not a DTMI: it must start with 'dtmi:'`,
      },
    ]);
  });

  it('names used twice, in the interface or by a base', () => {
    const base = {
      ...v3([{ '@type': 'Property', name: 'speed', schema: 'double' }]),
      '@id': 'dtmi:x:Base;1',
    };
    const derived = v3(
      [
        { '@type': 'Property', name: 'speed', schema: 'double' },
        { '@type': 'Telemetry', name: 'load', schema: 'double' },
        { '@type': 'Property', name: 'load', schema: 'double' },
      ],
      { extends: 'dtmi:x:Base;1' },
    );
    expect(problemsOf([base, derived])).toEqual([
      {
        path: 'models.json: [1].contents[0].name',
        message: '"speed" is already defined by "dtmi:x:Base;1", which this Interface extends',
      },
      {
        path: 'models.json: [1].contents[2].name',
        message: '"load" is used by another element of this Interface',
      },
    ]);
  });

  it('extends: a cycle, a missing base, more than 10 levels', () => {
    const a = { ...v3([]), '@id': 'dtmi:x:A;1', extends: 'dtmi:x:B;1' };
    const b = { ...v3([]), '@id': 'dtmi:x:B;1', extends: ['dtmi:x:A;1'] };
    expect(problemsOf([a, b])).toEqual([
      {
        path: 'models.json: [1].extends[0]',
        message: 'extends "dtmi:x:A;1", which extends "dtmi:x:B;1": a cycle',
      },
      { path: 'models.json: [0].extends', message: 'extends "dtmi:x:B;1", which has problems of its own' },
    ]);
    const chain = Array.from({ length: 12 }, (_, index) => ({
      ...v3([]),
      '@id': `dtmi:x:L${index};1`,
      ...(index > 0 ? { extends: `dtmi:x:L${index - 1};1` } : {}),
    }));
    const deep = parseDtdl(chain);
    expect(deep.interfaces.map((iface) => iface.id)).toHaveLength(11);
    expect(deep.problems).toEqual([
      { path: 'models.json: [11].extends', message: 'extends Interfaces 11 levels deep; DTDL allows 10' },
    ]);
  });

  it('schemas: Enum values of the wrong type, an Array in a v2 Property, more than 6 complex schemas nested', () => {
    const enumProblems = problemsOf(
      v3([
        {
          '@type': 'Property',
          name: 'state',
          schema: {
            '@type': 'Enum',
            valueSchema: 'integer',
            enumValues: [
              { name: 'on', enumValue: 1 },
              { name: 'off', enumValue: 'zero' },
            ],
          },
        },
      ]),
    );
    expect(enumProblems).toEqual([
      {
        path: 'models.json: contents[0].schema.enumValues[1].enumValue',
        message: `must be an integer (the Enum's valueSchema), found string "zero"`,
      },
    ]);
    const v2 = {
      ...v3([{ '@type': 'Property', name: 'tags', schema: { '@type': 'Array', elementSchema: 'string' } }]),
      '@context': 'dtmi:dtdl:context;2',
    };
    expect(problemsOf(v2)).toEqual([
      {
        path: 'models.json: contents[0].schema',
        message: 'a DTDL v2 Property may not hold an Array (DTDL v3 allows it)',
      },
    ]);
    const nested = (count: number) => {
      let schema: unknown = 'double';
      for (let depth = 0; depth < count; depth++) schema = { '@type': 'Array', elementSchema: schema };
      return v3([{ '@type': 'Telemetry', name: 'deep', schema }]);
    };
    expect(problemsOf(nested(6))).toEqual([]);
    expect(problemsOf(nested(7))).toEqual([
      {
        path: 'models.json: contents[0].schema.elementSchema.elementSchema.elementSchema.elementSchema.elementSchema.elementSchema',
        message: "more than 5 complex schemas nest below this one's outermost (DTDL v3 allows 5)",
      },
    ]);
  });

  it('a unit outside the semantic type, a semantic type on a string, a unit without a semantic type', () => {
    const context = ['dtmi:dtdl:context;3', 'dtmi:dtdl:extension:quantitativeTypes;1'];
    expect(
      problemsOf(
        v3(
          [
            { '@type': ['Telemetry', 'Temperature'], name: 'a', schema: 'double', unit: 'watt' },
            { '@type': ['Property', 'Temperature'], name: 'b', schema: 'string', unit: 'kelvin' },
            { '@type': 'Property', name: 'c', schema: 'double', unit: 'kelvin' },
          ],
          { '@context': context },
        ),
      ),
    ).toEqual([
      {
        path: 'models.json: contents[0].unit',
        message:
          '"watt" is not a unit of Temperature; its units are: degreeCelsius, degreeFahrenheit, kelvin',
      },
      {
        path: 'models.json: contents[1].schema',
        message: 'a Temperature must have a numeric schema (double, float, integer, long)',
      },
      {
        path: 'models.json: contents[2].unit',
        message:
          'unknown member "unit"; a Property has: comment, description, displayName, name, schema, writable',
      },
    ]);
  });

  it('a Component whose interface holds a Component', () => {
    const inner = { ...v3([{ '@type': 'Property', name: 'x', schema: 'double' }]), '@id': 'dtmi:x:Inner;1' };
    const middle = {
      ...v3([{ '@type': 'Component', name: 'inner', schema: 'dtmi:x:Inner;1' }]),
      '@id': 'dtmi:x:Middle;1',
    };
    const outer = v3([{ '@type': 'Component', name: 'middle', schema: 'dtmi:x:Middle;1' }]);
    expect(problemsOf([inner, middle, outer])).toEqual([
      {
        path: 'models.json: [2].contents[0].schema',
        message: `a Component's Interface may not hold Components itself; "dtmi:x:Middle;1" holds "inner"`,
      },
    ]);
  });

  it('reads interfaces written inline in extends and as a Component schema', () => {
    const model = parseDtdl(
      v3(
        [
          {
            '@type': 'Component',
            name: 'meter',
            schema: { '@id': 'dtmi:x:Meter;1', '@type': 'Interface', contents: [] },
          },
        ],
        {
          extends: {
            '@id': 'dtmi:x:Base;1',
            '@type': 'Interface',
            contents: [{ '@type': 'Property', name: 'tag', schema: 'string' }],
          },
        },
      ),
    );
    expect(model.problems).toEqual([]);
    expect(model.interfaces.map((iface) => iface.id)).toEqual([
      'dtmi:x:Base;1',
      'dtmi:x:Meter;1',
      'dtmi:com:example:Pump;1',
    ]);
  });

  it('accepts DTDL v4 primitives in a v3 model, with a note', () => {
    const model = parseDtdl(v3([{ '@type': 'Property', name: 'serial', schema: 'uuid' }]));
    expect(model.problems).toEqual([]);
    expect(model.notes).toEqual([
      {
        path: 'models.json: contents[0].schema',
        message: '"uuid" is a DTDL v4 schema; read in this v3 document anyway',
      },
    ]);
  });
});
