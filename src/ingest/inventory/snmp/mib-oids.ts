// The MIB objects SNMP discovery reads, by number: the agent's own MIB files are never needed.

/** SNMPv2-MIB system group scalars (instance `.0`). */
export const systemOids = {
  descr: '1.3.6.1.2.1.1.1.0',
  objectId: '1.3.6.1.2.1.1.2.0',
  uptime: '1.3.6.1.2.1.1.3.0',
  contact: '1.3.6.1.2.1.1.4.0',
  name: '1.3.6.1.2.1.1.5.0',
  location: '1.3.6.1.2.1.1.6.0',
} as const;

/** IF-MIB ifTable columns (ifEntry 1.3.6.1.2.1.2.2.1). */
export const ifTable = {
  descr: '1.3.6.1.2.1.2.2.1.2',
  type: '1.3.6.1.2.1.2.2.1.3',
  speed: '1.3.6.1.2.1.2.2.1.5',
  physAddress: '1.3.6.1.2.1.2.2.1.6',
  adminStatus: '1.3.6.1.2.1.2.2.1.7',
  operStatus: '1.3.6.1.2.1.2.2.1.8',
  inOctets: '1.3.6.1.2.1.2.2.1.10',
  outOctets: '1.3.6.1.2.1.2.2.1.16',
} as const;

/** IF-MIB ifXTable columns (ifXEntry 1.3.6.1.2.1.31.1.1.1). */
export const ifXTable = {
  name: '1.3.6.1.2.1.31.1.1.1.1',
  hcInOctets: '1.3.6.1.2.1.31.1.1.1.6',
  hcOutOctets: '1.3.6.1.2.1.31.1.1.1.10',
  highSpeed: '1.3.6.1.2.1.31.1.1.1.15',
  alias: '1.3.6.1.2.1.31.1.1.1.18',
} as const;

/** IP-MIB ipAddrTable (IPv4 only, deprecated but everywhere): index is the address. */
export const ipAddrTable = { ifIndex: '1.3.6.1.2.1.4.20.1.2' } as const;

/** IP-MIB ipAddressTable (RFC 4293, IPv4 and IPv6): index is addressType.length.octets. */
export const ipAddressTable = {
  ifIndex: '1.3.6.1.2.1.4.34.1.3',
  /** unicast(1), anycast(2), broadcast(3). */
  type: '1.3.6.1.2.1.4.34.1.4',
} as const;

/** LLDP-MIB (IEEE 802.1AB-2005) lldpLocPortTable: index is lldpLocPortNum. */
export const lldpLocPortTable = {
  idSubtype: '1.0.8802.1.1.2.1.3.7.1.2',
  id: '1.0.8802.1.1.2.1.3.7.1.3',
  desc: '1.0.8802.1.1.2.1.3.7.1.4',
} as const;

/** LLDP-MIB lldpRemTable: index is lldpRemTimeMark.lldpRemLocalPortNum.lldpRemIndex. */
export const lldpRemTable = {
  chassisIdSubtype: '1.0.8802.1.1.2.1.4.1.1.4',
  chassisId: '1.0.8802.1.1.2.1.4.1.1.5',
  portIdSubtype: '1.0.8802.1.1.2.1.4.1.1.6',
  portId: '1.0.8802.1.1.2.1.4.1.1.7',
  portDesc: '1.0.8802.1.1.2.1.4.1.1.8',
  sysName: '1.0.8802.1.1.2.1.4.1.1.9',
} as const;

/** IANAifType softwareLoopback. */
export const softwareLoopbackType = 24;
