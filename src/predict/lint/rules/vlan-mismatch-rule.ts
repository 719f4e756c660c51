import type { LintFinding } from '../lint-finding.js';
import type { LintRule } from '../lint-rule.js';
import { type LinkEnd, linkEntities, type NetworkLink, networkLinks, portSetting } from '../network-links.js';
import { formatNumberRanges, numbersIn, parseNumberRanges } from '../number-ranges.js';
import { listNames } from '../prop-values.js';

const rule = 'vlan-mismatch';

interface VlanSide {
  entity: string;
  source: string;
  vlans: number[];
}

/**
 * Two ends of one link that disagree on VLANs: a different untagged (access or native) VLAN
 * (`vlan`) joins two broadcast domains; a VLAN tagged on one side only (`taggedVlans`: ids or
 * ranges, `"100-110,200"`) is dropped on that link.
 */
export const vlanMismatchRule: LintRule = {
  name: rule,
  description: 'the two ends of a link disagree on the untagged vlan or the taggedVlans',
  check(view) {
    const findings: LintFinding[] = [];
    for (const link of networkLinks(view)) {
      const untagged = compare(link, 'vlan');
      if (untagged) findings.push(untagged);
      const tagged = compare(link, 'taggedVlans');
      if (tagged) findings.push(tagged);
    }
    return findings;
  },
};

function compare(link: NetworkLink, prop: 'vlan' | 'taggedVlans'): LintFinding | undefined {
  const [a, b] = link.ends.map((end) => vlansOf(end, prop));
  if (!a || !b) return undefined;
  if ('unreadable' in a) return unreadable(link, a.unreadable, prop, a.written);
  if ('unreadable' in b) return unreadable(link, b.unreadable, prop, b.written);
  const onlyA = a.vlans.filter((vlan) => !b.vlans.includes(vlan));
  const onlyB = b.vlans.filter((vlan) => !a.vlans.includes(vlan));
  if (onlyA.length === 0 && onlyB.length === 0) return undefined;
  return prop === 'vlan' ? untaggedMismatch(link, a, b) : taggedMismatch(link, a, b, onlyA, onlyB);
}

function vlansOf(end: LinkEnd, prop: string): VlanSide | { unreadable: string; written: string } | undefined {
  const setting = portSetting(end, prop);
  if (setting === undefined) return undefined;
  const ranges = parseNumberRanges(setting.value, 1, 4094);
  const vlans = ranges && [...numbersIn(ranges)].sort((x, y) => x - y);
  if (!vlans || (prop === 'vlan' && vlans.length !== 1)) {
    return { unreadable: end.entity.id, written: JSON.stringify(setting.value) };
  }
  return { entity: end.entity.id, source: setting.source, vlans };
}

function untaggedMismatch(link: NetworkLink, a: VlanSide, b: VlanSide): LintFinding {
  return {
    rule,
    severity: 'error',
    message: `${link.id}: untagged VLAN ${a.vlans[0]} on ${a.entity} but ${b.vlans[0]} on ${b.entity}; the two VLANs are bridged`,
    entities: linkEntities(link),
    evidence: { link: link.id, prop: 'vlan', ends: [a, b].map(describe) },
    fix: `set the same untagged VLAN on both ends: vlan ${a.vlans[0]} on ${b.entity} (in ${b.source}) or vlan ${b.vlans[0]} on ${a.entity}`,
  };
}

function taggedMismatch(
  link: NetworkLink,
  a: VlanSide,
  b: VlanSide,
  onlyA: number[],
  onlyB: number[],
): LintFinding {
  const missing = [
    onlyA.length > 0 ? `${compact(onlyA)} only on ${a.entity}` : '',
    onlyB.length > 0 ? `${compact(onlyB)} only on ${b.entity}` : '',
  ].filter((text) => text !== '');
  const adds = [
    onlyA.length > 0 ? `add ${compact(onlyA)} to taggedVlans on ${b.entity} (in ${b.source})` : '',
    onlyB.length > 0 ? `add ${compact(onlyB)} to taggedVlans on ${a.entity} (in ${a.source})` : '',
  ].filter((text) => text !== '');
  return {
    rule,
    severity: 'warning',
    message: `${link.id}: tagged VLANs differ (${missing.join('; ')}); their traffic is dropped on this link`,
    entities: linkEntities(link),
    evidence: { link: link.id, prop: 'taggedVlans', ends: [a, b].map(describe), onlyA, onlyB },
    fix: `${listNames(adds, 2)}, or remove them from the other end if they should not cross this link`,
  };
}

function unreadable(link: NetworkLink, entity: string, prop: string, written: string): LintFinding {
  return {
    rule,
    severity: 'warning',
    message: `${link.id}: ${prop} on ${entity} is ${written}, not VLAN ids from 1 to 4094`,
    entities: [entity],
    evidence: { link: link.id, prop, written },
    fix: `write ${prop} on ${entity} as ${prop === 'vlan' ? 'one VLAN id (100)' : 'VLAN ids or ranges ("100-110,200")'}`,
  };
}

function describe(side: VlanSide) {
  return { entity: side.entity, source: side.source, vlans: compact(side.vlans) };
}

function compact(vlans: readonly number[]): string {
  return formatNumberRanges(
    vlans.map((vlan) => ({ first: BigInt(vlan), last: BigInt(vlan) })).reduce(merge, []),
  );
}

function merge(
  ranges: Array<{ first: bigint; last: bigint }>,
  next: { first: bigint; last: bigint },
): Array<{ first: bigint; last: bigint }> {
  const last = ranges.at(-1);
  if (last && last.last + 1n === next.first)
    ranges[ranges.length - 1] = { first: last.first, last: next.last };
  else ranges.push(next);
  return ranges;
}
