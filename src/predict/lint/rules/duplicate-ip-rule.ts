import type { Entity, EntityId, TwinView } from '../../../model/index.js';
import { formatIpAddress, type IpAddress, isHostLocal } from '../../../model/index.js';
import { parseIpAddress } from '../ip-address.js';
import type { LintFinding } from '../lint-finding.js';
import type { LintRule } from '../lint-rule.js';
import { listNames, stringProp } from '../prop-values.js';

const rule = 'duplicate-ip';
const defaultVrf = 'default';
/** Containers of an interface that are places, not devices: the interface is its own owner there. */
const placeKinds = new Set(['site', 'room', 'rack']);

interface WrittenAddress {
  entity: EntityId;
  prop: string;
  written: string;
}

interface AddressUse {
  address: IpAddress;
  vrf: string;
  uses: WrittenAddress[];
  owners: Set<EntityId>;
}

/**
 * One address on two devices in one routing domain: traffic reaches whichever answered ARP or
 * neighbour discovery last. Reads `ipAddresses` (array) and `managementIp`; a `vrf` prop or label
 * scopes an entity's addresses. A device and its own interfaces may repeat an address.
 */
export const duplicateIpRule: LintRule = {
  name: rule,
  description: 'the same IP address on two entities in one VRF (ipAddresses, managementIp)',
  check(view) {
    const findings: LintFinding[] = [];
    const uses = new Map<string, AddressUse>();
    for (const entity of view.entities()) {
      const written = writtenAddresses(entity);
      if (written.length === 0) continue;
      const owner = ownerOf(view, entity);
      const vrf = vrfOf(entity) ?? (owner.id !== entity.id ? vrfOf(owner) : undefined) ?? defaultVrf;
      for (const item of written) {
        const address = parseIpAddress(addressPart(item.written));
        if (address === undefined || !hasValidPrefix(item.written)) {
          findings.push(unreadable(item));
          continue;
        }
        if (isHostLocal(address)) continue;
        // Keyed by the number, not the text: formatting every address costs more than the check.
        const key = `${vrf}\u0000${address.family}:${address.value.toString(16)}`;
        const use = uses.get(key) ?? { address, vrf, uses: [], owners: new Set<EntityId>() };
        use.uses.push(item);
        use.owners.add(owner.id);
        uses.set(key, use);
      }
    }
    for (const use of uses.values()) if (use.owners.size > 1) findings.push(duplicate(use));
    return findings;
  },
};

function writtenAddresses(entity: Entity): WrittenAddress[] {
  const found: WrittenAddress[] = [];
  const list = entity.props.ipAddresses;
  if (Array.isArray(list)) {
    for (const item of list) {
      found.push({
        entity: entity.id,
        prop: 'ipAddresses',
        written: typeof item === 'string' ? item : JSON.stringify(item),
      });
    }
  } else if (list !== undefined) {
    found.push({ entity: entity.id, prop: 'ipAddresses', written: JSON.stringify(list) });
  }
  const management = entity.props.managementIp;
  if (management !== undefined) {
    const written = typeof management === 'string' ? management : JSON.stringify(management);
    found.push({ entity: entity.id, prop: 'managementIp', written });
  }
  return found;
}

/** `10.0.0.5/24` is the address 10.0.0.5 on a /24: the prefix says nothing about identity. */
function addressPart(written: string): string {
  const slash = written.indexOf('/');
  return slash >= 0 ? written.slice(0, slash) : written;
}

function hasValidPrefix(written: string): boolean {
  const slash = written.indexOf('/');
  return slash < 0 || /^\d{1,3}$/.test(written.slice(slash + 1).trim());
}

/** An interface belongs to the device that contains it; everything else to itself. */
function ownerOf(view: TwinView, entity: Entity): Entity {
  if (entity.kind !== 'interface') return entity;
  for (const relation of view.incoming(entity.id, 'contains')) {
    const parent = view.entity(relation.from);
    if (parent && !placeKinds.has(parent.kind)) return parent;
  }
  return entity;
}

function vrfOf(entity: Entity): string | undefined {
  return stringProp(entity, 'vrf') ?? entity.labels.vrf;
}

function duplicate(use: AddressUse): LintFinding {
  const owners = [...use.owners].sort();
  const [keep = '', ...others] = owners;
  const vrfText = use.vrf === defaultVrf ? '' : ` in VRF ${use.vrf}`;
  const address = formatIpAddress(use.address);
  return {
    rule,
    severity: 'error',
    message: `${address}${vrfText} is assigned to ${owners.length} devices: ${listNames(owners)}`,
    entities: owners,
    evidence: {
      address,
      vrf: use.vrf,
      assignments: use.uses.map((item) => ({ entity: item.entity, prop: item.prop, written: item.written })),
    },
    fix: `give each device its own address: keep ${address} on ${keep} and re-address ${listNames(others)} (or, if they sit in separate routing domains, say so with a 'vrf' prop)`,
  };
}

function unreadable(item: WrittenAddress): LintFinding {
  return {
    rule,
    severity: 'warning',
    message: `${item.entity}: ${item.prop} holds '${item.written}', which is not an IP address`,
    entities: [item.entity],
    evidence: { prop: item.prop, written: item.written },
    fix: `write ${item.prop} on ${item.entity} as IPv4 or IPv6 addresses, optionally with a prefix length (10.0.0.5/24)`,
  };
}
