import { describe, expect, it } from 'vitest';
import type { EntityInput, RelationInput } from '../../../model/index.js';
import { defaultLintSettings, type LintSettings } from '../lint-settings.js';
import { testView } from '../test-twin.fixture.js';
import { hostOvercommitRule } from './host-overcommit-rule.js';

const gib = 1024 ** 3;

async function check(
  entities: EntityInput[],
  relations: RelationInput[],
  settings: Partial<LintSettings> = {},
) {
  return hostOvercommitRule.check(await testView(entities, relations), {
    ...defaultLintSettings(0),
    ...settings,
  });
}

const guests = (host: string, specs: Array<[string, number, number]>) => ({
  entities: specs.map(
    ([name, cpuCores, memory]): EntityInput => ({
      id: `vm:${name}`,
      kind: 'vm',
      props: { cpuCores, memoryBytes: memory * gib },
    }),
  ),
  relations: specs.map(([name]): RelationInput => ({ type: 'runs-on', from: `vm:${name}`, to: host })),
});

describe('host-overcommit', () => {
  const vms = guests('host:h1', [
    ['a', 16, 16],
    ['b', 16, 16],
    ['c', 4, 16],
  ]);
  const host: EntityInput = { id: 'host:h1', kind: 'host', props: { cpuCores: 8, memoryBytes: 64 * gib } };

  it('flags 36 vCPU on 8 cores past 4:1 and names the fewest guests to move', async () => {
    const findings = await check([host, ...vms.entities], vms.relations);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'host-overcommit',
      severity: 'warning',
      entities: ['host:h1', 'vm:a', 'vm:b', 'vm:c'],
      evidence: {
        prop: 'cpuCores',
        requested: 36,
        capacity: 8,
        ratio: 4.5,
        allowedRatio: 4,
        suggestedMoves: ['vm:a'],
      },
    });
    expect(findings[0]?.fix).toContain('move vm:a (16 vCPU) to another host');
  });

  it('takes the ratio from the host, then from the settings', async () => {
    const generous = { ...host, props: { ...host.props, cpuAllocationRatio: 5 } };
    expect(await check([generous, ...vms.entities], vms.relations)).toEqual([]);
    expect(await check([host, ...vms.entities], vms.relations, { cpuAllocationRatio: 8 })).toEqual([]);
  });

  it('flags memory past 1:1, counting containers on a VM against the VM', async () => {
    const findings = await check(
      [
        { id: 'host:h2', kind: 'host', props: { cpuCores: 64, memoryBytes: 32 * gib } },
        { id: 'vm:big', kind: 'vm', props: { cpuCores: 4, memoryBytes: 24 * gib } },
        { id: 'vm:small', kind: 'vm', props: { cpuCores: 2, memoryBytes: 12 * gib } },
        { id: 'container:x', kind: 'container', props: { cpuCores: 4, memoryBytes: 30 * gib } },
        { id: 'container:unsized', kind: 'container' },
        { id: 'service:s', kind: 'service' },
      ],
      [
        { type: 'runs-on', from: 'vm:big', to: 'host:h2' },
        { type: 'runs-on', from: 'vm:small', to: 'host:h2' },
        { type: 'runs-on', from: 'container:x', to: 'vm:big' },
        { type: 'runs-on', from: 'container:unsized', to: 'vm:big' },
        { type: 'runs-on', from: 'service:s', to: 'container:x' },
      ],
    );
    expect(
      findings.map((finding) => [finding.entities[0], finding.evidence.prop, finding.evidence.requested]),
    ).toEqual([
      ['host:h2', 'memoryBytes', 36 * gib],
      ['vm:big', 'memoryBytes', 30 * gib],
    ]);
    expect(findings[0]?.evidence.suggestedMoves).toEqual(['vm:big']);
  });

  it('says nothing about a host whose capacity is unknown', async () => {
    const bare: EntityInput = { id: 'host:h1', kind: 'host' };
    expect(await check([bare, ...vms.entities], vms.relations)).toEqual([]);
  });
});
