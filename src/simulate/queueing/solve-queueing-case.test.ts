import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { solveQueueingCase, solveQueueingCases } from './solve-queueing-case.js';

interface FixtureCase {
  kind: string;
  input: Record<string, unknown>;
  expected: Record<string, number | number[]>;
}

// A copy of the shared queueing fixture (../shared/fixtures/queueing.json, 9 cases with exact
// expected values), kept in the project so the tests stand alone.
const fixture = JSON.parse(
  readFileSync(new URL('./queueing-cases.fixture.json', import.meta.url), 'utf8'),
) as {
  cases: FixtureCase[];
};

function issuesOf(run: () => unknown): Array<{ field?: string; message: string }> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues;
  }
  throw new Error('expected an InputError');
}

describe('solveQueueingCase', () => {
  it('holds the 9 cases of the shared fixture', () => {
    expect(fixture.cases.map((c) => c.kind)).toEqual([
      'mmc',
      'open',
      'closed',
      'mmc',
      'open',
      'closed',
      'mmc',
      'open',
      'closed',
    ]);
  });

  it.each(fixture.cases.map((c, index) => [index, c.kind, c] as const))(
    'reproduces every field of shared fixture queueing.json case %i (%s) to 0.1 %%',
    (_index, _kind, fixtureCase) => {
      const result = solveQueueingCase({
        kind: fixtureCase.kind,
        input: fixtureCase.input,
      }) as unknown as Record<string, number | number[]>;
      expect(Object.keys(result).sort()).toEqual(Object.keys(fixtureCase.expected).sort());
      for (const [field, expected] of Object.entries(fixtureCase.expected)) {
        const actual = result[field];
        const pairs = Array.isArray(expected)
          ? expected.map((value, i) => [value, (actual as number[])[i] as number])
          : [[expected, actual as number]];
        for (const [want, got] of pairs)
          expect(Math.abs((got as number) - (want as number)), field).toBeLessThanOrEqual(
            1e-3 * Math.abs(want as number),
          );
      }
    },
  );

  it('names bad fields as the case spells them', () => {
    expect(
      issuesOf(() =>
        solveQueueingCase({ kind: 'mmc', input: { arrival_rate: 1, service_rate: 2, servers: 0 } }),
      ),
    ).toEqual([{ field: 'input.servers', message: 'must be a positive integer' }]);
    expect(
      issuesOf(() =>
        solveQueueingCase({
          kind: 'open',
          input: { external_arrival_rate: [1], routing: [[1.5]], service_rate: [-1], servers: [1] },
        }),
      ).map((issue) => issue.field),
    ).toEqual(['input.service_rate[0]', 'input.routing[0][0]']);
    expect(
      issuesOf(() =>
        solveQueueingCase({
          kind: 'closed',
          input: { service_demand: [1, -2], population: 3, think_time: -1 },
        }),
      ).map((issue) => issue.field),
    ).toEqual(['input.think_time', 'input.service_demand[1]']);
  });

  it('refuses an unknown kind, a missing input and a misspelt field', () => {
    expect(issuesOf(() => solveQueueingCase({ kind: 'mm1', input: {} }))[0]?.field).toBe('kind');
    expect(issuesOf(() => solveQueueingCase({ kind: 'mmc' }))[0]?.field).toBe('input');
    expect(
      issuesOf(() =>
        solveQueueingCase({ kind: 'mmc', input: { arival_rate: 1, service_rate: 1, servers: 1 } }),
      ),
    ).toContainEqual({
      field: 'input.arival_rate',
      message: 'unknown field (expected arrival_rate, service_rate, servers)',
    });
  });

  it('says the traffic equations have no finite solution for a loop with no exit (Bolch Ex. 7.4 with P₃₁ = 1)', () => {
    const closedLoop = {
      kind: 'open',
      input: {
        external_arrival_rate: [0, 0, 0, 4],
        routing: [
          [0, 0.5, 0.5, 0],
          [1, 0, 0, 0],
          [1, 0, 0, 0],
          [1, 0, 0, 0],
        ],
        service_rate: [25, 33.3, 16.7, 20],
        servers: [1, 1, 1, 1],
      },
    };
    expect(() => solveQueueingCase(closedLoop)).toThrow(/traffic equations have no finite solution/);
    expect(issuesOf(() => solveQueueingCase(closedLoop))[0]?.field).toBe('input.routing[0]');
  });

  it('accepts multi-server and delay stations in a closed case', () => {
    const result = solveQueueingCase({
      kind: 'closed',
      input: {
        service_demand: [0.5, 0.3, 0.4, 1],
        servers: [2, 1, 1, 'delay'],
        population: 3,
        think_time: 0,
      },
    });
    expect(Object.keys(result)).toEqual(['throughput', 'response_time', 'utilization', 'queue_length']);
    expect((result as { throughput: number }).throughput).toBeCloseTo(1.2175, 3);
  });
});

describe('solveQueueingCases', () => {
  it('solves a cases file in order and prefixes the issues of a bad case', () => {
    const results = solveQueueingCases(fixture);
    expect(results).toHaveLength(9);
    const bad = {
      cases: [
        fixture.cases[0],
        { kind: 'mmc', input: { arrival_rate: 'fast', service_rate: 1, servers: 1 } },
      ],
    };
    expect(issuesOf(() => solveQueueingCases(bad))).toEqual([
      { field: 'cases[1].input.arrival_rate', message: 'must be a finite number ≥ 0' },
    ]);
  });
});
