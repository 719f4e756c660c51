import { describe, expect, it } from 'vitest';
import { defaultLintSettings } from '../lint-settings.js';
import { testView } from '../test-twin.fixture.js';
import { duplicateIpRule } from './duplicate-ip-rule.js';

const check = async (...args: Parameters<typeof testView>) =>
  duplicateIpRule.check(await testView(...args), defaultLintSettings(0));

describe('duplicate-ip', () => {
  it('finds one address on a host and a VM, prefix lengths notwithstanding', async () => {
    const findings = await check([
      { id: 'host:a', kind: 'host', props: { ipAddresses: ['10.0.0.5/24', '10.0.0.6'] } },
      { id: 'vm:b', kind: 'vm', props: { ipAddresses: ['10.0.0.5'] } },
      { id: 'vm:c', kind: 'vm', props: { ipAddresses: ['10.0.0.7'] } },
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'duplicate-ip',
      severity: 'error',
      entities: ['host:a', 'vm:b'],
      evidence: { address: '10.0.0.5', vrf: 'default' },
    });
    expect(findings[0]?.fix).toContain('re-address vm:b');
  });

  it('compares IPv6 addresses however they are written, and IPv4-mapped ones as IPv4', async () => {
    const findings = await check([
      { id: 'host:a', kind: 'host', props: { ipAddresses: ['2001:db8::1', '::ffff:10.9.9.9'] } },
      { id: 'host:b', kind: 'host', props: { ipAddresses: ['2001:DB8:0:0:0:0:0:0001/64'] } },
      { id: 'switch:s', kind: 'switch', props: { managementIp: '10.9.9.9' } },
    ]);
    expect(findings.map((finding) => [finding.evidence.address, finding.entities])).toEqual([
      ['2001:db8::1', ['host:a', 'host:b']],
      ['10.9.9.9', ['host:a', 'switch:s']],
    ]);
  });

  it('ignores host-local addresses, other VRFs and a device repeating its own interface', async () => {
    const findings = await check(
      [
        {
          id: 'host:a',
          kind: 'host',
          props: { ipAddresses: ['127.0.0.1', 'fe80::1', '169.254.0.1', '10.0.0.1'] },
        },
        { id: 'host:b', kind: 'host', props: { ipAddresses: ['127.0.0.1', 'fe80::1%eth0', '169.254.0.1'] } },
        { id: 'interface:a/eth0', kind: 'interface', props: { ipAddresses: ['10.0.0.1/24'] } },
        { id: 'vm:red', kind: 'vm', props: { vrf: 'red', ipAddresses: ['10.0.0.1'] } },
        { id: 'vm:blue', kind: 'vm', labels: { vrf: 'blue' }, props: { ipAddresses: ['10.0.0.1'] } },
      ],
      [{ type: 'contains', from: 'host:a', to: 'interface:a/eth0' }],
    );
    expect(findings).toEqual([]);
  });

  it('still finds a clash inside one VRF, an interface inheriting its device’s VRF', async () => {
    const findings = await check(
      [
        { id: 'host:a', kind: 'host', props: { vrf: 'red' } },
        { id: 'interface:a/eth0', kind: 'interface', props: { ipAddresses: ['10.0.0.1'] } },
        { id: 'vm:red', kind: 'vm', props: { vrf: 'red', ipAddresses: ['10.0.0.1'] } },
      ],
      [{ type: 'contains', from: 'host:a', to: 'interface:a/eth0' }],
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.entities).toEqual(['host:a', 'vm:red']);
    expect(findings[0]?.message).toContain('in VRF red');
  });

  it('reports an address it cannot read instead of skipping it silently', async () => {
    const findings = await check([{ id: 'host:a', kind: 'host', props: { ipAddresses: ['10.0.0.300', 7] } }]);
    expect(findings.map((finding) => [finding.severity, finding.evidence.written])).toEqual([
      ['warning', '10.0.0.300'],
      ['warning', '7'],
    ]);
  });
});
