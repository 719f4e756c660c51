import { describe, expect, it } from 'vitest';
import { InputError } from '../../../model/index.js';
import { importJobSample, recSensorExport, recSpatialExport } from './adt-samples.fixture.js';
import { readAdtTwinFile, writeAdtImportJob } from './adt-twin-file.js';
import { thermostatV2 } from './dtdl-samples.fixture.js';

const lines = (...items: unknown[]) => items.map((item) => JSON.stringify(item)).join('\n');
const header = [{ Section: 'Header' }, { fileVersion: '1.0.0' }];

describe('readAdtTwinFile', () => {
  it('reads the Import Jobs sample: models, twins and a relationship, each with its line', () => {
    const file = readAdtTwinFile(importJobSample, 'import.ndjson');
    expect(file.format).toBe('import-job');
    expect(file.problems).toEqual([]);
    expect(file.models.map((model) => model.at)).toEqual([
      { file: 'import.ndjson', line: 4, path: [] },
      { file: 'import.ndjson', line: 5, path: [] },
    ]);
    expect(file.twins).toEqual([
      {
        dtId: 'twin0',
        model: 'dtmi:com:microsoft:azure:iot:model0;1',
        properties: {
          property00: 10,
          property01: { subProperty1: 'subProperty1Value', subProperty2: 'subProperty2Value' },
        },
        at: { file: 'import.ndjson', line: 7, path: [] },
      },
      {
        dtId: 'twin1',
        model: 'dtmi:com:microsoft:azure:iot:model1;1',
        properties: {
          property10: 'propertyValue1',
          property11: { subProperty1: 'subProperty1Value', subProperty2: 'subProperty2Value' },
        },
        at: { file: 'import.ndjson', line: 8, path: [] },
      },
    ]);
    expect(file.relationships).toEqual([
      {
        sourceId: 'twin0',
        relationshipId: 'relationship',
        targetId: 'twin1',
        name: 'has',
        properties: { relationshipProperty1: 'propertyValue1', relationshipProperty2: 10 },
        at: { file: 'import.ndjson', line: 10, path: [] },
      },
    ]);
  });

  it('reads an ADT Explorer export: `$sourceId`, `$etag` left out, models beside', () => {
    const file = readAdtTwinFile(recSpatialExport, 'spatial.json');
    expect(file.format).toBe('explorer');
    expect(file.problems).toEqual([]);
    expect(file.twins).toHaveLength(7);
    expect(file.twins[1]).toEqual({
      dtId: 'UpperFloor',
      model: 'dtmi:org:w3id:rec:Level;1',
      properties: { levelNumber: 2 },
      at: { file: 'spatial.json', path: ['digitalTwinsGraph', 'digitalTwins', 1] },
    });
    expect(file.relationships[0]).toMatchObject({
      sourceId: 'UpperFloor',
      targetId: '120',
      name: 'hasPart',
      properties: {},
    });
    expect(file.models).toHaveLength(8);
    expect(file.models[7]?.at).toEqual({ file: 'spatial.json', path: ['digitalTwinsModels', 7] });
    expect(readAdtTwinFile(recSensorExport, 'sensor.json').models).toEqual([]);
  });

  it('reads a plain DTDL file as models only', () => {
    const file = readAdtTwinFile(thermostatV2, 'thermostat.json');
    expect(file).toMatchObject({ format: 'dtdl', twins: [], relationships: [] });
    expect(file.models[0]?.at).toEqual({ file: 'thermostat.json', path: [] });
  });

  it('drops the service members and a component’s own $metadata', () => {
    const twin = {
      $dtId: 'c1',
      $etag: 'W/"x"',
      $metadata: {
        $model: 'dtmi:com:example:TemperatureController;1',
        serialNumber: { lastUpdateTime: '2024-01-01T00:00:00Z' },
      },
      serialNumber: 'SN-1',
      thermostat1: { $metadata: {}, targetTemperature: 21 },
    };
    const file = readAdtTwinFile(lines(...header, { Section: 'Twins' }, twin), 'c.ndjson');
    expect(file.twins[0]?.properties).toEqual({
      serialNumber: 'SN-1',
      thermostat1: { targetTemperature: 21 },
    });
  });

  it('reports a twin or relationship out of shape at its line and field, and skips it', () => {
    const file = readAdtTwinFile(
      lines(
        ...header,
        { Section: 'Twins' },
        { $metadata: { $model: 'dtmi:x:A;1' } },
        { $dtId: 'a' },
        { $dtId: 'b', $metadata: { $model: 7 } },
        [1, 2],
        { Section: 'Relationships' },
        { $dtId: 'a', $targetId: 'b', $relationshipName: 'feeds' },
      ),
      'twins.ndjson',
    );
    expect(file.twins).toEqual([]);
    expect(file.relationships).toEqual([]);
    expect(file.problems).toEqual([
      { path: 'twins.ndjson:4: $dtId', message: 'is required: twin skipped' },
      {
        path: 'twins.ndjson:5: $metadata',
        message: 'is required, with the $model of the twin: twin skipped',
      },
      { path: 'twins.ndjson:6: $metadata.$model', message: 'must be a string, found number 7: twin skipped' },
      { path: 'twins.ndjson:7', message: 'must be an object, found an array: skipped' },
      { path: 'twins.ndjson:9: $relationshipId', message: 'is required: relationship skipped' },
    ]);
  });

  it('refuses a file that is not JSON, naming the line', () => {
    expect(() =>
      readAdtTwinFile(
        '{"Section": "Header"}\n{"fileVersion": "1.0.0"}\n{"Section": "Twins"}\n{"$dtId": ',
        'twins.ndjson',
      ),
    ).toThrow(/^twins\.ndjson:4: not JSON: /);
    const error = (() => {
      try {
        readAdtTwinFile('{\n  "digitalTwinsGraph": {\n    "digitalTwins": [,]\n  }\n}', 'export.json');
      } catch (caught) {
        return caught as InputError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error?.issues[0]).toMatchObject({ file: 'export.json', line: 3, column: 22 });
  });

  it('refuses NDJSON without sections', () => {
    expect(() =>
      readAdtTwinFile(
        lines(
          { $dtId: 'a', $metadata: { $model: 'dtmi:x:A;1' } },
          { $dtId: 'b', $metadata: { $model: 'dtmi:x:A;1' } },
        ),
        't.ndjson',
      ),
    ).toThrow(
      't.ndjson:1: one JSON object a line, but no sections: an import file opens with {"Section": "Header"}',
    );
  });

  it('refuses sections out of order, unknown sections, data before the header', () => {
    expect(() =>
      readAdtTwinFile(lines(...header, { Section: 'Twins' }, { Section: 'Models' }), 'a.ndjson'),
    ).toThrow(
      'a.ndjson:4: section Models after Twins; the order is Header, Models, Twins, Relationships, each once',
    );
    expect(() => readAdtTwinFile(lines(...header, { Section: 'Edges' }), 'a.ndjson')).toThrow(
      'a.ndjson:3: unknown section string "Edges"; the sections are Header, Models, Twins, Relationships',
    );
    expect(() =>
      readAdtTwinFile(
        lines({ Section: 'Header' }, { fileVersion: '1.0.0' }, { Section: 'Header' }),
        'a.ndjson',
      ),
    ).toThrow(/a\.ndjson:3: section Header after Header/);
  });

  it('refuses a JSON file of another shape, and an Explorer file whose graph is not one', () => {
    expect(() => readAdtTwinFile('{"twins": []}', 'x.json')).toThrow(
      /x\.json: not an Azure Digital Twins import file/,
    );
    expect(() =>
      readAdtTwinFile(
        '{"digitalTwinsFileInfo": {"fileVersion": "1.0.0"}, "digitalTwinsGraph": {"digitalTwins": {}}}',
        'x.json',
      ),
    ).toThrow('x.json: digitalTwinsGraph.digitalTwins: must be an array, found an object');
  });

  it('notes a file version other than 1.0.0, and a missing header', () => {
    expect(
      readAdtTwinFile(lines({ Section: 'Header' }, { fileVersion: '2.0.0' }), 'a.ndjson').problems,
    ).toEqual([
      { path: 'a.ndjson:2: fileVersion', message: 'expected "1.0.0", found string "2.0.0"; read as 1.0.0' },
    ]);
    expect(readAdtTwinFile(lines({ Section: 'Twins' }), 'a.ndjson').problems).toEqual([
      {
        path: 'a.ndjson',
        message:
          'no Header section: an import file opens with {"Section": "Header"} and {"fileVersion": "1.0.0"}',
      },
    ]);
  });
});

describe('writeAdtImportJob', () => {
  it('writes the sections in order, and reads back as written', () => {
    const job = {
      models: [JSON.parse(thermostatV2)],
      twins: [
        { dtId: 't-1', model: 'dtmi:com:example:Thermostat;1', properties: { targetTemperature: 21.5 } },
      ],
      relationships: [
        {
          sourceId: 't-1',
          relationshipId: 'feeds:t-2',
          targetId: 't-2',
          name: 'feeds',
          properties: { rate: 3 },
        },
      ],
    };
    const text = writeAdtImportJob(job);
    const written = text.trimEnd().split('\n');
    expect(written.slice(0, 3)).toEqual([
      '{"Section":"Header"}',
      '{"fileVersion":"1.0.0","author":"infratwin","organization":"infratwin"}',
      '{"Section":"Models"}',
    ]);
    expect(written.slice(4)).toEqual([
      '{"Section":"Twins"}',
      '{"$dtId":"t-1","$metadata":{"$model":"dtmi:com:example:Thermostat;1"},"targetTemperature":21.5}',
      '{"Section":"Relationships"}',
      '{"$dtId":"t-1","$relationshipId":"feeds:t-2","$targetId":"t-2","$relationshipName":"feeds","rate":3}',
    ]);
    const read = readAdtTwinFile(text, 'job.ndjson');
    expect(read.problems).toEqual([]);
    expect(read.models.map((model) => model.value)).toEqual(job.models);
    expect(read.twins.map(({ at: _at, ...twin }) => twin)).toEqual(job.twins);
    expect(read.relationships.map(({ at: _at, ...relationship }) => relationship)).toEqual(job.relationships);
  });

  it('writes only the header for an empty job', () => {
    expect(
      writeAdtImportJob(
        { models: [], twins: [], relationships: [] },
        { author: 'ops', organization: 'contoso' },
      ),
    ).toBe('{"Section":"Header"}\n{"fileVersion":"1.0.0","author":"ops","organization":"contoso"}\n');
  });
});
