import type { Entity, EntityId, TwinView } from '../../model/index.js';
import { addressKey } from './address-key.js';

/**
 * The kinds a scanned address can belong to: everything with a network stack an attacker can
 * reach. In order of preference when two of them claim one address (a container with host
 * networking shares its host's address; the host is what Nmap talked to).
 */
export const scannableKinds = [
  'host',
  'vm',
  'cloud-instance',
  'container',
  'switch',
  'router',
  'firewall',
  'load-balancer',
  'pdu',
  'ups',
  'cooling-unit',
  'storage-array',
] as const;

export type AddressMatch = 'ip' | 'management-ip';

export interface AddressClaim {
  entityId: EntityId;
  by: AddressMatch;
}

/** `rank`: the position of the claimant's kind in scannableKinds; lower is preferred. */
interface Ranked {
  entityId: EntityId;
  rank: number;
}

type RankedClaim = AddressClaim & Ranked;

/**
 * The twin's assets by IP address (`ipAddresses`, `managementIp`, and `ipAddresses` of the
 * interfaces they contain) and by lower-cased name. Where several assets claim one key, the
 * preferred kind wins, then the smaller id, so the answer does not depend on the order the twin
 * lists entities in.
 */
export class AssetIndex {
  readonly #byAddress = new Map<string, RankedClaim>();
  readonly #byName = new Map<string, Ranked>();

  static of(view: TwinView): AssetIndex {
    const index = new AssetIndex();
    scannableKinds.forEach((kind, rank) => {
      for (const entity of view.entitiesOfKind(kind)) index.#addAsset(entity, rank);
    });
    for (const entity of view.entitiesOfKind('interface')) index.#addInterface(view, entity);
    return index;
  }

  byAddress(key: string): AddressClaim | undefined {
    const claim = this.#byAddress.get(key);
    return claim && { entityId: claim.entityId, by: claim.by };
  }

  byName(name: string): EntityId | undefined {
    return this.#byName.get(name.toLowerCase())?.entityId;
  }

  /** Makes an asset added during an import findable, so two scanned hosts cannot create it twice. */
  addCreated(entityId: EntityId, name: string, addressKeys: readonly string[]): void {
    const rank = scannableKinds.length;
    for (const key of addressKeys) this.#claim(this.#byAddress, key, { entityId, by: 'ip', rank });
    this.#claim(this.#byName, name.toLowerCase(), { entityId, rank });
  }

  #addAsset(entity: Entity, rank: number): void {
    for (const key of addressKeysOf(entity.props.ipAddresses)) {
      this.#claim(this.#byAddress, key, { entityId: entity.id, by: 'ip', rank });
    }
    const management = entity.props.managementIp;
    const managementKey = typeof management === 'string' ? addressKey(management) : undefined;
    if (managementKey !== undefined) {
      this.#claim(this.#byAddress, managementKey, { entityId: entity.id, by: 'management-ip', rank });
    }
    this.#claim(this.#byName, entity.name.toLowerCase(), { entityId: entity.id, rank });
  }

  /** An interface's addresses belong to the asset that contains it. */
  #addInterface(view: TwinView, entity: Entity): void {
    const keys = addressKeysOf(entity.props.ipAddresses);
    if (keys.length === 0) return;
    for (const relation of view.incoming(entity.id, 'contains')) {
      const owner = view.entity(relation.from);
      const rank = owner ? (scannableKinds as readonly string[]).indexOf(owner.kind) : -1;
      if (!owner || rank < 0) continue;
      for (const key of keys) this.#claim(this.#byAddress, key, { entityId: owner.id, by: 'ip', rank });
    }
  }

  #claim<T extends Ranked>(map: Map<string, T>, key: string, claim: T): void {
    const current = map.get(key);
    if (current === undefined || isPreferred(claim, current)) map.set(key, claim);
  }
}

function isPreferred(candidate: Ranked, current: Ranked): boolean {
  if (candidate.rank !== current.rank) return candidate.rank < current.rank;
  return candidate.entityId < current.entityId;
}

function addressKeysOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const key = typeof item === 'string' ? addressKey(item) : undefined;
    return key === undefined ? [] : [key];
  });
}
