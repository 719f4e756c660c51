import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dtmiPath, dtmiProblem, dtmiSegments, idProblem, isDtmi, nameProblem } from './dtdl-grammar.js';

/** A path segment by the specification's grammar: a letter, then letters, digits, `_`, not ending in `_`. */
const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const inner = fc.constantFrom(...'abcXYZ019_');
const last = fc.constantFrom(...'abcXYZ019');
const dtdlSegment = fc
  .tuple(letter, fc.array(inner, { maxLength: 6 }), fc.option(last, { nil: undefined }))
  .map(([first, middle, end]) => (end === undefined ? first : `${first}${middle.join('')}${end}`));
const version = fc.integer({ min: 1, max: 999_999_999 }).map(String);
const dtmiArbitrary = fc
  .tuple(fc.array(dtdlSegment, { minLength: 1, maxLength: 4 }), version)
  .map(([segments, v]) => `dtmi:${segments.join(':')};${v}`);

describe('the DTMI grammar (DTDL.Specification.v3.md, "Digital Twin Model Identifier")', () => {
  it("accepts the specification's examples and their forms", () => {
    for (const dtmi of [
      'dtmi:com:example:Thermostat;1',
      'dtmi:com:fabrikam:industrialProducts:airQualitySensor;1',
      'dtmi:digitaltwins:rec_3_3:core:Space;1',
      'dtmi:com:example:Pump',
      'dtmi:com:example:Pump;2.15',
    ])
      expect(dtmiProblem(dtmi, 3), dtmi).toBeUndefined();
  });

  it('says which part is wrong', () => {
    expect(dtmiProblem('com:example:Pump;1')).toBe(
      '"com:example:Pump;1" is not a DTMI: it must start with \'dtmi:\'',
    );
    expect(dtmiProblem('dtmi:com:2example:Pump;1')).toMatch(/path segment "2example"/);
    expect(dtmiProblem('dtmi:com:example_:Pump;1')).toMatch(/path segment "example_"/);
    expect(dtmiProblem('dtmi:com:example:Pump;01')).toMatch(/version "01" must be 1 to 999999999/);
    expect(dtmiProblem('dtmi:com:example:Pump;1.0')).toMatch(/version "1.0"/);
    expect(dtmiProblem('dtmi:a;1;2')).toMatch(/only one ';'/);
    expect(dtmiProblem(7)).toBe('must be a DTMI string, found number 7');
  });

  it('needs a one-part version in DTDL v2 only', () => {
    expect(dtmiProblem('dtmi:com:example:Pump', 2)).toBe(
      '"dtmi:com:example:Pump" needs a one-part version (;1) in DTDL v2',
    );
    expect(dtmiProblem('dtmi:com:example:Pump;1.2', 2)).toMatch(/one-part version/);
    expect(dtmiProblem('dtmi:com:example:Pump', 3)).toBeUndefined();
  });

  it('keeps dtmi:dtdl: and dtmi:standard: for the language, and Interface ids to 128 characters', () => {
    expect(idProblem('dtmi:dtdl:context;3', 3)).toMatch(/reserves/);
    expect(idProblem('dtmi:standard:schema:geospatial:point;3', 3)).toMatch(/reserves/);
    expect(idProblem(`dtmi:${'a'.repeat(130)};1`, 3, 128)).toMatch(/at most 128/);
  });

  it('accepts every DTMI the grammar generates', () => {
    fc.assert(
      fc.property(dtmiArbitrary, (dtmi) => {
        expect(dtmiProblem(dtmi, 2)).toBeUndefined();
        expect(isDtmi(dtmi)).toBe(true);
        expect(`${dtmiPath(dtmi)};${dtmi.split(';')[1]}`).toBe(dtmi);
        expect(dtmiSegments(dtmi).every((segment) => /^[A-Za-z]/.test(segment))).toBe(true);
      }),
    );
  });

  it('refuses a DTMI broken anywhere: a bad character, a digit first, `_` last, a zero version', () => {
    const broken = fc
      .tuple(dtmiArbitrary, fc.nat(), fc.constantFrom('-', ' ', '.', '#', 'é'))
      .map(([dtmi, at, bad]) => {
        const path = dtmiPath(dtmi);
        const index = 5 + (at % (path.length - 5));
        return `${path.slice(0, index)}${bad}${path.slice(index)};1`;
      });
    fc.assert(fc.property(broken, (dtmi) => dtmiProblem(dtmi) !== undefined));
    fc.assert(fc.property(dtdlSegment, (segment) => dtmiProblem(`dtmi:9${segment};1`) !== undefined));
    fc.assert(fc.property(dtdlSegment, (segment) => dtmiProblem(`dtmi:${segment}_;1`) !== undefined));
    fc.assert(fc.property(dtmiArbitrary, (dtmi) => dtmiProblem(`${dtmiPath(dtmi)};0`) !== undefined));
  });
});

describe('the name grammar ("contains only alphanumerics and underscore, starting with a letter, ending with alphanumeric")', () => {
  it('accepts names the catalog uses', () => {
    for (const name of ['cpuCores', 'cpu_utilization', 'network_receive_bytes_per_second', 'CO2', 'x'])
      expect(nameProblem(name), name).toBeUndefined();
  });

  it('refuses the rest, and v2 names past 64 characters (v3: 512)', () => {
    expect(nameProblem('ip-addresses')).toMatch(/is not a DTDL name/);
    expect(nameProblem('_private')).toMatch(/is not a DTDL name/);
    expect(nameProblem('trailing_')).toMatch(/is not a DTDL name/);
    expect(nameProblem('9lives')).toMatch(/is not a DTDL name/);
    expect(nameProblem('')).toMatch(/is not a DTDL name/);
    expect(nameProblem('a'.repeat(65), 2)).toBe(`"${'a'.repeat(65)}" is 65 characters long, at most 64`);
    expect(nameProblem('a'.repeat(65), 3)).toBeUndefined();
    expect(nameProblem('a'.repeat(513), 3)).toMatch(/at most 512/);
  });

  it('agrees with the grammar on any string', () => {
    const grammar = /^[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?$/;
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        (text) => (nameProblem(text) === undefined) === grammar.test(text),
      ),
    );
    fc.assert(fc.property(dtdlSegment, (segment) => nameProblem(segment) === undefined));
  });
});
