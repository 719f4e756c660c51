import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCounter, stringify } from 'yaml';
import {
  builtinKinds,
  createKindCatalog,
  type EntityInput,
  InputError,
  type InputIssue,
  type JsonValue,
  type KindSpec,
  kindOfId,
  MemoryTwinStore,
  type PropSpec,
  type RelationInput,
  type RelationType,
  relationId,
  relationPropSpecs,
  relationTypes,
  Twin,
} from '../model/index.js';
import { readEstate } from './estate-reader.js';
import { type EstateDocument, estateToOperations, parseEstateFile, serializeEstate } from './index.js';
import { findJsonSyntaxError, locateInJson } from './json-source.js';
import { countLines } from './source-position.js';
import { locateInYaml, readYaml } from './yaml-source.js';

function rejectionOf(text: string, file = 'estate.yaml'): InputError {
  try {
    parseEstateFile(text, { file });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected the estate to be rejected');
}

function issuesOf(text: string, file = 'estate.yaml'): InputIssue[] {
  return rejectionOf(text, file).issues;
}

/** `line:column field` of each issue: the part of a report these tests pin exactly. */
function places(issues: readonly InputIssue[]): string[] {
  return issues.map((issue) => `${issue.line}:${issue.column} ${issue.field ?? ''}`.trimEnd());
}

/** The one issue of a rejected text. */
function onlyIssue(text: string, file?: string): InputIssue {
  const issues = issuesOf(text, file);
  expect(issues, JSON.stringify(issues, null, 2)).toHaveLength(1);
  return issues[0] as InputIssue;
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const header = 'apiVersion: infratwin/v1';

describe('parseEstateFile reads', () => {
  it('entities, labels, props, nested and top-level relations and the source', () => {
    const doc = parseEstateFile(
      lines(
        header,
        'kind: Estate',
        'metadata: { source: estate:prod }   # the provenance source name',
        'entities:',
        '  - id: site:dc1',
        '    kind: site',
        '    name: DC 1',
        '    labels: { region: eu-west }',
        '    props: { city: Dublin }',
        '  - id: rack:dc1/a/r12',
        '    kind: rack',
        '    props: { units: 42, powerBudgetWatts: 12000 }',
        '    relations:',
        '      - { type: powered-by, to: pdu:dc1/a/r12-a }',
        'relations:',
        '  - { type: contains, from: site:dc1, to: rack:dc1/a/r12 }',
        '  - { type: depends-on, from: service:checkout, to: service:payments, props: { callsPerRequest: 1.2 } }',
      ),
      { file: 'prod.yaml' },
    );
    expect(doc).toEqual({
      source: 'estate:prod',
      entities: [
        {
          id: 'site:dc1',
          kind: 'site',
          name: 'DC 1',
          labels: { region: 'eu-west' },
          props: { city: 'Dublin' },
        },
        { id: 'rack:dc1/a/r12', kind: 'rack', props: { units: 42, powerBudgetWatts: 12000 } },
      ],
      relations: [
        // Nested relations come first, in entity order; then the top-level list.
        { type: 'powered-by', from: 'rack:dc1/a/r12', to: 'pdu:dc1/a/r12-a' },
        { type: 'contains', from: 'site:dc1', to: 'rack:dc1/a/r12' },
        {
          type: 'depends-on',
          from: 'service:checkout',
          to: 'service:payments',
          props: { callsPerRequest: 1.2 },
        },
      ],
    });
  });

  it('JSON to the same document as YAML, whatever the file is called', () => {
    const yaml = lines(
      header,
      'entities:',
      '  - { id: host:a, kind: host, labels: { team: core }, props: { cpuCores: 8 } }',
      'relations:',
      '  - { type: powered-by, from: host:a, to: pdu:p, key: left }',
    );
    const fromYaml = parseEstateFile(yaml, { file: 'e.yaml' });
    const json = JSON.stringify({ apiVersion: 'infratwin/v1', ...fromYaml });
    expect(parseEstateFile(json, { file: 'e.json' })).toEqual(fromYaml);
    expect(parseEstateFile(json, { file: 'e.yaml' })).toEqual(fromYaml);
    expect(parseEstateFile(`\uFEFF${json}`, { file: 'e' })).toEqual(fromYaml);
  });

  it('YAML in flow style that only looks like JSON', () => {
    const doc = parseEstateFile('{ apiVersion: infratwin/v1, entities: [{ id: host:a, kind: host }] }', {
      file: 'estate',
    });
    expect(doc.entities).toEqual([{ id: 'host:a', kind: 'host' }]);
  });

  it('a field written with no value as one left out', () => {
    const doc = parseEstateFile(
      lines(
        header,
        'metadata:',
        'entities:',
        '  - id: host:a',
        '    kind: host',
        '    name:',
        '    labels:',
        '    props:',
        '    relations:',
        'relations:',
      ),
      { file: 'e.yaml' },
    );
    expect(doc).toEqual({ entities: [{ id: 'host:a', kind: 'host' }], relations: [] });
  });

  it('relation ends that the file does not declare: they may already be in the twin', () => {
    const doc = parseEstateFile(
      lines(header, 'relations:', '  - { type: runs-on, from: vm:elsewhere, to: host:also-elsewhere }'),
      { file: 'e.yaml' },
    );
    expect(doc.relations).toEqual([{ type: 'runs-on', from: 'vm:elsewhere', to: 'host:also-elsewhere' }]);
  });

  it('kinds of the catalog it is given', () => {
    const rover: KindSpec = {
      kind: 'rover',
      description: 'A mobile robot',
      props: { wheels: { type: 'integer', description: 'Wheels' } },
      metrics: {},
      relations: { 'powered-by': ['ups'] },
    };
    const text = lines(
      header,
      'entities:',
      '  - { id: rover:r1, kind: rover, props: { wheels: 6 } }',
      'relations:',
      '  - { type: powered-by, from: rover:r1, to: ups:u1 }',
    );
    const doc = parseEstateFile(text, { file: 'e.yaml', catalog: createKindCatalog([rover]) });
    expect(doc.entities).toHaveLength(1);
    expect(places(issuesOf(text))).toEqual(['3:27 entities[0].kind']);
    expect(() =>
      parseEstateFile(text.replace('wheels: 6', 'wheels: 6.5'), {
        file: 'e.yaml',
        catalog: createKindCatalog([rover]),
      }),
    ).toThrow(/wheels: must be an integer/);
  });
});

describe('parseEstateFile reports syntax errors', () => {
  it('of YAML, at the position the yaml library gives', () => {
    const issue = onlyIssue(lines(header, 'entities:', '  - id: host:a', '    kind: host', '   name: a'));
    expect(issue).toMatchObject({ file: 'estate.yaml', line: 5, column: 1 });
    expect(issue.message).not.toBe('');
    const duplicateKey = onlyIssue(
      lines(header, 'entities:', '  - id: host:a', '    kind: host', '    kind: vm'),
    );
    expect(duplicateKey).toMatchObject({ line: 5, column: 5, message: 'Map keys must be unique' });
  });

  it('of JSON in a .json file, with line and column', () => {
    const trailingComma = lines(
      '{',
      '  "apiVersion": "infratwin/v1",',
      '  "entities": [',
      '    { "id": "host:a", "kind": "host", }',
      '  ]',
      '}',
    );
    expect(onlyIssue(trailingComma, 'e.json')).toEqual({
      file: 'e.json',
      line: 4,
      column: 39,
      message: "expected a property name in double quotes, found '}'",
    });
    const missingComma = lines('{', '  "apiVersion": "infratwin/v1"', '  "entities": []', '}');
    expect(onlyIssue(missingComma, 'e.json')).toMatchObject({
      line: 3,
      column: 3,
      message: "expected ',' or '}' after a property value, found '\"'",
    });
    expect(onlyIssue('{"apiVersion": "infratwin/v1", "entities": [tru]}', 'e.json')).toMatchObject({
      line: 1,
      column: 45,
      message: "expected a value, found 't'",
    });
    expect(onlyIssue('{"a": "line\nbreak"}', 'e.json')).toMatchObject({ line: 1, column: 12 });
    expect(onlyIssue('', 'e.json').message).toBe('expected a value, found the end of the file');
  });

  it('of a second document in one file', () => {
    expect(onlyIssue(lines(header, '---', header))).toMatchObject({ line: 2, column: 1 });
  });

  it('of hostile nesting, without harm to later parses', () => {
    // In Node 20 a stack overflow inside the yaml composer can make the next parse die in a
    // fatal V8 error; the nesting limit keeps the composer far from it.
    for (const text of [
      '['.repeat(5_000),
      `deep: ${'['.repeat(5_000)}${']'.repeat(5_000)}`,
      `${'- '.repeat(5_000)}x`,
      `${'{a: '.repeat(5_000)}`,
    ]) {
      expect(onlyIssue(text).message).toMatch(/nested more than 64 levels deep/);
    }
    // The same as JSON goes through JSON.parse, which does not recurse.
    expect(onlyIssue(`${'['.repeat(5_000)}${']'.repeat(5_000)}`).message).toMatch(/found a list$/);
    expect(parseEstateFile(lines(header), { file: 'e.yaml' })).toEqual({ entities: [], relations: [] });
    const deepProp = `{"apiVersion":"infratwin/v1","entities":[{"id":"host:a","kind":"host","props":{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}}]}`;
    expect(onlyIssue(deepProp, 'e.json')).toMatchObject({
      line: 1,
      column: 84,
      field: 'entities[0].props.x',
      message: 'nested more than 32 levels deep',
    });
  });
});

describe('parseEstateFile validates', () => {
  it('apiVersion and kind', () => {
    expect(onlyIssue(lines('entities: []'))).toMatchObject({
      line: 1,
      column: 1,
      field: 'apiVersion',
      message: 'missing: an estate file starts with apiVersion: infratwin/v1',
    });
    expect(onlyIssue(lines('apiVersion: infratwin/v2'))).toMatchObject({
      line: 1,
      column: 13,
      field: 'apiVersion',
      message: "must be infratwin/v1 (the version this infratwin reads), found 'infratwin/v2'",
    });
    expect(onlyIssue(lines(header, 'kind: Estat'))).toMatchObject({ line: 2, column: 7, field: 'kind' });
  });

  it('that the file is a map, and entities and relations lists', () => {
    expect(onlyIssue('- host:a\n').message).toMatch(/an estate file is a map .*; found a list/);
    expect(onlyIssue('').message).toMatch(/the file is empty/);
    const issues = issuesOf(lines(header, 'entities: { id: host:a }', 'relations: contains'));
    expect(places(issues)).toEqual(['2:11 entities', '3:12 relations']);
    expect(issues[0]?.message).toBe("must be a list of entities (items starting with '- '), found a map");
  });

  it('field names, pointing at the unknown key', () => {
    const issues = issuesOf(
      lines(
        header,
        'entites: []',
        'entities:',
        '  - id: host:a',
        '    kind: host',
        '    prop: { cpuCores: 2 }',
        'relations:',
        '  - { type: contains, form: rack:r, to: host:a }',
      ),
    );
    expect(places(issues)).toEqual([
      '2:1 entites',
      '6:5 entities[0].prop',
      '8:5 relations[0].from',
      '8:23 relations[0].form',
    ]);
    expect(issues[0]?.message).toBe(
      "unknown field 'entites' (did you mean 'entities'?); an estate file has: apiVersion, kind, metadata, entities, relations",
    );
    expect(issues[1]?.message).toMatch(/did you mean 'props'/);
  });

  it('metadata', () => {
    expect(places(issuesOf(lines(header, 'metadata: { source: 7, owner: me }')))).toEqual([
      '2:21 metadata.source',
      '2:24 metadata.owner',
    ]);
    expect(onlyIssue(lines(header, 'metadata: estate:prod'))).toMatchObject({
      line: 2,
      column: 11,
      field: 'metadata',
    });
  });

  it('entity ids', () => {
    const issues = issuesOf(
      lines(
        header,
        'entities:',
        '  - kind: host', // 3: missing id, reported at the entity
        '  - { id: web-01, kind: host }', // 4
        '  - { id: Host:web-01, kind: host }', // 5
        '  - { id: "host:", kind: host }', // 6
        '  - { id: "host:web 01", kind: host }', // 7
        '  - { id: 42, kind: host }', // 8
        '  - { id: vm:web-01, kind: host }', // 9
      ),
    );
    expect(places(issues)).toEqual([
      '3:5 entities[0].id',
      '4:11 entities[1].id',
      '5:11 entities[2].id',
      '6:11 entities[3].id',
      '7:11 entities[4].id',
      '8:11 entities[5].id',
      '9:11 entities[6].id',
    ]);
    expect(issues.map((issue) => issue.message)).toEqual([
      'missing: every entity needs an id of the form <kind>:<name>, e.g. host:web-01',
      "'web-01' is not a valid id: there is no ':'; ids look like <kind>:<name>, e.g. rack:dc1/a/r12",
      "'Host:web-01' is not a valid id: the part before ':' must be a kind: lower-case letters, digits and '-', starting with a letter; ids look like <kind>:<name>, e.g. rack:dc1/a/r12",
      "'host:' is not a valid id: there is no name after ':'; ids look like <kind>:<name>, e.g. rack:dc1/a/r12",
      "'host:web 01' is not a valid id: it contains white space; ids look like <kind>:<name>, e.g. rack:dc1/a/r12",
      'must be a string of the form <kind>:<name>, e.g. host:web-01; found 42',
      "the id must start with the entity's kind: 'host:web-01', not 'vm:web-01'",
    ]);
  });

  it('kinds: a near miss gets a suggestion, anything else the list of kinds', () => {
    const issues = issuesOf(
      lines(
        header,
        'entities:',
        '  - { id: host:a, kind: hots }',
        '  - { id: server:b, kind: server }',
        '  - { id: host:c }',
      ),
    );
    expect(places(issues)).toEqual([
      '3:25 entities[0].kind',
      '4:27 entities[1].kind',
      '5:5 entities[2].kind',
    ]);
    expect(issues[0]?.message).toBe("unknown kind 'hots'; did you mean 'host'?");
    expect(issues[1]?.message).toBe(
      `unknown kind 'server'; the kinds are: ${[...builtinKinds.keys()].join(', ')}`,
    );
    expect(issues[2]?.message).toBe("missing: every entity needs a kind; here 'host', as its id says");
  });

  it('duplicate entity ids, naming both lines', () => {
    const issue = onlyIssue(
      lines(
        header,
        'entities:',
        '  - { id: host:a, kind: host }',
        '  - { id: rack:b, kind: rack }',
        '  - { id: host:a, kind: host }',
      ),
    );
    expect(issue).toEqual({
      file: 'estate.yaml',
      line: 5,
      column: 11,
      field: 'entities[2].id',
      message:
        "duplicate entity id 'host:a': ids must be unique within a file (first at entities[0].id, line 3)",
    });
  });

  it('labels: a map of strings with Kubernetes-style keys', () => {
    const long = 'n'.repeat(64);
    const issues = issuesOf(
      lines(
        header,
        'entities:',
        '  - id: host:a',
        '    kind: host',
        '    labels:',
        '      tier: 3',
        '      app.kubernetes.io/name: web',
        '      Bad Key: x',
        `      ${long}: x`,
        '      Example.com/x: y',
        '  - { id: host:b, kind: host, labels: [a, b] }',
      ),
    );
    expect(places(issues)).toEqual([
      '6:13 entities[0].labels.tier',
      '8:7 entities[0].labels["Bad Key"]',
      `9:7 entities[0].labels.${long}`,
      '10:7 entities[0].labels["Example.com/x"]',
      '11:39 entities[1].labels',
    ]);
    expect(issues[0]?.message).toBe('label values must be strings, found 3; quote it: "3"');
    expect(issues[2]?.message).toMatch(/the name is 64 characters long, at most 63 are allowed/);
    expect(issues[3]?.message).toMatch(/the prefix before \/ must be a DNS subdomain/);
  });

  it("props against the kind's declared types; other props are kept as they are", () => {
    const issues = issuesOf(
      lines(
        header,
        'entities:',
        '  - id: rack:r1',
        '    kind: rack',
        '    props:',
        '      units: 42.5', // 6
        '      powerBudgetWatts: "12000"', // 7
        '      vendor: { name: Rittal, parts: [1, 2] }', // unknown: kept
        '      constructor: 1', // unknown, whatever Object.prototype says
        '  - { id: host:h1, kind: host, props: { cpuCores: 2, os: 22, ipAddresses: 10.0.0.1 } }', // 10
        '  - { id: service:s, kind: service, props: { entryPoint: yes } }', // 11: YAML 1.2 has no yes
        '  - { id: site:s, kind: site, props: [city] }', // 12
      ),
    );
    expect(places(issues)).toEqual([
      '6:14 entities[0].props.units',
      '7:25 entities[0].props.powerBudgetWatts',
      '10:58 entities[1].props.os',
      '10:75 entities[1].props.ipAddresses',
      '11:58 entities[2].props.entryPoint',
      '12:38 entities[3].props',
    ]);
    expect(issues.map((issue) => issue.message)).toEqual([
      'must be an integer (a whole number) in U (Height in rack units), found 42.5',
      "must be a number in watts (Power the rack is provisioned for), found '12000'; write it without quotes",
      'must be a string (Operating system), found 22',
      "must be a list (IP addresses), found '10.0.0.1'",
      "must be true or false (Receives external traffic), found 'yes'",
      'props must be a map of prop names to values, found a list',
    ]);
  });

  it('that props are JSON: no .inf, .nan or alias cycles', () => {
    const issues = issuesOf(
      lines(
        header,
        'entities:',
        '  - id: host:a',
        '    kind: host',
        '    props: { maxWatts: .inf, note: .nan }',
        '  - id: host:b',
        '    kind: host',
        '    props: &p { self: *p }', // an alias inside its own anchor
      ),
    );
    expect(places(issues)).toEqual([
      '5:24 entities[0].props.maxWatts',
      '5:36 entities[0].props.note',
      '8:23 entities[1].props.self',
    ]);
    expect(issues[0]?.message).toBe(
      'Infinity is not a finite number, which JSON (and so the twin) cannot hold',
    );
    expect(issues[2]?.message).toBe(
      'contains itself (an alias inside its own anchor); props must be plain data',
    );
  });

  it('relation types, listing them', () => {
    const issues = issuesOf(
      lines(
        header,
        'relations:',
        '  - { type: powered_by, from: host:a, to: pdu:b }',
        '  - { from: host:a, to: pdu:b }',
      ),
    );
    expect(places(issues)).toEqual(['3:13 relations[0].type', '4:5 relations[1].type']);
    expect(issues[0]?.message).toBe(
      `unknown relation type 'powered_by' (did you mean 'powered-by'?); the types are: ${relationTypes.join(', ')}`,
    );
  });

  it('relation ends: ids whose kinds are known', () => {
    const issues = issuesOf(
      lines(
        header,
        'relations:',
        '  - { type: powered-by, to: pdu:b }',
        '  - { type: powered-by, from: host a, to: pdu:b }',
        '  - { type: powered-by, from: hots:a, to: pdu:b }',
        '  - { type: runs-on, from: vm:a, to: vm:a }',
      ),
    );
    expect(places(issues)).toEqual([
      '3:5 relations[0].from',
      '4:31 relations[1].from',
      '5:31 relations[2].from',
      '6:38 relations[3].to',
    ]);
    expect(issues[2]?.message).toBe("'hots:a' names unknown kind 'hots'; did you mean 'host'?");
    expect(issues[3]?.message).toBe("a relation cannot link an entity to itself ('vm:a')");
  });

  it('that the catalog allows the relation between the kinds of its ends', () => {
    const issues = issuesOf(
      lines(
        header,
        'relations:',
        '  - { type: powered-by, from: host:a, to: room:r }',
        '  - { type: contains, from: host:a, to: rack:r }',
        '  - { type: cooled-by, from: pdu:p, to: cooling-unit:c }',
        '  - { type: has-vulnerability, from: host:a, to: vm:v }', // '*': anything
      ),
    );
    expect(places(issues)).toEqual([
      '3:13 relations[0].type',
      '4:13 relations[1].type',
      '5:13 relations[2].type',
    ]);
    expect(issues.map((issue) => issue.message)).toEqual([
      'powered-by from host to room is not allowed: from a host, powered-by may go to: pdu, ups, power-feed',
      "contains from host to rack is not allowed: from a host, contains may go to: interface, volume; written backwards? contains goes from the parent to the child: from 'rack:r' to 'host:a'",
      'cooled-by from pdu to cooling-unit is not allowed: a pdu has no cooled-by relations',
    ]);
  });

  it('relations nested under an entity, which start at it', () => {
    const issues = issuesOf(
      lines(
        header,
        'entities:',
        '  - id: host:a',
        '    kind: host',
        '    relations:',
        '      - { type: powered-by, to: pdu:a }',
        '      - { type: powered-by, from: host:a, to: pdu:b }',
        '      - { type: powered-by, from: host:b, to: pdu:c }', // 8
        '      - { type: powered-by, to: room:r }', // 9
        '  - id: host:b',
        '    kind: host',
        '    relations: { type: powered-by, to: pdu:a }', // 12
      ),
    );
    expect(places(issues)).toEqual([
      '8:35 entities[0].relations[2].from',
      '9:17 entities[0].relations[3].type',
      '12:16 entities[1].relations',
    ]);
    expect(issues[0]?.message).toMatch(/a relation under an entity starts at that entity \('host:a'\)/);
  });

  it('the relation props the twin computes with', () => {
    const issues = issuesOf(
      lines(
        header,
        'relations:',
        '  - { type: depends-on, from: service:a, to: service:b, props: { callsPerRequest: "2", optional: "true" } }',
        '  - { type: connects, from: switch:s, to: link:l, props: { peer: yes, capacityBitsPerSecond: 25e9 } }',
        '  - { type: allows, from: firewall:f, to: service:a, props: { port: 443, protocol: tcp } }',
      ),
    );
    expect(places(issues)).toEqual([
      '3:83 relations[0].props.callsPerRequest',
      '3:98 relations[0].props.optional',
      '4:66 relations[1].props.peer',
    ]);
    expect(issues[1]?.message).toBe(
      "must be true or false (The caller works, degraded, without the callee), found 'true'",
    );
  });

  it('duplicate relations, naming both lines; a key tells relations apart', () => {
    const issues = issuesOf(
      lines(
        header,
        'entities:',
        '  - id: host:a',
        '    kind: host',
        '    relations: [{ type: connects, to: switch:tor }]',
        'relations:',
        '  - { type: connects, from: host:a, to: switch:tor, key: eth0 }',
        '  - { type: connects, from: host:a, to: switch:tor, key: eth1 }',
        '  - { type: connects, from: host:a, to: switch:tor, key: eth1 }', // 9
        '  - { type: connects, from: host:a, to: switch:tor }', // 10
        '  - { type: connects, from: host:a, to: switch:spine, key: "" }', // 11
      ),
    );
    expect(places(issues)).toEqual(['9:5 relations[2]', '10:5 relations[3]', '11:60 relations[4].key']);
    expect(issues[0]?.message).toBe(
      'duplicate relation connects:host:a->switch:tor#eth1: the same type, from, to and key as another (first at relations[1], line 8)',
    );
    expect(issues[1]?.message).toMatch(/\(first at entities\[0\]\.relations\[0\], line 5\)$/);
  });
});

describe('parseEstateFile reports', () => {
  it('every problem at once, in file order, in one InputError', () => {
    const error = rejectionOf(
      lines(
        'apiVersion: infratwin/v2', // 1
        'entities:', // 2
        '  - { id: host:a, kind: hots }', // 3
        '  - { id: vm:b, kind: host }', // 4
        '  - { id: rack:c, kind: rack, props: { units: 4.5 }, labels: { tier: 3 } }', // 5
        '  - { id: host:a, kind: host }', // 6
        '  - { kind: host }', // 7
        'relations:', // 8
        '  - { type: powered_by, from: host:a, to: pdu:x }', // 9
        '  - { type: powered-by, from: host:a, to: room:r }', // 10
        '  - { type: contains, from: rack:c, to: host:a }', // 11
        '  - { type: contains, from: rack:c, to: host:a }', // 12
      ),
    );
    expect(places(error.issues)).toEqual([
      '1:13 apiVersion',
      '3:25 entities[0].kind',
      '4:11 entities[1].id',
      '5:47 entities[2].props.units',
      '5:70 entities[2].labels.tier',
      '6:11 entities[3].id',
      '7:5 entities[4].id',
      '9:13 relations[0].type',
      '10:13 relations[1].type',
      '12:5 relations[3]',
    ]);
    expect(error.issues.every((issue) => issue.file === 'estate.yaml')).toBe(true);
    expect(error.message).toBe(
      "estate.yaml: estate file rejected, 10 problem(s); first: estate.yaml:1:13: apiVersion: must be infratwin/v1 (the version this infratwin reads), found 'infratwin/v2'",
    );
  });

  it('JSON problems at their lines, reading escaped keys and repeated keys as JSON.parse does', () => {
    const text = [
      '{',
      '  "apiVersion": "infratwin/v1",',
      '  "entities": [',
      '    { "id": "host:a", "kind": "host", "name": "a \\"quoted\\" {[name" },',
      '    { "id": "host:b", "kind": "host", "pro\\u0070s": { "cpuCores": "four" } },',
      '    { "id": "host:c", "kind": "vm", "kind": "hots" }',
      '  ],',
      '  "relations": [{ "type": "contains", "from": "host:a", "to": "host:b" }]',
      '}',
    ].join('\n');
    const issues = issuesOf(text, 'e.json');
    expect(places(issues)).toEqual([
      '5:67 entities[1].props.cpuCores',
      '6:45 entities[2].kind',
      '8:27 relations[0].type',
    ]);
  });

  it('at most 200 issues, and how many there were', () => {
    const entities = Array.from({ length: 300 }, (_, index) => `  - { id: host:h${index}, kind: hots }`);
    const error = rejectionOf(lines(header, 'entities:', ...entities));
    expect(error.issues).toHaveLength(200);
    expect(error.issues[199]?.line).toBe(202);
    expect(error.message).toMatch(/300 problem\(s\) \(the first 200 are listed\)/);
  });
});

describe('estateToOperations', () => {
  it('upserts every entity, then every relation, in file order', () => {
    const doc: EstateDocument = {
      entities: [
        { id: 'rack:r', kind: 'rack' },
        { id: 'host:h', kind: 'host' },
      ],
      relations: [{ type: 'contains', from: 'rack:r', to: 'host:h' }],
    };
    expect(estateToOperations(doc)).toEqual([
      { op: 'upsert-entity', entity: { id: 'rack:r', kind: 'rack' } },
      { op: 'upsert-entity', entity: { id: 'host:h', kind: 'host' } },
      { op: 'upsert-relation', relation: { type: 'contains', from: 'rack:r', to: 'host:h' } },
    ]);
  });
});

describe('serializeEstate', () => {
  const labels = { site: 'dc1' };
  const doc: EstateDocument = {
    source: 'estate:dc1',
    entities: [
      { id: 'site:dc1', kind: 'site', name: 'DC 1', labels, props: { city: 'Dublin' } },
      { id: 'room:dc1/a', kind: 'room', labels },
    ],
    relations: [{ type: 'contains', from: 'site:dc1', to: 'room:dc1/a' }],
  };

  it('writes YAML as people write it: flow labels and relations, no anchors for shared objects', () => {
    expect(serializeEstate(doc, 'yaml')).toBe(
      lines(
        header,
        'kind: Estate',
        'metadata:',
        '  source: estate:dc1',
        'entities:',
        '  - id: site:dc1',
        '    kind: site',
        '    name: DC 1',
        '    labels: { site: dc1 }',
        '    props:',
        '      city: Dublin',
        '  - id: room:dc1/a',
        '    kind: room',
        '    labels: { site: dc1 }',
        'relations:',
        '  - { type: contains, from: site:dc1, to: room:dc1/a }',
      ),
    );
  });

  it('writes JSON that reads back the same', () => {
    const json = serializeEstate(doc, 'json');
    expect(JSON.parse(json)).toMatchObject({ apiVersion: 'infratwin/v1', kind: 'Estate' });
    expect(parseEstateFile(json, { file: 'dc1.json' })).toEqual(doc);
  });
});

// ---------------------------------------------------------------- properties

/** Any code points, lone surrogates included. */
const text = fc.string({ unit: 'binary', maxLength: 12 });
const nonEmptyText = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
/**
 * Prop names without `__proto__`: fast-check makes it now and then, and assigning it (as the
 * helpers below do) sets the object's prototype instead of a prop. A prop of that name is not
 * supported (see docs/estate-file.md).
 */
const propKey = text.filter((key) => key !== '__proto__');
/** JSON values as JSON can hold them: -0 becomes 0, as JSON.stringify writes it. */
const jsonValue = fc
  .jsonValue({ maxDepth: 2 })
  .map((value) => JSON.parse(JSON.stringify(value)) as JsonValue);
const finite = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((value) => (Object.is(value, -0) ? 0 : value));
const dnsLabel = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,6}[a-z0-9])?$/);
const labelKey = fc
  .tuple(
    fc.option(fc.array(dnsLabel, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?$/),
  )
  .map(([prefix, name]) => (prefix ? `${prefix.join('.')}/${name}` : name));
const idName = nonEmptyText.filter((name) => !/\s/.test(name));

function propValue(spec: PropSpec): fc.Arbitrary<JsonValue> {
  switch (spec.type) {
    case 'integer':
      return fc.maxSafeInteger();
    case 'number':
      return finite;
    case 'string':
      return text;
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(jsonValue, { maxLength: 3 });
    case 'object':
      return fc.dictionary(propKey, jsonValue, { maxKeys: 3 });
  }
}

function entityOf(spec: KindSpec): fc.Arbitrary<EntityInput> {
  const declared = fc.record(
    Object.fromEntries(Object.entries(spec.props).map(([name, prop]) => [name, propValue(prop)])),
    { requiredKeys: [] },
  );
  return fc
    .record({
      name: idName,
      display: fc.option(text, { nil: undefined }),
      labels: fc.option(fc.dictionary(labelKey, text, { maxKeys: 3 }), { nil: undefined }),
      props: fc.option(fc.tuple(fc.dictionary(propKey, jsonValue, { maxKeys: 2 }), declared), {
        nil: undefined,
      }),
    })
    .map(({ name, display, labels, props }) => {
      const entity: EntityInput = { id: `${spec.kind}:${name}`, kind: spec.kind };
      if (display !== undefined) entity.name = display;
      if (labels) entity.labels = labels;
      if (props) entity.props = withDeclared(props[0], props[1], spec.props);
      return entity;
    });
}

/** Random extra props, minus any that would shadow a declared prop with a value of another type. */
function withDeclared(
  extra: Record<string, JsonValue>,
  declared: Partial<Record<string, JsonValue>>,
  specs: Record<string, PropSpec>,
): Record<string, JsonValue> {
  const props: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(extra)) if (!Object.hasOwn(specs, name)) props[name] = value;
  for (const [name, value] of Object.entries(declared)) if (value !== undefined) props[name] = value;
  return props;
}

