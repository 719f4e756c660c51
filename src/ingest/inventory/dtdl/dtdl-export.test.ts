import { describe, expect, it } from 'vitest';
import { builtinKinds, createKindCatalog, type KindSpec } from '../../../model/index.js';
import { recSpatialExport } from './adt-samples.fixture.js';
import { dtdlFromKindSpecs } from './dtdl-export.js';
import { builtinDtmi } from './dtdl-kind-names.js';
import { kindSpecsFromDtdl } from './dtdl-kinds.js';
import { parseDtdl } from './dtdl-parser.js';
import { recSpaceRoomBuilding, temperatureControllerV2, thermostatV2 } from './dtdl-samples.fixture.js';

/** Through JSON, as a file would carry them. */
const reparse = (interfaces: unknown, known?: (dtmi: string) => boolean) =>
  parseDtdl(JSON.parse(JSON.stringify(interfaces)), 'export.json', known ? { known } : {});

describe('dtdlFromKindSpecs: the built-in kinds', () => {
  const exported = dtdlFromKindSpecs([...builtinKinds.values()]);

  it('writes valid DTDL v3 for every built-in kind', () => {
    expect(exported.problems).toEqual([]);
    const model = reparse(exported.interfaces);
    expect(model.problems).toEqual([]);
    expect(model.notes).toEqual([]);
    expect(model.interfaces.map((iface) => iface.id)).toEqual([...builtinKinds.keys()].map(builtinDtmi));
  });

  it('reads back as the built-in kinds: recognised by DTMI and not defined again', () => {
    const kinds = kindSpecsFromDtdl(reparse(exported.interfaces).interfaces, builtinKinds);
    expect(kinds.specs).toEqual([]);
    expect(kinds.problems).toEqual([]);
    expect(kinds.notes).toEqual([]);
    expect(Object.values(kinds.kindByDtmi)).toEqual([...builtinKinds.keys()]);
  });

  it('says everything a built-in kind says: the same specs come back when read as user kinds', () => {
    // Renamed and given DTMIs of their own, the built-ins are user kinds: nothing skips them.
    const users: KindSpec[] = [...builtinKinds.values()].map((spec) => ({
      ...spec,
      kind: `my-${spec.kind}`,
      dtmi: `dtmi:com:example:my:${spec.kind.replace(/-/g, '_')};1`,
    }));
    const model = reparse(dtdlFromKindSpecs(users).interfaces);
    expect(model.problems).toEqual([]);
    const back = kindSpecsFromDtdl(model.interfaces, builtinKinds);
    expect(back.problems).toEqual([]);
    expect(back.specs.map((spec) => spec.dtmi)).toEqual(users.map((spec) => spec.dtmi));
    back.specs.forEach((spec, index) => {
      const original = users[index] as KindSpec;
      expect({ ...spec, kind: original.kind }).toEqual(original);
    });
  });

  it('writes units as semantic types, and what DTDL cannot say in the comment', () => {
    const host = exported.interfaces.find((iface) => iface['@id'] === 'dtmi:infratwin:Host;1');
    expect(host?.['@context']).toEqual(['dtmi:dtdl:context;3', 'dtmi:dtdl:extension:quantitativeTypes;1']);
    const element = (name: string) =>
      ((host?.contents ?? []) as Array<Record<string, unknown>>).find((item) => item.name === name);
    expect(element('idleWatts')).toEqual({
      '@type': ['Property', 'Power'],
      name: 'idleWatts',
      schema: 'double',
      unit: 'watt',
      description: 'Power at idle',
      writable: true,
    });
    expect(element('cpu_utilization')).toEqual({
      '@type': 'Telemetry',
      name: 'cpu_utilization',
      schema: 'double',
      description: 'CPU utilisation, 0 to 1',
      comment: 'infratwin:{"unit":"ratio","thresholds":{"warning":0.85,"critical":0.95}}',
    });
    expect(element('ipAddresses')?.schema).toEqual({ '@type': 'Array', elementSchema: 'string' });
    expect(element('cpuCores')?.schema).toBe('long');
    expect(element('runsOn')).toBeUndefined();
    expect(element('poweredBy')).toEqual({
      '@type': 'Relationship',
      name: 'poweredBy',
      description: 'powered-by: pdu, ups, power-feed',
      comment: 'infratwin:{"targets":["pdu","ups","power-feed"]}',
    });
    expect(element('hasVulnerability')).toMatchObject({ description: 'has-vulnerability: any kind' });
    // Several targets: no `target` (DTDL names one), the kinds in the description and the comment.
    const volume = exported.interfaces.find((iface) => iface['@id'] === 'dtmi:infratwin:Volume;1');
    const storedOn = ((volume?.contents ?? []) as Array<Record<string, unknown>>).find(
      (item) => item.name === 'storedOn',
    );
    expect(storedOn).not.toHaveProperty('target');
    expect(storedOn?.description).toBe('stored-on: storage-array, host');
  });

  it('names a single target, and writes the typed relation props as Relationship properties', () => {
    const service = exported.interfaces.find((iface) => iface['@id'] === 'dtmi:infratwin:Service;1');
    const dependsOn = ((service?.contents ?? []) as Array<Record<string, unknown>>).find(
      (item) => item.name === 'dependsOn',
    );
    expect(
      ((dependsOn?.properties ?? []) as Array<Record<string, unknown>>).map((property) => property.name),
    ).toEqual(['callsPerRequest', 'bytesPerCall', 'optional', 'group']);
    const vulnerability = dtdlFromKindSpecs([
      { kind: 'probe', description: 'A probe', props: {}, metrics: {}, relations: { 'runs-on': ['host'] } },
    ]).interfaces[0];
    expect(((vulnerability?.contents ?? []) as Array<Record<string, unknown>>)[0]).toMatchObject({
      name: 'runsOn',
      target: 'dtmi:infratwin:Host;1',
    });
  });
});

