// Which twin kind an SNMP agent is, from what it says about itself: sysObjectID's enterprise
// number where it names a vendor of one kind of device, else keywords in sysDescr, else the
// operating-system banner of a general-purpose agent (net-snmp on Linux, Windows) meaning a host.
import type { SnmpSystem } from './snmp-device.js';

export type SnmpDeviceKind = 'switch' | 'router' | 'firewall' | 'host';

export interface KindGuess {
  readonly kind: SnmpDeviceKind;
  /** What decided it, for the import's problems and for people wondering. */
  readonly reason: string;
  /** False when nothing matched and `host` is only the fallback. */
  readonly recognised: boolean;
}

const enterprises = '1.3.6.1.4.1.';

/** Enterprise numbers (IANA) of vendors that make one kind of device. */
const vendorKinds: ReadonlyArray<readonly [number, SnmpDeviceKind, string]> = [
  [12356, 'firewall', 'Fortinet'],
  [25461, 'firewall', 'Palo Alto Networks'],
  [2620, 'firewall', 'Check Point'],
  [8741, 'firewall', 'SonicWall'],
  [30065, 'switch', 'Arista'],
  [40310, 'switch', 'Cumulus'],
  [14988, 'router', 'MikroTik'],
];

/** Checked in this order: a firewall's description often says "router" too. */
const descrKinds: ReadonlyArray<readonly [RegExp, SnmpDeviceKind]> = [
  [
    /\bfirewall\b|fortigate|fortios|pan-os|palo alto|adaptive security appliance|\basa\s?\d|sonicwall|sonicos|pfsense|opnsense|check ?point|\bsrx\d*\b/i,
    'firewall',
  ],
  [
    /\bswitch(ing)?\b|catalyst|\bnexus\b|nx-os|\bc(2960|3560|3650|3750|3850|9200|9300|9400|9500)|\bcat\d{4}|arista|\beos\b|cumulus|sonic software|procurve|aruba|comware|\bex\d{4}\b|\bqfx\d*\b|powerconnect|dell emc networking|\bos10\b|\bicx\d*|extremexos|\bexos\b|edgeswitch|onyx|mellanox/i,
    'switch',
  ],
  [
    /\brouter\b|routeros|mikrotik|ios[ -]xr|\bvyos\b|vyatta|edgeos|\b(mx|ptx|acx)\d+\b|\b(isr|asr|csr)\s?\d{3,4}|cisco ios|junos|juniper/i,
    'router',
  ],
];

/** General-purpose operating systems: their agent speaks for the machine. */
const osBanner = /^(linux|windows|hardware:.*software: windows|freebsd|openbsd|netbsd|darwin|sunos|aix)\b/i;

/** net-snmp's own sysObjectID for its agent on each OS (…8072.3.2.10 Linux), Microsoft's for Windows. */
const hostObjectIds = [`${enterprises}8072.3.2.`, `${enterprises}311.1.1.3.`];

/**
 * sysDescr without the names of the machine: `Linux it-switch-1 6.1.0 …` names a host, whatever
 * the host is called, so the node name (uname's second field) and sysName are not read for keywords.
 */
function descrWithoutNames(system: Pick<SnmpSystem, 'descr' | 'name'>): string {
  const text = system.descr.replace(/^(linux|freebsd|openbsd|netbsd|darwin|sunos)\s+\S+/i, '$1');
  if (system.name === '') return text;
  const name = system.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![\\w.-])${name}(?![\\w-])`, 'gi'), ' ');
}

/** Whether sysDescr is an operating system's banner rather than a network device's. */
export function isOsBanner(descr: string): boolean {
  return osBanner.test(descr.trim());
}

export function guessDeviceKind(system: Pick<SnmpSystem, 'descr' | 'name' | 'objectId'>): KindGuess {
  for (const [number, kind, vendor] of vendorKinds) {
    const prefix = `${enterprises}${number}`;
    if (system.objectId === prefix || system.objectId.startsWith(`${prefix}.`)) {
      return { kind, reason: `sysObjectID ${system.objectId} is ${vendor}'s`, recognised: true };
    }
  }
  const descr = descrWithoutNames(system);
  for (const [pattern, kind] of descrKinds) {
    const match = pattern.exec(descr);
    if (match) return { kind, reason: `sysDescr mentions '${match[0]}'`, recognised: true };
  }
  if (hostObjectIds.some((prefix) => system.objectId.startsWith(prefix))) {
    return {
      kind: 'host',
      reason: `sysObjectID ${system.objectId} is a general-purpose agent's`,
      recognised: true,
    };
  }
  if (isOsBanner(system.descr)) {
    return { kind: 'host', reason: 'sysDescr is an operating system banner', recognised: true };
  }
  return {
    kind: 'host',
    reason: `neither sysObjectID '${system.objectId}' nor sysDescr says what it is`,
    recognised: false,
  };
}