/** A value for every typed relation prop, keyed `type.prop`; each relation takes those of its type. */
const typedRelationProps = fc.record(
  Object.fromEntries(
    Object.entries(relationPropSpecs).flatMap(([type, specs]) =>
      Object.entries(specs ?? {}).map(([name, spec]) => [`${type}.${name}`, propValue(spec)]),
    ),
  ),
  { requiredKeys: [] },
);

const kindSpecs = [...builtinKinds.values()];
/** Relation ends the file does not declare: one of every kind. */
const outside = kindSpecs.map((spec) => `${spec.kind}:outside`);

/** Relations the catalog allows, picked by index so that they shrink with their entities. */
function relationsBetween(ends: readonly string[]): fc.Arbitrary<RelationInput[]> {
  const pick = fc.record({
    from: fc.nat(),
    type: fc.nat(),
    to: fc.nat(),
    key: fc.option(nonEmptyText, { nil: undefined }),
    props: fc.option(fc.tuple(fc.dictionary(propKey, jsonValue, { maxKeys: 2 }), typedRelationProps), {
      nil: undefined,
    }),
  });
  return fc.array(pick, { maxLength: 10 }).map((picks) => {
    const relations: RelationInput[] = [];
    const seen = new Set<string>();
    for (const { from: fromIndex, type: typeIndex, to: toIndex, key, props } of picks) {
      if (ends.length === 0) break;
      const from = ends[fromIndex % ends.length] as string;
      const spec = builtinKinds.get(kindOfId(from)) as KindSpec;
      const types = Object.keys(spec.relations) as RelationType[];
      if (types.length === 0) continue;
      const type = types[typeIndex % types.length] as RelationType;
      const allowed = spec.relations[type] ?? [];
      const targets = ends.filter(
        (end) => end !== from && (allowed.includes('*') || allowed.includes(kindOfId(end))),
      );
      if (targets.length === 0) continue;
      const relation: RelationInput = { type, from, to: targets[toIndex % targets.length] as string };
      if (key !== undefined) relation.key = key;
      if (props) {
        const [extra, typed] = props;
        const ofType = Object.fromEntries(
          Object.entries(typed)
            .filter(([name]) => name.startsWith(`${type}.`))
            .map(([name, value]) => [name.slice(type.length + 1), value]),
        );
        relation.props = withDeclared(extra, ofType, relationPropSpecs[type] ?? {});
      }
      if (seen.has(relationId(relation))) continue;
      seen.add(relationId(relation));
      relations.push(relation);
    }
    return relations;
  });
}

