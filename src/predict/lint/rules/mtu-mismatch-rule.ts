import type { LintFinding } from '../lint-finding.js';
import type { LintRule } from '../lint-rule.js';
import { type LinkEnd, linkEntities, type NetworkLink, networkLinks, portSetting } from '../network-links.js';

const rule = 'mtu-mismatch';

/**
 * Two ends of one link with different MTUs: frames larger than the smaller MTU are dropped
 * silently (or, on routed links, OSPF adjacencies stall in ExStart). Reads `mtu` (bytes).
 */
export const mtuMismatchRule: LintRule = {
  name: rule,
  description: 'the two ends of a link disagree on mtu',
  check(view) {
    const findings: LintFinding[] = [];
    for (const link of networkLinks(view)) {
      const finding = checkLink(link);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

function checkLink(link: NetworkLink): LintFinding | undefined {
  const [a, b] = link.ends;
  const mtuA = mtuOf(a);
  const mtuB = mtuOf(b);
  if (!mtuA || !mtuB || mtuA.mtu === mtuB.mtu) return undefined;
  const [low, high] = mtuA.mtu < mtuB.mtu ? [mtuA, mtuB] : [mtuB, mtuA];
  return {
    rule,
    severity: 'error',
    message: `${link.id}: MTU ${mtuA.mtu} on ${a.entity.id} but ${mtuB.mtu} on ${b.entity.id}; frames above ${low.mtu} bytes are dropped`,
    entities: linkEntities(link),
    evidence: {
      link: link.id,
      ends: [mtuA, mtuB].map((end) => ({ entity: end.entity, mtu: end.mtu, source: end.source })),
    },
    fix: `set mtu ${high.mtu} on ${low.entity} (in ${low.source}) to match ${high.entity}, or lower ${high.entity} to ${low.mtu} if jumbo frames are not meant to cross this link`,
  };
}

function mtuOf(end: LinkEnd): { entity: string; mtu: number; source: string } | undefined {
  const setting = portSetting(end, 'mtu');
  if (setting === undefined || typeof setting.value !== 'number') return undefined;
  return { entity: end.entity.id, mtu: setting.value, source: setting.source };
}
