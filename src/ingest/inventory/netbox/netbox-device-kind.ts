// Which twin kind a NetBox device is. NetBox has no device kind, only a free-form role (and a
// device type model), so the kind is read from the words of the role's slug: the rightmost word
// naming a kind of equipment wins (`storage-switch` is a switch, `core-router` a router); failing
// that, a word naming a place in the network (`leaf`, `spine`, `core` → switch; `edge`, `border`
// → router); failing that, the same nouns in the device type model (`smart-ups-3000`); failing
// that, a host. Patch panels and cable managers are passive: the twin has no kind for them.

export type DeviceKind =
  | 'host'
  | 'switch'
  | 'router'
  | 'firewall'
  | 'load-balancer'
  | 'pdu'
  | 'ups'
  | 'storage-array';

export interface DeviceClass {
  /** `passive`: a patch panel or cable manager, not mapped. */
  readonly kind: DeviceKind | 'passive';
  /** The place in the network the role names: access, tor, leaf, spine, aggregation, core, edge… */
  readonly fabricRole?: string;
  /** Nothing named a kind: a host by default. */
  readonly guessed: boolean;
}

/** Several-word names made one word before the role is split into words. */
const phrases: readonly [RegExp, string][] = [
  [/load-?balancers?/g, 'loadbalancer'],
  [/top-of-rack/g, 'tor'],
  [/bare-?metal/g, 'baremetal'],
  [/power-distribution(?:-units?)?/g, 'pdu'],
  [/patch-?panels?/g, 'patchpanel'],
  [/cable-?management/g, 'cablemanagement'],
  [/storage-?arrays?/g, 'storage'],
];

const nouns: Readonly<Record<string, DeviceKind | 'passive'>> = {
  firewall: 'firewall',
  firewalls: 'firewall',
  fw: 'firewall',
  ngfw: 'firewall',
  utm: 'firewall',
  loadbalancer: 'load-balancer',
  lb: 'load-balancer',
  adc: 'load-balancer',
  slb: 'load-balancer',
  router: 'router',
  routers: 'router',
  rtr: 'router',
  switch: 'switch',
  switches: 'switch',
  sw: 'switch',
  pdu: 'pdu',
  pdus: 'pdu',
  rpdu: 'pdu',
  ups: 'ups',
  storage: 'storage-array',
  san: 'storage-array',
  nas: 'storage-array',
  filer: 'storage-array',
  server: 'host',
  servers: 'host',
  compute: 'host',
  host: 'host',
  hosts: 'host',
  hypervisor: 'host',
  baremetal: 'host',
  patchpanel: 'passive',
  patch: 'passive',
  cablemanagement: 'passive',
};

const places: Readonly<Record<string, { kind: DeviceKind; fabricRole: string }>> = {
  edge: { kind: 'router', fabricRole: 'edge' },
  border: { kind: 'router', fabricRole: 'border' },
  wan: { kind: 'router', fabricRole: 'wan' },
  leaf: { kind: 'switch', fabricRole: 'leaf' },
  spine: { kind: 'switch', fabricRole: 'spine' },
  tor: { kind: 'switch', fabricRole: 'tor' },
  access: { kind: 'switch', fabricRole: 'access' },
  core: { kind: 'switch', fabricRole: 'core' },
  aggregation: { kind: 'switch', fabricRole: 'aggregation' },
  agg: { kind: 'switch', fabricRole: 'aggregation' },
  distribution: { kind: 'switch', fabricRole: 'distribution' },
};

function wordsOf(text: string): string[] {
  let normal = text.toLowerCase().replace(/[\s_.]+/g, '-');
  for (const [pattern, word] of phrases) normal = normal.replace(pattern, word);
  return normal
    .split('-')
    .map((word) => word.replace(/\d+$/, ''))
    .filter((word) => word !== '');
}

function lastMatch<T>(words: readonly string[], table: Readonly<Record<string, T>>): T | undefined {
  for (let at = words.length - 1; at >= 0; at--) {
    const found = Object.hasOwn(table, words[at] as string) ? table[words[at] as string] : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

export interface DeviceClassInput {
  /** The role's slug, or its name. */
  readonly role?: string;
  /** The device type's slug, or its model. */
  readonly model?: string;
  /** NetBox's component counters, when the API gave them. */
  readonly interfaceCount?: number;
  readonly powerPortCount?: number;
  readonly rearPortCount?: number;
}

export function classifyDevice(input: DeviceClassInput): DeviceClass {
  const roleWords = input.role === undefined ? [] : wordsOf(input.role);
  const place = lastMatch(roleWords, places);
  const fabricRole = place?.fabricRole;
  const withPlace = (kind: DeviceKind | 'passive'): DeviceClass =>
    fabricRole === undefined ? { kind, guessed: false } : { kind, fabricRole, guessed: false };
  const noun = lastMatch(roleWords, nouns);
  if (noun !== undefined) return withPlace(noun);
  if (place !== undefined) return withPlace(place.kind);
  const modelNoun = input.model === undefined ? undefined : lastMatch(wordsOf(input.model), nouns);
  if (modelNoun !== undefined) return { kind: modelNoun, guessed: false };
  const onlyPorts =
    input.interfaceCount === 0 && input.powerPortCount === 0 && (input.rearPortCount ?? 0) > 0;
  return onlyPorts ? { kind: 'passive', guessed: false } : { kind: 'host', guessed: true };
}

/**
 * How far from the servers a device sits, to write each cable's `connects` from the device to its
 * uplink (docs/model.md): servers and appliances 0, access/ToR/leaf switches 1, spine,
 * aggregation and distribution 2, core 3, routers 4, firewalls 5, edge and border routers 6.
 * Two ends of one tier are peers (an MLAG link, a back-to-back cable).
 */
export function networkTier(kind: string, fabricRole?: string): number {
  switch (kind) {
    case 'switch':
      if (fabricRole === 'core') return 3;
      return fabricRole === 'spine' || fabricRole === 'aggregation' || fabricRole === 'distribution' ? 2 : 1;
    case 'router':
      return fabricRole === 'edge' || fabricRole === 'border' || fabricRole === 'wan' ? 6 : 4;
    case 'firewall':
      return 5;
    default:
      return 0;
  }
}