function estates(options: { outside: boolean }): fc.Arbitrary<EstateDocument> {
  const entities = fc.uniqueArray(fc.constantFrom(...kindSpecs).chain(entityOf), {
    selector: (entity) => entity.id,
    maxLength: 8,
  });
  return fc
    .record({ entities, source: fc.option(nonEmptyText, { nil: undefined }) })
    .chain(({ entities, source }) => {
      const ends = [...entities.map((entity) => entity.id), ...(options.outside ? outside : [])];
      return relationsBetween(ends).map((relations) => {
        const doc: EstateDocument = { entities, relations };
        if (source !== undefined) doc.source = source;
        return doc;
      });
    });
}

/** Shaped roughly like an estate, with every field liable to be wrong. */
const relationLike = fc.dictionary(
  fc.constantFrom('type', 'from', 'to', 'key', 'props', 'frm'),
  fc.oneof(jsonValue, fc.constantFrom(...relationTypes, 'host:a', 'rack:b', 'pdu:c', 'hots:d', '')),
  { maxKeys: 5 },
);
const entityLike = fc.dictionary(
  fc.constantFrom('id', 'kind', 'name', 'labels', 'props', 'relations', 'idd'),
  fc.oneof(
    jsonValue,
    fc.constantFrom('host:a', 'rack:b', 'host', 'hots', 'pdu:c', 'host:a b'),
    fc.dictionary(fc.oneof(labelKey, text), fc.oneof(text, jsonValue), { maxKeys: 3 }),
    fc.array(relationLike, { maxLength: 3 }),
  ),
  { maxKeys: 6 },
);
const estateLike = fc.record(
  {
    apiVersion: fc.oneof(fc.constant('infratwin/v1'), jsonValue),
    kind: fc.oneof(fc.constant('Estate'), jsonValue),
    metadata: fc.oneof(fc.record({ source: fc.oneof(text, jsonValue) }), jsonValue),
    entities: fc.oneof(fc.array(entityLike, { maxLength: 4 }), jsonValue),
    relations: fc.oneof(fc.array(relationLike, { maxLength: 4 }), jsonValue),
  },
  { requiredKeys: [] },
);

