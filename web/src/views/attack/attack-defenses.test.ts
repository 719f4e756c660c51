import { describe, expect, it } from 'vitest';
import type { AttackAnalysisResult, DefenseEvaluationResult, JewelReport } from '../../contract';
import {
  comparisonRows,
  defenseOfFixId,
  defenseOptions,
  describeDefense,
  verdictOf,
} from './attack-defenses';

const jewel = {
  id: 'database:orders-db',
  name: 'orders-db',
  kind: 'database',
  assets: ['vm:db-vm'],
  reachable: true,
  odds: { probability: 0.0813, low: 0.076, high: 0.087, meanSteps: 4, byStep: [0, 0.0813] },
  paths: [
    {
      probability: 0.07695,
      length: 2,
      cutBy: [
        'rotate:credential:db-admin',
        'unexpose:service:storefront',
        'patch:has-vulnerability:container:c1->vulnerability:CVE-1',
      ],
      steps: [
        {
          rule: 4,
          ruleName: 'remote exploit',
          gains: 'execCode(container:c1,user)',
          entities: ['container:c1', 'vulnerability:CVE-1'],
          probability: 0.95,
          evidence: [{ fact: 'attackerLocated(network-segment:internet)' }],
        },
        {
          rule: 10,
          ruleName: 'valid account',
          gains: 'execCode(vm:db-vm,root)',
          entities: ['vm:db-vm'],
          probability: 0.9,
          evidence: [
            {
              fact: 'allows(network-segment:servers → network-segment:workloads, *)',
              relation: 'allows:network-segment:servers->network-segment:workloads',
            },
          ],
        },
      ],
    },
  ],
} as JewelReport;

const analysis = {
  jewels: [jewel],
  hardening: {
    method: 'exact',
    optimal: true,
    cost: 1,
    lowerBound: 1,
    fixes: [
      {
        id: 'rotate:credential:db-admin',
        kind: 'rotate-credential',
        target: 'credential:db-admin',
        description: 'rotate db-admin',
        cost: 1,
      },
    ],
    uncuttable: [],
    seconds: 0,
  },
} as unknown as AttackAnalysisResult;

describe('defenses the view offers', () => {
  it('maps fix ids to the defenses the API takes', () => {
    expect(defenseOfFixId('rotate:credential:k')).toEqual({ rotateCredential: 'credential:k' });
    expect(defenseOfFixId('patch:has-vulnerability:host:a->vulnerability:CVE-1')).toEqual({
      patchRelation: 'has-vulnerability:host:a->vulnerability:CVE-1',
    });
    expect(defenseOfFixId('block:allows:a->b')).toEqual({ blockRule: 'allows:a->b' });
    expect(defenseOfFixId('untrust:trusts:host:b->host:a')).toEqual({ removeTrust: 'trusts:host:b->host:a' });
    expect(defenseOfFixId('unexpose:service:shop')).toEqual({ unexpose: 'service:shop' });
    expect(defenseOfFixId('something-else')).toBeUndefined();
  });

  it('offers the hardening set first, then the other cuts, patches, rules and segments, each once', () => {
    const options = defenseOptions(analysis, jewel);
    expect(options.map((option) => [option.group, option.label])).toEqual([
      ['hardening', 'rotate db-admin'],
      ['cuts', 'take service:storefront off the internet'],
      ['cuts', 'patch has-vulnerability:container:c1->vulnerability:CVE-1'],
      ['patch', 'patch vulnerability:CVE-1 everywhere'],
      ['block', 'block allows:network-segment:servers->network-segment:workloads'],
      ['isolate', 'isolate network-segment:internet'],
      ['isolate', 'isolate network-segment:servers'],
      ['isolate', 'isolate network-segment:workloads'],
    ]);
    expect(new Set(options.map((option) => option.key)).size).toBe(options.length);
    expect(defenseOptions({ ...analysis, hardening: undefined }, undefined)).toEqual([]);
  });

  it('describes each kind of defense', () => {
    expect(describeDefense({ patch: { vulnerability: 'vulnerability:CVE-1', on: 'host:a' } })).toBe(
      'patch vulnerability:CVE-1 on host:a',
    );
    expect(describeDefense({ addRule: { from: 'a', to: 'b' } })).toBe('allow a → b');
    expect(describeDefense({ removeTrust: 't' })).toBe('remove trust t');
  });
});

describe('before and after', () => {
  it('judges each jewel', () => {
    expect(verdictOf(true, false, 0.08, 0)).toBe('secured');
    expect(verdictOf(false, true, 0, 0.2)).toBe('exposed');
    expect(verdictOf(true, true, 0.5, 0.2)).toBe('safer');
    expect(verdictOf(true, true, 0.2, 0.5)).toBe('riskier');
    expect(verdictOf(true, true, 0.2, 0.2)).toBe('unchanged');
  });

  it('puts the two analyses side by side, the chosen jewel first', () => {
    const other = { ...jewel, id: 'database:other', name: 'other' };
    const row = (id: string, after: boolean) => ({
      id,
      reachableBefore: true,
      reachableAfter: after,
      probabilityBefore: 0.0813,
      probabilityAfter: after ? 0.0813 : 0,
      pathsBefore: 5,
      pathsAfter: after ? 5 : 0,
      shortestBefore: 4,
      shortestAfter: after ? 4 : null,
      pathsCut: after ? [] : ['a → b'],
      pathsOpened: [],
    });
    const evaluation = {
      fork: 'fork-1',
      base: 'live',
      defenses: [],
      before: { ...analysis, jewels: [other, jewel] },
      after: { ...analysis, jewels: [other, { ...jewel, reachable: false, odds: undefined, paths: [] }] },
      comparison: { jewels: [row('database:other', true), row('database:orders-db', false)] },
    } as unknown as DefenseEvaluationResult;
    const rows = comparisonRows(evaluation, 'database:orders-db');
    expect(rows.map((entry) => [entry.id, entry.verdict])).toEqual([
      ['database:orders-db', 'secured'],
      ['database:other', 'unchanged'],
    ]);
    expect(rows[0]).toMatchObject({
      name: 'orders-db',
      reachable: [true, false],
      probability: [0.0813, 0],
      paths: [5, 0],
      shortest: [4, null],
      pathsCut: ['a → b'],
    });
    expect(rows[0]?.odds[0]?.low).toBe(0.076);
    expect(rows[0]?.odds[1]).toBeUndefined();
  });
});
