// The entity ids SNMP discovery gives devices and interfaces, shared by the inventory mapping and
// the samples so that a rate lands on the interface the import created.
import type { EntityId } from '../../../model/index.js';
import { inventorySlug } from '../inventory-import.js';
import { softwareLoopbackType } from './mib-oids.js';
import type { SnmpDevice, SnmpInterface } from './snmp-device.js';

/** The provenance source of SNMP discovery: `snmp:<name>`, `snmp:discovery` by default. */
export function snmpSourceName(name?: string): string {
  return `snmp:${name?.trim() || 'discovery'}`;
}

/** The device's part of every id: its sysName, or the address polled when it has none. */
export function deviceSlug(device: Pick<SnmpDevice, 'system' | 'host'>): string {
  return inventorySlug(device.system.name || device.host);
}

/** A loopback without addresses says nothing about the network; every other interface is mapped. */
export function isMappedInterface(iface: SnmpInterface): boolean {
  return iface.type !== softwareLoopbackType || iface.ipAddresses.length > 0;
}

/**
 * The mapped interfaces and their ids, `interface:<device slug>/<slug(ifName)>`. Two interfaces
 * whose names slug alike (`Gi0/1` and `gi0/1`) keep apart: every one after the lowest ifIndex gets
 * `-<ifIndex>` appended.
 */
export function interfaceIds(device: SnmpDevice): Array<{ iface: SnmpInterface; id: EntityId }> {
  const prefix = `interface:${deviceSlug(device)}/`;
  const taken = new Set<string>();
  const out: Array<{ iface: SnmpInterface; id: EntityId }> = [];
  const mapped = device.interfaces.filter(isMappedInterface).sort((a, b) => a.index - b.index);
  for (const iface of mapped) {
    let id = `${prefix}${inventorySlug(iface.name)}`;
    if (taken.has(id)) id = `${id}-${iface.index}`;
    for (let n = 2; taken.has(id); n++) id = `${prefix}${inventorySlug(iface.name)}-${iface.index}-${n}`;
    taken.add(id);
    out.push({ iface, id });
  }
  return out;
}
