import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../model/index.js';
import { defaultLintSettings } from '../lint-settings.js';
import { testView } from '../test-twin.fixture.js';
import { vlanMismatchRule } from './vlan-mismatch-rule.js';

/** Two interfaces joined by a link entity, each with its own props. */
async function check(a: Record<string, JsonValue>, b: Record<string, JsonValue>) {
  const view = await testView(
    [
      { id: 'interface:a/eth1', kind: 'interface', props: a },
      { id: 'interface:b/eth1', kind: 'interface', props: b },
      { id: 'link:a--b', kind: 'link' },
    ],
    [
      { type: 'connects', from: 'interface:a/eth1', to: 'link:a--b' },
      { type: 'connects', from: 'link:a--b', to: 'interface:b/eth1' },
    ],
  );
  return vlanMismatchRule.check(view, defaultLintSettings(0));
}

describe('vlan-mismatch', () => {
  it('finds a different untagged VLAN on the two ends', async () => {
    const findings = await check({ vlan: 10 }, { vlan: 20 });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', evidence: { prop: 'vlan' } });
    expect(findings[0]?.message).toContain('untagged VLAN 10 on interface:a/eth1 but 20 on interface:b/eth1');
  });

  it('names the tagged VLANs only one side carries', async () => {
    const findings = await check(
      { taggedVlans: '100-110' },
      { taggedVlans: [100, 101, 102, 103, '104-105', '107-112'] },
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', evidence: { onlyA: [106], onlyB: [111, 112] } });
    expect(findings[0]?.fix).toContain('add 106 to taggedVlans on interface:b/eth1');
    expect(findings[0]?.fix).toContain('add 111-112 to taggedVlans on interface:a/eth1');
  });

  it('accepts the same VLANs written differently, and a side that says nothing', async () => {
    expect(
      await check({ vlan: 10, taggedVlans: '100-102' }, { vlan: 10, taggedVlans: [102, 101, 100] }),
    ).toEqual([]);
    expect(await check({ vlan: 10 }, {})).toEqual([]);
  });

  it('reports a VLAN id out of range instead of comparing it', async () => {
    const findings = await check({ vlan: 5000 }, { vlan: 10 });
    expect(findings.map((finding) => [finding.severity, finding.entities])).toEqual([
      ['warning', ['interface:a/eth1']],
    ]);
  });
});
