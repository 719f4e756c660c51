import { entityName } from '../risk-prediction.js';
import type { RiskRule } from '../risk-rule.js';
import { thresholdTrendRule } from '../threshold-trend-rule.js';

const hourMs = 3_600_000;

/** The fullest filesystem of a machine or a volume reaches `diskFullRatio`. */
export function diskFullRule(): RiskRule {
  const rule = thresholdTrendRule({
    kind: 'disk-full',
    metric: 'disk_used_ratio',
    entityKinds: ['volume', 'host', 'vm', 'container', 'database', 'storage-array', 'cloud-instance'],
    direction: 'above',
    threshold: (ctx) => ctx.settings.diskFullRatio,
    horizonMs: (ctx) => ctx.settings.capacityHorizonMs,
    spanMs: 3 * hourMs,
    minSpanMs: 20 * 60_000,
    minSignificance: 6,
    minChange: 0.005,
    sustained: true,
    reportBreach: true,
    describe: (context, entityId, threshold) =>
      `disk of ${entityName(context, entityId)} ${Math.round(threshold * 100)} % full`,
    fix: 'Find what is writing (du, the application logs), rotate or delete, or grow the volume before it fills.',
  });
  return rule;
}

/** Memory in use climbing steadily to exhaustion: a leak, not load. */
export function memoryLeakRule(): RiskRule {
  return thresholdTrendRule({
    kind: 'memory-leak',
    metric: 'memory_utilization',
    entityKinds: ['host', 'vm', 'container', 'cloud-instance'],
    direction: 'above',
    threshold: (ctx) => ctx.settings.memoryExhaustedRatio,
    horizonMs: (ctx) => ctx.settings.capacityHorizonMs,
    spanMs: 2 * hourMs,
    minSpanMs: 30 * 60_000,
    minSignificance: 8,
    minChange: 0.01,
    sustained: true,
    unlessRising: 'cpu_utilization',
    reportBreach: false,
    describe: (context, entityId, threshold) =>
      `memory of ${entityName(context, entityId)} exhausted (${Math.round(threshold * 100)} %)`,
    fix: 'Restart the leaking process in a maintenance window and capture a heap profile to find the leak.',
  });
}

/** A link's busier direction reaching its saturation level. */
export function linkSaturationRule(): RiskRule {
  return thresholdTrendRule({
    kind: 'link-saturation',
    metric: 'utilization_ratio',
    entityKinds: ['link', 'interface'],
    direction: 'above',
    threshold: (ctx) => ctx.settings.linkSaturatedRatio,
    horizonMs: (ctx) => ctx.settings.linkHorizonMs,
    spanMs: 30 * 60_000,
    minSpanMs: 5 * 60_000,
    minSignificance: 5,
    minChange: 0.05,
    reportBreach: true,
    describe: (context, entityId, threshold) =>
      `link ${entityName(context, entityId)} saturated (${Math.round(threshold * 100)} %)`,
    fix: 'Move or rate-limit the elephant flow (backups, replication), add capacity, or spread traffic over ECMP paths.',
  });
}
