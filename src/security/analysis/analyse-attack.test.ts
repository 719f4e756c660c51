import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryTwinStore, Twin } from '../../model/index.js';
import { evaluateDefenses } from '../defense/evaluate-defenses.js';
import { analyseAttack } from './analyse-attack.js';
import type { AttackAnalysis } from './attack-analysis.js';
import { smallEstateOperations } from './small-estate.fixture.js';

async function smallEstate(): Promise<Twin> {
  const twin = await Twin.open({ store: new MemoryTwinStore() });
  await twin.apply({ actor: 'test', reason: 'small estate', ops: smallEstateOperations });
  return twin;
}

describe('analyseAttack on a twin', () => {
  let twin: Twin;
  let analysis: AttackAnalysis;
  beforeAll(async () => {
    twin = await smallEstate();
    analysis = await analyseAttack(twin.view(), { trials: 20_000, seed: 3, hardening: 'exact' });
  });

  it('finds the one way in to the crown jewel, step by step, in an order an attacker can follow', () => {
    const [jewel] = analysis.jewels;
    expect(jewel?.id).toBe('host:db-1');
    expect(jewel?.reachable).toBe(true);
    const steps = jewel?.mostLikely?.steps ?? [];
    expect(steps.map((step) => [step.rule, step.gains])).toEqual([
      [4, 'execCode(host:web-1,user)'],
      [8, 'hasCredential(credential:deploy-key)'],
      [10, 'execCode(host:app-1,user)'],
      [5, 'execCode(host:app-1,root)'],
      [8, 'hasCredential(credential:orders-admin)'],
      [10, 'execCode(host:db-1,root)'],
    ]);
    expect(steps[0]?.evidence.map((e) => e.relation)).toContain(
      'has-vulnerability:service:shop->vulnerability:CVE-2021-44228#log4j-core',
    );
    expect(jewel?.shortest?.length).toBe(6);
    expect(jewel?.paths).toHaveLength(1);
    // The network leg is evidence too: straight from the internet (T1190), then the DMZ's one rule inward.
    expect(steps[0]?.technique).toBe('T1190');
    expect(steps[0]?.evidence.map((e) => e.fact)).toContain('attackerLocated(network-segment:internet)');
    expect(steps[2]?.evidence.map((e) => e.relation)).toContain(
      'allows:network-segment:dmz->network-segment:internal',
    );
  });

  it('gives the path the product of its steps’ odds, and Monte Carlo agrees within its interval', () => {
    const jewel = analysis.jewels[0];
    const path = jewel?.mostLikely;
    const product = (path?.steps ?? []).reduce((p, step) => p * step.probability, 1);
    expect(path?.probability).toBeCloseTo(product, 12);
    expect(path?.steps[0]?.probability).toBe(0.95); // Log4Shell is in CISA's KEV catalogue
    expect(jewel?.odds?.low).toBeLessThanOrEqual(product);
    expect(jewel?.odds?.high).toBeGreaterThanOrEqual(product);
  });

  it('reports the PDU card the attacker can take over, with what losing the PDU takes down', () => {
    const pdu = analysis.managementPlane.find((effect) => effect.id === 'pdu:pdu-a');
    expect(pdu?.effect).toMatch(/outlets/);
    expect(pdu?.blastRadius.examples).toContain('host:db-1');
    expect(pdu?.path?.steps.at(-1)?.gains).toBe('execCode(pdu:pdu-a,user)');
  });

  it('finds a minimal hardening set of one fix that cuts the path', () => {
    expect(analysis.hardening?.cost).toBe(1);
    expect(analysis.hardening?.optimal).toBe(true);
    const cutters = analysis.jewels[0]?.mostLikely?.cutBy ?? [];
    expect(cutters).toContain(analysis.hardening?.fixes[0]?.id);
    expect(cutters).toEqual(
      expect.arrayContaining([
        'patch:has-vulnerability:service:shop->vulnerability:CVE-2021-44228#log4j-core',
        'unexpose:service:shop',
        'rotate:credential:deploy-key',
        'rotate:credential:orders-admin',
      ]),
    );
  });

  it('evaluates a defense on a fork and leaves the live twin as it was', async () => {
    const evaluation = await evaluateDefenses(
      twin,
      [{ patch: { vulnerability: 'vulnerability:CVE-2021-4034' } }],
      {
        actor: 'test',
        trials: 2_000,
        hardening: 'none',
      },
    );
    expect(evaluation.comparison.jewels[0]).toMatchObject({
      reachableBefore: true,
      reachableAfter: false,
      pathsAfter: 0,
    });
    expect(evaluation.comparison.secured).toEqual(['host:db-1']);
    expect(twin.view().incoming('vulnerability:CVE-2021-4034', 'has-vulnerability')).toHaveLength(1);
    expect(
      twin.view({ fork: evaluation.fork }).incoming('vulnerability:CVE-2021-4034', 'has-vulnerability'),
    ).toHaveLength(0);
  });

  it('opens a way with a new rule: the internet straight to the database port', async () => {
    const evaluation = await evaluateDefenses(
      twin,
      [
        {
          addRule: {
            from: 'network-segment:internet',
            to: 'network-segment:internal',
            ports: '5432',
            protocol: 'tcp',
          },
        },
      ],
      { actor: 'test', trials: 0, hardening: 'none' },
    );
    // Still needs the admin password from app-1: the way in stays, the shortest path does not change.
    expect(evaluation.comparison.jewels[0]?.reachableAfter).toBe(true);
    expect(evaluation.after.jewels[0]?.shortest?.length).toBe(6);
  });
});