describe('properties', () => {
  it('parseEstateFile reads back what serializeEstate writes, in YAML and JSON', () => {
    fc.assert(
      fc.property(
        estates({ outside: true }),
        fc.constantFrom('yaml' as const, 'json' as const),
        (doc, format) => {
          expect(parseEstateFile(serializeEstate(doc, format), { file: `estate.${format}` })).toEqual(doc);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('what the parser accepts, the twin accepts, once every relation end is there', async () => {
    await fc.assert(
      fc.asyncProperty(estates({ outside: false }), async (doc) => {
        const parsed = parseEstateFile(serializeEstate(doc, 'yaml'), { file: 'estate.yaml' });
        const twin = await Twin.open({ store: new MemoryTwinStore() });
        await twin.apply({ actor: 'test', source: 'estate:test', ops: estateToOperations(parsed) });
        expect(twin.counts.entities).toBe(doc.entities.length);
        expect(twin.counts.relations).toBe(doc.relations.length);
      }),
      { numRuns: 60 },
    );
  });

  it('parseEstateFile throws nothing but an InputError whose every issue has a place', () => {
    const mutated = fc
      .tuple(
        estates({ outside: true }),
        fc.constantFrom('yaml' as const, 'json' as const),
        fc.nat(),
        fc.nat({ max: 20 }),
        fc.string({ maxLength: 8 }),
      )
      .map(([doc, format, at, cut, insert]) => {
        const written = serializeEstate(doc, format);
        const index = at % (written.length + 1);
        return written.slice(0, index) + insert + written.slice(index + cut);
      });
    const input = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      mutated,
      estateLike.chain((value) => fc.constantFrom(JSON.stringify(value), stringify(value))),
    );
    fc.assert(
      fc.property(input, fc.constantFrom('fuzz.yaml', 'fuzz.json', 'fuzz'), (input, file) => {
        let doc: EstateDocument;
        try {
          doc = parseEstateFile(input, { file });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          const { issues } = error as InputError;
          expect(issues.length).toBeGreaterThan(0);
          for (const issue of issues) {
            expect(issue.file).toBe(file);
            expect(issue.line).toBeGreaterThanOrEqual(1);
            expect(issue.column).toBeGreaterThanOrEqual(1);
            expect(issue.message).not.toBe('');
          }
          return;
        }
        // Whatever it accepts, it writes back the same.
        expect(parseEstateFile(serializeEstate(doc, 'yaml'), { file: 'again.yaml' })).toEqual(doc);
      }),
      { numRuns: 500 },
    );
  });
  it('places problems in JSON where the YAML parser places them in the same text', () => {
    fc.assert(
      fc.property(estateLike, fc.constantFrom(0, 2), (value, indent) => {
        const json = JSON.stringify(value, null, indent);
        const { findings } = readEstate(JSON.parse(json), builtinKinds);
        const requests = findings.flatMap((finding) => [
          { path: finding.path, onKey: finding.onKey === true },
          { path: finding.path },
        ]);
        const yamlLines = new LineCounter();
        const yaml = readYaml(json, yamlLines);
        // JSON is YAML 1.2, but for limits such as 1024 characters for an implicit key.
        fc.pre(yaml.ok);
        if (!yaml.ok) return;
        expect(locateInJson(json, requests, countLines(json))).toEqual(
          locateInYaml(yaml.document, requests, yamlLines),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('finds a JSON syntax error exactly when JSON.parse does', () => {
    const jsonChars = fc.constantFrom(...'{}[],:"\\0-.eE+tfnu1 \n\t\u0001a'.split(''));
    const broken = fc
      .tuple(fc.jsonValue(), fc.nat(), fc.nat({ max: 3 }), fc.string({ unit: jsonChars, maxLength: 3 }))
      .map(([value, at, cut, insert]) => {
        const json = JSON.stringify(value);
        const index = at % (json.length + 1);
        return json.slice(0, index) + insert + json.slice(index + cut);
      });
    fc.assert(
      fc.property(fc.oneof(broken, fc.string({ unit: jsonChars, maxLength: 20 })), (candidate) => {
        let valid = true;
        try {
          JSON.parse(candidate);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxError(candidate) === undefined).toBe(valid);
      }),
      { numRuns: 2_000 },
    );
  });
});

// ---------------------------------------------------------------- the example and scale

describe('examples/estate.yaml', () => {
  const text = readFileSync(new URL('../../examples/estate.yaml', import.meta.url), 'utf8');

  it('parses, declares every relation end, and a twin takes it as it is', async () => {
    const doc = parseEstateFile(text, { file: 'examples/estate.yaml' });
    const ids = new Set(doc.entities.map((entity) => entity.id));
    const dangling = doc.relations
      .flatMap((relation) => [relation.from, relation.to])
      .filter((id) => !ids.has(id));
    expect(dangling).toEqual([]);
    const types = new Set(doc.relations.map((relation) => relation.type));
    for (const type of [
      'contains',
      'runs-on',
      'depends-on',
      'connects',
      'powered-by',
      'cooled-by',
      'stored-on',
      'allows',
    ] as const) {
      expect(types, type).toContain(type);
    }
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    const ops = estateToOperations(doc);
    expect(await twin.apply({ actor: 'test', source: 'estate:example', ops })).not.toBeNull();
    // Applying the same file again changes nothing.
    expect(await twin.apply({ actor: 'test', source: 'estate:example', ops })).toBeNull();
  });
});

describe('docs/estate-file.md', () => {
  it('has examples that parse: every YAML or JSON block that is a whole estate file', () => {
    const doc = readFileSync(new URL('../../docs/estate-file.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```(yaml|json)\n([\s\S]*?)```/g)]
      .map((match) => ({ format: match[1] as string, text: match[2] as string }))
      .filter(({ text }) => text.includes('apiVersion'));
    expect(blocks.length).toBeGreaterThan(0);
    for (const { format, text } of blocks) {
      expect(
        () => parseEstateFile(text, { file: `docs-example.${format}` }),
        text.slice(0, 200),
      ).not.toThrow();
    }
  });
});

describe('a 100,000-entity JSON estate', () => {
  const entities: EntityInput[] = [];
  const relations: RelationInput[] = [];
  for (let rack = 0; rack < 2_500; rack++) {
    entities.push({ id: `rack:dc1/r${rack}`, kind: 'rack', labels: { site: 'dc1' }, props: { units: 42 } });
  }
  for (let host = 0; host < 97_500; host++) {
    const rack = `rack:dc1/r${Math.floor(host / 39)}`;
    entities.push({
      id: `host:h${host}`,
      kind: 'host',
      labels: { site: 'dc1', role: 'kubernetes-node' },
      props: { cpuCores: 32, memoryBytes: 274877906944, ipAddresses: [`10.0.${host % 256}.1`] },
    });
    relations.push({ type: 'contains', from: rack, to: `host:h${host}` });
  }
  const json = serializeEstate({ entities, relations }, 'json');

  it('parses in a few seconds, and a problem near its end is placed as fast', () => {
    let started = performance.now();
    expect(parseEstateFile(json, { file: 'big.json' }).entities).toHaveLength(100_000);
    expect(performance.now() - started).toBeLessThan(10_000);
    const bad = json.replace(/("id": "host:h97499",\s+"kind": )"host"/, '$1"hots"');
    started = performance.now();
    const issue = onlyIssue(bad, 'big.json');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(issue.field).toBe('entities[99999].kind');
    expect(bad.split('\n')[(issue.line as number) - 1]).toContain('"kind": "hots"');
  });
});