describe('dtdlFromKindSpecs: kinds from DTDL', () => {
  it('round-trips the Thermostat and TemperatureController kinds exactly', () => {
    const first = kindSpecsFromDtdl(
      parseDtdl([JSON.parse(thermostatV2), JSON.parse(temperatureControllerV2)], 'x.json', {
        known: (dtmi) => dtmi === 'dtmi:azure:DeviceManagement:DeviceInformation;1',
      }).interfaces,
    );
    const model = reparse(dtdlFromKindSpecs(first.specs).interfaces);
    expect(model.problems).toEqual([]);
    expect(kindSpecsFromDtdl(model.interfaces).specs).toEqual(first.specs);
  });

  it('round-trips RealEstateCore kinds, `extends` and relationship names included', () => {
    const models = JSON.parse(recSpatialExport).digitalTwinsModels;
    const first = kindSpecsFromDtdl(parseDtdl(models).interfaces);
    const exported = dtdlFromKindSpecs(first.specs, {
      relationshipNames: first.relationshipNames,
      extendsOf: first.extendsOf,
    });
    expect(exported.problems).toEqual([]);
    const room = exported.interfaces.find((iface) => iface['@id'] === 'dtmi:org:w3id:rec:Room;1');
    expect(room).toEqual({
      '@context': 'dtmi:dtdl:context;3',
      '@id': 'dtmi:org:w3id:rec:Room;1',
      '@type': 'Interface',
      displayName: 'Room',
      description: 'Room',
      extends: ['dtmi:org:w3id:rec:Architecture;1'],
      contents: [],
    });
    const model = reparse(exported.interfaces);
    expect(model.problems).toEqual([]);
    const second = kindSpecsFromDtdl(model.interfaces);
    expect(second.specs).toEqual(first.specs);
    expect(second.relationshipNames).toEqual(first.relationshipNames);
    expect(second.extendsOf).toEqual(first.extendsOf);
  });

  it('writes an object prop as JSON text and says so in the comment', () => {
    const [space] = kindSpecsFromDtdl(parseDtdl(JSON.parse(recSpaceRoomBuilding)).interfaces).specs;
    const tagged = {
      ...(space as KindSpec),
      props: { tags: { type: 'object' as const, description: 'Tags' } },
    };
    const [written] = dtdlFromKindSpecs([tagged]).interfaces;
    expect(((written?.contents ?? []) as unknown[])[0]).toEqual({
      '@type': 'Property',
      name: 'tags',
      schema: 'string',
      description: 'Tags',
      comment: 'infratwin:{"json":"object"}',
      writable: true,
    });
  });

  it('reports props, metrics and relations DTDL cannot name, and leaves them out', () => {
    const odd: KindSpec = {
      kind: 'odd',
      description: 'Odd names',
      props: { 'ip-address': { type: 'string', description: 'x' }, ok: { type: 'string', description: 'x' } },
      metrics: { ok: { unit: 'ratio', description: 'clashes with the prop' } },
      relations: {},
    };
    const exported = dtdlFromKindSpecs([odd], { catalog: createKindCatalog() });
    expect(exported.problems).toEqual([
      {
        path: 'odd.ip-address',
        message: `prop left out: "ip-address" is not a DTDL name: letters, digits and '_', starting with a letter and not ending with '_'`,
      },
      {
        path: 'odd.ok',
        message:
          '"ok" names both a prop or metric and another element; DTDL names are unique in an Interface, so the later is left out',
      },
    ]);
    expect(
      ((exported.interfaces[0]?.contents ?? []) as Array<{ name: string }>).map((item) => item.name),
    ).toEqual(['ok']);
  });
});
