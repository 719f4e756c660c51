import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinKinds, InputError, type InputIssue, relationTypes } from '../model/index.js';
import { type EstateDocument, estateToOperations, parseEstateFile, serializeEstate } from './estate-file.js';

function issuesOf(text: string, file = 'estate.yaml'): InputIssue[] {
  try {
    parseEstateFile(text, { file });
  } catch (error) {
    if (error instanceof InputError) return error.issues;
    throw error;
  }
  throw new Error('expected the estate to be rejected');
}

describe('parseEstateFile', () => {
  it('reads entities, nested and top-level relations, labels, props and the source', () => {
    const doc = parseEstateFile(
      [
        'apiVersion: infratwin/v1',
        'kind: Estate',
        'metadata: { source: estate:prod }',
        'entities:',
        '  - id: rack:dc1/r1',
        '    kind: rack',
        '    labels: { site: dc1 }',
        '    props: { units: 42 }',
        '    relations:',
        '      - { type: powered-by, to: pdu:dc1/r1-a }',
        '  - { id: pdu:dc1/r1-a, kind: pdu, name: PDU A }',
        'relations:',
        '  - { type: contains, from: rack:dc1/r1, to: pdu:dc1/r1-a, props: { slot: 1 } }',
      ].join('\n'),
      { file: 'prod.yaml' },
    );
    expect(doc).toEqual({
      source: 'estate:prod',
      entities: [
        { id: 'rack:dc1/r1', kind: 'rack', labels: { site: 'dc1' }, props: { units: 42 } },
        { id: 'pdu:dc1/r1-a', kind: 'pdu', name: 'PDU A' },
      ],
      relations: [
        { type: 'powered-by', from: 'rack:dc1/r1', to: 'pdu:dc1/r1-a' },
        { type: 'contains', from: 'rack:dc1/r1', to: 'pdu:dc1/r1-a', props: { slot: 1 } },
      ],
    });
    expect(estateToOperations(doc).map((op) => op.op)).toEqual([
      'upsert-entity',
      'upsert-entity',
      'upsert-relation',
      'upsert-relation',
    ]);
  });

  it('reports every problem with its line and field', () => {
    const issues = issuesOf(
      [
        'apiVersion: infratwin/v1', // 1
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
      ].join('\n'),
    );
    const brief = issues.map((issue) => `${issue.line} ${issue.field}`);
    expect(brief).toEqual([
      '3 entities[0].kind',
      '4 entities[1].id',
      '5 entities[2].labels.tier',
      '5 entities[2].props.units',
      '7 entities[4].id',
      '9 relations[0].type',
      '10 relations[1].type',
      '12 relations[3]',
    ]);
    expect(issues.every((issue) => issue.file === 'estate.yaml' && issue.column !== undefined)).toBe(true);
    expect(issues[0]?.message).toMatch(/unknown kind 'hots' \(did you mean 'host'\?\)/);
    expect(issues[5]?.message).toMatch(/did you mean 'powered-by'/);
    expect(issues[6]?.message).toMatch(
      /host powered-by room is not allowed \(host powered-by → pdu, ups, power-feed\)/,
    );
  });

  it('reports a duplicate id naming both places, and YAML syntax errors with their position', () => {
    const duplicate = issuesOf(
      'apiVersion: infratwin/v1\nentities:\n  - { id: host:a, kind: host }\n  - { id: host:a, kind: host }\n',
    );
    expect(duplicate).toEqual([
      expect.objectContaining({
        line: 4,
        field: 'entities[1].id',
        message: expect.stringMatching(/also entities\[0\]/),
      }),
    ]);
    const syntax = issuesOf('apiVersion: infratwin/v1\nentities:\n  - { id: host:a, kind: host\n');
    expect(syntax[0]?.line).toBeGreaterThanOrEqual(3);
    const json = issuesOf(
      '{"apiVersion":"infratwin/v1",\n"entities":[\n{"id":"host:a","kind":"nope"}]}',
      'e.json',
    );
    expect(json[0]).toMatchObject({ file: 'e.json', line: 3, field: 'entities[0].kind' });
  });

  it('rejects a wrong apiVersion and unknown fields', () => {
    const issues = issuesOf('apiVersion: v2\nentites: []\n');
    expect(issues.map((issue) => issue.field)).toEqual(['apiVersion', 'entites']);
  });

  it('parses the example estate shipped with the project', () => {
    const text = readFileSync(new URL('../../examples/estate.yaml', import.meta.url), 'utf8');
    const doc = parseEstateFile(text, { file: 'examples/estate.yaml' });
    expect(doc.entities.length).toBeGreaterThan(40);
    const types = new Set(doc.relations.map((relation) => relation.type));
    for (const type of [
      'contains',
      'runs-on',
      'depends-on',
      'connects',
      'powered-by',
      'cooled-by',
      'allows',
    ]) {
      expect(types, type).toContain(type);
    }
  });

  const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
  const estate: fc.Arbitrary<EstateDocument> = fc
    .uniqueArray(fc.tuple(fc.constantFrom('host', 'vm', 'rack', 'pdu'), name), {
      selector: ([kind, id]) => `${kind}:${id}`,
      maxLength: 8,
    })
    .chain((pairs) => {
      const entities = pairs.map(([kind, id]) => ({ id: `${kind}:${id}`, kind }));
      const ids = entities.map((entity) => entity.id);
      const relations =
        ids.length < 2
          ? fc.constant([])
          : fc.uniqueArray(
              fc.record({
                type: fc.constantFrom(...relationTypes),
                from: fc.constantFrom(...ids),
                to: fc.constantFrom(...ids),
              }),
              { selector: (relation) => `${relation.type}:${relation.from}->${relation.to}`, maxLength: 6 },
            );
      return relations.map((list) => ({
        entities: entities.map((entity, index) =>
          index % 2 === 0
            ? { ...entity, labels: { team: `t${index}` }, props: { note: `n${index}`, weight: index } }
            : entity,
        ),
        relations: list.filter((relation) => {
          const allowed = builtinKinds.get(relation.from.split(':')[0] ?? '')?.relations[relation.type];
          return relation.from !== relation.to && !!allowed?.includes(relation.to.split(':')[0] ?? '');
        }),
      }));
    });

  it('reads back what it writes, in YAML and JSON (property)', () => {
    fc.assert(
      fc.property(estate, fc.constantFrom('yaml' as const, 'json' as const), (doc, format) => {
        expect(parseEstateFile(serializeEstate(doc, format), { file: `x.${format}` })).toEqual(doc);
      }),
    );
  });

  it('throws nothing but InputError on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseEstateFile(text, { file: 'fuzz.yaml' });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});