describe('ranking several paths', () => {
  it('lists the likely long path first by likelihood, and the unlikely short one first by length', async () => {
    const twin = await smallEstate();
    await twin.apply({
      actor: 'test',
      reason: 'a second, unlikely way in',
      ops: [
        {
          op: 'upsert-entity',
          entity: {
            id: 'vulnerability:CVE-2026-0001',
            kind: 'vulnerability',
            props: { cvssV3Vector: 'CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:H/A:H', epss: 0.02 },
          },
        },
        {
          op: 'upsert-relation',
          relation: { type: 'has-vulnerability', from: 'database:orders', to: 'vulnerability:CVE-2026-0001' },
        },
        {
          op: 'upsert-relation',
          relation: {
            type: 'allows',
            from: 'network-segment:dmz',
            to: 'database:orders',
            props: { protocol: 'tcp' },
          },
        },
      ],
    });
    const byLikelihood = await analyseAttack(twin.view(), { trials: 0, hardening: 'none' });
    const byLength = await analyseAttack(twin.view(), { trials: 0, hardening: 'none', rankBy: 'length' });
    const jewel = byLikelihood.jewels[0];
    // The third way: the deploy key into app-1, then the flaw from inside (the internal segment is flat).
    expect(jewel?.paths.map((path) => path.length)).toEqual([6, 2, 4]);
    expect(byLength.jewels[0]?.paths.map((path) => path.length)).toEqual([2, 4, 6]);
    expect(jewel?.shortest?.length).toBe(2);
    expect(jewel?.mostLikely?.length).toBe(6);
    expect(jewel?.paths[0]?.probability).toBeGreaterThan(jewel?.paths[1]?.probability ?? 1);
  });

  it('says which listed paths a defense cuts', async () => {
    const twin = await smallEstate();
    const evaluation = await evaluateDefenses(twin, [{ rotateCredential: 'credential:deploy-key' }], {
      actor: 'test',
      trials: 0,
      hardening: 'none',
    });
    expect(evaluation.comparison.jewels[0]?.pathsCut).toEqual([
      'execCode(host:web-1,user) → hasCredential(credential:deploy-key) → execCode(host:app-1,user) → ' +
        'execCode(host:app-1,root) → hasCredential(credential:orders-admin) → execCode(host:db-1,root)',
    ]);
    expect(evaluation.comparison.jewels[0]?.pathsOpened).toEqual([]);
  });
});
