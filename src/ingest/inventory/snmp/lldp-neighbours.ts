// LLDP-MIB remote systems as neighbour records: each lldpRemTable row, with its local port
// (lldpRemLocalPortNum) turned into the local interface through lldpLocPortTable, and the remote
// chassis and port ids formatted by their subtypes.
import type { LldpNeighbour, SnmpInterface } from './snmp-device.js';
import type { SnmpVarbind } from './snmp-session.js';
import { displayString, formatMac, integerOf, ipFromOctets } from './snmp-values.js';

type Column = ReadonlyMap<string, SnmpVarbind>;

/** The LLDP-MIB columns as walked, by row index. */
export interface LldpColumns {
  readonly locPortIdSubtype: Column;
  readonly locPortId: Column;
  readonly locPortDesc: Column;
  readonly remChassisIdSubtype: Column;
  readonly remChassisId: Column;
  readonly remPortIdSubtype: Column;
  readonly remPortId: Column;
  readonly remPortDesc: Column;
  readonly remSysName: Column;
}

/** LldpChassisIdSubtype macAddress(4), networkAddress(5); LldpPortIdSubtype macAddress(3), networkAddress(4). */
const chassisMac = 4;
const chassisNetworkAddress = 5;
const portMac = 3;
const portNetworkAddress = 4;
const portLocal = 7;

/** An LLDP id by its subtype: MAC addresses as `aa:bb:…`, network addresses as IPs, the rest as text. */
export function formatLldpId(value: unknown, subtype: number | null, kind: 'chassis' | 'port'): string {
  const mac = kind === 'chassis' ? chassisMac : portMac;
  const network = kind === 'chassis' ? chassisNetworkAddress : portNetworkAddress;
  if (value instanceof Uint8Array) {
    if (subtype === mac && value.length > 0) return formatMac(value);
    // IANA address family first (1 IPv4, 2 IPv6), then the address.
    if (subtype === network && value.length > 1) return ipFromOctets(value.subarray(1)) ?? formatMac(value);
  }
  return displayString(value);
}

function same(a: string, b: string): boolean {
  return a !== '' && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The local interface an LLDP port number stands for. lldpLocPortNum is not an ifIndex (though
 * many agents make it one), so the port's id and description are matched against ifName, ifDescr
 * and ifAlias first, its MAC against ifPhysAddress, and only then the number against ifIndex.
 */
export function localInterfaceOf(
  portNum: number,
  port: { readonly id: string; readonly idSubtype: number | null; readonly desc: string } | undefined,
  interfaces: readonly SnmpInterface[],
): SnmpInterface | undefined {
  if (port) {
    if (port.idSubtype === portMac) {
      const byMac = interfaces.filter((iface) => iface.mac !== null && same(iface.mac, port.id));
      if (byMac.length === 1) return byMac[0];
    }
    for (const text of [port.id, port.desc]) {
      for (const field of ['name', 'descr', 'alias'] as const) {
        const found = interfaces.find((iface) => same(iface[field], text));
        if (found) return found;
      }
    }
    if (port.idSubtype === portLocal && /^\d+$/.test(port.id)) {
      const found = interfaces.find((iface) => iface.index === Number(port.id));
      if (found) return found;
    }
  }
  return interfaces.find((iface) => iface.index === portNum);
}

/** The neighbours in the agent's lldpRemTable, ordered by local port and remote index. */
export function lldpNeighbours(columns: LldpColumns, interfaces: readonly SnmpInterface[]): LldpNeighbour[] {
  const rows = new Set<string>();
  for (const column of [columns.remChassisId, columns.remPortId, columns.remSysName, columns.remPortDesc]) {
    for (const index of column.keys()) rows.add(index);
  }
  const parsed: Array<{ portNum: number; remIndex: number; neighbour: LldpNeighbour }> = [];
  for (const index of rows) {
    // lldpRemTimeMark.lldpRemLocalPortNum.lldpRemIndex
    const parts = index.split('.').map(Number);
    if (parts.length !== 3 || parts.some((part) => !Number.isInteger(part))) continue;
    const portNum = parts[1] as number;
    const remIndex = parts[2] as number;
    const portKey = String(portNum);
    const localIdSubtype = integerOf(columns.locPortIdSubtype.get(portKey)?.value);
    const localPort = columns.locPortId.has(portKey)
      ? {
          id: formatLldpId(columns.locPortId.get(portKey)?.value, localIdSubtype, 'port'),
          idSubtype: localIdSubtype,
          desc: displayString(columns.locPortDesc.get(portKey)?.value),
        }
      : undefined;
    const local = localInterfaceOf(portNum, localPort, interfaces);
    const chassisSubtype = integerOf(columns.remChassisIdSubtype.get(index)?.value);
    const portSubtype = integerOf(columns.remPortIdSubtype.get(index)?.value);
    parsed.push({
      portNum,
      remIndex,
      neighbour: {
        localPort: local ? local.name : localPort?.id || localPort?.desc || portKey,
        localIfIndex: local ? local.index : null,
        remoteSysName: displayString(columns.remSysName.get(index)?.value).trim(),
        remotePortId: formatLldpId(columns.remPortId.get(index)?.value, portSubtype, 'port').trim(),
        remotePortIdSubtype: portSubtype,
        remotePortDesc: displayString(columns.remPortDesc.get(index)?.value).trim(),
        remoteChassisId: formatLldpId(
          columns.remChassisId.get(index)?.value,
          chassisSubtype,
          'chassis',
        ).trim(),
        remoteChassisIdSubtype: chassisSubtype,
      },
    });
  }
  parsed.sort((a, b) => a.portNum - b.portNum || a.remIndex - b.remIndex);
  return parsed.map((entry) => entry.neighbour);
}
