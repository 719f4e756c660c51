// What one SNMP poll of one device reads: plain, JSON-serialisable data, no net-snmp types, so the
// mapping and the rate computation are pure functions of it and a poll can be stored and replayed.

/** SNMPv2-MIB `system` group. Missing objects are empty strings (uptime null). */
export interface SnmpSystem {
  /** sysName: usually the configured host name. */
  readonly name: string;
  /** sysDescr: vendor, product and software, often several lines. */
  readonly descr: string;
  /** sysObjectID, dotted without a leading dot, e.g. `1.3.6.1.4.1.8072.3.2.10`. */
  readonly objectId: string;
  /** sysUpTime in seconds (the agent's uptime; it wraps after 497 days). */
  readonly uptimeSeconds: number | null;
  readonly location: string;
  readonly contact: string;
}

/** One row of IF-MIB ifTable joined with ifXTable by ifIndex. */
export interface SnmpInterface {
  /** ifIndex. */
  readonly index: number;
  /** ifName (ifXTable); ifDescr when the agent has no ifXTable. */
  readonly name: string;
  readonly descr: string;
  /** ifAlias: the operator's description of the port; empty when unset or not supported. */
  readonly alias: string;
  /** IANAifType, e.g. 6 ethernetCsmacd, 24 softwareLoopback, 161 ieee8023adLag. */
  readonly type: number;
  /** ifHighSpeed × 10⁶ when the agent has it, else ifSpeed; null when 0 or unknown. */
  readonly speedBitsPerSecond: number | null;
  /** ifPhysAddress as `aa:bb:cc:dd:ee:ff`; null when empty or all zeros. */
  readonly mac: string | null;
  readonly adminUp: boolean;
  readonly operUp: boolean;
  /**
   * Octet counters: ifHCInOctets/ifHCOutOctets (64 bit) when the agent has both, else
   * ifInOctets/ifOutOctets (32 bit); null when the agent has neither. Numbers are exact up to
   * 2⁵³ bytes (8 PiB) and lose at most a few kilobytes beyond, which no rate notices.
   */
  readonly inOctets: number | null;
  readonly outOctets: number | null;
  /** The width the counters wrap at. */
  readonly counterBits: 32 | 64;
  /** IPv4 (ipAddrTable, ipAddressTable) and IPv6 (ipAddressTable) unicast addresses, link-local left out. */
  readonly ipAddresses: string[];
}

/** One LLDP-MIB lldpRemTable row: a device heard on one of this device's ports. */
export interface LldpNeighbour {
  /** The local interface's name (ifName), found through lldpLocPortTable; the LLDP port id when no interface matches. */
  readonly localPort: string;
  /** The local interface's ifIndex, when one matched. */
  readonly localIfIndex: number | null;
  readonly remoteSysName: string;
  /** lldpRemPortId, formatted by its subtype (MAC addresses as `aa:bb:…`, names as text). */
  readonly remotePortId: string;
  /** lldpRemPortIdSubtype: 1 interfaceAlias, 3 macAddress, 5 interfaceName, 7 local, …; null when absent. */
  readonly remotePortIdSubtype: number | null;
  readonly remotePortDesc: string;
  /** lldpRemChassisId, formatted by its subtype (usually a MAC address). */
  readonly remoteChassisId: string;
  readonly remoteChassisIdSubtype: number | null;
}

export interface SnmpDevice {
  /** The address or name polled, as given. */
  readonly host: string;
  readonly port: number;
  readonly system: SnmpSystem;
  readonly interfaces: SnmpInterface[];
  readonly neighbours: LldpNeighbour[];
  /** Epoch milliseconds when the octet counters were read (the middle of their walk). */
  readonly polledAt: number;
}
