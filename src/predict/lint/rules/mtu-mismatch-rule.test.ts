import { describe, expect, it } from 'vitest';
import type { EntityInput, RelationInput } from '../../../model/index.js';
import { defaultLintSettings } from '../lint-settings.js';
import { testView } from '../test-twin.fixture.js';
import { mtuMismatchRule } from './mtu-mismatch-rule.js';

const check = async (entities: EntityInput[], relations: RelationInput[]) =>
  mtuMismatchRule.check(await testView(entities, relations), defaultLintSettings(0));

const switches: EntityInput[] = [
  { id: 'switch:a', kind: 'switch' },
  { id: 'switch:b', kind: 'switch' },
  { id: 'link:a--b', kind: 'link' },
];

describe('mtu-mismatch', () => {
  it('compares the MTUs written on the two halves of a link entity', async () => {
    const findings = await check(switches, [
      { type: 'connects', from: 'switch:a', to: 'link:a--b', props: { mtu: 9000 } },
      { type: 'connects', from: 'link:a--b', to: 'switch:b', props: { mtu: 1500 } },
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      entities: ['switch:a', 'switch:b', 'link:a--b'],
      evidence: { link: 'link:a--b' },
    });
    expect(findings[0]?.fix).toContain('set mtu 9000 on switch:b (in relation connects:link:a--b->switch:b)');
  });

  it('reads interfaces’ own MTUs, and a direct interface-to-interface connection', async () => {
    const findings = await check(
      [
        { id: 'interface:a/eth0', kind: 'interface', props: { mtu: 9000 } },
        { id: 'interface:b/eth0', kind: 'interface', props: { mtu: 9000 } },
        { id: 'interface:c/eth0', kind: 'interface', props: { mtu: 1500 } },
        { id: 'link:a--b', kind: 'link' },
      ],
      [
        { type: 'connects', from: 'interface:a/eth0', to: 'link:a--b' },
        { type: 'connects', from: 'link:a--b', to: 'interface:b/eth0' },
        { type: 'connects', from: 'interface:c/eth0', to: 'interface:b/eth0' },
      ],
    );
    expect(findings.map((finding) => finding.evidence.link)).toEqual([
      'connects:interface:c/eth0->interface:b/eth0',
    ]);
  });

  it('says nothing when one end is unknown or the link is not point-to-point', async () => {
    const findings = await check(
      [...switches, { id: 'switch:c', kind: 'switch', props: { mtu: 1500 } }],
      [
        { type: 'connects', from: 'switch:a', to: 'link:a--b', props: { mtu: 9000 } },
        { type: 'connects', from: 'link:a--b', to: 'switch:b' },
        { type: 'connects', from: 'link:a--b', to: 'switch:c', props: { mtu: 1500 } },
      ],
    );
    expect(findings).toEqual([]);
  });

  it('falls back to a device-wide mtu on the device itself', async () => {
    const findings = await check(
      [
        { id: 'host:h', kind: 'host', props: { mtu: 9000 } },
        { id: 'switch:tor', kind: 'switch', props: { mtu: 9216 } },
      ],
      [{ type: 'connects', from: 'host:h', to: 'switch:tor' }],
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('MTU 9000 on host:h but 9216 on switch:tor');
  });
});
