import { describe, expect, it } from 'vitest';
import type { EntityInput, RelationInput } from '../../../model/index.js';
import { defaultLintSettings } from '../lint-settings.js';
import { testView } from '../test-twin.fixture.js';
import { compareVersions } from '../version-order.js';
import { versionDriftRule } from './version-drift-rule.js';

async function check(entities: EntityInput[], relations: RelationInput[] = []) {
  return versionDriftRule.check(await testView(entities, relations), defaultLintSettings(0));
}

const replicas = (service: string, oses: string[]) => ({
  entities: [
    { id: service, kind: 'service' } as EntityInput,
    ...oses.map(
      (os, index): EntityInput => ({ id: `vm:${service.slice(8)}-${index + 1}`, kind: 'vm', props: { os } }),
    ),
  ],
  relations: oses.map(
    (_, index): RelationInput => ({
      type: 'runs-on',
      from: service,
      to: `vm:${service.slice(8)}-${index + 1}`,
    }),
  ),
});

describe('version-drift', () => {
  it('brings the replicas of a service to the newest of one product line', async () => {
    const web = replicas('service:web', ['Ubuntu 22.04 LTS', 'Ubuntu 22.04 LTS', 'Ubuntu 24.04 LTS']);
    const findings = await check(web.entities, web.relations);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'warning',
      entities: ['service:web', 'vm:web-1', 'vm:web-2'],
      evidence: { prop: 'os', target: 'Ubuntu 24.04 LTS', chosenBecause: 'the newest' },
    });
  });

  it('picks the most common value across product lines, and says nothing when replicas agree', async () => {
    const db = replicas('service:db', ['RHEL 9.4', 'Debian 12', 'RHEL 9.4']);
    const same = replicas('service:same', ['Debian 12', 'Debian 12']);
    const findings = await check([...db.entities, ...same.entities], [...db.relations, ...same.relations]);
    expect(findings.map((finding) => [finding.entities, finding.evidence.target])).toEqual([
      [['service:db', 'vm:db-2'], 'RHEL 9.4'],
    ]);
  });

  it('compares a role’s firmware only within one hardware model, as info', async () => {
    const host = (name: string, model: string, firmwareVersion: string): EntityInput => ({
      id: `host:${name}`,
      kind: 'host',
      labels: { role: 'hypervisor' },
      props: { model, firmwareVersion },
    });
    const findings = await check([
      host('a', 'R650', '2.1.0'),
      host('b', 'R650', '2.10.0'),
      host('c', 'DL380', '1.0.0'),
      { id: 'switch:tor-a', kind: 'switch', props: { role: 'tor', version: '4.30.1F' } },
      { id: 'switch:tor-b', kind: 'switch', props: { role: 'tor', version: '4.28.0F' } },
    ]);
    expect(
      findings.map((finding) => [
        finding.severity,
        finding.evidence.group,
        finding.entities,
        finding.evidence.target,
      ]),
    ).toEqual([
      ['info', 'host role=hypervisor, model R650', ['host:a'], '2.10.0'],
      ['info', 'switch role=tor', ['switch:tor-b'], '4.30.1F'],
    ]);
  });

  it('orders versions by their numbers', () => {
    expect(compareVersions('1.10.0', '1.9.2')).toBe(1);
    expect(compareVersions('nginx:1.27', 'nginx:1.27')).toBe(0);
    expect(compareVersions('1.2', '1.2.1')).toBe(-1);
  });
});
