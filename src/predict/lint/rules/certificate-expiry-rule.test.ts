import { describe, expect, it } from 'vitest';
import type { EntityInput } from '../../../model/index.js';
import { defaultLintSettings, type LintSettings } from '../lint-settings.js';
import { testView } from '../test-twin.fixture.js';
import { certificateExpiryRule } from './certificate-expiry-rule.js';

const now = Date.parse('2026-06-01T00:00:00Z');
const inDays = (days: number) => new Date(now + days * 86_400_000).toISOString();

async function check(entities: EntityInput[], settings: Partial<LintSettings> = {}) {
  return certificateExpiryRule.check(await testView(entities), { ...defaultLintSettings(now), ...settings });
}

describe('certificate-expiry', () => {
  const lb: EntityInput = {
    id: 'load-balancer:lb1',
    kind: 'load-balancer',
    props: {
      certificates: [
        { name: 'shop.example.com', notAfter: inDays(-3) },
        { subject: 'api.example.com', notAfter: inDays(10) },
        { name: 'admin.example.com', notAfter: inDays(60) },
        { name: 'next.example.com', notAfter: inDays(300), notBefore: inDays(2) },
      ],
    },
  };

  it('flags expired as an error and expiring as a warning, and leaves the rest', async () => {
    const findings = await check([lb]);
    expect(
      findings.map((finding) => [finding.severity, finding.evidence.name, finding.evidence.daysLeft]),
    ).toEqual([
      ['error', 'shop.example.com', -3],
      ['warning', 'api.example.com', 10],
      ['warning', 'next.example.com', 300],
    ]);
    expect(findings[0]?.message).toContain('expired 3 d ago');
    expect(findings[0]?.fix).toContain("renew 'shop.example.com' on load-balancer:lb1");
    expect(findings[2]?.message).toContain('not valid until');
  });

  it('widens the warning window from the settings', async () => {
    const findings = await check([lb], { certificateWarningDays: 90 });
    expect(findings.map((finding) => finding.evidence.name)).toContain('admin.example.com');
  });

  it('reads certificateNotAfter and notAfter, epoch ms included, and reports unreadable dates', async () => {
    const findings = await check([
      { id: 'host:web-01', kind: 'host', props: { certificateNotAfter: now - 1 } },
      { id: 'service:api', kind: 'service', props: { notAfter: 'next tuesday' } },
      { id: 'service:ok', kind: 'service', props: { certificateNotAfter: inDays(400) } },
    ]);
    expect(findings.map((finding) => [finding.entities[0], finding.severity, finding.evidence.prop])).toEqual(
      [
        ['host:web-01', 'error', 'certificateNotAfter'],
        ['service:api', 'warning', 'notAfter'],
      ],
    );
  });
});
