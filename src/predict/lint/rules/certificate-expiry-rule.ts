import type { Entity } from '../../../model/index.js';
import { type CertificateRecord, certificatesOf } from '../certificate-props.js';
import type { LintFinding } from '../lint-finding.js';
import type { LintRule } from '../lint-rule.js';
import type { LintSettings } from '../lint-settings.js';

const rule = 'certificate-expiry';
const dayMs = 86_400_000;

/**
 * Certificates past their notAfter (clients refuse them: an outage), expiring within
 * `certificateWarningDays`, not valid yet, or with dates that cannot be read.
 */
export const certificateExpiryRule: LintRule = {
  name: rule,
  description: 'certificates expired, expiring soon, not yet valid or with unreadable dates',
  check(view, settings) {
    const findings: LintFinding[] = [];
    for (const entity of view.entities()) {
      for (const certificate of certificatesOf(entity)) {
        const found = judge(entity, certificate, settings);
        if (found) findings.push(found);
      }
    }
    return findings;
  },
};

function judge(
  entity: Entity,
  certificate: CertificateRecord,
  settings: LintSettings,
): LintFinding | undefined {
  const { now } = settings;
  const where = `'${certificate.name}' on ${entity.id}`;
  const evidence = {
    entity: entity.id,
    prop: certificate.prop,
    name: certificate.name,
    notAfter: iso(certificate.notAfterMs),
    now: iso(now),
  };
  if (Number.isNaN(certificate.notAfterMs)) {
    return {
      rule,
      severity: 'warning',
      message: `certificate ${where}: ${certificate.prop} has no readable notAfter (${JSON.stringify(certificate.written)})`,
      entities: [entity.id],
      evidence: { ...evidence, written: certificate.written },
      fix: `write notAfter of ${where} as an ISO-8601 time (2027-03-01T00:00:00Z) or epoch milliseconds`,
    };
  }
  const left = certificate.notAfterMs - now;
  const dated = { ...evidence, daysLeft: Math.floor(left / dayMs) };
  if (left <= 0) {
    return {
      rule,
      severity: 'error',
      message: `certificate ${where} expired ${days(-left)} ago (${iso(certificate.notAfterMs)}); clients refuse it`,
      entities: [entity.id],
      evidence: dated,
      fix: `renew ${where} now, deploy it and update notAfter in the twin`,
    };
  }
  if (left < settings.certificateWarningDays * dayMs) {
    return {
      rule,
      severity: 'warning',
      message: `certificate ${where} expires in ${days(left)} (${iso(certificate.notAfterMs)})`,
      entities: [entity.id],
      evidence: dated,
      fix: `renew ${where} and deploy it before ${iso(certificate.notAfterMs)}, or automate renewal (ACME)`,
    };
  }
  return notYetValid(entity, certificate, where, dated, now);
}

function notYetValid(
  entity: Entity,
  certificate: CertificateRecord,
  where: string,
  evidence: Record<string, string | number>,
  now: number,
): LintFinding | undefined {
  const notBefore = certificate.notBeforeMs;
  if (notBefore === undefined || Number.isNaN(notBefore) || notBefore <= now) return undefined;
  return {
    rule,
    severity: 'warning',
    message: `certificate ${where} is not valid until ${iso(notBefore)}; clients refuse it until then`,
    entities: [entity.id],
    evidence: { ...evidence, notBefore: iso(notBefore) },
    fix: `keep the previous certificate on ${entity.id} until ${iso(notBefore)}, or reissue ${where} with a notBefore in the past (check the clock of the issuer)`,
  };
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : 'unreadable';
}

function days(ms: number): string {
  const value = ms / dayMs;
  if (value >= 1) return `${Math.floor(value)} d`;
  return `${Math.max(1, Math.floor(ms / 3_600_000))} h`;
}
