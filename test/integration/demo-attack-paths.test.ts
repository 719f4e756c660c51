import { describe, expect, it } from 'vitest';
import { MemoryTwinStore, Twin } from '../../src/model/index.js';
import { estateOperations, generateEstate } from '../../src/plant/index.js';
import { analyseAttack } from '../../src/security/index.js';

// The demo estate carries security facts (src/plant/generate-security.ts), so `infratwin demo`
// has attack paths to show: segments over its address plan, real CVEs on a few machines,
// credentials, management cards with default passwords and two crown-jewel databases.
describe('attack paths on the demo estate', () => {
  it('finds paths to its crown jewels, the cards at risk and a cut, the same for the same seed', async () => {
    const estate = generateEstate({ hosts: 400, seed: 42 });
    expect(estate.summary['network-segment']).toBe(4);
    expect(estate.summary.vulnerability).toBe(8);
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    await twin.apply({ actor: 'test', reason: 'demo estate', ops: estateOperations(estate) });
    const analysis = await analyseAttack(twin.view(), { trials: 500, hardening: 'auto' });
    expect(analysis.problems).toEqual([]);
    expect(analysis.summary.jewels).toBe(2);
    expect(analysis.summary.compromisable).toBeGreaterThan(10);
    expect(analysis.jewels.some((jewel) => jewel.reachable && (jewel.mostLikely?.length ?? 0) >= 2)).toBe(
      true,
    );
    expect(analysis.managementPlane.length).toBeGreaterThan(0);
    expect(analysis.hardening?.fixes.length).toBeGreaterThan(0);
    const again = generateEstate({ hosts: 400, seed: 42 });
    expect(again.relations.filter((r) => r.type === 'has-vulnerability')).toEqual(
      estate.relations.filter((r) => r.type === 'has-vulnerability'),
    );
  });
});
