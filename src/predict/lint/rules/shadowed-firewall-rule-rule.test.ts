import { describe, expect, it } from 'vitest';
import type { EntityInput, JsonValue, RelationInput } from '../../../model/index.js';
import { defaultLintSettings } from '../lint-settings.js';
import { testView } from '../test-twin.fixture.js';
import { shadowedFirewallRuleRule } from './shadowed-firewall-rule-rule.js';

async function checkRules(firewallRules: JsonValue[]) {
  const view = await testView([{ id: 'firewall:fw', kind: 'firewall', props: { firewallRules } }]);
  return shadowedFirewallRuleRule.check(view, defaultLintSettings(0));
}

describe('shadowed-firewall-rule: ordered rule lists', () => {
  it('flags an allow that an earlier, broader deny defeats', async () => {
    const findings = await checkRules([
      { name: 'deny-10', action: 'deny', source: '10.0.0.0/8' },
      { name: 'allow-web', action: 'allow', protocol: 'tcp', ports: 443, source: '10.1.0.0/16' },
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'warning',
      entities: ['firewall:fw'],
      evidence: {
        kind: 'conflicting',
        shadowed: { ref: 'firewallRules[1]', rule: 'allow tcp/443 from 10.1.0.0/16 to any' },
        coveredBy: { ref: 'firewallRules[0]', rule: 'deny any from 10.0.0.0/8 to any' },
      },
    });
    expect(findings[0]?.fix).toContain("move rule 2 'allow-web' above rule 1 'deny-10'");
  });

  it('calls a covered rule with the same action redundant, with the union of a rule’s blocks', async () => {
    const findings = await checkRules([
      { action: 'accept', protocol: ['tcp', 'udp'], source: ['10.0.0.0/9', '10.128.0.0/9'], ports: '1-1024' },
      { action: 'allow', protocol: 6, source: '10.200.0.0/16', ports: '80,443' },
    ]);
    expect(findings.map((finding) => [finding.severity, finding.evidence.kind])).toEqual([
      ['info', 'redundant'],
    ]);
  });

  it('handles IPv6 blocks and never lets IPv4 cover IPv6', async () => {
    expect(
      await checkRules([
        { action: 'deny', source: '2001:db8::/32' },
        { action: 'allow', source: '2001:DB8:1::/48' },
      ]),
    ).toHaveLength(1);
    expect(
      await checkRules([
        { action: 'deny', source: '0.0.0.0/0' },
        { action: 'allow', source: '2001:db8::/32' },
      ]),
    ).toEqual([]);
    expect(await checkRules([{ action: 'deny' }, { action: 'allow', source: '2001:db8::/32' }])).toHaveLength(
      1,
    );
  });

  it('leaves partly covered rules and broader later rules alone', async () => {
    expect(
      await checkRules([
        { action: 'deny', protocol: 'tcp', ports: '80-443' },
        { action: 'allow', protocol: 'tcp', ports: '80-8080' },
        { action: 'allow', protocol: 'tcp', source: '10.0.0.0/8', destination: '192.168.0.0/16' },
        { action: 'deny', source: '10.0.0.0/8', destination: '192.168.0.0/24' },
        { action: 'allow', protocol: 'any', ports: 53 },
      ]),
    ).toEqual([]);
  });

  it('reports a rule it cannot read', async () => {
    const findings = await checkRules([
      { action: 'allow', source: 'ten.0.0.0/8' },
      { action: 'maybe' },
      'deny all',
    ]);
    expect(findings.map((finding) => finding.evidence.ref)).toEqual([
      'firewallRules[0]',
      'firewallRules[1]',
      'firewallRules[2]',
    ]);
    expect(findings[0]?.message).toContain('source "ten.0.0.0/8" is not CIDR blocks');
  });
});

describe('shadowed-firewall-rule: allows relations', () => {
  const entities: EntityInput[] = [
    { id: 'firewall:fw', kind: 'firewall' },
    { id: 'service:web', kind: 'service' },
    { id: 'service:api', kind: 'service' },
  ];
  const allows = (to: string, key: string, props: RelationInput['props']): RelationInput => ({
    type: 'allows',
    from: 'firewall:fw',
    to,
    key,
    ...(props ? { props } : {}),
  });

  it('flags an allows relation inside a broader one to the same target, once for identical pairs', async () => {
    const view = await testView(entities, [
      allows('service:web', 'https', { protocol: 'tcp', port: 443, priority: 200 }),
      allows('service:web', 'all-tcp', { protocol: 'tcp', ports: '1-65535', priority: 100 }),
      allows('service:api', 'a', { protocol: 'tcp', port: 8443 }),
      allows('service:api', 'b', { protocol: 'tcp', port: 8443 }),
      allows('service:api', 'c', { protocol: 'udp', port: 8443, source: '10.0.0.0/8' }),
    ]);
    const findings = shadowedFirewallRuleRule.check(view, defaultLintSettings(0));
    expect(
      findings.map((finding) => [finding.severity, finding.evidence.shadowed, finding.entities]),
    ).toEqual([
      [
        'info',
        expect.objectContaining({ ref: 'allows:firewall:fw->service:web#https' }),
        ['firewall:fw', 'service:web'],
      ],
      [
        'info',
        expect.objectContaining({ ref: 'allows:firewall:fw->service:api#b' }),
        ['firewall:fw', 'service:api'],
      ],
    ]);
  });
});
