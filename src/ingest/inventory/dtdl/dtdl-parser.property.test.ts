// Property-based tests of the parser: any model built by the DTDL v3 rules parses without a
// problem and survives kinds → DTDL → kinds; any single corruption of such a model is reported
// at (or under) the corrupted member; and no JSON value makes the parser throw anything but an
// InputError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFieldPath, InputError, type JsonValue } from '../../../model/index.js';
import { dtdlFromKindSpecs } from './dtdl-export.js';
import { kindSpecsFromDtdl } from './dtdl-kinds.js';
import { parseDtdl } from './dtdl-parser.js';
import { unitsOf } from './dtdl-units.js';

type Json = { [key: string]: JsonValue };

const context = ['dtmi:dtdl:context;3', 'dtmi:dtdl:extension:quantitativeTypes;1'];
const name = fc
  .tuple(
    fc.constantFrom(...'abcdefghXYZ'),
    fc.array(fc.constantFrom(...'abcxyz019_'), { maxLength: 8 }),
    fc.constantFrom(...'abcz019'),
  )
  .map(([first, middle, last]) => `${first}${middle.join('')}${last}`);
const text = fc.string({ minLength: 1, maxLength: 30 });
const localized: fc.Arbitrary<JsonValue> = fc.oneof(
  text,
  fc.record({ en: text }),
  fc.record({ en: text, it: text }),
);
const primitive = fc.constantFrom(
  'boolean',
  'date',
  'dateTime',
  'double',
  'duration',
  'float',
  'integer',
  'long',
  'string',
  'time',
);
const numeric = fc.constantFrom('double', 'float', 'integer', 'long');
const semantic = fc.constantFrom(
  'Temperature',
  'Power',
  'DataSize',
  'DataRate',
  'TimeSpan',
  'Pressure',
  'RelativeHumidity',
  'Voltage',
);
const withUnit = semantic.chain((type) => fc.tuple(fc.constant(type), fc.constantFrom(...unitsOf(type))));

/** Schemas up to four complex schemas deep (DTDL allows six). */
const schema: fc.Arbitrary<JsonValue> = fc.letrec<{ schema: JsonValue }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', maxDepth: 3, withCrossShrink: true },
    primitive,
    fc.record({ '@type': fc.constant('Array'), elementSchema: tie('schema') }),
    fc.uniqueArray(name, { minLength: 1, maxLength: 3 }).chain((names) =>
      fc.oneof(
        fc.constant({
          '@type': 'Enum',
          valueSchema: 'string',
          enumValues: names.map((item) => ({ name: item, enumValue: item })),
        }),
        fc.constant({
          '@type': 'Enum',
          valueSchema: 'integer',
          enumValues: names.map((item, index) => ({ name: item, enumValue: index })),
        }),
      ),
    ),
    fc.record({
      '@type': fc.constant('Map'),
      mapKey: fc.record({ name, schema: fc.constant('string') }),
      mapValue: fc.record({ name, schema: tie('schema') }),
    }),
    fc.uniqueArray(name, { minLength: 1, maxLength: 3 }).chain((names) =>
      fc.tuple(...names.map(() => tie('schema'))).map((schemas) => ({
        '@type': 'Object',
        fields: names.map((item, index) => ({ name: item, schema: schemas[index] as JsonValue })),
      })),
    ),
  ),
})).schema;

const described = fc.record({ description: localized, displayName: localized }, { requiredKeys: [] });

/** One content element named `elementName`; relationships may target one of `targets`. */
function content(elementName: string, targets: readonly string[]): fc.Arbitrary<Json> {
  const property = fc.oneof(
    fc
      .tuple(schema, fc.boolean(), described)
      .map(([s, writable, d]) => ({ '@type': 'Property', name: elementName, schema: s, writable, ...d })),
    fc.tuple(withUnit, numeric, described).map(([[type, unit], s, d]) => ({
      '@type': ['Property', type],
      name: elementName,
      schema: s,
      unit,
      ...d,
    })),
  );
  const telemetry = fc
    .tuple(fc.option(withUnit, { nil: undefined }), numeric, described)
    .map(([unit, s, d]) => ({
      '@type': unit ? ['Telemetry', unit[0]] : 'Telemetry',
      name: elementName,
      schema: s,
      ...(unit ? { unit: unit[1] } : {}),
      ...d,
    }));
  const relationship = fc
    .tuple(
      fc.option(fc.constantFrom(...targets, 'dtmi:com:elsewhere:Thing;1'), { nil: undefined }),
      fc.uniqueArray(name, { maxLength: 2 }),
      described,
    )
    .map(([target, properties, d]) => ({
      '@type': 'Relationship',
      name: elementName,
      ...(target ? { target } : {}),
      ...(properties.length > 0
        ? { properties: properties.map((item) => ({ '@type': 'Property', name: item, schema: 'string' })) }
        : {}),
      ...d,
    }));
  const command = fc.constant({ '@type': 'Command', name: elementName });
  return fc.oneof(property, telemetry, relationship, command);
}

/** One to three interfaces, each perhaps extending an earlier one; names unique across them all. */
const model: fc.Arbitrary<Json[]> = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.uniqueArray(name, { minLength: 3, maxLength: 12 }))
  .chain(([count, names]) => {
    const ids = Array.from({ length: count }, (_, index) => `dtmi:com:example:gen:Model${index};1`);
    const share = Math.ceil(names.length / count);
    return fc.tuple(
      ...ids.map((id, index) =>
        fc
          .tuple(
            fc.tuple(...names.slice(index * share, (index + 1) * share).map((item) => content(item, ids))),
            index > 0
              ? fc.option(fc.constantFrom(...ids.slice(0, index)), { nil: undefined })
              : fc.constant(undefined),
            described,
          )
          .map(
            ([contents, base, d]): Json => ({
              '@context': context,
              '@id': id,
              '@type': 'Interface',
              ...(base ? { extends: base } : {}),
              contents,
              ...d,
            }),
          ),
      ),
    );
  });

describe('parseDtdl on generated models', () => {
  it('parses every valid model without a problem, and its kinds survive export and import', () => {
    fc.assert(
      fc.property(model, (interfaces) => {
        const first = parseDtdl(interfaces);
        expect(first.problems).toEqual([]);
        expect(first.interfaces).toHaveLength(interfaces.length);
        const kinds = kindSpecsFromDtdl(first.interfaces);
        expect(kinds.problems).toEqual([]);
        const exported = dtdlFromKindSpecs(kinds.specs, {
          relationshipNames: kinds.relationshipNames,
          extendsOf: kinds.extendsOf,
        });
        expect(exported.problems).toEqual([]);
        const second = parseDtdl(JSON.parse(JSON.stringify(exported.interfaces)));
        expect(second.problems).toEqual([]);
        const back = kindSpecsFromDtdl(second.interfaces);
        expect(back.specs).toEqual(kinds.specs);
        expect(back.relationshipNames).toEqual(kinds.relationshipNames);
      }),
      { numRuns: 150 },
    );
  });

  /** Paths of the members a corruption may hit, with the corrupt values that fit each. */
  function targetsIn(
    interfaces: readonly Json[],
  ): Array<{ path: Array<string | number>; values: JsonValue[] }> {
    const badNames: JsonValue[] = ['9lives', 'ip-address', 'trailing_', '', 42, null];
    const badDtmis: JsonValue[] = ['dtmi:com:9bad;1', 'com:example:X;1', 'dtmi:com:x:Y;0', 7];
    const badSchemas: JsonValue[] = ['dobule', 42, { '@type': 'Gadget' }, { '@type': 'Array' }, []];
    const targets: Array<{ path: Array<string | number>; values: JsonValue[] }> = [];
    interfaces.forEach((iface, index) => {
      targets.push({ path: [index, '@id'], values: badDtmis });
      targets.push({ path: [index, '@type'], values: ['Interfase', 3] });
      (iface.contents as Json[]).forEach((element, position) => {
        const at = [index, 'contents', position];
        targets.push({ path: [...at, 'name'], values: badNames });
        targets.push({ path: [...at, '@type'], values: ['Gadget', 12, []] });
        targets.push({ path: at, values: [5, 'text', null] });
        if ('schema' in element) targets.push({ path: [...at, 'schema'], values: badSchemas });
        if ('target' in element) targets.push({ path: [...at, 'target'], values: badDtmis });
        if ('writable' in element) targets.push({ path: [...at, 'writable'], values: ['yes', 1] });
      });
    });
    return targets;
  }

  it('reports a corruption at, or under, the corrupted member, and never throws', () => {
    const corrupted = model.chain((interfaces) => {
      const targets = targetsIn(interfaces);
      return fc
        .constantFrom(...targets)
        .chain((target) =>
          fc.tuple(fc.constant(interfaces), fc.constant(target.path), fc.constantFrom(...target.values)),
        );
    });
    fc.assert(
      fc.property(corrupted, ([interfaces, path, value]) => {
        const copy = JSON.parse(JSON.stringify(interfaces)) as JsonValue[];
        let parent: JsonValue = copy;
        for (const part of path.slice(0, -1))
          parent = (parent as Record<string | number, JsonValue>)[part] as JsonValue;
        (parent as Record<string | number, JsonValue>)[path.at(-1) as string | number] = value;
        const result = parseDtdl(copy);
        // A content element corrupted at its @type is reported there; an interface's @id problem
        // may also surface at an interface extending it: each is at least reported where it is.
        const where = `models.json: ${formatFieldPath(path)}`;
        expect(
          result.problems.some(
            (problem) =>
              problem.path === where ||
              problem.path.startsWith(`${where}.`) ||
              problem.path.startsWith(`${where}[`),
          ),
        ).toBe(true);
        expect(result.problems.every((problem) => problem.path.startsWith('models.json'))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('throws nothing but InputError for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        try {
          parseDtdl(value);
          parseDtdl([
            value,
            {
              '@context': 'dtmi:dtdl:context;3',
              '@type': 'Interface',
              '@id': 'dtmi:a:B;1',
              contents: [value],
            },
          ]);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
